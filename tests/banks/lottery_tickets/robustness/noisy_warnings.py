# A correct solution that emits library-style warnings on stderr: must keep full marks.
# expect: full
# %% cell: enforce_masks
import warnings
def enforce_masks(model, masks):
    warnings.warn("this is only a harmless UserWarning", UserWarning)
    for name, weight in prunable_weights(model).items():
        mask = masks[name].to(weight.dtype)
        with torch.no_grad():
            weight.mul_(mask)
        weight.register_hook(lambda grad, mask=mask: grad * mask)
