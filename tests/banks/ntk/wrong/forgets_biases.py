# Takes the gradient with respect to the weights only ("weight" in the name): the biases' share
# of the kernel is missing.
# fails: test_empirical_ntk test_empirical_ntk_hidden test_mean_over_seeds
# %% edit: empirical_ntk
-     params = {name: p.detach() for name, p in model.named_parameters()}
+     params = {name: p.detach() for name, p in model.named_parameters() if "weight" in name}
