# Applies the ReLU to the output layer's bounds too: the output logit can be negative, so its
# lower bound of 0 does not contain it.
# fails: test_interval_bounds test_interval_bounds_hidden
# %% cell: interval_bounds
def interval_bounds(layers, lower, upper):
    lo, hi = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    bounds = []
    for w, b in layers:
        w_pos, w_neg = np.clip(w, 0, None), np.clip(w, None, 0)
        lo, hi = np.maximum(w_pos @ lo + w_neg @ hi + b, 0), np.maximum(w_pos @ hi + w_neg @ lo + b, 0)
        bounds.append((lo, hi))
    return bounds
