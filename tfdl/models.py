"""Models used across the course."""
from collections import OrderedDict

import numpy as np
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


def relu_layers(model: nn.Module) -> list[tuple[np.ndarray, np.ndarray]]:
    """The linear layers of a ReLU MLP as ``[(W, b), ...]`` float64 arrays (``W`` is out x in).

    This is the form a verifier works with: ReLU between consecutive layers, none after the last.
    """
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    if not linears:
        raise ValueError("the model has no nn.Linear layers")
    return [(m.weight.detach().double().numpy().copy(), m.bias.detach().double().numpy().copy())
            for m in linears]


def relu_forward(layers, x) -> np.ndarray:
    """Evaluate ``[(W, b), ...]`` on inputs ``x`` of shape (n_inputs,) or (batch, n_inputs).

    Returns the last layer's pre-activations: shape (batch, n_outputs), squeezed to (batch,) or a
    float when there is one output.
    """
    h = np.asarray(x, dtype=float)
    single = h.ndim == 1
    h = np.atleast_2d(h)
    for i, (w, b) in enumerate(layers):
        h = h @ np.asarray(w, dtype=float).T + np.asarray(b, dtype=float)
        if i < len(layers) - 1:
            h = np.maximum(h, 0.0)
    if h.shape[1] == 1:
        h = h[:, 0]
    return (float(h[0]) if h.ndim == 1 else h[0]) if single else h
