# Computes the demographic parity difference from the labels (the base rates) instead of the
# decisions (the selection rates).
# fails: test_group_metrics test_group_metrics_hidden
# %% edit: group_metrics
-             "demographic_parity_difference": spread("selection_rate"),
+             "demographic_parity_difference": spread("base_rate"),
