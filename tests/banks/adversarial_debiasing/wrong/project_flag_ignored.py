# Always projects, even with project=False, so alpha=0 is no longer plain training.
# fails: test_debiased_step_hidden test_plain_training
# The reference cell with this change:
# %% edit: debiased_step
-         w.grad = projected_gradient(gp, ga, alpha, project)
+         w.grad = projected_gradient(gp, ga, alpha)
-         u.grad = gu  # the adversary descends its own loss
+         u.grad = gu
