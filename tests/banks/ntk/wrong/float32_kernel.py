# Converts the parameters and inputs to float32 "for speed": the kernel is float32 and off by
# about 1e-7 relative.
# fails: test_empirical_ntk test_empirical_ntk_hidden test_mean_over_seeds
# %% edit: empirical_ntk
-     params = {name: p.detach() for name, p in model.named_parameters()}
+     params = {name: p.detach().float() for name, p in model.named_parameters()}
+     X1, X2 = X1.float(), X2.float()
