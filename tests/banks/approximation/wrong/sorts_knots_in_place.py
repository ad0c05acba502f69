# Sorts with knots.sort(): in place for a NumPy array or a list (the caller's knots change), and
# for a torch tensor it returns a sorted copy and leaves the knots unsorted.
# fails: test_relu_interpolant_hidden
# %% edit: relu_interpolant
-     x = np.unique(np.asarray(knots, dtype=float))  # sorted, each knot once, float64
+     knots.sort()
+     x = np.asarray(knots, dtype=float)
