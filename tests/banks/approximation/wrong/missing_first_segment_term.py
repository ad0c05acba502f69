# Forgets the first term of the recursion, c_0 = s_0: the first neuron adds no slope, so the
# network is flat on the first segment and every later knot is missed by s_0 * h.
# fails: test_relu_interpolant test_relu_interpolant_hidden
# %% edit: relu_interpolant
-     c = np.diff(slopes, prepend=0.0)               # c_0 = s_0, c_k = s_k - s_(k-1)
+     c = np.concatenate([[0.0], np.diff(slopes)])   # c_k = s_k - s_(k-1), but c_0 = 0
