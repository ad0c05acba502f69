"""The bias-metrics checks name what is wrong in one sentence a student understands: wrong
return types, missing groups or keys, NaN for empty cells, a broken identity, post-processing
rules that are not distributions or do not equalise the odds (fast, no nbgrader). The library
they share with the unit (tfdl/group_metrics.py) is checked against fairlearn here too."""
import functools

import numpy as np
import pytest

from autograder import bias_metrics as checks
from sentences import message as one_sentence
from tfdl import group_metrics as gm

message = functools.partial(one_sentence, max_chars=700)


def reference_metrics(y, y_hat, groups):
    return gm.group_metrics(y, y_hat, groups)


def reference_postprocess(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
    return gm.equalized_odds_lp(scores, y, groups, cost_fp, cost_fn)[0]


# -- the library against fairlearn ---------------------------------------------------------------
@pytest.mark.parametrize("n_groups", [2, 3, 5])
def test_library_equals_fairlearn(n_groups):
    y, y_hat, groups = checks.random_confusion_data(400, n_groups, seed=n_groups)
    ours, theirs = gm.group_metrics(y, y_hat, groups), checks.fairlearn_metrics(y, y_hat, groups)
    for g, row in theirs["by_group"].items():
        for k in checks.COUNTS + checks.RATES:
            assert abs(ours["by_group"][g][k] - row[k]) <= 1e-12, (g, k)
    for k in ("demographic_parity_difference", "equalized_odds_difference"):
        assert abs(ours[k] - theirs[k]) <= 1e-12


def test_library_identity_and_lp_pass_the_checks():
    checks.check_group_metrics_hidden(reference_metrics)
    checks.check_chouldechova_fpr_hidden(gm.chouldechova_fpr)
    checks.check_equalized_odds_postprocess_hidden(reference_postprocess)


# -- group_metrics ----------------------------------------------------------------------------------
def test_not_a_dict_is_named():
    text = message(checks.check_group_metrics, lambda y, y_hat, groups: [0.5, 0.5])
    assert "should return a dict" in text and "list" in text


def test_missing_group_is_named():
    def one_group(y, y_hat, groups):
        out = gm.group_metrics(y, y_hat, groups)
        out["by_group"].pop("b")
        return out
    text = message(checks.check_group_metrics, one_group)
    assert "one entry for each group" in text and "'b'" in text


def test_missing_key_is_named():
    def no_ppv(y, y_hat, groups):
        out = gm.group_metrics(y, y_hat, groups)
        for row in out["by_group"].values():
            row.pop("ppv")
        return out
    assert "without the keys ['ppv']" in message(checks.check_group_metrics, no_ppv)


def test_nan_for_an_empty_cell_is_named():
    def nan_rates(y, y_hat, groups):
        out = gm.group_metrics(y, y_hat, groups)
        for row in out["by_group"].values():
            if row["tp"] + row["fn"] == 0:
                row["tpr"] = float("nan")
        return out
    text = message(checks.check_group_metrics_hidden, nan_rates)
    assert "is nan" in text and "should be 0.0, as in fairlearn" in text


def test_a_string_instead_of_a_number_is_named():
    def text_rate(y, y_hat, groups):
        out = gm.group_metrics(y, y_hat, groups)
        out["demographic_parity_difference"] = "0.1"
        return out
    assert "should be a number, but it is a str" in message(checks.check_group_metrics, text_rate)


def test_signed_difference_is_explained():
    def signed(y, y_hat, groups):
        out = gm.group_metrics(y, y_hat, groups)
        rates = [r["selection_rate"] for r in out["by_group"].values()]
        out["demographic_parity_difference"] = rates[-1] - rates[0]
        return out
    text = message(checks.check_group_metrics_hidden, signed)
    assert "never negative" in text


def test_crash_is_one_sentence():
    def crash(y, y_hat, groups):
        raise KeyError("tp")
    assert "raised KeyError" in message(checks.check_group_metrics, crash)


# -- chouldechova_fpr -----------------------------------------------------------------------------
def test_wrong_identity_names_the_matrix():
    text = message(checks.check_chouldechova_fpr, lambda p, ppv, fnr: p * (1 - ppv) * fnr)
    assert "TP=1188, FP=641, TN=873, FN=473" in text and "FP / (FP + TN)" in text


def test_scalar_result_for_arrays_is_named():
    text = message(checks.check_chouldechova_fpr_hidden, lambda p, ppv, fnr: 0.3)
    assert "should return 300 FPRs" in text


# -- equalized_odds_postprocess ---------------------------------------------------------------------
def test_rules_not_a_distribution_are_named():
    def half(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
        return {g: (np.array([np.inf]), np.array([0.5])) for g in np.unique(groups)}
    assert "sum to 1" in message(checks.check_equalized_odds_postprocess, half)


def test_unequal_rates_are_named():
    def one_threshold(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
        return {g: (np.array([0.5]), np.array([1.0])) for g in np.unique(groups)}
    text = message(checks.check_equalized_odds_postprocess, one_threshold)
    assert "same TPR and the same FPR" in text


def test_costlier_than_accepting_nobody_is_named():
    def everyone_or_nobody(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
        return {g: (np.array([-np.inf, np.inf]), np.array([0.5, 0.5])) for g in np.unique(groups)}
    text = message(checks.check_equalized_odds_postprocess_hidden, everyone_or_nobody)
    assert "also equalises the odds and costs" in text


def test_mismatched_lengths_are_named():
    def ragged(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
        return {g: (np.array([0.1, 0.2]), np.array([1.0])) for g in np.unique(groups)}
    assert "one probability per threshold" in message(checks.check_equalized_odds_postprocess, ragged)
