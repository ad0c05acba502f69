# Returns the fraction of trials whose query was outside the hull (extrapolation), not inside.
# fails: test_interpolation_probability test_interpolation_probability_hidden
# %% edit: interpolation_probability
-     return inside / trials
+     return 1 - inside / trials
