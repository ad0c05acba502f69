# A second correct implementation: AIF360's unit-vector projection with a tiny constant added
# to the norm and torch.dot on flattened tensors; the step collects gradients with .backward()
# and reads them from .grad.
# %% cell: adversary_input
def adversary_input(logits, y, mode, c):
    s = torch.sigmoid(logits * (c.abs() + 1.0))
    if mode == "eo":
        return torch.cat([s[:, None], (s * y)[:, None], (s * (1.0 - y))[:, None]], dim=1)
    assert mode == "dp", mode
    return s.reshape(-1, 1)

# %% cell: projected_gradient
def projected_gradient(grad_p, grad_a, alpha, project=True):
    if not project:
        return grad_p - alpha * grad_a
    unit = grad_a / (grad_a.norm() + 1e-12)
    along = torch.dot(grad_p.reshape(-1), unit.reshape(-1))
    return grad_p - along * unit - alpha * grad_a

# %% cell: debiased_step
def debiased_step(predictor, adversary, pred_opt, adv_opt, x, y, s, alpha, project=True):
    pred_opt.zero_grad()
    adv_opt.zero_grad()
    logits = predictor(x)
    pred_loss = F.binary_cross_entropy_with_logits(logits, y)
    adv_loss = F.binary_cross_entropy_with_logits(adversary(logits, y), s)
    adv_loss.backward(retain_graph=True)          # adversary's gradients, and grad L_A for W
    grads_a = [w.grad.clone() for w in predictor.parameters()]
    pred_opt.zero_grad()                          # keep the adversary's .grad, clear W's
    pred_loss.backward()
    for w, ga in zip(predictor.parameters(), grads_a):
        w.grad = projected_gradient(w.grad, ga, alpha, project)
    adv_opt.step()
    pred_opt.step()
    return float(pred_loss.detach()), float(adv_loss.detach())
