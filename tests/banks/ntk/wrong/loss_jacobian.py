# Differentiates the squared loss 0.5 * f(x)^2 (target 0) instead of the output f(x): every
# gradient is multiplied by f(x), so the kernel is f(x) f(x') times the NTK.
# fails: test_empirical_ntk test_empirical_ntk_hidden test_mean_over_seeds
# %% edit: empirical_ntk
-         return functional_call(model, p, (x.unsqueeze(0),)).reshape(-1)
+         return 0.5 * functional_call(model, p, (x.unsqueeze(0),)).reshape(-1) ** 2
