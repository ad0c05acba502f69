# Sets the predictor's projected gradients, then calls adv_loss.backward() for the adversary:
# that backward pass also adds grad L_A to the predictor's .grad, so the predictor descends
# the adversary's loss too.
# fails: test_debiased_step test_debiased_step_hidden test_fairness
# The reference cell with this change:
# %% edit: debiased_step
-     pred_params = list(predictor.parameters())
-     adv_params = list(adversary.parameters())
+     pred_params = list(predictor.parameters())
-     grad_a = torch.autograd.grad(adv_loss, pred_params + adv_params)
+     grad_a = torch.autograd.grad(adv_loss, pred_params, retain_graph=True)
-     for u, gu in zip(adv_params, grad_a[len(pred_params):]):
-         u.grad = gu  # the adversary descends its own loss
+     adv_opt.zero_grad()
+     adv_loss.backward()
