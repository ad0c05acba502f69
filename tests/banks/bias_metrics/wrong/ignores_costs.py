# Ignores cost_fp and cost_fn: always minimises the number of errors.
# fails: test_equalized_odds_postprocess_hidden
# %% edit: equalized_odds_postprocess
-     prob += cost_fp * n_neg * fpr + cost_fn * n_pos * (1 - tpr)
+     prob += n_neg * fpr + n_pos * (1 - tpr)
