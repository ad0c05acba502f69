"""Universal approximation and the convex hull: helpers shared by the read-along unit
(``units/approximation_unit.ipynb``) and the lab's checks (``autograder/approximation.py``).

* ``network(layers, x)`` evaluates a one-input ReLU network given as ``[(W, b), ...]``, the form
  ``tfdl.models.relu_layers`` returns and the certification lab's verifier uses (``W`` is
  out x in, a ReLU after every layer but the last), on a 1-D array of inputs. It is
  ``tfdl.models.relu_forward`` for one input and one output, without importing torch.
* Smooth test functions with their second derivatives, ``max_abs(f2, a, b)`` and
  ``interpolation_bound``: the error bound of piecewise-linear interpolation,
  ``sup |f - f_hat| <= max_k h_k^2 * max|f''| / 8``.
* ``sup_error``: the largest ``|f - f_hat|`` over a fine grid inside every segment.
* ``wendel_outside(n, d)``: Wendel's (1962) closed form for the probability that the origin is
  *not* in the convex hull of ``n`` i.i.d. points of a centrally symmetric distribution in R^d.
* ``binomial_interval``: the exact two-sided interval a binomial count falls in with
  probability at least ``1 - alpha``; checks and plots use it as the band of a Monte-Carlo
  estimate.

Nothing here tests hull membership or builds an interpolant: those are the lab's exercises.
"""
import math

import numpy as np

__all__ = ["network", "wavy", "wavy_second", "square", "square_second", "max_abs",
           "interpolation_bound", "sup_error", "wendel_outside", "binomial_interval"]


def network(layers, x) -> np.ndarray:
    """Evaluate ``[(W, b), ...]`` (ReLU between layers, none after the last) on the 1-D array
    of inputs ``x``: returns an array of the same length, in float64."""
    h = np.asarray(x, dtype=float).reshape(-1, 1)
    for i, (w, b) in enumerate(layers):
        h = h @ np.asarray(w, dtype=float).T + np.asarray(b, dtype=float)
        if i < len(layers) - 1:
            h = np.maximum(h, 0.0)
    return h[:, 0]


def wavy(x):
    """sin(2 pi x) + cos(5 pi x) / 2: smooth, with several bends on [0, 1]."""
    x = np.asarray(x, dtype=float)
    return np.sin(2 * np.pi * x) + 0.5 * np.cos(5 * np.pi * x)


def wavy_second(x):
    """The second derivative of :func:`wavy`."""
    x = np.asarray(x, dtype=float)
    return -4 * np.pi**2 * np.sin(2 * np.pi * x) - 12.5 * np.pi**2 * np.cos(5 * np.pi * x)


def square(x):
    """x^2, whose second derivative is 2 everywhere: interpolation attains its bound exactly."""
    x = np.asarray(x, dtype=float)
    return x * x


def square_second(x):
    return np.full(np.shape(x), 2.0)


def max_abs(f2, a: float, b: float, points: int = 200_001) -> float:
    """max |f2| over [a, b], on a grid of ``points`` (for the smooth f'' used here the grid's
    shortfall is below 1e-8 relative)."""
    return float(np.abs(f2(np.linspace(a, b, points))).max())


def interpolation_bound(knots, max_f2: float) -> float:
    """``max_k h_k^2 * max|f''| / 8``: the sup-error bound of piecewise-linear interpolation at
    ``knots`` (any order; repeated knots count once)."""
    x = np.unique(np.asarray(knots, dtype=float))
    return float(np.diff(x).max() ** 2 * max_f2 / 8)


def sup_error(f, layers, knots, per_segment: int = 64) -> float:
    """``max |f - network(layers)|`` over ``per_segment + 1`` evenly spaced points of every
    segment between consecutive (sorted, distinct) knots."""
    x = np.unique(np.asarray(knots, dtype=float))
    t = np.linspace(0.0, 1.0, per_segment + 1)
    grid = (x[:-1, None] + np.diff(x)[:, None] * t[None, :]).ravel()
    return float(np.abs(np.asarray(f(grid), dtype=float) - network(layers, grid)).max())


def wendel_outside(n: int, d: int) -> float:
    """P(0 not in conv{X_1..X_n}) for i.i.d. X_i in R^d, symmetric about 0 and giving every
    hyperplane through 0 probability 0 (Wendel 1962): 2^-(n-1) * sum_{k<d} C(n-1, k).
    It is 1 when n <= d: fewer than d + 1 points never surround the origin."""
    if n < 1 or d < 1:
        raise ValueError("n and d must be at least 1")
    return math.fsum(math.comb(n - 1, k) for k in range(d)) / 2 ** (n - 1)


def binomial_interval(trials: int, p: float, alpha: float = 1e-6) -> tuple[int, int]:
    """The counts ``(low, high)`` with P(K < low) <= alpha/2 and P(K > high) <= alpha/2 for
    K ~ Binomial(trials, p), from the exact probabilities (no normal approximation)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    if p in (0.0, 1.0):
        k = int(round(p * trials))
        return k, k
    log_pmf = [math.lgamma(trials + 1) - math.lgamma(k + 1) - math.lgamma(trials - k + 1)
               + k * math.log(p) + (trials - k) * math.log1p(-p) for k in range(trials + 1)]
    pmf = [math.exp(v) for v in log_pmf]
    low, tail = 0, 0.0
    while low < trials and tail + pmf[low] <= alpha / 2:
        tail += pmf[low]
        low += 1
    high, tail = trials, 0.0
    while high > 0 and tail + pmf[high] <= alpha / 2:
        tail += pmf[high]
        high -= 1
    return low, high
