# Writes X^T lambda <= x as an inequality (A_ub) where it must be an equality: any point that
# dominates some convex combination of the points is reported inside.
# fails: test_in_hull test_in_hull_hidden test_interpolation_probability test_interpolation_probability_hidden
# %% cell: in_hull
def in_hull(X, x):
    X = np.asarray(X, dtype=float)
    x = np.asarray(x, dtype=float).reshape(-1)
    n = X.shape[0]
    result = linprog(np.zeros(n), A_ub=X.T, b_ub=x, A_eq=np.ones((1, n)), b_eq=[1.0],
                     bounds=(0, None), method="highs")
    if result.status == 0:
        return True, result.x
    return False, None
