# fairlearn's torch bug: the inner product written as torch.sum(torch.inner(u, v)), which for
# matrices is (sum of rows of u) . (sum of rows of v), not the Frobenius product.
# fails: test_projected_gradient test_projected_gradient_hidden test_debiased_step test_debiased_step_hidden
# The reference cell with this change:
# %% edit: projected_gradient
-         norm_sq = (grad_a * grad_a).sum()
-         if norm_sq > 0:
-             g = g - ((grad_p * grad_a).sum() / norm_sq) * grad_a
+         unit = grad_a / (torch.norm(grad_a) + torch.finfo(grad_a.dtype).tiny)
+         g = g - torch.sum(torch.inner(unit, grad_p)) * unit
