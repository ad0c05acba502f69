"""The NTK checks answer bad return values with one plain sentence, and the helpers they judge
against hold the facts they rely on (fast, no nbgrader)."""
import functools
import math

import pytest
import torch
from torch.func import functional_call, jacrev, vmap

from autograder import ntk as checks
from sentences import message as one_sentence
from tfdl.ntk import ntk_mlp, sphere_points

message = functools.partial(one_sentence, max_chars=700)


def empirical(model, X1, X2):
    params = {k: v.detach() for k, v in model.named_parameters()}

    def f(p, x):
        return functional_call(model, p, (x.unsqueeze(0),)).reshape(-1)

    def jac(X):
        J = vmap(jacrev(f), (None, 0))(params, X)
        return torch.cat([j.flatten(2) for j in J.values()], dim=2)

    return torch.einsum("iop,jop->ij", jac(X1), jac(X2))


def regression(K, Kt, y, t=None, lr=1.0):
    return checks.regression(K, Kt, y, t, lr)


def test_correct_functions_pass():
    checks.check_empirical_ntk(empirical)
    checks.check_empirical_ntk_hidden(empirical)
    checks.check_mean_over_seeds(empirical)
    checks.check_analytic_relu_ntk(checks.analytic)
    checks.check_analytic_relu_ntk_hidden(checks.analytic)
    checks.check_ntk_regression(regression)
    checks.check_ntk_regression_hidden(regression)


def test_analytic_facts():
    for depth in (1, 2, 3, 4):
        X = sphere_points(6, 5, seed=depth)
        K = checks.analytic(X, X, depth)
        assert torch.allclose(torch.diagonal(K), torch.full((6,), depth + 1.0, dtype=K.dtype))
    x = sphere_points(1, 3, seed=0)
    assert abs(float(checks.analytic(x, -x, 1))) < 1e-12
    assert abs(float(checks.analytic(x, -x, 2)) - 1 / math.pi) < 1e-12
    # the oracle loop equals the torch.func recipe on a model with several outputs
    model = checks.build_model({"kind": "custom", "d": 3, "widths": [5, 4], "outputs": 3,
                                "bias": False, "seed": 1})
    X1, X2 = checks._points(0, 4, 3), checks._points(1, 2, 3)
    assert torch.allclose(checks.loop_ntk(model, X1, X2), empirical(model, X1, X2), rtol=1e-12)


def test_empirical_ntk_types_and_shapes():
    assert "torch.Tensor" in message(checks.check_empirical_ntk, lambda m, a, b: 1.5)
    assert "shape (4, 3)" in message(checks.check_empirical_ntk,
                                     lambda m, a, b: empirical(m, a, b).T)
    assert "NaN" in message(checks.check_empirical_ntk,
                            lambda m, a, b: empirical(m, a, b) * float("nan"))
    assert "float32" in message(checks.check_empirical_ntk,
                                lambda m, a, b: empirical(m, a, b).float())
    assert "a list" in message(checks.check_empirical_ntk,
                               lambda m, a, b: empirical(m, a, b).tolist())


def test_empirical_ntk_crashes_and_stubs():
    def stub(model, X1, X2):
        raise NotImplementedError

    assert "NotImplementedError" in message(checks.check_empirical_ntk, stub)
    assert "raised ZeroDivisionError" in message(checks.check_empirical_ntk,
                                                 lambda m, a, b: 1 / 0)
    assert "expected a function" in message(checks.check_empirical_ntk, 42)


def test_empirical_ntk_theory_messages():
    def mutates(model, X1, X2):
        K = empirical(model, X1, X2)
        with torch.no_grad():
            next(model.parameters()).add_(1.0)
        return K

    assert "changed the model" in message(checks.check_empirical_ntk, mutates)
    assert "biases included" in message(checks.check_empirical_ntk,
                                        lambda m, a, b: 2 * empirical(m, a, b))

    def summed_outputs(model, X1, X2):
        params = {k: v.detach() for k, v in model.named_parameters()}
        f = lambda p, x: functional_call(model, p, (x.unsqueeze(0),)).sum()  # noqa: E731
        J1, J2 = (vmap(jacrev(f), (None, 0))(params, X) for X in (X1, X2))
        return sum(J1[k].flatten(1) @ J2[k].flatten(1).T for k in J1)

    assert "several outputs" in message(checks.check_empirical_ntk_hidden, summed_outputs)
    assert "standard deviations" in message(checks.check_mean_over_seeds,
                                            lambda m, a, b: 1.1 * empirical(m, a, b))


def test_analytic_messages():
    assert "exactly depth + 1" in message(checks.check_analytic_relu_ntk,
                                          lambda a, b, depth, **kw: 2 * checks.analytic(
                                              a, b, depth, **kw))
    assert "shape (5, 5)" in message(checks.check_analytic_relu_ntk,
                                     lambda a, b, depth, **kw: torch.zeros(5, 4,
                                                                           dtype=torch.float64))

    def shifted_opposite(X1, X2, depth, sigma_w2=2.0, sigma_b2=0.0):
        K = checks.analytic(X1, X2, depth, sigma_w2, sigma_b2)
        K[0, 4] += 0.01
        K[4, 0] += 0.01
        return K

    assert "theta = pi" in message(checks.check_analytic_relu_ntk, shifted_opposite)

    def nearly(X1, X2, depth, sigma_w2=2.0, sigma_b2=0.0):
        return checks.analytic(X1, X2, depth, sigma_w2, sigma_b2) * (1 + 1e-3 * (sigma_b2 > 0))

    assert "recursion gives" in message(checks.check_analytic_relu_ntk_hidden, nearly)


def test_regression_messages():
    ridge = lambda K, Kt, y, t=None, lr=1.0: Kt @ torch.linalg.solve(  # noqa: E731
        K + 1e-3 * torch.eye(len(K), dtype=K.dtype), y)
    assert "interpolates its training targets" in message(checks.check_ntk_regression, ridge)

    def entrywise(K, Kt, y, t=None, lr=1.0):
        if t is None:
            return regression(K, Kt, y)
        learnt = torch.eye(len(K), dtype=K.dtype) - torch.exp(-lr * t * K)
        return Kt @ torch.linalg.solve(K, learnt @ y)

    assert "t = 0" in message(checks.check_ntk_regression_hidden, entrywise)
    assert "shape (4,)" in message(checks.check_ntk_regression,
                                   lambda K, Kt, y, t=None, lr=1.0: regression(K, Kt, y)[:4]
                                   if len(Kt) == 6 else regression(K, Kt, y)[None])
