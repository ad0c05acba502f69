"""Checks for the double-descent lab (``solutions/double_descent``).

The checks test what the theory guarantees, not one implementation's numbers:

* ``min_norm_solution(Phi, y)`` is the minimum-norm least-squares solution â = Φ⁺y, checked by the
  properties that define it, each with its own sentence: when Φ has rank n it interpolates
  (Φâ = y); it is a least-squares solution (Φᵀ(Φâ - y) = 0); it has no component in the null
  space of Φ (it lies in Φ's row space); and it is the limit of ridge regression as λ → 0. Cases
  vary the shape (n < p, n > p, n = p, one column, one row), the rank (rank-deficient Φ, a column
  of zeros), y of shape (n,), (n, 1) and (n, k), float32 inputs and the seed; the inputs must not
  change. The matrices have controlled singular values, so every stable float64 method (pinv,
  lstsq, SVD, QR for full rank) is within the 1e-6 relative tolerance by orders of magnitude;
* in Hastie et al.'s isotropic model the student's solver, averaged over a few designs (each with
  40 signals at once), has the excess risk of their limiting formula at γ = p/n of 0.5, 2 and 4,
  within bands of 6 standard deviations (measured) plus the finite-n bias;
* ``random_features(X, p, seed)`` is max(0, X W) for one W of shape (d, p) chosen by the seed alone:
  the probes X = I and X = -I reveal W = Φ(I) - Φ(-I), and Φ(X) must equal max(0, X W) on other
  inputs (rows treated independently, any number of rows); the same seed gives the same features,
  another seed others (correlation near 0); W's entries have mean 0, variance 1/d and a Gaussian
  kurtosis, within 6-sigma bands; X is not changed;
* ``test_risk_curve`` run with the checks' own feature map and solver gives exactly the test
  MSE, training MSE and ‖â‖ computed here (so training and test features share W), and run with
  the student's own ``random_features`` (and the checks' solver: the student's is graded in its
  own cells) on a noisy linear teacher it shows the double-descent signature:
  training MSE 0 from p = n on, ‖â‖ largest near p = n, and the test MSE at p = 8n below its
  value near p = n (in 3,000 simulated correct pipelines the smallest margins were factors of 2.2
  for the norm and 3.5 for the descent; normal fits to the lower tails of their logarithms put a
  failure below 1e-6);
* ``fit_random_labels`` returns labels that are a permutation of a fraction of the true ones (the
  class histogram is kept exactly; fraction 0 keeps every label, fraction 1 changes about 90%),
  and weights that fit exactly those labels on x as given (training accuracy 1.0, computed
  here). The training is recomputed here from the returned labels (full-batch Adam from
  ``mlp(seed=seed)``, stopping at the first epoch with training accuracy 1.0): the reported epoch
  count must be within max(3, 25%) of the recomputed one, because float rounding (a loss written
  another way, another thread count) moves such a run by an epoch or two, and the accuracy
  history must end at that epoch. On the returned weights, random labels give test accuracy near
  chance (at most 0.25; measured 0.098 ± 0.029 over 300 seeds), true labels at least 0.8
  (measured 0.90-0.94), and random labels take more epochs than true ones (recomputed: 39-78
  against 16-24).

Student code runs only through :func:`autograder.core.call`; the drivers below run beside it, in
its kernel, and return data: what the student's function returned (or the error it raised) and
its inputs after the call. Every verdict is computed here from that data. Hidden checks add
``core.grading_seed`` to the seeds of their random cases.
"""
import math

import numpy as np
import torch
from torch.nn import functional as F

from tfdl.data import digits
from tfdl.double_descent import hastie_risk, isotropic_problem, teacher_problem
from tfdl.models import mlp, snapshot

from . import core, wire
from .core import call, fail, student_facing
from .memo import remembered

TOL = 1e-6                 # relative tolerance of the least-squares properties
RCOND = 1e-10              # singular values below RCOND x the largest count as zero (the checks'
                           # matrices have them at 1e-2 of the largest or above, or exactly 0)
HASTIE_N, HASTIE_K = 100, 40
HASTIE_SIGMA, HASTIE_R = 0.5, 1.0
# gamma: (designs, band). The band is the finite-n bias plus 6 standard deviations of the mean
# excess risk over the designs (sd of one design's mean over its 40 signals, measured over 300
# designs at n = 100: 0.0154 at gamma 0.5, 0.0128 at 2, 0.0058 at 4).
HASTIE_CASES = {0.5: (8, 0.045), 2.0: (3, 0.05), 4.0: (2, 0.03)}
N_CLASSES = 10
LABELS_N = 200             # digits in the memorisation checks
LABELS_HIDDEN, LABELS_LR, LABELS_EPOCHS = 256, 1e-2, 300
CHANCE_MAX = 0.25          # test accuracy on random labels: measured 0.098 ± 0.029 (300 seeds)
TRUE_MIN = 0.8             # test accuracy on true labels: measured 0.90-0.94


# ----------------------------------------------------------------------------
# shared helpers
# ----------------------------------------------------------------------------
def _raised(error) -> dict:
    return {"raised": [type(error).__name__, str(error)[:500]]}


def _raised_sentence(what: str, raised) -> None:
    name, message = (list(raised) + ["", ""])[:2]
    core.outcome_value({"status": "raised", "type": name, "message": message}, what, 0)


def _array(value, what: str, shape: tuple | None = None) -> np.ndarray:
    """A float64 copy of an array or tensor that came back as data, or a sentence."""
    if not isinstance(value, (np.ndarray, torch.Tensor)):
        fail(f"{what} should be a NumPy array, but it is a {wire.type_name(value)}.")
    if isinstance(value, torch.Tensor):
        value = value.detach().numpy()
    if value.dtype.kind not in "fiub":
        fail(f"{what} should hold real numbers, but its dtype is {value.dtype}.")
    array = np.array(value, dtype=np.float64)
    if shape is not None and array.shape != tuple(shape):
        fail(f"{what} should have shape {tuple(shape)}, but it has shape {array.shape}.")
    if not np.isfinite(array).all():
        fail(f"{what} contains NaN or infinite values.")
    return array


def _same(after, before) -> bool:
    """Whether an input that came back as data equals the check's own copy."""
    if isinstance(after, torch.Tensor):
        after = after.numpy()
    return isinstance(after, np.ndarray) and after.shape == np.shape(before) and \
        after.dtype == np.asarray(before).dtype and np.array_equal(after, before)


def _norm(a) -> float:
    return float(np.linalg.norm(a))


# ----------------------------------------------------------------------------
# min_norm_solution
# ----------------------------------------------------------------------------
def min_norm_reference(Phi, y) -> np.ndarray:
    """Φ⁺y from the SVD, singular values below RCOND * the largest treated as zero."""
    Phi = np.asarray(Phi, dtype=np.float64)
    U, s, Vt = np.linalg.svd(Phi, full_matrices=False)
    keep = s > RCOND * (s[0] if s.size else 0.0)
    return Vt[keep].T @ ((U[:, keep].T @ np.asarray(y, dtype=np.float64)) / (
        s[keep] if np.ndim(y) == 1 else s[keep, None]))


def controlled_matrix(n: int, p: int, rank: int, seed: int, cond: float = 100.0) -> np.ndarray:
    """A random n x p matrix of the given rank whose nonzero singular values are spread
    log-uniformly between 1 and ``cond`` (random singular vectors)."""
    rng = np.random.default_rng(seed)
    U = np.linalg.qr(rng.standard_normal((n, rank)))[0]
    V = np.linalg.qr(rng.standard_normal((p, rank)))[0]
    s = np.exp(rng.uniform(0, np.log(cond), rank))
    s[0], s[-1] = cond, 1.0  # the full range, whatever the draw
    return (U * s) @ V.T


def solve_cases(min_norm_solution, cases):
    """Driver: for each ``(Phi, y)``, what ``min_norm_solution(Phi, y)`` returned (or the error it
    raised), and the inputs after the call."""
    out = []
    for Phi, y in cases:
        try:
            a = min_norm_solution(Phi, y)
        except (NotImplementedError, core.TimeUp):
            raise
        except Exception as error:  # reported with its case, in a sentence
            out.append(_raised(error))
            continue
        out.append({"a": a, "Phi": Phi, "y": y})
    return out


def _solve(min_norm_solution, cases, seconds=30):
    """Run every case ``(Phi, y, label)`` in one call; the results, in order."""
    what = "`min_norm_solution(Phi, y)`"
    results = call(min_norm_solution, [(Phi, y) for Phi, y, _ in cases], driver=solve_cases,
                   what=what, seconds=seconds)
    if not isinstance(results, list) or len(results) != len(cases):
        fail(f"{what} could not be run on the test cases.")
    return results


def _describe(Phi, y) -> str:
    n, p = Phi.shape
    shape = "(n,)" if y.ndim == 1 else f"(n, {y.shape[1]})"
    s = np.linalg.svd(np.asarray(Phi, float), compute_uv=False)
    rank = int((s > RCOND * s[0]).sum())
    kind = "n < p" if n < p else "n > p" if n > p else "n = p"
    extra = "" if rank == min(n, p) else f", rank {rank}"
    dtype = "" if Phi.dtype == np.float64 else f", {Phi.dtype} entries"
    return f"on a {n} x {p} Φ ({kind}{extra}{dtype}) with y of shape {shape}"


def _check_solution(result, Phi, y, label):
    """Every property of Φ⁺y, each with its own sentence."""
    what = f"`min_norm_solution(Phi, y)` {label}"
    if not isinstance(result, dict):
        fail(f"{what} could not be run.")
    if "raised" in result:
        _raised_sentence(what, result["raised"])
    n, p = Phi.shape
    shape = (p,) if y.ndim == 1 else (p, y.shape[1])
    returned = result.get("a")
    if isinstance(returned, (np.ndarray, torch.Tensor)) and \
            str(returned.dtype).replace("torch.", "") in ("float32", "float16", "bfloat16"):
        fail(f"{what} returned {str(returned.dtype).replace('torch.', '')} numbers; convert the "
             "inputs with np.asarray(..., dtype=np.float64) and compute in float64, whatever "
             "dtype they come in (the checks compare with float64 to 1e-6).")
    a = _array(returned, f"the solution returned {label}", shape)
    if not (_same(result.get("Phi"), Phi) and _same(result.get("y"), y)):
        fail(f"{what} changed its input Phi or y in place; compute on copies and leave the "
             "inputs untouched.")
    A, Y = np.asarray(Phi, dtype=np.float64), np.asarray(y, dtype=np.float64)
    U, s, Vt = np.linalg.svd(A, full_matrices=True)
    rank = int((s > RCOND * s[0]).sum()) if s.size and s[0] > 0 else 0
    best = min_norm_reference(A, Y)
    scale = s[0] * (s[0] * max(_norm(best), _norm(a)) + _norm(Y)) + 1e-300
    residual = A @ a - Y
    if rank == n and _norm(residual) > TOL * (s[0] * _norm(a) + _norm(Y)):
        fail(f"{what} does not interpolate: Φâ differs from y by {_norm(residual):.3g} (norm), "
             f"but Φ has rank n = {n}, so the minimum-norm solution fits every training point "
             "exactly (Φâ = y).")
    gradient = A.T @ residual
    if _norm(gradient) > TOL * scale:
        fail(f"{what} is not a least-squares solution: the gradient Φᵀ(Φâ - y) has norm "
             f"{_norm(gradient):.3g} where it should be 0 (a solve of a singular normal "
             "equation, or a ridge penalty, gives this).")
    null = Vt[rank:] @ a
    if _norm(null) > TOL * max(_norm(best), 1.0):
        fail(f"{what} has a component of norm {_norm(null):.3g} in the null space of Φ (the "
             f"directions Φ cannot see); the minimum-norm solution lies in the row space of Φ, "
             "so that component must be 0 (a solve of a singular normal equation, or gradient "
             "descent started away from 0, leaves one).")
    if _norm(a - best) > TOL * max(_norm(best), 1.0):
        fail(f"{what} differs from Φ⁺y by {_norm(a - best):.3g} (norm).")


def ridge_path(A, Y, lams) -> list[np.ndarray]:
    """Ridge regression argmin ‖Aa - Y‖² + λ‖a‖² for each λ, from the SVD (stable for any λ)."""
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=np.float64), full_matrices=False)
    Uy = U.T @ np.asarray(Y, dtype=np.float64)
    out = []
    for lam in lams:
        shrink = s / (s ** 2 + lam)
        out.append(Vt.T @ (shrink * Uy if Uy.ndim == 1 else shrink[:, None] * Uy))
    return out


RIDGE_LAMS = (1e-2, 1e-4, 1e-6, 1e-8, 1e-10)  # times ‖Φ‖², the largest eigenvalue of ΦᵀΦ


def _check_ridge_limit(result, Phi, y, label):
    """â is the limit of ridge as λ → 0: the gap shrinks with λ and ends below the tolerance
    (1e-5: at λ = 1e-10 ‖Φ‖² ridge itself is still about 1e-6 away)."""
    a = _array(result.get("a"), f"the solution returned {label}")
    top = np.linalg.norm(np.asarray(Phi, dtype=np.float64), 2) ** 2
    gaps = [_norm(r - a) for r in ridge_path(Phi, y, [lam * top for lam in RIDGE_LAMS])]
    if gaps[-1] > 1e-5 * max(_norm(a), 1.0):
        fail(f"`min_norm_solution(Phi, y)` {label} is not the limit of ridge regression as "
             f"λ → 0: ridge is {', '.join(f'{g:.2g}' for g in gaps)} away from it at "
             f"λ = {', '.join(f'{lam:g}' for lam in RIDGE_LAMS)} times ‖Φ‖², where the gap "
             "should shrink to 0.")


def _run_solution_cases(min_norm_solution, cases):
    for result, (Phi, y, label) in zip(_solve(min_norm_solution, cases), cases):
        _check_solution(result, Phi, y, label)


@student_facing
def check_min_norm(min_norm_solution):
    """Visible: a 3 x 5 Φ (more features than samples) and a 6 x 2 Φ (more samples)."""
    wide = np.array([[1.0, 2.0, 0.0, -1.0, 1.0],
                     [0.0, 1.0, 1.0, 2.0, -1.0],
                     [2.0, 0.0, 1.0, 1.0, 1.0]])
    tall = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0], [1.0, 4.0], [1.0, 5.0]])
    cases = [(wide, np.array([1.0, -2.0, 0.5]), "on a 3 x 5 Φ (more features than samples)"),
             (tall, np.array([0.1, 0.9, 2.1, 2.9, 4.2, 4.8]),
              "on a 6 x 2 Φ (more samples than features: a line fit)")]
    _run_solution_cases(min_norm_solution, cases)


def _hidden_cases(seed: int):
    rng = np.random.default_rng(seed)
    specs = [(20, 50, 20), (50, 20, 20), (30, 30, 30), (30, 40, 10), (40, 25, 8), (15, 1, 1),
             (1, 8, 1), (12, 12, 5)]
    cases = []
    for i, (n, p, r) in enumerate(specs):
        Phi = controlled_matrix(n, p, r, seed + i)
        k = (None, 1, 3)[i % 3]
        y = rng.standard_normal(n) if k is None else rng.standard_normal((n, k))
        cases.append((Phi, y))
    Phi = controlled_matrix(25, 35, 25, seed + 20)
    Phi[:, 7] = 0.0  # a feature that is 0 on every sample: its coefficient must be 0
    cases.append((Phi, rng.standard_normal(25)))
    Phi = controlled_matrix(18, 40, 18, seed + 21).astype(np.float32)
    cases.append((Phi, rng.standard_normal(18).astype(np.float32)))
    Phi = controlled_matrix(40, 18, 18, seed + 22).astype(np.float32)
    cases.append((Phi, rng.standard_normal((40, 2)).astype(np.float32)))
    return [(Phi, y, _describe(Phi, y)) for Phi, y in cases]


@student_facing
def check_min_norm_hidden(min_norm_solution):
    """Hidden: n < p, n > p, n = p, rank-deficient Φ (both ways, and a column of zeros), one
    column, one row, y of shape (n,), (n, 1) and (n, 3), float32 inputs; and the ridge limit."""
    cases = _hidden_cases(core.grading_seed)
    results = _solve(min_norm_solution, cases)
    for result, (Phi, y, label) in zip(results, cases):
        _check_solution(result, Phi, y, label)
    for i in (3, 4):  # rank-deficient: the ridge path converges to the same point
        _check_ridge_limit(results[i], *cases[i])


def hastie_solutions(min_norm_solution, problems):
    """Driver: ``min_norm_solution(X, Y)`` on Hastie et al.'s isotropic problem for each
    ``(n, p, seed)`` (the data drawn here, in the student's kernel, as the check draws it)."""
    out = []
    for n, p, seed in problems:
        X, Y, _ = isotropic_problem(n, p, HASTIE_K, seed, HASTIE_R, HASTIE_SIGMA)
        try:
            out.append({"a": min_norm_solution(X, Y)})
        except (NotImplementedError, core.TimeUp):
            raise
        except Exception as error:
            out.append(_raised(error))
    return out


def hastie_excess_risks(min_norm_solution, seed: int) -> dict[float, list[float]]:
    """{gamma: [mean excess risk over the 40 signals of each design]} with the student's solver."""
    problems = [(g, (HASTIE_N, round(g * HASTIE_N), seed + 1000 * i + j))
                for i, (g, (designs, _)) in enumerate(HASTIE_CASES.items())
                for j in range(designs)]
    what = "`min_norm_solution(X, Y)` on Hastie et al.'s isotropic problem"
    results = call(min_norm_solution, [prob for _, prob in problems], driver=hastie_solutions,
                   what=what, seconds=60)
    if not isinstance(results, list) or len(results) != len(problems):
        fail(f"{what} could not be run.")
    risks = {g: [] for g in HASTIE_CASES}
    for (gamma, (n, p, s)), result in zip(problems, results):
        label = f"{what} (n = {n}, p = {p})"
        if not isinstance(result, dict):
            fail(f"{label} could not be run.")
        if "raised" in result:
            _raised_sentence(label, result["raised"])
        a = _array(result.get("a"), f"the solution returned by {label}", (p, HASTIE_K))
        _, _, B = isotropic_problem(n, p, HASTIE_K, s, HASTIE_R, HASTIE_SIGMA)
        risks[gamma].append(float(np.mean(np.sum((a - B) ** 2, axis=0))))
    return risks


@student_facing
def check_hastie(min_norm_solution):
    """Hidden: the simulated excess risk of the student's solver matches Hastie et al.'s limit
    at γ = 0.5, 2 and 4 (noise σ² = 0.25, signal ‖β‖² = 1)."""
    risks = hastie_excess_risks(min_norm_solution, 7 + core.grading_seed)
    for gamma, (designs, band) in HASTIE_CASES.items():
        mean = float(np.mean(risks[gamma]))
        limit = hastie_risk(gamma, HASTIE_R ** 2, HASTIE_SIGMA ** 2)
        if abs(mean - limit) > band:
            fail(f"with your `min_norm_solution` in Hastie et al.'s isotropic model (n = "
                 f"{HASTIE_N}, p = {round(gamma * HASTIE_N)}, σ² = 0.25, ‖β‖² = 1), the excess "
                 f"risk ‖â - β‖² averages {mean:.3f} over {designs} designs x {HASTIE_K} signals, "
                 f"but their formula gives {limit:.3f} at γ = {gamma:g} (a correct solver is "
                 f"within {band:g}).")


# ----------------------------------------------------------------------------
# random_features
# ----------------------------------------------------------------------------
def features_for(random_features, calls):
    """Driver: ``random_features(X, p, seed)`` for each ``(X, p, seed)`` (or the error it raised),
    and each X after its call."""
    out = []
    for X, p, seed in calls:
        try:
            out.append({"phi": random_features(X, p, seed), "X": X})
        except (NotImplementedError, core.TimeUp):
            raise
        except Exception as error:
            out.append(_raised(error))
    return out


def _features(random_features, calls, seconds=30):
    """The features of every call ``(X, p, seed)``, checked for shape, sign and finiteness."""
    results = call(random_features, calls, driver=features_for,
                   what="`random_features(X, p, seed)`", seconds=seconds)
    if not isinstance(results, list) or len(results) != len(calls):
        fail("`random_features(X, p, seed)` could not be run on the test cases.")
    out = []
    for (X, p, seed), result in zip(calls, results):
        what = f"`random_features(X, p={p}, seed={seed})` on X of shape {X.shape}"
        if not isinstance(result, dict):
            fail(f"{what} could not be run.")
        if "raised" in result:
            _raised_sentence(what, result["raised"])
        phi = _array(result.get("phi"), f"what {what} returned", (X.shape[0], p))
        if not _same(result.get("X"), X):
            fail(f"{what} changed X in place; leave the input untouched.")
        if (phi < 0).any():
            fail(f"{what} returned negative values such as {phi.min():.3g}; the features are "
                 "ReLU(X W) = max(0, X W), which is never negative.")
        out.append(phi)
    return out


def _check_relu_of_linear(W, X, phi, p, seed):
    expected = np.maximum(X.astype(np.float64) @ W, 0)
    gap = np.abs(phi - expected)
    if gap.max() > 1e-5 * max(1.0, np.abs(expected).max()):
        i, j = np.unravel_index(np.argmax(gap), gap.shape)
        fail(f"`random_features(X, p={p}, seed={seed})` on X of shape {X.shape} is not "
             f"max(0, X W) for the W that the probes X = I and X = -I reveal "
             f"(W = Φ(I) - Φ(-I)): entry ({i}, {j}) is {phi[i, j]:.4g} where max(0, X W) is "
             f"{expected[i, j]:.4g}. Draw W of shape (d, p) from the seed alone (not from X or "
             "its number of rows), with no bias, and use the same W for every row.")


def _probes(d: int, p: int, seed: int) -> list[tuple]:
    """The calls that reveal W: X = I and X = -I."""
    return [(np.eye(d), p, seed), (-np.eye(d), p, seed)]


@student_facing
def check_random_features(random_features):
    """Visible: d = 4 inputs, p = 6 features: Φ(X) = max(0, X W) for one W per seed."""
    X = np.random.default_rng(3).standard_normal((10, 4))
    plus, minus, phi, again, other = _features(
        random_features, _probes(4, 6, 3) + [(X, 6, 3), (X, 6, 3), (X, 6, 4)])
    W = plus - minus
    if not np.any(W):
        fail("`random_features` with seed 3 gave W = 0 (Φ(I) = Φ(-I)); W should be random.")
    if not np.array_equal(phi, again):
        fail("two calls of `random_features(X, p=6, seed=3)` returned different features; draw "
             "W from a generator seeded with `seed` (np.random.default_rng(seed)), not from the "
             "global random state, so that training and test features share W.")
    _check_relu_of_linear(W, X, phi, 6, 3)
    if np.array_equal(phi, other):
        fail("`random_features` returned the same features for seed 3 and seed 4; the seed "
             "should choose W.")


@student_facing
def check_random_features_hidden(random_features):
    """Hidden: W's distribution (mean 0, variance 1/d, Gaussian), independence across seeds,
    one feature, one row, float32 X, inputs of another scale."""
    seed = 11 + core.grading_seed
    d, p = 20, 400
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((30, d)) * 3.0
    small = [(rng.standard_normal((1, 5)), 3), (rng.standard_normal((7, 3)), 1),
             (rng.standard_normal((9, 6)).astype(np.float32), 12)]
    calls = _probes(d, p, seed) + [(X, p, seed)] + _probes(d, p, seed + 1)
    for Z, q in small:
        calls += _probes(Z.shape[1], q, seed + 2) + [(Z, q, seed + 2)]
    phis = _features(random_features, calls)
    W, W2 = phis[0] - phis[1], phis[3] - phis[4]
    _check_relu_of_linear(W, X, phis[2], p, seed)
    for i, (Z, q) in enumerate(small):
        plus, minus, phi = phis[5 + 3 * i: 8 + 3 * i]
        _check_relu_of_linear(plus - minus, Z, phi, q, seed + 2)
    w = W.flatten() * math.sqrt(d)  # N(0, 1) entries if W ~ N(0, 1/d)
    m = w.size
    mean, var = float(w.mean()), float(w.var())
    kurtosis = float(np.mean((w - mean) ** 4) / var ** 2) if var > 0 else 0.0
    if abs(mean) > 6 / math.sqrt(m) or abs(var - 1) > 6 * math.sqrt(2 / m):
        fail(f"with d = {d} inputs, W's {m} entries have mean {mean / math.sqrt(d):.4f} and "
             f"variance {var / d:.4g}, but W ~ N(0, 1/d) has mean 0 and variance "
             f"{1 / d:.4g}; scale standard normal draws by 1/sqrt(d).")
    if abs(kurtosis - 3) > 6 * math.sqrt(24 / m):
        fail(f"W's entries have kurtosis {kurtosis:.2f}, but Gaussian entries have 3; draw them "
             "from a normal distribution (rng.standard_normal), not a uniform or ±1 one.")
    corr = float(np.corrcoef(W.flatten(), W2.flatten())[0, 1])
    if not abs(corr) < 6 / math.sqrt(m):
        fail(f"the W of seed {seed} and the W of seed {seed + 1} have correlation {corr:.3f}; "
             "different seeds should give independent draws.")


# ----------------------------------------------------------------------------
# test_risk_curve
# ----------------------------------------------------------------------------
def reference_features(X, p, seed):
    """The checks' own random ReLU features (their generator, not the student's)."""
    W = np.random.default_rng([seed, 7919]).standard_normal((X.shape[1], p)) / math.sqrt(X.shape[1])
    return np.maximum(np.asarray(X, dtype=np.float64) @ W, 0)


def reference_solver(Phi, y):
    return min_norm_reference(Phi, y)


def curve_with_reference(test_risk_curve, X_train, y_train, X_test, y_test, ps, seeds):
    """Driver: the student's curve with the checks' own feature map and solver."""
    return test_risk_curve(X_train, y_train, X_test, y_test, ps, seeds,
                           features=reference_features, solver=reference_solver)


def curve_with_solver(test_risk_curve, X_train, y_train, X_test, y_test, ps, seeds, features):
    """Driver: the student's curve with the student's ``features`` and the checks' solver (the
    student's solver is graded in Part 1)."""
    return test_risk_curve(X_train, y_train, X_test, y_test, ps, seeds, features=features,
                           solver=reference_solver)


def expected_curve(X_train, y_train, X_test, y_test, ps, seeds) -> dict[str, np.ndarray]:
    out = {k: np.zeros((len(seeds), len(ps))) for k in ("test_mse", "train_mse", "norm")}
    for i, s in enumerate(seeds):
        for j, p in enumerate(ps):
            a = reference_solver(reference_features(X_train, p, s), y_train)
            out["train_mse"][i, j] = np.mean((reference_features(X_train, p, s) @ a - y_train) ** 2)
            out["test_mse"][i, j] = np.mean((reference_features(X_test, p, s) @ a - y_test) ** 2)
            out["norm"][i, j] = _norm(a)
    return out


CURVE_MEANING = {
    "test_mse": "the mean squared error on the test set, with the test features drawn with the "
                "same seed (the same W) as the training features",
    "train_mse": "the mean squared error on the training set",
    "norm": "the Euclidean norm ‖â‖ of the solution",
}


def _as_curve(value, n_seeds: int, n_ps: int, what: str) -> dict[str, np.ndarray]:
    if not isinstance(value, dict):
        fail(f"{what} should return a dict with keys 'test_mse', 'train_mse' and 'norm', but it "
             f"returned a {wire.type_name(value)}.")
    missing = [k for k in CURVE_MEANING if k not in value]
    if missing:
        fail(f"{what} returned a dict without the key(s) {missing}; return 'test_mse', "
             "'train_mse' and 'norm'.")
    return {k: _array(value[k], f"{what}[{k!r}] (one row per seed, one column per p)",
                      (n_seeds, n_ps)) for k in CURVE_MEANING}


def _check_curve_against_reference(test_risk_curve, X, y, Xt, yt, ps, seeds, label):
    what = f"`test_risk_curve` {label}"
    value = call(test_risk_curve, X, y, Xt, yt, ps, seeds, driver=curve_with_reference,
                 what=what + " with the checks' feature map and solver", seconds=30)
    curve = _as_curve(value, len(seeds), len(ps), what)
    expected = expected_curve(X, y, Xt, yt, ps, seeds)
    for key, meaning in CURVE_MEANING.items():
        gap = np.abs(curve[key] - expected[key])
        bad = gap > 1e-6 * np.maximum(np.abs(expected[key]), 1e-3)
        if bad.any():
            i, j = np.argwhere(bad)[0]
            fail(f"{what}, run with the `features` and `solver` the check passes in, has "
                 f"{key} = {curve[key][i, j]:.5g} for seed {seeds[i]} and p = {ps[j]}, where "
                 f"{meaning} is {expected[key][i, j]:.5g}; compute every entry with the "
                 "`features` and `solver` arguments.")


@student_facing
def check_risk_curve(test_risk_curve):
    """Visible: 12 training points, p below, at and above 12, two seeds, with the checks' own
    feature map and solver."""
    X, y, Xt, yt = teacher_problem(12, 3, 30, 0.5, seed=2)
    _check_curve_against_reference(test_risk_curve, X, y, Xt, yt, [2, 12, 40], [0, 1],
                                   "on 12 training points, p in [2, 12, 40], seeds [0, 1]")


TEACHER = dict(n=40, d=8, n_test=200)
PEAK_PS = [10, 20, 36, 40, 44, 80, 160, 320]   # near n: 36, 40, 44
PEAK_SEEDS = 3


@student_facing
def check_risk_curve_hidden(test_risk_curve, random_features):
    """Hidden: other sizes and seeds against the checks' recomputation, then the student's loop
    and random features (with the checks' solver) on a noisy linear teacher (n = 40): ‖â‖ largest
    near p = n, training MSE 0 from p = n, and a second descent."""
    base = core.grading_seed
    X, y, Xt, yt = teacher_problem(25, 5, 60, 0.3, seed=base + 3)
    _check_curve_against_reference(test_risk_curve, X, y, Xt, yt, [1, 24, 25, 26, 90],
                                   [base + 5, base + 9, base + 4],
                                   "on 25 training points, p in [1, 24, 25, 26, 90]")
    n = TEACHER["n"]
    X, y, Xt, yt = teacher_problem(n, TEACHER["d"], TEACHER["n_test"], 0.5, seed=base + 13)
    seeds = [base + 100 + i for i in range(PEAK_SEEDS)]
    what = (f"`test_risk_curve` with your `random_features` (and the minimum-norm solver) on "
            f"{n} noisy training points, p in {PEAK_PS}")
    value = call(test_risk_curve, X, y, Xt, yt, PEAK_PS, seeds, random_features,
                 driver=curve_with_solver, what=what, seconds=30)
    curve = _as_curve(value, len(seeds), len(PEAK_PS), what)
    norm, test = np.median(curve["norm"], 0), np.median(curve["test_mse"], 0)
    near = [j for j, p in enumerate(PEAK_PS) if 0.85 * n <= p <= 1.15 * n]
    over = [j for j, p in enumerate(PEAK_PS) if p >= n]
    train = curve["train_mse"][:, over]
    if train.max() > 1e-8 * float(np.var(y)):
        fail(f"{what}: the training MSE is {train.max():.3g} at some p >= n, but with at least "
             "as many random ReLU features as training points the minimum-norm solution "
             "interpolates (training MSE 0).")
    top = int(np.argmax(norm))
    if top not in near:
        fail(f"{what}: the median ‖â‖ over {PEAK_SEEDS} seeds is largest at p = {PEAK_PS[top]} "
             f"({np.round(norm, 2).tolist()}), but the minimum-norm interpolant's norm peaks "
             f"near the interpolation threshold p = n = {n}.")
    if not test[-1] < test[near].max():
        fail(f"{what}: the median test MSE at p = {PEAK_PS[-1]} ({test[-1]:.3g}) is not below "
             f"its value near p = n ({test[near].max():.3g}); past the threshold the test error "
             "should descend again.")


# ----------------------------------------------------------------------------
# fit_random_labels
# ----------------------------------------------------------------------------
def fits_for(fit_random_labels, x, y, runs):
    """Driver: ``fit_random_labels(x, y, fraction, seed)`` for each ``(fraction, seed)`` (or the
    error it raised)."""
    out = []
    for fraction, seed in runs:
        try:
            out.append(fit_random_labels(x, y, fraction, seed))
        except (NotImplementedError, core.TimeUp):
            raise
        except Exception as error:
            out.append(_raised(error))
    return out


@remembered
def train_on_labels(x, labels, seed: int, hidden: int = LABELS_HIDDEN, lr: float = LABELS_LR,
                    max_epochs: int = LABELS_EPOCHS):
    """The lab's training, recomputed: ``mlp([d, hidden, 10], seed=seed)``, full-batch Adam(lr) on
    the cross-entropy of (x, labels), one step per epoch, training accuracy of the updated model
    after each step, stopping at the first epoch where it is 1.0. (epochs or None, history,
    state)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # the same run whatever the grader's thread count
    try:
        model = mlp([x.shape[1], hidden, N_CLASSES], seed=seed)
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        history = []
        for epoch in range(1, max_epochs + 1):
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(x), labels).backward()
            optimizer.step()
            with torch.no_grad():
                history.append(float((model(x).argmax(dim=1) == labels).float().mean()))
            if history[-1] == 1.0:
                return epoch, history, snapshot(model)
        return None, history, snapshot(model)
    finally:
        torch.set_num_threads(threads)


def test_accuracy(state: dict) -> float:
    model = mlp([64, LABELS_HIDDEN, N_CLASSES])
    model.load_state_dict({k: v.float() for k, v in state.items()})
    data = digits()
    with torch.no_grad():
        return float((model(data.x_test).argmax(dim=1) == data.y_test).float().mean())


def _labels(value, n: int, what: str) -> torch.Tensor:
    if not isinstance(value, (torch.Tensor, np.ndarray)):
        fail(f"{what} should be a tensor of {n} integer labels, but it is a "
             f"{wire.type_name(value)}.")
    t = torch.as_tensor(value)
    if tuple(t.shape) != (n,):
        fail(f"{what} should have shape ({n},), one label per training point, but it has shape "
             f"{tuple(t.shape)}.")
    if t.is_floating_point() and not bool((t == t.round()).all()):
        fail(f"{what} should hold integer class labels, but it holds values such as "
             f"{t[t != t.round()][0].item():.3g}.")
    t = t.long()
    if bool(((t < 0) | (t >= N_CLASSES)).any()):
        fail(f"{what} should hold classes 0 to {N_CLASSES - 1}, but it holds {int(t.min())} to "
             f"{int(t.max())}.")
    return t


def _check_run(result, x, y, fraction, seed, label):
    """One run's result: the labels, then its training recomputed. Returns (epochs, test acc)."""
    what = f"`fit_random_labels(x, y, fraction={fraction}, seed={seed})` {label}"
    if isinstance(result, dict) and "raised" in result and len(result) == 1:
        _raised_sentence(what, result["raised"])
    keys = {"labels", "epochs", "train_acc", "state"}
    if not isinstance(result, dict) or not keys <= set(result):
        got = sorted(map(str, result)) if isinstance(result, dict) else wire.type_name(result)
        fail(f"{what} should return a dict with keys 'labels', 'epochs', 'train_acc' and "
             f"'state', but it returned {got}.")
    n = len(y)
    labels = _labels(result["labels"], n, f"the 'labels' returned by {what}")
    if not torch.equal(torch.bincount(labels, minlength=N_CLASSES),
                       torch.bincount(y, minlength=N_CLASSES)):
        fail(f"the 'labels' returned by {what} have the class counts "
             f"{torch.bincount(labels, minlength=N_CLASSES).tolist()}, but a permutation keeps "
             f"those of the true labels, {torch.bincount(y, minlength=N_CLASSES).tolist()}; "
             "shuffle the labels you have instead of drawing new ones.")
    m = round(fraction * n)
    changed = int((labels != y).sum())
    if changed > m:
        fail(f"the 'labels' returned by {what} differ from the true labels at {changed} of {n} "
             f"points, but permuting the labels of round({fraction} x {n}) = {m} points can "
             f"change at most {m}.")
    if m >= 50 and changed < m / 2:
        fail(f"the 'labels' returned by {what} differ from the true labels at only {changed} of "
             f"{n} points, where a random permutation of {m} labels changes about "
             f"{round(0.9 * m)}; permute the training labels (the ones paired with x), not the "
             "inputs with them, nor the test labels.")
    like = snapshot(mlp([x.shape[1], LABELS_HIDDEN, N_CLASSES]))
    theirs = core.as_tensor_dict(result["state"], like, f"the 'state' returned by {what}")
    model = mlp([x.shape[1], LABELS_HIDDEN, N_CLASSES])
    model.load_state_dict({k: v.float() for k, v in theirs.items()})
    with torch.no_grad():
        fit = float((model(x).argmax(dim=1) == labels).float().mean())
    if fit < 1.0:
        fail(f"the network in the 'state' returned by {what} gives only {fit:.3f} of the "
             "training points the label the function returned for them, but it was trained "
             "until it fits them all (training accuracy 1.0); train on x, in its order, with "
             "exactly the labels you return.")
    said = result["epochs"]
    if isinstance(said, (torch.Tensor, np.ndarray)) and said.ndim == 0:
        said = said.item()  # a 0-d tensor or array holding the count
    history = result["train_acc"]
    if not isinstance(said, int) or isinstance(said, bool) or said < 1:
        fail(f"the 'epochs' returned by {what} should be the number of the first epoch after "
             f"which the training accuracy is 1.0 (a positive int), not {said!r}.")
    if not isinstance(history, (list, tuple)) or len(history) != said or not all(
            isinstance(h, (int, float)) and 0 <= h <= 1 for h in history) or \
            history[-1] != 1.0 or any(h >= 1.0 for h in history[:-1]):
        size = len(history) if isinstance(history, (list, tuple)) else wire.type_name(history)
        fail(f"the 'train_acc' returned by {what} should list the training accuracy after each "
             f"of its {said} epochs, below 1.0 until the last, which is 1.0 (it has {size} "
             "entries); stop at the first epoch that fits every label.")
    epochs, _, _ = train_on_labels(x, labels, seed)
    if epochs is None or abs(said - epochs) > max(3, 0.25 * epochs):
        fail(f"{what} reports {said} epochs, but training mlp([64, {LABELS_HIDDEN}, 10], "
             f"seed={seed}) full batch with Adam(lr={LABELS_LR}) on the labels it returned "
             f"reaches training accuracy 1.0 after {epochs} epochs here; take one step on the "
             "whole training set per epoch and measure the accuracy of the updated model.")
    return epochs, test_accuracy(theirs)


def _fits(fit_random_labels, x, y, runs, label):
    what = "`fit_random_labels(x, y, fraction, seed)`"
    results = call(fit_random_labels, x, y, runs, driver=fits_for, what=what, seconds=60)
    if not isinstance(results, list) or len(results) != len(runs):
        fail(f"{what} could not be run.")
    return [_check_run(r, x, y, f, s, label) for r, (f, s) in zip(results, runs)]


def _subset(seed: int | None):
    """LABELS_N training digits: the first ones, or a random subset."""
    data = digits()
    if seed is None:
        idx = torch.arange(LABELS_N)
    else:
        idx = torch.from_numpy(np.sort(np.random.default_rng(seed).choice(
            len(data.y_train), LABELS_N, replace=False)))
    return data.x_train[idx], data.y_train[idx]


@student_facing
def check_random_labels(fit_random_labels):
    """Visible: all labels permuted, on the first 200 training digits."""
    x, y = _subset(None)
    ((epochs, acc),) = _fits(fit_random_labels, x, y, [(1.0, 0)],
                             "on the first 200 training digits")
    if acc > CHANCE_MAX:
        fail(f"after fitting random labels, the network's test accuracy is {acc:.3f}, but a "
             f"network that learned nothing about the digits is near chance (0.1; at most "
             f"{CHANCE_MAX}).")


@student_facing
def check_random_labels_hidden(fit_random_labels):
    """Hidden: fractions 0, 0.5 and 1, two seeds, a random subset: true labels kept at fraction
    0, random labels memorised with test accuracy near chance and more epochs than true ones."""
    base = core.grading_seed
    x, y = _subset(base + 17)
    runs = [(0.0, base + 1), (0.5, base + 2), (1.0, base + 1), (1.0, base + 3)]
    label = "on 200 random training digits"
    results = call(fit_random_labels, x, y, runs, driver=fits_for,
                   what="`fit_random_labels(x, y, fraction, seed)`", seconds=60)
    if not isinstance(results, list) or len(results) != len(runs):
        fail("`fit_random_labels(x, y, fraction, seed)` could not be run.")
    checked = [_check_run(r, x, y, f, s, label) for r, (f, s) in zip(results, runs)]
    (true_epochs, true_acc), _, (random_epochs, random_acc), _ = checked
    first = _labels(results[0]["labels"], len(y), "")
    if not torch.equal(first, y):
        fail("`fit_random_labels` with fraction=0.0 changed some labels; with fraction 0 every "
             "training label stays the true one.")
    if torch.equal(_labels(results[2]["labels"], len(y), ""),
                   _labels(results[3]["labels"], len(y), "")):
        fail(f"`fit_random_labels` with seeds {base + 1} and {base + 3} returned the same "
             "permuted labels; the seed should choose the permutation.")
    if true_acc < TRUE_MIN:
        fail(f"trained on the true labels, the network reaches test accuracy {true_acc:.3f}; "
             f"200 digits should give at least {TRUE_MIN}.")
    if random_acc > CHANCE_MAX:
        fail(f"after fitting random labels, the network's test accuracy is {random_acc:.3f}, "
             f"but it should be near chance (0.1; at most {CHANCE_MAX}).")
    if not random_epochs > true_epochs:
        fail(f"random labels were fitted in {random_epochs} epochs and true labels in "
             f"{true_epochs}; memorising noise should take longer (Zhang et al. 2017).")
