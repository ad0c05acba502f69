# Projects once over all predictor parameters flattened into one vector, instead of per
# parameter tensor as the lab (and AIF360) asks.
# fails: test_debiased_step test_debiased_step_hidden
# %% cell: debiased_step
def debiased_step(predictor, adversary, pred_opt, adv_opt, x, y, s, alpha, project=True):
    pred_params = list(predictor.parameters())
    adv_params = list(adversary.parameters())
    logits = predictor(x)
    pred_loss = F.binary_cross_entropy_with_logits(logits, y)
    adv_loss = F.binary_cross_entropy_with_logits(adversary(logits, y), s)
    grad_p = torch.autograd.grad(pred_loss, pred_params, retain_graph=True)
    grad_a = torch.autograd.grad(adv_loss, pred_params + adv_params)
    flat_p = torch.cat([g.flatten() for g in grad_p])
    flat_a = torch.cat([g.flatten() for g in grad_a[:len(pred_params)]])
    flat = projected_gradient(flat_p, flat_a, alpha, project)
    for w, piece in zip(pred_params, flat.split([w.numel() for w in pred_params])):
        w.grad = piece.view_as(w)
    for u, gu in zip(adv_params, grad_a[len(pred_params):]):
        u.grad = gu
    pred_opt.step()
    adv_opt.step()
    return pred_loss.item(), adv_loss.item()
