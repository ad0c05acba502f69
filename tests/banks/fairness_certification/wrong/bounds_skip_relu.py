# Forgets that the next layer sees ReLU(z): propagates negative lower bounds into the next layer,
# which is looser than interval propagation (bigger big-M constants, slower MILPs), and wrong
# where a unit is never active (u < 0: it outputs 0, which is not in [l, u]).
# fails: test_interval_bounds test_interval_bounds_hidden
# %% cell: interval_bounds
def interval_bounds(layers, lower, upper):
    lo, hi = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    bounds = []
    for w, b in layers:
        w_pos, w_neg = np.clip(w, 0, None), np.clip(w, None, 0)
        lo, hi = w_pos @ lo + w_neg @ hi + b, w_pos @ hi + w_neg @ lo + b
        bounds.append((lo, hi))
    return bounds
