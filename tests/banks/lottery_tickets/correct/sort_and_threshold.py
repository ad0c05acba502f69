# A second correct implementation: explicit sorting with a threshold per group, masks
# re-applied after every optimiser step through a post-accumulate-grad hook, and IMP
# written with copy.deepcopy.
# %% cell: magnitude_prune
def magnitude_prune(weights, masks, fraction, scope="layer"):
    names = list(weights)
    groups = {n: [n] for n in names} if scope == "layer" else {"all": names}
    out = {n: (masks[n] != 0).float().clone() for n in names}
    for group in groups.values():
        live = torch.cat([weights[n].detach().abs()[masks[n] != 0] for n in group])
        k = round(fraction * live.numel())
        if k == 0:
            continue
        order = torch.argsort(torch.cat([
            torch.where(masks[n] != 0, weights[n].detach().abs(), torch.full_like(weights[n].detach(), float("inf"))).flatten()
            for n in group]))
        flat = torch.cat([out[n].flatten() for n in group])
        flat[order[:k]] = 0
        sizes = [weights[n].numel() for n in group]
        for n, piece in zip(group, torch.split(flat, sizes)):
            out[n] = piece.reshape(weights[n].shape)
    return out
# %% cell: enforce_masks
def enforce_masks(model, masks):
    for name, weight in prunable_weights(model).items():
        mask = masks[name].to(weight.dtype)
        weight.data *= mask
        def zero_grad(p, mask=mask):
            p.grad.mul_(mask)
        weight.register_post_accumulate_grad_hook(zero_grad)
# %% cell: iterative_magnitude_pruning
def iterative_magnitude_pruning(model, train_fn, rounds, fraction, scope="layer", rewind_step=0):
    import copy
    original = copy.deepcopy(model.state_dict())
    saved = {"point": original}

    def grab(step, net):
        if step == rewind_step:
            saved["point"] = copy.deepcopy(net.state_dict())

    masks = {k: torch.ones_like(w.detach()) for k, w in prunable_weights(model).items()}
    rounds_out = []
    for r in range(rounds + 1):
        source = original if r == 0 else saved["point"]
        model.load_state_dict(copy.deepcopy(source))
        enforce_masks(model, masks)
        start = copy.deepcopy(model.state_dict())
        train_fn(model, on_step=grab if (r == 0 and rewind_step > 0) else None)
        trained = copy.deepcopy(model.state_dict())
        rounds_out.append(dict(masks=masks, start=start, trained=trained))
        if r != rounds:
            masks = magnitude_prune({k: trained[k] for k in masks}, masks, fraction, scope)
    return rounds_out
