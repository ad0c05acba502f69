"""Nothing lost: every broken submission is repaired from the gradebook, graded, and reported.

One ``nbgrader autograde`` batch on lottery_tickets. The broken submissions sort before a
reference student (whose ``autograded/`` folder already exists, as if made by someone else),
so a batch that stopped or skipped would show there. A restored test earns what the student's
code earns: full marks for the reference code, zero for the release stub.
"""
import atexit
import copy
import csv
import functools
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder import harness, repair

LAB = "lottery_tickets"
NOTEBOOK = f"{LAB}.ipynb"
pytestmark = pytest.mark.slow

STUB_IMP = "def iterative_magnitude_pruning(*args, **kwargs):\n    raise NotImplementedError()"
WRONG_MASKS = "def enforce_masks(model, masks):\n    raise ValueError('not written yet')"
FAILS_WITH_STUB_IMP = ("test_imp", "test_imp_hidden", "test_ticket")


def index_of(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells)
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def deleted(nb, *grade_ids):
    nb.cells = [c for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") not in grade_ids]


def duplicated(nb, grade_id, first_source=None):
    i = index_of(nb, grade_id)
    twin = copy.deepcopy(nb.cells[i])
    twin.id = twin.id[:4] + "copy"  # JupyterLab gives a pasted cell a new id
    if first_source is not None:
        nb.cells[i].source = first_source
    nb.cells.insert(i + 1, twin)


def flipped(nb, grade_id, **flags):
    nb.cells[index_of(nb, grade_id)].metadata.nbgrader.update(flags)


def stripped(nb, grade_id, source=None):
    cell = nb.cells[index_of(nb, grade_id)]
    del cell.metadata["nbgrader"]
    if source is not None:
        cell.source = source


def renamed(nb, grade_id, new_id):
    nb.cells[index_of(nb, grade_id)].metadata.nbgrader.grade_id = new_id


def retyped(nb, grade_id, cell_type):
    cell = nb.cells[index_of(nb, grade_id)]
    cell.cell_type = cell_type
    cell.pop("outputs", None)
    cell.pop("execution_count", None)


def flooded(nb, after_id):
    """Thousands of small outputs in one cell, then many cells each under the cell cap."""
    cells = [nbformat.v4.new_code_cell(
        "from IPython.display import display\nfor i in range(2000):\n    display(i)")]
    cells += [nbformat.v4.new_code_cell(
        "for _ in range(5):\n    display({'text/plain': 'x' * 19_000}, raw=True)")
        for _ in range(8)]
    i = index_of(nb, after_id) + 1
    nb.cells[i:i] = cells


@dataclass
class Case:
    """How a student broke the notebook, what the repair notes must say, the student's code
    (the reference, with the release stub for iterative_magnitude_pruning unless the case needs
    it: its checks are the slow ones) and the grade cells that code fails."""

    breakage: Callable
    notes: list[str]
    code: dict = field(default_factory=lambda: {"iterative_magnitude_pruning": STUB_IMP})
    fails: tuple = FAILS_WITH_STUB_IMP


BROKEN = {
    "a_deleted_last_test": Case(
        lambda nb: deleted(nb, "test_ticket"),
        ["Test cell test_ticket was missing; it was put back from the release and graded."],
        code={}, fails=()),
    "b_deleted_readonly_cells": Case(
        lambda nb: deleted(nb, "setup", "part4", "test_ticket"),
        ["Read-only cell setup was missing; it was put back from the release.",
         "Read-only cell part4 was missing", "Test cell test_ticket was missing"]),
    "c_duplicated_cells": Case(
        lambda nb: (duplicated(nb, "test_magnitude_prune"),
                    duplicated(nb, "enforce_masks", first_source=WRONG_MASKS)),
        ["Test cell test_magnitude_prune appeared 2 times; the last copy counts as "
         "test_magnitude_prune, the other copies ran as ordinary cells.",
         "Answer cell enforce_masks appeared 2 times; the last copy counts as enforce_masks"]),
    "d_flipped_flags": Case(
        lambda nb: (flipped(nb, "test_enforce_masks", grade=False),
                    flipped(nb, "test_imp", solution=True),
                    flipped(nb, "setup", locked=False)),
        ["The nbgrader settings of test cell test_enforce_masks had been changed (grade false "
         "instead of true); they were restored from the release.",
         "The nbgrader settings of test cell test_imp had been changed (solution true instead "
         "of false)",
         "The nbgrader settings of read-only cell setup had been changed (locked false instead "
         "of true)"]),
    "e_stripped_metadata": Case(
        lambda nb: (stripped(nb, "test_imp", "pass  # no test here"),
                    stripped(nb, "enforce_masks")),
        ["Test cell test_imp was missing; it was put back from the release and graded.",
         "Answer cell enforce_masks had lost its nbgrader metadata; it counts as enforce_masks "
         "again."]),
    "f_renamed_and_retyped": Case(
        lambda nb: (renamed(nb, "test_enforce_masks_hidden", "my_test"),
                    renamed(nb, "magnitude_prune", "my_answer"),
                    retyped(nb, "test_magnitude_prune_hidden", "markdown")),
        ["Test cell test_enforce_masks_hidden had been renamed to 'my_test'; it counts as "
         "test_enforce_masks_hidden again.",
         "Answer cell magnitude_prune had been renamed to 'my_answer'",
         "The nbgrader settings of test cell test_magnitude_prune_hidden had been changed (cell "
         "type markdown instead of code)"]),
    # The failing tests keep their zero past the output caps (IMP calls enforce_masks).
    "g_output_flood": Case(
        lambda nb: flooded(nb, "test_magnitude_prune_hidden"), [],
        code={"enforce_masks": WRONG_MASKS},
        fails=("test_enforce_masks", "test_enforce_masks_hidden", *FAILS_WITH_STUB_IMP)),
}
REFERENCE = "z_reference"


@functools.cache
def graded():
    root = Path(tempfile.mkdtemp(prefix="repair-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    course = harness.make_course(root, LAB)
    release = harness.generate(course, LAB) / NOTEBOOK
    reference = harness.solution_sources(LAB)
    harness.submit(course, LAB, REFERENCE, {NOTEBOOK: harness.fill(release, reference)})
    for student, case in BROKEN.items():
        nb = harness.fill(release, {**reference, **case.code})
        case.breakage(nb)
        harness.submit(course, LAB, student, {NOTEBOOK: nb})
    # A folder nbgrader would take as already graded (made by someone else's code).
    (course / "autograded" / REFERENCE / LAB).mkdir(parents=True)
    start = time.monotonic()
    proc = harness.run_nbgrader(course, "autograde", LAB, check=False)
    seconds = time.monotonic() - start
    export = harness.run_nbgrader(course, "export", "--to", str(course / "grades.csv"),
                                  check=False)
    with open(course / "grades.csv") as fh:
        csv_notes = {row["student_id"]: row["autograde_notes"] for row in csv.DictReader(fh)}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        flagged = {s: gb.find_submission_notebook(LAB, LAB, s).flagged
                   for s in [*BROKEN, REFERENCE]}
    return {"course": course, "log": proc.stdout + proc.stderr, "rc": proc.returncode,
            "export": (export.returncode, export.stdout + export.stderr),
            "seconds": seconds, "scores": harness.cell_scores(course, LAB),
            "max": harness.max_scores(course, LAB), "csv": csv_notes, "flagged": flagged}


def expected_scores(student):
    scores = dict(graded()["max"])
    if student in BROKEN:
        scores.update(dict.fromkeys(BROKEN[student].fails, 0.0))
    return scores


def graded_notebook(student):
    return graded()["course"] / "autograded" / student / LAB / NOTEBOOK


def test_autograde_finishes_for_everyone():
    g = graded()
    assert g["rc"] == 0, g["log"][-4000:]
    assert "Traceback" not in g["log"], g["log"][-4000:]
    assert g["export"][0] == 0, g["export"][1][-4000:]
    print(f"autograde of {len(BROKEN) + 1} submissions: {g['seconds']:.0f} s")


@pytest.mark.parametrize("student", [*BROKEN, REFERENCE])
def test_every_submission_is_graded_with_what_its_code_earns(student):
    g = graded()
    assert graded_notebook(student).exists(), g["log"][-4000:]
    scores = g["scores"][student]
    assert None not in scores.values(), scores
    assert scores == expected_scores(student)


@pytest.mark.parametrize("student", BROKEN)
def test_each_repair_is_logged_noted_flagged_and_exported(student):
    g = graded()
    expected = BROKEN[student].notes
    notes = repair.read_notes(str(graded_notebook(student)))
    warning = f"[AutogradeApp | WARNING] Student {student}, lab {LAB}, {NOTEBOOK}: "
    warnings = [line for line in g["log"].splitlines() if line.startswith(warning)]
    for sentence in expected:
        assert any(sentence in line for line in warnings), sentence
        assert any(sentence in note for note in notes), (sentence, notes)
        assert sentence in g["csv"][student]
    assert g["flagged"][student] == bool(expected)


def test_a_folder_made_before_autograde_does_not_skip_the_submission():
    g = graded()
    sentence = (f"autograded/{REFERENCE}/{LAB}/ already existed but the gradebook has no grades "
                f"for it, so nbgrader would have skipped this submission; the folder was removed "
                f"and the submission graded.")
    assert f"Student {REFERENCE}, lab {LAB}: {sentence}" in g["log"]
    assert repair.read_notes(str(graded_notebook(REFERENCE))) == [sentence]
    assert g["csv"][REFERENCE] == sentence
    assert g["flagged"][REFERENCE]


def test_output_floods_are_capped_without_changing_scores():
    g = graded()
    assert graded_notebook("g_output_flood").stat().st_size < 1_000_000
    assert all(graded_notebook(s).stat().st_size < 1_000_000 for s in [*BROKEN, REFERENCE])
    nb = nbformat.read(graded_notebook("g_output_flood"), as_version=4)
    notes = [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
             if o.output_type == "stream" and "removed by the grader" in o.text]
    assert len(notes) >= 2, "the display flood and the cells past the notebook cap"
    assert "Student g_output_flood, lab lottery_tickets: the outputs of" in g["log"]
