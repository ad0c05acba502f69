# A third correct implementation: the adversary is updated first (on detached logits), and the
# predictor's adversarial gradient is then taken with the updated adversary (accepted by the
# lab). The projection uses torch.tensordot over all dimensions and a named-parameter dict.
# %% cell: projected_gradient
def projected_gradient(grad_p, grad_a, alpha, project=True):
    result = grad_p.clone()
    if project:
        dims = grad_a.dim()
        aa = torch.tensordot(grad_a, grad_a, dims=dims)
        if aa.item() != 0.0:
            result = result - torch.tensordot(grad_p, grad_a, dims=dims) / aa * grad_a
    return result - alpha * grad_a

# %% cell: debiased_step
def debiased_step(predictor, adversary, pred_opt, adv_opt, x, y, s, alpha, project=True):
    logits = predictor(x)
    pred_loss = F.binary_cross_entropy_with_logits(logits, y)
    adv_loss_before = F.binary_cross_entropy_with_logits(adversary(logits.detach(), y), s)
    adv_opt.zero_grad()
    adv_loss_before.backward()
    adv_opt.step()
    adv_loss = F.binary_cross_entropy_with_logits(adversary(logits, y), s)
    names = [n for n, _ in predictor.named_parameters()]
    params = dict(predictor.named_parameters())
    gp = dict(zip(names, torch.autograd.grad(pred_loss, list(params.values()), retain_graph=True)))
    ga = dict(zip(names, torch.autograd.grad(adv_loss, list(params.values()))))
    for n in names:
        params[n].grad = projected_gradient(gp[n], ga[n], alpha, project)
    pred_opt.step()
    return pred_loss.item(), adv_loss_before.item()
