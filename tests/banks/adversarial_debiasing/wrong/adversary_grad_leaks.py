# Sets the predictor's projected gradients, then calls adv_loss.backward() for the adversary:
# that backward pass also adds grad L_A to the predictor's .grad, so the predictor descends
# the adversary's loss too.
# fails: test_debiased_step test_debiased_step_hidden test_fairness
# %% cell: debiased_step
def debiased_step(predictor, adversary, pred_opt, adv_opt, x, y, s, alpha, project=True):
    pred_params = list(predictor.parameters())
    logits = predictor(x)
    pred_loss = F.binary_cross_entropy_with_logits(logits, y)
    adv_loss = F.binary_cross_entropy_with_logits(adversary(logits, y), s)
    grad_p = torch.autograd.grad(pred_loss, pred_params, retain_graph=True)
    grad_a = torch.autograd.grad(adv_loss, pred_params, retain_graph=True)
    for w, gp, ga in zip(pred_params, grad_p, grad_a):
        w.grad = projected_gradient(gp, ga, alpha, project)
    adv_opt.zero_grad()
    adv_loss.backward()
    pred_opt.step()
    adv_opt.step()
    return pred_loss.item(), adv_loss.item()
