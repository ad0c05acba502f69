# Computes the projected gradients but never steps the predictor's optimiser: only the
# adversary learns.
# fails: test_debiased_step test_debiased_step_hidden test_plain_training test_fairness
# The reference cell with this change:
# %% edit: debiased_step
-         u.grad = gu  # the adversary descends its own loss
-     pred_opt.step()
+         u.grad = gu
