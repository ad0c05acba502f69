"""The certification checks name what is wrong with a student's MILP in one sentence: an
infeasible, unbounded or unproven model, wrong return types and shapes (fast, no nbgrader)."""
import functools

import numpy as np
import pulp
import pytest

from autograder import fairness_certification as checks
from autograder import harness
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
    """Stands in for ``time`` in autograder/core.py, which times each call: each certify call
    takes ``seconds(limit)``."""

    def __init__(self):
        self.now = 0.0

    def perf_counter(self):
        return self.now


def searched_pair(layers, epsilon, seed=1):
    """A good feasible pair and its gap, as CBC's incumbent would be (here found by sampling)."""
    rng = np.random.default_rng(seed)
    x1 = rng.random((20000, layers[0][0].shape[1]))
    x2 = np.clip(x1 + epsilon * rng.choice([-1.0, 1.0], x1.shape), 0, 1)
    gaps = checks.relu_forward(layers, x1) - checks.relu_forward(layers, x2)
    i = int(np.argmax(np.abs(gaps)))
    return abs(gaps[i]), x1[i], x2[i]


def stopped_certify(clock, seconds, witness=searched_pair):
    """A certify that 'runs' ``seconds(time_limit)`` and stops without proving anything, with
    ``witness(layers, epsilon)`` as its incumbent (delta, x', x'')."""
    def certify(layers, epsilon, theta, metric="linf", time_limit=30):
        clock.now += seconds(time_limit)
        return checks.Certificate(*witness(layers, epsilon), False)
    return certify


def no_solution(layers, epsilon):
    n = layers[0][0].shape[1]
    return None, [None] * n, [None] * n


def test_certify_that_honours_the_limit_passes(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(checks.core, "time", clock)
    checks.check_certify_hidden(stopped_certify(clock, lambda limit: limit + 0.2))


def test_no_solution_at_the_shorter_limit_passes(monkeypatch):
    """CBC may have no solution yet after 1 s on a busy machine; after 3 s it has one."""
    clock = FakeClock()
    monkeypatch.setattr(checks.core, "time", clock)
    checks.check_certify_hidden(stopped_certify(
        clock, lambda limit: limit + 0.2,
        lambda layers, epsilon: (no_solution if clock.now < 2 else searched_pair)(layers, epsilon)))


def test_own_time_cap_is_named(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(checks.core, "time", clock)
    text = message(checks.check_certify_hidden, stopped_certify(clock, lambda limit: 5.1))
    assert "time_limit=1 and 5.1 s with time_limit=3" in text and "a limit of your own" in text


def test_run_past_the_limit_is_named(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(checks.core, "time", clock)
    text = message(checks.check_certify_hidden, stopped_certify(clock, lambda limit: 20.0))
    assert "time_limit=1: it ran for 20.0 s" in text and "timeLimit=time_limit" in text


def test_stopped_run_without_a_solution_is_named(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(checks.core, "time", clock)
    text = message(checks.check_certify_hidden,
                   stopped_certify(clock, lambda limit: limit + 0.2, no_solution))
    assert "time_limit=3: your certificate has no delta" in text and "best pair" in text


def test_made_up_witness_pairs_are_named(monkeypatch):
    """A stopped run's delta must come from a feasible pair that a search found."""
    clock = FakeClock()
    monkeypatch.setattr(checks.core, "time", clock)

    def corners(layers, epsilon):  # a real gap, but of two inputs far apart
        n = layers[0][0].shape[1]
        p, q = np.zeros(n), np.ones(n)
        return abs(checks.relu_forward(layers, p) - checks.relu_forward(layers, q)), p, q

    def twins(layers, epsilon):  # x' = x'': feasible, gap 0
        return 0.0, np.full(layers[0][0].shape[1], 0.5), np.full(layers[0][0].shape[1], 0.5)

    text = message(checks.check_certify_hidden, stopped_certify(clock, lambda t: t + 0.2, corners))
    assert "at distance 1 under the weighted linf metric, more than epsilon = 0.1" in text
    text = message(checks.check_certify_hidden, stopped_certify(clock, lambda t: t + 0.2, twins))
    assert "delta 0 is the gap of a feasible pair" in text and "CBC's own incumbent" in text


def test_layers_changed_in_place_are_named():
    def interval_bounds(layers, lower, upper):
        layers[0][0][:] = 0
        return [(np.zeros(len(b)), np.zeros(len(b))) for _, b in layers]
    assert "changed the network's weights in place" in message(
        checks.check_interval_bounds, interval_bounds)


def test_sigmoid_bound_crossing_between_grid_points_is_named():
    """A tangent raised by 1e-8 where the sigmoid bends most crosses it on a stretch narrower
    than the grid's step; the point where it touches is checked too."""
    def sigmoid_bounds(lo, hi, pieces=16):
        z = np.linspace(lo, hi, pieces + 1)
        lower, upper = [], []
        for a, b in zip(z[:-1], z[1:]):
            chord_slope = (checks.sigmoid(b) - checks.sigmoid(a)) / (b - a)
            chord = (chord_slope, checks.sigmoid(a) - chord_slope * a)
            m = a + 0.3217 * (b - a)  # off the check's grid
            d = checks.sigmoid(m) * (1 - checks.sigmoid(m))
            tangent = (d, checks.sigmoid(m) - d * m + (1e-8 if a == -2 else 0.0))
            lower.append(tangent if b <= 0 else chord)
            upper.append(chord if b <= 0 else (d, checks.sigmoid(m) - d * m))
        return z, np.array(lower), np.array(upper)
    assert "your lower bound is" in message(checks.check_sigmoid_bounds, sigmoid_bounds)


def reference(name):
    """The reference solution's function ``name`` (with the cells it uses)."""
    namespace = {}
    sources = harness.solution_sources("fairness_certification")
    exec("import numpy as np, pulp\n" + sources["interval_bounds"] + "\n" + sources[name], namespace)
    return namespace[name]


def test_milp_crosses_as_data():
    """The check rebuilds the student's MILP from its description: the objective's constant
    (which toDict leaves out) counts, and inputs as dicts or object arrays are read."""
    milp = reference("certification_milp")

    def shifted(*args, **kwargs):
        prob, x1, x2 = milp(*args, **kwargs)
        prob.setObjective(prob.objective + 0.5)
        return prob, x1, x2

    def other_containers(*args, **kwargs):
        prob, x1, x2 = milp(*args, **kwargs)
        return prob, dict(enumerate(x1)), np.array(x2, dtype=object)

    assert "your MILP's optimum is" in message(checks.check_certification_milp, shifted)
    checks.check_certification_milp(other_containers)
