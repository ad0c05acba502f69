# Always uses the interpolation formula Φᵀ(ΦΦᵀ)⁻¹y, right when p >= n and Φ has rank n, but
# ΦΦᵀ is singular when n > p (a line fit through six points).
# fails: test_min_norm test_min_norm_hidden test_hastie
# %% edit: min_norm_solution
-     return np.linalg.pinv(Phi) @ y
+     return Phi.T @ np.linalg.solve(Phi @ Phi.T, y)
