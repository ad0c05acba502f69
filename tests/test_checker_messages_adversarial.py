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


def test_checks_judge_what_comes_back_against_their_own_inputs():
    """The checks compare returned data with what they compute from their own copies of the
    inputs: changing the inputs in place or returning NaN parameters gets a sentence."""
    def zeroes_logits(logits, y, mode, c):  # right only for the zeroed logits
        with torch.no_grad():
            logits.zero_()
        s = 0.5 + (1 + c.abs()) * logits / 4
        return s.unsqueeze(-1) if mode == "dp" else torch.stack([s, s * y, s * (1 - y)], -1)

    assert "column 0 should be" in message(checks.check_adversary_input, zeroes_logits)

    def subtracts_in_place(p, a, alpha, project):  # the right result, computed inside grad_p
        if project:
            p -= ((p * a).sum() / (a * a).sum()) * a
        p -= alpha * a
        return p.clone()

    assert "changed its inputs in place" in message(checks.check_projected_gradient,
                                                    subtracts_in_place)

    def nan_step(predictor, adversary, *args):
        with torch.no_grad():
            for w in [*predictor.parameters(), *adversary.parameters()]:
                w.fill_(float("nan"))
        return 0.0, 0.0

    assert "NaN" in message(checks.check_debiased_step, nan_step)


def test_reference_update_satisfies_the_identity():
    """The checks' own projected gradient meets the property they demand of students'."""
    g = torch.Generator().manual_seed(0)
    p, a = torch.randn(5, 7, generator=g, dtype=torch.float64), torch.randn(5, 7, generator=g,
                                                                              dtype=torch.float64)
    for alpha in (0.0, 0.1, 2.0):
        out = checks._projected(p, a, alpha, True)
        assert abs(float(((out + alpha * a) * a).sum())) < 1e-12
    assert torch.equal(checks._projected(p, torch.zeros_like(a), 0.3, True), p)


def reference_step(adversary_update=None):
    """The lab's step with the course's projection; ``adversary_update`` replaces
    adv_opt.step()."""
    def debiased_step(predictor, adversary, pred_opt, adv_opt, x, y, s, alpha, project=True):
        pred_params, adv_params = list(predictor.parameters()), list(adversary.parameters())
        logits = predictor(x)
        pred_loss = checks._bce(logits, y)
        adv_loss = checks._bce(adversary(logits, y), s)
        grad_p = torch.autograd.grad(pred_loss, pred_params, retain_graph=True)
        grad_a = torch.autograd.grad(adv_loss, pred_params + adv_params)
        for w, gp, ga in zip(pred_params, grad_p, grad_a):
            w.grad = checks._projected(gp, ga, alpha, project)
        pred_opt.step()
        if adversary_update is None:
            for u, gu in zip(adv_params, grad_a[len(pred_params):]):
                u.grad = gu
            adv_opt.step()
        else:
            adversary_update(adv_params, grad_a[len(pred_params):], adv_opt)
        return pred_loss.item(), adv_loss.item()
    return debiased_step


def test_plain_training_allows_float_rounding(monkeypatch):
    """Gradients that differ by float32 rounding (as torch.func.grad's do) pass; bit-for-bit
    equality is not required."""
    exact = torch.autograd.grad

    def rounded(*args, **kwargs):
        grads = exact(*args, **kwargs)
        return tuple(g * (1 + 2 ** -22) for g in grads)  # 2.4e-7 relative, like torch.func.grad

    step = reference_step()

    def wobbly_step(*args):
        with monkeypatch.context() as m:
            m.setattr(torch.autograd, "grad", rounded)
            return step(*args)

    checks.check_plain_training(wobbly_step)


def test_adversary_updated_by_hand_is_named():
    def by_hand(params, grads, opt):
        with torch.no_grad():
            for u, g in zip(params, grads):
                u -= opt.param_groups[0]["lr"] * g

    checks.check_debiased_step(reference_step(by_hand))  # right with plain SGD
    text = message(checks.check_plain_training, reference_step(by_hand))
    assert "adversary's" in text and "adv_opt.step()" in text
