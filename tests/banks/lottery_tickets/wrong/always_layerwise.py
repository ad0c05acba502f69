# Ignores `scope`: prunes per layer even when global pruning was asked for.
# fails: test_magnitude_prune_hidden
# %% cell: magnitude_prune
def magnitude_prune(weights, masks, fraction, scope="layer"):
    new = {}
    for n, w in weights.items():
        scores = w.detach().abs().flatten().masked_fill(masks[n].flatten() == 0, float("inf"))
        k = round(fraction * int(masks[n].sum()))
        flat = masks[n].detach().clone().float().flatten()
        flat[torch.topk(scores, k, largest=False).indices] = 0.0
        new[n] = flat.view_as(w)
    return new
