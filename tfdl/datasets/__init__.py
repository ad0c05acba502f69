"""Real fairness datasets, offline: Adult, COMPAS and German credit.

Each loader returns a ``Bunch`` (a dict whose keys are also attributes), in the style of
scikit-learn's loaders::

    from tfdl.datasets import load_compas

    ds = load_compas(split="train")         # "train", "test" or "all" (default)
    ds.data         # DataFrame of features; the sensitive attributes are NOT in it
    ds.target       # Series (0/1), name ds.target_name
    ds.sensitive    # DataFrame of sensitive attributes, same index as data
    ds.frame        # features, sensitive attributes and target together
    ds.split        # Series of "train"/"test" for each row
    print(ds.DESCR) # summary and the datasheet (ds.datasheet is its path)

Categorical columns have pandas ``category`` dtype (``pd.get_dummies(ds.data)`` one-hot encodes
them); counts and amounts are ``int64``. The index is the row number in the ``"all"`` frame, so
train and test rows can be matched back. The split is fixed: Adult uses the official UCI test file;
COMPAS and German put 25 % of each class in the test set by a seeded hash order stored in the file.

Nothing is downloaded. The data are small derived files in ``tfdl/datasets/files/`` built by
``scripts/make_datasets.py``; every load checks them against ``files/SHA256SUMS`` (once per process
and file) and raises :class:`DatasetFileError`, saying how to restore them, if one is missing or
altered. Datasheets (provenance, licence, coding, known problems) are in
``tfdl/datasets/datasheets/``.
"""
from ._loaders import DatasetFileError, load_adult, load_compas, load_german, verify_files

__all__ = ["DatasetFileError", "load_adult", "load_compas", "load_german", "verify_files"]
