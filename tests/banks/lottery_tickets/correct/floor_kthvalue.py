# A third correct magnitude_prune: floor counts (inside the documented one-weight slack), a
# k-th value threshold, and ties at the threshold broken by position (the first tied live
# weights go until the count is reached); boolean masks converted at the end.
# %% cell: magnitude_prune
def magnitude_prune(weights, masks, fraction, scope="layer"):
    import math
    def prune_group(names):
        alive = torch.cat([masks[n].detach().flatten().bool() for n in names])
        mags = torch.cat([weights[n].detach().abs().flatten() for n in names])
        k = math.floor(fraction * int(alive.sum()))
        keep = alive.clone()
        if k > 0:
            cutoff = torch.kthvalue(mags[alive], k).values
            below = alive & (mags < cutoff)
            tied = torch.nonzero(alive & (mags == cutoff)).flatten()
            keep[below] = False
            keep[tied[:k - int(below.sum())]] = False
        pieces = keep.split([weights[n].numel() for n in names])
        return {n: p.view(weights[n].shape).float() for n, p in zip(names, pieces)}
    if scope == "global":
        return prune_group(list(weights))
    out = {}
    for n in weights:
        out.update(prune_group([n]))
    return out
