"""Small matplotlib helpers shared by the units.

Every helper draws on an ``ax`` you pass (or a new one) and returns it, so
figures can be composed with ``plt.subplots``. Results over several seeds are
drawn as the mean with a shaded band: the min-max range (the default, honest
for 3-5 seeds) or mean ± one standard deviation.
"""
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, NullFormatter

__all__ = ["mean_and_band", "plot_accuracy_vs_density", "plot_per_class_accuracy"]


def mean_and_band(values, band: str = "minmax") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, low, high) over the first axis of ``values`` (seeds x points).

    A 1-D ``values`` is one run: its band is empty (low == high == mean).
    ``band`` is ``"minmax"`` or ``"std"`` (mean ± one standard deviation).
    """
    a = np.asarray(values, dtype=float)
    if a.ndim == 1:
        a = a[None]
    mean = a.mean(axis=0)
    if band == "minmax":
        return mean, a.min(axis=0), a.max(axis=0)
    if band == "std":
        std = a.std(axis=0)
        return mean, mean - std, mean + std
    raise ValueError(f"band must be 'minmax' or 'std', not {band!r}")


def plot_accuracy_vs_density(
    results_by_label: Mapping[str, tuple[Sequence[float], Sequence]],
    ax=None,
    band: str = "minmax",
    chance: float | None = None,
    ylabel: str = "test accuracy",
):
    """Accuracy against the percentage of weights remaining, on a log axis.

    ``results_by_label`` maps a curve's label to ``(density, accuracy)``:
    ``density`` holds P fractions of weights kept in (0, 1]; ``accuracy`` has
    shape (P,) for one run or (S, P) for S seeds, drawn as the mean with a band.
    As in Frankle & Carbin's plots, 100% is on the left and sparser networks
    lie to the right. ``chance`` draws a dotted horizontal line.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.8))
    for label, (density, accuracy) in results_by_label.items():
        x = 100 * np.asarray(density, dtype=float)
        mean, low, high = mean_and_band(accuracy, band)
        (line,) = ax.plot(x, mean, marker="o", markersize=3.5, label=label)
        if np.any(high > low):
            ax.fill_between(x, low, high, color=line.get_color(), alpha=0.2, linewidth=0)
    if chance is not None:
        ax.axhline(chance, color="grey", linestyle=":", linewidth=1, label="chance")
    ax.set_xscale("log")
    if not ax.xaxis_inverted():
        ax.invert_xaxis()
    lo, hi = sorted(ax.get_xlim())
    ax.set_xticks([t for t in (100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1) if lo <= t <= hi])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("weights remaining (%, log scale)")
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small")
    return ax


def plot_per_class_accuracy(
    results_by_label: Mapping[str, Sequence],
    ax=None,
    band: str = "minmax",
    class_names: Sequence[str] | None = None,
):
    """Grouped bars of per-class accuracy (recall), one group per class.

    ``results_by_label`` maps a label (e.g. ``"dense"``) to an array of shape
    (C,) or (S, C): per-class accuracy of S models. Bars are the mean over
    models; error bars span the band (min-max by default). The legend sits to
    the right of the axes, where it cannot hide a bar.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    n_bars = len(results_by_label)
    width = 0.8 / n_bars
    for i, (label, values) in enumerate(results_by_label.items()):
        mean, low, high = mean_and_band(values, band)
        x = np.arange(len(mean)) + (i - (n_bars - 1) / 2) * width
        ax.bar(x, mean, width, label=label, yerr=[mean - low, high - mean], capsize=2)
    n_classes = len(mean)
    ax.set_xticks(np.arange(n_classes))
    ax.set_xticklabels(class_names if class_names is not None else range(n_classes))
    ax.set_xlabel("class")
    ax.set_ylabel("accuracy on the class")
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax
