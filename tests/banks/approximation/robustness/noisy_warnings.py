# A correct solution that emits library-style warnings: must keep full marks.
# expect: full
# %% cell: relu_interpolant
import warnings


def relu_interpolant(f, knots):
    warnings.warn("this is only a harmless UserWarning", UserWarning)
    warnings.warn("and a RuntimeWarning", RuntimeWarning)
    x = np.unique(np.asarray(knots, dtype=float))
    y = np.asarray(f(x), dtype=float)
    c = np.diff(np.diff(y) / np.diff(x), prepend=0.0)
    n = len(x) - 1
    return [(np.ones((n, 1)), -x[:-1]), (c.reshape(1, n), y[:1].copy())]
