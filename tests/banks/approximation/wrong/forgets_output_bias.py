# Leaves the output bias at 0 instead of f(x_0): the whole network is shifted by -f(x_0).
# fails: test_relu_interpolant test_relu_interpolant_hidden
# %% edit: relu_interpolant
-     return [(np.ones((n, 1)), -x[:-1]), (c.reshape(1, n), y[:1].copy())]
+     return [(np.ones((n, 1)), -x[:-1]), (c.reshape(1, n), np.zeros(1))]
