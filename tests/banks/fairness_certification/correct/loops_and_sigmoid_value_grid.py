# Another correct solution: interval bounds neuron by neuron in plain Python, stable neurons
# encoded like unstable ones (binaries everywhere, still exact), x'' written as x' + d with the
# metric on d, and Benussi et al.'s grid uniform in sigmoid value, split at sigmoid = 0.5.
# %% cell: interval_bounds
def interval_bounds(layers, lower, upper):
    box = list(zip(np.asarray(lower, float), np.asarray(upper, float)))
    result = []
    for w, b in layers:
        lows, highs = [], []
        for j in range(w.shape[0]):
            low = high = float(b[j])
            for i, (a, c) in enumerate(box):
                low += min(w[j, i] * a, w[j, i] * c)
                high += max(w[j, i] * a, w[j, i] * c)
            lows.append(low)
            highs.append(high)
        result.append((np.array(lows), np.array(highs)))
        box = [(max(a, 0.0), max(c, 0.0)) for a, c in zip(lows, highs)]
    return result
# %% cell: certification_milp
def certification_milp(layers, epsilon, theta, metric="linf"):
    n = layers[0][0].shape[1]
    bounds = interval_bounds(layers, [0.0] * n, [1.0] * n)
    prob = pulp.LpProblem("if_cert", sense=pulp.LpMaximize)
    x1 = [pulp.LpVariable(f"x1_{i}", lowBound=0, upBound=1) for i in range(n)]
    d = [pulp.LpVariable(f"d_{i}", lowBound=-1, upBound=1) for i in range(n)]
    x2 = [pulp.LpVariable(f"x2_{i}", lowBound=0, upBound=1) for i in range(n)]
    for i in range(n):
        prob += x2[i] == x1[i] + d[i]

    def output(x, tag):
        h = x
        for k, (w, b) in enumerate(layers):
            pre = [pulp.lpSum(float(w[j, i]) * h[i] for i in range(len(h))) + float(b[j]) for j in range(len(b))]
            if k == len(layers) - 1:
                return pre[0]
            lo, hi = bounds[k]
            nxt = []
            for j, z in enumerate(pre):
                L, U = min(float(lo[j]), 0.0), max(float(hi[j]), 0.0)
                y = pulp.LpVariable(f"{tag}_y{k}_{j}", lowBound=0, upBound=U)
                g = pulp.LpVariable(f"{tag}_g{k}_{j}", cat=pulp.LpBinary)
                prob.addConstraint(y >= z)
                prob.addConstraint(y <= z - L * (1 - g))
                prob.addConstraint(y <= U * g)
                nxt.append(y)
            h = nxt

    f1, f2 = output(x1, "one"), output(x2, "two")
    prob += f1 - f2, "gap"
    if metric == "linf":
        for i in range(n):
            if theta[i] > 0:
                prob += d[i] <= epsilon / theta[i]
                prob += -d[i] <= epsilon / theta[i]
    else:
        size = [pulp.LpVariable(f"abs_{i}", lowBound=0) for i in range(n)]
        for i in range(n):
            prob += size[i] >= d[i]
            prob += size[i] >= -d[i]
        prob += pulp.lpSum([theta[i] * size[i] for i in range(n)]) <= epsilon
    return prob, x1, x2
# %% cell: certify
def certify(layers, epsilon, theta, metric="linf", time_limit=30):
    prob, a, b = certification_milp(layers, epsilon, theta, metric)
    status = prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit))
    point = lambda xs: np.array([x.value() for x in xs])
    return Certificate(delta=pulp.value(prob.objective), x_prime=point(a), x_double_prime=point(b),
                       proven=bool(prob.sol_status == 1))
# %% cell: sigmoid_bounds
def sigmoid_bounds(lo, hi, pieces=16):
    sig = lambda t: 1.0 / (1.0 + np.exp(-t))
    logit = lambda p: np.log(p / (1.0 - p))
    if lo < 0 < hi:
        left = max(1, round(pieces * (0.5 - sig(lo)) / (sig(hi) - sig(lo))))
        right = max(1, pieces - left)
        z = np.concatenate([logit(np.linspace(sig(lo), 0.5, left + 1))[:-1],
                            logit(np.linspace(0.5, sig(hi), right + 1))])
        z[0], z[left], z[-1] = lo, 0.0, hi
    else:
        z = logit(np.linspace(sig(lo), sig(hi), pieces + 1))
        z[0], z[-1] = lo, hi
    z = np.unique(z)
    lower, upper = [], []
    for a, b in zip(z[:-1], z[1:]):
        m = 0.5 * (a + b)
        tangent_slope = sig(m) * (1 - sig(m))
        tangent = [tangent_slope, sig(m) - tangent_slope * m]
        chord_slope = (sig(b) - sig(a)) / (b - a)
        chord = [chord_slope, sig(a) - chord_slope * a]
        (lower if b <= 0 else upper).append(tangent)
        (upper if b <= 0 else lower).append(chord)
    return z, np.array(lower), np.array(upper)
