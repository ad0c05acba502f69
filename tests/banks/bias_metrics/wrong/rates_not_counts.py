# Minimises the sum of the groups' error rates instead of the expected cost over all people, so a
# group of 40 weighs as much as a group of 300.
# fails: test_equalized_odds_postprocess_hidden
# %% edit: equalized_odds_postprocess
-     prob += cost_fp * n_neg * fpr + cost_fn * n_pos * (1 - tpr)
+     prob += cost_fp * fpr + cost_fn * (1 - tpr)
