# Ignores the learnable sharpness c: s = sigmoid(logits), so c never receives a gradient.
# fails: test_adversary_input test_adversary_input_hidden
# %% cell: adversary_input
def adversary_input(logits, y, mode, c):
    s = torch.sigmoid(logits)
    if mode == "dp":
        return s.unsqueeze(-1)
    return torch.stack([s, s * y, s * (1 - y)], dim=-1)
