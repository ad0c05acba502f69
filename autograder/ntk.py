"""Checks for the neural tangent kernel lab (``solutions/ntk``).

The checks test what the theory guarantees, not one implementation's numbers:

* ``empirical_ntk(model, X1, X2)``: equal, to 1e-10 relative in float64, to the kernel this
  module computes with an explicit loop of ``torch.autograd.grad`` over the points (every
  parameter, biases included; for a model with k outputs, the sum over outputs of
  J_o(x) J_o(x')^T). The models vary what a solution might hard-code: an NTK-parameterised ReLU
  MLP, an ``nn.Sequential`` of ``nn.Linear`` with Tanh and ReLU, a custom module whose layers have
  other names and no biases, 1 to 3 outputs, depth 1 to 3, input dimension 2 to 6, X1 and X2 of
  different sizes, one point. K(X, X) must be symmetric and positive semi-definite, and the
  model must be left as it was;
* over 16 seeds, the mean empirical NTK of a width-4096 one-hidden-layer network lies within a
  band of the analytic NTK: at depth 1 the kernel is an average of independent per-neuron terms
  whose mean is exactly the analytic one, so the band is 6 standard deviations of that average
  in every entry (the variances computed here from 200,000 simulated neurons); a correct
  implementation leaves it with probability below 1e-6;
* ``analytic_relu_ntk(X1, X2, depth, sigma_w2, sigma_b2)``: equal to the recursion computed
  here (Arora et al. 2019, Lee et al. 2019; 1e-6 relative, as arccos near 0 loses half the
  digits); on the sphere of radius sqrt(d) with
  sigma_w2 = 2 and no bias, Theta(x, x) = depth + 1 exactly; Theta(x, -x) = 0 at depth 1 and
  1/pi at depth 2 (the angle pi); symmetric and positive semi-definite; hidden cases vary the
  depth (1 to 4), sigma_w2, sigma_b2, the norms of the inputs and the sizes of X1 and X2;
* ``ntk_regression(K_train, K_test, y_train, t, lr)``: at t = None it interpolates the targets
  (K_test = K_train gives y back, 1e-8) and equals K_test K_train^-1 y; at finite t it equals
  K_test K_train^-1 (I - exp(-lr K_train t)) y, the matrix exponential, computed here through the
  eigendecomposition; t = 0 gives 0; targets may have several columns.

Student code runs only through :func:`autograder.core.call`; the driver :func:`run_kernels`
builds each model from its description in the student's kernel, calls the student's function and
returns data. Every verdict is computed here, on models built here from the same description.
Hidden checks add ``core.grading_seed`` to the seeds of their random models and points.
"""
import math

import torch
from torch import nn

from tfdl.ntk import ntk_mlp, sphere_points

from . import core
from .core import as_tensor, call, fail, student_facing

EXACT = 1e-10          # empirical NTK against the per-sample gradient loop (relative, float64)
ANALYTIC = 1e-6        # analytic NTK against the recursion computed here (relative; arccos near 0 loses half the digits)
REGRESSION = 1e-8      # kernel regression (relative to the size of the targets)
BAND_Z = 6.0           # standard deviations of the band of the mean over seeds
BAND_SEEDS = 16
BAND_WIDTH = 4096


# ----------------------------------------------------------------------------
# Models, built from a description (the same on both sides of the process boundary)
# ----------------------------------------------------------------------------
class Custom(nn.Module):
    """A ReLU network whose layers are named ``encoder``, ``blocks.i`` and ``head``."""

    def __init__(self, d, widths, outputs, bias, seed):
        super().__init__()
        torch.manual_seed(seed)
        self.encoder = nn.Linear(d, widths[0], bias=bias, dtype=torch.float64)
        self.blocks = nn.ModuleList(nn.Linear(a, b, bias=bias, dtype=torch.float64)
                                    for a, b in zip(widths[:-1], widths[1:]))
        self.head = nn.Linear(widths[-1], outputs, bias=bias, dtype=torch.float64)

    def forward(self, x):
        h = torch.relu(self.encoder(x))
        for block in self.blocks:
            h = torch.relu(block(h))
        return self.head(h)


def build_model(spec: dict) -> nn.Module:
    """The model a description names (runs on both sides)."""
    kind, d, widths = spec["kind"], spec["d"], list(spec["widths"])
    outputs, bias, seed = spec.get("outputs", 1), spec.get("bias", True), spec["seed"]
    if kind == "ntk":
        return ntk_mlp(d, widths, outputs, spec.get("sigma_w2", 2.0), spec.get("sigma_b2", 0.0),
                       bias, seed)
    if kind == "custom":
        return Custom(d, widths, outputs, bias, seed)
    torch.manual_seed(seed)  # "sequential": torch's own layers and initialisation, Tanh then ReLU
    layers, fan_in = [], d
    for i, width in enumerate(widths):
        layers += [nn.Linear(fan_in, width, bias=bias, dtype=torch.float64),
                   nn.Tanh() if i % 2 == 0 else nn.ReLU()]
        fan_in = width
    layers.append(nn.Linear(fan_in, outputs, bias=bias, dtype=torch.float64))
    return nn.Sequential(*layers)


def describe(spec: dict) -> str:
    depth, outputs = len(spec["widths"]), spec.get("outputs", 1)
    widths = "x".join(str(w) for w in spec["widths"])
    what = {"ntk": "an NTK-parameterised ReLU MLP",
            "custom": "a custom nn.Module with layers named encoder, blocks and head",
            "sequential": "an nn.Sequential of nn.Linear layers with Tanh and ReLU"}[spec["kind"]]
    bias = "with biases" if spec.get("bias", True) else "without biases"
    return (f"{what} ({spec['d']} inputs, hidden widths {widths}, {outputs} "
            f"output{'s' if outputs > 1 else ''}, {bias}, depth {depth})")


def _state(model) -> list:
    return [p.detach().clone() for p in model.parameters()]


def run_kernels(empirical_ntk, cases):
    """Driver: for each case ``(spec, X1, X2)``, what ``empirical_ntk(model, X1, X2)`` returned
    (or the error it raised), and whether it changed the model's parameters or its inputs."""
    out = []
    for spec, x1, x2 in cases:
        model = build_model(spec)
        before = _state(model)
        given1, given2 = x1.clone(), x2.clone()
        try:
            value = empirical_ntk(model, given1, given2)
        except (NotImplementedError, core.TimeUp):
            raise
        except Exception as error:  # reported with its case, in a sentence
            out.append({"raised": [type(error).__name__, str(error)[:500]]})
            continue
        after = _state(model)
        changed = len(after) != len(before) or any(
            a.shape != b.shape or not torch.equal(a, b) for a, b in zip(after, before)) or \
            not torch.equal(given1, x1) or not torch.equal(given2, x2)
        if isinstance(value, torch.Tensor):
            value = value.detach()
        out.append({"K": value, "changed": bool(changed)})
    return out


# ----------------------------------------------------------------------------
# What the checks compare with (computed here)
# ----------------------------------------------------------------------------
def loop_ntk(model: nn.Module, X1: torch.Tensor, X2: torch.Tensor) -> torch.Tensor:
    """The empirical NTK by an explicit loop: one ``autograd.grad`` per point and output."""
    params = [p for p in model.parameters() if p.requires_grad]

    def grads(X):
        rows = []
        for x in X:
            out = model(x.unsqueeze(0)).reshape(-1)
            rows.append(torch.stack([
                torch.cat([g.reshape(-1) for g in torch.autograd.grad(out[o], params,
                                                                      retain_graph=True)])
                for o in range(out.numel())]))
        return torch.stack(rows)  # (n, outputs, parameters)

    J1, J2 = grads(X1), grads(X2)
    return torch.einsum("iop,jop->ij", J1, J2).detach()


def analytic(X1, X2, depth: int, sigma_w2: float = 2.0, sigma_b2: float = 0.0):
    """The NTK of a ReLU MLP of ``depth`` hidden layers in the NTK parameterisation, readout
    weight variance 1 (the recursion of neural-tangents' Dense and Relu layers)."""
    X1, X2 = X1.to(torch.float64), X2.to(torch.float64)
    d = X1.shape[1]
    nngp = X1 @ X2.T / d
    q1 = (X1 * X1).sum(1) / d
    q2 = (X2 * X2).sum(1) / d
    ntk = None
    for layer in range(depth + 1):
        w2 = sigma_w2 if layer < depth else 1.0
        nngp = w2 * nngp + sigma_b2
        q1, q2 = w2 * q1 + sigma_b2, w2 * q2 + sigma_b2
        ntk = nngp.clone() if ntk is None else nngp + w2 * ntk
        if layer == depth:
            return ntk
        norms = torch.sqrt(q1[:, None] * q2[None, :])
        cos = torch.where(norms > 0, nngp / norms.clamp_min(1e-300), torch.zeros_like(nngp))
        theta = torch.arccos(cos.clamp(-1.0, 1.0))
        nngp = norms * (torch.sin(theta) + (math.pi - theta) * torch.cos(theta)) / (2 * math.pi)
        ntk = ntk * (math.pi - theta) / (2 * math.pi)
        q1, q2 = q1 / 2, q2 / 2


def regression(K_train, K_test, y, t=None, lr=1.0):
    """K_test K_train^-1 (I - exp(-lr K_train t)) y, through the eigendecomposition."""
    if t is None:
        return K_test @ torch.linalg.solve(K_train, y)
    values, vectors = torch.linalg.eigh(K_train)
    factor = (1 - torch.exp(-lr * values * t)) / values
    inverse = vectors @ torch.diag(factor) @ vectors.T
    return K_test @ (inverse @ y)


# ----------------------------------------------------------------------------
# empirical_ntk
# ----------------------------------------------------------------------------
def _raised_sentence(what: str, raised) -> None:
    name, message = (list(raised) + ["", ""])[:2]
    core.outcome_value({"status": "raised", "type": name, "message": message}, what, 0)


def _kernels(empirical_ntk, cases, what, seconds=60):
    entries = call(empirical_ntk, [(spec, x1, x2) for spec, x1, x2, _ in cases],
                   driver=run_kernels, what=what, seconds=seconds)
    if not isinstance(entries, list) or len(entries) != len(cases) or \
            not all(isinstance(e, dict) and ("K" in e or "raised" in e) for e in entries):
        fail(f"{what} could not be run: no result came back.")
    out = []
    for (spec, x1, x2, label), entry in zip(cases, entries):
        call_what = f"`empirical_ntk(model, X1, X2)` on {describe(spec)} with {label}"
        if "raised" in entry:
            _raised_sentence(call_what, entry["raised"])
        shape = (len(x1), len(x2))
        value = entry["K"]
        if isinstance(value, torch.Tensor) and value.dtype != torch.float64:
            fail(f"{call_what} returned a {str(value.dtype).replace('torch.', '')} tensor; the "
                 "model and the inputs are float64, and the kernel must stay float64 (do not "
                 "convert to float32).")
        K = as_tensor(value, f"the kernel returned by {call_what}", shape)
        if entry.get("changed") is True:
            fail(f"{call_what} changed the model's parameters or its inputs; compute the kernel "
                 "without modifying them (functional_call with detached copies of the "
                 "parameters does this).")
        out.append((spec, x1, x2, call_what, K))
    return out


def _compare_exact(spec, x1, x2, what, K):
    expected = loop_ntk(build_model(spec), x1, x2)
    scale = float(expected.abs().max()) + 1e-300
    gap = float((K - expected).abs().max())
    if gap > EXACT * scale:
        i, j = divmod(int((K - expected).abs().argmax()), K.shape[1])
        hint = ""
        ratio = float(K[i, j] / expected[i, j]) if float(expected[i, j]) != 0 else float("nan")
        if spec.get("outputs", 1) > 1:
            hint = (" This model has several outputs: the kernel is the sum over outputs o of "
                    "J_o(x) J_o(x')^T, not the kernel of the sum of the outputs.")
        elif spec.get("bias", True):
            hint = (" Take the gradient of the model's output (not of a loss) with respect to "
                    "every parameter, biases included.")
        fail(f"{what}: entry [{i}, {j}] is {float(K[i, j]):.10g} but the sum over all "
             f"parameters of df(x_i)/dp * df(x'_j)/dp is {float(expected[i, j]):.10g} "
             f"(ratio {ratio:.4g}); the empirical NTK must equal it to {EXACT:g} relative."
             + hint)


def _check_psd(what, K):
    if float((K - K.T).abs().max()) > EXACT * (float(K.abs().max()) + 1e-300):
        fail(f"{what}: K(X, X) is not symmetric; the NTK of a set of points with itself is a "
             "Gram matrix of gradients, symmetric by definition.")
    smallest = float(torch.linalg.eigvalsh((K + K.T) / 2).min())
    if smallest < -1e-9 * float(K.abs().max()):
        fail(f"{what}: K(X, X) has the negative eigenvalue {smallest:.3g}; a Gram matrix of "
             "gradients is positive semi-definite.")


def _points(seed, n, d):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, d, generator=g, dtype=torch.float64)


@student_facing
def check_empirical_ntk(empirical_ntk):
    """Visible: an NTK-parameterised ReLU MLP (3 inputs, width 16, biases) on 4 and 3 points,
    and the kernel of 4 points with themselves."""
    spec = {"kind": "ntk", "d": 3, "widths": [16], "bias": True, "seed": 0, "sigma_b2": 0.1}
    X1, X2 = _points(1, 4, 3), _points(2, 3, 3)
    cases = [(spec, X1, X2, "X1 of 4 points and X2 of 3 points"),
             (spec, X1, X1, "X1 = X2 (4 points)")]
    results = _kernels(empirical_ntk, cases, "`empirical_ntk` on the visible examples")
    for case in results:
        _compare_exact(*case)
    _check_psd(results[1][3], results[1][4])


def _hidden_cases(seed):
    g = torch.Generator().manual_seed(seed)
    draw = lambda *bounds: int(torch.randint(*bounds, (1,), generator=g))  # noqa: E731
    d1, d2, d3 = draw(2, 7), draw(2, 7), draw(2, 7)
    seq = {"kind": "sequential", "d": d1, "widths": [draw(5, 13), draw(5, 13)], "bias": True,
           "outputs": 1, "seed": seed + 1}
    custom = {"kind": "custom", "d": d2, "widths": [draw(6, 11), draw(6, 11)], "bias": False,
              "outputs": 3, "seed": seed + 2}
    deep = {"kind": "ntk", "d": d3, "widths": [draw(8, 17)] * 3, "bias": True, "outputs": 2,
            "sigma_w2": 1.5, "sigma_b2": 0.3, "seed": seed + 3}
    nobias = {"kind": "ntk", "d": d1, "widths": [draw(10, 33)], "bias": False, "outputs": 1,
              "seed": seed + 4}
    n1, n2 = draw(3, 7), draw(2, 6)
    return [
        (seq, _points(seed + 5, n1, d1), _points(seed + 6, n2, d1),
         f"X1 of {n1} points and X2 of {n2} points"),
        (custom, _points(seed + 7, n2, d2), _points(seed + 8, n1, d2),
         f"X1 of {n2} points and X2 of {n1} points"),
        (deep, _points(seed + 9, 5, d3), _points(seed + 9, 5, d3), "X1 = X2 (5 points)"),
        (nobias, _points(seed + 10, 1, d1), _points(seed + 11, 4, d1),
         "X1 of one point and X2 of 4 points"),
        (custom, _points(seed + 12, 4, d2), _points(seed + 12, 4, d2), "X1 = X2 (4 points)"),
    ]


@student_facing
def check_empirical_ntk_hidden(empirical_ntk):
    """Hidden: an nn.Sequential of nn.Linear with Tanh and ReLU, a custom module with other layer
    names, no biases and 3 outputs, a depth-3 NTK MLP with 2 outputs, X1 != X2 in size, one
    point, and symmetry and PSD of K(X, X)."""
    cases = _hidden_cases(core.grading_seed + 100)
    results = _kernels(empirical_ntk, cases, "`empirical_ntk` on the hidden examples")
    for case in results:
        _compare_exact(*case)
    for spec, x1, x2, what, K in results:
        if x1 is x2 or torch.equal(x1, x2):
            _check_psd(what, K)


def _neuron_variance(X, sigma_w2, sigma_b2, neurons=200_000, seed=12345):
    """Per-entry variance of one neuron's term of the depth-1 empirical NTK (and its mean)."""
    g = torch.Generator().manual_seed(seed)
    d = X.shape[1]
    w = torch.randn(neurons, d, generator=g, dtype=torch.float64)
    b = torch.randn(neurons, generator=g, dtype=torch.float64)
    v = torch.randn(neurons, generator=g, dtype=torch.float64)
    h = math.sqrt(sigma_w2 / d) * (X @ w.T) + math.sqrt(sigma_b2) * b  # (n, neurons)
    act, on = torch.relu(h), (h > 0).to(torch.float64)
    inner = sigma_w2 * (X @ X.T) / d + sigma_b2
    var = torch.zeros(len(X), len(X), dtype=torch.float64)
    for i in range(len(X)):
        terms = act[i] * act + v ** 2 * on[i] * on * inner[i][:, None]  # (n, neurons)
        var[i] = terms.var(dim=1)
    return var


@student_facing
def check_mean_over_seeds(empirical_ntk):
    """Hidden: the mean over 16 seeds of the empirical NTK of a width-4096 one-hidden-layer
    NTK-parameterised ReLU network lies within 6 standard deviations of the analytic NTK in
    every entry."""
    seed = core.grading_seed + 200
    d, n, sigma_b2 = 4, 5, 0.5
    X = sphere_points(n, d, seed)
    specs = [{"kind": "ntk", "d": d, "widths": [BAND_WIDTH], "bias": True, "sigma_b2": sigma_b2,
              "seed": seed + s} for s in range(BAND_SEEDS)]
    cases = [(spec, X, X, f"X1 = X2 ({n} points on the sphere of radius 2)") for spec in specs]
    results = _kernels(empirical_ntk, cases,
                       f"`empirical_ntk` on {BAND_SEEDS} networks of width {BAND_WIDTH}")
    mean = torch.stack([K for *_, K in results]).mean(0)
    expected = analytic(X, X, 1, 2.0, sigma_b2)
    sd = torch.sqrt(_neuron_variance(X, 2.0, sigma_b2) / (BAND_WIDTH * BAND_SEEDS))
    z = (mean - expected).abs() / sd
    if float(z.max()) > BAND_Z:
        i, j = divmod(int(z.argmax()), n)
        fail(f"the mean of `empirical_ntk` over {BAND_SEEDS} one-hidden-layer NTK-parameterised "
             f"ReLU networks of width {BAND_WIDTH} (sigma_w2 = 2, sigma_b2 = {sigma_b2}) is "
             f"{float(mean[i, j]):.4f} at entry [{i}, {j}], but the analytic NTK is "
             f"{float(expected[i, j]):.4f}: {float(z.max()):.1f} standard deviations away, where "
             f"a correct kernel stays within {BAND_Z:g} except with probability below 1e-6 "
             "(at depth 1 the mean over initialisations equals the analytic NTK exactly).")


# ----------------------------------------------------------------------------
# analytic_relu_ntk
# ----------------------------------------------------------------------------
def _analytic_call(analytic_relu_ntk, X1, X2, depth, sigma_w2, sigma_b2, what):
    value = call(analytic_relu_ntk, X1, X2, depth, sigma_w2=sigma_w2, sigma_b2=sigma_b2,
                 what=what, seconds=30)
    if isinstance(value, torch.Tensor) and value.dtype != torch.float64:
        fail(f"{what} returned a {str(value.dtype).replace('torch.', '')} tensor; compute in "
             "float64.")
    return as_tensor(value, f"the kernel returned by {what}", (len(X1), len(X2)))


def _analytic_what(n1, n2, d, depth, sigma_w2, sigma_b2, label):
    return (f"`analytic_relu_ntk(X1, X2, depth={depth}, sigma_w2={sigma_w2:g}, "
            f"sigma_b2={sigma_b2:g})` with {label} ({n1} and {n2} points in {d}-D)")


def _compare_analytic(K, X1, X2, depth, sigma_w2, sigma_b2, what):
    expected = analytic(X1, X2, depth, sigma_w2, sigma_b2)
    gap = (K - expected).abs()
    if float(gap.max()) > ANALYTIC * (float(expected.abs().max()) + 1e-300):
        i, j = divmod(int(gap.argmax()), K.shape[1])
        fail(f"{what}: entry [{i}, {j}] is {float(K[i, j]):.10g} but the NTK recursion gives "
             f"{float(expected[i, j]):.10g}. Start from Sigma = x.x'/d, and at each dense layer "
             "set Sigma <- w2 Sigma + sigma_b2 and Theta <- Sigma + w2 Theta (w2 = sigma_w2 for "
             "hidden layers, 1 for the readout); at each ReLU use the arc-cosine kernel and "
             "multiply Theta by (pi - theta)/(2 pi), with each point's own variance halved.")


@student_facing
def check_analytic_relu_ntk(analytic_relu_ntk):
    """Visible: 5 points on the sphere of radius sqrt(3) (one of them -x_0), depth 1 and 2:
    Theta(x, x) = depth + 1, Theta(x, -x) = 0 and 1/pi, symmetric, PSD, and the recursion."""
    X = sphere_points(4, 3, seed=7)
    X = torch.cat([X, -X[:1]])
    for depth, opposite in ((1, 0.0), (2, 1 / math.pi)):
        what = _analytic_what(5, 5, 3, depth, 2.0, 0.0,
                              "X1 = X2 on the sphere of radius sqrt(3), X[4] = -X[0]")
        K = _analytic_call(analytic_relu_ntk, X, X, depth, 2.0, 0.0, what)
        diag = torch.diagonal(K)
        if float((diag - (depth + 1)).abs().max()) > 1e-6:
            fail(f"{what}: the diagonal is {[round(float(v), 6) for v in diag]}, but on the "
                 f"sphere of radius sqrt(d) with sigma_w2 = 2 every Theta(x, x) is exactly depth "
                 f"+ 1 = {depth + 1} (Sigma(x, x) = x.x/d = 1, and each layer adds 1). Check the "
                 "division by d and the derivative kernel (pi - theta)/(2 pi).")
        if abs(float(K[0, 4]) - opposite) > 1e-6:
            fail(f"{what}: Theta(x, -x) is {float(K[0, 4]):.10g}, but at the angle theta = pi "
                 f"the ReLU kernels vanish and it must be {opposite:.10g}.")
        _check_psd(what, K)
        _compare_analytic(K, X, X, depth, 2.0, 0.0, what)


@student_facing
def check_analytic_relu_ntk_hidden(analytic_relu_ntk):
    """Hidden: depth 1 to 4, X1 != X2 in size and norm, parallel points (theta = 0), opposite
    points (theta = pi), sigma_w2 in {1.5, 2, 3} and sigma_b2 in {0, 0.2}; Theta(x, x) = depth
    + 1 on the sphere at depth 3 and 4."""
    seed = core.grading_seed + 300
    g = torch.Generator().manual_seed(seed)
    for depth in (3, 4):
        d = int(torch.randint(2, 9, (1,), generator=g))
        X = sphere_points(6, d, seed + depth)
        what = _analytic_what(6, 6, d, depth, 2.0, 0.0, f"X1 = X2 on the sphere of radius "
                                                        f"sqrt({d})")
        K = _analytic_call(analytic_relu_ntk, X, X, depth, 2.0, 0.0, what)
        diag = torch.diagonal(K)
        if float((diag - (depth + 1)).abs().max()) > 1e-6:
            fail(f"{what}: the diagonal is {[round(float(v), 6) for v in diag]}, but on the "
                 f"sphere of radius sqrt(d) with sigma_w2 = 2 every Theta(x, x) is exactly "
                 f"depth + 1 = {depth + 1}.")
        _check_psd(what, K)
        _compare_analytic(K, X, X, depth, 2.0, 0.0, what)
    for depth, sigma_w2, sigma_b2 in ((1, 1.5, 0.2), (2, 2.0, 0.2), (3, 3.0, 0.0), (4, 2.0, 0.2)):
        d = int(torch.randint(2, 9, (1,), generator=g))
        n1, n2 = int(torch.randint(3, 7, (1,), generator=g)), int(torch.randint(2, 6, (1,),
                                                                                generator=g))
        scales1 = 0.5 + 2.5 * torch.rand(n1, 1, generator=g, dtype=torch.float64)
        X1 = torch.randn(n1, d, generator=g, dtype=torch.float64) * scales1
        X2 = torch.randn(n2, d, generator=g, dtype=torch.float64)
        X2[0], X2[1] = 2.5 * X1[0], -0.7 * X1[1]  # parallel (theta = 0) and opposite (theta = pi)
        what = _analytic_what(n1, n2, d, depth, sigma_w2, sigma_b2,
                              "X1 != X2 of different norms, X2[0] = 2.5 X1[0], X2[1] = -0.7 X1[1]")
        K = _analytic_call(analytic_relu_ntk, X1, X2, depth, sigma_w2, sigma_b2, what)
        _compare_analytic(K, X1, X2, depth, sigma_w2, sigma_b2, what)


# ----------------------------------------------------------------------------
# ntk_regression
# ----------------------------------------------------------------------------
def _regression_call(ntk_regression, K_train, K_test, y, t, lr, label):
    what = (f"`ntk_regression(K_train, K_test, y_train, t={t!r}, lr={lr:g})` with {label} "
            f"({K_train.shape[0]} training and {K_test.shape[0]} test points"
            f"{', ' + str(y.shape[1]) + ' target columns' if y.dim() == 2 else ''})")
    value = call(ntk_regression, K_train, K_test, y, t=t, lr=lr, what=what, seconds=30)
    shape = (K_test.shape[0],) + tuple(y.shape[1:])
    return what, as_tensor(value, f"the prediction of {what}", shape)


def _close(got, expected, what, why):
    scale = float(expected.abs().max()) + 1.0
    gap = (got - expected).abs()
    if float(gap.max()) > REGRESSION * scale:
        index = int(gap.reshape(-1).argmax())
        fail(f"{what}: prediction {index} (in reading order) is "
             f"{float(got.reshape(-1)[index]):.10g} but {why} it is "
             f"{float(expected.reshape(-1)[index]):.10g}.")


def _regression_data(seed, n, m, d, depth=1, columns=None):
    X = _points(seed, n, d)
    Xt = _points(seed + 1, m, d)
    g = torch.Generator().manual_seed(seed + 2)
    shape = (n,) if columns is None else (n, columns)
    y = torch.randn(*shape, generator=g, dtype=torch.float64)
    return analytic(X, X, depth), analytic(Xt, X, depth), y


@student_facing
def check_ntk_regression(ntk_regression):
    """Visible: t = None on 6 training points: at the training inputs it gives y back, and on 4
    test points it equals K_test K_train^-1 y."""
    K, Kt, y = _regression_data(0, 6, 4, 3)
    what, got = _regression_call(ntk_regression, K, K, y, None, 1.0,
                                 "K_test = K_train (predicting at the training inputs)")
    _close(got, y, what, "kernel regression interpolates its training targets, so")
    what, got = _regression_call(ntk_regression, K, Kt, y, None, 1.0, "the analytic NTK")
    _close(got, regression(K, Kt, y), what, "K_test K_train^-1 y says")


@student_facing
def check_ntk_regression_hidden(ntk_regression):
    """Hidden: two target columns, finite times (the matrix exponential), t = 0, a long time
    that reaches the t = None prediction, other learning rates and sizes."""
    seed = core.grading_seed + 400
    K, Kt, y = _regression_data(seed, 9, 5, 4, depth=2, columns=2)
    what, got = _regression_call(ntk_regression, K, K, y, None, 1.0,
                                 "K_test = K_train, depth-2 NTK")
    _close(got, y, what, "kernel regression interpolates its training targets, so")
    what, got = _regression_call(ntk_regression, K, Kt, y, None, 1.0, "a depth-2 NTK")
    _close(got, regression(K, Kt, y), what, "K_test K_train^-1 y says")
    K, Kt, y = _regression_data(seed + 10, 7, 3, 2)
    what, got = _regression_call(ntk_regression, K, Kt, y, 0.0, 1.0, "a depth-1 NTK")
    _close(got, torch.zeros_like(got), what, "at t = 0 nothing has been learnt yet (f_0 = 0), so")
    for t, lr in ((0.3, 1.0), (2.0, 0.25), (1.5, 0.7)):
        what, got = _regression_call(ntk_regression, K, Kt, y, t, lr, "a depth-1 NTK")
        _close(got, regression(K, Kt, y, t, lr), what,
               "gradient flow gives K_test K_train^-1 (I - exp(-lr K_train t)) y, with the "
               "matrix exponential (not exp of each entry), so")
    what, got = _regression_call(ntk_regression, K, K, y, 1e4, 1.0,
                                 "K_test = K_train after a long time")
    _close(got, regression(K, K, y, 1e4, 1.0), what,
           "after a long time gradient flow has fit the training targets, so")
