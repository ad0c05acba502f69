# Equalized odds without the label: the extra columns use the prediction s where the true
# label y belongs ([s, s*s, s*(1-s)]).
# fails: test_adversary_input test_adversary_input_hidden
# %% cell: adversary_input
def adversary_input(logits, y, mode, c):
    s = torch.sigmoid((1 + c.abs()) * logits)
    if mode == "dp":
        return s.unsqueeze(-1)
    return torch.stack([s, s * s, s * (1 - s)], dim=-1)
