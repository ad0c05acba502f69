# Solves the right LP with PuLP but reads the status as a truth value: prob.status is -1 for an
# infeasible problem, and bool(-1) is True, so every point is reported inside.
# fails: test_in_hull test_in_hull_hidden test_interpolation_probability test_interpolation_probability_hidden
# %% cell: in_hull
import pulp


def in_hull(X, x):
    X = np.asarray(X, dtype=float)
    x = np.asarray(x, dtype=float).reshape(-1)
    n, d = X.shape
    prob = pulp.LpProblem("hull", pulp.LpMinimize)
    lam = [pulp.LpVariable(f"lam_{i}", lowBound=0) for i in range(n)]
    prob += pulp.lpSum([])
    for j in range(d):
        prob += pulp.lpSum(float(X[i, j]) * lam[i] for i in range(n)) == float(x[j])
    prob += pulp.lpSum(lam) == 1
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    if prob.status:
        return True, np.array([v.varValue or 0.0 for v in lam])
    return False, None
