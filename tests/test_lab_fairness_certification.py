"""Prove through real ``nbgrader autograde`` that the certification checks
separate right from wrong: reference full marks, release zero, every wrong
implementation in tests/banks/fairness_certification/wrong loses points (and fails the
checks it names), every alternative correct one gets full marks, and crashes,
warnings, huge outputs and deleted test cells are graded, not lost."""
import csv
from pathlib import Path

import nbformat
import pytest

from autograder import harness, selfcheck

LAB = "fairness_certification"
NOTEBOOK = f"{LAB}.ipynb"
BANK = harness.read_bank(LAB)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One course, every submission, one autograde batch (as an instructor runs it)."""
    course = harness.make_course(tmp_path_factory.mktemp("course"), LAB)
    release = harness.generate(course, LAB) / NOTEBOOK
    reference = harness.solution_sources(LAB)
    submissions = {
        "reference": harness.fill(release, reference),
        "blank": nbformat.read(release, as_version=4),
    }
    for entry in BANK:
        submissions[f"{entry.kind}-{entry.name}"] = harness.fill(release, {**reference, **entry.cells})
    deleted = harness.fill(release, reference)
    deleted.cells = [c for c in deleted.cells
                     if c.metadata.get("nbgrader", {}).get("grade_id") != "test_certify"]
    submissions["robustness-deleted_test_cell"] = deleted
    for student, nb in submissions.items():
        harness.submit(course, LAB, student, {NOTEBOOK: nb})
    proc = harness.run_nbgrader(course, "autograde", LAB, check=False)
    scores = harness.cell_scores(course, LAB)
    return {"course": course, "scores": scores, "max": harness.max_scores(course, LAB),
            "log": proc.stdout + proc.stderr, "submissions": submissions}


def total(graded, student):
    return sum(graded["scores"][student].values())


def full(graded):
    return sum(graded["max"].values())


def test_every_submission_was_graded(graded):
    for student in graded["submissions"]:
        assert student in graded["scores"], f"{student} was not graded:\n{graded['log'][-3000:]}"
        ungraded = [c for c, s in graded["scores"][student].items() if s is None]
        assert not ungraded, f"{student}: cells left ungraded {ungraded}\n{graded['log'][-3000:]}"


def test_reference_gets_full_marks(graded):
    assert graded["scores"]["reference"] == graded["max"]
    assert full(graded) == 15


def test_release_gets_zero_on_every_check(graded):
    assert set(graded["scores"]["blank"].values()) == {0.0}


def test_bank_is_big_enough():
    assert len([e for e in BANK if e.kind == "wrong"]) >= 8
    assert len([e for e in BANK if e.kind == "correct"]) >= 2
    assert all(e.must_fail for e in BANK if e.kind == "wrong")


@pytest.mark.parametrize("entry", [e for e in BANK if e.kind == "wrong"], ids=lambda e: e.name)
def test_wrong_implementation_loses_points(graded, entry):
    scores = graded["scores"][f"wrong-{entry.name}"]
    assert total(graded, f"wrong-{entry.name}") < full(graded), entry.summary
    for cell in entry.must_fail:
        assert scores[cell] == 0, f"{entry.name} should fail {cell}: {entry.summary}"


@pytest.mark.parametrize("entry", [e for e in BANK if e.kind == "correct"], ids=lambda e: e.name)
def test_other_correct_implementation_gets_full_marks(graded, entry):
    assert graded["scores"][f"correct-{entry.name}"] == graded["max"], entry.summary


def test_kernel_crash_is_graded_not_lost(graded):
    scores = graded["scores"]["robustness-kernel_crash"]
    assert scores["test_interval_bounds"] == 1 and scores["test_interval_bounds_hidden"] == 2
    assert scores["test_certification_milp"] == 0 and scores["test_sigmoid_bounds_hidden"] == 0


def test_warnings_do_not_cost_points(graded):
    assert graded["scores"]["robustness-noisy_warnings"] == graded["max"]


def test_huge_output_is_capped(graded):
    assert graded["scores"]["robustness-solver_log_on"] == graded["max"]
    autograded = graded["course"] / "autograded" / "robustness-solver_log_on" / LAB / NOTEBOOK
    assert autograded.stat().st_size < 1_000_000


def test_deleted_test_cell_is_restored_and_graded(graded):
    assert graded["scores"]["robustness-deleted_test_cell"]["test_certify"] == 1


def test_feedback_hides_hidden_tests_and_export_has_totals(graded):
    course = graded["course"]
    harness.run_nbgrader(course, "generate_feedback", LAB, "--force")
    for student in ("reference", "blank", "wrong-accepts_time_limited_solve"):
        html = (course / "feedback" / student / LAB / f"{LAB}.html").read_text()
        assert "_hidden(" not in html and "BEGIN HIDDEN TESTS" not in html
        assert "checks.check_certify_hidden(" not in html
    harness.run_nbgrader(course, "export", "--to", str(course / "grades.csv"))
    rows = {r["student_id"]: float(r["score"]) for r in csv.DictReader(open(course / "grades.csv"))}
    assert rows["reference"] == 15 and rows["blank"] == 0
    assert rows["wrong-accepts_time_limited_solve"] == total(graded, "wrong-accepts_time_limited_solve")
    assert 0 < rows["wrong-accepts_time_limited_solve"] < 15


@pytest.mark.parametrize("student", ["reference", "wrong-accepts_time_limited_solve"])
def test_selfcheck_scores_equal_autograde(graded, student, tmp_path):
    path = tmp_path / NOTEBOOK
    nbformat.write(graded["submissions"][student], path)
    result = selfcheck.grade(path, LAB)
    assert result["scores"] == graded["scores"][student]
    if result["total"] < result["max_total"]:
        assert "CheckFailed" in selfcheck.report(result)
