"""Random controls in the units are independent of what they are compared with.

A random-pruning control seeded like the initialisation replays the initialisation's draws: with
``torch.manual_seed(s)`` before ``prune.random_unstructured`` (or a ``torch.Generator`` seeded with
``s``), the "random" mask of fc1 keeps exactly the weights of one sign of θ₀. That bug once made
random one-shot pruning look like chance at 50% of the weights in units/lottery_tickets_unit.ipynb.

The test: over a few seeds and densities, the fraction of weights a random mask keeps must be the
same among positive and among negative θ₀ weights (a chi-square test of independence on the 2x2
table kept/pruned x positive/negative). The same test applied to the old constructions must fail,
which shows it would have caught the bug.
"""
import json
from pathlib import Path

import pytest
import torch
from scipy.stats import chi2_contingency
from torch.nn.utils import prune

from tfdl.models import mlp, snapshot
from tfdl.pruning import independent_generator, lowest_score_masks, random_masks_like

REPO = Path(__file__).resolve().parent.parent
SIZES = [64, 300, 100, 10]  # the lottery-ticket unit's network
SEEDS = range(5)
DENSITIES = (0.5, 0.2, 0.03)
P_MIN = 1e-4  # 15 tables: a correct control fails one by chance with probability about 0.0015


def layers_of(seed):
    theta0 = snapshot(mlp(SIZES, seed=seed))
    return {f"fc{i}": theta0[f"fc{i}.weight"] for i in (1, 2, 3)}


def sign_table(weights, masks):
    # [[kept positive, pruned positive], [kept negative, pruned negative]] over all layers
    w = torch.cat([weights[n].flatten() for n in masks])
    m = torch.cat([masks[n].flatten() for n in masks]).bool()
    pos = w > 0
    return [[int((m & pos).sum()), int((~m & pos).sum())], [int((m & ~pos).sum()), int((~m & ~pos).sum())]]


def sign_dependence_p(make_masks):
    """Smallest chi-square p-value over seeds and densities; make_masks(reference, seed) -> masks."""
    p_values = []
    for seed in SEEDS:
        weights = layers_of(seed)
        for density in DENSITIES:
            reference = lowest_score_masks({n: w.abs() for n, w in weights.items()}, 1 - density)
            masks = make_masks(reference, seed)
            for n in reference:  # a control must keep the reference's count in every layer
                assert int(masks[n].sum()) == int(reference[n].sum())
            p_values.append(chi2_contingency(sign_table(weights, masks)).pvalue)
    return min(p_values)


def old_global_reseed(reference, seed):
    # the unit's old one-shot control: torch.manual_seed(seed) then prune.random_unstructured
    masks = {}
    for name, ref in reference.items():
        layer = torch.nn.Linear(ref.shape[1], ref.shape[0])
        torch.manual_seed(seed)
        prune.random_unstructured(layer, "weight", amount=int((ref == 0).sum()))
        masks[name] = layer.weight_mask.clone()
    return masks


def old_same_seed_generator(reference, seed):
    # the unit's old supermask control: a Generator seeded like the initialisation, rand < density
    # (made exact in count by keeping the n smallest draws, which is what rand < density selects)
    g = torch.Generator().manual_seed(seed)
    masks = {}
    for name, ref in reference.items():
        u = torch.rand(ref.shape, generator=g).flatten()
        m = torch.zeros_like(u)
        m[u.argsort()[: int(ref.sum())]] = 1.0
        masks[name] = m.reshape(ref.shape)
    return masks


def test_random_masks_are_independent_of_the_sign_of_theta0():
    assert sign_dependence_p(lambda ref, seed: random_masks_like(ref, seed)) > P_MIN
    assert sign_dependence_p(lambda ref, seed: random_masks_like(ref, (seed, 3))) > P_MIN


@pytest.mark.parametrize("old", [old_global_reseed, old_same_seed_generator], ids=lambda f: f.__name__)
def test_the_check_catches_the_old_seeding(old):
    # The same check on the constructions the unit used before: it must fail, by far.
    assert sign_dependence_p(old) < 1e-12


def test_independent_generator_does_not_replay_manual_seed():
    for seed in SEEDS:
        torch.manual_seed(seed)
        replay = torch.rand(1000)
        assert not torch.equal(torch.rand(1000, generator=independent_generator(seed)), replay)
    torch.seed()
    a, b = independent_generator((1, 2)), independent_generator((1, 2))
    assert torch.equal(torch.rand(10, generator=a), torch.rand(10, generator=b))


def test_lowest_score_masks_prune_the_lowest():
    scores = {"w": torch.tensor([[0.3, -0.1, 2.0], [0.5, 0.0, 1.0]]).abs()}
    mask = lowest_score_masks(scores, 0.5)["w"]
    assert mask.tolist() == [[0.0, 0.0, 1.0], [1.0, 0.0, 1.0]]


def test_the_lottery_unit_builds_its_random_masks_with_tfdl():
    nb = json.loads((REPO / "units" / "lottery_tickets_unit.ipynb").read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "random_masks_like" in code
    for banned in ("torch.manual_seed(", "random_unstructured(", "torch.rand_like("):
        assert banned not in code, f"the unit calls {banned}: draw random controls from tfdl.pruning"
