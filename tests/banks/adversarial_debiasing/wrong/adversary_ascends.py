# The adversary is trained to maximise its own loss (gradient ascent) instead of minimising it.
# fails: test_debiased_step test_debiased_step_hidden test_fairness
# The reference cell with this change:
# %% edit: debiased_step
-         u.grad = gu  # the adversary descends its own loss
+         u.grad = -gu
