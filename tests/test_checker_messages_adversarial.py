"""The adversarial-debiasing checks answer bad return values with one plain sentence, and the
checks' own projected gradient meets the identity they demand (fast, no nbgrader)."""
import functools

import torch

from autograder import adversarial_debiasing as checks
from sentences import message as one_sentence


message = functools.partial(one_sentence, max_chars=450)


def test_adversary_input_messages():
    assert "should return a torch.Tensor" in message(checks.check_adversary_input,
                                                     lambda logits, y, mode, c: [1.0])
    flat = lambda logits, y, mode, c: torch.sigmoid((1 + c.abs()) * logits)  # noqa: E731
    assert "should return shape (5, 1)" in message(checks.check_adversary_input, flat)


def test_projected_gradient_messages():
    assert "should have shape (3,)" in message(checks.check_projected_gradient,
                                               lambda p, a, alpha, project: p.sum())
    nan = lambda p, a, alpha, project: p * float("nan")  # noqa: E731
    assert "NaN" in message(checks.check_projected_gradient, nan)
    inner = lambda p, a, alpha, project: (  # noqa: E731
        p - torch.sum(torch.inner(a / a.norm(), p)) * a / a.norm() - alpha * a if project
        else p - alpha * a)
    assert "torch.inner" in message(checks.check_projected_gradient, inner)


def test_debiased_step_messages():
    def stub(*args):
        raise NotImplementedError

    assert "NotImplementedError" in message(checks.check_debiased_step, stub)
    assert "ZeroDivisionError" in message(checks.check_debiased_step, lambda *a: 1 / 0)
    assert "expected a function" in message(checks.check_debiased_step, 42)
    assert "did not move at all" in message(checks.check_debiased_step, lambda *a: (0.0, 0.0))


def test_reference_update_satisfies_the_identity():
    """The checks' own projected gradient meets the property they demand of students'."""
    g = torch.Generator().manual_seed(0)
    p, a = torch.randn(5, 7, generator=g, dtype=torch.float64), torch.randn(5, 7, generator=g,
                                                                              dtype=torch.float64)
    for alpha in (0.0, 0.1, 2.0):
        out = checks._projected(p, a, alpha, True)
        assert abs(float(((out + alpha * a) * a).sum())) < 1e-12
    assert torch.equal(checks._projected(p, torch.zeros_like(a), 0.3, True), p)
