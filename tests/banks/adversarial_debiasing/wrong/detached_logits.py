# Detaches the logits inside the adversary's input: the adversary still learns, but no
# adversarial gradient can ever reach the predictor.
# fails: test_adversary_input test_adversary_input_hidden
# %% cell: adversary_input
def adversary_input(logits, y, mode, c):
    s = torch.sigmoid((1 + c.abs()) * logits.detach())
    if mode == "dp":
        return s.unsqueeze(-1)
    return torch.stack([s, s * y, s * (1 - y)], dim=-1)
