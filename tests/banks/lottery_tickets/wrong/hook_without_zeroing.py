# Masks the gradients but never zeroes the pruned weights themselves.
# fails: test_enforce_masks test_enforce_masks_hidden
# %% cell: enforce_masks
def enforce_masks(model, masks):
    for name, weight in prunable_weights(model).items():
        weight.register_hook(lambda grad, m=masks[name]: grad * m)
