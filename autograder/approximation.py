"""Checks for the universal-approximation lab (``solutions/approximation``).

The checks test what the theory guarantees, not one implementation's numbers:

* ``relu_interpolant``: the network ``[(W1, b1), (W2, b2)]`` has one input, one output and
  exactly N hidden ReLU neurons for N + 1 distinct knots; it equals f at every knot (to 1e-9,
  relative), is linear between consecutive knots (checked at interior points of every segment),
  and its error stays below the bound of piecewise-linear interpolation,
  ``max_k h_k^2 max|f''| / 8``: attained exactly for f(x) = x^2, and divided by about 4 (3.9 to
  4.1) each time N doubles for a smooth f. The knots come in any order, unevenly spaced, with a
  repeated value, as a NumPy array, a list or a float32 torch tensor, and must not be changed in
  place;
* ``in_hull``: a point is reported inside exactly when it is in the convex hull (boundary
  included), and then the weights lambda prove it: lambda >= 0, sum 1, X^T lambda = x. Every
  training point is in its own hull; a point outside the points' bounding box, or beyond a
  separating hyperplane, is outside; in 1-D, inside <=> min <= x <= max. Cases vary the
  dimension (1 to 8), the number of points (1 to 50), repeated points, degenerate hulls (points
  on a line in 2-D, fewer points than dimensions) and the input type (float32 torch tensors);
* ``interpolation_probability``: its estimate of P(origin in the hull of n symmetric points)
  lies in the exact 1 - 1e-6 binomial band of Wendel's closed form, P(a new point in the hull of
  n points in 1-D) in the band of (n - 1)/(n + 1), it is exactly 0 when n <= d, it is a count of
  trials divided by their number, and the same seed gives the same estimate.

Student code runs only through :func:`autograder.core.call`; the drivers below
(:func:`run_interpolants`, :func:`run_hull_cases`) run beside it, in its kernel, and return data:
what the student's function returned (or the error it raised) and whether it changed its
inputs. Every verdict is computed here from that data, against properties computed here.
Hidden checks add ``core.grading_seed`` to the seeds of their random knots, clouds and queries.
"""
import math

import numpy as np

from tfdl.approximation import (binomial_interval, interpolation_bound, max_abs, network, square,
                                square_second, sup_error, wavy, wavy_second, wendel_outside)

from . import core, wire
from .core import call, fail, student_facing

EXACT = 1e-9             # relative tolerance for interpolation at the knots and linearity
RATE_BAND = (3.9, 4.1)   # error(N) / error(2N) for a smooth f once N >= 32 (measured 3.99)
LAMBDA_TOL = 1e-7        # lambda >= -LAMBDA_TOL and |sum lambda - 1| <= LAMBDA_TOL
RESIDUAL_TOL = 1e-6      # |X^T lambda - x| <= RESIDUAL_TOL * max(1, max |X|)
ALPHA = 1e-6             # a correct Monte-Carlo estimate leaves its band with probability <= ALPHA


def _second_of_sin(x):
    return -np.sin(x)


def _second_of_cos(x):
    return -np.cos(x)


# f, its second derivative, and the name the messages use
FUNCTIONS = {
    "wavy": (wavy, wavy_second, "wavy(x) = sin(2πx) + cos(5πx)/2"),
    "square": (square, square_second, "f(x) = x²"),
    "sin": (np.sin, _second_of_sin, "np.sin"),
    "cos": (np.cos, _second_of_cos, "np.cos"),
    "exp": (np.exp, np.exp, "np.exp"),
}


def _short(values, digits: int = 3) -> str:
    values = np.round(np.asarray(values, dtype=float), digits).tolist()
    return str(values if len(values) <= 8 else values[:8] + ["..."]).replace("'...'", "...")


def _given(value, kind: str):
    """The input as the student's function receives it (runs in the student's kernel)."""
    if kind == "torch32":
        import torch

        return torch.tensor(np.asarray(value, dtype=np.float32))
    if kind == "list":
        return np.asarray(value).tolist()
    return np.array(value, copy=True)


def _raised(error) -> dict:
    return {"raised": [type(error).__name__, str(error)[:500]]}


# ----------------------------------------------------------------------------
# relu_interpolant
# ----------------------------------------------------------------------------
def run_interpolants(relu_interpolant, cases):
    """Driver: for each case ``(f, knots, kind)``, what ``relu_interpolant(f, knots)`` returned
    (or the error it raised), and whether it changed ``knots`` in place."""
    out = []
    for f, knots, kind in cases:
        given = _given(knots, kind)
        try:
            layers = relu_interpolant(f, given)
        except (NotImplementedError, core.TimeUp):
            raise
        except Exception as error:  # reported with its case, in a sentence
            out.append(_raised(error))
            continue
        after = np.asarray(given, dtype=float)
        out.append({"layers": layers,
                    "changed": after.shape != np.shape(knots) or
                    not np.array_equal(after, np.asarray(knots, dtype=float))})
    return out


def _raised_sentence(what: str, raised) -> None:
    name, message = (list(raised) + ["", ""])[:2]
    core.outcome_value({"status": "raised", "type": name, "message": message}, what, 0)


def _array(value, what: str, nan_hint: str = "") -> tuple[np.ndarray, str]:
    """A float64 copy of an array or tensor that came back as data, and its original dtype."""
    if isinstance(value, wire.Unreadable) and wire.type_name(value).startswith(("array", "tensor")):
        fail(f"{what} should be an array of numbers, but it came back as an "
             f"{wire.type_name(value)}: does it hold None or other Python objects?")
    if isinstance(value, wire.Unreadable) or value is None or isinstance(value, (str, dict)):
        fail(f"{what} should be a NumPy array, but it is {_describe(value)}.")
    dtype = str(getattr(value, "dtype", "list")).replace("torch.", "")
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what} should be an array of numbers, but it is a {wire.type_name(value)}.")
    if not np.isfinite(array).all():
        fail(f"{what} contains NaN or infinite values{nan_hint}.")
    return array, dtype


def _as_layers(value, what: str) -> tuple[list, int, set]:
    """``[(W1, b1), (W2, b2)]`` of one input and one output; the hidden width; the dtypes."""
    if not isinstance(value, (list, tuple)) or len(value) != 2 or not all(
            isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in value):
        fail(f"{what} should return [(W1, b1), (W2, b2)]: a list of two (weights, biases) pairs, "
             f"but it returned {_describe(value)}.")
    (w1, d1), (b1, e1), (w2, d2), (b2, e2) = (
        _array(value[i][j], f"{name} of the result of {what}",
               " (two equal knots divide by zero: a repeated knot is one knot)")
        for i, j, name in ((0, 0, "W1"), (0, 1, "b1"), (1, 0, "W2"), (1, 1, "b2")))
    m = w1.shape[0] if w1.ndim == 2 else -1
    expected = {"W1": (m, 1), "b1": (m,), "W2": (1, m), "b2": (1,)}
    for name, array in (("W1", w1), ("b1", b1), ("W2", w2), ("b2", b2)):
        if m < 1 or array.shape != expected[name]:
            fail(f"in the result of {what}, W1, b1, W2, b2 should have shapes (m, 1), (m,), "
                 f"(1, m), (1,) for m hidden neurons (W is outputs x inputs, as relu_layers "
                 f"returns), but they have shapes {w1.shape}, {b1.shape}, {w2.shape}, {b2.shape}.")
    return [(w1, b1), (w2, b2)], m, {d1, e1, d2, e2}


def _describe(value) -> str:
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    if value is None:
        return "None"
    name = wire.type_name(value)
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def _check_interpolant(entry, f_name: str, knots, label: str):
    """All the exact properties of one case; returns the network."""
    f, _, f_label = FUNCTIONS[f_name]
    what = f"`relu_interpolant({f_label}, knots)` {label}"
    if not isinstance(entry, dict) or not ("layers" in entry or "raised" in entry):
        fail(f"{what} could not be run: no result came back.")
    if "raised" in entry:
        _raised_sentence(what, entry["raised"])
    layers, m, dtypes = _as_layers(entry["layers"], what)
    if entry.get("changed") is True:
        fail(f"{what} changed the knots it was given in place (for example with knots.sort()); "
             "work on a sorted copy, np.sort(np.asarray(knots, dtype=float)).")
    x = np.unique(np.asarray(knots, dtype=float))
    y = np.asarray(f(x), dtype=float)
    got = network(layers, x)
    scale = 1.0 + float(np.abs(y).max())
    worst = int(np.argmax(np.abs(got - y)))
    if abs(got[worst] - y[worst]) > EXACT * scale:
        hint = (" Your arrays are float32: compute in float64 (np.asarray(knots, dtype=float)),"
                " the knots may come as a float32 tensor." if "float32" in dtypes else
                " The output bias gives f(x_0), and the output weight of the neuron at x_k is the "
                "change of slope there, not the slope itself; sort the knots first and count a "
                "repeated knot once.")
        fail(f"{what} does not interpolate: at the knot x = {x[worst]:.6g} the network gives "
             f"{got[worst]:.10g} but f(x) = {y[worst]:.10g}; it must equal f at every knot."
             + hint)
    t = np.array([0.23, 0.5, 0.81])
    inner = (x[:-1, None] + np.diff(x)[:, None] * t).ravel()
    chord = (got[:-1, None] * (1 - t) + got[1:, None] * t).ravel()
    bent = np.abs(network(layers, inner) - chord)
    if bent.max() > EXACT * scale:
        k = int(np.argmax(bent)) // len(t)
        fail(f"{what} is not linear between the knots {x[k]:.6g} and {x[k + 1]:.6g}: a neuron "
             "bends inside that segment. Each hidden neuron should be ReLU(x - x_k), bending "
             "exactly at a knot.")
    if m != len(x) - 1:
        fail(f"{what} has {m} hidden neurons, but {len(x)} distinct knots make {len(x) - 1} "
             "segments and the construction uses exactly one neuron per segment, ReLU(x - x_k) "
             "for k = 0..N-1 (a repeated knot counts once).")
    return layers


def _interpolants(relu_interpolant, cases, what: str, seconds: float = 30):
    """Run the cases ``(f_name, knots, kind, label)`` in one call; the entries, in order."""
    sent = [(FUNCTIONS[name][0], np.asarray(knots, dtype=float), kind)
            for name, knots, kind, _ in cases]
    entries = call(relu_interpolant, sent, driver=run_interpolants, what=what, seconds=seconds)
    if not isinstance(entries, list) or len(entries) != len(cases):
        fail(f"{what} could not be run: no result came back.")
    return entries


def _check_bound(layers, f_name, knots, label, exact=False):
    f, f2, f_label = FUNCTIONS[f_name]
    x = np.unique(np.asarray(knots, dtype=float))
    error = sup_error(f, layers, x)
    bound = interpolation_bound(x, max_abs(f2, x[0], x[-1]))
    if error > bound * (1 + 1e-6) + 1e-12:
        fail(f"`relu_interpolant({f_label}, knots)` {label}: the largest error |f - f̂| between "
             f"the knots is {error:.4g}, above the bound max h² max|f''| / 8 = {bound:.4g} that "
             "piecewise-linear interpolation guarantees.")
    if exact and abs(error - bound) > 1e-9 * (1 + bound):
        fail(f"`relu_interpolant({f_label}, knots)` {label}: for f(x) = x² the largest error is "
             f"exactly max h²/4 = {bound:.6g} (at the middle of the widest segment), but yours "
             f"is {error:.6g}.")
    return error


@student_facing
def check_relu_interpolant(relu_interpolant):
    """Visible: x² on three knots, and a smooth f on 9 evenly spaced knots of [0, 1]."""
    cases = [("square", [0.0, 0.5, 1.0], "numpy", "on the knots [0, 0.5, 1]"),
             ("wavy", np.linspace(0, 1, 9), "numpy", "on 9 evenly spaced knots of [0, 1]")]
    entries = _interpolants(relu_interpolant, cases, "`relu_interpolant` on the visible examples")
    for (name, knots, _, label), entry in zip(cases, entries):
        layers = _check_interpolant(entry, name, knots, label)
        _check_bound(layers, name, knots, label, exact=name == "square")


def _uneven_knots(rng, n: int, low: float, high: float) -> np.ndarray:
    """``n`` sorted knots from ``low`` to ``high`` whose gaps vary by a factor of up to 3."""
    gaps = rng.uniform(0.5, 1.5, n - 1)
    return low + (high - low) * np.concatenate([[0.0], np.cumsum(gaps) / gaps.sum()])


RATE_SIZES = (16, 32, 64, 128)


@student_facing
def check_relu_interpolant_hidden(relu_interpolant):
    """Hidden: shuffled, unevenly spaced and repeated knots, a list and a float32 tensor, x²
    (whose error equals the bound), and the factor 4 per doubling of N for a smooth f."""
    rng = np.random.default_rng(core.grading_seed)
    sin_knots = rng.permutation(_uneven_knots(rng, 12, -2.0, 3.0))
    exp_knots = _uneven_knots(rng, 6, -1.0, 2.0)
    twice = float(exp_knots[2])
    exp_knots = rng.permutation(np.append(exp_knots, twice))
    square_knots = _uneven_knots(rng, 9, -1.5, 1.0)
    cos_knots = rng.permutation(_uneven_knots(rng, 10, 0.0, 4.0).astype(np.float32))
    cases = [
        ("sin", sin_knots, "numpy", "on 12 unevenly spaced knots of [-2, 3] in shuffled order"),
        ("exp", exp_knots, "numpy", f"on 7 shuffled knots of [-1, 2] where {twice:.4g} appears "
                                    "twice"),
        ("square", square_knots, "numpy", "on 9 unevenly spaced knots of [-1.5, 1]"),
        ("cos", cos_knots, "torch32", "on 10 shuffled knots of [0, 4] given as a float32 torch "
                                      "tensor"),
        ("sin", [1.0, -0.5], "list", "on the two knots [1.0, -0.5] given as a Python list"),
    ] + [("wavy", np.linspace(0, 1, n + 1), "numpy", f"on {n + 1} evenly spaced knots of [0, 1]")
         for n in RATE_SIZES]
    entries = _interpolants(relu_interpolant, cases, "`relu_interpolant` on the hidden examples")
    errors = {}
    for (name, knots, _, label), entry in zip(cases, entries):
        layers = _check_interpolant(entry, name, knots, label)
        error = _check_bound(layers, name, knots, label, exact=name == "square")
        if name == "wavy":
            errors[len(knots) - 1] = error
    low, high = RATE_BAND
    for n in RATE_SIZES[1:-1]:
        ratio = errors[n] / errors[2 * n]
        if not low <= ratio <= high:
            fail(f"for wavy(x) on [0, 1] the largest error with N = {n} neurons is "
                 f"{errors[n]:.4g} and with N = {2 * n} it is {errors[2 * n]:.4g}, a ratio of "
                 f"{ratio:.3f}; for a smooth f the error of piecewise-linear interpolation falls "
                 f"as 1/N², by a factor between {low} and {high} per doubling.")


# ----------------------------------------------------------------------------
# in_hull
# ----------------------------------------------------------------------------
def run_hull_cases(in_hull, cases):
    """Driver: for each case ``(X, queries, kind)``, what ``in_hull(X, x)`` returned for each
    query x (or the error it raised), and whether a call changed X or x in place."""
    out = []
    for points, queries, kind in cases:
        answers = []
        for x in queries:
            given_points, given_x = _given(points, kind), _given(x, kind)
            try:
                answer = in_hull(given_points, given_x)
            except (NotImplementedError, core.TimeUp):
                raise
            except Exception as error:  # reported with its case, in a sentence
                answers.append(_raised(error))
                continue
            changed = not (np.array_equal(np.asarray(given_points, dtype=float),
                                          np.asarray(points, dtype=float)) and
                           np.array_equal(np.asarray(given_x, dtype=float),
                                          np.asarray(x, dtype=float)))
            answers.append({"answer": answer, "changed": changed})
        out.append(answers)
    return out


class Query:
    """A query point, whether it is in the hull, and why (for the message)."""

    def __init__(self, x, inside: bool, why: str):
        self.x, self.inside, self.why = np.asarray(x, dtype=float), inside, why


def _decision(value, what: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, np.ndarray) or type(value).__name__ == "Tensor":
        array = np.asarray(value)
        if array.shape in ((), (1,)) and array.dtype == bool:
            return bool(array.reshape(-1)[0])
    fail(f"{what} should return (inside, lam) with inside True or False, but inside is "
         f"{_describe(value)}.")


def _hull_decision(entry, query: Query, case: str) -> tuple[bool, object, str]:
    """The decision of one answer, judged; (inside, lambda as returned, what was called)."""
    what = f"`in_hull(X, x)` with X {case} and x = {_short(query.x)}"
    if not isinstance(entry, dict) or not ("answer" in entry or "raised" in entry):
        fail(f"{what} could not be run: no result came back.")
    if "raised" in entry:
        _raised_sentence(what, entry["raised"])
    answer = entry["answer"]
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        fail(f"{what} should return a pair (inside, lam), but it returned {_describe(answer)}.")
    if entry.get("changed") is True:
        fail(f"{what} changed X or x in place; leave its inputs untouched.")
    inside = _decision(answer[0], what)
    if inside != query.inside:
        fail(f"{what} returned inside={inside}, but x is {'in' if query.inside else 'outside'} "
             f"the convex hull: {query.why}." + ("" if query.inside else
             " Check that lambda >= 0, that its entries sum to 1 and that X^T lambda = x is an "
             "equality, and read the solver's status correctly."))
    return inside, answer[1], what


def _check_certificate(value, points, query: Query, what: str):
    """lambda >= 0, sum lambda = 1 and X^T lambda = x, within the solvers' tolerances."""
    if value is None:
        fail(f"{what} returned (True, None); when x is inside, return the weights lambda that "
             "prove it.")
    lam = _array(value, f"the lambda returned by {what}")[0].reshape(-1)
    n = len(points)
    if lam.shape != (n,):
        fail(f"{what}: lambda should hold one weight per point of X, {n} numbers, but it holds "
             f"{lam.size}.")
    scale = max(1.0, float(np.abs(points).max()))
    residual = float(np.abs(points.T @ lam - query.x).max())
    problems = []
    if lam.min() < -LAMBDA_TOL:
        problems.append(f"its smallest weight is {lam.min():.3g}, not >= 0")
    if abs(lam.sum() - 1) > LAMBDA_TOL:
        problems.append(f"its weights sum to {lam.sum():.8g}, not 1")
    if residual > RESIDUAL_TOL * scale:
        problems.append(f"X^T lambda misses x by {residual:.3g}")
    if problems:
        fail(f"{what} returned inside=True, but its lambda does not prove it: "
             + "; ".join(problems) + ". A certificate has lambda >= 0, sum 1 and X^T lambda = x.")


def _hull_case(points, queries, kind, label):
    return np.asarray(points, dtype=float), queries, kind, label


def _run_hull(in_hull, cases, what: str, seconds: float = 60):
    sent = [(points, [q.x for q in queries], kind) for points, queries, kind, _ in cases]
    results = call(in_hull, sent, driver=run_hull_cases, what=what, seconds=seconds)
    if not isinstance(results, list) or len(results) != len(cases) or not all(
            isinstance(r, list) and len(r) == len(c[1]) for r, c in zip(results, cases)):
        fail(f"{what} could not be run: no result came back.")
    judged = [[(points, query, _hull_decision(entry, query, label))
               for query, entry in zip(queries, answers)]
              for (points, queries, _, label), answers in zip(cases, results)]
    for case in judged:  # every decision first, then the certificates of the inside ones
        for points, query, (inside, lam, what) in case:
            if inside:
                _check_certificate(lam, points, query, what)


TRIANGLE = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])


@student_facing
def check_in_hull(in_hull):
    """Visible: the triangle (0,0), (1,0), (0,1), and six points in 3-D."""
    q = Query
    triangle = [
        q([1.0, 0.0], True, "it is the training point X[1], and every training point is in its "
                            "own hull (lambda = (0, 1, 0))"),
        q([1 / 3, 1 / 3], True, "it is the average of the three points"),
        q([0.5, 0.5], True, "it lies on the edge from X[1] to X[2], and the hull includes its "
                            "boundary"),
        q([0.8, 0.8], False, "it lies in the bounding box [0, 1]² but beyond the edge x + y = 1"),
        q([2.0, 0.0], False, "it lies outside the bounding box of the points"),
        q([-0.1, 0.5], False, "its first coordinate is below every point's"),
    ]
    cloud = np.random.default_rng(0).normal(size=(6, 3))
    u = np.ones(3) / math.sqrt(3)
    far = cloud.mean(0) + (float((cloud - cloud.mean(0)).dot(u).max()) + 0.3) * u
    cube = [q(cloud.mean(0), True, "it is the average of the six points"),
            q(far, False, "the hyperplane (1, 1, 1)·y = const separates it from every point")]
    _run_hull(in_hull, [
        _hull_case(TRIANGLE, triangle, "numpy", "the triangle [[0, 0], [1, 0], [0, 1]]"),
        _hull_case(cloud, cube, "numpy", "six random points in 3-D"),
    ], "`in_hull` on the visible examples")


def _separated(rng, points, margin) -> np.ndarray:
    """A point beyond a random hyperplane that has every point of ``points`` on its other side."""
    u = rng.normal(size=points.shape[1])
    u /= np.linalg.norm(u)
    centre = points.mean(0)
    return centre + (float((points - centre).dot(u).max()) + margin) * u


def _cloud_queries(rng, points, training: list[int]) -> list[Query]:
    n, d = points.shape
    queries = [Query(points[i], True, f"it is the training point X[{i}], and every training "
                                      "point is in its own hull") for i in training]
    for _ in range(2):
        lam = rng.dirichlet(np.ones(n))
        queries.append(Query(lam @ points, True, "it is a convex combination of the points with "
                                                 "weights that are all positive"))
    for _ in range(2):
        queries.append(Query(_separated(rng, points, 0.25), False,
                             "a hyperplane separates it from every point by 0.25"))
    box = points.mean(0)
    box[d - 1] = points[:, d - 1].max() + 0.5
    queries.append(Query(box, False, "it lies outside the bounding box of the points (its last "
                                     "coordinate is above every point's)"))
    return queries


@student_facing
def check_in_hull_hidden(in_hull):
    """Hidden: clouds in 2 to 8 dimensions, every training point of one cloud, 1-D, points on a
    line in 2-D, fewer points than dimensions, repeated points, one point, float32 tensors."""
    rng = np.random.default_rng(core.grading_seed + 1)
    cases = []
    for n, d in ((12, 2), (30, 4), (25, 8), (50, 6)):
        points = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d)
        training = list(range(n)) if n == 12 else sorted(rng.choice(n, 3, replace=False).tolist())
        cases.append(_hull_case(points, _cloud_queries(rng, points, training), "numpy",
                                f"{n} random points in {d}-D"))
    # 1-D: inside <=> min <= x <= max, with a repeated value.
    line = np.round(rng.uniform(-3, 3, 14), 3)
    line = np.append(line, line[5])[:, None]
    low, high = float(line.min()), float(line.max())
    queries = [Query([low], True, "it is the smallest training point"),
               Query([high], True, "it is the largest training point"),
               Query([low - 0.01], False, "in 1-D the hull is [min, max], and x < min"),
               Query([high + 0.01], False, "in 1-D the hull is [min, max], and x > max")]
    for value in rng.uniform(low - 1, high + 1, 12):
        if min(abs(value - low), abs(value - high)) > 0.01:
            inside = bool(low <= value <= high)
            queries.append(Query([value], inside, f"in 1-D the hull is [min, max] = [{low:g}, "
                                                  f"{high:g}]"))
    cases.append(_hull_case(line, queries, "numpy", "15 numbers in 1-D (one repeated)"))
    # Points on a line in 2-D (exact binary fractions): a degenerate hull.
    a, v = np.array([0.5, -1.0]), np.array([1.0, 2.0])
    t = np.array([-1.0, -0.5, 0.25, 1.0, 2.0])
    on_line = a + t[:, None] * v
    cases.append(_hull_case(on_line, [
        Query(a + 0.5 * v, True, "it lies on the segment the points span"),
        Query(a + 1.75 * v, True, "it lies on the segment the points span"),
        Query(a + 2.5 * v, False, "it lies on the points' line, beyond the last point"),
        Query(a - 1.25 * v, False, "it lies on the points' line, before the first point"),
        Query(a + 0.5 * v + 0.25 * np.array([2.0, -1.0]), False,
              "it lies inside the points' bounding box but off the line they all lie on"),
    ], "numpy", "5 points on a line in 2-D"))
    # Fewer points than dimensions, and a simplex.
    few = rng.normal(size=(3, 5))
    basis = np.linalg.svd(few[1:] - few[0])[2]
    normal = basis[-1]  # orthogonal to the points' affine span
    cases.append(_hull_case(few, [
        Query(few.mean(0), True, "it is the average of the three points"),
        Query(few.mean(0) + 0.3 * normal, False, "it lies 0.3 away from the plane of the three "
                                                 "points"),
    ], "numpy", "3 points in 5-D"))
    simplex = rng.normal(size=(6, 5))
    cases.append(_hull_case(simplex, _cloud_queries(rng, simplex, [0]), "numpy",
                            "6 points in 5-D"))
    # Repeated points, and a single point.
    base = rng.normal(size=(8, 3))
    doubled = rng.permutation(np.vstack([base, base[:4]]))
    cases.append(_hull_case(doubled, _cloud_queries(rng, doubled, [0]), "numpy",
                            "12 points in 3-D, four of them twice"))
    single = rng.normal(size=(1, 3))
    cases.append(_hull_case(single, [
        Query(single[0], True, "the hull of one point is that point"),
        Query(single[0] + np.array([0.0, 0.1, 0.0]), False, "the hull of one point is that "
                                                           "point"),
    ], "numpy", "a single point in 3-D"))
    # float32 torch tensors: the values are float32; membership is about those values.
    tensor_points = rng.normal(size=(20, 3)).astype(np.float32).astype(float)
    queries = [Query(tensor_points[4], True, "it is the training point X[4]"),
               Query(tensor_points.mean(0).astype(np.float32), True, "it is (up to float32 "
                     "rounding) the average of the twenty points, deep inside their hull"),
               Query(_separated(rng, tensor_points, 0.3).astype(np.float32), False,
                     "a hyperplane separates it from every point")]
    cases.append(_hull_case(tensor_points, queries, "torch32",
                            "20 random points in 3-D given as a float32 torch tensor"))
    _run_hull(in_hull, cases, "`in_hull` on the hidden examples")


# ----------------------------------------------------------------------------
# interpolation_probability
# ----------------------------------------------------------------------------
def _estimate(interpolation_probability, n, d, trials, seed, query, seconds=120) -> float:
    what = (f"`interpolation_probability({n}, {d}, trials={trials}, seed={seed}, "
            f"query={query!r})`")
    value = call(interpolation_probability, n, d, trials, seed=seed, query=query, what=what,
                 seconds=seconds)
    try:
        if isinstance(value, (bool, str, wire.Unreadable, list, tuple, dict)) or value is None:
            raise TypeError
        p = float(np.asarray(value, dtype=float).reshape(()))
    except (TypeError, ValueError):
        fail(f"{what} should return a probability, a float, but it returned {_describe(value)}.")
    if not (math.isfinite(p) and 0 <= p <= 1):
        fail(f"{what} should return a probability in [0, 1], but it returned {p!r}.")
    count = p * trials
    if abs(count - round(count)) > 1e-6:
        fail(f"{what} returned {p!r}, which is not a number of trials divided by {trials}; "
             "return the fraction of your Monte-Carlo trials whose query was in the hull, not a "
             "formula.")
    return p


def _in_band(p, expected, trials, what, why):
    low, high = binomial_interval(trials, expected, ALPHA)
    count = round(p * trials)
    if not low <= count <= high:
        fail(f"{what} gave {p:.3f}, but {why} the probability is {expected:.4f}: with {trials} "
             f"trials a correct simulation lands in [{low / trials:.3f}, {high / trials:.3f}] "
             "except with probability 1e-6.")


def _wendel_case(interpolation_probability, n, d, trials, seed):
    p = _estimate(interpolation_probability, n, d, trials, seed, "origin")
    expected = 1 - wendel_outside(n, d)
    _in_band(p, expected, trials,
             f"`interpolation_probability({n}, {d}, trials={trials}, query='origin')`",
             f"by Wendel's theorem (for {n} points symmetric about 0 in {d}-D)")


@student_facing
def check_interpolation_probability(interpolation_probability):
    """Visible: the origin and 5 Gaussian points in 2-D, against Wendel's formula."""
    _wendel_case(interpolation_probability, 5, 2, 200, seed=0)


@student_facing
def check_interpolation_probability_hidden(interpolation_probability):
    """Hidden: Wendel in 3-D and 10-D, a new point in 1-D ((n - 1)/(n + 1)), exactly 0 when
    n <= d, and the same estimate for the same seed."""
    seed = core.grading_seed
    p = _estimate(interpolation_probability, 2, 1, 100, seed + 3, "new")
    _in_band(p, 1 / 3, 100, "`interpolation_probability(2, 1, trials=100, query='new')`",
             "in 1-D a new point is inside [min, max] of 2 points unless it is the smallest or "
             "largest of all 3, so")
    for n, d, query in ((2, 2, "origin"), (3, 3, "new")):
        p = _estimate(interpolation_probability, n, d, 50, seed + 4, query)
        if p != 0:
            fail(f"`interpolation_probability({n}, {d}, trials=50, query={query!r})` gave {p:.3f}, "
                 f"but {n} points in {d}-D span at most a {n - 1}-dimensional hull, which a "
                 f"{'fixed' if query == 'origin' else 'new random'} point misses with probability "
                 "1: the estimate must be exactly 0. Use exactly n training points.")
    _wendel_case(interpolation_probability, 8, 3, 150, seed + 1)
    _wendel_case(interpolation_probability, 25, 10, 100, seed + 2)
    first = _estimate(interpolation_probability, 6, 2, 40, seed + 5, "new")
    second = _estimate(interpolation_probability, 6, 2, 40, seed + 5, "new")
    if first != second:
        fail(f"`interpolation_probability(6, 2, trials=40, seed={seed + 5}, query='new')` gave "
             f"{first:.3f} and then {second:.3f}; draw every random number from "
             "np.random.default_rng(seed), so that the same seed gives the same estimate.")
