# The step hands the adversary the sensitive attribute where the label belongs
# (adversary(logits, s)): for equalized odds the adversary then reads s directly.
# fails: test_debiased_step_hidden
# The reference cell with this change:
# %% edit: debiased_step
-     adv_loss = F.binary_cross_entropy_with_logits(adversary(logits, y), s)
+     adv_loss = F.binary_cross_entropy_with_logits(adversary(logits, s), s)
-         u.grad = gu  # the adversary descends its own loss
+         u.grad = gu
