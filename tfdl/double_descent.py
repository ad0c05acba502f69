"""Data and formulas for the double-descent unit and lab (``units/double_descent_unit.ipynb``,
``solutions/double_descent``): the problems both draw, so the unit's figures and the lab's
checks use the same ones.

* :func:`hastie_risk`: the limiting excess risk of minimum-norm least squares with isotropic
  Gaussian features (Hastie, Montanari, Rosset & Tibshirani 2022, the isotropic model);
* :func:`isotropic_problem`: that model at finite size, with ``k`` signals at once;
* :func:`teacher_problem`: a noisy linear teacher in ``d`` dimensions, the regression task behind
  the random-features figures (Belkin, Hsu, Ma & Mandal 2019 use MNIST; this is a smaller cousin);
* :func:`noisy_labels`: label noise in the sense of Nakkiran et al. 2019 (a fraction of the labels
  replaced by a *different* class chosen at random).

Every draw comes from ``numpy.random.default_rng(seed)``: the same seed gives the same problem in
every process, which is what lets a check rebuild the data a student's code was given.
"""
import numpy as np

__all__ = ["hastie_risk", "isotropic_problem", "teacher_problem", "noisy_labels"]


def hastie_risk(gamma, r2: float = 1.0, sigma2: float = 1.0):
    """Limiting excess risk E(x·(â - β))² of minimum-norm least squares, x ~ N(0, I_p), ‖β‖² = r2,
    noise variance sigma2, as n, p → ∞ with p / n → gamma:

        sigma2 · gamma / (1 - gamma)                      for gamma < 1
        r2 · (1 - 1/gamma) + sigma2 / (gamma - 1)          for gamma > 1

    and infinity at gamma = 1. Works on scalars and arrays.
    """
    g = np.asarray(gamma, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        under = sigma2 * g / (1 - g)
        over = r2 * (1 - 1 / g) + sigma2 / (g - 1)
    risk = np.where(g < 1, under, np.where(g > 1, over, np.inf))
    return float(risk) if risk.ndim == 0 else risk


def isotropic_problem(n: int, p: int, k: int = 1, seed: int = 0, r: float = 1.0,
                      sigma: float = 0.5):
    """Hastie et al.'s isotropic model at size (n, p): ``(X, Y, B)``.

    X (n, p) has i.i.d. N(0, 1) entries; B (p, k) holds k signals, each a uniformly random
    direction scaled to norm r; Y = X B + sigma · noise, shape (n, k). With several columns, one
    design answers k independent regression problems at once (the excess risk of column j is
    ‖â_j - β_j‖², since x is isotropic).
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    B = rng.standard_normal((p, k))
    B *= r / np.linalg.norm(B, axis=0)
    Y = X @ B + sigma * rng.standard_normal((n, k))
    return X, Y, B


def teacher_problem(n: int, d: int, n_test: int, sigma: float = 0.5, seed: int = 0):
    """A noisy linear teacher: ``(X, y, X_test, y_test)`` with x ~ N(0, I_d), y = x·β + noise,
    β ~ N(0, I_d / d) (so Var(x·β) is about 1) and noise N(0, sigma²) on the training and the
    test targets alike. The best possible test MSE is sigma²."""
    rng = np.random.default_rng(seed)
    beta = rng.standard_normal(d) / np.sqrt(d)
    X, X_test = rng.standard_normal((n, d)), rng.standard_normal((n_test, d))
    y = X @ beta + sigma * rng.standard_normal(n)
    y_test = X_test @ beta + sigma * rng.standard_normal(n_test)
    return X, y, X_test, y_test


def noisy_labels(y, fraction: float, n_classes: int, seed: int = 0) -> np.ndarray:
    """A copy of the integer labels ``y`` in which round(fraction · n) of them, chosen at random,
    are replaced by another class drawn uniformly from the other n_classes - 1 (Nakkiran et al.
    2019's label noise: every noisy label is wrong). The class histogram changes; compare the
    lab's label permutation, which keeps it."""
    y = np.array(y, dtype=np.int64, copy=True)
    rng = np.random.default_rng(seed)
    which = rng.choice(len(y), size=round(fraction * len(y)), replace=False)
    y[which] = (y[which] + rng.integers(1, n_classes, size=len(which))) % n_classes
    return y
