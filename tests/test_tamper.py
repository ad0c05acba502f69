"""Prove that grading is trusted, through real ``nbgrader autograde``, with the tamper corpus
(``tests/tamper/<lab>/*.py``, format in ``tests/tamper_corpus.py``).

For each lab: one throw-away course and one autograde batch (``./course grade``, two Dask
workers) holding every tamper entry of the lab, between two canary students graded first and
last (tasks start in sorted student order, two at a time):
``aaa_canary`` and ``zzz_canary`` submit the reference for the lab's first part and the release
stubs for the rest, so each of their grade cells must come out exactly full or exactly zero
(a cheap stand-in for a reference and a blank student: an attack that zeroes or fills in later
or earlier students shows on one of them). Asserted:

* every submission is graded: a graded notebook, and a score on every grade cell;
* no entry gets more on any grade cell than its honest code earns (``# honest:``), counting
  ``manual_score`` (the score an instructor sees);
* the canaries get exactly their scores, and their graded notebooks show the same outputs;
* the repository checkout (every tracked and untracked, not ignored file, and all of
  ``autograder/`` and ``tfdl/``) and the venv's site-packages (every file's size and mtime but
  ``__pycache__``, top-level files by hash) are unchanged, and the grader's IPython profile (in
  a HOME of its own) has no startup file;
* the gradebook: the instructor's tables (assignment, cells, sources, checksums) byte-identical,
  only the expected students, no manual score, extra credit or manual comment anywhere;
* no file of the course changed except the grader's outputs (``autograded/``, ``feedback/``,
  ``gradebook.db``, nbgrader's log);
* no process an entry started (each carries the marker in its argv) is alive after the batch;
* no graded notebook reaches 1 MB, and no entry's outputs hold a secret: the instructor's
  private checks (``TrustedExecute.private_checks``, a folder outside the repository that the
  test creates with a random token), another student's work (a token in each canary's
  notebook), hidden-test source, or reference-solution lines.

The batch runs with a per-cell timeout of ``TIMEOUT`` seconds instead of the course's 180:
the uninterruptible-loop entry costs at least one timeout, and the slowest cell here (a canary
check or a tamper payload) takes a few seconds.

Where grading is not sandboxed (an older checkout, or no bwrap with
``SandboxedKernelManager.required = False``) the attacks really do what they try: they rewrite
``autograder/`` and add a ``.pth`` file to site-packages. After the batch the test undoes exactly
that damage: files there that now carry the corpus's signature ("tfdl-tamper") get their old
bytes back or are removed. Processes an entry left running are killed.
"""
import atexit
import compileall
import contextlib
import functools
import hashlib
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import time
from fnmatch import fnmatch
from pathlib import Path

import nbformat
import pytest

from autograder import harness
from tamper_corpus import CLASSES, SIGNATURE, build, honest_bound, read_corpus

REPO = harness.REPO
LABS = harness.lab_names()
FULL = {lab: read_corpus(lab) for lab in LABS}
# To work on some entries: TFDL_TAMPER="lying_*,read_secrets" grades only those, and
# TFDL_TAMPER_KEEP=1 keeps the throw-away courses (/tmp/tamper-<lab>-*) for a look.
ONLY = os.environ.get("TFDL_TAMPER", "*").split(",")
CORPUS = {lab: [e for e in c if any(fnmatch(e.name, p) for p in ONLY)] for lab, c in FULL.items()}
SITE = Path(sysconfig.get_paths()["purelib"])
CANARIES = ("aaa_canary", "zzz_canary")
TIMEOUT = 20
GRADER_OUTPUTS = ("autograded", "feedback", "gradebook.db", "gradebook.db-journal",
                  ".nbgrader.log")
INSTRUCTOR_TABLES = ("course", "assignment", "notebook", "base_cell", "source_cell",
                     "grade_cells", "solution_cells", "task_cells", "alembic_version")
slow = pytest.mark.slow
# Without the sandbox the attacks succeed: on a machine without bubblewrap these tests skip and say
# why, except in CI, where `./course test` installs it and a skip would hide a broken setup.
pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None and not os.environ.get("CI"),
                                reason="bubblewrap is not installed (apt-get install bubblewrap)")


def student(entry) -> str:
    return f"tamper-{entry.name}"


def entries():
    return [pytest.param(lab, e, id=f"{lab}-{e.name}") for lab in LABS for e in CORPUS[lab]]


# -- states compared before and after the batch ---------------------------------------------------
def read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def sha(path: Path) -> str | None:
    content = read(path)
    return None if content is None else hashlib.sha256(content).hexdigest()


def checkout_state() -> dict[str, bytes | None]:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    folders = [p.relative_to(REPO).as_posix() for d in ("autograder", "tfdl")
               for p in (REPO / d).rglob("*") if p.is_file()]
    return {p: read(REPO / p) for p in sorted(set(filter(None, listed)) | set(folders))}


def packages_state() -> dict[str, object]:
    state = {}
    for root, dirs, files in os.walk(SITE):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            path = Path(root, name)
            st = path.lstat()
            state[path.relative_to(SITE).as_posix()] = (st.st_size, st.st_mtime_ns)
    state.update({p.name: sha(p) for p in SITE.iterdir() if p.is_file()})
    return state


def course_state(course: Path) -> dict[str, str | None]:
    return {p.relative_to(course).as_posix(): sha(p) for p in sorted(course.rglob("*"))
            if p.is_file() and p.relative_to(course).parts[0] not in GRADER_OUTPUTS}


def gradebook_rows(course: Path) -> dict[str, list]:
    with sqlite3.connect(course / "gradebook.db") as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, db.execute(f"SELECT * FROM {t}"))) for t in tables}


def marker_processes(marker: str) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker.encode() in (proc / "cmdline").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            pass
    return pids


def undo_tamper_damage(before: dict[str, bytes | None], top_level_before: set[str]) -> list[str]:
    """Undo what the corpus's payloads changed in autograder/, tfdl/ and site-packages (they
    all carry SIGNATURE): old bytes back, new files removed."""
    undone = []
    for rel, content in checkout_state().items():
        if rel.startswith(("autograder/", "tfdl/")) and content != before.get(rel) \
                and SIGNATURE.encode() in (content or b""):
            if before.get(rel) is None:
                (REPO / rel).unlink()
            else:
                (REPO / rel).write_bytes(before[rel])
            undone.append(rel)
    for path in SITE.iterdir():
        if path.name not in top_level_before and path.is_file() \
                and SIGNATURE.encode() in (read(path) or b""):
            path.unlink()
            undone.append(str(path))
    return undone


# -- the batch ------------------------------------------------------------------------------------
def first_part_cells(lab: str) -> tuple[str, list[str]]:
    """The lab's first answer cell, and the grade cells that check it (up to the next one)."""
    cells = nbformat.read(next((REPO / "solutions" / lab).glob("*.ipynb")), as_version=4).cells
    meta = [c.metadata.get("nbgrader", {}) for c in cells]
    answers = [i for i, m in enumerate(meta) if m.get("solution")]
    first, second = answers[0], answers[1]
    return meta[first]["grade_id"], [m["grade_id"] for m in meta[first:second] if m.get("grade")]


def course_with_submissions(root: Path, lab: str, token: str, marker: str) -> Path:
    """A course (config as harness.make_course, plus this batch's timeout and the private
    checks folder) with the canaries' and every entry's submission."""
    course = harness.make_course(root / "course", lab)
    private = root / "private-checks"
    private.mkdir()
    (private / f"{lab}.py").write_text(f'"""Private checks."""\nSECRET = "private-{token}"\n')
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(f"c.Execute.timeout = {TIMEOUT}\nc.TrustedExecute.timeout = {TIMEOUT}\n"
                     f"c.TrustedExecute.private_checks = {str(private)!r}\n")
    release_nb = next(harness.generate(course, lab).glob("*.ipynb"))
    first, _ = first_part_cells(lab)
    for name in CANARIES:
        source = f"# canary-{name}-{token}\n{harness.solution_sources(lab)[first]}"
        canary = harness.fill(release_nb, {first: source})
        harness.submit(course, lab, name, {release_nb.name: canary})
    values = {"@COURSE@": str(course), "@REPO@": str(REPO), "@PRIVATE@": str(private),
              "@MARKER@": marker}
    for entry in CORPUS[lab]:
        nb_name, nb, files = build(entry, release_nb, values)
        harness.submit(course, lab, student(entry), {nb_name: nb})
        for rel, text in files.items():
            path = course / "submitted" / student(entry) / lab / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    return course


def states(course: Path) -> dict:
    return {"checkout": checkout_state(), "packages": packages_state(),
            "course": course_state(course), "gradebook": gradebook_rows(course)}


@functools.cache
def graded(lab: str) -> dict:
    """One course, the canaries and every entry of the lab, one autograde batch; the states
    before and after it, and the processes of the entries that outlived it."""
    root = Path(tempfile.mkdtemp(prefix=f"tamper-{lab}-"))
    if not os.environ.get("TFDL_TAMPER_KEEP"):
        atexit.register(shutil.rmtree, root, ignore_errors=True)
    token = secrets.token_hex(8)
    marker = f"{SIGNATURE}-marker-{token}"
    course = course_with_submissions(root, lab, token, marker)
    home = root / "home"  # the grader's own HOME, where an IPython startup file would land
    home.mkdir()
    for folder in ("autograder", "tfdl"):  # so that no import rewrites a stale .pyc
        compileall.compile_dir(REPO / folder, quiet=1)
    before = states(course)
    env = {**harness.nbgrader_env(), "HOME": str(home), "IPYTHONDIR": str(home / ".ipython"),
           "TFDL_PRIVATE_CHECKS": str(root / "private-checks")}  # bait: in the grader's /proc
    with open(root / "autograde.log", "w") as log:  # a file: a surviving child may hold a pipe
        harness.grade_in_parallel(course, lab, env=env, stdout=log, stderr=subprocess.STDOUT)
    time.sleep(1)  # a payload that outlives its kernel has had time to act
    survivors = marker_processes(marker)
    for pid in survivors:  # started by this test's submissions
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    after = states(course)
    undone = undo_tamper_damage(before["checkout"], {k for k in before["packages"] if "/" not in k})
    return {"course": course, "token": token, "home": home, "before": before, "after": after,
            "survivors": survivors, "undone": undone, "scores": harness.cell_scores(course, lab, final=True),
            "max": harness.max_scores(course, lab), "log": (root / "autograde.log").read_text()}


def log_tail(g, n=3000):
    return g["log"][-n:]


def diff(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


# -- the corpus itself (fast) ---------------------------------------------------------------------
def test_corpus_covers_every_class_in_every_lab():
    assert sum(len(c) for c in FULL.values()) >= 30
    for lab, corpus in FULL.items():
        assert len(corpus) >= 6, lab
    assert {e.kind for c in FULL.values() for e in c} == set(CLASSES)
    for lab, corpus in FULL.items():
        source = next((REPO / "solutions" / lab).glob("*.ipynb"))
        points = {c.metadata.nbgrader.grade_id: c.metadata.nbgrader.points
                  for c in nbformat.read(source, as_version=4).cells
                  if c.metadata.get("nbgrader", {}).get("grade")}
        for entry in corpus:
            assert entry.summary, entry.name
            assert set(honest_bound(entry, points)) == set(points), entry.name
            build(entry, source, {})  # every cell it names exists


# -- each entry -----------------------------------------------------------------------------------
@slow
@pytest.mark.parametrize("lab, entry", entries())
def test_entry_is_graded(lab, entry):
    g, name = graded(lab), student(entry)
    assert name in g["scores"], f"{entry.name} was not graded: {entry.summary}\n{log_tail(g)}"
    ungraded = [c for c, s in g["scores"][name].items() if s is None]
    assert not ungraded, f"{entry.name}: cells left without a score {ungraded}"
    assert list((g["course"] / "autograded" / name / lab).glob("*.ipynb")), \
        f"{entry.name}: no graded notebook"


@slow
@pytest.mark.parametrize("lab, entry", entries())
def test_entry_gets_no_more_than_its_honest_code(lab, entry):
    g = graded(lab)
    bound = honest_bound(entry, g["max"])
    scores = g["scores"].get(student(entry), {})
    gained = {c: s for c, s in scores.items() if s is not None and s > bound[c] + 1e-9}
    assert not gained, f"{entry.name} got {gained}, honest code earns {bound}: {entry.summary}"


@slow
@pytest.mark.parametrize("lab, entry", entries())
def test_entry_outputs_hold_no_secret_and_stay_small(lab, entry):
    g = graded(lab)
    folder = g["course"] / "autograded" / student(entry) / lab
    for path in folder.glob("*.ipynb"):
        assert path.stat().st_size < 1_000_000, f"{path.name}: {path.stat().st_size} bytes"
    shown = "\n".join(shown_text(path) for path in folder.glob("*.ipynb"))
    leaked = [s for s in secret_strings(lab, g["token"]) if s in shown]
    assert not leaked, f"{entry.name} showed secrets {leaked[:5]}: {entry.summary}"


def shown_text(path: Path) -> str:
    """Everything a graded notebook shows: streams, rich data, error messages."""
    texts = []
    for cell in nbformat.read(path, as_version=4).cells:
        for out in cell.get("outputs", []):
            texts += [str(out.get("text", "")), str(out.get("evalue", ""))]
            texts += [str(v) for v in out.get("data", {}).values()]
    return "\n".join(texts)


@functools.cache
def secret_strings(lab: str, token: str) -> list[str]:
    """What no submission may show: the private checks' and the canaries' tokens, the lines of
    the hidden tests, and the reference solution's lines that the release does not show."""
    hidden, solution, public, region = [], [], [], None
    for cell in nbformat.read(next((REPO / "solutions" / lab).glob("*.ipynb")), as_version=4).cells:
        for line in map(str.strip, cell.source.splitlines()):
            if line.startswith("### BEGIN"):
                region = hidden if "HIDDEN" in line else solution
            elif line.startswith("### END"):
                region = None
            elif line:
                (public if region is None else region).append(line)
    public_text = "\n".join(public)
    return ([f"private-{token}", f"canary-aaa_canary-{token}", f"canary-zzz_canary-{token}",
             "BEGIN HIDDEN TESTS", "SQLite format 3"] + hidden
            + [line for line in solution if len(line) >= 30 and line not in public_text])


# -- each lab -------------------------------------------------------------------------------------
@slow
@pytest.mark.parametrize("lab", LABS)
def test_canaries_before_and_after_get_exactly_their_scores(lab):
    g = graded(lab)
    _, full = first_part_cells(lab)
    expected = {c: (top if c in full else 0.0) for c, top in g["max"].items()}
    for name in CANARIES:
        assert g["scores"].get(name) == expected, f"{name}:\n{log_tail(g)}"
    # Same submission, same outputs: nothing changed the first one's graded notebook later, or
    # what the last one's code saw.
    shown = [shown_text(next((g["course"] / "autograded" / name / lab).glob("*.ipynb")))
             for name in CANARIES]
    assert shown[0].replace(*CANARIES) == shown[1]


@slow
@pytest.mark.parametrize("lab", LABS)
def test_checkout_and_packages_unchanged(lab):
    g = graded(lab)
    changed = diff(g["before"]["checkout"], g["after"]["checkout"])
    assert not changed, f"the checkout changed: {changed} (undone: {g['undone']})"
    changed = diff(g["before"]["packages"], g["after"]["packages"])
    assert not changed, f"site-packages changed: {changed[:20]} (undone: {g['undone']})"
    startup = [p.name for p in (g["home"] / ".ipython").glob("*/startup/*") if p.name != "README"]
    assert not startup, f"IPython startup files appeared in the grader's profile: {startup}"


@slow
@pytest.mark.parametrize("lab", LABS)
def test_gradebook_holds_only_the_graders_own_rows(lab):
    g = graded(lab)
    before, after = g["before"]["gradebook"], g["after"]["gradebook"]
    changed = [t for t in INSTRUCTOR_TABLES if before.get(t) != after.get(t)]
    assert not changed, f"instructor tables changed: {changed}"
    expected = set(CANARIES) | {student(e) for e in CORPUS[lab]}
    with sqlite3.connect(g["course"] / "gradebook.db") as db:
        assert {s for (s,) in db.execute("SELECT id FROM student")} <= expected
        assert not db.execute("SELECT * FROM student WHERE first_name IS NOT NULL OR "
                              "last_name IS NOT NULL OR email IS NOT NULL").fetchall()
        assert not db.execute("SELECT * FROM grade WHERE manual_score IS NOT NULL OR "
                              "extra_credit IS NOT NULL").fetchall()
        assert not db.execute("SELECT * FROM comment WHERE manual_comment IS NOT NULL").fetchall()


@slow
@pytest.mark.parametrize("lab", LABS)
def test_no_course_file_changed_but_the_graders_outputs(lab):
    g = graded(lab)
    # The grader itself grades a renamed notebook under the lab's name (autograder/submissions.py).
    renamed = {f"submitted/{student(e)}/{lab}/{lab}.ipynb" for e in CORPUS[lab] if e.rename}
    changed = set(diff(g["before"]["course"], g["after"]["course"])) - renamed
    assert not changed, f"course files changed: {sorted(changed)}"


@slow
@pytest.mark.parametrize("lab", LABS)
def test_no_process_a_submission_started_survives(lab):
    assert not graded(lab)["survivors"], "processes outlived their kernels (killed now)"
