# Sign error on the -alpha term: adds alpha * grad_a, which helps the adversary instead of
# hurting it.
# fails: test_projected_gradient test_projected_gradient_hidden test_debiased_step test_debiased_step_hidden test_fairness
# %% cell: projected_gradient
def projected_gradient(grad_p, grad_a, alpha, project=True):
    g = grad_p
    if project:
        norm_sq = (grad_a * grad_a).sum()
        if norm_sq > 0:
            g = g - ((grad_p * grad_a).sum() / norm_sq) * grad_a
    return g + alpha * grad_a
