"""Checkers answer a bad submission with one plain sentence (fast, no nbgrader)."""
import time

import pytest
import torch
from torch.nn.utils import prune

from tfdl.models import prunable_weights

from autograder import lottery_tickets as checks
from autograder.core import CheckFailed
from sentences import message


def test_wrong_return_type():
    assert "should be a dict" in message(checks.check_magnitude_prune, lambda w, m, f, s: [1, 2])


def test_wrong_shape():
    bad = lambda w, m, f, s: {k: torch.ones(3) for k in w}  # noqa: E731
    assert "should have shape" in message(checks.check_magnitude_prune, bad)


def test_nan_and_non_binary():
    nan = lambda w, m, f, s: {k: torch.full_like(v, float("nan")) for k, v in w.items()}  # noqa: E731
    assert "NaN" in message(checks.check_magnitude_prune, nan)
    half = lambda w, m, f, s: {k: torch.full_like(v, 0.5) for k, v in w.items()}  # noqa: E731
    assert "only 0 and 1" in message(checks.check_magnitude_prune, half)


def test_stub_and_crash():
    def stub(*args):
        raise NotImplementedError

    assert "NotImplementedError" in message(checks.check_enforce_masks, stub)
    assert "ZeroDivisionError" in message(checks.check_enforce_masks, lambda m, k: 1 / 0)
    assert "expected a function" in message(checks.check_imp, 42)


def test_endless_loop_is_stopped(monkeypatch):
    def loop(*args):
        while True:
            pass

    from autograder import core

    start = time.time()
    with pytest.raises(CheckFailed, match="did not finish"):
        core.call(loop, what="`loop`", seconds=1)
    assert time.time() - start < 5


def test_imp_missing_keys():
    bad = lambda model, train_fn, *a: [{"masks": {}} for _ in range(3)]  # noqa: E731
    assert "keys 'masks', 'start' and 'trained'" in message(checks.check_imp, bad)


# -- issue 9: a layer that loses nothing, ties, depth, mask order, torch.nn.utils.prune ----------
def topk_prune(tie_break=None):
    """A correct magnitude_prune; ``tie_break`` reorders the candidates before a stable sort, so
    tied magnitudes go in a chosen order (any order is allowed)."""
    def magnitude_prune(weights, masks, fraction, scope="layer"):
        groups = [[n] for n in weights] if scope == "layer" else [list(weights)]
        new = {n: masks[n].detach().clone().float() for n in weights}
        for names in groups:
            scores = torch.cat([weights[n].detach().abs().flatten().masked_fill(
                masks[n].flatten() == 0, float("inf")) for n in names])
            k = round(fraction * int(sum(masks[n].sum() for n in names)))
            order = tie_break(len(scores)) if tie_break else torch.arange(len(scores))
            chosen = order[torch.sort(scores[order], stable=True).indices[:k]]
            flat = torch.cat([new[n].flatten() for n in names])
            flat[chosen] = 0.0
            for n, chunk in zip(names, flat.split([weights[n].numel() for n in names])):
                new[n] = chunk.view_as(weights[n])
        return new
    return magnitude_prune


def shuffled(n):
    return torch.randperm(n, generator=torch.Generator().manual_seed(5))


@pytest.mark.parametrize("tie_break", [None, lambda n: torch.arange(n).flip(0), shuffled],
                         ids=["first", "last", "random"])
def test_any_choice_among_tied_weights_passes(tie_break):
    checks.check_magnitude_prune(topk_prune(tie_break))
    checks.check_magnitude_prune_hidden(topk_prune(tie_break))


def test_pruning_every_tied_weight_is_named():
    def at_or_below(weights, masks, fraction, scope="layer"):
        groups = [[n] for n in weights] if scope == "layer" else [list(weights)]
        out = {}
        for names in groups:
            live = torch.cat([weights[n].abs()[masks[n].bool()] for n in names])
            k = int(fraction * len(live))
            cut = live.kthvalue(k).values if k else -1.0
            out.update({n: (masks[n].bool() & (weights[n].abs() > cut)).float() for n in names})
        return out

    text = message(checks.check_magnitude_prune, at_or_below)
    assert "should lose 2" in text and "lost 7" in text and "tie at the cut-off" in text


def test_layer_without_a_mask_is_named():
    def skips_quiet_layers(weights, masks, fraction, scope="layer"):
        full = topk_prune()(weights, masks, fraction, scope)
        return {n: m for n, m in full.items() if round(fraction * int(masks[n].sum())) > 0}

    text = message(checks.check_magnitude_prune, skips_quiet_layers)
    assert "no entry for 'fc2.weight'" in text and "a mask for every layer" in text


def hooked(weight, mask):
    with torch.no_grad():
        weight.mul_(mask)
    weight.register_hook(lambda grad: grad * mask)


def test_masks_paired_by_position_are_named():
    def by_position(model, masks):
        for weight, mask in zip(prunable_weights(model).values(), masks.values()):
            hooked(weight, mask)

    text = message(checks.check_enforce_masks, by_position)
    assert "'fc2.weight'" in text and "follow the mask of 'fc3.weight'" in text
    assert "by its weight's name" in text


def test_hard_coded_three_layers_fail_on_other_depths():
    def three_layers(model, masks):
        for name in ("fc1", "fc2", "fc3"):
            hooked(getattr(model, name).weight, masks[f"{name}.weight"])

    assert "'fc4.weight'" in message(checks.check_enforce_masks, three_layers)
    assert "no attribute 'fc3'" in message(checks.check_enforce_masks_hidden, three_layers)


def custom_from_mask(model, masks):
    for name, module in model.named_children():
        if isinstance(module, torch.nn.Linear):
            prune.custom_from_mask(module, "weight", masks[f"{name}.weight"])


def test_enforce_masks_with_torch_prune_passes():
    """The forward pass uses weight_orig * weight_mask: read that, do not crash on the names."""
    checks.check_enforce_masks(custom_from_mask)


def test_imp_states_with_torch_prune_names_are_named():
    def keeps_pruned_names(model, train_fn, rounds, fraction, scope="layer", rewind_step=0):
        masks = {f"{n}.weight": torch.ones_like(m.weight) for n, m in model.named_children()
                 if isinstance(m, torch.nn.Linear)}
        custom_from_mask(model, masks)
        train_fn(model)
        state = {k: v.clone() for k, v in model.state_dict().items()}
        return [{"masks": masks, "start": state, "trained": state}] * (rounds + 1)

    assert "prune.remove" in message(checks.check_imp, keeps_pruned_names, max_chars=450)

    def crashes_on_pruned_model(model, *args):
        custom_from_mask(model, {f"{n}.weight": torch.ones_like(m.weight)
                                 for n, m in model.named_children()
                                 if isinstance(m, torch.nn.Linear)})
        return model.state_dict()["fc1.weight"]  # KeyError: the parameter is now weight_orig

    text = message(checks.check_imp, crashes_on_pruned_model, max_chars=450)
    assert "KeyError" in text and "prune.remove" in text
