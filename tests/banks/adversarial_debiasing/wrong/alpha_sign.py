# Sign error on the -alpha term: adds alpha * grad_a, which helps the adversary instead of
# hurting it.
# fails: test_projected_gradient test_projected_gradient_hidden test_debiased_step test_debiased_step_hidden test_fairness
# The reference cell with this change:
# %% edit: projected_gradient
-     return g - alpha * grad_a
+     return g + alpha * grad_a
