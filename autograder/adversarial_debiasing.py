"""Checks for the adversarial-debiasing lab (``solutions/adversarial_debiasing``).

The lab follows Zhang, Lemoine & Mitchell (2018, arXiv 1801.07593) with the
adversary of AIF360: the adversary reads s = sigmoid((1 + |c|) * logit) (and,
for equalized odds, s * y and s * (1 - y)), and the predictor's gradient is

    g = grad L_P - proj_{grad L_A} grad L_P - alpha * grad L_A      (per parameter tensor)

The checks test what the method guarantees rather than one implementation's
numbers:

* the adversary's input is exactly [s] or [s, s*y, s*(1-y)], depends on the
  label only in the equalized-odds form, and lets gradients reach c and the logits;
* per tensor, <g + alpha * grad L_A, grad L_A> = 0 in the Frobenius product, and
  g + alpha * grad L_A differs from grad L_P only along grad L_A;
* one step with plain SGD moves the adversary by -lr * grad L_A (descent on its
  own loss) and the predictor by -lr * g, with gradients taken at the start of the
  step (or, also accepted, after the adversary's update);
* alpha = 0 without projection reproduces plain training under Adam, and the adversary moves
  as Adam on its own loss moves it, both up to float rounding (1% of one Adam step: gradients
  taken another way, e.g. with torch.func.grad, differ by about 2e-5 steps);
* over several seeds on Adult, a small alpha cuts the demographic-parity gap
  clearly at a small accuracy cost (the trained weights come back; the grader
  evaluates them on the test set itself).

Student code runs only through :func:`autograder.core.call`. The drivers below
(``input_and_gradients``, ``projection_and_inputs``, ``train_steps``,
``train_for_fairness``) run beside it, on copies of the inputs or on models and
optimisers they build from names and seeds, and return data: results, inputs
after the call, parameters after each step. Every verdict compares that data with
what the check recomputes itself from its own inputs (its own models, batches and
reference update), so a returned number is worth nothing unless it is the right
one, and NaN or infinite values fail. Hidden checks add ``core.grading_seed`` to
the seeds of their random cases; the statistical check keeps its calibrated seeds.

The lab's building blocks (the adversary, the predictor, the training loops)
live here too, so that the notebook and the checks train exactly the same way.
"""
import copy
import functools

import torch
from torch import nn
from torch.nn import functional as F

from tfdl.fairness import fairness_report
from tfdl.models import mlp
from tfdl.tabular import tabular

from . import core
from .core import as_tensor, as_tensor_dict, call, fail, student_facing
from .memo import remembered
from .wire import type_name


MODES = ("dp", "eo")

# Training settings of the lab's experiment (measured: 0.5 s per run on one thread).
HIDDEN = 32
STEPS = 600
BATCH_SIZE = 512
LR = 3e-3
# The statistical check: six seeds, alpha = 0.1, demographic parity on Adult.
# Reference over 24 seeds (per seed): plain DPD 0.181 (sd 0.010), debiased 0.057 (sd 0.022),
# drop 0.124 (sd 0.021, min 0.055); accuracy 0.849 -> 0.836, cost 0.012 (sd 0.004, max 0.019).
# The mean over six seeds has sd about 0.009 (drop) and 0.002 (cost), so the bands below sit
# about seven sd from the reference. Wrong updates measured: no projection 0.010, no -alpha term
# 0.042, sign errors on either term -0.08 and 0.004.
FAIR_ALPHA = 0.1
FAIR_SEEDS = (0, 1, 2, 3, 4, 5)
FAIR_MIN_DROP = 0.06
FAIR_MAX_COST = 0.03


# ----------------------------------------------------------------------------
# The lab's building blocks
# ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def adult():
    """Adult, sensitive attribute sex (s = 1 for women), sex not among the features."""
    return tabular("adult")


@functools.lru_cache(maxsize=None)
def compas():
    """COMPAS, sensitive attribute race (s = 1 for African-American), without COMPAS's own score."""
    return tabular("compas", drop=("decile_score", "score_text"))


def course_adversary_input(logits, y, mode, c):
    """The course's version of the function students write (used to test their training step)."""
    s = torch.sigmoid((1 + c.abs()) * logits)
    if mode == "dp":
        return s.unsqueeze(-1)
    return torch.stack([s, s * y, s * (1 - y)], dim=-1)


class Adversary(nn.Module):
    """The adversary of Zhang et al. as in AIF360: a learnable c and one linear layer.

    ``adversary(logits, y)`` returns one logit per row for "s = 1", computed as
    ``linear(input_fn(logits, y, mode, c))``.
    """

    def __init__(self, mode: str, input_fn, seed: int | None = None):
        super().__init__()
        if mode not in MODES:
            raise ValueError(f"mode must be 'dp' or 'eo', not {mode!r}")
        self.mode = mode
        self.input_fn = input_fn
        state = torch.random.get_rng_state()
        if seed is not None:
            torch.manual_seed(seed)
        try:
            self.c = nn.Parameter(torch.ones(()))
            self.linear = nn.Linear(1 if mode == "dp" else 3, 1)
        finally:
            if seed is not None:
                torch.random.set_rng_state(state)

    def forward(self, logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self.linear(self.input_fn(logits, y, self.mode, self.c)).squeeze(-1)


def make_predictor(n_features: int, hidden: int = HIDDEN, seed: int | None = None) -> nn.Sequential:
    """An MLP with one hidden ReLU layer and one output logit per row (shape ``(n,)``)."""
    return nn.Sequential(mlp([n_features, hidden, 1], seed=seed), nn.Flatten(0))


def batches(n: int, batch_size: int, steps: int, seed: int):
    """Index tensors of ``steps`` mini-batches, reshuffled every epoch by a seeded generator."""
    generator = torch.Generator().manual_seed(seed)
    step = 0
    while step < steps:
        order = torch.randperm(n, generator=generator)
        for start in range(0, n - batch_size + 1, batch_size):
            yield order[start:start + batch_size]
            step += 1
            if step == steps:
                return


def train_plain(data, *, steps: int = STEPS, batch_size: int = BATCH_SIZE, lr: float = LR,
                hidden: int = HIDDEN, seed: int = 0) -> nn.Module:
    """Ordinary training (Adam on the predictor's loss), same start and batches as below."""
    predictor = make_predictor(data.n_features, hidden, seed)
    opt = torch.optim.Adam(predictor.parameters(), lr=lr)
    for idx in batches(len(data.x_train), batch_size, steps, seed):
        loss = F.binary_cross_entropy_with_logits(predictor(data.x_train[idx]), data.y_train[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return predictor


def train_debiased(data, step_fn, alpha: float, mode: str = "dp", *,
                   input_fn=course_adversary_input, project: bool = True, steps: int = STEPS,
                   batch_size: int = BATCH_SIZE, lr: float = LR, hidden: int = HIDDEN,
                   seed: int = 0):
    """Train with ``step_fn`` (your ``debiased_step``); return (predictor, adversary, losses).

    ``losses`` is the list of what ``step_fn`` returned at each step. With the same seed,
    the predictor starts from the same weights and sees the same batches as ``train_plain``.
    """
    predictor = make_predictor(data.n_features, hidden, seed)
    adversary = Adversary(mode, input_fn, seed=seed)
    pred_opt = torch.optim.Adam(predictor.parameters(), lr=lr)
    adv_opt = torch.optim.Adam(adversary.parameters(), lr=lr)
    losses = []
    for idx in batches(len(data.x_train), batch_size, steps, seed):
        losses.append(step_fn(predictor, adversary, pred_opt, adv_opt, data.x_train[idx],
                              data.y_train[idx], data.s_train[idx], alpha, project))
    return predictor, adversary, losses


@torch.no_grad()
def evaluate(predictor: nn.Module, data) -> dict:
    """``tfdl.fairness.fairness_report`` of the predictor's decisions (logit > 0) on the test set."""
    decisions = (predictor(data.x_test) > 0).float()
    return fairness_report(data.y_test, decisions, data.s_test)


DATASETS = {"adult": adult, "compas": compas}
OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}


def _parameters(module: nn.Module) -> dict[str, torch.Tensor]:
    """A copy of the module's parameters, by name."""
    return {name: w.detach().clone() for name, w in module.named_parameters()}


def _load(module: nn.Module, state: dict) -> None:
    with torch.no_grad():
        for name, w in module.named_parameters():
            w.copy_(state[name])


# ----------------------------------------------------------------------------
# adversary_input
# ----------------------------------------------------------------------------
def input_and_gradients(adversary_input, logits, y, mode, c, weights):
    """Driver: the adversary's input for fresh leaves ``logits`` and ``c``, the labels as they
    are after the call, and the gradients of sum(input * weights) with respect to ``logits``
    and ``c`` (None when the input does not require grad)."""
    logits = logits.clone().requires_grad_(True)
    c = torch.tensor(c, dtype=logits.dtype, requires_grad=True)
    out = adversary_input(logits, y, mode, c)
    grads = None
    if isinstance(out, torch.Tensor) and out.requires_grad and out.shape == weights.shape:
        grads = torch.autograd.grad((out * weights.to(out.dtype)).sum(), [logits, c],
                                    allow_unused=True)
    return out, y, grads


def _input_case(adversary_input, logits, y, mode, c, label):
    n, width = logits.shape[0], 1 if mode == "dp" else 3
    weights = torch.linspace(0.5, 1.5, n * width, dtype=logits.dtype).view(n, width)
    what = f"`adversary_input(logits, y, mode={mode!r}, c)`"
    out, y_after, grads = call(adversary_input, logits.clone(), y.clone(), mode, float(c),
                               weights, driver=input_and_gradients, what=what, seconds=10)
    if not isinstance(out, torch.Tensor):
        fail(f"{what} should return a torch.Tensor, but returned a {type_name(out)}.")
    if tuple(out.shape) != (n, width):
        fail(f"{what} should return shape ({n}, {width}) {label}"
             + (" (one column, s)" if mode == "dp" else " (three columns: s, s*y, s*(1-y))")
             + f", but returned shape {tuple(out.shape)}.")
    if not torch.equal(y_after, y):
        fail(f"{what} changed `y` in place {label}; leave its inputs untouched.")
    values = as_tensor(out, f"the result of {what}")
    s, t = torch.sigmoid((1 + abs(c)) * logits.double()), y.double()
    expected = s[:, None] if mode == "dp" else torch.stack([s, s * t, s * (1 - t)], dim=1)
    gap = (values - expected).abs().max().item()
    if not gap <= 1e-5:
        col = int((values - expected).abs().max(dim=0).values.argmax())
        hint = {0: "s = sigmoid((1 + |c|) * logits)", 1: "s * y", 2: "s * (1 - y)"}[col]
        fail(f"{what} {label}: column {col} should be {hint}, but differs from it by up to "
             f"{gap:.3g}.")
    if not (isinstance(grads, tuple) and len(grads) == 2):  # None: no autograd graph
        fail(f"{what} returned a tensor that does not depend on `logits` and `c` through autograd "
             f"{label}; do not detach, the predictor learns through the adversary's input.")
    ref_logits = logits.clone().requires_grad_(True)
    ref_c = torch.tensor(float(c), dtype=logits.dtype, requires_grad=True)
    ref = course_adversary_input(ref_logits, y, mode, ref_c)
    ref_grads = torch.autograd.grad((ref * weights).sum(), [ref_logits, ref_c])
    for name, got, want in zip(("logits", "c"), grads, ref_grads):
        if got is not None:
            got = as_tensor(got, f"the gradient with respect to `{name}`", tuple(want.shape))
        if got is None or not (got - want).abs().max() <= 1e-4 * (1 + want.abs().max()):
            fail(f"{what} {label}: the gradient with respect to `{name}` is wrong or missing; "
                 "compute s from `logits` and `c` with differentiable torch operations.")
    return values


@student_facing
def check_adversary_input(adversary_input):
    """Visible: a small hand-made batch in both modes."""
    logits = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
    y = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0])
    for mode in MODES:
        _input_case(adversary_input, logits, y, mode, 1.0, "on the small example with c = 1")


@student_facing
def check_adversary_input_hidden(adversary_input):
    """Hidden: random batches, negative c, float64, and the label really reaching the EO input."""
    g = torch.Generator().manual_seed(core.grading_seed)
    for n, c, dtype in [(64, -0.7, torch.float32), (33, 2.5, torch.float64), (1, 0.05, torch.float32)]:
        logits = (3 * torch.randn(n, generator=g)).to(dtype)
        y = (torch.rand(n, generator=g) < 0.5).to(dtype)
        for mode in MODES:
            label = f"on a random batch of {n} rows ({str(dtype)[6:]}, c = {c})"
            _input_case(adversary_input, logits, y, mode, c, label)
    logits = 2 * torch.randn(40, generator=g)
    y = (torch.rand(40, generator=g) < 0.5).float()
    c = torch.tensor(0.3)

    def flipped(mode, what):
        return [as_tensor(call(adversary_input, logits.clone(), labels.clone(), mode, c.clone(),
                               what="`adversary_input`", seconds=10), what)
                for labels in (y, 1 - y)]

    dp = flipped("dp", "the demographic-parity input")
    if not torch.equal(dp[0], dp[1]):
        fail("in mode 'dp' the adversary's input changed when the labels were flipped; for "
             "demographic parity the adversary sees the prediction only.")
    eo = flipped("eo", "the equalized-odds input")
    if torch.equal(eo[0], eo[1]):
        fail("in mode 'eo' the adversary's input did not change when the labels were flipped; "
             "for equalized odds the adversary must receive the true label.")


# ----------------------------------------------------------------------------
# projected_gradient
# ----------------------------------------------------------------------------
def _frobenius(a, b):
    return float((a * b).sum())


def projection_and_inputs(projected_gradient, grad_p, grad_a, alpha, project):
    """Driver: the projected gradient, and both gradients as they are after the call."""
    return projected_gradient(grad_p, grad_a, alpha, project), grad_p, grad_a


def _projection_case(projected_gradient, grad_p, grad_a, alpha, project, label):
    what = f"`projected_gradient(grad_p, grad_a, alpha={alpha}, project={project})`"
    out, p_after, a_after = call(projected_gradient, grad_p.clone(), grad_a.clone(), alpha,
                                 project, driver=projection_and_inputs, what=what, seconds=10)
    if not isinstance(out, torch.Tensor):
        fail(f"{what} should return a torch.Tensor, but returned a {type_name(out)}.")
    if not torch.equal(p_after, grad_p) or not torch.equal(a_after, grad_a):
        fail(f"{what} changed its inputs in place {label}; return a new tensor.")
    if out.dtype != grad_p.dtype:
        fail(f"{what} should keep the dtype {grad_p.dtype} {label}, but returned {out.dtype}.")
    g = as_tensor(out, f"the result of {what} {label}", tuple(grad_p.shape))
    p, a = grad_p.double(), grad_a.double()
    tol = 1e-5 if grad_p.dtype == torch.float32 else 1e-10
    scale = float(p.norm() * a.norm()) + float(a.norm()) ** 2 * abs(alpha) + 1e-30
    if not project:
        expected = p - alpha * a
        gap = (g - expected).norm().item()
        if gap > tol * (float(p.norm()) + abs(alpha) * float(a.norm()) + 1e-30):
            fail(f"{what} {label} should be grad_p - alpha * grad_a (no projection), but differs "
                 f"from it by {gap:.3g} in norm.")
        return g
    if float(a.norm()) == 0:
        gap = (g - p).norm().item()
        if gap > tol * (float(p.norm()) + 1e-30):
            fail(f"{what} {label}: grad_a is zero, so there is nothing to project onto and the "
                 f"result should be grad_p, but it differs by {gap:.3g}; guard the division by "
                 "the norm of grad_a.")
        return g
    residual = _frobenius(g + alpha * a, a)
    if abs(residual) > tol * scale:
        fail(f"{what} {label}: <g + alpha * grad_a, grad_a> should be 0 (Frobenius product, "
             f"summed over every entry), but it is {residual:.4g}; the projected gradient must "
             "have no component along grad_a other than -alpha * grad_a. Check the signs and "
             "that the inner product is the sum of all elementwise products, not torch.inner.")
    removed = p - (g + alpha * a)
    off_axis = removed - (_frobenius(removed, a) / _frobenius(a, a)) * a
    if off_axis.norm().item() > tol * (float(p.norm()) + 1e-30) * 10:
        fail(f"{what} {label}: g + alpha * grad_a should differ from grad_p only along grad_a "
             f"(you remove the projection of grad_p onto grad_a), but it also differs by "
             f"{off_axis.norm().item():.3g} in other directions.")
    return g


@student_facing
def check_projected_gradient(projected_gradient):
    """Visible: a vector and a 2x3 matrix (where torch.inner is not the Frobenius product)."""
    cases = [
        (torch.tensor([1.0, 2.0, -1.0]), torch.tensor([0.5, -1.0, 2.0]), "on two vectors"),
        (torch.tensor([[1.0, -2.0, 0.5], [0.3, 1.0, -1.5]]),
         torch.tensor([[0.4, 1.0, -0.7], [2.0, -0.6, 0.9]]), "on two 2x3 matrices"),
    ]
    for grad_p, grad_a, label in cases:
        for alpha in (0.0, 0.5):
            _projection_case(projected_gradient, grad_p, grad_a, alpha, True, label)
        _projection_case(projected_gradient, grad_p, grad_a, 0.5, False, label)


@student_facing
def check_projected_gradient_hidden(projected_gradient):
    """Hidden: tensors of many shapes and scales, float64, alpha values, a zero grad_a."""
    g = torch.Generator().manual_seed(1 + core.grading_seed)
    shapes = [(7,), (32, 96), (5, 4, 3), (8, 3, 3, 3), (1, 1), (1,)]
    for i, shape in enumerate(shapes):
        for dtype in (torch.float32, torch.float64):
            p = torch.randn(shape, generator=g, dtype=dtype) * 10 ** (i % 3 - 1)
            a = 0.6 * p + torch.randn(shape, generator=g, dtype=dtype) * 10 ** (1 - i % 3)
            for alpha in (0.0, 0.1, 1.0, 3.0):
                label = f"on tensors of shape {tuple(shape)} ({str(dtype)[6:]})"
                _projection_case(projected_gradient, p, a, alpha, True, label)
            _projection_case(projected_gradient, p, a, 0.3, False, label)
    p = torch.randn(6, 4, generator=g)
    for alpha in (0.0, 0.2):
        _projection_case(projected_gradient, p, torch.zeros(6, 4), alpha, True,
                         "when grad_a is exactly zero")
    a = torch.randn(6, 4, generator=g)
    _projection_case(projected_gradient, 2.5 * a, a, 0.2, True, "when grad_p is parallel to grad_a")
    _projection_case(projected_gradient, p, 1e-3 * a, 0.2, True, "when grad_a is small")


# ----------------------------------------------------------------------------
# debiased_step
# ----------------------------------------------------------------------------
def _bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, target)


def _projected(grad_p, grad_a, alpha, project):
    if project:
        norm_sq = (grad_a * grad_a).sum()
        if norm_sq > 0:
            grad_p = grad_p - ((grad_p * grad_a).sum() / norm_sq) * grad_a
    return grad_p - alpha * grad_a


def _models(n_features: int, mode: str, hidden: int, seed: int):
    """The predictor and the course's adversary that a step check starts from."""
    return (make_predictor(n_features, hidden, seed),
            Adversary(mode, course_adversary_input, seed=seed + 100))


def train_steps(debiased_step, dataset, mode, alpha, project, optimizer, lr, hidden, seed,
                batch_size, steps, stale_grads=False):
    """Driver: ``steps`` calls of the student's step on fresh models (:func:`_models`) and
    optimisers, on the batches of ``batches(..., seed)``; after each call, what it returned
    and the parameters of both models."""
    data = DATASETS[dataset]()
    predictor, adversary = _models(data.n_features, mode, hidden, seed)
    pred_opt = OPTIMIZERS[optimizer](predictor.parameters(), lr=lr)
    adv_opt = OPTIMIZERS[optimizer](adversary.parameters(), lr=lr)
    noise = torch.Generator().manual_seed(seed)
    records = []
    for idx in batches(len(data.x_train), batch_size, steps, seed):
        if stale_grads:  # as an earlier step may leave them
            for w in [*predictor.parameters(), *adversary.parameters()]:
                w.grad = torch.randn(w.shape, generator=noise)
        result = debiased_step(predictor, adversary, pred_opt, adv_opt, data.x_train[idx],
                               data.y_train[idx], data.s_train[idx], alpha, project)
        records.append((result, _parameters(predictor), _parameters(adversary)))
    return records


def _run_steps(debiased_step, dataset, mode, alpha, project, optimizer, lr, hidden, seed,
               batch_size, steps, what, stale_grads=False):
    """What :func:`train_steps` returned: one (result, predictor, adversary) per step."""
    records = call(debiased_step, dataset, mode, alpha, project, optimizer, lr, hidden, seed,
                   batch_size, steps, stale_grads, driver=train_steps, what=what,
                   seconds=min(20 * steps, 60))
    if not isinstance(records, list) or len(records) != steps or \
            not all(isinstance(r, tuple) and len(r) == 3 for r in records):
        fail(f"running {what} step by step did not give the grader one result per step.")
    return records


def _expected_step(predictor, adversary, x, y, s, alpha, project, lr):
    """Expected parameters after one plain-SGD step, computed on copies of the models."""
    pred, adv = copy.deepcopy(predictor), copy.deepcopy(adversary)
    pp, ap = list(pred.parameters()), list(adv.parameters())
    logits = pred(x)
    loss_p = _bce(logits, y)
    loss_a = _bce(adv(logits, y), s)
    grad_p = torch.autograd.grad(loss_p, pp, retain_graph=True)
    grad_a = torch.autograd.grad(loss_a, pp + ap)
    n = len(pp)
    adv_new = [w.detach() - lr * gw for w, gw in zip(ap, grad_a[n:])]
    pred_new = [w.detach() - lr * _projected(gp, ga, alpha, project)
                for w, gp, ga in zip(pp, grad_p, grad_a[:n])]
    # Also accepted: the predictor's adversarial gradient taken after the adversary's update.
    with torch.no_grad():
        for w, new in zip(ap, adv_new):
            w.copy_(new)
    grad_a2 = torch.autograd.grad(_bce(adv(pred(x), y), s), pp)
    pred_new2 = [w.detach() - lr * _projected(gp, ga, alpha, project)
                 for w, gp, ga in zip(pp, grad_p, grad_a2)]
    plain = [w.detach() - lr * gp for w, gp in zip(pp, grad_p)]
    leaked = [w.detach() - lr * (_projected(gp, ga, alpha, project) + ga)
              for w, gp, ga in zip(pp, grad_p, grad_a[:n])]
    no_proj = [w.detach() - lr * _projected(gp, ga, alpha, False)
               for w, gp, ga in zip(pp, grad_p, grad_a[:n])]
    return {"adv": adv_new, "adv_up": [w.detach() + lr * gw for w, gw in zip(ap, grad_a[n:])],
            "pred": [pred_new, pred_new2], "plain": plain, "leaked": leaked, "no_proj": no_proj,
            "losses": (loss_p.item(), loss_a.item())}


def _close(params, expected, before) -> bool:
    for w, e, b in zip(params, expected, before):
        step = (e.double() - b).abs().max().item()
        if not (w - e.double()).abs().max().item() <= 2e-4 * step + 1e-6:
            return False
    return True


def _step_case(debiased_step, dataset, mode, alpha, project, seed, steps, label, stale_grads=False):
    """Run the student's step ``steps`` times with plain SGD (lr 0.5, batches of 64); check each
    update against the one computed here from the parameters the step started from."""
    lr, hidden, batch_size = 0.5, 8, 64
    data = DATASETS[dataset]()
    what = f"`debiased_step(..., alpha={alpha}, project={project})`"
    records = _run_steps(debiased_step, dataset, mode, alpha, project, "sgd", lr, hidden, seed,
                         batch_size, steps, what, stale_grads)
    predictor, adversary = _models(data.n_features, mode, hidden, seed)
    indices = batches(len(data.x_train), batch_size, steps, seed)
    for step, (idx, (result, pred_state, adv_state)) in enumerate(zip(indices, records), start=1):
        x, y, s = data.x_train[idx], data.y_train[idx], data.s_train[idx]
        where = f"{label}, step {step}" if steps > 1 else label
        pred_before, adv_before = (list(_parameters(m).values()) for m in (predictor, adversary))
        expected = _expected_step(predictor, adversary, x, y, s, alpha, project, lr)
        after = f"after {what} with plain SGD ({where}), the"
        adv_state = as_tensor_dict(adv_state, _parameters(adversary),
                                   f"{after} adversary's parameters")
        pred_state = as_tensor_dict(pred_state, _parameters(predictor),
                                    f"{after} predictor's parameters")
        adv_after, pred_after = list(adv_state.values()), list(pred_state.values())
        if not _close(adv_after, expected["adv"], adv_before):
            if all(torch.equal(w, b.double()) for w, b in zip(adv_after, adv_before)):
                hint = "it did not move at all; step `adv_opt` on the adversary's loss."
            elif _close(adv_after, expected["adv_up"], adv_before):
                hint = "it climbed its loss; the adversary minimises its own loss."
            else:
                hint = ("it should move by -lr * the gradient of "
                        "binary_cross_entropy_with_logits(adversary(predictor(x), y), s) with "
                        "respect to its own parameters; the adversary reads the predictor's "
                        "logits and the label y, never s or the features.")
            fail(f"{after} adversary's parameters {list(adv_state)} are wrong: {hint}")
        if not any(_close(pred_after, e, pred_before) for e in expected["pred"]):
            if all(torch.equal(w, b.double()) for w, b in zip(pred_after, pred_before)):
                hint = "it did not move at all; set its gradients and step `pred_opt`."
            elif alpha and _close(pred_after, expected["plain"], pred_before):
                hint = "it moved by plain training's -lr * grad L_P, ignoring the adversary."
            elif _close(pred_after, expected["leaked"], pred_before):
                hint = ("it also received +grad L_A: the adversary's backward pass leaked into the "
                        "predictor's gradients; replace them, do not add to them.")
            elif project and _close(pred_after, expected["no_proj"], pred_before):
                hint = "it was not projected although project=True."
            elif not project:
                hint = "with project=False it should move by -lr * (grad L_P - alpha * grad L_A)."
            else:
                hint = ("it should move by -lr * projected_gradient(grad L_P, grad L_A, alpha) for "
                        "each parameter tensor separately, with both gradients taken with respect "
                        "to the predictor's parameters.")
            fail(f"{after} predictor's parameters are wrong: {hint}")
        _check_losses(result, expected["losses"], what, where)
        _load(predictor, pred_state)  # the next step starts where the student's step left off
        _load(adversary, adv_state)


def _check_losses(result, expected, what, where):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"{what} should return the pair (predictor loss, adversary loss), but returned "
             f"{type_name(result)}" + (f" of length {len(result)}" if
                                       isinstance(result, (tuple, list)) else "") + ".")
    for name, got, want in zip(("predictor", "adversary"), result, expected):
        try:
            value = float(got)
        except (TypeError, ValueError, RuntimeError):
            fail(f"{what} should return the {name} loss as a number, but returned a "
                 f"{type_name(got)}.")
        if not abs(value - want) <= 1e-4 * (1 + abs(want)):
            fail(f"{what} returned {name} loss {value:.6g} ({where}), but the {name} loss before "
                 f"the update is {want:.6g}; return both losses as computed at the start of the "
                 "step.")


@student_facing
def check_debiased_step(debiased_step):
    """Visible: one demographic-parity step with plain SGD on a batch of Adult."""
    _step_case(debiased_step, "adult", "dp", 0.3, True, seed=0, steps=1,
               label="demographic parity on Adult, alpha=0.3")


@student_facing
def check_debiased_step_hidden(debiased_step):
    """Hidden: several steps, both modes, COMPAS for equalized odds, both project settings,
    and stale gradients left in .grad by an earlier step."""
    cases = [("adult", "dp", 1.0, True, "demographic parity on Adult"),
             ("adult", "dp", 0.2, False, "demographic parity on Adult without projection"),
             ("compas", "eo", 0.3, True, "equalized odds on COMPAS"),
             ("compas", "eo", 0.0, True, "equalized odds on COMPAS with alpha=0")]
    for i, (dataset, mode, alpha, project, label) in enumerate(cases, start=1):
        _step_case(debiased_step, dataset, mode, alpha, project, core.grading_seed + i, steps=3,
                   label=f"{label}, alpha={alpha}", stale_grads=i % 2 == 1)


# check_plain_training compares weights after up to 40 Adam steps. Adam moves each weight by
# about lr (3e-3) per step, whatever the gradient's scale, so differences are measured in units
# of one step. Taking the same gradients another way (torch.func.grad, .backward(), float32
# sums in another order) changes the weights by at most 6e-8 = 2e-5 steps after 40 steps
# (measured); a leak of grad L_A into the predictor moves them by 6e-3 = 2 steps after the first
# step. Updating the adversary by hand with SGD instead of its Adam optimiser moves it by about
# one step. The tolerance, 1% of a step, sits 500x above rounding and 100x below those.
PLAIN_STEPS = 40
PLAIN_BATCH = 256
PLAIN_TOLERANCE = 0.01 * LR


def _largest_gap(state: dict, oracle: nn.Module):
    """(name, largest |difference|) between returned parameters and a module's."""
    gaps = [(name, (state[name] - w.detach().double()).abs().max().item())
            for name, w in oracle.named_parameters()]
    return max(gaps, key=lambda item: item[1])


@student_facing
def check_plain_training(debiased_step):
    """Hidden: with alpha=0 and no projection, 40 Adam steps train the predictor like plain
    training and the adversary like Adam on its own loss, up to float rounding."""
    data = adult()
    what = "`debiased_step(..., alpha=0.0, project=False)`"
    for mode, seed in (("dp", 3), ("eo", 4)):
        seed += core.grading_seed
        records = _run_steps(debiased_step, "adult", mode, 0.0, False, "adam", LR, HIDDEN, seed,
                             PLAIN_BATCH, PLAIN_STEPS, what)
        plain, oracle = _models(data.n_features, mode, HIDDEN, seed)
        opt = torch.optim.Adam(plain.parameters(), lr=LR)
        oracle_opt = torch.optim.Adam(oracle.parameters(), lr=LR)
        indices = batches(len(data.x_train), PLAIN_BATCH, PLAIN_STEPS, seed)
        for step, (idx, (_, pred_state, adv_state)) in enumerate(zip(indices, records), start=1):
            x, y, s = data.x_train[idx], data.y_train[idx], data.s_train[idx]
            logits = plain(x)
            oracle_loss = _bce(oracle(logits.detach(), y), s)
            oracle_opt.zero_grad(set_to_none=True)
            oracle_loss.backward()
            oracle_opt.step()
            loss = _bce(logits, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            after = f"after step {step} of {what} with Adam (mode {mode!r}), the"
            pred_state = as_tensor_dict(pred_state, _parameters(plain),
                                        f"{after} predictor's parameters")
            adv_state = as_tensor_dict(adv_state, _parameters(oracle),
                                       f"{after} adversary's parameters")
            name, gap = _largest_gap(pred_state, plain)
            if gap > PLAIN_TOLERANCE:
                fail(f"with alpha=0 and project=False, {what} should train the predictor like "
                     f"plain training (Adam on its own loss), but after step {step} (mode "
                     f"{mode!r}) {name!r} differs from it by {gap:.3g}, {gap / LR:.2g} times an "
                     f"Adam step of lr = {LR:g} (rounding alone stays below 1% of a step); with "
                     "alpha=0 and no projection the predictor's gradient is grad L_P alone.")
            name, gap = _largest_gap(adv_state, oracle)
            if gap > PLAIN_TOLERANCE:
                fail(f"with Adam (alpha=0, project=False), after step {step} (mode {mode!r}) the "
                     f"adversary's {name!r} differs by {gap:.3g}, {gap / LR:.2g} times an Adam "
                     "step, from what `adv_opt` gives when it descends the adversary's own loss; "
                     "set each adversary parameter's .grad and call adv_opt.step(), rather than "
                     "updating the parameters by hand.")


# ----------------------------------------------------------------------------
# The statistical check
# ----------------------------------------------------------------------------
def train_for_fairness(debiased_step, seed: int, alpha: float):
    """Driver: the predictor's parameters after the lab's training on Adult (mode 'dp') with
    the student's step."""
    predictor, _, _ = train_debiased(adult(), debiased_step, alpha, "dp", seed=seed)
    return _parameters(predictor)


def fairness_versus_plain(debiased_step, seed: int, alpha: float = FAIR_ALPHA) -> tuple[dict, dict]:
    """(plain report, debiased report) on Adult's test set for one seed, mode 'dp'; both
    predictors are evaluated here, the debiased one from the weights its training returned."""
    data = adult()
    what = "training on Adult with your `debiased_step`"
    state = call(debiased_step, seed, alpha, driver=train_for_fairness, what=what, seconds=60)
    predictor = make_predictor(data.n_features)
    _load(predictor, as_tensor_dict(state, _parameters(predictor),
                                    f"after {what}, the predictor's parameters"))
    return plain_evaluation(seed), evaluate(predictor, data)


@remembered  # the same for every student: trained once per grading process
def plain_evaluation(seed: int) -> dict:
    """``evaluate`` of ``train_plain`` on Adult for one seed."""
    return evaluate(train_plain(adult(), seed=seed), adult())


@student_facing
def check_fairness(debiased_step):
    """Hidden, statistical: over six seeds alpha=0.1 cuts Adult's DP gap at a small cost."""
    runs = [fairness_versus_plain(debiased_step, seed) for seed in FAIR_SEEDS]
    n = len(runs)
    plain_dp = [p["dp_difference"] for p, _ in runs]
    deb_dp = [d["dp_difference"] for _, d in runs]
    drop = sum(plain_dp) / n - sum(deb_dp) / n
    cost = sum(p["accuracy"] - d["accuracy"] for p, d in runs) / n
    if drop < FAIR_MIN_DROP:
        fail(f"over seeds {list(FAIR_SEEDS)} on Adult with alpha={FAIR_ALPHA}, the demographic-"
             f"parity gap went from {[round(v, 3) for v in plain_dp]} (plain) to "
             f"{[round(v, 3) for v in deb_dp]} (debiased), a mean drop of {drop:.3f}; it should "
             f"drop by at least {FAIR_MIN_DROP} (the reference drops it by about 0.12).")
    if cost > FAIR_MAX_COST:
        fail(f"over seeds {list(FAIR_SEEDS)} on Adult with alpha={FAIR_ALPHA}, debiasing cost "
             f"{cost:.3f} of test accuracy on average; it should cost at most {FAIR_MAX_COST} "
             "(the reference loses about 0.012).")
