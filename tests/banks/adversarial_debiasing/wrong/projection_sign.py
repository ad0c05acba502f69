# Sign error on the projection: adds the component of grad_p along grad_a twice instead of
# removing it.
# fails: test_projected_gradient test_projected_gradient_hidden test_debiased_step test_debiased_step_hidden test_fairness
# The reference cell with this change:
# %% edit: projected_gradient
-             g = g - ((grad_p * grad_a).sum() / norm_sq) * grad_a
+             g = g + ((grad_p * grad_a).sum() / norm_sq) * grad_a
