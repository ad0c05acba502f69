# The LP without the constraint sum(lambda) = 1: it tests membership of the cone spanned by the
# points, not of their hull (and the origin is always in the cone, with lambda = 0).
# fails: test_in_hull test_in_hull_hidden test_interpolation_probability test_interpolation_probability_hidden
# %% edit: in_hull
-     A_eq = np.vstack([X.T, np.ones((1, n))])  # X^T lam = x and sum(lam) = 1
-     b_eq = np.append(x, 1.0)
+     A_eq = X.T                                 # X^T lam = x, lam >= 0
+     b_eq = x
