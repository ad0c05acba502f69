# Averages the TPR and FPR spreads (fairlearn's agg="mean") instead of taking the larger one.
# fails: test_group_metrics test_group_metrics_hidden
# %% edit: group_metrics
-             "equalized_odds_difference": max(spread("tpr"), spread("fpr"))}
+             "equalized_odds_difference": (spread("tpr") + spread("fpr")) / 2}
