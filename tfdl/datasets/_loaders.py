"""Checksum-verified loaders for the derived files in ``files/`` (made by scripts/make_datasets.py)."""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd



class Bunch(dict):
    """A dict whose keys are also attributes, as ``sklearn.utils.Bunch``; defined here because
    importing scikit-learn costs every kernel that loads a table about a second."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        self[key] = value

    def __dir__(self):
        return list(self.keys())


HERE = Path(__file__).resolve().parent
FILES_DIR = HERE / "files"  # tests point this at a temporary copy
DATASHEETS_DIR = HERE / "datasheets"
SPLITS = ("all", "train", "test")

_FIX = ("Restore the folder from git (git checkout -- tfdl/datasets/files) or rebuild it from the "
        "course repository root with `python scripts/make_datasets.py` (needs PyPI access once).")

# Per-process caches, keyed by file path and (size, mtime): a file that changes on disk is read
# and verified again.
_verified: dict[Path, tuple[tuple[int, int], bytes]] = {}
_frames: dict[tuple[Path, str], tuple[tuple, pd.DataFrame, dict]] = {}


class DatasetFileError(RuntimeError):
    """A shipped dataset file is missing, altered or inconsistent with its schema."""


def _stat_key(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DatasetFileError(f"tfdl.datasets: {path} is missing. {_FIX}") from None
    return st.st_size, st.st_mtime_ns


def _expected_sums(files_dir: Path) -> dict[str, str]:
    sums_path = files_dir / "SHA256SUMS"
    _stat_key(sums_path)
    sums = {}
    for line in sums_path.read_text(encoding="ascii").splitlines():
        digest, _, name = line.partition("  ")
        sums[name] = digest
    return sums


def _verified_bytes(files_dir: Path, name: str) -> bytes:
    """Contents of files_dir/name after checking them against files_dir/SHA256SUMS."""
    path = files_dir / name
    key = _stat_key(path)
    hit = _verified.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    expected = _expected_sums(files_dir).get(name)
    if expected is None:
        raise DatasetFileError(f"tfdl.datasets: {name} is not listed in {files_dir / 'SHA256SUMS'}. {_FIX}")
    data = path.read_bytes()
    got = hashlib.sha256(data).hexdigest()
    if got != expected:
        raise DatasetFileError(
            f"tfdl.datasets: checksum mismatch for {path}: SHA256SUMS records sha256 {expected}, "
            f"the file has {got}. The file was altered or is incomplete. {_FIX}")
    _verified[path] = (key, data)
    return data


def _dtype(spec: dict):
    if spec["dtype"] == "category":
        return pd.CategoricalDtype(spec["categories"], ordered=spec["ordered"])
    return spec["dtype"]


def _full_frame(name: str) -> tuple[pd.DataFrame, dict]:
    """The whole dataset and its schema entry (cached; callers must copy)."""
    files_dir = Path(FILES_DIR)
    schema = json.loads(_verified_bytes(files_dir, "schema.json"))["datasets"][name]
    path = files_dir / schema["file"]
    cache_key = (path, name)
    stamp = (_stat_key(files_dir / "schema.json"), _stat_key(path))
    hit = _frames.get(cache_key)
    if hit is not None and hit[0] == stamp:
        return hit[1], hit[2]
    data = _verified_bytes(files_dir, schema["file"])
    columns = schema["columns"]
    frame = pd.read_csv(io.BytesIO(data), compression="gzip",
                        dtype={col: _dtype(spec) for col, spec in columns.items()})
    if list(frame.columns) != list(columns) or len(frame) != schema["n_rows"] or frame.isna().any().any():
        raise DatasetFileError(
            f"tfdl.datasets: {path} does not match its entry in schema.json (columns, row count or a "
            f"value outside the listed categories). {_FIX}")
    _frames[cache_key] = (stamp, frame, schema)
    return frame, schema


def _datasheet(name: str) -> tuple[Path, str]:
    path = DATASHEETS_DIR / f"{name}.md"
    try:
        return path, path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return path, f"(datasheet {path} is missing)"


def _load(name: str, split: str) -> Bunch:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    full, schema = _full_frame(name)
    frame = full if split == "all" else full[full["split"] == split]
    frame = frame.copy()
    split_col = frame.pop("split")
    target, sensitive = schema["target"], schema["sensitive"]
    features = [c for c in frame.columns if c != target and c not in sensitive]
    sheet_path, sheet = _datasheet(name)
    counts = split_col.value_counts()
    header = (f"{name}: {len(frame):,} rows (split={split!r}; train {counts.get('train', 0):,}, "
              f"test {counts.get('test', 0):,}), target {target!r}, sensitive {sensitive}.\n"
              f"Split: {schema['split']}.\nDatasheet: {sheet_path}\n\n")
    bunch = Bunch(
        data=frame[features],
        target=frame[target],
        sensitive=frame[sensitive],
        frame=frame,
        split=split_col,
        feature_names=features,
        target_name=target,
        sensitive_names=list(sensitive),
        DESCR=header + sheet,
        datasheet=str(sheet_path),
        filename=str(FILES_DIR / schema["file"]),
    )
    if "scores" in schema:
        bunch["score_names"] = list(schema["scores"])
    return bunch


def load_adult(split: str = "all") -> Bunch:
    """UCI Adult (1994 US census extract): will income exceed $50K a year?

    45,222 rows (30,162 train from adult.data, 15,060 test from adult.test; rows with any '?'
    removed). ``target`` is ``income_over_50k`` (1 = >50K); ``sensitive`` holds ``sex`` and
    ``race``. See ``DESCR`` or datasheets/adult.md.
    """
    return _load("adult", split)


def load_compas(split: str = "all") -> Bunch:
    """ProPublica's COMPAS two-year recidivism data (Broward County, FL, 2013-2014).

    6,172 rows after ProPublica's filter, de-identified to 12 columns. ``target`` is
    ``two_year_recid`` (1 = re-arrested within two years); ``sensitive`` holds ``race`` and
    ``sex``. ``data`` includes COMPAS's own outputs ``decile_score`` and ``score_text`` (listed in
    ``score_names``): drop them to train a model of your own. Split: 25 % test, stratified, fixed.
    """
    return _load("compas", split)


def load_german(split: str = "all") -> Bunch:
    """UCI Statlog German credit: 1,000 applicants, is the credit risk good?

    ``target`` is ``good_credit`` (1 = good, 0 = bad); ``sensitive`` holds ``sex`` (inferred from
    the personal-status code), ``age`` and ``personal_status`` itself. Codes A11... are replaced by
    readable labels. Split: 25 % test, stratified, fixed.
    """
    return _load("german", split)


def verify_files() -> list[str]:
    """Check every file listed in SHA256SUMS; return their names or raise DatasetFileError."""
    files_dir = Path(FILES_DIR)
    names = sorted(_expected_sums(files_dir))
    for name in names:
        _verified_bytes(files_dir, name)
    return names
