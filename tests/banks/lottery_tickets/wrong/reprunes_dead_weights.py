# Ranks all weights, dead ones included (|0| is smallest), so already-pruned weights are
# "pruned" again and the sparsity drifts.
# fails: test_magnitude_prune test_magnitude_prune_hidden
# %% cell: magnitude_prune
def magnitude_prune(weights, masks, fraction, scope="layer"):
    names = list(weights)
    groups = [[n] for n in names] if scope == "layer" else [names]
    new = {n: masks[n].detach().clone().float() for n in names}
    for group in groups:
        scores = torch.cat([(weights[n].detach() * masks[n]).abs().flatten() for n in group])
        k = round(fraction * int(sum(masks[n].sum() for n in group)))
        flat = torch.cat([new[n].flatten() for n in group])
        flat[torch.topk(scores, k, largest=False).indices] = 0.0
        for n, chunk in zip(group, flat.split([weights[n].numel() for n in group])):
            new[n] = chunk.view_as(weights[n])
    return new
