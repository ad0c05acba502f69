# Samples the points uniformly from [0, 1]^d instead of N(0, I_d): not symmetric about the
# origin, which then is never inside.
# fails: test_interpolation_probability test_interpolation_probability_hidden
# %% edit: interpolation_probability
-         X = rng.normal(size=(n, d))
-         x = rng.normal(size=d) if query == "new" else np.zeros(d)
+         X = rng.random(size=(n, d))
+         x = rng.random(size=d) if query == "new" else np.zeros(d)
