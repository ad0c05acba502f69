# The seed paper's approach: the largest gap among pairs of data points within epsilon, written
# as a (trivial) LP. It is a lower bound from a sample, not a maximum over the input domain.
# fails: test_certification_milp test_certification_milp_hidden
# %% cell: certification_milp
def certification_milp(layers, epsilon, theta, metric="linf"):
    n = layers[0][0].shape[1]
    data = np.random.default_rng(0).random((300, n))  # stands in for the training set
    f = relu_forward(layers, data)
    gaps = np.abs(data[:, None, :] - data[None, :, :]) * np.asarray(theta)
    dist = gaps.max(-1) if metric == "linf" else gaps.sum(-1)
    diff = np.where(dist <= epsilon, f[:, None] - f[None, :], -np.inf)
    i, j = np.unravel_index(np.argmax(diff), diff.shape)
    prob = pulp.LpProblem("data_pairs", pulp.LpMaximize)
    delta = pulp.LpVariable("delta", 0)
    prob += delta
    prob += delta <= float(diff[i, j])
    x1 = [pulp.LpVariable(f"p_x{k}", float(data[i, k]), float(data[i, k])) for k in range(n)]
    x2 = [pulp.LpVariable(f"q_x{k}", float(data[j, k]), float(data[j, k])) for k in range(n)]
    prob += pulp.lpSum(x1) + pulp.lpSum(x2) >= 0  # mention the inputs so they get values
    return prob, x1, x2
