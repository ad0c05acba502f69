"""Checks for the individual-fairness certification lab (``solutions/fairness_certification``).

A certificate is a proof, so the checks test what a proof must satisfy rather than one
encoding's numbers:

* interval bounds contain every real pre-activation (sampled inputs and all box corners) and are
  no looser than interval propagation;
* the MILP's optimum is attained by its own witness pair: the pair is in the domain, within the
  metric, and the network evaluated on it gives the objective (so the value is not inflated);
* it is at least every gap found by sampling feasible pairs (so it is not deflated), equals a
  dense-grid brute force on a one-input network, the closed forms on linear models (weighted
  l-infinity and weighted l1), and an independent MILP on small networks;
* it grows with epsilon, and at epsilon = 0 only the sensitive feature (metric weight 0) moves;
* a certificate is reported as proven only when CBC proved optimality (``sol_status == 1``), and
  ``certify`` honours its ``time_limit``: each stopped run ends within the limit plus slack for
  building the problem, and a longer limit runs longer (a cap of its own, whatever its value,
  takes the same time at both limits); a certificate's witness pair is in the domain, within the
  metric and attains its delta, also when the solve stopped, and a run stopped at the longer limit
  returns CBC's incumbent: a pair whose gap is at least half the largest gap sampling finds;
* piecewise-linear sigmoid bounds hold on every segment, exactly: on a dense grid and at the
  points where a line can touch the sigmoid; and they are reasonably tight.

The student's functions run where the student's code lives (their kernel, see
``autograder/core.py``) through one driver, :func:`run_student`, which only runs them and returns
data: the result, PuLP objects described by :func:`as_data`, and ``layers`` as they are after the
call. Every verdict is computed here from that data: the checks rebuild the student's MILP from
its description and solve it themselves, and evaluate every witness pair on the network
themselves. Hidden checks add ``core.grading_seed`` to the seeds of their random networks, boxes,
samples and intervals.
"""
import math
from collections import namedtuple

import numpy as np
import pulp

from tfdl.models import relu_forward

from . import core, wire
from .core import call, fail, student_facing


Certificate = namedtuple("Certificate", ["delta", "x_prime", "x_double_prime", "proven"])

SOLVE_SECONDS = 10      # CBC limit when a check solves the student's MILP (the reference needs < 1 s)
TOL = 1e-5              # absolute slack for CBC's feasibility and integrality tolerances


def random_relu_net(sizes, seed, scale=1.5):
    """A random ReLU network ``[(W, b), ...]`` whose units are active on part of [0, 1]^n."""
    rng = np.random.default_rng(seed)
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        w = rng.normal(size=(n_out, n_in)) * scale / math.sqrt(n_in)
        layers.append((w, rng.normal(size=n_out) * 0.5))
    return layers


def _copy(layers):
    return [(np.array(w, dtype=float), np.array(b, dtype=float)) for w, b in layers]


# ----------------------------------------------------------------------------
# running the student's code (the driver runs where it lives; it judges nothing)
# ----------------------------------------------------------------------------
def as_data(value):
    """``value`` with PuLP objects replaced by descriptions the checks rebuild them from.

    A problem becomes its ``toDict()`` (which leaves out the objective's constant, so that comes
    along) and its variables' names; a variable becomes its name. Tuples (a Certificate too)
    become plain tuples, and numpy arrays of objects lists, so that their entries cross.
    """
    if isinstance(value, pulp.LpProblem):
        names = [v.name for v in value.variables()]
        constant = value.objective.constant if value.objective is not None else 0.0
        unique = len(set(names)) == len(names)  # toDict refuses repeated names
        return {"pulp": "LpProblem", "variables": names, "objective constant": constant,
                "problem": value.toDict() if unique else None}
    if isinstance(value, pulp.LpVariable):
        return {"pulp": "LpVariable", "name": value.name}
    if isinstance(value, np.ndarray) and value.dtype == object:
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return (list if isinstance(value, list) else tuple)(as_data(v) for v in value)
    if type(value) is dict:
        return {k: as_data(v) for k, v in value.items()}
    return value


def run_student(fn, layers, *args):
    """Driver: the student's ``fn(layers, *args)`` as data, and ``layers`` after the call."""
    return as_data(fn(layers, *args)), layers


def _kind(value) -> str:
    """The type of what the student returned, for messages (PuLP objects by their description)."""
    if isinstance(value, dict) and value.get("pulp") in ("LpProblem", "LpVariable"):
        return value["pulp"]
    return wire.type_name(value)


def _unchanged(after, layers) -> bool:
    try:
        return len(after) == len(layers) and all(
            np.array_equal(w, w0) and np.array_equal(b, b0)
            for (w, b), (w0, b0) in zip(after, layers))
    except (TypeError, ValueError):
        return False


def _run(fn, layers, *args, what: str, seconds: float):
    """Run the student's ``fn(layers, *args)``; its result as data. It gets copies, so that in
    the student's own kernel too, what it changes never reaches the check's arrays."""
    args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    returned = call(fn, _copy(layers), *args, what=what, seconds=seconds, driver=run_student)
    if not (isinstance(returned, tuple) and len(returned) == 2):
        fail(f"{what} returned something the grader cannot read.")
    result, after = returned
    if not _unchanged(after, layers):
        fail(f"{what} changed the network's weights in place; leave `layers` untouched.")
    return result


# ----------------------------------------------------------------------------
# interval_bounds
# ----------------------------------------------------------------------------
def _interval_propagation(layers, lower, upper):
    lo, hi = np.asarray(lower, float), np.asarray(upper, float)
    out = []
    for w, b in layers:
        pos, neg = np.clip(w, 0, None), np.clip(w, None, 0)
        lo, hi = pos @ lo + neg @ hi + b, pos @ hi + neg @ lo + b
        out.append((lo, hi))
        lo, hi = np.maximum(lo, 0), np.maximum(hi, 0)
    return out


def _pre_activations(layers, x):
    """Every layer's pre-activations for a batch of inputs."""
    h, out = np.atleast_2d(x), []
    for w, b in layers:
        z = h @ w.T + b
        out.append(z)
        h = np.maximum(z, 0)
    return out


def _box_points(lower, upper, n_random, seed):
    rng = np.random.default_rng(seed)
    n = len(lower)
    points = [lower + (upper - lower) * rng.random((n_random, n))]
    if n <= 10:
        corners = np.array(np.meshgrid(*[[0.0, 1.0]] * n)).reshape(n, -1).T
        points.append(lower + (upper - lower) * corners)
    return np.vstack(points)


def _as_bounds(result, layers, what):
    if not isinstance(result, (list, tuple)):
        fail(f"{what} should return a list with one (lower, upper) pair per layer, "
             f"but it returned a {_kind(result)}.")
    if len(result) != len(layers):
        fail(f"{what} should return {len(layers)} (lower, upper) pairs, one per layer including "
             f"the output layer, but it returned {len(result)}.")
    bounds = []
    for k, (pair, (w, _)) in enumerate(zip(result, layers)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            fail(f"entry {k} of {what} should be a pair (lower, upper) of arrays.")
        try:
            lo, hi = (np.asarray(a, dtype=float).reshape(-1) for a in pair)
        except (TypeError, ValueError):
            fail(f"entry {k} of {what} should hold two arrays of numbers.")
        if lo.shape != (w.shape[0],) or hi.shape != (w.shape[0],):
            fail(f"layer {k} has {w.shape[0]} neurons, so its lower and upper bounds should have "
                 f"shape ({w.shape[0]},), not {lo.shape} and {hi.shape}.")
        if not (np.isfinite(lo).all() and np.isfinite(hi).all()):
            fail(f"the bounds of layer {k} contain NaN or infinite values.")
        if (lo > hi + 1e-12).any():
            fail(f"layer {k}: some lower bound is above its upper bound.")
        bounds.append((lo, hi))
    return bounds


def _bounds_case(interval_bounds, layers, lower, upper, label, seed):
    what = f"`interval_bounds` {label}"
    bounds = _as_bounds(_run(interval_bounds, layers, lower, upper, what=what, seconds=20),
                        layers, what)
    points = _box_points(lower, upper, 4000, seed)
    for k, (z, (lo, hi)) in enumerate(zip(_pre_activations(layers, points), bounds)):
        bad = np.argwhere((z < lo - 1e-9) | (z > hi + 1e-9))
        if len(bad):
            i, j = bad[0]
            fail(f"{label}: the input x = {np.round(points[i], 3).tolist()} gives layer {k}, "
                 f"neuron {j} the pre-activation {z[i, j]:.4g}, outside your bounds "
                 f"[{lo[j]:.4g}, {hi[j]:.4g}]. Bounds must contain every real pre-activation, "
                 "or the big-M encoding cuts off real behaviour and the certificate is unsound.")
    for k, ((lo, hi), (ilo, ihi)) in enumerate(zip(bounds, _interval_propagation(layers, lower, upper))):
        if (lo < ilo - 1e-7).any() or (hi > ihi + 1e-7).any():
            j = int(np.argmax(np.maximum(ilo - lo, hi - ihi)))
            fail(f"{label}: your bounds for layer {k}, neuron {j} are [{lo[j]:.4g}, {hi[j]:.4g}], "
                 f"looser than interval propagation gives, [{ilo[j]:.4g}, {ihi[j]:.4g}]. Split W "
                 "by sign, and pass each hidden layer's bounds through the ReLU before the next.")


@student_facing
def check_interval_bounds(interval_bounds):
    """Visible: a 2-3-1 network on the unit box."""
    layers = [(np.array([[1.0, -2.0], [0.5, 0.5], [-1.0, 1.0]]), np.array([0.5, -0.25, 0.0])),
              (np.array([[1.0, -1.0, 2.0]]), np.array([-0.5]))]
    _bounds_case(interval_bounds, layers, np.zeros(2), np.ones(2), "on the 2-3-1 example", seed=2)


@student_facing
def check_interval_bounds_hidden(interval_bounds):
    """Hidden: deep and wide networks, boxes other than [0, 1], and a linear model."""
    cases = [([4, 8, 8, 8, 1], 0), ([6, 16, 1], 1), ([3, 1], 2), ([5, 10, 6, 2], 3)]
    for sizes, seed in cases:
        seed += core.grading_seed
        n = sizes[0]
        rng = np.random.default_rng(seed)
        lower = rng.uniform(-1, 0.5, n)
        upper = lower + rng.uniform(0.1, 2, n)
        _bounds_case(interval_bounds, random_relu_net(sizes, seed), lower, upper,
                     f"on a {'-'.join(map(str, sizes))} network", seed)


# ----------------------------------------------------------------------------
# certification_milp
# ----------------------------------------------------------------------------
def metric_distance(x1, x2, theta, metric):
    gap = np.abs(np.asarray(x1) - np.asarray(x2)) * np.asarray(theta)
    return float(gap.max() if metric == "linf" else gap.sum())


def _solve(prob, seconds=SOLVE_SECONDS):
    prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=seconds))
    return prob.sol_status


STATUS_MESSAGES = {
    pulp.LpSolutionInfeasible: (
        "CBC reports your MILP infeasible: no assignment satisfies all its constraints. Yet every "
        "pair x' = x'' in the domain is feasible for the true problem, so some constraint cuts off "
        "real behaviour (bounds that do not contain the pre-activation, a big-M inequality with the "
        "wrong sign, or a metric constraint that is too strict). An infeasible model certifies "
        "nothing."),
    pulp.LpSolutionUnbounded: (
        "CBC reports your MILP unbounded: the objective can grow without limit, so some variable "
        "the objective depends on is not tied to the network (a missing big-M side, an activation "
        "without an upper bound, or inputs outside [0, 1]). The true delta_max is finite, so an "
        "unbounded model is not a certificate."),
    pulp.LpSolutionNoSolutionFound: (
        "CBC found no solution within {seconds} s. A small network like this one solves in well "
        "under a second with a correct encoding; look for huge big-M constants or many needless "
        "binaries. Without a proven optimum there is no certificate."),
    pulp.LpSolutionIntegerFeasible: (
        "CBC stopped at its {seconds} s time limit with a feasible solution it could not prove "
        "optimal (sol_status 2). Its value is only a lower bound on delta_max, not a certificate. "
        "A small network like this one solves in well under a second with a correct encoding."),
}


def _variables(values, n, what):
    """The names of the input variables the student returned (as :func:`as_data` describes)."""
    if isinstance(values, dict) and set(values) == set(range(n)):
        values = [values[i] for i in range(n)]  # pulp.LpVariable.dicts(name, range(n), ...)
    if isinstance(values, np.ndarray):
        values = list(values.ravel())
    if not isinstance(values, (list, tuple)) or len(values) != n:
        fail(f"{what} should be a list of {n} PuLP variables (one per input feature), "
             f"but it is {_kind(values)}"
             + (f" of length {len(values)}." if isinstance(values, (list, tuple)) else "."))
    for v in values:
        if _kind(v) != "LpVariable":
            fail(f"{what} should hold PuLP variables (pulp.LpVariable), "
                 f"but one entry is a {_kind(v)}.")
    return [v["name"] for v in values]


def _value(v):
    value = v.value() if v is not None else None
    return math.nan if value is None else float(value)


def _rebuilt(description, what):
    """The student's problem, rebuilt here from its description: (problem, {name: variable})."""
    try:
        variables, prob = pulp.LpProblem.fromDict(description["problem"])
        prob.objective += float(description["objective constant"])
    except (KeyError, TypeError, ValueError, AttributeError, pulp.PulpError):
        fail(f"{what} returned a problem the grader cannot read.")
    return prob, variables


def _solved_milp(certification_milp, layers, epsilon, theta, metric, label):
    """Rebuild the student's MILP here, solve it with CBC, return (objective, x', x'')."""
    n = layers[0][0].shape[1]
    what = f"`certification_milp` {label}"
    result = _run(certification_milp, layers, epsilon, np.array(theta, float), metric,
                  what=what, seconds=30)
    if not isinstance(result, tuple) or len(result) != 3:
        fail(f"{what} should return a tuple (prob, x_prime, x_double_prime), "
             f"but it returned a {_kind(result)}.")
    description, x1, x2 = result
    if _kind(description) != "LpProblem":
        fail(f"{what} should return a pulp.LpProblem first, not a {_kind(description)}.")
    names = description["variables"]
    twice = sorted({name for name in names if names.count(name) > 1})[:3]
    if twice:
        fail(f"{what}: several variables share the name(s) {twice}; CBC needs unique names, "
             "so give the variables of each network copy their own prefix.")
    prob, variables = _rebuilt(description, what)
    if prob.sense != pulp.LpMaximize:
        fail(f"{what}: delta_max is a maximum, so the problem should be created with "
             "pulp.LpMaximize.")
    # toDict fills an objective without variables with PuLP's placeholder variable "__dummy"
    if not any(v.name != "__dummy" for v in prob.objective.keys()):
        fail(f"{what}: the problem has no objective depending on variables; set it with "
             "`prob += <expression>` before any constraint.")
    x1 = _variables(x1, n, f"x_prime from {what}")
    x2 = _variables(x2, n, f"x_double_prime from {what}")
    try:
        status = _solve(prob)
    except pulp.PulpError as error:
        fail(f"{label}: CBC could not solve your problem ({error}).")
    if status != pulp.LpSolutionOptimal:
        fail(f"{label}: " + STATUS_MESSAGES.get(status, "CBC returned status {status}.").format(
            seconds=SOLVE_SECONDS, status=status))
    objective = pulp.value(prob.objective)
    p, q = (np.array([_value(variables.get(name)) for name in x]) for x in (x1, x2))
    if not (np.isfinite(p).all() and np.isfinite(q).all()):
        fail(f"{label}: after solving, some input variables have no value; are x_prime and "
             "x_double_prime the variables your network copies actually use?")
    return float(objective), p, q


def _feasible_witness(p, q, epsilon, theta, metric, label):
    """The witness pair is in the domain [0, 1]^n and within epsilon under the metric."""
    for name, x in (("x_prime", p), ("x_double_prime", q)):
        if (x < -TOL).any() or (x > 1 + TOL).any():
            fail(f"{label}: the witness {name} = {np.round(x, 4).tolist()} leaves the input "
                 "domain [0, 1]^n; every input variable needs the bounds 0 and 1.")
    distance = metric_distance(p, q, theta, metric)
    if distance > epsilon + TOL:
        fail(f"{label}: the witness pair is at distance {distance:.4g} under the weighted "
             f"{metric} metric, more than epsilon = {epsilon}. Check the metric constraints "
             "(one per feature for l-infinity, weighted by theta; the sensitive feature has "
             "theta 0 and is free).")


def _witness_case(certification_milp, layers, epsilon, theta, metric, label):
    """Solve; check the witness is feasible and attains the objective. Return the objective."""
    delta, p, q = _solved_milp(certification_milp, layers, epsilon, theta, metric, label)
    _feasible_witness(p, q, epsilon, theta, metric, label)
    gap = relu_forward(layers, p) - relu_forward(layers, q)
    if abs(abs(gap) - delta) > TOL * max(1.0, abs(delta)):
        fail(f"{label}: your MILP's optimum is {delta:.6g}, but the network evaluated on its own "
             f"witness pair gives f(x') - f(x'') = {gap:.6g}. The encoding is not exact: every "
             "unstable ReLU needs all four big-M inequalities, and both copies must be the "
             "same network with the same weights.")
    return delta


def _sampled_gap(layers, epsilon, theta, metric, n_pairs=20000, seed=0):
    """The largest |f(x') - f(x'')| over random feasible pairs: a lower bound on delta_max."""
    rng = np.random.default_rng(seed)
    theta = np.asarray(theta, float)
    n = len(theta)
    x1 = rng.random((n_pairs, n))
    radius = np.where(theta > 0, epsilon / np.where(theta > 0, theta, 1), 1.0)
    step = rng.uniform(-1, 1, (n_pairs, n)) * radius
    step[: n_pairs // 2] = np.sign(step[: n_pairs // 2]) * radius  # corners of the l-inf ball
    if metric == "l1":
        used = (np.abs(step) * theta).sum(1, keepdims=True)
        step = step * np.minimum(1.0, epsilon / np.maximum(used, 1e-12))
    x2 = np.clip(x1 + step, 0, 1)
    return float(np.abs(relu_forward(layers, x1) - relu_forward(layers, x2)).max())


def _at_least_sampled(delta, layers, epsilon, theta, metric, label, seed):
    sampled = _sampled_gap(layers, epsilon, theta, metric, seed=seed)
    if delta < sampled - 1e-6:
        fail(f"{label}: your MILP's optimum {delta:.6g} is below a gap of {sampled:.6g} that "
             "sampling found between two feasible inputs, so it is not the maximum over the "
             "input domain (pairs of data points, a single network copy, or a constraint that "
             "cuts off real inputs give values that are too small).")


def grid_brute_force(layers, epsilon, theta_0=1.0, points=20001):
    """delta_max of a one-input network by a dense grid and a sliding window."""
    x = np.linspace(0, 1, points)
    f = relu_forward(layers, x[:, None])
    width = int(round(epsilon / theta_0 * (points - 1)))
    best = 0.0
    for shift in range(1, width + 1):
        best = max(best, float(np.abs(f[shift:] - f[:-shift]).max()))
    return best


def linear_closed_form(w, theta, epsilon, metric):
    """delta_max of f(x) = w.x + b on [0, 1]^n (John et al. 2020)."""
    w, theta = np.abs(np.asarray(w, float)), np.asarray(theta, float)
    free = theta == 0
    if metric == "linf":
        return float(w[free].sum() + (w[~free] * np.minimum(1.0, epsilon / theta[~free])).sum())
    total, budget = float(w[free].sum()), epsilon
    for i in sorted(np.flatnonzero(~free), key=lambda i: -w[i] / theta[i]):
        move = min(1.0, budget / theta[i])
        total, budget = total + w[i] * move, budget - theta[i] * move
    return total


def _close(a, b, rel=1e-5):
    return abs(a - b) <= rel * max(1.0, abs(b))


@student_facing
def check_certification_milp(certification_milp):
    """Visible: a one-input network against a dense-grid brute force."""
    layers = random_relu_net([1, 16, 1], seed=0, scale=4.0)
    label = "on a 1-16-1 network with epsilon = 0.1"
    delta = _witness_case(certification_milp, layers, 0.1, [1.0], "linf", label)
    truth = grid_brute_force(layers, 0.1)
    if not _close(delta, truth, 1e-4):
        fail(f"{label}: your MILP gives delta_max = {delta:.6g}, but a brute force over a grid "
             f"of 20,001 points gives {truth:.6g}.")


def _independent_milp(layers, epsilon, theta, metric):
    """The course's encoding, as an independent solver for the hidden checks."""
    n = layers[0][0].shape[1]
    bounds = _interval_propagation(layers, np.zeros(n), np.ones(n))
    prob = pulp.LpProblem("oracle", pulp.LpMaximize)
    outputs, inputs = [], []
    for copy in "pq":
        x = [pulp.LpVariable(f"{copy}x{i}", 0, 1) for i in range(n)]
        h = x
        for k, ((w, b), (lo, hi)) in enumerate(zip(layers, bounds)):
            z = [pulp.lpSum(float(w[j, i]) * h[i] for i in range(len(h))) + float(b[j])
                 for j in range(w.shape[0])]
            if k == len(layers) - 1:
                break
            h = []
            for j in range(len(z)):
                a = pulp.LpVariable(f"{copy}a{k}_{j}", 0, max(float(hi[j]), 0.0))
                if lo[j] >= 0:
                    prob += a == z[j]
                elif hi[j] > 0:
                    on = pulp.LpVariable(f"{copy}on{k}_{j}", cat=pulp.LpBinary)
                    prob += a >= z[j]
                    prob += a <= z[j] - float(lo[j]) * (1 - on)
                    prob += a <= float(hi[j]) * on
                h.append(a)
        inputs.append(x)
        outputs.append(z[0])
    prob += outputs[0] - outputs[1]
    (p, q), theta = inputs, np.asarray(theta, float)
    if metric == "linf":
        for i in np.flatnonzero(theta > 0):
            prob += float(theta[i]) * (p[i] - q[i]) <= epsilon
            prob += float(theta[i]) * (q[i] - p[i]) <= epsilon
    else:
        gaps = [pulp.LpVariable(f"gap{i}", 0) for i in range(n)]
        for i in range(n):
            prob += gaps[i] >= p[i] - q[i]
            prob += gaps[i] >= q[i] - p[i]
        prob += pulp.lpSum(float(t) * g for t, g in zip(theta, gaps)) <= epsilon
    assert _solve(prob, 120) == pulp.LpSolutionOptimal
    return float(pulp.value(prob.objective))


@student_facing
def check_certification_milp_hidden(certification_milp):
    """Hidden: linear closed forms, independent MILP, sampling, monotonicity, epsilon = 0."""
    # Linear models, both metrics; the last feature is sensitive (theta 0).
    w = np.array([[0.8, -1.5, 0.3, 2.0, -0.7]])
    linear = [(w, np.array([0.1]))]
    theta = [1.0, 3.0, 0.5, 2.0, 0.0]
    for metric, epsilon in (("linf", 0.2), ("l1", 0.3)):
        label = f"on a linear model with the weighted {metric} metric"
        delta = _witness_case(certification_milp, linear, epsilon, theta, metric, label)
        truth = linear_closed_form(w[0], theta, epsilon, metric)
        if not _close(delta, truth):
            fail(f"{label} (weights {w[0].tolist()}, theta {theta}, epsilon {epsilon}): the exact "
                 f"answer is {truth:.6g} in closed form, but your MILP gives {delta:.6g}. "
                 "Each feature i may move by epsilon / theta_i (l-infinity) or share a budget "
                 "sum theta_i |x'_i - x''_i| <= epsilon (l1); theta_i = 0 means free.")
    # Small ReLU networks: an independent MILP, and sampling. Two are drawn with the grading seed;
    # the 3-6-5-1 one is always the same: units of its first layer that are never active feed
    # the second, which bounds that skip the ReLU (the bank's bounds_skip_relu) get wrong.
    g = core.grading_seed
    cases = [([4, 10, 1], [1.0, 2.0, 0.5, 0.0], 0.15, "linf", 1 + g),
             ([3, 6, 5, 1], [1.0, 1.0, 0.0], 0.1, "linf", 10),
             ([4, 8, 1], [1.0, 0.5, 2.0, 0.0], 0.2, "l1", 3 + g)]
    for sizes, theta, epsilon, metric, seed in cases:
        layers = random_relu_net(sizes, seed)
        label = (f"on a {'-'.join(map(str, sizes))} network (weighted {metric}, theta {theta}, "
                 f"epsilon {epsilon})")
        delta = _witness_case(certification_milp, layers, epsilon, theta, metric, label)
        _at_least_sampled(delta, layers, epsilon, theta, metric, label, seed)
        truth = _independent_milp(layers, epsilon, theta, metric)
        if not _close(delta, truth):
            fail(f"{label}: delta_max is {truth:.6g} (an independent MILP proves it), "
                 f"but yours gives {delta:.6g}.")
    _check_epsilon_behaviour(certification_milp)


def _check_epsilon_behaviour(certification_milp):
    layers = random_relu_net([2, 12, 1], seed=5 + core.grading_seed, scale=3.0)
    theta = [1.0, 0.0]  # feature 1 is sensitive
    label = "on a 2-12-1 network whose second input is sensitive"
    deltas = [_witness_case(certification_milp, layers, eps, theta, "linf",
                            f"{label}, epsilon = {eps}") for eps in (0.0, 0.05, 0.2)]
    if any(later < earlier - TOL for earlier, later in zip(deltas, deltas[1:])):
        fail(f"{label}: delta_max should grow with epsilon (a larger epsilon allows more pairs), "
             f"but yours gives {[round(d, 5) for d in deltas]} for epsilon 0, 0.05, 0.2.")
    # epsilon = 0: only the sensitive input differs. Brute force over x0 and both s values.
    x0, s = np.meshgrid(np.linspace(0, 1, 801), np.linspace(0, 1, 201), indexing="ij")
    f = relu_forward(layers, np.column_stack([x0.ravel(), s.ravel()])).reshape(x0.shape)
    truth = float((f.max(1) - f.min(1)).max())
    if not (truth - 1e-6 <= deltas[0] <= truth + 0.02 * max(1.0, truth)):
        fail(f"{label}, epsilon = 0: two individuals may differ only in the sensitive feature, "
             f"so delta_max is the largest effect of that feature alone, about {truth:.5g}; "
             f"yours gives {deltas[0]:.6g}. The sensitive feature has theta = 0: it must be free, "
             "not held equal, and the other features must be held equal.")


# ----------------------------------------------------------------------------
# certify
# ----------------------------------------------------------------------------
def _as_certificate(result, n, what, stopped=False):
    """Check the shape of a Certificate. With ``stopped`` (a time-limited solve), a delta of None
    and inputs without values pass here: CBC may stop before it has any solution."""
    if not (isinstance(result, tuple) and len(result) == 4):
        fail(f"{what} should return Certificate(delta, x_prime, x_double_prime, proven), "
             f"but it returned a {_kind(result)}.")
    delta, p, q, proven = result
    if not isinstance(proven, bool):
        fail(f"{what}: `proven` should be True or False, not a {_kind(proven)}.")
    if stopped and delta is None:
        delta = math.nan
    try:
        delta = float(delta)
        p, q = (np.asarray(x, dtype=float).reshape(-1) for x in (p, q))
    except (TypeError, ValueError):
        fail(f"{what}: delta should be a number and x_prime, x_double_prime arrays of numbers.")
    if p.shape != (n,) or q.shape != (n,):
        fail(f"{what}: x_prime and x_double_prime should each hold {n} numbers, "
             f"not {p.shape} and {q.shape}.")
    return Certificate(delta, p, q, bool(proven))


def _witness_gap(cert, layers, epsilon, theta, label):
    """Check the certificate's witness pair is feasible; return the network's gap on it."""
    _feasible_witness(cert.x_prime, cert.x_double_prime, epsilon, theta, "linf", label)
    return abs(relu_forward(layers, cert.x_prime) - relu_forward(layers, cert.x_double_prime))


@student_facing
def check_certify(certify):
    """Visible: a small network that CBC proves in well under a second."""
    layers = random_relu_net([3, 8, 1], seed=7)
    theta, epsilon = np.array([1.0, 2.0, 0.0]), 0.1
    label = "`certify` on a 3-8-1 network"
    cert = _as_certificate(_run(certify, layers, epsilon, theta, "linf", 20, what=label,
                                seconds=60), 3, label)
    truth = _independent_milp(layers, epsilon, theta, "linf")
    if not cert.proven:
        fail(f"{label}: CBC proves this small problem optimal quickly, but your certificate "
             "says proven=False. Set it from prob.sol_status == 1.")
    if not _close(cert.delta, truth):
        fail(f"{label}: delta should be {truth:.6g}, but yours is {cert.delta:.6g}.")
    gap = _witness_gap(cert, layers, epsilon, theta, label)
    if not _close(gap, cert.delta):
        fail(f"{label}: the network's gap on your witness pair is {gap:.6g}, not delta = "
             f"{cert.delta:.6g}; return the input variables' values after solving.")


# The time-limit check. CBC (PuLP's default timeMode "elapsed") stops at the limit in wall-clock
# time; building the reference MILP for the 12-64-32-1 network, starting CBC and reading its
# solution add 0.15 s (measured on 2 cores: 1.13 s at time_limit=1, 2.17 s at 2, 4.17 s at 4).
# CERTIFY_SLACK leaves room for a slow but correct encoding on a loaded machine. A certify that
# ignores time_limit and uses its own cap takes the same time at both limits, which the second
# test catches however short or long its cap is; the reference's two runs differ by 2 s.
# CBC has an incumbent for this network after 0.2 s; after 1 s and 3 s it was 0.40 to 0.45 for
# each correct encoding of the bank, where 20,000 sampled pairs find 0.46: a stopped run at the
# longer limit must return an incumbent at least CERTIFY_MIN_INCUMBENT times the sampled gap, which
# a pair made up without searching (x' = x'', or two arbitrary inputs) does not reach.
CERTIFY_LIMITS = (1, 3)
CERTIFY_SLACK = 10         # seconds over the limit a run may take
CERTIFY_MIN_SPREAD = 1.0   # seconds the run at 3 s must take longer than the run at 1 s
CERTIFY_MIN_INCUMBENT = 0.5


@student_facing
def check_certify_hidden(certify):
    """Hidden: a network CBC cannot finish in the limit must not be reported as proven, and
    the limit must be the one passed in (runs at time_limit 1 and 3); a stopped run still
    returns CBC's incumbent, a feasible pair and its gap."""
    layers = random_relu_net([12, 64, 32, 1], seed=11)  # calibrated: no grading seed
    theta, epsilon = np.ones(12), 0.1
    elapsed, delta = {}, {}
    for limit in CERTIFY_LIMITS:
        label = f"`certify` on a 12-64-32-1 network with time_limit={limit}"
        returned = _run(certify, layers, epsilon, theta, "linf", limit, what=label, seconds=120)
        elapsed[limit] = core.last_call_seconds
        cert = _as_certificate(returned, 12, label, stopped=True)
        delta[limit] = cert.delta
        if cert.proven:
            fail(f"{label}: proving this problem optimal takes CBC minutes, yet your certificate "
                 f"says proven=True after a {limit} s limit. When CBC stops at the limit, "
                 "prob.status is still 1 ('Optimal' in LpStatus) but prob.sol_status is 2: the "
                 "value is only a lower bound on delta_max. Report proven = "
                 "(prob.sol_status == 1).")
        if elapsed[limit] > limit + CERTIFY_SLACK:
            fail(f"{label}: it ran for {elapsed[limit]:.1f} s, more than the limit plus "
                 f"{CERTIFY_SLACK} s for building the problem; pass time_limit to CBC "
                 "(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit)) instead of a limit of your "
                 "own.")
        if math.isfinite(cert.delta):
            gap = _witness_gap(cert, layers, epsilon, theta, label)
            if not _close(gap, cert.delta, 1e-4):
                fail(f"{label}: a stopped solve's delta should still be the gap of its witness "
                     f"pair (a lower bound), but the pair gives {gap:.6g} and delta is "
                     f"{cert.delta:.6g}.")
    low, high = CERTIFY_LIMITS
    if elapsed[high] - elapsed[low] < CERTIFY_MIN_SPREAD:
        fail(f"`certify` on a 12-64-32-1 network that CBC cannot prove in time ran for "
             f"{elapsed[low]:.1f} s with time_limit={low} and {elapsed[high]:.1f} s with "
             f"time_limit={high}; the longer limit should give CBC about {high - low} s more, so "
             "pass time_limit to CBC (pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit)) instead "
             "of a limit of your own.")
    label = f"`certify` on a 12-64-32-1 network with time_limit={high}"
    sampled = _sampled_gap(layers, epsilon, theta, "linf")
    if not math.isfinite(delta[high]):
        fail(f"{label}: your certificate has no delta, yet CBC finds feasible pairs for this "
             "network within a fraction of a second. A solve stopped at its limit still has its "
             "best pair: return the input variables' values and pulp.value(prob.objective), a "
             "lower bound on delta_max.")
    if delta[high] < CERTIFY_MIN_INCUMBENT * sampled:
        fail(f"{label}: your certificate's delta {delta[high]:.4g} is the gap of a feasible pair, "
             f"but CBC's search finds far larger gaps within the limit (random sampling alone "
             f"finds {sampled:.4g}). Return CBC's own incumbent: the input variables' values "
             "after prob.solve and pulp.value(prob.objective).")


# ----------------------------------------------------------------------------
# sigmoid_bounds
# ----------------------------------------------------------------------------
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _touch_points(slope, a, b):
    """Where the sigmoid's slope is ``slope`` in [a, b]: besides a and b, the only places where
    a line of that slope can come closest to the sigmoid, or cross it furthest."""
    if not 0 < slope <= 0.25:
        return []
    t = 2 * math.acosh(0.5 / math.sqrt(slope))  # sigmoid'(t) = 1 / (4 cosh^2(t / 2))
    return [x for x in (-t, t) if a < x < b]


def _as_pwl(result, lo, hi, pieces, what):
    if not (isinstance(result, tuple) and len(result) == 3):
        fail(f"{what} should return a tuple (z, lower, upper), "
             f"but it returned a {_kind(result)}.")
    try:
        z, lower, upper = (np.asarray(a, dtype=float) for a in result)
    except (TypeError, ValueError):
        fail(f"{what} should return three arrays of numbers.")
    if z.ndim != 1 or len(z) < 2:
        fail(f"{what}: z should be a 1-D array of breakpoints, at least [lo, hi].")
    segments = len(z) - 1
    if segments > pieces + 1:
        fail(f"{what}: asked for {pieces} pieces, you returned {segments} segments "
             f"(at most {pieces + 1}: one more is allowed for the breakpoint at 0).")
    if not (np.isclose(z[0], lo) and np.isclose(z[-1], hi)) or (np.diff(z) <= 0).any():
        fail(f"{what}: z should increase strictly from lo = {lo} to hi = {hi}.")
    for name, lines in (("lower", lower), ("upper", upper)):
        if lines.shape != (segments, 2):
            fail(f"{what}: {name} should have shape ({segments}, 2), one (slope, intercept) per "
                 f"segment, not {lines.shape}.")
        if not np.isfinite(lines).all():
            fail(f"{what}: {name} contains NaN or infinite values.")
    return z, lower, upper


def _sigmoid_case(sigmoid_bounds, lo, hi, pieces, tight=None):
    what = f"`sigmoid_bounds({lo:g}, {hi:g}, pieces={pieces})`"
    z, lower, upper = _as_pwl(call(sigmoid_bounds, lo, hi, pieces, what=what, seconds=10),
                              lo, hi, pieces, what)
    worst = 0.0
    for k, (a, b) in enumerate(zip(z[:-1], z[1:])):
        t = np.sort(np.concatenate([np.linspace(a, b, 401), _touch_points(lower[k, 0], a, b),
                                    _touch_points(upper[k, 0], a, b)]))
        s = sigmoid(t)
        low, up = lower[k, 0] * t + lower[k, 1], upper[k, 0] * t + upper[k, 1]
        for name, bad in (("lower", low - s), ("upper", s - up)):
            if bad.max() > 1e-9:
                i = int(bad.argmax())
                fail(f"{what}: on segment [{a:.4g}, {b:.4g}] your {name} bound is "
                     f"{(low if name == 'lower' else up)[i]:.6g} at z = {t[i]:.4g}, where "
                     f"sigmoid(z) = {s[i]:.6g}: it is not a bound. On the convex part (z <= 0) the "
                     "chord lies above and tangents below; on the concave part the reverse; a "
                     "segment must not straddle 0.")
        worst = max(worst, float((s - low).max()), float((up - s).max()))
    if tight is not None and worst > tight:
        fail(f"{what}: your bounds are sound but up to {worst:.3g} away from the sigmoid; with "
             f"{pieces} pieces they should be within {tight:g} (chords and tangents are).")


@student_facing
def check_sigmoid_bounds(sigmoid_bounds):
    """Visible: one interval straddling 0."""
    _sigmoid_case(sigmoid_bounds, -4.0, 4.0, 8, tight=0.08)


@student_facing
def check_sigmoid_bounds_hidden(sigmoid_bounds):
    """Hidden: convex-only, concave-only, tiny, wide and random intervals, 1 to 32 pieces."""
    _sigmoid_case(sigmoid_bounds, -8.0, 8.0, 16, tight=0.08)
    _sigmoid_case(sigmoid_bounds, -6.0, -0.5, 6, tight=0.08)
    _sigmoid_case(sigmoid_bounds, 0.25, 7.0, 6, tight=0.08)
    _sigmoid_case(sigmoid_bounds, -0.01, 0.02, 1)
    _sigmoid_case(sigmoid_bounds, -20.0, 20.0, 32)
    _sigmoid_case(sigmoid_bounds, 2.0, 2.001, 1)
    rng = np.random.default_rng(core.grading_seed)
    for _ in range(40):
        lo, hi = np.sort(rng.uniform(-10, 10, 2))
        _sigmoid_case(sigmoid_bounds, float(lo), float(hi), int(rng.integers(1, 33)))
