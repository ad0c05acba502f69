# A differently written correct solution: interval bounds in centre-radius form, one global big-M
# per layer with binaries for every neuron, the objective through a delta variable, the l1 metric
# with split positive and negative parts, and sigmoid bounds from the tangent parallel to the chord.
# %% cell: interval_bounds
def interval_bounds(layers, lower, upper):
    centre = (np.asarray(lower, float) + np.asarray(upper, float)) / 2
    radius = (np.asarray(upper, float) - np.asarray(lower, float)) / 2
    out = []
    for w, b in layers:
        mid, spread = w @ centre + b, np.abs(w) @ radius
        out.append((mid - spread, mid + spread))
        lo, hi = np.maximum(mid - spread, 0), np.maximum(mid + spread, 0)
        centre, radius = (lo + hi) / 2, (hi - lo) / 2
    return out
# %% cell: certification_milp
def certification_milp(layers, epsilon, theta, metric="linf"):
    n = layers[0][0].shape[1]
    bounds = interval_bounds(layers, np.zeros(n), np.ones(n))
    prob = pulp.LpProblem("certificate", pulp.LpMaximize)
    xs, outs = [], []
    for side in ("left", "right"):
        x = pulp.LpVariable.dicts(f"{side}_in", range(n), 0, 1)
        h = [x[i] for i in range(n)]
        for k, (w, b) in enumerate(layers):
            z = [pulp.lpSum(float(w[j, i]) * h[i] for i in range(len(h))) + float(b[j]) for j in range(len(b))]
            if k == len(layers) - 1:
                break
            big_m = float(max(np.abs(bounds[k][0]).max(), np.abs(bounds[k][1]).max(), 1e-6))
            act = pulp.LpVariable.dicts(f"{side}_act{k}", range(len(z)), 0)
            gate = pulp.LpVariable.dicts(f"{side}_gate{k}", range(len(z)), cat="Binary")
            for j in range(len(z)):
                prob += act[j] >= z[j]
                prob += act[j] <= z[j] + big_m * (1 - gate[j])
                prob += act[j] <= big_m * gate[j]
            h = [act[j] for j in range(len(z))]
        xs.append([x[i] for i in range(n)])
        outs.append(z[0])
    delta = pulp.LpVariable("delta")
    prob += delta
    prob += delta <= outs[0] - outs[1]
    if metric == "linf":
        for i in range(n):
            if theta[i] != 0:
                prob += xs[0][i] - xs[1][i] <= epsilon / theta[i]
                prob += xs[1][i] - xs[0][i] <= epsilon / theta[i]
    else:
        plus = pulp.LpVariable.dicts("plus", range(n), 0)
        minus = pulp.LpVariable.dicts("minus", range(n), 0)
        for i in range(n):
            prob += xs[0][i] - xs[1][i] == plus[i] - minus[i]
        prob += pulp.lpSum(theta[i] * (plus[i] + minus[i]) for i in range(n)) <= epsilon
    return prob, xs[0], xs[1]
# %% cell: certify
def certify(layers, epsilon, theta, metric="linf", time_limit=30):
    prob, left, right = certification_milp(layers, epsilon, theta, metric)
    solver = pulp.getSolver("PULP_CBC_CMD", msg=0, timeLimit=time_limit)
    prob.solve(solver)
    proven = pulp.LpSolution[prob.sol_status] == "Optimal Solution Found"
    return Certificate(float(prob.objective.value()), np.array([v.varValue for v in left]),
                       np.array([v.varValue for v in right]), proven)
# %% cell: sigmoid_bounds
def sigmoid_bounds(lo, hi, pieces=16):
    s = lambda t: 1 / (1 + np.exp(-t))
    cuts = list(np.linspace(lo, hi, pieces + 1))
    if lo < 0 < hi and 0.0 not in cuts:
        cuts = sorted(cuts + [0.0])
    z = np.array(cuts)
    lower, upper = np.zeros((len(z) - 1, 2)), np.zeros((len(z) - 1, 2))
    for k in range(len(z) - 1):
        a, b = z[k], z[k + 1]
        slope = (s(b) - s(a)) / (b - a)
        chord = (slope, s(a) - slope * a)
        # the tangent parallel to the chord touches where s(t)(1 - s(t)) = slope
        root = np.sqrt(max(1 - 4 * slope, 0.0))
        p = (1 - root) / 2 if b <= 0 else (1 + root) / 2
        p = min(max(p, s(a)), s(b))
        t = np.log(p / (1 - p))
        tangent = (slope, p - slope * t)
        if b <= 0:
            lower[k], upper[k] = tangent, chord
        else:
            lower[k], upper[k] = chord, tangent
    return z, lower, upper
