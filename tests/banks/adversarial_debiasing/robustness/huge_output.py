# A correct solution that prints a 5-million-character line: graded, output capped.
# expect: full
# %% cell: projected_gradient
print("x" * 5_000_000)
def projected_gradient(grad_p, grad_a, alpha, project=True):
    g = grad_p
    if project:
        norm_sq = (grad_a * grad_a).sum()
        if norm_sq > 0:
            g = g - ((grad_p * grad_a).sum() / norm_sq) * grad_a
    return g - alpha * grad_a
