"""Parallel autograde on Dask (``./course grade``, autograder/parallel.py) gives exactly what
serial ``nbgrader autograde`` gives.

One small assignment (a function ``square`` with a visible and a hidden test), 32 submissions
(right, wrong, blank, crashing kernel, deleted test cell, renamed notebook, late, and one that
fails the whole student), graded three ways from identical course copies with one grading seed:
serially by stock nbgrader on SQLite; by ``./course grade`` on a local Dask cluster of two
workers on SQLite; and by a real ``dask scheduler`` with two ``dask worker`` processes this test
starts, writing into a PostgreSQL gradebook on a server this test starts (skipped, with the
reason, where PostgreSQL is not installed). The gradebook rows, the graded notebooks and the
export agree; every student is graded once; the workers graded at the same time.
"""
import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from autograder import harness

REPO = Path(__file__).resolve().parent.parent
LAB = "squares"
SEED = 4242
pytestmark = pytest.mark.slow


# -- the assignment and its submissions -------------------------------------------------------
def _cell(kind, source, grade_id, *, grade=False, solution=False, points=None):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    cell = make(source, metadata={"nbgrader": meta})
    cell.id = grade_id  # the same in every course copy (nbformat draws random ones)
    return cell


def source_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        _cell("markdown", "# Squares\nWrite `square(x)`.", "intro"),
        _cell("code", "from autograder.core import call", "setup"),
        _cell("code", "def square(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION",
              "square", solution=True),
        _cell("code", 'assert call(square, 3) == 9, "square(3) should be 9"', "test_three",
              grade=True, points=1),
        _cell("code", "assert call(square, 0) == 0\n### BEGIN HIDDEN TESTS\nfor v in (-2, 5, 1.5):\n"
              '    assert call(square, v) == v * v, f"square({v}) should be {v * v}"\n'
              "### END HIDDEN TESTS", "test_hidden", grade=True, points=2),
    ]
    return nb


ANSWERS = {
    "right_mul": "def square(x):\n    return x * x",
    "right_pow": "def square(x):\n    return x ** 2",
    "right_builtin": "def square(x):\n    return pow(x, 2)",
    "right_lambda": "square = lambda x: x * x",
    "wrong_double": "def square(x):\n    return x + x",
    "wrong_cube": "def square(x):\n    return x ** 3",
    "wrong_abs": "def square(x):\n    return abs(x) if x < 0 else x * x",
    "wrong_none": "def square(x):\n    pass",
    "crash": "import os\nos._exit(1)",
}


def submissions(release: Path) -> dict[str, dict[str, nbformat.NotebookNode]]:
    """{student: {file name: notebook}}: 32 students."""
    def answered(code):
        nb = nbformat.read(release / f"{LAB}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "square":
                cell.source = code
        return nb

    out = {}
    for i in range(3):
        for name, code in ANSWERS.items():
            out[f"s{i}-{name}"] = {f"{LAB}.ipynb": answered(code)}
    out["blank"] = {f"{LAB}.ipynb": nbformat.read(release / f"{LAB}.ipynb", as_version=4)}
    deleted = answered(ANSWERS["right_mul"])
    deleted.cells = [c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_three"]
    out["deleted_test"] = {f"{LAB}.ipynb": deleted}
    out["renamed"] = {f"{LAB}-Copy1.ipynb": answered(ANSWERS["right_pow"])}
    out["late"] = {f"{LAB}.ipynb": answered(ANSWERS["right_mul"])}
    out["other_notebook"] = {"notes.ipynb": answered(ANSWERS["right_mul"])}
    assert len(out) >= 30
    return out


def make_course(root: Path, db_url: str | None = None) -> Path:
    course = harness.make_course(root, None, db_url=db_url)
    (course / "solutions" / LAB).mkdir(parents=True)
    nbformat.write(source_notebook(), course / "solutions" / LAB / f"{LAB}.ipynb")
    harness.generate(course, LAB)
    harness.run_nbgrader(course, "db", "assignment", "add", LAB, "--duedate=2026-01-01 12:00:00 UTC")
    for student, notebooks in submissions(course / "labs" / LAB).items():
        harness.submit(course, LAB, student, notebooks)
        if student == "late":
            (course / "submitted" / student / LAB / "timestamp.txt").write_text("2026-01-02 12:00:00.000000 UTC")
    return course


# -- what the three ways produce ---------------------------------------------------------------
def gradebook_rows(db_url: str) -> dict:
    """Everything autograde writes, per student, without ids; and the row counts."""
    from nbgrader.api import Comment, Grade, Gradebook, MissingEntry, SubmittedAssignment, SubmittedNotebook

    rows = {}
    with Gradebook(db_url) as gb:
        for student in gb.students:
            try:
                sub = gb.find_submission(LAB, student.id)
            except MissingEntry:
                continue
            rows[student.id] = {
                "timestamp": str(sub.timestamp), "late": sub.total_seconds_late,
                "notebooks": {nb.name: {
                    "flagged": nb.flagged,
                    "grades": sorted((g.name, g.auto_score, g.manual_score, g.needs_manual_grade)
                                     for g in nb.grades),
                    "comments": sorted((c.name, c.auto_comment, c.manual_comment) for c in nb.comments),
                } for nb in sub.notebooks}}
        counts = {table.__name__: gb.db.query(table).count()
                  for table in (SubmittedAssignment, SubmittedNotebook, Grade, Comment)}
    return {"students": rows, "counts": counts}


def graded_notebooks(course: Path) -> dict:
    """The graded notebooks, without what differs from run to run: the times nbclient records
    of each cell, and whether a kernel that died in a cell had numbered it first."""
    out = {}
    for path in sorted((course / "autograded").glob(f"*/{LAB}/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
            if any(o.get("ename") == "KernelEnded" for o in cell.get("outputs", [])):
                cell.execution_count = None  # set or not, as the dying kernel got to reply
        out[str(path.relative_to(course / "autograded"))] = nb
    return out


def export(course: Path) -> list[dict]:
    harness.run_nbgrader(course, "export", check=False)
    return sorted(csv.DictReader(io.StringIO((course / "grades.csv").read_text())),
                  key=lambda row: row["student_id"])


def outcome(course: Path, db_url: str, proc, report: Path | None = None) -> dict:
    return {"course": course, "rows": gradebook_rows(db_url), "notebooks": graded_notebooks(course),
            "export": export(course), "returncode": proc.returncode,
            "log": proc.stdout + proc.stderr,
            "report": [json.loads(line) for line in report.read_text().splitlines()] if report else []}


@pytest.fixture(scope="module")
def workdir():
    root = Path(tempfile.mkdtemp(prefix="parallel-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def sqlite_url(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


@pytest.fixture(scope="module")
def serial(workdir):
    course = make_course(workdir / "serial")
    proc = harness.run_nbgrader(course, "autograde", LAB, f"--TrustedExecute.seed={SEED}", check=False)
    return outcome(course, sqlite_url(course), proc)


@pytest.fixture(scope="module")
def local(workdir):
    """``./course grade`` as an instructor types it: a local cluster of two workers."""
    course = make_course(workdir / "local")
    report = workdir / "local.jsonl"
    proc = subprocess.run([str(REPO / "course"), "grade", LAB, f"--course={course}", "--workers=2",
                           f"--seed={SEED}", f"--report={report}"],
                          env=harness.nbgrader_env(), capture_output=True, text=True, timeout=900)
    return outcome(course, sqlite_url(course), proc, report)


# -- PostgreSQL and a Dask scheduler, started here ---------------------------------------------
def postgres_bin() -> Path | None:
    """The server programs' folder: Debian's (its /usr/bin/pg_ctl is a wrapper without
    createdb's siblings), else wherever initdb is on PATH."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    found = versions[-1] if versions else shutil.which("initdb")
    return Path(found).parent if found else None


def _as_postgres_user() -> list[str]:
    """initdb and postgres refuse to run as root: as root, run them as the `postgres` user."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]


@pytest.fixture(scope="module")
def postgres(workdir):
    """A PostgreSQL server in a temporary folder, on a Unix socket only; its gradebook's URL."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql), so the "
                    "PostgreSQL gradebook is not tested here")
    folder = workdir / "pg"
    folder.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        os.chmod(workdir, 0o755)
    run = lambda *cmd: subprocess.run([*_as_postgres_user(), *cmd], capture_output=True, text=True)
    proc = run(str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U", "grader", "--auth=trust")
    assert proc.returncode == 0, f"initdb failed:\n{proc.stdout}\n{proc.stderr}"
    options = f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off"
    proc = run(str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-o", options, "-w",
               "-l", str(folder / "server.log"), "start")
    assert proc.returncode == 0, f"pg_ctl start failed:\n{proc.stderr}\n{(folder / 'server.log').read_text()}"
    try:
        proc = run(str(bin_dir / "createdb"), "-h", str(folder), "-U", "grader", "gradebook")
        assert proc.returncode == 0, f"createdb failed:\n{proc.stderr}"
        yield f"postgresql+psycopg://grader@/gradebook?host={folder}"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "stop")


@contextlib.contextmanager
def dask_cluster(folder: Path, workers: int = 2):
    """`dask scheduler` and `dask worker` processes on localhost; yields the scheduler file."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    dask = str(Path(sys.executable).parent / "dask")
    env = {**harness.nbgrader_env(), "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}  # as INSTRUCTORS.md starts them
    logs, procs = [], []

    def start(*args, name):
        log = open(folder / f"{name}.log", "w")
        logs.append(log)
        procs.append(subprocess.Popen([dask, *args], env=env, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True))

    start("scheduler", "--host=127.0.0.1", "--port=0", "--no-dashboard",
          f"--scheduler-file={scheduler_file}", name="scheduler")
    for i in range(workers):
        start("worker", f"--scheduler-file={scheduler_file}", "--nthreads=1", "--nworkers=1",
              "--no-dashboard", "--host=127.0.0.1", name=f"worker{i}")
    try:
        yield scheduler_file
    finally:
        for proc in reversed(procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        for log in logs:
            log.close()


@pytest.fixture(scope="module")
def cluster(workdir, postgres):
    """A Dask scheduler and two workers started by hand, grading into PostgreSQL."""
    course = make_course(workdir / "cluster", db_url=postgres)
    report = workdir / "cluster.jsonl"
    with dask_cluster(workdir / "dask") as scheduler_file:
        proc = subprocess.run([sys.executable, "-m", "autograder.parallel", LAB, f"--course={course}",
                               f"--scheduler-file={scheduler_file}", f"--seed={SEED}",
                               f"--report={report}"],
                              env=harness.nbgrader_env(), capture_output=True, text=True, timeout=900)
    return outcome(course, postgres, proc, report)


# -- the tests ----------------------------------------------------------------------------------
def test_serial_batch_is_what_the_comparisons_need(serial):
    """The baseline itself: every kind of submission is there and graded as nbgrader does."""
    rows = serial["rows"]["students"]
    assert serial["returncode"] == 1, "the student with only another notebook fails the batch"
    assert "other_notebook" not in rows or not any(
        g[1] for nb in rows["other_notebook"]["notebooks"].values() for g in nb["grades"])
    full = {("test_hidden", 2.0), ("test_three", 1.0)}
    scores = {s: {(g[0], g[1]) for nb in r["notebooks"].values() for g in nb["grades"]}
              for s, r in rows.items()}
    assert scores["s0-right_mul"] == full and scores["renamed"] == full
    assert scores["deleted_test"] == full, "the deleted test cell was restored and graded"
    assert scores["s0-wrong_double"] == {("test_hidden", 0.0), ("test_three", 0.0)}
    assert scores["blank"] == {("test_hidden", 0.0), ("test_three", 0.0)}
    assert scores["s0-crash"] == {("test_hidden", 0.0), ("test_three", 0.0)}
    assert rows["late"]["late"] > 0


@pytest.mark.parametrize("way", ["local", "cluster"])
def test_parallel_gradebook_equals_serial(way, request, serial):
    parallel = request.getfixturevalue(way)
    assert parallel["returncode"] == serial["returncode"], parallel["log"][-3000:]
    assert parallel["rows"]["counts"] == serial["rows"]["counts"]
    mismatched = sorted(s for s in serial["rows"]["students"].keys() | parallel["rows"]["students"].keys()
                        if serial["rows"]["students"].get(s) != parallel["rows"]["students"].get(s))
    assert mismatched == [], f"gradebook rows differ for {mismatched}:\n{parallel['log'][-3000:]}"


@pytest.mark.parametrize("way", ["local", "cluster"])
def test_parallel_graded_notebooks_and_export_equal_serial(way, request, serial):
    parallel = request.getfixturevalue(way)
    assert parallel["notebooks"].keys() == serial["notebooks"].keys()
    differ = [name for name in serial["notebooks"] if parallel["notebooks"][name] != serial["notebooks"][name]]
    assert differ == [], f"graded notebooks differ: {differ}"
    assert parallel["export"] == serial["export"]


@pytest.mark.parametrize("way", ["local", "cluster"])
def test_each_student_graded_once_by_concurrent_workers(way, request, serial):
    parallel = request.getfixturevalue(way)
    report = parallel["report"]
    students = sorted(r["student"] for r in report)
    assert students == sorted(s.name for s in (parallel["course"] / "submitted").iterdir())
    assert len(set(students)) == len(students) >= 30
    assert len({(r["host"], r["pid"]) for r in report}) == 2, "two workers shared the batch"
    spans = sorted((r["started"], r["started"] + r["seconds"]) for r in report)
    overlapping = sum(b[0] < a[1] for a, b in zip(spans, spans[1:]))
    assert overlapping >= len(spans) // 2, "the workers graded at the same time"
    failed = sorted(r["student"] for r in report if not r["success"])
    assert failed == ["other_notebook"]
    assert "failed: other_notebook" in parallel["log"]


def test_regrading_some_students_with_force_changes_nothing(local):
    """`./course grade LAB --workers N --student PATTERN --force`, as the guide shows it."""
    course = local["course"]
    proc = subprocess.run([str(REPO / "course"), "grade", LAB, f"--course={course}", "--workers=2",
                           "--student", "s0-*", "--force", f"--seed={SEED}"],
                          env=harness.nbgrader_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"{len(ANSWERS)} of {len(ANSWERS)} submissions graded" in proc.stdout
    assert gradebook_rows(sqlite_url(course)) == local["rows"]


def test_nothing_to_grade_is_one_sentence(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "autograder.parallel", "no_such_lab",
                           f"--course={tmp_path}"], env=harness.nbgrader_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert proc.stderr.strip() == (f"No collected submissions of 'no_such_lab' under "
                                   f"{tmp_path.resolve() / 'submitted'}: collect them first "
                                   "(nbgrader collect or zip_collect).")
