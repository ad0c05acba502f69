"""Tests of tfdl.datasets: the shipped files, the loaders and the numbers students will meet."""
import gzip
import importlib.util
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tfdl import datasets
from tfdl.datasets import DatasetFileError, _loaders, load_adult, load_compas, load_german

REPO = Path(__file__).resolve().parent.parent
LOADERS = {"adult": load_adult, "compas": load_compas, "german": load_german}

# name: (rows, train rows, features, sensitive, target, positives)
EXPECTED = {
    "adult": (45_222, 30_162, [
        "age", "workclass", "fnlwgt", "education", "education_num", "marital_status", "occupation",
        "relationship", "capital_gain", "capital_loss", "hours_per_week", "native_country",
    ], ["sex", "race"], "income_over_50k", 11_208),
    "compas": (6_172, 4_629, [
        "age", "age_cat", "juv_fel_count", "juv_misd_count", "juv_other_count", "priors_count",
        "c_charge_degree", "decile_score", "score_text",
    ], ["race", "sex"], "two_year_recid", 2_809),
    "german": (1_000, 750, [
        "checking_status", "duration_months", "credit_history", "purpose", "credit_amount", "savings",
        "employment_since", "installment_rate", "other_debtors", "residence_since", "property",
        "other_installment_plans", "housing", "existing_credits", "job", "num_dependents",
        "telephone", "foreign_worker",
    ], ["sex", "age", "personal_status"], "good_credit", 700),
}
INTEGER_COLUMNS = {
    "adult": {"age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week"},
    "compas": {"age", "juv_fel_count", "juv_misd_count", "juv_other_count", "priors_count",
               "decile_score"},
    "german": {"duration_months", "credit_amount", "installment_rate", "residence_since",
               "existing_credits", "num_dependents"},
}
IDENTIFYING = ("id", "name", "first", "last", "dob", "case", "date", "jail", "custody", "desc")


@pytest.mark.parametrize("name", LOADERS)
def test_shapes_columns_dtypes(name):
    rows, _, features, sensitive, target, positives = EXPECTED[name]
    ds = LOADERS[name]()
    assert ds.data.shape == (rows, len(features))
    assert list(ds.data.columns) == features == ds.feature_names
    assert list(ds.sensitive.columns) == sensitive == ds.sensitive_names
    assert ds.target.name == ds.target_name == target
    assert ds.target.dtype == "int64" and set(ds.target.unique()) == {0, 1}
    assert int(ds.target.sum()) == positives
    for col in ds.data.columns:
        expected = "int64" if col in INTEGER_COLUMNS[name] else "category"
        assert ds.data[col].dtype == expected, col
    assert not ds.frame.isna().any().any()
    assert ds.data.index.equals(ds.sensitive.index) and ds.data.index.equals(ds.target.index)


@pytest.mark.parametrize("name", LOADERS)
def test_sensitive_kept_apart_and_no_identifiers(name):
    ds = LOADERS[name]()
    assert not set(ds.sensitive_names) & set(ds.data.columns)
    assert ds.target_name not in ds.data.columns
    with gzip.open(ds.filename, "rt") as f:
        header = f.readline().strip().split(",")
    for col in header:
        assert not any(part in col.split("_") or col.startswith(part) for part in IDENTIFYING), col
    assert set(header) == set(ds.frame.columns) | {"split"}


def test_sensitive_codings():
    assert set(load_adult().sensitive["sex"].cat.categories) == {"Female", "Male"}
    compas = load_compas().sensitive
    assert compas["race"].value_counts()[["African-American", "Caucasian"]].tolist() == [3175, 2103]
    german = load_german().sensitive
    female = german["personal_status"].str.startswith("female")
    assert (german["sex"].eq("female") == female).all()
    assert german["sex"].value_counts().to_dict() == {"male": 690, "female": 310}


@pytest.mark.parametrize("name", LOADERS)
def test_split_is_fixed_and_partitions(name):
    rows, n_train, *_ = EXPECTED[name]
    load = LOADERS[name]
    full, train, test = load(), load("train"), load("test")
    assert len(train.data) == n_train and len(test.data) == rows - n_train
    assert train.data.index.intersection(test.data.index).empty
    assert train.data.index.union(test.data.index).equals(full.data.index)
    pd.testing.assert_frame_equal(test.frame, full.frame.loc[full.split == "test"])
    pd.testing.assert_frame_equal(load("test").frame, test.frame)
    with pytest.raises(ValueError, match="split must be one of"):
        load("validation")


def _make_datasets_module():
    spec = importlib.util.spec_from_file_location("make_datasets", REPO / "scripts" / "make_datasets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["compas", "german"])
def test_stored_split_matches_the_build_rule(name):
    ds = LOADERS[name]()
    rule = _make_datasets_module().assign_split(ds.target)
    assert (rule == ds.split.astype(str)).all()
    test_rate, train_rate = (ds.target[ds.split == s].mean() for s in ("test", "train"))
    assert abs(test_rate - train_rate) < 0.005  # stratified


def test_warm_loads_return_independent_copies():
    first = load_compas()
    first.data.loc[:, "priors_count"] = -1
    first.sensitive.loc[:, "race"] = "Caucasian"
    again = load_compas()
    assert (again.data["priors_count"] >= 0).all()
    assert again.sensitive["race"].nunique() == 6


@pytest.mark.parametrize("name", LOADERS)
def test_descr_carries_the_datasheet(name):
    ds = LOADERS[name]()
    sheet = Path(ds.datasheet)
    assert sheet.parent.name == "datasheets" and sheet.is_file()
    assert sheet.read_text(encoding="utf-8") in ds.DESCR
    assert str(sheet) in ds.DESCR and "Licence" in ds.DESCR and "Known problems" in ds.DESCR


# ----------------------------------------------------------------------------- checksums


def test_shipped_files_verify():
    assert datasets.verify_files() == [
        "adult.csv.gz", "compas.csv.gz", "german.csv.gz", "schema.json",
    ]


@pytest.fixture
def files_copy(tmp_path, monkeypatch):
    """A private copy of the shipped files that the loaders read instead of the real ones."""
    copy = tmp_path / "files"
    shutil.copytree(_loaders.FILES_DIR, copy)
    monkeypatch.setattr(_loaders, "FILES_DIR", copy)
    return copy


def test_copy_loads(files_copy):
    assert load_german().data.shape == (1000, 18)


@pytest.mark.parametrize("victim", ["german.csv.gz", "schema.json"])
def test_tampered_file_gives_clear_error(files_copy, victim):
    path = files_copy / victim
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(DatasetFileError) as err:
        load_german()
    message = str(err.value)
    assert "checksum mismatch" in message and victim in message
    assert "scripts/make_datasets.py" in message


@pytest.mark.parametrize("victim", ["compas.csv.gz", "SHA256SUMS"])
def test_missing_file_gives_clear_error(files_copy, victim):
    (files_copy / victim).unlink()
    with pytest.raises(DatasetFileError, match=r"is missing.*scripts/make_datasets\.py"):
        load_compas()


def test_file_changed_after_a_warm_load_is_caught(files_copy):
    load_adult()
    path = files_copy / "adult.csv.gz"
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(DatasetFileError, match="checksum mismatch"):
        load_adult()


# ----------------------------------------------------------------------------- headline numbers


def _compas_by_race():
    frame = load_compas().frame
    return {race: frame[frame["race"] == race] for race in ("African-American", "Caucasian")}


def test_compas_false_positive_rates_match_propublica():
    fpr = {}
    for race, group in _compas_by_race().items():
        negatives = group[group["two_year_recid"] == 0]
        flagged = negatives["decile_score"] >= 5
        assert (flagged == (negatives["score_text"] != "Low")).all()
        fpr[race] = flagged.mean()
    assert fpr["African-American"] == pytest.approx(0.423, abs=0.01)
    assert fpr["Caucasian"] == pytest.approx(0.220, abs=0.01)


def test_compas_roughly_calibrated_by_decile():
    rates = {race: group.groupby("decile_score")["two_year_recid"].mean()
             for race, group in _compas_by_race().items()}
    black, white = rates["African-American"], rates["Caucasian"]
    assert list(black.index) == list(white.index) == list(range(1, 11))
    gap = (black - white).abs()
    assert gap.max() < 0.15 and gap.mean() < 0.06
    for rate in (black, white):
        assert rate[10] - rate[1] > 0.45
        assert rate.diff().dropna().min() > -0.05  # rises with the decile, up to noise


def test_adult_base_rate_by_sex():
    ds = load_adult()  # train + test, rows with '?' dropped
    rate = ds.target.groupby(ds.sensitive["sex"], observed=True).mean()
    assert rate["Female"] == pytest.approx(0.1136, abs=0.003)
    assert rate["Male"] == pytest.approx(0.3125, abs=0.003)


# -- tfdl.data: the digits, read and split without importing scikit-learn ---------------------
def test_digits_table_is_scikit_learns():
    import numpy as np
    from sklearn.datasets import load_digits

    from tfdl.data import load_digits_table

    table, bunch = load_digits_table(), load_digits()
    assert np.array_equal(table[:, :-1], bunch.data) and np.array_equal(table[:, -1], bunch.target)


@pytest.mark.parametrize("test_size", [0.25, 0.2, 0.5, 0.1])
@pytest.mark.parametrize("labels", ["digits", "ties"])
def test_stratified_split_draws_what_train_test_split_draws(test_size, labels):
    """Same indices in the same order as scikit-learn, over seeds; "ties" has class sizes whose
    remainders tie, where the extra rows are drawn at random."""
    import numpy as np
    from sklearn.model_selection import train_test_split

    from tfdl.data import load_digits_table, stratified_split

    if labels == "digits":
        y = load_digits_table()[:, -1].astype(np.int64)
    else:
        y = np.repeat(np.arange(7), [15, 15, 15, 21, 21, 9, 27])[::-1].copy()
    rows = np.arange(len(y))
    for seed in range(6):
        train, test, _, _ = train_test_split(rows, y, test_size=test_size, random_state=seed,
                                             stratify=y)
        ours = stratified_split(y, test_size, seed)
        assert np.array_equal(ours[0], train) and np.array_equal(ours[1], test), seed


def test_digits_do_not_import_scikit_learn():
    import subprocess
    import sys

    code = ("import sys, tfdl.data; tfdl.data.digits(); "
            "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
