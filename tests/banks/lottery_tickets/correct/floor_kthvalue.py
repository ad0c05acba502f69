# A third correct magnitude_prune: floor counts (inside the documented one-weight slack),
# a k-th value threshold, boolean masks converted at the end.
# %% cell: magnitude_prune
def magnitude_prune(weights, masks, fraction, scope="layer"):
    import math
    def prune_group(names):
        alive = [masks[n].bool() for n in names]
        vals = torch.cat([weights[n].detach().abs()[a] for n, a in zip(names, alive)])
        k = math.floor(fraction * vals.numel())
        if k == 0:
            return {n: a.float() for n, a in zip(names, alive)}
        cutoff = torch.kthvalue(vals, k).values
        result = {}
        for n, a in zip(names, alive):
            below = a & (weights[n].detach().abs() <= cutoff)
            result[n] = (a & ~below).float()
        return result
    if scope == "global":
        return prune_group(list(weights))
    out = {}
    for n in weights:
        out.update(prune_group([n]))
    return out
