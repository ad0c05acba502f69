# The slope recursion shifted by one segment: c_k = s_(k+1) - s_k (np.diff with append instead of
# prepend), so each neuron adds the next segment's change of slope and the network misses the knots.
# fails: test_relu_interpolant test_relu_interpolant_hidden
# %% edit: relu_interpolant
-     c = np.diff(slopes, prepend=0.0)               # c_0 = s_0, c_k = s_k - s_(k-1)
+     c = np.diff(slopes, append=0.0)                # c_k = s_(k+1) - s_k: one segment late
