# Picks chord or tangent by the segment's midpoint but never adds 0 as a breakpoint: a segment
# that straddles the inflection point gets a "bound" that crosses the sigmoid. (The visible check's
# grid happens to contain 0.)
# fails: test_sigmoid_bounds_hidden
# %% cell: sigmoid_bounds
def sigmoid_bounds(lo, hi, pieces=16):
    sigmoid = lambda t: 1.0 / (1.0 + np.exp(-t))
    z = np.linspace(lo, hi, pieces + 1)
    lower, upper = [], []
    for a, b in zip(z[:-1], z[1:]):
        slope = (sigmoid(b) - sigmoid(a)) / (b - a)
        chord = (slope, sigmoid(a) - slope * a)
        m = (a + b) / 2
        d = sigmoid(m) * (1 - sigmoid(m))
        tangent = (d, sigmoid(m) - d * m)
        lower.append(tangent if m <= 0 else chord)
        upper.append(chord if m <= 0 else tangent)
    return z, np.array(lower), np.array(upper)
