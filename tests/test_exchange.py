"""INSTRUCTORS.md, sections 0, 2 and 3, run command by command as the guide writes them.

The setting is a throw-away copy of this working tree (what a fresh clone holds), a throw-away
exchange folder and system configuration folder, and one lab, approximation (the cheapest to
grade: the flow grades it eight times). There are an
instructor and four students, each with their own HOME. Everything runs as one Unix user, so
``--student=<id>`` on ``submit`` and ``fetch_feedback`` stands for the students' own accounts,
as in nbgrader's tests. The system paths of the guide map to throw-away ones: the exchange root
maps to ``<tmp>/exchange``, and ``/etc/jupyter`` maps to ``<tmp>/etc/jupyter`` through
``JUPYTER_CONFIG_PATH``. ``sudo`` is dropped.

* alice submits the reference solution.
* bob keeps the untouched ``approximation.ipynb`` and does a wrong implementation in a
  duplicate, ``approximation-Copy1.ipynb``. Autograde must flag him (exit 1, a message naming
  him and the file) until the instructor keeps the copy, as the guide says.
* carol renames her notebook. Strict submission refuses it. Her second try comes from a client
  without the strict setting and gets through; autograde must grade her copy as the lab's
  notebook, and her feedback must reach her under the name she submitted.
* dave fetches and submits from his own clone of the course, with ``./course nbgrader``.

Then the LMS route: zip_collect on Canvas, Moodle and Blackboard download names, with renamed
uploads. A last test checks that every command in the guide's code blocks was run here.
"""
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml

from autograder import harness
from autograder.submissions import lab_notebook_for, parse_lms_name

from course_copy import copy_working_tree, free_port

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "INSTRUCTORS.md"
VENV = Path(sys.prefix)
LAB = "approximation"
NB = f"{LAB}.ipynb"
COPY = f"{LAB}-Copy1.ipynb"
FULL = float(next(lab["points"] for lab in yaml.safe_load((REPO / "course.yaml").read_text())["labs"]
                   if lab["id"] == LAB))
EXCHANGE_ROOT = "/usr/local/share/nbgrader/exchange"
# Guide lines this file does not run, and why.
NOT_RUN = {
    "git clone <course repository> tfdl-course && cd tfdl-course":
        "the test copies the working tree instead: a clone would miss uncommitted changes",
    "./course release <lab>": "section 1, authoring: tests/test_labs.py and the release tests",
    "./course test": "the test suite itself",
    "./course grade <lab>": "tests/test_parallel.py runs it on a course of its own (and "
                            "tests/test_labs.py grades every bank with it)",
    "./course grade <lab> --workers 3 --student <student> --force":
        "tests/test_parallel.py runs ./course grade with --workers and --student",
}


def guide_commands() -> list[str]:
    """Every command line in the guide's ```bash blocks, without its trailing comment."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", GUIDE.read_text(), re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            if line:
                commands.append(line)
    return commands


class Guide:
    """Runs the guide's command lines for the instructor or a student, and records them."""

    def __init__(self, root: Path):
        self.root = root
        self.course = root / "course"
        self.exchange = root / "exchange"
        self.etc = root / "etc" / "jupyter"
        self.ran: set[str] = set()
        self.transcript: list[str] = []
        self.course.mkdir()
        copy_working_tree(self.course)

    def home(self, who: str) -> Path:
        home = self.root / "home" / who
        home.mkdir(parents=True, exist_ok=True)
        return home

    def env(self, who: str) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        env.update(HOME=str(self.home(who)), JUPYTER_CONFIG_PATH=str(self.etc),
                   TFDL_VENV=str(VENV), OMP_NUM_THREADS="1",
                   PYTHONWARNINGS="ignore::DeprecationWarning")
        if who != "instructor":  # students use the course environment's nbgrader and jupyter
            env["PATH"] = f"{VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return env

    def command(self, line: str, **subs) -> str:
        cmd = line.replace("<lab>", LAB)
        for key, value in subs.items():
            cmd = cmd.replace(f"<{key}>", value)
        cmd = cmd.removeprefix("sudo ")
        return (cmd.replace(EXCHANGE_ROOT, str(self.exchange))
                   .replace("/etc/jupyter", str(self.etc)))

    def run(self, line: str, who: str = "instructor", rc: int | None = 0, **subs):
        """Run one guide line; ``rc`` is the exit code it must have (None: any)."""
        self.ran.add(line)
        cmd = self.command(line, **subs)
        if who != "instructor" and line.startswith(("nbgrader submit", "nbgrader fetch_feedback")):
            cmd += f" --student={who}"  # stands for the student's own Unix account
        cwd = self.course if who == "instructor" else self.home(who)
        start = time.monotonic()
        proc = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=self.env(who),
                              capture_output=True, text=True, timeout=600)
        proc.output = proc.stdout + proc.stderr
        self.transcript.append(f"[{who}, {time.monotonic() - start:.1f} s, rc {proc.returncode}] "
                               f"{cmd}")
        if rc is not None:
            assert (proc.returncode == 0) == (rc == 0), \
                f"{who}: {cmd} exited {proc.returncode}, expected {rc}:\n{proc.output[-4000:]}"
        return proc

    def scores(self) -> dict:
        return harness.cell_scores(self.course, LAB)

    def export(self, rc: int) -> tuple[dict, str]:
        proc = self.run("./course nbgrader export", rc=rc)
        with open(self.course / "grades.csv") as fh:
            rows = {r["student_id"]: float(r["score"]) for r in csv.DictReader(fh)
                    if r["assignment"] == LAB}
        return rows, proc.output


def wrong_entry():
    return next(e for e in harness.read_bank(LAB) if e.kind == "wrong")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def formgrader_submissions(g: Guide) -> list[dict]:
    """``./course lab`` from the course folder, then what its Formgrader lists for the lab."""
    port, token = free_port(), "tfdl-test-token"
    g.ran.add("./course lab")
    cmd = f"./course lab --no-browser --ServerApp.port={port} --ServerApp.port_retries=0 " \
          f"--ServerApp.token={token}"
    g.transcript.append(f"[instructor] {cmd}")
    server = subprocess.Popen(["bash", "-c", f"exec {cmd}"], cwd=g.course,
                              env=g.env("instructor"), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/formgrader/api/submissions/{LAB}",
                    headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(request, timeout=10) as response:
                    return json.loads(response.read())
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    raise AssertionError(f"./course lab did not serve the formgrader:\n"
                                         f"{server.communicate()[0][-4000:]}")
                time.sleep(1)
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="module")
def guide():
    root = Path(tempfile.mkdtemp(prefix="tfdl-exchange-"))
    g = Guide(root)
    want = hashlib.sha256((g.course / "requirements.txt").read_bytes()
                          + (g.course / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / ".tfdl-setup"
    if not stamp.is_file() or stamp.read_text().strip() != want:
        # ./course would (re)install into the environment this test runs in.
        pytest.skip(f"{VENV} is not the course's current environment: run ./course setup, then "
                    "./course test")
    yield g
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def flow(guide):
    """Sections 0, 2 (exchange) and 3 of the guide, in order."""
    g, out = guide, {}
    start = time.monotonic()
    # 0. Set up.
    g.run("./course setup")
    assert "nbgrader version 0.9.6" in g.run("./course nbgrader --version").output
    # 2. Release: generate, the administrator's one-time exchange setup, release.
    g.run("./course nbgrader generate_assignment <lab> --force")
    g.run("sudo install -d -m 1777 /usr/local/share/nbgrader/exchange")
    g.run("sudo install -D -m 644 autograder/exchange_config.py /etc/jupyter/nbgrader_config.py")
    installed = g.etc / "nbgrader_config.py"
    text, count = re.subn(r'(?m)^c\.Exchange\.root = .*$',
                          f"c.Exchange.root = {str(g.exchange)!r}", installed.read_text())
    assert count == 1, "autograder/exchange_config.py sets c.Exchange.root on one line"
    installed.write_text(text)  # "if the exchange is elsewhere, change c.Exchange.root"
    g.run("./course nbgrader release_assignment <lab>")
    out["modes"] = {p: mode(g.exchange / p) for p in ("", "tfdl/outbound", "tfdl/inbound")}

    # Students: fetch, work, validate, submit.
    reference = harness.solution_sources(LAB)
    for who in ("alice", "bob", "carol"):
        g.run("nbgrader fetch_assignment <lab>", who)
    work = {who: g.home(who) / LAB for who in ("alice", "bob", "carol")}
    nbformat.write(harness.fill(work["alice"] / NB, reference), work["alice"] / NB)
    out["validate"] = g.run("nbgrader validate <lab>/<lab>.ipynb", "alice").output
    g.run("nbgrader submit <lab>", "alice")
    bob_wrong = wrong_entry()
    nbformat.write(harness.fill(work["bob"] / NB, {**reference, **bob_wrong.cells}),
                   work["bob"] / COPY)  # JupyterLab's Duplicate; the original stays a stub
    out["bob_submit"] = g.run("nbgrader submit <lab>", "bob").output
    nbformat.write(harness.fill(work["carol"] / NB, reference), work["carol"] / COPY)
    (work["carol"] / NB).unlink()  # renamed
    out["carol_refused"] = g.run("nbgrader submit <lab>", "carol", rc=1).output
    # Her second try comes from an nbgrader without the strict setting.
    subprocess.run(["bash", "-c", f"nbgrader submit {LAB} --student=carol "
                    "--ExchangeSubmit.strict=False"], cwd=g.home("carol"), env=g.env("carol"),
                   check=True, capture_output=True)
    g.run("./course nbgrader collect <lab>")

    # 3. Grade.
    out["autograde"] = g.run("./course nbgrader autograde <lab>", rc=1).output
    out["scores_first"] = g.scores()
    out["export_first"] = g.export(rc=1)
    g.run("mv submitted/<student>/<lab>/<lab>-Copy1.ipynb submitted/<student>/<lab>/<lab>.ipynb",
          student="bob")
    out["regrade_bob"] = g.run("./course nbgrader autograde <lab> --student <student> --force",
                               student="bob").output
    out["scores"] = g.scores()
    out["bob_wrong"] = bob_wrong
    out["formgrader"] = formgrader_submissions(g)
    g.run("./course nbgrader generate_feedback <lab>")
    g.run("./course nbgrader release_feedback <lab>")
    out["modes"]["tfdl/feedback"] = mode(g.exchange / "tfdl" / "feedback")
    out["feedback"] = {}
    for who in ("alice", "bob", "carol"):
        g.run("nbgrader fetch_feedback <lab>", who)
        out["feedback"][who] = {p.name: p.read_text() for p in (work[who] / "feedback").glob("*/*.html")}
    out["export"] = g.export(rc=0)
    out["seconds"] = time.monotonic() - start
    return out


@pytest.mark.slow
def test_nbgrader_runs_from_the_course_script_and_the_exchange_has_the_documented_modes(flow):
    assert flow["modes"] == {"": 0o1777, "tfdl/outbound": 0o755, "tfdl/inbound": 0o2733,
                             "tfdl/feedback": 0o711}


@pytest.mark.slow
def test_students_validate_and_strict_submission_refuses_a_renamed_notebook(flow):
    assert "Success! Your notebook passes all the tests." in flow["validate"]
    assert "EXTRA" in flow["bob_submit"]  # accepted, with nbgrader's warning
    assert "missing notebooks" in flow["carol_refused"] and "MISSING" in flow["carol_refused"]


@pytest.mark.slow
def test_autograde_grades_a_lone_renamed_notebook_and_flags_a_duplicate(flow):
    log, first = flow["autograde"], flow["scores_first"]
    assert first["alice"] == first["carol"] and sum(first["alice"].values()) == FULL
    assert f"Student carol submitted {COPY} instead of {NB}" in log
    assert f"Student bob, lab {LAB}: {NB} and {COPY} were both submitted and differ" in log
    assert "--student bob --force" in log
    assert all(score is None for score in first["bob"].values())


@pytest.mark.slow
def test_export_names_the_ungraded_submission_instead_of_a_silent_zero(flow):
    rows, output = flow["export_first"]
    assert rows == {"alice": FULL, "bob": 0.0, "carol": FULL}
    checks = len(flow["scores_first"]["alice"])
    assert f"Student bob, lab {LAB}: {checks} checks have no score" in output


@pytest.mark.slow
def test_the_guides_fix_grades_the_duplicate_and_export_totals_match(flow):
    bob, entry = flow["scores"]["bob"], flow["bob_wrong"]
    assert all(bob[cell] == 0 for cell in entry.must_fail), entry.summary
    assert 0 < sum(bob.values()) < FULL
    rows, output = flow["export"]
    assert rows == {"alice": FULL, "bob": sum(bob.values()), "carol": FULL}
    assert "no score" not in output


@pytest.mark.slow
def test_formgrader_in_course_lab_lists_the_graded_submissions(flow):
    listed = {s["student"]: s["score"] for s in flow["formgrader"]}
    assert listed == {"alice": FULL, "bob": sum(flow["scores"]["bob"].values()), "carol": FULL}


@pytest.mark.slow
def test_each_student_fetches_their_own_feedback(flow):
    feedback = flow["feedback"]
    bob_total = sum(flow["scores"]["bob"].values())
    assert set(feedback["alice"]) == {f"{LAB}.html"}
    assert set(feedback["bob"]) == {f"{LAB}.html"}
    assert set(feedback["carol"]) == {f"{LAB}-Copy1.html"}  # the name she submitted
    for who, total in (("alice", FULL), ("bob", bob_total), ("carol", FULL)):
        html = next(iter(feedback[who].values()))
        assert f"Score: {total} / {FULL}" in html, who


@pytest.fixture(scope="module")
def clone_student(guide, flow):
    """dave works in his own clone of the course, with ./course nbgrader, as the guide allows."""
    clone = guide.home("dave") / "tfdl"
    clone.mkdir()
    copy_working_tree(clone)
    for args in (["fetch_assignment", LAB], ["submit", LAB, "--student=dave"]):
        subprocess.run(["./course", "nbgrader", *args], cwd=clone, env=guide.env("dave"),
                       check=True, capture_output=True)
    return clone


@pytest.mark.slow
def test_a_student_with_their_own_clone_fetches_and_submits(guide, clone_student):
    assert (clone_student / LAB / NB).is_file()
    assert list((guide.exchange / "tfdl" / "inbound").glob(f"dave+{LAB}+*"))


# -- the LMS route -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lms(guide, flow):
    """zip_collect in the same course, on download names of three LMSes."""
    g, out = guide, {}
    g.run("mkdir -p downloaded/<lab>/archive")
    archive = g.course / "downloaded" / LAB / "archive"
    release = g.course / "labs" / LAB / NB
    stub = nbformat.writes(nbformat.read(release, as_version=4))
    solved = nbformat.writes(harness.fill(release, harness.solution_sources(LAB)))
    with zipfile.ZipFile(archive / "submissions.zip", "w") as z:  # Canvas
        z.writestr(f"doejane_10001_20001_{LAB}-1.ipynb", solved)
        z.writestr(f"smithjohn_late_10002_20002_{LAB} (1).ipynb", stub)
        z.writestr(f"leeann_10003_20003_{LAB}.ipynb", stub)
        z.writestr(f"leeann_10003_20004_{COPY}", solved)
    with zipfile.ZipFile(archive / "moodle.zip", "w") as z:  # Moodle, one folder per student
        z.writestr(f"Ana María López_30003_assignsubmission_file_/{LAB} (1).ipynb", stub)
    (archive / f"Bo Chen_30005_assignsubmission_file_{NB}").write_text(stub)
    (archive / f"Lab 1_jdoe_attempt_2026-01-01-10-00-00_{NB}").write_text(stub)  # Blackboard
    (archive / f"Lab 1_jdoe_attempt_2026-01-02-10-00-00_{NB}").write_text(solved)
    out["zip_collect"] = g.run("./course nbgrader zip_collect <lab>").output
    submitted = g.course / "submitted"
    out["files"] = {s: {f.name: f.read_text() for f in (submitted / s / LAB).iterdir()}
                    for s in ("10001", "10002", "10003", "ana_maria_lopez", "bo_chen", "jdoe")}
    out["stub"], out["solved"] = stub, solved
    out["grade_canvas"] = g.run("./course nbgrader autograde <lab> --student <student> --force",
                                student="10001").output
    out["flag_canvas"] = g.run("./course nbgrader autograde <lab> --student <student> --force",
                               student="10003", rc=1).output
    out["scores"] = g.scores()
    return out


@pytest.mark.slow
def test_zip_collect_reads_lms_names_and_maps_renamed_uploads_to_the_lab(lms):
    files = lms["files"]
    assert files["10001"][NB] == lms["solved"]  # Canvas, "-1" renamed upload
    assert files["10002"][NB] == lms["stub"]  # Canvas, late, " (1)"
    assert files["ana_maria_lopez"][NB] == lms["stub"]  # Moodle folder, " (1)"
    assert files["bo_chen"][NB] == lms["stub"]  # Moodle, flat
    assert files["jdoe"][NB] == lms["solved"]  # Blackboard: the newest attempt
    assert files["jdoe"]["timestamp.txt"].startswith("2026-01-02 10:00:00")
    # Both the lab's notebook and a copy: the copy keeps its name...
    assert files["10003"][NB] == lms["stub"] and files["10003"][COPY] == lms["solved"]


@pytest.mark.slow
def test_lms_submissions_are_graded_or_flagged(lms):
    assert sum(lms["scores"]["10001"].values()) == FULL
    # ... and autograde flags the pair.
    assert f"Student 10003, lab {LAB}: {NB} and {COPY} were both submitted and differ" \
        in lms["flag_canvas"]


@pytest.mark.slow
def test_every_command_of_the_guide_was_run(guide, flow, lms):
    commands = guide_commands()
    assert set(NOT_RUN) <= set(commands), "NOT_RUN lists a line the guide no longer has"
    missing = [c for c in commands if c not in NOT_RUN and c not in guide.ran]
    assert not missing, f"guide commands this test did not run: {missing}"
    print("\n".join(guide.transcript), f"\nexchange flow: {flow['seconds']:.0f} s")


# -- name matching (fast) ------------------------------------------------------------------------
@pytest.mark.parametrize("name", [
    NB, COPY, f"{LAB}-Copy1-Copy2.ipynb", f"{LAB} (1).ipynb", f"{LAB}(2).ipynb", f"{LAB}-1.ipynb",
    f"{LAB} copy.ipynb", f"{LAB} - Copy.ipynb", f"{LAB} copy 2.ipynb", f"{LAB}_copy.ipynb",
    "Approximation.ipynb", f"{LAB}-Copy1 (1).ipynb"])
def test_renamed_copies_map_to_the_lab_notebook(name):
    assert lab_notebook_for(name, [LAB]) == LAB


@pytest.mark.parametrize("name", ["approx.ipynb", "my_lab.ipynb", f"{LAB}s.ipynb",
                                  f"old_{LAB}.ipynb", "Copy1.ipynb"])
def test_other_names_do_not(name):
    assert lab_notebook_for(name, [LAB]) is None


@pytest.mark.parametrize("path, lms, student, file, timestamp", [
    (f"lastname_firstname_12345_67890_{NB}", "Canvas", "12345", NB, None),
    (f"lastnamefirstname_late_12345_67890_{LAB}-1.ipynb", "Canvas", "12345", f"{LAB}-1.ipynb", None),
    (f"doejane_LATE_12345_67890_{LAB} (1).ipynb", "Canvas", "12345", f"{LAB} (1).ipynb", None),
    (f"Full Name_12345_assignsubmission_file_{NB}", "Moodle", "full_name", NB, None),
    (f"x/José Núñez_7_assignsubmission_file_/{NB}", "Moodle", "jose_nunez", NB, None),
    (f"x/Jo Li_8_assignsubmission_file/{NB}", "Moodle", "jo_li", NB, None),
    (f"Lab_username_attempt_2026-01-01-10-00-00_{NB}", "Blackboard", "username", NB,
     "2026-01-01 10:00:00"),
    (f"Lab 1_kim_attempt_2026-01-02-09-30-05_{COPY}", "Blackboard", "kim", COPY,
     "2026-01-02 09:30:05"),
])
def test_lms_download_names(path, lms, student, file, timestamp):
    assert parse_lms_name(path) == {"lms": lms, "student_id": student, "file": file,
                                    "timestamp": timestamp}


def test_unknown_download_names_are_not_guessed():
    assert parse_lms_name(NB) is None
    assert parse_lms_name(f"submissions/{COPY}") is None
