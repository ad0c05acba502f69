"""Checkers answer a bad submission with one plain sentence (fast, no nbgrader)."""
import time

import pytest
import torch

from autograder import lottery_tickets as checks
from autograder.core import CheckFailed
from sentences import message


def test_wrong_return_type():
    assert "should be a dict" in message(checks.check_magnitude_prune, lambda w, m, f, s: [1, 2])


def test_wrong_shape():
    bad = lambda w, m, f, s: {k: torch.ones(3) for k in w}  # noqa: E731
    assert "should have shape" in message(checks.check_magnitude_prune, bad)


def test_nan_and_non_binary():
    nan = lambda w, m, f, s: {k: torch.full_like(v, float("nan")) for k, v in w.items()}  # noqa: E731
    assert "NaN" in message(checks.check_magnitude_prune, nan)
    half = lambda w, m, f, s: {k: torch.full_like(v, 0.5) for k, v in w.items()}  # noqa: E731
    assert "only 0 and 1" in message(checks.check_magnitude_prune, half)


def test_stub_and_crash():
    def stub(*args):
        raise NotImplementedError

    assert "NotImplementedError" in message(checks.check_enforce_masks, stub)
    assert "ZeroDivisionError" in message(checks.check_enforce_masks, lambda m, k: 1 / 0)
    assert "expected a function" in message(checks.check_imp, 42)


def test_endless_loop_is_stopped(monkeypatch):
    def loop(*args):
        while True:
            pass

    from autograder import core

    start = time.time()
    with pytest.raises(CheckFailed, match="did not finish"):
        core.call(loop, what="`loop`", seconds=1)
    assert time.time() - start < 5


def test_imp_missing_keys():
    bad = lambda model, train_fn, *a: [{"masks": {}} for _ in range(3)]  # noqa: E731
    assert "keys 'masks', 'start' and 'trained'" in message(checks.check_imp, bad)
