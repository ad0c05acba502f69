# Zeroes the pruned weights and keeps them at zero, but its gradient hook also doubles the kept
# weights' gradients: pruned weights stay zero and the kept ones change, so only recomputing
# masked training catches it.
# fails: test_enforce_masks test_enforce_masks_hidden
# %% edit: enforce_masks
-         weight.register_hook(lambda grad, mask=mask: grad * mask)
+         weight.register_hook(lambda grad, mask=mask: 2 * grad * mask)
