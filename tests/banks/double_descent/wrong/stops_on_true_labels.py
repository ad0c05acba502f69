# Measures the training accuracy against the true labels instead of the labels it trains on:
# on random labels it never reaches 1.0, so the run never stops and reports no epoch.
# fails: test_random_labels test_random_labels_hidden
# %% edit: fit_random_labels
-             train_acc.append((model(x).argmax(dim=1) == labels).float().mean().item())
+             train_acc.append((model(x).argmax(dim=1) == y).float().mean().item())
