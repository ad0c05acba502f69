"""Self-learners' work survives course updates: ``./course lab`` and ``./course
start`` copy each lab to ``work/`` and never overwrite it, ``--fresh`` keeps the
old copy aside, and ``./course release`` keeps an edited ``labs/`` notebook
before regenerating it."""
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder import harness, release, workspace

REPO = Path(__file__).resolve().parent.parent
LAB = "lottery_tickets"


@pytest.fixture
def folders(tmp_path, monkeypatch):
    labs, work = tmp_path / "labs", tmp_path / "work"
    shutil.copytree(REPO / "labs" / LAB, labs / LAB)
    monkeypatch.setattr(workspace, "LABS", labs)
    monkeypatch.setattr(workspace, "WORK", work)
    monkeypatch.setattr(release, "WORK", work)
    return labs, work


def write_answer(path: Path, text: str):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "magnitude_prune":
            cell.source = text
    nbformat.write(nb, path)


def answer(path: Path) -> str:
    return harness.answer_cells(path)["magnitude_prune"]


def test_copies_are_made_once_and_never_overwritten(folders):
    labs, work = folders
    assert workspace.ensure_copy(LAB).startswith("copied")
    mine = work / LAB / f"{LAB}.ipynb"
    write_answer(mine, "# my answer")
    write_answer(labs / LAB / f"{LAB}.ipynb", "# an updated release")
    assert workspace.ensure_copy(LAB).startswith("kept")
    assert answer(mine) == "# my answer"


def test_fresh_start_keeps_the_old_copy_aside(folders):
    labs, work = folders
    workspace.ensure_copy(LAB)
    write_answer(work / LAB / f"{LAB}.ipynb", "# my answer")
    message = workspace.ensure_copy(LAB, fresh=True)
    aside = [p for p in work.iterdir() if p.name.startswith(f"{LAB}-before-")]
    assert len(aside) == 1 and aside[0].name in message
    assert answer(aside[0] / f"{LAB}.ipynb") == "# my answer"
    assert answer(work / LAB / f"{LAB}.ipynb") == answer(labs / LAB / f"{LAB}.ipynb")


def test_unknown_lab_is_a_sentence(folders):
    with pytest.raises(SystemExit, match="no lab called 'nope'"):
        workspace.ensure_copy("nope")


@pytest.mark.slow
def test_release_keeps_an_edited_labs_notebook(folders):
    labs, work = folders
    write_answer(labs / LAB / f"{LAB}.ipynb", "# answers written into labs/")
    release.release(LAB, dest=labs)
    kept = list((work / LAB).glob(f"{LAB}-from-labs-*.ipynb"))
    assert len(kept) == 1 and answer(kept[0]) == "# answers written into labs/"
    assert "NotImplementedError" in answer(labs / LAB / f"{LAB}.ipynb")
    release.release(LAB, dest=labs)  # an unedited release is simply replaced
    assert len(list((work / LAB).glob("*.ipynb"))) == 1
