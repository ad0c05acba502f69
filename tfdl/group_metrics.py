"""Group metrics for binary decisions and any number of groups, from confusion counts.

Used by the unit ``units/bias_metrics_unit.ipynb`` and by the checks of the ``bias_metrics`` lab
(``autograder/bias_metrics.py``); tests/test_checker_messages_bias_metrics.py cross-checks them
against fairlearn 0.15. :mod:`tfdl.fairness` covers the two-group case (``fairness_report``); this
module adds the counts, PPV/FNR, several groups, calibration and balance by group, Chouldechova's
identity and Hardt, Price & Srebro's equalised-odds post-processing.

Conventions (fairlearn's): a rate whose denominator is 0 (TPR in a group without positives, PPV in
a group without positive decisions) is 0.0; differences are absolute, max over groups minus min.
"""
import numpy as np

RATES = ("selection_rate", "base_rate", "tpr", "fpr", "fnr", "ppv")


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den else 0.0


def confusion_counts(y, y_hat) -> dict:
    """tp, fp, tn, fn (ints) of binary labels ``y`` and decisions ``y_hat``."""
    y, y_hat = np.asarray(y).ravel() == 1, np.asarray(y_hat).ravel() == 1
    return {"tp": int((y & y_hat).sum()), "fp": int((~y & y_hat).sum()),
            "tn": int((~y & ~y_hat).sum()), "fn": int((y & ~y_hat).sum())}


def rates_from_counts(c: dict) -> dict:
    """Counts plus n and the rates of :data:`RATES` (0/0 is 0.0)."""
    tp, fp, tn, fn = c["tp"], c["fp"], c["tn"], c["fn"]
    n = tp + fp + tn + fn
    return {**c, "n": n, "selection_rate": _ratio(tp + fp, n), "base_rate": _ratio(tp + fn, n),
            "tpr": _ratio(tp, tp + fn), "fpr": _ratio(fp, fp + tn), "fnr": _ratio(fn, tp + fn),
            "ppv": _ratio(tp, tp + fp)}


def group_metrics(y, y_hat, groups) -> dict:
    """Per-group counts and rates, and fairlearn's two parity differences.

    Returns ``{"by_group": {g: {...}}, "demographic_parity_difference": ...,
    "equalized_odds_difference": ...}``: the differences are max minus min over groups of the
    selection rate, and the larger of the TPR and FPR spreads.
    """
    y, y_hat, groups = (np.asarray(a).ravel() for a in (y, y_hat, groups))
    by_group = {}
    for g in np.unique(groups):
        at = groups == g
        key = g.item() if hasattr(g, "item") else g
        by_group[key] = rates_from_counts(confusion_counts(y[at], y_hat[at]))
    spread = lambda k: max(m[k] for m in by_group.values()) - min(m[k] for m in by_group.values())
    return {"by_group": by_group, "demographic_parity_difference": spread("selection_rate"),
            "equalized_odds_difference": max(spread("tpr"), spread("fpr"))}


def chouldechova_fpr(prevalence, ppv, fnr):
    """Chouldechova (2017), eq. (2.6): FPR = p/(1-p) * (1-PPV)/PPV * (1-FNR), for any classifier."""
    p, ppv, fnr = (np.asarray(a, dtype=float) for a in (prevalence, ppv, fnr))
    return p / (1 - p) * (1 - ppv) / ppv * (1 - fnr)


def calibration_by_bin(scores, y, groups, bins) -> dict:
    """{g: (mean score, P(y=1), count) per bin}; ``bins`` are edges (right-closed last bin)."""
    scores, y, groups = (np.asarray(a).ravel() for a in (scores, y, groups))
    edges = np.asarray(bins, dtype=float)
    out = {}
    for g in np.unique(groups):
        at = groups == g
        which = np.clip(np.digitize(scores[at], edges[1:-1], right=False), 0, len(edges) - 2)
        rows = []
        for b in range(len(edges) - 1):
            sel = which == b
            rows.append((float(scores[at][sel].mean()) if sel.any() else np.nan,
                         float(y[at][sel].mean()) if sel.any() else np.nan, int(sel.sum())))
        out[g.item() if hasattr(g, "item") else g] = rows
    return out


def class_balance(scores, y, groups) -> dict:
    """Kleinberg et al.'s balance conditions: {g: (E[s | y=0], E[s | y=1])}."""
    scores, y, groups = (np.asarray(a).ravel() for a in (scores, y, groups))
    return {(g.item() if hasattr(g, "item") else g):
            (float(scores[(groups == g) & (y == 0)].mean()),
             float(scores[(groups == g) & (y == 1)].mean())) for g in np.unique(groups)}


# -- equalised odds by post-processing ------------------------------------------------------------
def candidate_thresholds(scores) -> np.ndarray:
    """Every distinct score and +inf (a threshold that accepts nobody)."""
    return np.append(np.unique(np.asarray(scores, dtype=float)), np.inf)


def mixture_rates(scores, y, thresholds, probs) -> tuple[float, float]:
    """(TPR, FPR) of the randomised rule 'draw threshold t_k with probability p_k, accept when
    score >= t_k', in expectation, on one group's data (0/0 is 0.0)."""
    scores, y = np.asarray(scores, dtype=float).ravel(), np.asarray(y).ravel()
    t, p = np.asarray(thresholds, dtype=float).ravel(), np.asarray(probs, dtype=float).ravel()
    accept = (scores[:, None] >= t[None, :]).astype(float) @ p  # P(accept) per person
    pos, neg = y == 1, y != 1
    return (_ratio(accept[pos].sum(), pos.sum()), _ratio(accept[neg].sum(), neg.sum()))


def mixture_cost(scores, y, thresholds, probs, cost_fp=1.0, cost_fn=1.0) -> float:
    """Expected cost cost_fp * #FP + cost_fn * #FN of the randomised rule on one group."""
    tpr, fpr = mixture_rates(scores, y, thresholds, probs)
    y = np.asarray(y).ravel()
    return cost_fp * fpr * float((y != 1).sum()) + cost_fn * (1 - tpr) * float((y == 1).sum())


def equalized_odds_lp(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
    """Hardt, Price & Srebro (2016), section 4, as an LP solved with scipy's HiGHS.

    For each group, a probability vector over its :func:`candidate_thresholds` (any point of the
    convex hull of its ROC curve); TPR and FPR equal across groups; minimise the expected cost.
    Returns ``({g: (thresholds, probs)}, cost)``.
    """
    from scipy.optimize import linprog

    scores, y, groups = np.asarray(scores, float).ravel(), np.asarray(y).ravel(), np.asarray(groups).ravel()
    labels = list(np.unique(groups))
    blocks, roc, costs = [], [], []
    for g in labels:
        s, yy = scores[groups == g], y[groups == g]
        t = candidate_thresholds(s)
        pts = np.array([mixture_rates(s, yy, [tk], [1.0]) for tk in t])
        blocks.append(t)
        roc.append(pts)
        n_pos, n_neg = (yy == 1).sum(), (yy != 1).sum()
        costs.append(cost_fp * n_neg * pts[:, 1] + cost_fn * n_pos * (1 - pts[:, 0]))
    sizes = [len(t) for t in blocks]
    offsets = np.cumsum([0] + sizes)
    n_var = offsets[-1]
    a_eq, b_eq = [], []
    for k in range(len(labels)):  # probabilities sum to 1
        row = np.zeros(n_var)
        row[offsets[k]:offsets[k + 1]] = 1
        a_eq.append(row)
        b_eq.append(1.0)
    for k in range(1, len(labels)):  # TPR and FPR equal to the first group's
        for col in (0, 1):
            row = np.zeros(n_var)
            row[offsets[k]:offsets[k + 1]] = roc[k][:, col]
            row[offsets[0]:offsets[1]] = -roc[0][:, col]
            a_eq.append(row)
            b_eq.append(0.0)
    result = linprog(np.concatenate(costs), A_eq=np.array(a_eq), b_eq=np.array(b_eq),
                     bounds=(0, None), method="highs")
    if result.status != 0:
        raise RuntimeError(f"the equalised-odds LP did not solve: {result.message}")
    rules = {(g.item() if hasattr(g, "item") else g): (blocks[k], result.x[offsets[k]:offsets[k + 1]])
             for k, g in enumerate(labels)}
    return rules, float(result.fun)
