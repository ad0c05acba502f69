"""Models used across the course."""
from collections import OrderedDict

import torch
from torch import nn


def mlp(sizes: list[int], seed: int | None = None) -> nn.Sequential:
    """A ReLU multilayer perceptron, e.g. ``mlp([64, 300, 100, 10])``.

    Layers are named ``fc1, fc2, ...`` so that parameter names read
    ``fc1.weight``, ``fc1.bias``, ... With ``seed`` the initialisation is
    reproducible and does not touch the global random state.
    """
    layers: dict[str, nn.Module] = {}
    generator_state = None
    if seed is not None:
        generator_state = torch.random.get_rng_state()
        torch.manual_seed(seed)
    try:
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
            layers[f"fc{i}"] = nn.Linear(n_in, n_out)
            if i < len(sizes) - 1:
                layers[f"relu{i}"] = nn.ReLU()
    finally:
        if generator_state is not None:
            torch.random.set_rng_state(generator_state)
    return nn.Sequential(OrderedDict(layers))


def prunable_weights(model: nn.Module) -> dict[str, torch.nn.Parameter]:
    """The weight matrices of every ``nn.Linear`` layer, by parameter name.

    Biases are deliberately left out: pruning them saves almost nothing and the
    lottery-ticket papers never prune them.
    """
    return {
        f"{name}.weight": module.weight
        for name, module in model.named_modules()
        if isinstance(module, nn.Linear)
    }


def snapshot(model: nn.Module) -> dict[str, torch.Tensor]:
    """A detached copy of every parameter and buffer (a frozen state dict)."""
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def count_nonzero(masks: dict[str, torch.Tensor]) -> tuple[int, int]:
    """(kept, total) entries over a dict of 0/1 masks."""
    kept = sum(int(m.count_nonzero()) for m in masks.values())
    total = sum(m.numel() for m in masks.values())
    return kept, total
