# Updates the adversary by hand, U <- U - lr * grad_U L_A (the formula in the lab), instead of
# stepping adv_opt: right with plain SGD, wrong with the Adam optimiser the lab trains with.
# fails: test_plain_training
# The reference cell with this change:
# %% edit: debiased_step
-     for u, gu in zip(adv_params, grad_a[len(pred_params):]):
-         u.grad = gu  # the adversary descends its own loss
-     pred_opt.step()
-     adv_opt.step()
+     lr = adv_opt.param_groups[0]["lr"]
+     with torch.no_grad():
+         for u, gu in zip(adv_params, grad_a[len(pred_params):]):
+             u -= lr * gu  # U <- U - lr * grad_U L_A
+     pred_opt.step()
