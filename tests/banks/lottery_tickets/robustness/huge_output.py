# A correct solution that prints a 5-million-character line: graded, output capped.
# expect: full
# %% cell: magnitude_prune
print("x" * 5_000_000)
def magnitude_prune(weights, masks, fraction, scope="layer"):
    groups = [[n] for n in weights] if scope == "layer" else [list(weights)]
    new = {n: masks[n].detach().clone().float() for n in weights}
    for names in groups:
        scores = torch.cat([weights[n].detach().abs().flatten().masked_fill(masks[n].flatten() == 0, float("inf")) for n in names])
        k = round(fraction * int(sum(masks[n].sum() for n in names)))
        flat = torch.cat([new[n].flatten() for n in names])
        flat[torch.topk(scores, k, largest=False).indices] = 0.0
        for n, chunk in zip(names, flat.split([weights[n].numel() for n in names])):
            new[n] = chunk.view_as(weights[n])
    return new
