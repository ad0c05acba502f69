# Propagates the box through W without splitting it by sign: W @ lower and W @ upper are not the
# smallest and largest pre-activations when W has negative entries, so real activations escape.
# fails: test_interval_bounds test_interval_bounds_hidden
# %% cell: interval_bounds
def interval_bounds(layers, lower, upper):
    lo, hi = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    bounds = []
    for w, b in layers:
        l, u = w @ lo + b, w @ hi + b
        l, u = np.minimum(l, u), np.maximum(l, u)
        bounds.append((l, u))
        lo, hi = np.maximum(l, 0), np.maximum(u, 0)
    return bounds
