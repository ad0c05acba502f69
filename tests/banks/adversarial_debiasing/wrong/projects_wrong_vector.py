# Projection onto the wrong vector: removes the projection of grad_a onto grad_p (a multiple of
# grad_p) instead of the projection of grad_p onto grad_a.
# fails: test_projected_gradient test_projected_gradient_hidden test_debiased_step test_debiased_step_hidden test_fairness
# %% cell: projected_gradient
def projected_gradient(grad_p, grad_a, alpha, project=True):
    g = grad_p
    if project:
        norm_sq = (grad_p * grad_p).sum()
        if norm_sq > 0:
            g = g - ((grad_a * grad_p).sum() / norm_sq) * grad_p
    return g - alpha * grad_a
