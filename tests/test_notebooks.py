"""Notebook hygiene, the release in labs/ matches solutions/, the readings
list is complete, and every unit runs top to bottom on a fresh kernel."""
import json
import re
from pathlib import Path

import nbformat
import pytest

from autograder.harness import lab_names
from autograder.release import release

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for d in ("units", "labs", "solutions") for p in (REPO / d).rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
LANGUAGE_INFO_KEYS = {"codemirror_mode", "file_extension", "mimetype", "name", "nbconvert_exporter",
                      "pygments_lexer", "version"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_no_outputs_and_valid_metadata(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    # What ipykernel reports: without it JupyterLab rewrites the metadata, and
    # merely opening the notebook marks it unsaved.
    assert set(nb.metadata.language_info) >= LANGUAGE_INFO_KEYS, \
        f"{path.name}: store the kernel's full language_info"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"outputs in {path.name}"
    if "units" not in path.parts:
        ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
        assert len(ids) == len(set(ids)), "duplicate grade ids"
        graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert graded and all(c.metadata["nbgrader"]["points"] > 0 for c in graded)


def test_solutions_hold_no_reference_files():
    for lab in lab_names():
        files = [p.name for p in (REPO / "solutions" / lab).iterdir()]
        assert all(f.endswith(".ipynb") for f in files), files


@pytest.mark.parametrize("lab", lab_names())
def test_labs_are_the_generated_release(lab, tmp_path):
    fresh = release(lab, dest=tmp_path)
    for path in sorted(fresh.glob("*.ipynb")):
        committed = REPO / "labs" / lab / path.name
        assert committed.exists(), f"labs/{lab}/{path.name} is missing: run ./course release {lab}"
        assert json.loads(committed.read_text()) == json.loads(path.read_text()), (
            f"labs/{lab}/{path.name} is not what solutions/{lab}/ generates. Instructors: run "
            f"./course release {lab}. Self-learners: do your lab in work/{lab}/ (./course start "
            f"{lab}); ./course release keeps a copy of an edited labs/ notebook in work/{lab}/.")


def test_readings_cover_the_list_and_links_exist():
    text = (REPO / "readings.md").read_text()
    for prefix, n in (("T", 13), ("F", 15)):
        for i in range(1, n + 1):
            assert re.search(rf"\*\*{prefix}{i}\*\*", text), f"{prefix}{i} missing"
    for target in re.findall(r"\]\(((?:\.\./|\./)?(?:units|labs)/[^)#]+)\)", text):
        assert (REPO / target).exists(), target


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted((REPO / "units").glob("*.ipynb")), ids=lambda p: p.name)
def test_unit_runs_top_to_bottom(path):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
