"""The offline fairness datasets as tensors, ready for a model.

    from tfdl.tabular import tabular

    adult = tabular("adult")                       # sensitive: sex, s = 1 for women
    adult.x_train, adult.y_train, adult.s_train    # float32 features, 0/1 labels, 0/1 group
    german = tabular("german", columns=["duration_months", "credit_amount"],
                     scaling="unit", sensitive_as_feature=True)

Categorical columns are one-hot encoded with the categories fixed by the dataset's schema, so
train and test always get the same columns. Scaling is fitted on the training rows only:
``"standard"`` (zero mean, unit variance) for training, ``"unit"`` (min-max to [0, 1], test rows
clipped) for certification, where the input domain must be a box.
"""
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from . import datasets

DEFAULT_SENSITIVE = {
    "adult": ("sex", "Female"),
    "compas": ("race", "African-American"),
    "german": ("sex", "female"),
}
LOADERS = {"adult": datasets.load_adult, "compas": datasets.load_compas, "german": datasets.load_german}


@dataclass(frozen=True)
class Tabular:
    """Train and test tensors of one dataset: features, 0/1 labels and 0/1 group membership."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    s_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    s_test: torch.Tensor
    feature_names: list
    sensitive: str
    group: str  # s == 1 means "sensitive == group"

    @property
    def n_features(self) -> int:
        return self.x_train.shape[1]


def _encode(frame: pd.DataFrame) -> pd.DataFrame:
    """One-hot encode categorical columns (all schema categories, in order); numbers as float."""
    parts = []
    for name, column in frame.items():
        if isinstance(column.dtype, pd.CategoricalDtype):
            parts.append(pd.get_dummies(column, prefix=name, prefix_sep="=", dtype=float))
        else:
            parts.append(column.astype(float).to_frame())
    return pd.concat(parts, axis=1)


def _scale(train: np.ndarray, test: np.ndarray, scaling: str) -> tuple[np.ndarray, np.ndarray]:
    if scaling == "standard":
        mean, std = train.mean(0), train.std(0)
        std[std == 0] = 1.0
        return (train - mean) / std, (test - mean) / std
    if scaling == "unit":
        low, span = train.min(0), train.max(0) - train.min(0)
        span[span == 0] = 1.0
        return (train - low) / span, np.clip((test - low) / span, 0.0, 1.0)
    if scaling == "none":
        return train, test
    raise ValueError(f"scaling must be 'standard', 'unit' or 'none', not {scaling!r}")


def tabular(
    name: str,
    *,
    sensitive: str | None = None,
    group: str | None = None,
    columns: list | None = None,
    drop: tuple = ("fnlwgt",),
    scaling: str = "standard",
    sensitive_as_feature: bool = False,
) -> Tabular:
    """Load ``name`` ("adult", "compas" or "german") on its fixed train/test split.

    ``sensitive`` and ``group`` choose the protected attribute and the group coded s = 1
    (defaults: Adult sex/Female, COMPAS race/African-American, German sex/female). The sensitive
    attributes are not features unless ``sensitive_as_feature`` is true; then the 0/1 column ``s``
    comes last, so a model can use it (for certification, where it gets metric weight 0).
    ``columns`` keeps only those feature columns (before encoding); ``drop`` removes columns that
    are not features (Adult's ``fnlwgt`` is a census sampling weight).
    """
    if name not in LOADERS:
        raise ValueError(f"unknown dataset {name!r}; choose from {sorted(LOADERS)}")
    default_sensitive, default_group = DEFAULT_SENSITIVE[name]
    sensitive = sensitive or default_sensitive
    group = group if group is not None else (default_group if sensitive == default_sensitive else None)
    if group is None:
        raise ValueError(f"say which value of {sensitive!r} is coded s = 1 (group=...)")
    ds = LOADERS[name]("all")
    features = ds.data if columns is None else ds.data[list(columns)]
    features = _encode(features.drop(columns=[c for c in drop if c in features.columns]))
    s = (ds.sensitive[sensitive].astype(str) == str(group)).to_numpy(dtype=float)
    if not s.any():
        raise ValueError(f"no row has {sensitive} == {group!r}")
    train = (ds.split == "train").to_numpy()
    x_train, x_test = _scale(features.to_numpy()[train], features.to_numpy()[~train], scaling)
    names = list(features.columns)
    if sensitive_as_feature:
        x_train = np.column_stack([x_train, s[train]])
        x_test = np.column_stack([x_test, s[~train]])
        names.append("s")
    y = ds.target.to_numpy(dtype=float)

    def t(a):
        return torch.tensor(a, dtype=torch.float32)

    return Tabular(
        t(x_train), t(y[train]), t(s[train]), t(x_test), t(y[~train]), t(s[~train]),
        names, sensitive, str(group),
    )
