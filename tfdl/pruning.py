"""Masks for pruning experiments, and random controls that cannot replay an initialisation.

A random-pruning control must be independent of the weights it prunes. The easy mistake is to
seed the mask's random numbers with the same seed as the initialisation: ``mlp(sizes, seed=s)``
draws its weights from torch's generator seeded with ``s``, so ``torch.manual_seed(s)`` followed by
``prune.random_unstructured``, or ``torch.rand(shape, generator=torch.Generator().manual_seed(s))``,
replays those very draws, and the "random" mask keeps exactly the weights of one sign.

``independent_generator(key)`` avoids this: it derives a 32-bit torch seed from ``key`` with
numpy's ``SeedSequence`` (a hash), under a tag of this module, so no small integer seed used for an
initialisation produces the same stream. ``random_masks_like`` draws its masks from it.
``tests/test_unit_controls.py`` checks that such masks are independent of the sign of θ₀.
"""
from collections.abc import Mapping, Sequence

import numpy as np
import torch

__all__ = ["independent_generator", "random_mask", "random_masks_like", "lowest_score_masks"]

_TAG = 0x7FD1_2024  # separates this module's streams from any other use of the same key


def independent_generator(key: int | Sequence[int]) -> torch.Generator:
    """A ``torch.Generator`` whose stream depends only on ``key`` (an int or a tuple of ints).

    The torch seed is hashed from ``key`` by ``numpy.random.SeedSequence``, so
    ``independent_generator(0)`` does *not* replay ``torch.manual_seed(0)``.
    """
    entropy = [int(k) for k in (key if isinstance(key, Sequence) else (key,))]
    seed = int(np.random.SeedSequence(entropy + [_TAG]).generate_state(1)[0])
    return torch.Generator().manual_seed(seed)


def random_mask(shape, n_kept: int, generator: torch.Generator) -> torch.Tensor:
    """A float 0/1 mask of ``shape`` with exactly ``n_kept`` ones at uniformly random places."""
    numel = int(np.prod(shape))
    if not 0 <= n_kept <= numel:
        raise ValueError(f"n_kept must be in [0, {numel}], not {n_kept}")
    mask = torch.zeros(numel)
    mask[torch.randperm(numel, generator=generator)[:n_kept]] = 1.0
    return mask.reshape(tuple(shape))


def random_masks_like(masks: Mapping[str, torch.Tensor], key: int | Sequence[int]) -> dict[str, torch.Tensor]:
    """Random masks with the same shape and the same number of kept entries, layer by layer, as ``masks``.

    The randomness comes from ``independent_generator(key)`` only, never from torch's global
    generator, so the masks are independent of any network initialised with a small integer seed.
    """
    generator = independent_generator(key)
    return {name: random_mask(m.shape, int(m.count_nonzero()), generator) for name, m in masks.items()}


def lowest_score_masks(scores: Mapping[str, torch.Tensor], fraction: float) -> dict[str, torch.Tensor]:
    """Layerwise pruning by a saliency score: in each layer, zero the ``round(fraction * n)`` entries
    with the lowest score (the count ``torch.nn.utils.prune`` uses) and keep the rest."""
    masks = {}
    for name, s in scores.items():
        mask = torch.ones(s.numel())
        mask[s.detach().flatten().argsort(stable=True)[: round(fraction * s.numel())]] = 0.0
        masks[name] = mask.reshape(s.shape)
    return masks
