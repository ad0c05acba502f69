# Zeroes the pruned weights once but does nothing to keep them at zero: they regrow in training.
# fails: test_enforce_masks test_enforce_masks_hidden test_imp_hidden
# %% cell: enforce_masks
def enforce_masks(model, masks):
    for name, weight in prunable_weights(model).items():
        with torch.no_grad():
            weight.mul_(masks[name])
