# A fourth correct implementation, built on torch.nn.utils.prune as in the unit:
# enforce_masks applies prune.custom_from_mask (the forward pass uses weight_orig * weight_mask),
# and IMP calls prune.remove after each round's training, so every recorded state and every
# state it loads has the plain names; the late-rewinding point is read from the effective weights.
# %% cell: enforce_masks
from torch.nn.utils import prune

def enforce_masks(model, masks):
    for name, module in model.named_modules():
        if isinstance(module, torch.nn.Linear):
            prune.custom_from_mask(module, "weight", masks[f"{name}.weight"])
# %% cell: iterative_magnitude_pruning
def iterative_magnitude_pruning(model, train_fn, rounds, fraction, scope="layer", rewind_step=0):
    def linears(net):
        return {n: m for n, m in net.named_modules() if isinstance(m, torch.nn.Linear)}

    def plain_state(net):
        state = {}
        for n, m in linears(net).items():
            w = m.weight_orig * m.weight_mask if prune.is_pruned(m) else m.weight
            state[f"{n}.weight"] = w.detach().clone()
            state[f"{n}.bias"] = m.bias.detach().clone()
        return state

    theta0 = plain_state(model)
    point = dict(theta0)

    def remember(step, net):
        if step == rewind_step:
            point.update(plain_state(net))

    masks = {f"{n}.weight": torch.ones_like(m.weight) for n, m in linears(model).items()}
    history = []
    for r in range(rounds + 1):
        model.load_state_dict(theta0 if r == 0 else point)
        enforce_masks(model, masks)
        start = plain_state(model)
        train_fn(model, on_step=remember if r == 0 and rewind_step else None)
        for m in linears(model).values():
            prune.remove(m, "weight")
        trained = plain_state(model)
        history.append({"masks": masks, "start": start, "trained": trained})
        if r < rounds:
            masks = magnitude_prune({k: trained[k] for k in masks}, masks, fraction, scope)
    return history
