# Uses the midpoint tangent as the lower bound everywhere and the chord as the upper bound
# everywhere, ignoring that the sigmoid is concave for z > 0 (where both cross it).
# fails: test_sigmoid_bounds test_sigmoid_bounds_hidden
# %% cell: sigmoid_bounds
def sigmoid_bounds(lo, hi, pieces=16):
    sigmoid = lambda t: 1.0 / (1.0 + np.exp(-t))
    z = np.linspace(lo, hi, pieces + 1)
    lower, upper = [], []
    for a, b in zip(z[:-1], z[1:]):
        slope = (sigmoid(b) - sigmoid(a)) / (b - a)
        m = (a + b) / 2
        d = sigmoid(m) * (1 - sigmoid(m))
        lower.append((d, sigmoid(m) - d * m))
        upper.append((slope, sigmoid(a) - slope * a))
    return z, np.array(lower), np.array(upper)
