"""Networks in the NTK parameterisation, and inputs on the sphere, for the neural tangent kernel
unit and lab (``units/ntk_unit.ipynb``, ``solutions/ntk``).

In the NTK parameterisation every weight and bias is drawn from N(0, 1) and the layer scales its
input instead: a dense layer computes ``sigma_w / sqrt(fan_in) * W x + sigma_b * b``. The network
of depth L (L hidden ReLU layers) is

    h^1 = (sigma_w / sqrt(d)) W^1 x + sigma_b b^1,
    h^(l+1) = (sigma_w / sqrt(n_l)) W^(l+1) relu(h^l) + sigma_b b^(l+1),
    f(x) = (1 / sqrt(n_L)) V relu(h^L) + sigma_b b_out,

with readout weight variance 1 (Jacot et al. 2018, section 2; Lee et al. 2019, section 2). The
empirical NTK and the analytic recursion are what the lab asks you to write, so they are not here.
"""
from __future__ import annotations

import math

import torch
from torch import nn


class NTKDense(nn.Module):
    """``sigma_w / sqrt(fan_in) * x W^T + sigma_b * b`` with W and b drawn from N(0, 1)."""

    def __init__(self, fan_in: int, fan_out: int, sigma_w2: float = 2.0, sigma_b2: float = 0.0,
                 bias: bool = True, generator: torch.Generator | None = None,
                 dtype: torch.dtype = torch.float64):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(fan_out, fan_in, generator=generator, dtype=dtype))
        self.bias = nn.Parameter(torch.randn(fan_out, generator=generator, dtype=dtype)) \
            if bias else None
        self.w_scale = math.sqrt(sigma_w2 / fan_in)
        self.b_scale = math.sqrt(sigma_b2)

    def forward(self, x):
        out = self.w_scale * (x @ self.weight.T)
        if self.bias is not None:
            out = out + self.b_scale * self.bias
        return out


def ntk_mlp(d: int, widths, outputs: int = 1, sigma_w2: float = 2.0, sigma_b2: float = 0.0,
            bias: bool = True, seed: int = 0, dtype: torch.dtype = torch.float64) -> nn.Sequential:
    """A ReLU MLP ``d -> widths[0] -> ... -> outputs`` in the NTK parameterisation: hidden layers
    with weight variance ``sigma_w2``, the readout with weight variance 1, every layer with bias
    variance ``sigma_b2`` (a bias parameter exists only with ``bias=True``)."""
    g = torch.Generator().manual_seed(seed)
    layers, fan_in = [], d
    for width in widths:
        layers += [NTKDense(fan_in, width, sigma_w2, sigma_b2, bias, g, dtype), nn.ReLU()]
        fan_in = width
    layers.append(NTKDense(fan_in, outputs, 1.0, sigma_b2, bias, g, dtype))
    return nn.Sequential(*layers)


def sphere_points(n: int, d: int, seed: int = 0, dtype: torch.dtype = torch.float64):
    """``n`` points drawn uniformly on the sphere of radius sqrt(d) in R^d (so x.x / d = 1)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, d, generator=g, dtype=dtype)
    return x / x.norm(dim=1, keepdim=True) * math.sqrt(d)
