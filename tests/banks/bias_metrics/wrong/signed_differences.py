# Reports signed differences (the last group's rate minus the first group's) instead of the
# largest minus the smallest, so a difference can be negative.
# fails: test_group_metrics test_group_metrics_hidden
# %% edit: group_metrics
-         return max(values) - min(values)
+         return values[-1] - values[0]
