# The step hands the adversary the sensitive attribute where the label belongs
# (adversary(logits, s)): for equalized odds the adversary then reads s directly.
# fails: test_debiased_step_hidden
# %% cell: debiased_step
def debiased_step(predictor, adversary, pred_opt, adv_opt, x, y, s, alpha, project=True):
    pred_params = list(predictor.parameters())
    adv_params = list(adversary.parameters())
    logits = predictor(x)
    pred_loss = F.binary_cross_entropy_with_logits(logits, y)
    adv_loss = F.binary_cross_entropy_with_logits(adversary(logits, s), s)
    grad_p = torch.autograd.grad(pred_loss, pred_params, retain_graph=True)
    grad_a = torch.autograd.grad(adv_loss, pred_params + adv_params)
    for w, gp, ga in zip(pred_params, grad_p, grad_a):
        w.grad = projected_gradient(gp, ga, alpha, project)
    for u, gu in zip(adv_params, grad_a[len(pred_params):]):
        u.grad = gu
    pred_opt.step()
    adv_opt.step()
    return pred_loss.item(), adv_loss.item()
