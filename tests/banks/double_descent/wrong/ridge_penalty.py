# Adds a small ridge penalty "for stability": (ΦᵀΦ + 0.1 I) a = Φᵀy is never singular, but its
# solution no longer interpolates and is not the minimum-norm least-squares solution.
# fails: test_min_norm test_min_norm_hidden
# %% edit: min_norm_solution
-     return np.linalg.pinv(Phi) @ y
+     return np.linalg.solve(Phi.T @ Phi + 0.1 * np.eye(Phi.shape[1]), Phi.T @ y)
