# Solves the normal equations (ΦᵀΦ) a = Φᵀy for every shape: fine when n > p and Φ has full
# column rank, but ΦᵀΦ is singular when p > n, and the solve returns garbage or raises.
# fails: test_min_norm test_min_norm_hidden test_hastie
# %% edit: min_norm_solution
-     return np.linalg.pinv(Phi) @ y
+     return np.linalg.solve(Phi.T @ Phi, Phi.T @ y)
