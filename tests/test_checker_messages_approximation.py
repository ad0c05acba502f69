"""The approximation checks answer bad return values with one plain sentence, and the helpers they
judge against hold the facts they rely on (fast, no nbgrader)."""
import functools

import numpy as np
import pytest
from scipy.optimize import linprog

from autograder import approximation as checks
from sentences import message as one_sentence
from tfdl.approximation import (binomial_interval, interpolation_bound, square, sup_error,
                                wendel_outside)

message = functools.partial(one_sentence, max_chars=700)


def interpolant(f, knots):
    x = np.unique(np.asarray(knots, dtype=float))
    y = np.asarray(f(x), dtype=float)
    c = np.diff(np.diff(y) / np.diff(x), prepend=0.0)
    n = len(x) - 1
    return [(np.ones((n, 1)), -x[:-1]), (c.reshape(1, n), y[:1].copy())]


def in_hull(X, x):
    X, x = np.asarray(X, dtype=float), np.asarray(x, dtype=float).reshape(-1)
    n = len(X)
    result = linprog(np.zeros(n), A_eq=np.vstack([X.T, np.ones((1, n))]), b_eq=np.append(x, 1.0),
                     bounds=(0, None), method="highs")
    return (True, result.x) if result.status == 0 else (False, None)


def probability(n, d, trials, seed=0, query="new"):
    rng = np.random.default_rng(seed)
    hits = 0
    for _ in range(trials):
        X = rng.normal(size=(n, d))
        hits += in_hull(X, rng.normal(size=d) if query == "new" else np.zeros(d))[0]
    return hits / trials


def test_correct_functions_pass():
    checks.check_relu_interpolant(interpolant)
    checks.check_relu_interpolant_hidden(interpolant)
    checks.check_in_hull(in_hull)
    checks.check_in_hull_hidden(in_hull)
    checks.check_interpolation_probability(probability)


def test_relu_interpolant_shapes_and_types():
    assert "[(W1, b1), (W2, b2)]" in message(checks.check_relu_interpolant, lambda f, k: 1.5)
    assert "[(W1, b1), (W2, b2)]" in message(checks.check_relu_interpolant,
                                             lambda f, k: interpolant(f, k)[0])
    transposed = lambda f, k: [(w.T, b) for w, b in interpolant(f, k)]  # noqa: E731
    assert "shapes (m, 1), (m,), (1, m), (1,)" in message(checks.check_relu_interpolant, transposed)
    nan = lambda f, k: [(w * np.nan, b) for w, b in interpolant(f, k)]  # noqa: E731
    assert "NaN" in message(checks.check_relu_interpolant, nan)
    objects = lambda f, k: [(w, b.astype(object)) for w, b in interpolant(f, k)]  # noqa: E731
    assert "Python objects" in message(checks.check_relu_interpolant, objects)


def test_relu_interpolant_crashes_and_stubs():
    def stub(f, knots):
        raise NotImplementedError

    assert "NotImplementedError" in message(checks.check_relu_interpolant, stub)
    assert "raised ZeroDivisionError" in message(checks.check_relu_interpolant, lambda f, k: 1 / 0)
    assert "expected a function" in message(checks.check_relu_interpolant, 42)


def test_relu_interpolant_theory_messages():
    def one_extra_neuron(f, knots):  # ReLU(x - 5) with output weight 0: off on the whole domain
        (w1, b1), (w2, b2) = interpolant(f, knots)
        return [(np.vstack([w1, [[1.0]]]), np.append(b1, -5.0)),
                (np.append(w2, [[0.0]], axis=1), b2)]

    assert "exactly one neuron per segment" in message(checks.check_relu_interpolant,
                                                       one_extra_neuron)

    def bends_between_knots(f, knots):  # plus a tent on [0.2, 0.5]: 0 at the knots 0, 0.5, 1
        (w1, b1), (w2, b2) = interpolant(f, knots)
        return [(np.vstack([w1, np.ones((3, 1))]), np.append(b1, [-0.2, -0.35, -0.5])),
                (np.append(w2, [[0.3, -0.6, 0.3]], axis=1), b2)]

    assert "not linear between the knots" in message(checks.check_relu_interpolant,
                                                     bends_between_knots)

    def sorts_in_place(f, knots):
        knots.sort()
        return interpolant(f, knots)

    assert "in place" in message(checks.check_relu_interpolant_hidden, sorts_in_place)

    def float32(f, knots):
        return [(w.astype(np.float32), b.astype(np.float32)) for w, b in interpolant(f, knots)]

    text = message(checks.check_relu_interpolant_hidden, float32)
    assert "float32" in text and "does not interpolate" in text


def test_in_hull_messages():
    assert "a pair (inside, lam)" in message(checks.check_in_hull, lambda X, x: True)
    assert "True or False" in message(checks.check_in_hull, lambda X, x: (1, None))
    assert "(True, None)" in message(checks.check_in_hull,
                                     lambda X, x: (in_hull(X, x)[0], None))
    short = lambda X, x: (in_hull(X, x)[0], np.ones(2) / 2)  # noqa: E731
    assert "one weight per point" in message(checks.check_in_hull, short)
    always = lambda X, x: (True, np.ones(len(X)) / len(X))  # noqa: E731
    text = message(checks.check_in_hull, always)
    assert "outside the convex hull" in text and "bounding box" in text
    stub_lambda = lambda X, x: (in_hull(X, x)[0], np.full(len(X), 1.0))  # noqa: E731
    assert "sum to" in message(checks.check_in_hull, stub_lambda)


def test_interpolation_probability_messages():
    assert "a probability, a float" in message(checks.check_interpolation_probability,
                                               lambda n, d, t, seed=0, query="new": "0.7")
    assert "in [0, 1]" in message(checks.check_interpolation_probability,
                                  lambda n, d, t, seed=0, query="new": 1.5)
    formula = lambda n, d, t, seed=0, query="new": 1 - wendel_outside(n, d)  # noqa: E731
    assert "not a number of trials divided by" in message(checks.check_interpolation_probability,
                                                           formula)
    def outside(n, d, trials, seed=0, query="new"):
        return 1 - probability(n, d, trials, seed, query)

    assert "Wendel's theorem" in message(checks.check_interpolation_probability, outside)


def test_helpers_hold_the_facts_the_checks_use():
    assert wendel_outside(5, 2) == 5 / 16 and wendel_outside(3, 3) == 1.0
    assert wendel_outside(1, 1) == 1.0 and wendel_outside(2, 1) == 0.5
    for trials, p in ((200, 0.6875), (100, 1 / 3), (150, 0.05)):
        low, high = binomial_interval(trials, p, 1e-6)
        assert low <= trials * p <= high
        narrow = binomial_interval(trials, p, 0.05)
        assert low <= narrow[0] <= trials * p <= narrow[1] <= high
    knots = np.array([0.0, 0.1, 0.5, 0.6, 1.3])
    assert sup_error(square, interpolant(square, knots), knots) == pytest.approx(
        interpolation_bound(knots, 2.0), rel=1e-12)
