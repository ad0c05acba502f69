"""Run the real nbgrader pipeline on a lab in a throw-away course directory.

Used by the self-check command (``python -m autograder.selfcheck``) and by the
tests that prove each lab's checks separate right from wrong. Nothing here is
imported by student notebooks.
"""
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
SOLUTIONS = REPO / "solutions"
LABS = REPO / "labs"
BANKS = REPO / "tests" / "banks"


def nbgrader_env() -> dict:
    """The environment nbgrader needs: this Python's bin/ on PATH (nbgrader runs
    ``alembic`` from there) and one thread per kernel."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("OMP_NUM_THREADS", "1")
    env.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")
    return env


def run_nbgrader(course: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``nbgrader ARGS`` with the course's configuration, rooted at ``course``."""
    cmd = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course}"]
    proc = subprocess.run(cmd, cwd=course, env=nbgrader_env(), capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def grade_in_parallel(course: Path, lab: str, *options: str, workers: int = 2,
                      **run) -> subprocess.CompletedProcess:
    """``./course grade LAB``: every collected submission autograded on a local Dask cluster
    (autograder/parallel.py), with each task's whole log; ``options`` as for nbgrader."""
    cmd = [sys.executable, "-m", "autograder.parallel", lab, f"--course={course}",
           f"--workers={workers}", "--verbose", *options]
    return subprocess.run(cmd, cwd=course, env=run.pop("env", None) or nbgrader_env(),
                          capture_output="stdout" not in run, text=True, **run)


def make_course(root: Path, lab: str | None, sandbox_required: bool | None = None,
                db_url: str | None = None) -> Path:
    """A fresh course directory holding one lab's source (none for ``lab=None``) and this
    repo's config, with the gradebook at ``db_url`` if given (else nbgrader's SQLite file).

    ``sandbox_required=False`` (self-learners grading their own work) grades without the
    bubblewrap sandbox where it is not installed, with a warning. By default the sandbox is
    required where bubblewrap is installed, and in CI."""
    if sandbox_required is None:
        sandbox_required = bool(shutil.which("bwrap") or os.environ.get("CI"))
    root.mkdir(parents=True, exist_ok=True)
    config = REPO / "autograder" / "nbgrader_config.py"
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nload_subconfig({str(config)!r})\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        f"c.SandboxedKernelManager.required = {sandbox_required!r}\n"
        + (f"c.CourseDirectory.db_url = {db_url!r}\n" if db_url else "")
    )
    if lab:
        shutil.copytree(SOLUTIONS / lab, root / "solutions" / lab, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return root


def generate(course: Path, lab: str) -> Path:
    """``nbgrader generate_assignment``: the student release, under ``labs/``."""
    run_nbgrader(course, "generate_assignment", lab, "--force")
    return course / "labs" / lab


def lab_names() -> list[str]:
    """Every lab of the course: the folders of ``solutions/`` that hold a notebook."""
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


# -- submissions --------------------------------------------------------------
def answer_cells(path: Path) -> dict[str, str]:
    """{grade id: source} of a notebook's answer (nbgrader solution) cells."""
    return {cell.metadata.nbgrader.grade_id: cell.source
            for cell in nbformat.read(path, as_version=4).cells
            if cell.metadata.get("nbgrader", {}).get("solution")}


def solution_sources(lab: str) -> dict[str, str]:
    """Reference source of every solution cell, markers removed (lines only)."""
    sources = {}
    for path in sorted((SOLUTIONS / lab).glob("*.ipynb")):
        for grade_id, source in answer_cells(path).items():
            lines = [line for line in source.splitlines()
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
            sources[grade_id] = "\n".join(lines)
    return sources


def fill(release_nb: Path, replacements: dict[str, str],
         demos: bool = True) -> nbformat.NotebookNode:
    """The release notebook with the given cells' sources replaced, by grade id.

    ``demos=False`` leaves out the cells nbgrader does not know (the lab's experiments, which
    autograde runs but does not score): the tests use it to grade a bank faster."""
    nb = nbformat.read(release_nb, as_version=4)
    unknown = set(replacements) - {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    if unknown:
        raise KeyError(f"no cells with grade ids {sorted(unknown)} in {release_nb.name}")
    if not demos:
        nb.cells = [c for c in nb.cells if c.cell_type != "code" or "nbgrader" in c.metadata]
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in replacements:
            cell.source = replacements[gid]
    return nb


def submit(course: Path, lab: str, student: str, notebooks: dict[str, nbformat.NotebookNode]):
    """Place a submission as ``nbgrader collect`` would."""
    folder = course / "submitted" / student / lab
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / name)
    (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")


# -- the bank of right and wrong implementations ------------------------------
@dataclass
class BankEntry:
    """One implementation in ``tests/banks/<lab>/``: which cells it replaces, which
    grade cells it must fail (``# fails: id id``) and, for robustness entries, the
    scores it must get (``# expect: full`` or ``# expect: id=points id=points``)."""

    name: str
    kind: str  # "wrong", "correct" or "robustness"
    summary: str
    cells: dict[str, str]
    must_fail: list[str] = field(default_factory=list)
    expect: dict[str, float] | str | None = None


def read_bank(lab: str) -> list[BankEntry]:
    entries = []
    for kind in ("correct", "wrong", "robustness"):
        for path in sorted((BANKS / lab / kind).glob("*.py")):
            entries.append(parse_bank_file(path, kind, solution_sources(lab)))
    return entries


def apply_edit(source: str, edit: list[str], where: str) -> str:
    """Apply an ``# %% edit:`` section to a reference cell.

    The section is a list of blocks, each some ``- old line`` lines followed by
    zero or more ``+ new line`` lines; each block's old lines must appear exactly
    once, consecutively, in the reference, and are replaced by its new lines.
    """
    blocks: list[tuple[list[str], list[str]]] = []
    for line in edit:
        if not line.strip():
            continue
        sign, text = line[:1], line[2:]
        if sign not in "+-" or line[1:2] not in ("", " "):
            raise ValueError(f"{where}: edit lines start with '- ' or '+ ', not {line!r}")
        if sign == "-" and (not blocks or blocks[-1][1]):
            blocks.append(([], []))  # a '-' after '+' lines starts the next block
        if not blocks:
            raise ValueError(f"{where}: an edit block starts with the '- ' lines it replaces")
        blocks[-1][0 if sign == "-" else 1].append(text)
    for old, new in blocks:
        before = "".join(line + "\n" for line in old)
        if source.count(before) != 1:
            raise ValueError(f"{where}: the reference does not contain exactly once:\n{before}")
        source = source.replace(before, "".join(line + "\n" for line in new))
    return source


def parse_bank_file(path: Path, kind: str, reference: dict[str, str] | None = None) -> BankEntry:
    """A bank file holds whole cells (``# %% cell: <grade_id>``) or edits of the
    reference cell (``# %% edit: <grade_id>``), after its header comments."""
    summary, must_fail, cells, current, expect, edits = [], [], {}, None, None, set()
    for line in path.read_text().splitlines():
        if line.startswith(("# %% cell:", "# %% edit:")):
            current = line.split(":", 1)[1].strip()
            cells[current] = []
            if line.startswith("# %% edit:"):
                edits.add(current)
        elif current is not None:
            cells[current].append(line)
        elif line.startswith("# fails:"):
            must_fail += line.split(":", 1)[1].split()
        elif line.startswith("# expect:"):
            words = line.split(":", 1)[1].split()
            expect = "full" if words == ["full"] else {
                k: float(v) for k, v in (w.split("=") for w in words)}
        elif line.startswith("#"):
            summary.append(line.lstrip("# ").strip())
    sources = {}
    for k, lines in cells.items():
        if k in edits:
            sources[k] = apply_edit((reference or {})[k] + "\n", lines, f"{path.name}, {k}").strip("\n")
        else:
            sources[k] = "\n".join(lines).strip("\n")
    return BankEntry(path.stem, kind, " ".join(summary).strip(), sources, must_fail, expect)


# -- grades --------------------------------------------------------------------
def cell_scores(course: Path, lab: str, final: bool = False) -> dict[str, dict[str, float | None]]:
    """{student: {grade cell id: auto score or None}} from the gradebook; with ``final``, the
    score an instructor sees (a manual score, when there is one, else the auto score)."""
    from nbgrader.api import Gradebook

    def score(g):
        if not final:
            return g.auto_score
        return None if g.auto_score is None and g.manual_score is None else g.score

    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in gb.students:
            try:
                sub = gb.find_submission(lab, student.id)
            except Exception:
                continue
            scores[student.id] = {g.name: score(g) for nb in sub.notebooks for g in nb.grades}
    return scores


def max_scores(course: Path, lab: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assignment = gb.find_assignment(lab)
        return {c.name: c.max_score for nb in assignment.notebooks for c in nb.grade_cells}


def failure_messages(course: Path, lab: str, student: str) -> dict[str, str]:
    """The last line of each failing grade cell's error, from the autograded notebook."""
    messages = {}
    for path in sorted((course / "autograded" / student / lab).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade") or cell.cell_type != "code":
                continue
            for out in cell.get("outputs", []):
                if out.output_type == "error":
                    messages[meta["grade_id"]] = f"{out.ename}: {out.evalue}".strip()
    return messages

