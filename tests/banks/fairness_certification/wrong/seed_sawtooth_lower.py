# The seed paper's lower_sigmoid: on each segment the "lower bound" restarts from 0 at the
# segment's start with the chord's slope (a sawtooth). Far from 0 it is not below the sigmoid.
# fails: test_sigmoid_bounds test_sigmoid_bounds_hidden
# %% cell: sigmoid_bounds
def sigmoid_bounds(lo, hi, pieces=16):
    sigmoid = lambda t: 1.0 / (1.0 + np.exp(-t))
    z = np.linspace(lo, hi, pieces + 1)
    if lo < 0 < hi:
        z = np.unique(np.append(z, 0.0))
    lower, upper = [], []
    for a, b in zip(z[:-1], z[1:]):
        slope = (sigmoid(b) - sigmoid(a)) / (b - a)
        lower.append((slope, -slope * a))
        m = (a + b) / 2
        d = sigmoid(m) * (1 - sigmoid(m))
        upper.append((slope, sigmoid(a) - slope * a) if b <= 0 else (d, sigmoid(m) - d * m))
    return z, np.array(lower), np.array(upper)
