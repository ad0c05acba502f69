"""A failing check shows its sentence wherever a student or a self-learner looks,
below the browser (tests/test_browser.py drives the real JupyterLab):

* in the kernel's messages, which is what JupyterLab renders;
* in ``nbgrader validate``, which is what the Validate button shows;
* in ``./course check``, with a non-zero exit below full marks.

For every lab: its release stub and one wrong implementation from its bank, run
up to the lab's first visible check. The expected sentence is what the check
raises when called directly on the same code.
"""
import subprocess
import sys
from pathlib import Path

import jupyter_client
import nbformat
import pytest
import yaml

from autograder import harness
from autograder.core import CheckFailed

from sentences import flat

REPO = Path(__file__).resolve().parent.parent
LABS = [lab["id"] for lab in yaml.safe_load((REPO / "course.yaml").read_text())["labs"]]
pytestmark = pytest.mark.slow


def release_notebook(lab: str) -> Path:
    return next((REPO / "labs" / lab).glob("*.ipynb"))


def first_visible_check(nb) -> int:
    """Index of the first grade cell that is a visible check."""
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and "checks." in cell.source and "HIDDEN" not in cell.source:
            return i
    raise AssertionError("no visible check")


def cells_up_to_first_check(lab: str, answers: dict[str, str] | None = None) -> list[str]:
    nb = harness.fill(release_notebook(lab), answers or {})
    last = first_visible_check(nb)
    return [c.source for c in nb.cells[: last + 1] if c.cell_type == "code"]


def wrong_answer(lab: str) -> dict[str, str]:
    """A bank mistake in the first answer cell that the first visible check catches."""
    nb = nbformat.read(release_notebook(lab), as_version=4)
    check = nb.cells[first_visible_check(nb)].metadata.nbgrader.grade_id
    for entry in harness.read_bank(lab):
        if entry.kind == "wrong" and check in entry.must_fail:
            return entry.cells
    pytest.fail(f"no wrong implementation in tests/banks/{lab}/wrong fails {check}")


def expected_sentence(sources: list[str]) -> str:
    """Run the cells in this process; the last one must raise CheckFailed."""
    namespace = {"__name__": "__main__"}
    for source in sources[:-1]:
        exec(compile(source, "<cell>", "exec"), namespace)
    with pytest.raises(CheckFailed) as failure:
        exec(compile(sources[-1], "<cell>", "exec"), namespace)
    return str(failure.value)


CASES = [pytest.param(lab, kind, id=f"{lab}-{kind}") for lab in LABS for kind in ("stub", "wrong")]


def sources_for(lab: str, kind: str) -> list[str]:
    return cells_up_to_first_check(lab, wrong_answer(lab) if kind == "wrong" else None)


@pytest.fixture(scope="module")
def kernel():
    manager, client = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("lab, kind", CASES)
def test_kernel_sends_the_sentence_as_an_error_output(kernel, lab, kind):
    sources = sources_for(lab, kind)
    sentence = expected_sentence(sources)
    messages = []
    for source in sources:
        messages = []
        reply = kernel.execute_interactive(source, output_hook=messages.append, timeout=300)
    assert reply["content"]["status"] == "error"
    errors = [m["content"] for m in messages if m["msg_type"] == "error"]
    assert len(errors) == 1, f"expected one error output, got {[m['msg_type'] for m in messages]}"
    error = errors[0]
    assert error["ename"] == "CheckFailed" and error["evalue"] == sentence
    shown = flat("\n".join(error["traceback"]))
    assert flat(sentence) in shown, "the traceback JupyterLab renders lacks the sentence"
    assert "Traceback" not in shown and "autograder/" not in shown, "our frames are shown"


@pytest.mark.parametrize("lab, kind", CASES)
def test_validate_shows_the_sentence(lab, kind, tmp_path):
    sources = sources_for(lab, kind)
    sentence = expected_sentence(sources)
    notebook = tmp_path / release_notebook(lab).name
    nbformat.write(harness.fill(release_notebook(lab), wrong_answer(lab) if kind == "wrong" else {}),
                   notebook)
    proc = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(notebook)],
                          cwd=REPO, env=harness.nbgrader_env(), capture_output=True, text=True)
    shown = proc.stdout + proc.stderr
    assert "VALIDATION FAILED" in shown
    assert flat(f"CheckFailed: {sentence}") in flat(shown), shown[-3000:]
    assert "showtraceback" not in shown
    assert "without encryption" not in shown, "the kernel warns about TCP in every validate"


def test_selfcheck_names_a_syntax_error_and_exits_non_zero(tmp_path):
    lab = "lottery_tickets"
    nb = harness.fill(release_notebook(lab), {"magnitude_prune": "def magnitude_prune(w, m, f, s):\n"
                                                                 "    return {k: (1 for k in m}\n"})
    renamed = tmp_path / "my attempt.ipynb"  # renamed: the lab is found from its cells
    nbformat.write(nb, renamed)
    proc = subprocess.run([sys.executable, "-m", "autograder.selfcheck", str(renamed)],
                          cwd=REPO, env=harness.nbgrader_env(), capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "cell `magnitude_prune` raised SyntaxError" in proc.stdout
    assert "Total: 0 / " in proc.stdout


def test_selfcheck_refuses_a_unit_with_a_sentence():
    unit = next((REPO / "units").glob("*.ipynb"))
    proc = subprocess.run([sys.executable, "-m", "autograder.selfcheck", str(unit)],
                          cwd=REPO, env=harness.nbgrader_env(), capture_output=True, text=True)
    assert proc.returncode == 2
    assert "none of the graded cells" in proc.stderr and "Traceback" not in proc.stderr
