# Projection onto the wrong vector: removes the projection of grad_a onto grad_p (a multiple of
# grad_p) instead of the projection of grad_p onto grad_a.
# fails: test_projected_gradient test_projected_gradient_hidden test_debiased_step test_debiased_step_hidden test_fairness
# The reference cell with this change:
# %% edit: projected_gradient
-         norm_sq = (grad_a * grad_a).sum()
+         norm_sq = (grad_p * grad_p).sum()
-             g = g - ((grad_p * grad_a).sum() / norm_sq) * grad_a
+             g = g - ((grad_a * grad_p).sum() / norm_sq) * grad_p
