# magnitude_prune pairs the masks with the weights by position (zip over the two dicts)
# instead of by name: wrong as soon as the masks dict lists the layers in another order.
# fails: test_magnitude_prune_hidden
# %% cell: magnitude_prune
def magnitude_prune(weights, masks, fraction, scope="layer"):
    names = list(weights)
    paired = dict(zip(names, masks.values()))
    groups = [[n] for n in names] if scope == "layer" else [names]
    new = {n: paired[n].detach().clone().float() for n in names}
    for group in groups:
        scores = torch.cat([weights[n].detach().abs().flatten().masked_fill(paired[n].flatten() == 0, float("inf")) for n in group])
        k = round(fraction * int(sum(paired[n].sum() for n in group)))
        flat = torch.cat([new[n].flatten() for n in group])
        flat[torch.topk(scores, k, largest=False).indices] = 0.0
        for n, chunk in zip(group, flat.split([weights[n].numel() for n in group])):
            new[n] = chunk.view_as(weights[n])
    return new
