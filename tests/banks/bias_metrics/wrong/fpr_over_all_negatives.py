# Divides each group's false positives by the negatives of the whole population instead of the
# group's own negatives.
# fails: test_group_metrics test_group_metrics_hidden
# The reference cell with this change:
# %% edit: group_metrics
-             "fpr": ratio(fp, fp + tn), "ppv": ratio(tp, tp + fp),
+             "fpr": ratio(fp, int((y != 1).sum())), "ppv": ratio(tp, tp + fp),
