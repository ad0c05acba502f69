# Equalized odds without the label: the extra columns use the prediction s where the true
# label y belongs ([s, s*s, s*(1-s)]).
# fails: test_adversary_input test_adversary_input_hidden
# The reference cell with this change:
# %% edit: adversary_input
-     if mode == "eo":
-         return torch.stack([s, s * y, s * (1 - y)], dim=-1)
-     raise ValueError(f"mode must be 'dp' or 'eo', not {mode!r}")
+     return torch.stack([s, s * s, s * (1 - s)], dim=-1)
