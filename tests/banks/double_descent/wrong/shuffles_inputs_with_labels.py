# Shuffles the inputs together with the labels: every image keeps its own label, so nothing is
# random, and the returned labels no longer belong to x in its order.
# fails: test_random_labels test_random_labels_hidden
# %% edit: fit_random_labels
-     labels[chosen] = y[chosen[torch.from_numpy(rng.permutation(len(chosen)))]]
+     order = chosen[torch.from_numpy(rng.permutation(len(chosen)))]
+     labels[chosen] = y[order]
+     x = x.clone()
+     x[chosen] = x[order]
