"""Training loops shared by units and labs.

The loops are deliberately plain: an optimiser, mini-batches drawn from a seeded
generator, cross-entropy. ``on_step(step, model)`` is called after every
optimiser step, which is where the lottery-ticket lab records its rewind point.
"""
from typing import Callable

import torch
from torch import nn
from torch.nn import functional as F

OnStep = Callable[[int, nn.Module], None]


def train(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    steps: int,
    lr: float = 1.2e-3,
    batch_size: int = 60,
    seed: int = 0,
    optimizer: str = "adam",
    weight_decay: float = 0.0,
    on_step: OnStep | None = None,
    loss_fn=F.cross_entropy,
) -> nn.Module:
    """Train ``model`` in place for ``steps`` optimiser steps; return it.

    ``loss_fn(outputs, targets)`` defaults to cross-entropy over class logits; pass
    ``F.binary_cross_entropy_with_logits`` for one output logit and float 0/1 targets.

    The batch order depends only on ``seed``: two calls with the same model state
    and seed do bit-for-bit the same thing (on one thread).
    """
    opt = make_optimizer(model, optimizer, lr, weight_decay)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    step = 0
    while step < steps:
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x) - batch_size + 1, batch_size):
            idx = order[start : start + batch_size]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
            step += 1
            if on_step is not None:
                on_step(step, model)
            if step == steps:
                break
    model.eval()
    return model


def make_optimizer(
    model: nn.Module, name: str, lr: float, weight_decay: float = 0.0
) -> torch.optim.Optimizer:
    """``adam``, ``adamw`` or ``sgd`` (momentum 0.9) over all parameters."""
    params = model.parameters()
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=weight_decay)
    raise ValueError(f"unknown optimizer {name!r}: use 'adam', 'adamw' or 'sgd'")


@torch.no_grad()
def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of rows whose arg-max logit equals the label."""
    model.eval()
    return float((model(x).argmax(dim=1) == y).float().mean())
