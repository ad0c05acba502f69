# Draws the "new" point from the training set itself, which is always in its own hull.
# fails: test_interpolation_probability_hidden
# %% edit: interpolation_probability
-         x = rng.normal(size=d) if query == "new" else np.zeros(d)
+         x = X[rng.integers(n)] if query == "new" else np.zeros(d)
