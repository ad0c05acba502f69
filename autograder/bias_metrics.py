"""Checks for the bias-metrics lab (``solutions/bias_metrics``).

Group metrics are definitions, so the checks compare them exactly with fairlearn 0.15 (the
course's pinned oracle) and with counts computed here: on random data with 2 to 5 groups, string
and integer group labels, groups without positives, without negatives or without positive
decisions (a rate whose denominator is 0 is 0.0, as in fairlearn), relabelled groups, data where
the decisions are independent of the group by construction (demographic parity difference exactly
0), and the synthetic Beta model of Kleinberg et al.'s demo (Chouldechova's and Kleinberg's
setting), where each group's FPR must lie in a 5.3-sigma binomial band around its population value.

Chouldechova's identity holds for every confusion matrix, so the check draws hundreds and compares
with FP / (FP + TN) to 1e-12.

The equalised-odds post-processing is an LP, so the checks recompute everything from the rule the
student returns: each group's TPR and FPR and the expected cost of the randomised thresholds, on
the data, here. The rates must be equal across groups (1e-6), the probabilities a distribution,
and the cost no worse than the alternatives the check builds: accepting nobody, accepting
everyone, and the optimum of an independent LP (scipy's HiGHS, not PuLP) over the same rules.

The student's functions run where the student's code lives through :func:`run_student`, which only
calls them; every verdict is computed here from the data that comes back. Hidden checks add
``core.grading_seed`` to the seeds of their random cases.
"""
import math

import numpy as np

from tfdl import group_metrics as gm

from . import core, wire
from .core import call, fail, student_facing

COUNTS = ("tp", "fp", "tn", "fn", "n")
RATES = ("selection_rate", "base_rate", "tpr", "fpr", "fnr", "ppv")
EXACT = 1e-12   # definitions: equal to fairlearn up to rounding
RATE_TOL = 1e-6  # equalised rates after an LP solve (CBC's tolerances are ~1e-7)
COST_TOL = 1e-6  # relative slack on the LP's cost


def plain(value):
    """``value`` with numpy scalars as dict keys made plain Python (``np.unique`` yields
    ``np.str_`` and ``np.int64`` labels, which would otherwise cross as arrays)."""
    if isinstance(value, dict):
        return {(k.item() if isinstance(k, np.generic) else k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value) if type(value) in (list, tuple) \
            else tuple(plain(v) for v in value)
    return value


def run_student(fn, *args, **kwargs):
    """Driver: the student's function's result as plain data (it judges nothing)."""
    return plain(fn(*args, **kwargs))


def _label(g):
    return g.item() if hasattr(g, "item") else g


# ----------------------------------------------------------------------------
# Part 1: group_metrics
# ----------------------------------------------------------------------------
def fairlearn_metrics(y, y_hat, groups) -> dict:
    """The oracle: fairlearn's MetricFrame and difference functions."""
    import warnings

    from fairlearn.metrics import (MetricFrame, count, demographic_parity_difference,
                                   equalized_odds_difference, false_negative_rate,
                                   false_positive_rate, selection_rate, true_positive_rate)
    from sklearn.metrics import precision_score

    metrics = {"selection_rate": selection_rate, "tpr": true_positive_rate,
               "fpr": false_positive_rate, "fnr": false_negative_rate, "n": count,
               "ppv": lambda t, p: precision_score(t, p, zero_division=0.0),
               "base_rate": lambda t, p: float(np.mean(t))}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = MetricFrame(metrics=metrics, y_true=y, y_pred=y_hat, sensitive_features=groups)
        by_group = {_label(g): {k: float(v) for k, v in row.items()}
                    for g, row in frame.by_group.iterrows()}
        dpd = float(demographic_parity_difference(y, y_hat, sensitive_features=groups))
        eod = float(equalized_odds_difference(y, y_hat, sensitive_features=groups))
    for g, row in by_group.items():
        at = np.asarray(groups) == g
        row.update(gm.confusion_counts(np.asarray(y)[at], np.asarray(y_hat)[at]))
    return {"by_group": by_group, "demographic_parity_difference": dpd,
            "equalized_odds_difference": eod}


def _number(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(f"{what} should be a number, but it is a {wire.type_name(value)}.")
    if not math.isfinite(value):
        fail(f"{what} is {value}; a rate whose denominator is 0 should be 0.0, as in fairlearn.")
    return float(value)


def _as_metrics(result, labels, what) -> dict:
    if not isinstance(result, dict):
        fail(f"{what} should return a dict with the keys 'by_group', "
             f"'demographic_parity_difference' and 'equalized_odds_difference', "
             f"but it returned a {wire.type_name(result)}.")
    keys = {"by_group", "demographic_parity_difference", "equalized_odds_difference"}
    if set(result) != keys:
        fail(f"{what} should return a dict with exactly the keys {sorted(keys)}, "
             f"but its keys are {sorted(map(str, result))}.")
    by_group = result["by_group"]
    if not isinstance(by_group, dict):
        fail(f"{what} returned a 'by_group' entry that is a {wire.type_name(by_group)}, "
             "but it should be a dict keyed by group.")
    if set(by_group) != set(labels) or len(by_group) != len(labels):
        fail(f"{what} returned 'by_group' with the keys {sorted(by_group, key=str)}, but it "
             f"should have one entry for each group that occurs, {sorted(labels, key=str)}.")
    out = {"by_group": {}}
    for g in labels:
        row = by_group[g]
        if not isinstance(row, dict):
            fail(f"{what} returned a {wire.type_name(row)} for group {g!r}, but each group's "
                 "entry should be a dict of counts and rates.")
        missing = [k for k in COUNTS + RATES if k not in row]
        if missing:
            fail(f"{what} returned an entry for group {g!r} without the keys {missing}.")
        out["by_group"][g] = {k: _number(row[k], f"the {k} of group {g!r} from {what}")
                              for k in COUNTS + RATES}
    for k in keys - {"by_group"}:
        out[k] = _number(result[k], f"the {k} from {what}")
    return out


def _metrics_case(group_metrics, y, y_hat, groups, label):
    what = f"`group_metrics` {label}"
    labels = [_label(g) for g in np.unique(groups)]
    got = _as_metrics(call(group_metrics, y.copy(), y_hat.copy(), groups.copy(), what=what,
                           seconds=20, driver=run_student), labels, what)
    want = fairlearn_metrics(y, y_hat, groups)
    for g in labels:
        for k in COUNTS + RATES:
            mine, theirs = got["by_group"][g][k], want["by_group"][g][k]
            if not abs(mine - theirs) <= EXACT:
                fail(f"{label}: for group {g!r} you report {k} = {mine:.6g}, but its "
                     f"{_describe(k)} is {theirs:.6g} (fairlearn and the counts agree); "
                     f"each group's numbers come from that group's rows only.")
    for k in ("demographic_parity_difference", "equalized_odds_difference"):
        if not abs(got[k] - want[k]) <= EXACT:
            fail(f"{label}: you report {k} = {got[k]:.6g}, but fairlearn gives {want[k]:.6g}: "
                 f"{_describe(k)}.")
    return got


def _describe(k):
    return {
        "tp": "number of rows with y = 1 and y_hat = 1", "fp": "number of rows with y = 0 and y_hat = 1",
        "tn": "number of rows with y = 0 and y_hat = 0", "fn": "number of rows with y = 1 and y_hat = 0",
        "n": "number of rows", "selection_rate": "share of rows with y_hat = 1 (decisions, not labels)",
        "base_rate": "share of rows with y = 1", "tpr": "TP / (TP + FN)",
        "fpr": "FP / (FP + TN), among the group's own negatives", "fnr": "FN / (TP + FN)",
        "ppv": "TP / (TP + FP)",
        "demographic_parity_difference": "the largest minus the smallest selection rate of "
                                         "y_hat over the groups, never negative",
        "equalized_odds_difference": "the larger of the TPR spread and the FPR spread "
                                     "(largest minus smallest over the groups)",
    }[k]


def random_confusion_data(n, n_groups, seed, labels=None):
    rng = np.random.default_rng(seed)
    groups = rng.integers(0, n_groups, n)
    base = rng.uniform(0.2, 0.8, n_groups)[groups]
    y = (rng.random(n) < base).astype(int)
    y_hat = (rng.random(n) < np.where(y == 1, 0.7, 0.3) * rng.uniform(0.6, 1.2, n_groups)[groups]).astype(int)
    if labels is not None:
        groups = np.array(labels, dtype=object)[groups]
    return y, y_hat, groups


@student_facing
def check_group_metrics(group_metrics):
    """Visible: 40 people in groups 'a' and 'b', every confusion cell non-empty."""
    y, y_hat, groups = random_confusion_data(40, 2, seed=3, labels=["a", "b"])
    groups = groups.astype(str)
    _metrics_case(group_metrics, y, y_hat, groups, "on 40 people in groups 'a' and 'b'")


def beta_model(n_per_group, seed):
    """Kleinberg et al.'s demo (science notes, section 5): s ~ Beta(2, 3) in group 0 and
    Beta(3, 2) in group 1, y ~ Bernoulli(s): calibrated scores with base rates 0.4 and 0.6."""
    rng = np.random.default_rng(seed)
    s = np.concatenate([rng.beta(2, 3, n_per_group), rng.beta(3, 2, n_per_group)])
    groups = np.repeat([0, 1], n_per_group)
    y = (rng.random(2 * n_per_group) < s).astype(int)
    return s, y, groups


def beta_fpr(a, b, t):
    """P(s >= t | y = 0) for s ~ Beta(a, b), y ~ Bernoulli(s): E[(1-s) 1{s>=t}] / E[1-s]."""
    from scipy import stats

    # (1-s) Beta(a, b) density is proportional to Beta(a, b+1): the negatives' score law.
    return float(stats.beta(a, b + 1).sf(t))


@student_facing
def check_group_metrics_hidden(group_metrics):
    """Hidden: 3 to 5 groups, string labels, empty cells, relabelling, independence, Beta model."""
    seed = core.grading_seed
    for n_groups, n in ((3, 300), (5, 500)):
        y, y_hat, groups = random_confusion_data(n, n_groups, seed + n_groups)
        _metrics_case(group_metrics, y, y_hat, groups, f"on {n} people in {n_groups} groups")
    # empty cells: a group without positives, one without negatives, one without positive
    # decisions, and a group of one person
    rng = np.random.default_rng(seed + 11)
    y, y_hat, groups = random_confusion_data(120, 2, seed + 12, labels=["x", "y"])
    y = np.concatenate([y, np.zeros(15, int), np.ones(12, int), rng.integers(0, 2, 10), [1]])
    y_hat = np.concatenate([y_hat, rng.integers(0, 2, 15), rng.integers(0, 2, 12),
                            np.zeros(10, int), [0]])
    groups = np.concatenate([groups.astype(str), ["no positives"] * 15, ["no negatives"] * 12,
                             ["never selected"] * 10, ["alone"]])
    _metrics_case(group_metrics, y, y_hat, groups,
                  "with a group without positives, one without negatives, one never selected "
                  "and a group of one (a rate whose denominator is 0 is 0.0)")
    # relabelling the groups changes nothing but the keys
    y, y_hat, groups = random_confusion_data(200, 3, seed + 21)
    first = _metrics_case(group_metrics, y, y_hat, groups, "on 200 people in groups 0, 1, 2")
    names = {0: "c", 1: "a", 2: "b"}
    second = _metrics_case(group_metrics, y, y_hat, np.array([names[g] for g in groups]),
                           "on the same people with the groups renamed 'c', 'a', 'b'")
    for g, h in names.items():
        if first["by_group"][g] != second["by_group"][h]:
            fail(f"renaming group {g} to {h!r} changed its metrics; they must depend only on "
                 "who is in the group.")
    # decisions independent of the group by construction: same selection rate everywhere
    groups = np.repeat([0, 1, 2], 40)
    y_hat = np.tile(np.r_[np.ones(10, int), np.zeros(30, int)], 3)
    y = np.random.default_rng(seed + 31).integers(0, 2, 120)
    got = _metrics_case(group_metrics, y, y_hat, groups,
                        "when every group has selection rate 0.25 whatever its labels")
    if got["demographic_parity_difference"] != 0:
        fail("every group has selection rate 0.25, so the demographic parity difference must be 0.")
    # the Beta model of Kleinberg et al.'s demo, one threshold at 0.5: infra-marginal FPRs
    n = 2000
    s, y, groups = beta_model(n, seed + 41)
    got = _metrics_case(group_metrics, y, (s >= 0.5).astype(int), groups,
                        "on the synthetic Beta model (2,000 people per group, threshold 0.5)")
    for g, (a, b) in enumerate(((2, 3), (3, 2))):
        p = beta_fpr(a, b, 0.5)
        n_neg = got["by_group"][g]["fp"] + got["by_group"][g]["tn"]
        band = 5.3 * math.sqrt(p * (1 - p) / max(n_neg, 1))  # two-sided 1e-7
        if abs(got["by_group"][g]["fpr"] - p) > band:
            fail(f"on the Beta model, group {g}'s FPR at threshold 0.5 is {p:.3f} in the "
                 f"population, but you report {got['by_group'][g]['fpr']:.3f}, outside the "
                 f"band of +-{band:.3f} that {n_neg:g} negatives allow.")


# ----------------------------------------------------------------------------
# Part 2: Chouldechova's identity
# ----------------------------------------------------------------------------
def random_confusion_matrices(k, seed):
    """k confusion matrices with every cell at least 1 (so every rate is defined)."""
    rng = np.random.default_rng(seed)
    scale = rng.choice([5, 50, 5000], size=(k, 1))
    return rng.integers(1, 1000, size=(k, 4)) % scale + 1  # columns tp, fp, tn, fn


def _identity_case(chouldechova_fpr, counts, label, vectorised=True):
    tp, fp, tn, fn = (counts[:, i].astype(float) for i in range(4))
    n = tp + fp + tn + fn
    p, ppv, fnr = (tp + fn) / n, tp / (tp + fp), fn / (tp + fn)
    truth = fp / (fp + tn)
    what = f"`chouldechova_fpr` {label}"
    if vectorised:
        got = call(chouldechova_fpr, p, ppv, fnr, what=what, seconds=20, driver=run_student)
        try:
            got = np.asarray(got, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            fail(f"{what} should return an array of numbers, but it returned a {wire.type_name(got)}.")
        if got.shape != truth.shape:
            fail(f"{what} was given arrays of {len(truth)} values and should return {len(truth)} "
                 f"FPRs, but it returned {got.size}.")
    else:
        got = []
        for i in range(len(truth)):
            value = call(chouldechova_fpr, float(p[i]), float(ppv[i]), float(fnr[i]), what=what,
                         seconds=20, driver=run_student)
            try:
                got.append(float(np.asarray(value, dtype=float).reshape(())))
            except (TypeError, ValueError):
                fail(f"{what} was given three numbers and should return one, but it returned "
                     f"a {wire.type_name(value)}.")
        got = np.array(got)
    bad = np.flatnonzero(~(np.abs(got - truth) <= EXACT))
    if len(bad):
        i = bad[0]
        fail(f"{label}: for TP={tp[i]:g}, FP={fp[i]:g}, TN={tn[i]:g}, FN={fn[i]:g} "
             f"(prevalence {p[i]:.4g}, PPV {ppv[i]:.4g}, FNR {fnr[i]:.4g}) you return "
             f"{got[i]:.6g}, but the FPR is FP / (FP + TN) = {truth[i]:.6g}, which "
             "p / (1 - p) * (1 - PPV) / PPV * (1 - FNR) gives exactly.")


@student_facing
def check_chouldechova_fpr(chouldechova_fpr):
    """Visible: ProPublica's two COMPAS confusion matrices, one number at a time."""
    compas = np.array([[1188, 641, 873, 473], [414, 282, 999, 408]])  # African-American, Caucasian
    _identity_case(chouldechova_fpr, compas, "on the two COMPAS confusion matrices",
                   vectorised=False)


@student_facing
def check_chouldechova_fpr_hidden(chouldechova_fpr):
    """Hidden: 300 random confusion matrices at once, and 5 one at a time."""
    counts = random_confusion_matrices(300, core.grading_seed + 7)
    _identity_case(chouldechova_fpr, counts, "on 300 random confusion matrices given as arrays")
    _identity_case(chouldechova_fpr, counts[:5], "on 5 random confusion matrices given as numbers",
                   vectorised=False)


# ----------------------------------------------------------------------------
# Part 3: equalised odds by post-processing
# ----------------------------------------------------------------------------
def _as_rules(result, labels, what) -> dict:
    if not isinstance(result, dict):
        fail(f"{what} should return a dict {{group: (thresholds, probabilities)}}, "
             f"but it returned a {wire.type_name(result)}.")
    if set(result) != set(labels) or len(result) != len(labels):
        fail(f"{what} should return one rule for each group, {sorted(labels, key=str)}, "
             f"but its keys are {sorted(result, key=str)}.")
    rules = {}
    for g in labels:
        pair = result[g]
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            fail(f"{what}[{g!r}] should be a pair (thresholds, probabilities), "
                 f"but it is a {wire.type_name(pair)}.")
        try:
            t, p = (np.asarray(a, dtype=float).reshape(-1) for a in pair)
        except (TypeError, ValueError):
            fail(f"{what}[{g!r}] should hold two arrays of numbers.")
        if t.shape != p.shape or t.size == 0:
            fail(f"{what}[{g!r}] has {t.size} thresholds and {p.size} probabilities; "
                 "there must be one probability per threshold.")
        if np.isnan(t).any() or not np.isfinite(p).all():
            fail(f"{what}[{g!r}] contains NaN (or infinite probabilities).")
        if (p < -1e-9).any() or abs(p.sum() - 1) > 1e-6:
            fail(f"the probabilities of group {g!r}'s thresholds should be non-negative and sum "
                 f"to 1, but they sum to {p.sum():.6g} and the smallest is {p.min():.3g}.")
        rules[g] = (t, np.clip(p, 0, None))
    return rules


def _eo_case(postprocess, scores, y, groups, label, cost_fp=1.0, cost_fn=1.0):
    what = f"`equalized_odds_postprocess` {label}"
    labels = [_label(g) for g in np.unique(groups)]
    kwargs = {} if (cost_fp, cost_fn) == (1.0, 1.0) else {"cost_fp": cost_fp, "cost_fn": cost_fn}
    rules = _as_rules(call(postprocess, scores.copy(), y.copy(), groups.copy(), what=what,
                           seconds=30, driver=run_student, **kwargs), labels, what)
    rates = {}
    cost = 0.0
    for g in labels:
        at = groups == g
        rates[g] = gm.mixture_rates(scores[at], y[at], *rules[g])
        cost += gm.mixture_cost(scores[at], y[at], *rules[g], cost_fp=cost_fp, cost_fn=cost_fn)
    for k, name in ((0, "TPR"), (1, "FPR")):
        values = [rates[g][k] for g in labels]
        if max(values) - min(values) > RATE_TOL:
            lo, hi = labels[int(np.argmin(values))], labels[int(np.argmax(values))]
            fail(f"{label}: applied to the data, your rules give group {lo!r} a {name} of "
                 f"{min(values):.6f} and group {hi!r} one of {max(values):.6f}; equalised odds "
                 "needs the same TPR and the same FPR in every group.")
    n_neg, n_pos = float((y != 1).sum()), float((y == 1).sum())
    alternatives = [("accepting nobody", cost_fn * n_pos), ("accepting everyone", cost_fp * n_neg)]
    _, optimum = gm.equalized_odds_lp(scores, y, groups, cost_fp, cost_fn)
    alternatives.append(("the best randomised thresholds (an independent LP)", optimum))
    for name, alt in alternatives:
        if cost > alt + COST_TOL * (1 + abs(alt)):
            fail(f"{label}: your rules have expected cost {cost:.6f} (cost_fp = {cost_fp:g} per "
                 f"false positive, cost_fn = {cost_fn:g} per false negative, counted over all "
                 f"people), but {name} also equalises the odds and costs {alt:.6f}.")
    return cost, rates


@student_facing
def check_equalized_odds_postprocess(equalized_odds_postprocess):
    """Visible: 70 people in two groups with different score distributions."""
    rng = np.random.default_rng(5)
    groups = np.repeat([0, 1], [30, 40])
    scores = np.round(np.r_[rng.beta(2, 3, 30), rng.beta(3, 2, 40)], 3)
    y = (rng.random(70) < scores).astype(int)
    _eo_case(equalized_odds_postprocess, scores, y, groups, "on 70 people in groups 0 and 1")


@student_facing
def check_equalized_odds_postprocess_hidden(equalized_odds_postprocess):
    """Hidden: 3 groups, unequal costs, tied scores, relabelled groups, the Beta model."""
    seed = core.grading_seed
    rng = np.random.default_rng(seed + 51)
    sizes = [60, 120, 90]
    groups = np.repeat([0, 1, 2], sizes)
    risk = np.concatenate([rng.beta(a, b, n) for (a, b), n in zip([(2, 5), (3, 3), (5, 2)], sizes)])
    y = (rng.random(len(risk)) < risk).astype(int)
    scores = np.clip(risk + rng.normal(0, 0.1, len(risk)), 0, 1)
    cost, _ = _eo_case(equalized_odds_postprocess, scores, y, groups, "on 270 people in 3 groups")
    _eo_case(equalized_odds_postprocess, scores, y, groups,
             "on 270 people in 3 groups with cost_fp=3, cost_fn=1", cost_fp=3.0, cost_fn=1.0)
    names = np.array(["c", "a", "b"])
    cost2, _ = _eo_case(equalized_odds_postprocess, scores, y, names[groups],
                        "on the same 270 people with the groups renamed 'c', 'a', 'b'")
    if abs(cost - cost2) > COST_TOL * (1 + cost):
        fail(f"renaming the groups changed the optimal cost from {cost:.6f} to {cost2:.6f}; "
             "it must depend only on who is in each group.")
    # tied, decile-like scores and very different group sizes
    rng = np.random.default_rng(seed + 52)
    groups = np.repeat([0, 1], [40, 300])
    deciles = np.r_[rng.integers(1, 11, 40), np.minimum(rng.integers(1, 11, 300), rng.integers(1, 11, 300))]
    y = (rng.random(340) < deciles / 12).astype(int)
    _eo_case(equalized_odds_postprocess, deciles.astype(float), y, groups,
             "on decile scores 1-10 with groups of 40 and 300 people", cost_fp=1.0, cost_fn=2.0)
    # the Beta model: true risks, one Bayes threshold is optimal without the constraint
    s, y, groups = beta_model(150, seed + 53)
    cost, _ = _eo_case(equalized_odds_postprocess, s, y, groups,
                       "on the synthetic Beta model (150 people per group, true risks as scores)")
    best = 0.0  # each group's best single threshold, without the constraint
    for g in (0, 1):
        at = groups == g
        best += min(gm.mixture_cost(s[at], y[at], [t], [1.0]) for t in gm.candidate_thresholds(s[at]))
    if cost < best - COST_TOL * (1 + best):
        fail(f"on the Beta model your equalised-odds rules cost {cost:.6f}, less than the "
             f"{best:g} errors of the best unconstrained thresholds; a constraint cannot help.")
