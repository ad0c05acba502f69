"""Prove, for every lab in course.yaml and through real ``nbgrader autograde``, that its checks
separate right from wrong, judged in the grader's process (trusted grading) and, as an audit, in
the student's kernel too: both ways give every honest entry the same points.

One course and one autograde batch per lab, as an instructor runs it (``./course grade``, two
Dask workers): the reference solution gets full marks (the bank entries leave out the lab's
unscored experiment cells, which only cost time); the release stub gets zero on every check without aborting the batch; every
implementation in ``tests/banks/<lab>/wrong`` loses points and fails the grade cells its
``# fails:`` header names; every one in ``correct`` gets full marks; each ``robustness`` entry
(kernel crash, warnings, huge output) gets the scores its ``# expect:`` header states; a deleted
test cell is restored and graded; feedback shows no hidden test; export totals match; and the
self-check command gives the same points as autograde.
"""
import atexit
import csv
import functools
import html as html_lib
import json
import re
import secrets
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest
import yaml

from autograder import harness, selfcheck

from sentences import flat

REPO = Path(__file__).resolve().parent.parent
LABS = {lab["id"]: lab for lab in yaml.safe_load((REPO / "course.yaml").read_text())["labs"]}
BANKS = {lab: harness.read_bank(lab) for lab in LABS}
pytestmark = pytest.mark.slow
SEED = secrets.randbelow(2**31)  # the grading seed of this run's batches (a new one each run)


def entries(kind):
    return [pytest.param(lab, e, id=f"{lab}-{e.name}")
            for lab, bank in BANKS.items() for e in bank if e.kind == kind]


def first_grade_cell(lab):
    for path in sorted((REPO / "solutions" / lab).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                return cell.metadata.nbgrader.grade_id


def hidden_test_lines(lab):
    """Every line between the HIDDEN TESTS markers of the lab's source."""
    lines = []
    for path in sorted((REPO / "solutions" / lab).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            inside = False
            for line in cell.source.splitlines():
                if "### BEGIN HIDDEN TESTS" in line:
                    inside = True
                elif "### END HIDDEN TESTS" in line:
                    inside = False
                elif inside and line.strip():
                    lines.append(line.strip())
    return lines


@functools.cache
def graded(lab):
    """One course, every submission, one autograde batch."""
    root = tempfile.mkdtemp(prefix=f"{lab}-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    course = harness.make_course(Path(root), lab)
    release = harness.generate(course, lab)
    notebook = next(release.glob("*.ipynb")).name
    reference = harness.solution_sources(lab)
    submissions = {"reference": harness.fill(release / notebook, reference),
                   "blank": nbformat.read(release / notebook, as_version=4)}
    for entry in BANKS[lab]:  # without the lab's (unscored) experiment cells, to save time
        submissions[f"{entry.kind}-{entry.name}"] = harness.fill(
            release / notebook, {**reference, **entry.cells}, demos=False)
    deleted = harness.fill(release / notebook, reference)
    deleted.cells = [c for c in deleted.cells
                     if c.metadata.get("nbgrader", {}).get("grade_id") != first_grade_cell(lab)]
    submissions["robustness-deleted_test_cell"] = deleted
    for student, nb in submissions.items():
        harness.submit(course, lab, student, {notebook: nb})
    audit = course / "both_ways.jsonl"  # each test cell also run in the kernel, as Validate does
    # In parallel on Dask, as `./course grade` does (tests/test_parallel.py proves it equals
    # serial `nbgrader autograde`): this batch of 30-odd submissions is graded by two workers.
    proc = harness.grade_in_parallel(course, lab, f"--seed={SEED}",
                                     f"--TrustedExecute.in_kernel_report={audit}")
    return {"course": course, "notebook": notebook, "submissions": submissions,
            "scores": harness.cell_scores(course, lab), "max": harness.max_scores(course, lab),
            "log": proc.stdout + proc.stderr,
            "both_ways": [json.loads(line) for line in audit.read_text().splitlines()]}


def total(lab, student):
    return sum(graded(lab)["scores"][student].values())


@pytest.mark.parametrize("lab", LABS)
def test_every_submission_was_graded(lab):
    g = graded(lab)
    for student in g["submissions"]:
        assert student in g["scores"], f"{student} was not graded:\n{g['log'][-3000:]}"
        ungraded = [c for c, s in g["scores"][student].items() if s is None]
        assert not ungraded, f"{student}: cells left ungraded {ungraded}\n{g['log'][-3000:]}"


@pytest.mark.parametrize("lab", LABS)
def test_trusted_and_in_kernel_grading_agree(lab):
    """Every test cell of the reference, the stub and every correct and wrong bank entry gets
    the same verdict judged in the grader (autograde, ./course check) as run in the student's
    kernel (JupyterLab, Validate)."""
    g = graded(lab)
    honest = {"reference", "blank"} | {s for s in g["submissions"] if s.startswith(("correct-", "wrong-"))}
    audited = [r for r in g["both_ways"] if r["student"] in honest]
    assert {r["student"] for r in audited} == honest
    assert len(audited) == len(honest) * len(g["max"])
    assert [r for r in audited if r["trusted"] != r["kernel"]] == []


@pytest.mark.parametrize("lab", LABS)
def test_reference_gets_full_marks_and_points_match_course_yaml(lab):
    g = graded(lab)
    assert g["scores"]["reference"] == g["max"]
    assert sum(g["max"].values()) == LABS[lab]["points"]


@pytest.mark.parametrize("lab", LABS)
def test_release_gets_zero_on_every_check(lab):
    assert set(graded(lab)["scores"]["blank"].values()) == {0.0}


@pytest.mark.parametrize("lab", LABS)
def test_bank_is_big_enough(lab):
    bank = BANKS[lab]
    assert len([e for e in bank if e.kind == "wrong"]) >= 8
    assert len([e for e in bank if e.kind == "correct"]) >= 2
    assert all(e.must_fail for e in bank if e.kind == "wrong")
    assert all(e.expect for e in bank if e.kind == "robustness")


@pytest.mark.parametrize("lab, entry", entries("wrong"))
def test_wrong_implementation_loses_points(lab, entry):
    scores = graded(lab)["scores"][f"wrong-{entry.name}"]
    assert sum(scores.values()) < LABS[lab]["points"], entry.summary
    for cell in entry.must_fail:
        assert scores[cell] == 0, f"{entry.name} should fail {cell}: {entry.summary}"


@pytest.mark.parametrize("lab, entry", entries("correct"))
def test_other_correct_implementation_gets_full_marks(lab, entry):
    assert graded(lab)["scores"][f"correct-{entry.name}"] == graded(lab)["max"], entry.summary


@pytest.mark.parametrize("lab, entry", entries("robustness"))
def test_robustness_entry_gets_expected_scores(lab, entry):
    g = graded(lab)
    scores = g["scores"][f"robustness-{entry.name}"]
    expected = g["max"] if entry.expect == "full" else entry.expect
    assert {k: scores[k] for k in expected} == expected, entry.summary
    autograded = g["course"] / "autograded" / f"robustness-{entry.name}" / lab / g["notebook"]
    assert autograded.stat().st_size < 1_000_000  # huge outputs are capped


@pytest.mark.parametrize("lab", LABS)
def test_deleted_test_cell_is_restored_and_graded(lab):
    g, cell = graded(lab), first_grade_cell(lab)
    assert g["scores"]["robustness-deleted_test_cell"][cell] == g["max"][cell]


@pytest.mark.parametrize("lab", LABS)
def test_feedback_hides_hidden_tests_and_export_has_totals(lab):
    g = graded(lab)
    course, points = g["course"], LABS[lab]["points"]
    wrong = f"wrong-{next(e.name for e in BANKS[lab] if e.kind == 'wrong')}"
    harness.run_nbgrader(course, "generate_feedback", lab, "--force")
    hidden = hidden_test_lines(lab)
    assert hidden
    for student in ("reference", "blank", wrong):
        html = next((course / "feedback" / student / lab).glob("*.html")).read_text()
        text = html_lib.unescape(re.sub(r"<[^>]+>", "", html))  # code is split into spans
        assert "BEGIN HIDDEN TESTS" not in text
        assert not [line for line in hidden if line in text]
        # Every failing check, visible or hidden, shows its sentence (wrapped for display).
        assert "showtraceback" not in text
        for check, message in harness.failure_messages(course, lab, student).items():
            assert flat(message) in flat(text), f"{student}: feedback lacks {check}'s message"
    harness.run_nbgrader(course, "export", "--to", str(course / "grades.csv"))
    rows = {r["student_id"]: float(r["score"]) for r in csv.DictReader(open(course / "grades.csv"))
            if r["assignment"] == lab}
    assert rows["reference"] == points and rows["blank"] == 0
    assert rows[wrong] == total(lab, wrong) and 0 <= rows[wrong] < points


@pytest.mark.parametrize("lab", LABS)
def test_selfcheck_scores_equal_autograde(lab, tmp_path, monkeypatch):
    monkeypatch.setenv("TFDL_GRADING_SEED", str(SEED))  # the same hidden cases as the batch
    g = graded(lab)
    wrong = f"wrong-{next(e.name for e in BANKS[lab] if e.kind == 'wrong')}"
    # A wrong implementation has both full and zero scores, so one self-check per lab compares
    # every kind of cell (the reference's full marks are proven above).
    path = tmp_path / "renamed copy.ipynb"
    nbformat.write(g["submissions"][wrong], path)
    result = selfcheck.grade(path)
    assert result["lab"] == lab and result["scores"] == g["scores"][wrong]
    assert result["total"] < result["max_total"]
    report = selfcheck.report(result)
    for message in harness.failure_messages(g["course"], lab, wrong).values():
        assert message in report
