# Draws n + 1 training points instead of n (the query's draw counted as a training point too).
# fails: test_interpolation_probability test_interpolation_probability_hidden
# %% edit: interpolation_probability
-         X = rng.normal(size=(n, d))
+         X = rng.normal(size=(n + 1, d))
