# Pseudo-inverse by hand from the SVD, inverting every singular value: right for full rank, but
# the singular values of a rank-deficient Φ that are 0 in exact arithmetic are about 1e-16 in
# floating point, and dividing by them blows the solution up.
# fails: test_min_norm_hidden
# %% edit: min_norm_solution
-     return np.linalg.pinv(Phi) @ y
+     U, s, Vt = np.linalg.svd(Phi, full_matrices=False)
+     return Vt.T @ np.diag(1 / s) @ U.T @ y
