# The adversary is fed the sensitive attribute s in place of the predictor's logits.
# fails: test_debiased_step test_debiased_step_hidden test_fairness
# The reference cell with this change:
# %% edit: debiased_step
-     adv_loss = F.binary_cross_entropy_with_logits(adversary(logits, y), s)
+     adv_loss = F.binary_cross_entropy_with_logits(adversary(s, y), s)
-     grad_a = torch.autograd.grad(adv_loss, pred_params + adv_params)
+     grad_a = torch.autograd.grad(adv_loss, pred_params + adv_params, allow_unused=True)
-     for w, gp, ga in zip(pred_params, grad_p, grad_a):
+     for w, gp, ga in zip(pred_params, grad_p, grad_a):
+         ga = torch.zeros_like(gp) if ga is None else ga
-         u.grad = gu  # the adversary descends its own loss
+         u.grad = gu
