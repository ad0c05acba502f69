# Solves the right LP with PuLP and reads lambda from prob.variables(): PuLP sorts them by name
# (lam_0, lam_1, lam_10, lam_11, lam_2, ...) and adds a __dummy variable (value None) for the empty
# objective, so the weights come back with an extra None and, from 11 points on, in the wrong order.
# fails: test_in_hull test_in_hull_hidden
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
    if prob.sol_status == pulp.LpSolutionOptimal:
        return True, np.array([v.varValue for v in prob.variables()])
    return False, None
