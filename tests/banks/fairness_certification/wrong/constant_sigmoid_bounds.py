# Returns the constant bounds 0 and 1: sound, but useless for a certificate (every delta <= 1).
# fails: test_sigmoid_bounds test_sigmoid_bounds_hidden
# %% cell: sigmoid_bounds
def sigmoid_bounds(lo, hi, pieces=16):
    z = np.linspace(lo, hi, pieces + 1)
    return z, np.tile([0.0, 0.0], (pieces, 1)), np.tile([0.0, 1.0], (pieces, 1))
