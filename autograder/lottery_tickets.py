"""Checks for the lottery-ticket lab (``solutions/lottery_tickets``).

The checks test properties the method guarantees rather than one
implementation's numbers:

* pruning removes ``round(fraction * alive)`` weights (one weight of slack, so
  floor/ceil conventions pass), only among weights still alive, and every kept
  weight is at least as large in magnitude as every pruned one (per layer, or
  over all layers for global pruning); every layer gets a mask, also one that
  loses no weights, and masks are matched to weights by name, not by position;
* ties: when live weights share the magnitude at the cut-off, the count still
  holds and any of the tied weights may go (torch.topk's choice, the first ones,
  random ones). "Prune everything at or below the k-th smallest magnitude" is
  not this rule: with 7 of 8 weights tied it prunes 7 where the count is 2;
* masks only shrink, and pruned weights stay exactly zero through optimiser
  steps (SGD with momentum and weight decay, Adam, AdamW), in networks of 2 to 5
  layers, whatever the order of the masks dict, while the kept weights and biases
  train exactly as masked training does (recomputed here, 1e-5 tolerance). A layer's weight is the one its
  forward pass uses: ``weight`` or, for a layer pruned with
  ``torch.nn.utils.prune``, ``weight_orig * weight_mask``;
* each IMP round starts from the rewind point times the mask, bit for bit, and
  its trained weights are what masked training from that start produces; states
  use the plain names of an unpruned model ('fc1.weight'), and a model left
  renamed by ``torch.nn.utils.prune`` gets a sentence on ``prune.remove``; the
  hidden cases use networks of 2 to 4 layers;
* over several seeds the winning ticket (the student's last mask on θ0, trained
  here) beats a random re-initialisation of the same mask at high sparsity.

Student code runs only through :func:`autograder.core.call`; the drivers below
(``prune_and_inputs``, ``mask_and_train``, ``run_imp``) run beside it and return
data, which every check verifies against what it recomputes itself.
"""
import functools

import torch
from torch.nn.utils import prune

from tfdl.data import digits
from tfdl.models import mlp, snapshot
from tfdl.train import accuracy, train

from . import core
from .memo import remembered
from .wire import type_name
from .core import CheckFailed, as_mask_dict, as_tensor_dict, call, fail, student_facing

SCOPES = ("layer", "global")

# Small, fast settings for the property checks; the statistical check uses a
# wider net, as the lab's experiment does.
PROPERTY_SIZES = [64, 32, 16, 10]
PROPERTY_STEPS = 40
TICKET_SIZES = [64, 100, 50, 10]
TICKET_STEPS = 300
TICKET_FRACTION = 0.5
TICKET_ROUNDS = 4          # density 0.5**4 = 1/16
TICKET_SEEDS = (0, 1, 2)
TICKET_MIN_GAP = 0.10      # mean accuracy gap; the reference shows about 0.3


# ----------------------------------------------------------------------------
# magnitude_prune
# ----------------------------------------------------------------------------
def _random_layers(seed: int, shapes, scales) -> dict[str, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return {
        f"fc{i}.weight": torch.randn(*shape, generator=g) * scale
        for i, (shape, scale) in enumerate(zip(shapes, scales), start=1)
    }


def _random_masks(seed: int, weights, density: float) -> dict[str, torch.Tensor]:
    g = torch.Generator().manual_seed(seed + 1000)
    return {k: (torch.rand(w.shape, generator=g) < density).float() for k, w in weights.items()}


def prune_and_inputs(magnitude_prune, weights, masks, fraction, scope):
    """Driver: the new masks, and the inputs as they are after the call."""
    return magnitude_prune(weights, masks, fraction, scope), weights, masks


def _prune_case(magnitude_prune, weights, masks, fraction, scope, label):
    """Run the student's pruning once and check every guaranteed property."""
    result, weights_after, masks_after = call(
        magnitude_prune, weights, masks, fraction, scope, driver=prune_and_inputs,
        what=f"`magnitude_prune(..., fraction={fraction}, scope={scope!r})`", seconds=20)
    if isinstance(result, dict) and scope == "layer":
        for k in weights:
            alive = int(masks[k].sum())
            if k not in result and round(fraction * alive) == 0:
                fail(f"the masks returned {label} have no entry for {k!r}, a layer that loses no "
                     f"weights here (round({fraction} x {alive} live weights) = 0); return a mask "
                     "for every layer, unchanged where nothing is pruned.")
    new = as_mask_dict(result, weights, f"the masks returned {label}")
    for k in weights:
        if not _same(weights_after, k, weights[k]) or not _same(masks_after, k, masks[k]):
            fail(f"`magnitude_prune` changed its input {k!r} in place {label}; "
                 "return new masks and leave the inputs untouched.")
    old = {k: v.double() for k, v in masks.items()}
    _check_prune_step({k: w.double() for k, w in weights.items()}, old, new, fraction, scope,
                      label)
    return new


def _same(returned, key, tensor) -> bool:
    """Whether ``returned[key]`` (data back from the student's side) equals ``tensor``."""
    value = returned.get(key) if isinstance(returned, dict) else None
    return isinstance(value, torch.Tensor) and value.shape == tensor.shape and \
        torch.equal(value.to(tensor.dtype), tensor.detach())


def _ones(weights):
    return {k: torch.ones_like(w) for k, w in weights.items()}


@student_facing
def check_magnitude_prune(magnitude_prune):
    """Visible: small hand-made cases: both scopes, partly pruned masks, a layer that loses
    nothing, and magnitudes that tie at the cut-off."""
    weights = {
        "fc1.weight": torch.tensor([[0.5, -3.0, 0.1], [2.0, -0.2, 1.0]]),
        "fc2.weight": torch.tensor([[-0.05, 0.3], [0.4, -4.0]]),
    }
    for scope in SCOPES:
        _prune_case(magnitude_prune, weights, _ones(weights), 0.5, scope,
                    f"on the small example with scope={scope!r}")
    masks = {"fc1.weight": torch.tensor([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]),
             "fc2.weight": torch.tensor([[0.0, 1.0], [1.0, 1.0]])}
    _prune_case(magnitude_prune, weights, masks, 0.5, "layer",
                "on the small example whose masks already prune two weights")
    masks = {"fc1.weight": torch.ones(2, 3), "fc2.weight": torch.tensor([[0.0, 1.0], [0.0, 1.0]])}
    _prune_case(magnitude_prune, weights, masks, 0.2, "layer",
                "with fraction 0.2 on the small example whose 'fc2.weight' has two live weights")
    weights = _random_layers(0, [(4, 5)], scales=(1.0,))
    half = {k: (torch.arange(w.numel()).view_as(w) % 2).float() for k, w in weights.items()}
    _prune_case(magnitude_prune, weights, half, 0.5, "layer",
                "on a 4x5 layer whose mask already prunes every other weight")
    tied = {"fc1.weight": torch.tensor([[0.5, -0.5, 0.5, 2.0], [-0.5, 0.5, -0.5, 0.5]])}
    _prune_case(magnitude_prune, tied, _ones(tied), 0.25, "layer",
                "on a layer of 8 weights, 7 of which have |w| = 0.5")


def _quantised_layers(seed, shapes, step):
    """Random layers rounded to odd multiples of ``step / 2`` (never 0): many magnitudes tie."""
    layers = _random_layers(seed, shapes, [1.0] * len(shapes))
    return {k: (torch.floor(w / step) + 0.5) * step for k, w in layers.items()}


@student_facing
def check_magnitude_prune_hidden(magnitude_prune):
    """Hidden: random layers of very different scales, fresh and partly pruned masks, ties,
    layers that lose nothing, and masks listed in another order than the weights."""
    shapes = [(30, 64), (20, 30), (10, 20)]
    base = core.grading_seed
    for seed in range(base, base + 3):
        weights = _random_layers(seed, shapes, scales=(0.1, 1.0, 10.0))
        for density in (1.0, 0.6):
            masks = _random_masks(seed, weights, density) if density < 1 else _ones(weights)
            for fraction in (0.2, 0.5):
                for scope in SCOPES:
                    _prune_case(magnitude_prune, weights, masks, fraction, scope,
                                f"on random layers (seed {seed}, starting density {density}, "
                                f"fraction {fraction}, scope={scope!r})")
    params = {k: torch.nn.Parameter(w) for k, w in _random_layers(base + 7, shapes, (1, 1, 1)).items()}
    _prune_case(magnitude_prune, params, _ones(params), 0.2, "layer",
                "when the weights are nn.Parameters that require grad")
    # Ties: weights in {±0.25, ±0.75, ...}; about 38% of each layer has |w| = 0.25.
    weights = _quantised_layers(base + 8, shapes, 0.5)
    partly = _random_masks(base + 8, weights, 0.7)
    for masks, start in ((_ones(weights), "fresh"), (partly, "partly pruned")):
        for scope in SCOPES:
            _prune_case(magnitude_prune, weights, masks, 0.3, scope,
                        f"on {start} layers whose weights are ±0.25, ±0.75, ..., so many "
                        f"magnitudes tie at the cut-off (scope={scope!r})")
    # A layer with 2 live weights loses none at fraction 0.2 (round(0.4) = 0).
    weights = _random_layers(base + 9, [(6, 8), (4, 6), (2, 4)], scales=(1.0, 1.0, 1.0))
    masks = _ones(weights)
    masks["fc3.weight"] = torch.tensor([[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]])
    _prune_case(magnitude_prune, weights, masks, 0.2, "layer",
                "with fraction 0.2 on layers whose 'fc3.weight' has two live weights")
    # Masks listed in another order than the weights, with two layers of the same shape.
    weights = _random_layers(base + 10, [(16, 16), (16, 16), (10, 16)], scales=(1.0, 1.0, 1.0))
    masks = _random_masks(base + 10, weights, 0.5)
    masks = {k: masks[k] for k in ("fc2.weight", "fc1.weight", "fc3.weight")}
    for scope in SCOPES:
        _prune_case(magnitude_prune, weights, masks, 0.5, scope,
                    "when the masks dict lists the layers in another order than the weights "
                    "dict, and 'fc1.weight' and 'fc2.weight' have the same shape "
                    f"(scope={scope!r})")


# ----------------------------------------------------------------------------
# enforce_masks
# ----------------------------------------------------------------------------
def layer_state(model) -> dict[str, torch.Tensor]:
    """The weight and bias each linear layer uses in its forward pass, under plain names.

    For a layer pruned with ``torch.nn.utils.prune`` the weight is ``weight_orig * weight_mask``
    (the ``weight`` attribute is only refreshed by the next forward pass); otherwise it is
    ``weight``, which covers gradient hooks, in-place masking and parametrizations alike.
    """
    state = {}
    for name, module in model.named_modules():
        if isinstance(module, torch.nn.Linear):
            if hasattr(module, "weight_orig") and hasattr(module, "weight_mask"):
                weight = module.weight_orig * module.weight_mask
            else:
                weight = module.weight
            state[f"{name}.weight"] = weight.detach().clone()
            state[f"{name}.bias"] = module.bias.detach().clone()
    return state


def _training_setup(optimizer: str, seed: int) -> dict:
    return dict(steps=30, lr=0.05 if optimizer == "sgd" else 1e-2, seed=seed,
                optimizer=optimizer, weight_decay=1e-3)


def mask_and_train(enforce_masks, sizes, seed, masks, optimizer):
    """Driver: mask a fresh ``mlp(sizes)`` with the student's ``enforce_masks``, train it 30
    steps; the layers' states right after masking and after training."""
    model = mlp(sizes, seed=seed)
    enforce_masks(model, masks)
    masked = layer_state(model)
    data = digits()
    train(model, data.x_train, data.y_train, **_training_setup(optimizer, seed))
    return masked, layer_state(model)


def _masked_training_case(enforce_masks, optimizer: str, seed: int, sizes, order=None):
    """Mask a fresh ``mlp(sizes)``, train it 30 steps, check pruned weights stay at zero and
    the kept ones train exactly as masked training does.

    ``order`` lists the weight names in the order the masks dict is handed over."""
    before = layer_state(mlp(sizes, seed=seed))
    names = [k for k in before if k.endswith(".weight")]
    masks = _random_masks(seed, {k: before[k] for k in names}, 0.3)
    masks = {k: masks[k] for k in (order or names)}
    states = call(enforce_masks, sizes, seed, masks, optimizer, driver=mask_and_train,
                  what="`enforce_masks(model, masks)`", seconds=20)
    net = f"a {len(names)}-layer network {sizes}"
    label = f"with optimizer {optimizer!r} on {net}"
    masked = as_tensor_dict(states[0] if isinstance(states, tuple) else None, before,
                            "the model's weights and biases right after `enforce_masks`")
    after = as_tensor_dict(states[1], before, "the model's weights and biases after training")
    _check_pruned_zero(masked, masks, f"right after `enforce_masks` on {net}")
    _check_pruned_zero(after, masks, f"after 30 training steps {label}")
    for k, m in masks.items():
        if torch.equal(after[k][m == 1], before[k][m == 1].double()):
            fail(f"after 30 training steps {label}, the kept weights of {k!r} did not change; "
                 "only pruned weights should be frozen at zero.")
        bias = k.replace("weight", "bias")
        if torch.equal(after[bias], before[bias].double()):
            fail(f"the biases of {bias!r} did not train {label}; masks apply to weight "
                 "matrices only.")
    data = digits()
    expected = masked_train_oracle(snapshot(mlp(sizes, seed=seed)), masks, sizes, functools.partial(
        train, x=data.x_train, y=data.y_train, **_training_setup(optimizer, seed)))
    k, gap = _largest_gap(after, expected)
    if gap > 1e-5:
        fail(f"after 30 training steps {label}, {k!r} is not what training with the pruned "
             f"weights held at zero gives (it differs by up to {gap:.3g}); the kept weights "
             "and biases should train exactly as in the unpruned network's optimiser steps.")


def _largest_gap(state: dict, expected: dict) -> tuple[str, float]:
    """The entry of ``state`` farthest from ``expected``, and by how much."""
    gaps = {k: (v - expected[k].double()).abs().max().item() for k, v in state.items()}
    k = max(gaps, key=gaps.get)
    return k, gaps[k]


def _check_pruned_zero(state, masks, when: str):
    weights = {k: v for k, v in state.items() if k.endswith(".weight")}
    for k, w in weights.items():
        leaked = w[masks[k] == 0]
        if bool((leaked != 0).any()):
            advice = ("pruned weights must be zeroed and stay zero through every optimiser "
                      "step")
            if list(masks) != list(weights):
                others = [j for j in masks if j != k and masks[j].shape == masks[k].shape
                          and bool((w[masks[j] == 0] == 0).all())]
                if others:
                    advice = (f"they follow the mask of {others[0]!r} instead, because the masks "
                              "dict lists the layers in another order than the model: look each "
                              "mask up by its weight's name, not by position")
            fail(f"{when}, {int((leaked != 0).sum())} pruned weights of {k!r} are not exactly "
                 f"zero (largest |w| = {leaked.abs().max().item():.3g}); {advice}.")


@student_facing
def check_enforce_masks(enforce_masks):
    """Visible: Adam keeps pruned weights at exactly zero in a 4-layer network."""
    _masked_training_case(enforce_masks, "adam", 0, [64, 32, 32, 32, 10],
                          order=["fc1.weight", "fc3.weight", "fc2.weight", "fc4.weight"])


@student_facing
def check_enforce_masks_hidden(enforce_masks):
    """Hidden: SGD with momentum and weight decay, AdamW, Adam; 2, 3 and 5 layers; masks
    listed in another order than the layers, two of which have the same shape."""
    base = core.grading_seed
    _masked_training_case(enforce_masks, "sgd", base + 1, [64, 32, 10])
    _masked_training_case(enforce_masks, "adamw", base + 2, [64, 24, 24, 24, 16, 10],
                          order=["fc1.weight", "fc3.weight", "fc2.weight", "fc4.weight",
                                 "fc5.weight"])
    _masked_training_case(enforce_masks, "adam", base + 3, PROPERTY_SIZES)


# ----------------------------------------------------------------------------
# iterative_magnitude_pruning
# ----------------------------------------------------------------------------
def make_train_fn(steps: int, seed: int = 0):
    """The ``train_fn(model, on_step=None)`` handed to the student's IMP loop."""
    data = digits()
    return functools.partial(train, x=data.x_train, y=data.y_train, steps=steps, seed=seed)


@remembered  # most students hand over the same masks: train each start and mask once
def masked_train_oracle(start: dict, masks: dict, sizes, train_fn) -> dict:
    """Train from ``start`` under ``masks`` with torch's own pruning utilities."""
    model = mlp(sizes)
    model.load_state_dict(start)
    for name, module in model.named_children():
        key = f"{name}.weight"
        if key in masks:
            prune.custom_from_mask(module, "weight", masks[key].to(torch.float32))
    train_fn(model)
    for name, module in model.named_children():
        if prune.is_pruned(module):
            prune.remove(module, "weight")
    return snapshot(model)


PRUNE_NAMES = ("torch.nn.utils.prune renames a pruned layer's 'weight' to 'weight_orig' (plus "
               "'weight_mask'), so call prune.remove(module, 'weight') on each pruned layer after "
               "training, before you record or load a state")


def _renamed(model) -> bool:
    return any(hasattr(m, "weight_orig") for m in model.modules())


def run_imp(imp, sizes, seed, steps, rounds, fraction, scope, rewind_step):
    """Driver: the student's IMP on a fresh ``mlp(sizes)``: its history (or the error it
    raised), and whether it left the model renamed by torch.nn.utils.prune."""
    model = mlp(sizes, seed=seed)
    try:
        history = imp(model, make_train_fn(steps, seed), rounds, fraction, scope, rewind_step)
    except (NotImplementedError, core.TimeUp):
        raise
    except Exception as error:
        return {"raised": [type(error).__name__, str(error)], "renamed": _renamed(model)}
    return {"history": history, "renamed": _renamed(model)}


def _call_imp(imp, sizes, seed, steps, rounds, fraction, scope, rewind_step, what, seconds):
    """The student's IMP history; explain torch.nn.utils.prune's renamed parameters if they
    break it."""
    out = call(imp, sizes, seed, steps, rounds, fraction, scope, rewind_step, driver=run_imp,
               what=what, seconds=seconds)
    if not isinstance(out, dict) or not ("history" in out or "raised" in out):
        fail(f"{what} could not be run: no history came back.")
    if "raised" in out:
        name, message = (list(out["raised"]) + ["", ""])[:2]
        try:
            core.outcome_value({"status": "raised", "type": name, "message": message}, what,
                               seconds)
        except CheckFailed as error:
            if out.get("renamed") is True:
                first = str(error).splitlines()[0].rstrip(".:")
                fail(f"{first}, with the model pruned by torch.nn.utils.prune: {PRUNE_NAMES}.")
            raise
    return out["history"]


def _check_state_names(value, what: str):
    if isinstance(value, dict) and any(str(k).endswith(("weight_orig", "weight_mask"))
                                       for k in value):
        fail(f"{what} holds the names 'weight_orig' and 'weight_mask' instead of 'weight': "
             f"{PRUNE_NAMES}.")


def _run_imp(imp, sizes, seed, steps, rounds, fraction, scope, rewind_step):
    theta0 = snapshot(mlp(sizes, seed=seed))
    weight_like = {k: v for k, v in theta0.items() if k.endswith(".weight")}
    train_fn = make_train_fn(steps, seed)
    what = (f"`iterative_magnitude_pruning(model, train_fn, rounds={rounds}, "
            f"fraction={fraction}, scope={scope!r}, rewind_step={rewind_step})` on a "
            f"{len(weight_like)}-layer network")
    history = _call_imp(imp, sizes, seed, steps, rounds, fraction, scope, rewind_step, what,
                        seconds=30)
    if not isinstance(history, (list, tuple)):
        fail(f"{what} should return a list of per-round dicts, but returned "
             f"{type_name(history)}.")
    if len(history) != rounds + 1:
        fail(f"{what} should return {rounds + 1} rounds (the dense round 0 plus one per "
             f"pruning), but returned {len(history)}.")
    clean = []
    for r, entry in enumerate(history):
        if not isinstance(entry, dict) or set(entry) != {"masks", "start", "trained"}:
            got = sorted(map(str, entry)) if isinstance(entry, dict) else type_name(entry)
            fail(f"round {r} should be a dict with keys 'masks', 'start' and 'trained', "
                 f"but it is {got}.")
        for part in ("start", "trained"):
            _check_state_names(entry[part], f"round {r}'s {part!r} state")
        clean.append({
            "masks": as_mask_dict(entry["masks"], weight_like,
                                  f"round {r}'s 'masks' (weights only, no biases)"),
            "start": as_tensor_dict(entry["start"], theta0, f"round {r}'s 'start' state"),
            "trained": as_tensor_dict(entry["trained"], theta0, f"round {r}'s 'trained' state"),
        })
    return theta0, train_fn, clean


@remembered
def _rewind_point(theta0, sizes, train_fn, rewind_step):
    if rewind_step == 0:
        return {k: v.double() for k, v in theta0.items()}
    captured = {}

    def on_step(step, model):
        if step == rewind_step:
            captured.update({k: v.double() for k, v in snapshot(model).items()})

    model = mlp(sizes)
    model.load_state_dict(theta0)
    train_fn(model, on_step=on_step)
    return captured


def _check_history(history, theta0, train_fn, sizes, fraction, scope, rewind_step,
                   recompute: bool):
    rewind = _rewind_point(theta0, sizes, train_fn, rewind_step)
    point = "the original initialisation θ0" if rewind_step == 0 else \
        f"the weights after {rewind_step} steps of the first (dense) training"
    for r, rnd in enumerate(history):
        masks, start, trained = rnd["masks"], rnd["start"], rnd["trained"]
        if r == 0 and any(bool((m != 1).any()) for m in masks.values()):
            fail("round 0 should train the dense network: all its masks should be ones.")
        for k, v in start.items():
            if r == 0:
                expected, where = theta0[k].double(), "the model exactly as you received it (θ0)"
            else:
                expected = rewind[k] * masks[k] if k in masks else rewind[k]
                where = f"{point} (times the mask)"
            if not torch.equal(v, expected.to(v.dtype)):
                fail(f"round {r} should start from {where}, bit for bit, but {k!r} differs by "
                     f"up to {(v - expected).abs().max().item():.3g}."
                     + (" Did you rewind, and to the right point?" if r else ""))
        for k, m in masks.items():
            if bool((trained[k][m == 0] != 0).any()):
                fail(f"after training in round {r}, pruned weights of {k!r} are not zero: "
                     "pruned weights must stay exactly zero while training.")
        if recompute:
            expected = masked_train_oracle({k: v.float() for k, v in start.items()}, masks,
                                           sizes, train_fn)
            k, gap = _largest_gap(trained, expected)
            if gap > 1e-5:
                fail(f"round {r}'s 'trained' weights are not what training from its 'start' "
                     f"with its masks gives ({k!r} differs by {gap:.3g}); train each round "
                     "with `train_fn` and the masks enforced, and record the state after it.")
        if r + 1 < len(history):
            label = f"between round {r} and round {r + 1}"
            weights = {k: trained[k] for k in masks}
            nxt = history[r + 1]["masks"]
            _check_prune_step(weights, masks, nxt, fraction, scope, label)


def _tie_hint(weights, old, new, keys, too_many: bool) -> str:
    """When too many weights went and several live ones tie at the largest pruned magnitude."""
    pruned = torch.cat([weights[k].abs()[(old[k] == 1) & (new[k] == 0)] for k in keys])
    if not too_many or not len(pruned):
        return ""
    cut = pruned.max()
    tied = sum(int(((weights[k].abs() == cut) & (old[k] == 1)).sum()) for k in keys)
    if tied < 2:
        return ""
    return (f"; {tied} live weights tie at the cut-off |w| = {cut.item():.4g}, and only as many "
            "of them as the count needs should go (any of them), not all")


def _check_prune_step(weights, old, new, fraction, scope, label):
    """``new`` must be magnitude pruning of ``weights`` starting from ``old``."""
    for k in old:
        if bool((new[k] > old[k]).any()):
            fail(f"{label}, a pruned weight of {k!r} came back to life (mask 1 where the "
                 "old mask was 0); masks may only shrink.")
    groups = [[k] for k in old] if scope == "layer" else [list(old)]
    for keys in groups:
        where = f"layer {keys[0]!r}" if scope == "layer" else "the pool of all layers"
        alive = sum(int(old[k].sum()) for k in keys)
        removed = alive - sum(int(new[k].sum()) for k in keys)
        expected = round(fraction * alive)
        if abs(removed - expected) > 1:
            fail(f"{label}, {where} had {alive} live weights and should lose {expected} "
                 f"({fraction:.0%} of the live ones), but lost {removed}"
                 + _tie_hint(weights, old, new, keys, removed > expected) + ".")
        pruned = torch.cat([weights[k].abs()[(old[k] == 1) & (new[k] == 0)] for k in keys])
        kept = torch.cat([weights[k].abs()[new[k] == 1] for k in keys])
        if len(pruned) and len(kept) and pruned.max() > kept.min():
            fail(f"{label}, in {where} a weight with |w| = {pruned.max().item():.4f} was pruned "
                 f"while one with |w| = {kept.min().item():.4f} was kept; prune the smallest "
                 "magnitudes |w| (not the most negative values) "
                 + ("over all layers together." if scope == "global" else "within each layer."))


@student_facing
def check_imp(iterative_magnitude_pruning):
    """Visible: two rounds of layerwise IMP with rewinding to θ0 on a small net."""
    theta0, train_fn, history = _run_imp(iterative_magnitude_pruning, PROPERTY_SIZES, seed=0,
                                         steps=PROPERTY_STEPS, rounds=2, fraction=0.2,
                                         scope="layer", rewind_step=0)
    _check_history(history, theta0, train_fn, PROPERTY_SIZES, 0.2, "layer", 0, recompute=True)


@student_facing
def check_imp_hidden(iterative_magnitude_pruning):
    """Hidden: both scopes, late rewinding, 2 to 4 layers, and training recomputed round by
    round."""
    cases = [(1, PROPERTY_SIZES, 3, 0.2, "layer", 0),
             (2, [64, 32, 10], 3, 0.3, "global", 0),
             (3, PROPERTY_SIZES, 3, 0.2, "layer", 7),
             (4, [64, 32, 24, 16, 10], 2, 0.5, "global", 12)]
    for seed, sizes, rounds, fraction, scope, rewind_step in cases:
        seed += core.grading_seed
        theta0, train_fn, history = _run_imp(iterative_magnitude_pruning, sizes, seed,
                                             PROPERTY_STEPS, rounds, fraction, scope, rewind_step)
        _check_history(history, theta0, train_fn, sizes, fraction, scope, rewind_step,
                       recompute=True)


def ticket_versus_reinit(iterative_magnitude_pruning, seed: int) -> tuple[float, float, float]:
    """(density, ticket accuracy, random re-init accuracy) for one seed.

    The ticket is the student's last mask on the initialisation θ0, trained here (the same
    training IMP's rounds use), so the comparison rests on the mask IMP found."""
    data = digits()
    like = snapshot(mlp(TICKET_SIZES, seed=seed))
    weight_like = {k: v for k, v in like.items() if k.endswith(".weight")}
    train_fn = make_train_fn(TICKET_STEPS, seed)
    history = _call_imp(iterative_magnitude_pruning, TICKET_SIZES, seed, TICKET_STEPS,
                        TICKET_ROUNDS, TICKET_FRACTION, "layer", 0,
                        "`iterative_magnitude_pruning` on the ticket experiment", seconds=60)
    if not isinstance(history, (list, tuple)) or not history or not isinstance(history[-1], dict):
        fail("`iterative_magnitude_pruning` should return a list of per-round dicts.")
    final = history[-1]
    _check_state_names(final.get("start"), "the last round's 'start' state")
    masks = as_mask_dict(final.get("masks"), weight_like, "the last round's 'masks'")
    start = as_tensor_dict(final.get("start"), like, "the last round's 'start' state")
    ticket_start = {k: v * masks[k].float() if k in masks else v for k, v in like.items()}
    for k, v in start.items():
        if not torch.equal(v, ticket_start[k].double()):
            fail(f"the last round should start from the original initialisation θ0 times its "
                 f"mask, bit for bit, but {k!r} differs by up to "
                 f"{(v - ticket_start[k].double()).abs().max().item():.3g}.")
    ticket = mlp(TICKET_SIZES)
    ticket.load_state_dict(masked_train_oracle(ticket_start, masks, TICKET_SIZES, train_fn))
    ticket_acc = accuracy(ticket, data.x_test, data.y_test)
    reinit_start = snapshot(mlp(TICKET_SIZES, seed=10_000 + seed))
    reinit = mlp(TICKET_SIZES)
    reinit.load_state_dict(masked_train_oracle(reinit_start, masks, TICKET_SIZES, train_fn))
    density = sum(float(m.sum()) for m in masks.values()) / sum(m.numel() for m in masks.values())
    return density, ticket_acc, accuracy(reinit, data.x_test, data.y_test)


@student_facing
def check_ticket_beats_reinit(iterative_magnitude_pruning):
    """Hidden, statistical: at density 1/16 the ticket beats random re-initialisation."""
    results = [ticket_versus_reinit(iterative_magnitude_pruning, s) for s in TICKET_SEEDS]
    expected_density = (1 - TICKET_FRACTION) ** TICKET_ROUNDS
    for density, _, _ in results:
        if abs(density - expected_density) > 0.01:
            fail(f"after {TICKET_ROUNDS} rounds at {TICKET_FRACTION:.0%} the ticket should keep "
                 f"{expected_density:.3f} of the weights, but keeps {density:.3f}.")
    tickets = [t for _, t, _ in results]
    reinits = [r for _, _, r in results]
    gap = sum(tickets) / len(tickets) - sum(reinits) / len(reinits)
    if gap < TICKET_MIN_GAP:
        fail(f"over seeds {list(TICKET_SEEDS)} your tickets reached test accuracy "
             f"{[round(t, 3) for t in tickets]} and random re-initialisations of the same masks "
             f"{[round(r, 3) for r in reinits]}; a winning ticket should beat them by at least "
             f"{TICKET_MIN_GAP:.2f} on average (the reference does by about 0.3).")
