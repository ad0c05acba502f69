# The adversary is fed the predictor's hidden features (averaged over the hidden units) instead
# of its prediction: a representation-level adversary, not the one of this lab.
# fails: test_debiased_step test_debiased_step_hidden test_fairness
# %% cell: debiased_step
def debiased_step(predictor, adversary, pred_opt, adv_opt, x, y, s, alpha, project=True):
    pred_params = list(predictor.parameters())
    adv_params = list(adversary.parameters())
    logits = predictor(x)
    hidden = predictor[0][:-1](x).mean(dim=1)
    pred_loss = F.binary_cross_entropy_with_logits(logits, y)
    adv_loss = F.binary_cross_entropy_with_logits(adversary(hidden, y), s)
    grad_p = torch.autograd.grad(pred_loss, pred_params, retain_graph=True)
    grad_a = torch.autograd.grad(adv_loss, pred_params + adv_params, allow_unused=True)
    for w, gp, ga in zip(pred_params, grad_p, grad_a):
        ga = torch.zeros_like(gp) if ga is None else ga
        w.grad = projected_gradient(gp, ga, alpha, project)
    for u, gu in zip(adv_params, grad_a[len(pred_params):]):
        u.grad = gu
    pred_opt.step()
    adv_opt.step()
    return pred_loss.item(), adv_loss.item()
