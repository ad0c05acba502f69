"""tfdl.fairness and tfdl.tabular agree with fairlearn's definitions and the datasets' facts."""
import numpy as np
import pytest
from fairlearn.metrics import demographic_parity_difference as fl_dpd
from fairlearn.metrics import equalized_odds_difference as fl_eod

from tfdl.fairness import demographic_parity_difference, equalized_odds_difference, rates_by_group
from tfdl.tabular import tabular


@pytest.mark.parametrize("seed", range(5))
def test_metrics_match_fairlearn(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 500)
    s = rng.integers(0, 2, 500)
    pred = (rng.random(500) < 0.3 + 0.3 * s).astype(int)
    assert demographic_parity_difference(pred, s) == pytest.approx(fl_dpd(y, pred, sensitive_features=s))
    assert equalized_odds_difference(y, pred, s) == pytest.approx(fl_eod(y, pred, sensitive_features=s))


def test_adult_tensors():
    adult = tabular("adult")
    assert adult.x_train.shape == (30162, adult.n_features) and adult.x_test.shape[0] == 15060
    assert "sex" not in " ".join(adult.feature_names) and "fnlwgt" not in adult.feature_names
    assert abs(float(adult.x_train.mean())) < 1e-3  # standardized on train
    rates = rates_by_group(adult.y_train, adult.y_train, adult.s_train)
    assert rates[1]["selection_rate"] == pytest.approx(0.114, abs=0.005)  # women's base rate
    assert rates[0]["selection_rate"] == pytest.approx(0.314, abs=0.005)


def test_unit_scaling_and_sensitive_feature():
    g = tabular("german", columns=["duration_months", "credit_amount"], scaling="unit", sensitive_as_feature=True)
    assert g.feature_names == ["duration_months", "credit_amount", "s"]
    for x in (g.x_train, g.x_test):
        assert float(x.min()) >= 0.0 and float(x.max()) <= 1.0
    assert bool((g.x_train[:, -1] == g.s_train).all())


def test_bad_arguments_say_what_is_wrong():
    with pytest.raises(ValueError, match="unknown dataset"):
        tabular("boston")
    with pytest.raises(ValueError, match="group="):
        tabular("adult", sensitive="race")
    with pytest.raises(ValueError, match="no row has"):
        tabular("adult", group="female")
