"""The certification checks name what is wrong with a student's MILP in one sentence: an
infeasible, unbounded or unproven model, wrong return types and shapes (fast, no nbgrader)."""
import functools

import numpy as np
import pulp
import pytest

from autograder import fairness_certification as checks
from sentences import message as one_sentence


message = functools.partial(one_sentence, max_chars=700)


def one_input_problem(extra):
    """A MILP over one input pair whose constraints `extra` makes broken."""
    def build(layers, epsilon, theta, metric="linf"):
        prob = pulp.LpProblem("broken", pulp.LpMaximize)
        x1, x2 = pulp.LpVariable("p", 0, 1), pulp.LpVariable("q", 0, 1)
        extra(prob, x1, x2)
        return prob, [x1], [x2]
    return build


def test_infeasible_model_is_named():
    def infeasible(prob, x1, x2):
        prob += x1 - x2
        prob += x1 >= 2
    text = message(checks.check_certification_milp, one_input_problem(infeasible))
    assert "infeasible" in text and "certifies nothing" in text


def test_unbounded_model_is_named():
    def unbounded(prob, x1, x2):
        a = pulp.LpVariable("activation", 0)
        prob += a + x1 - x2
    text = message(checks.check_certification_milp, one_input_problem(unbounded))
    assert "unbounded" in text and "not a certificate" in text


def test_time_limited_model_is_named(monkeypatch):
    def slow(prob, seconds=checks.SOLVE_SECONDS):
        return pulp.LpSolutionIntegerFeasible  # as CBC reports a stop at its time limit
    monkeypatch.setattr(checks, "_solve", slow)
    def fine(prob, x1, x2):
        prob += x1 - x2
    text = message(checks.check_certification_milp, one_input_problem(fine))
    assert "time limit" in text and "lower bound" in text


def test_duplicate_variable_names_are_named():
    def twins(prob, x1, x2):
        prob += x1 - x2 + pulp.LpVariable("p", 0, 1)
    assert "share the name" in message(checks.check_certification_milp, one_input_problem(twins))


def test_minimising_problem_is_named():
    def build(layers, epsilon, theta, metric="linf"):
        x = pulp.LpVariable("x", 0, 1)
        prob = pulp.LpProblem("min")
        prob += x
        return prob, [x], [x]
    assert "LpMaximize" in message(checks.check_certification_milp, build)


def test_wrong_return_types():
    assert "tuple (prob, x_prime, x_double_prime)" in message(
        checks.check_certification_milp, lambda *a, **k: 1.5)
    assert "one (lower, upper) pair per layer" in message(
        checks.check_interval_bounds, lambda layers, lo, hi: np.zeros(3))
    assert "should have shape (3,)" in message(
        checks.check_interval_bounds, lambda layers, lo, hi: [(np.zeros(2), np.ones(2)), (0, 1)])
    assert "Certificate(delta" in message(checks.check_certify, lambda *a, **k: 0.3)
    assert "(z, lower, upper)" in message(checks.check_sigmoid_bounds, lambda lo, hi, p: [0, 1])
    assert "shape (8, 2)" in message(
        checks.check_sigmoid_bounds, lambda lo, hi, p: (np.linspace(lo, hi, 9), np.zeros(8), np.zeros(8)))


def test_stub_is_named():
    def stub(*args, **kwargs):
        raise NotImplementedError
    assert "NotImplementedError" in message(checks.check_certify, stub)


def test_closed_forms():
    w, theta = np.array([1.0, -2.0, 0.5]), np.array([1.0, 4.0, 0.0])
    assert checks.linear_closed_form(w, theta, 0.2, "linf") == pytest.approx(0.2 + 2 * 0.05 + 0.5)
    # l1: free feature 0.5, then the budget 0.2 buys 0.2 of feature 0 (ratio 1 > 2/4).
    assert checks.linear_closed_form(w, theta, 0.2, "l1") == pytest.approx(0.5 + 0.2)
    layers = checks.random_relu_net([1, 8, 1], seed=3)
    x = np.linspace(0, 1, 2001)
    f = checks.relu_forward(layers, x[:, None])
    window = max(abs(f[i] - f[j]) for i in range(0, 2001, 50) for j in range(i, min(i + 201, 2001)))
    assert checks.grid_brute_force(layers, 0.1, points=2001) >= window


class FakeClock:
    """Stands in for the checks' ``time`` module: each certify call takes ``seconds(limit)``."""

    def __init__(self):
        self.now = 0.0

    def perf_counter(self):
        return self.now


def stopped_certify(clock, seconds, delta=None):
    """A certify that 'runs' ``seconds(time_limit)`` and stops without proving anything."""
    def certify(layers, epsilon, theta, metric="linf", time_limit=30):
        clock.now += seconds(time_limit)
        n = layers[0][0].shape[1]
        return checks.Certificate(delta, [None] * n, [None] * n, False)
    return certify


def test_certify_that_honours_the_limit_passes(monkeypatch):
    """A stopped run may have no solution at all (delta None); it only has to end in time."""
    clock = FakeClock()
    monkeypatch.setattr(checks, "time", clock)
    checks.check_certify_hidden(stopped_certify(clock, lambda limit: limit + 0.2))


def test_own_time_cap_is_named(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(checks, "time", clock)
    text = message(checks.check_certify_hidden, stopped_certify(clock, lambda limit: 5.1))
    assert "time_limit=1 and 5.1 s with time_limit=3" in text and "a limit of your own" in text


def test_run_past_the_limit_is_named(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(checks, "time", clock)
    text = message(checks.check_certify_hidden, stopped_certify(clock, lambda limit: 20.0))
    assert "time_limit=1: it ran for 20.0 s" in text and "timeLimit=time_limit" in text
