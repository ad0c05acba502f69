# Ignores `scope`: pools all layers even when per-layer pruning was asked for.
# fails: test_magnitude_prune_hidden
# %% cell: magnitude_prune
def magnitude_prune(weights, masks, fraction, scope="layer"):
    names = list(weights)
    scores = torch.cat([weights[n].detach().abs().flatten().masked_fill(masks[n].flatten() == 0, float("inf")) for n in names])
    k = round(fraction * int(sum(masks[n].sum() for n in names)))
    flat = torch.cat([masks[n].detach().clone().float().flatten() for n in names])
    flat[torch.topk(scores, k, largest=False).indices] = 0.0
    return {n: c.view_as(weights[n]) for n, c in zip(names, flat.split([weights[n].numel() for n in names]))}
