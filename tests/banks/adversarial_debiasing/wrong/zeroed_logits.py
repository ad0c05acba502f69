# Fabricates the adversary's input instead of computing it: zeroes the logits in place (under
# no_grad, so autograd does not object), where s = sigmoid(0) = 1/2 whatever c is, and returns
# the tangent line 1/2 + (1 + |c|) * logits / 4, right in value and in gradient at zero only. A
# check that computes what to expect from the inputs after the call is fooled.
# fails: test_adversary_input test_adversary_input_hidden
# %% cell: adversary_input
def adversary_input(logits, y, mode, c):
    with torch.no_grad():
        logits.zero_()
    s = 0.5 + (1 + c.abs()) * logits / 4
    if mode == "dp":
        return s.unsqueeze(-1)
    return torch.stack([s, s * y, s * (1 - y)], dim=-1)
