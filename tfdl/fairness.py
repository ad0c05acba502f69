"""Group-fairness metrics for binary decisions and a binary group, in plain torch/numpy.

They follow fairlearn's definitions (tests/test_fairness_metrics.py cross-checks them):
differences are absolute, between the two groups, so 0 means parity.
"""
import numpy as np


def _arrays(*xs):
    return [np.asarray(x, dtype=float).ravel() for x in xs]


def selection_rate(y_pred, mask=None) -> float:
    """Fraction of positive decisions (among the rows in ``mask``)."""
    (y_pred,) = _arrays(y_pred)
    if mask is not None:
        y_pred = y_pred[np.asarray(mask, dtype=bool).ravel()]
    return float(y_pred.mean()) if y_pred.size else float("nan")


def rates_by_group(y_true, y_pred, s) -> dict:
    """Selection rate, TPR and FPR for each group: {0: {...}, 1: {...}}."""
    y_true, y_pred, s = _arrays(y_true, y_pred, s)
    out = {}
    for g in (0, 1):
        in_g = s == g
        out[g] = {
            "selection_rate": selection_rate(y_pred, in_g),
            "tpr": selection_rate(y_pred, in_g & (y_true == 1)),
            "fpr": selection_rate(y_pred, in_g & (y_true == 0)),
            "accuracy": float((y_pred[in_g] == y_true[in_g]).mean()),
        }
    return out


def demographic_parity_difference(y_pred, s) -> float:
    """|P(ŷ=1 | s=1) - P(ŷ=1 | s=0)|."""
    (s,) = _arrays(s)
    return abs(selection_rate(y_pred, s == 1) - selection_rate(y_pred, s == 0))


def equalized_odds_difference(y_true, y_pred, s) -> float:
    """The larger of the TPR gap and the FPR gap between the groups."""
    r = rates_by_group(y_true, y_pred, s)
    return max(abs(r[1]["tpr"] - r[0]["tpr"]), abs(r[1]["fpr"] - r[0]["fpr"]))


def fairness_report(y_true, y_pred, s) -> dict:
    """Accuracy, DP difference, EO difference and per-group rates, for printing or a table."""
    y_true, y_pred, s = _arrays(y_true, y_pred, s)
    return {
        "accuracy": float((y_true == y_pred).mean()),
        "dp_difference": demographic_parity_difference(y_pred, s),
        "eo_difference": equalized_odds_difference(y_true, y_pred, s),
        "by_group": rates_by_group(y_true, y_pred, s),
    }
