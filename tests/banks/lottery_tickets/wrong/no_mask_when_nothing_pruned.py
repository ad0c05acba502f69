# Skips a layer whose prune count rounds to 0 without putting its mask into the result, so
# that layer has no mask at all.
# fails: test_magnitude_prune test_magnitude_prune_hidden
# %% cell: magnitude_prune
def magnitude_prune(weights, masks, fraction, scope="layer"):
    groups = [[n] for n in weights] if scope == "layer" else [list(weights)]
    new = {}
    for names in groups:
        alive = int(sum(masks[n].sum() for n in names))
        k = round(fraction * alive)
        if k == 0:
            continue  # nothing to prune in this layer
        scores = torch.cat([weights[n].detach().abs().flatten().masked_fill(masks[n].flatten() == 0, float("inf")) for n in names])
        flat = torch.cat([masks[n].detach().clone().float().flatten() for n in names])
        flat[torch.topk(scores, k, largest=False).indices] = 0.0
        for n, chunk in zip(names, flat.split([weights[n].numel() for n in names])):
            new[n] = chunk.view_as(weights[n])
    return new
