# Tests the bounding box (min <= x <= max in every coordinate) instead of the hull: right in 1-D
# only, and it has no certificate to return.
# fails: test_in_hull test_in_hull_hidden test_interpolation_probability test_interpolation_probability_hidden
# %% cell: in_hull
def in_hull(X, x):
    X = np.asarray(X, dtype=float)
    x = np.asarray(x, dtype=float).reshape(-1)
    inside = bool(np.all(X.min(axis=0) <= x) and np.all(x <= X.max(axis=0)))
    return inside, None
