# Where gradient descent on ‖Φa - y‖² started at a0 = (1, ..., 1) converges: a least-squares
# solution, interpolating when p > n, but it keeps a0's component in the null space of Φ, so it
# is not the minimum-norm one (written in closed form: a0 + Φ⁺(y - Φa0)).
# fails: test_min_norm test_min_norm_hidden test_hastie
# %% edit: min_norm_solution
-     return np.linalg.pinv(Phi) @ y
+     a0 = np.ones((Phi.shape[1],) + y.shape[1:])
+     return a0 + np.linalg.pinv(Phi) @ (y - Phi @ a0)
