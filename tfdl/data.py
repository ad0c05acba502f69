"""Small image data that ships with scikit-learn: the 8x8 handwritten digits.

Read from scikit-learn's own data file, and split as its ``train_test_split(...,
stratify=y)`` does, draw for draw, without importing scikit-learn (and scipy): that import
took about a second in every kernel that used the digits. tests/test_datasets.py compares
both with scikit-learn's.
"""
import functools
import gzip
import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch


@dataclass(frozen=True)
class Split:
    """Train and test tensors: float32 features in [0, 1], int64 labels."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor

    @property
    def n_features(self) -> int:
        return self.x_train.shape[1]

    @property
    def n_classes(self) -> int:
        return int(self.y_train.max()) + 1


def digits(test_size: float = 0.25, seed: int = 0) -> Split:
    """The 1,797 scikit-learn digits (64 pixels, 10 classes), stratified split.

    The split depends only on ``seed``, so every notebook and grader sees the same
    rows. Pixel values 0-16 are scaled to [0, 1]. Each call returns fresh tensors.
    """
    return Split(*(torch.from_numpy(a.copy()) for a in _digits_arrays(test_size, seed)))


@functools.cache  # read and split once per process: checks call digits() dozens of times
def _digits_arrays(test_size: float, seed: int) -> tuple[np.ndarray, ...]:
    data = load_digits_table()
    x = (data[:, :-1] / 16.0).astype(np.float32)
    y = data[:, -1].astype(np.int64)
    train, test = stratified_split(y, test_size, seed)
    return x[train], y[train], x[test], y[test]


def load_digits_table() -> np.ndarray:
    """scikit-learn's ``digits.csv.gz``: 1,797 rows of 64 pixels and the label, as
    ``sklearn.datasets.load_digits`` reads it."""
    package = Path(importlib.util.find_spec("sklearn").submodule_search_locations[0])
    with gzip.open(package / "datasets" / "data" / "digits.csv.gz", mode="rt") as f:
        return np.loadtxt(f, delimiter=",")


def stratified_split(y: np.ndarray, test_size: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Train and test row indices, as ``train_test_split(..., test_size=test_size,
    random_state=seed, stratify=y)`` draws them (scikit-learn's StratifiedShuffleSplit)."""
    n_test = math.ceil(test_size * len(y))
    n_train = len(y) - n_test
    _, y_index, counts = np.unique(y, return_inverse=True, return_counts=True)
    by_class = np.split(np.argsort(y_index, kind="stable"), np.cumsum(counts)[:-1])
    rng = np.random.RandomState(seed)
    n_i = _approximate_mode(counts, n_train, rng)
    t_i = _approximate_mode(counts - n_i, n_test, rng)
    train, test = [], []
    for members, n, t in zip(by_class, n_i, t_i):
        shuffled = members.take(rng.permutation(len(members)), mode="clip")
        train.extend(shuffled[:n])
        test.extend(shuffled[n:n + t])
    return rng.permutation(train), rng.permutation(test)


def _approximate_mode(counts: np.ndarray, draws: int, rng: np.random.RandomState) -> np.ndarray:
    """How many of ``draws`` each class gets: proportional, floored, then the largest
    remainders get one more, ties broken at random (scikit-learn's ``_approximate_mode``)."""
    continuous = counts / counts.sum() * draws
    floored = np.floor(continuous)
    need = int(draws - floored.sum())
    remainder = continuous - floored
    for value in np.sort(np.unique(remainder))[::-1] if need > 0 else ():
        (tied,) = np.where(remainder == value)
        now = min(len(tied), need)
        floored[rng.choice(tied, size=now, replace=False)] += 1
        need -= now
        if need == 0:
            break
    return floored.astype(int)
