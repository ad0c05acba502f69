# Uses the chord slopes themselves as output weights (c_k = s_k): each ReLU keeps adding its
# slope on every later segment, so the slopes pile up.
# fails: test_relu_interpolant test_relu_interpolant_hidden
# %% edit: relu_interpolant
-     c = np.diff(slopes, prepend=0.0)               # c_0 = s_0, c_k = s_k - s_(k-1)
+     c = slopes
