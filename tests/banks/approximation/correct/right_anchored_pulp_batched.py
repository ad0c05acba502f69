# A differently written correct solution: the interpolant anchored at the right end with neurons
# ReLU(x_k - x) (weight -1, bias x_k, k = 1..N) and output bias f(x_N); hull membership with PuLP
# and CBC, read through sol_status; the Monte-Carlo draws all points of all trials at once.
# %% cell: relu_interpolant
def relu_interpolant(f, knots):
    x = np.array(sorted({float(v) for v in np.asarray(knots, dtype=float).ravel()}))
    y = np.array([float(f(np.array([v]))[0]) for v in x])
    n = len(x) - 1
    s = (y[1:] - y[:-1]) / (x[1:] - x[:-1])
    # On segment k the slope is -(a_(k+1) + ... + a_N), where a_j multiplies ReLU(x_j - x).
    a = np.empty(n)
    a[n - 1] = -s[n - 1]
    for j in range(n - 1, 0, -1):
        a[j - 1] = -s[j - 1] + s[j]
    return [(-np.ones((n, 1)), x[1:].copy()), (a[None, :], np.array([y[-1]]))]
# %% cell: in_hull
import pulp


def in_hull(X, x):
    X = np.asarray(X, dtype=float)
    x = np.asarray(x, dtype=float).reshape(-1)
    n, d = X.shape
    prob = pulp.LpProblem("hull_membership", pulp.LpMinimize)
    lam = [pulp.LpVariable(f"lam_{i}", lowBound=0) for i in range(n)]
    prob += pulp.lpSum([])  # no objective: a feasibility problem
    for j in range(d):
        prob += pulp.lpSum(float(X[i, j]) * lam[i] for i in range(n)) == float(x[j])
    prob += pulp.lpSum(lam) == 1
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    if prob.sol_status == pulp.LpSolutionOptimal:
        return True, np.array([v.varValue for v in lam], dtype=float)
    return False, None
# %% cell: interpolation_probability
def interpolation_probability(n, d, trials, seed=0, query="new"):
    rng = np.random.default_rng(seed)
    clouds = rng.standard_normal((trials, n, d))
    if query == "new":
        queries = rng.standard_normal((trials, d))
    elif query == "origin":
        queries = np.zeros((trials, d))
    else:
        raise ValueError(query)
    hits = sum(in_hull(cloud, point)[0] for cloud, point in zip(clouds, queries))
    return float(hits) / trials
