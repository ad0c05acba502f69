# Swaps the denominators of TPR and PPV: TP / (TP + FP) reported as the TPR and TP / (TP + FN)
# as the PPV.
# fails: test_group_metrics test_group_metrics_hidden
# %% edit: group_metrics
-             "tpr": ratio(tp, tp + fn), "fnr": ratio(fn, tp + fn),
-             "fpr": ratio(fp, fp + tn), "ppv": ratio(tp, tp + fp),
+             "tpr": ratio(tp, tp + fp), "fnr": ratio(fn, tp + fn),
+             "fpr": ratio(fp, fp + tn), "ppv": ratio(tp, tp + fn),
