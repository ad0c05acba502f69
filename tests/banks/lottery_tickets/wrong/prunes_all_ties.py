# Prunes every live weight at or below the k-th smallest magnitude (floor counts, a k-th value
# threshold): when many magnitudes tie at the cut-off it prunes all of them, far more than the
# count (7 of 8 weights where the count is 2).
# fails: test_magnitude_prune test_magnitude_prune_hidden
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
