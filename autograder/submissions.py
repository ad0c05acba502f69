"""Getting submissions into nbgrader under the lab's notebook name, and never a silent zero.

nbgrader grades a notebook only under its released name: ``lottery_tickets-Copy1.ipynb`` is
"an unknown notebook", so a student who renamed or duplicated the lab got 0 with nothing but a
log line (and ``export`` wrote 0.0). Configured in ``autograder/nbgrader_config.py``:

* :func:`match_renamed_notebooks` (``Autograde.pre_convert_hook``) runs before each student is
  autograded. A renamed notebook (``-Copy1``, `` (1)``, ``-1``, `` copy``, other case) that is
  the only candidate for a missing lab notebook is graded as that notebook: it is copied to the
  lab's name in ``submitted/<student>/<lab>/`` and a warning names the student and the file.
  When the lab's notebook and a different copy are both there, or a lab notebook is missing and
  other notebooks were submitted instead, autograde does not guess: it logs an error naming the
  student and the files, fails that student, and exits 1.
* :class:`ReleaseFeedback` (``ExchangeFactory.release_feedback``) also releases the feedback
  under the renamed file's name, so ``fetch_feedback`` finds it for the student who submitted it.
* :class:`LmsCollector` (``ZipCollectApp.collector_plugin``) reads Canvas, Moodle and
  Blackboard download names for ``nbgrader zip_collect``, and maps renamed uploads back to the
  lab's notebook name.
* :class:`CheckedCsvExport` (``ExportApp.plugin_class``) writes nbgrader's ``grades.csv`` with
  an ``autograde_notes`` column (what autograde repaired, see :mod:`autograder.repair`), then
  names every submission with checks that were never graded and exits 1.
"""
import csv
import filecmp
import glob
import inspect
import os
import re
import shutil
import unicodedata

from nbgrader.api import MissingEntry
from nbgrader.exchange.default import ExchangeReleaseFeedback
from nbgrader.plugins import CsvExportPlugin, FileNameCollectorPlugin
from nbgrader.utils import notebook_hash

from autograder.repair import read_notes

# What people and tools append to a file name they copy, at its end: JupyterLab's Duplicate
# ("-Copy1"), file managers (" copy", " - Copy", " copy 2"), browsers (" (1)"), Canvas
# re-uploads ("-1").
_COPY_SUFFIX = re.compile(r"(?:[\s_-]*copy\d*(?:\s*\d+)?|\s*\(\d+\)|-\d+)$", re.IGNORECASE)


def lab_notebook_for(filename: str, lab_notebooks) -> str | None:
    """The lab notebook (name without ``.ipynb``) that ``filename`` stands for, or None.

    ``lab_notebook_for("lottery_tickets-Copy1.ipynb", ["lottery_tickets"]) == "lottery_tickets"``;
    copy suffixes are removed one at a time and case is ignored.
    """
    stem = os.path.basename(filename)
    if stem.lower().endswith(".ipynb"):
        stem = stem[:-len(".ipynb")]
    names = {name.casefold(): name for name in lab_notebooks}
    while stem:
        if stem.casefold() in names:
            return names[stem.casefold()]
        shorter = _COPY_SUFFIX.sub("", stem).strip()
        if shorter == stem:
            return None
        stem = shorter
    return None


# -- autograde -------------------------------------------------------------------------------
def _converter():
    """The nbgrader converter running the hook (nbgrader passes it no handle of its own)."""
    from nbgrader.converters.base import BaseConverter

    frame = inspect.currentframe()
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, BaseConverter):
            return candidate
        frame = frame.f_back
    return None


def match_renamed_notebooks(assignment=None, student=None, notebooks=None, **_):
    """``Autograde.pre_convert_hook``: grade a lone renamed notebook as the lab's, flag the rest.

    ``notebooks`` is the converter's own list of one student's submitted notebooks; nbgrader
    ignores exceptions from hooks, so a submission is failed by emptying that list (nbgrader
    then reports the student as an error and exits 1) after an error message that says why.
    """
    converter = _converter()
    if converter is None or not notebooks:
        return
    log, coursedir = converter.log, converter.coursedir
    folder = os.path.dirname(notebooks[0])
    where = re.match(converter._format_source("(?P<assignment_id>.*)", "(?P<student_id>.*)",
                                              escape=True), folder)
    if where is None:
        return
    lab, student = where.group("assignment_id"), where.group("student_id")
    source = coursedir.format_path(coursedir.source_directory, ".", lab)
    expected = sorted(name[:-len(".ipynb")] for name in os.listdir(source)
                      if name.endswith(".ipynb")) if os.path.isdir(source) else []
    if not expected:
        return
    submitted = sorted(os.path.basename(path) for path in notebooks)
    problems = []
    for name in expected:
        target = os.path.join(folder, name + ".ipynb")
        copies = [f for f in submitted if f != name + ".ipynb"
                  and lab_notebook_for(f, expected) == name]
        if os.path.exists(target):
            differ = [f for f in copies if not filecmp.cmp(os.path.join(folder, f), target,
                                                           shallow=False)]
            if differ:
                problems.append(f"{name}.ipynb and {', '.join(differ)} were both submitted and "
                                f"differ: autograde will not guess which one to grade")
            continue
        distinct = []
        for f in copies:
            if not any(filecmp.cmp(os.path.join(folder, f), os.path.join(folder, g),
                                   shallow=False) for g in distinct):
                distinct.append(f)
        if len(distinct) == 1:
            try:
                shutil.copyfile(os.path.join(folder, distinct[0]), target)
            except OSError as error:
                problems.append(f"could not copy {distinct[0]} to {name}.ipynb ({error})")
                continue
            notebooks.append(target)
            log.warning("Student %s submitted %s instead of %s.ipynb: grading it as %s.ipynb "
                        "(copied in %s)", student, distinct[0], name, name, folder)
        elif distinct:
            problems.append(f"no {name}.ipynb, but {len(distinct)} different renamed copies of "
                            f"it: {', '.join(distinct)}")
        else:
            known = {n + ".ipynb" for n in expected}
            others = [f for f in submitted if f not in known
                      and lab_notebook_for(f, expected) is None]
            if others:
                problems.append(f"no {name}.ipynb; submitted instead: {', '.join(others)}")
    if problems:
        for problem in problems:
            log.error("Student %s, lab %s: %s.", student, lab, problem)
        log.error("Not grading %s's %s (nbgrader's \"No notebooks found\" below means this). "
                  "Keep the notebook to grade under the lab's name in %s, then run: "
                  "./course nbgrader autograde %s --student %s --force",
                  student, lab, folder, lab, student)
        notebooks.clear()


# -- release_feedback ------------------------------------------------------------------------
class ReleaseFeedback(ExchangeReleaseFeedback):
    """nbgrader's release_feedback, plus a copy of the feedback under the name of each renamed
    notebook that was graded as the lab's notebook (same bytes), so ``fetch_feedback``, which
    looks feedback up by the names the student submitted, finds it."""

    def copy_files(self):
        super().copy_files()
        feedback_root = self.coursedir.format_path(self.coursedir.feedback_directory, ".", ".")
        student_glob = self.coursedir.student_id if self.coursedir.student_id else "*"
        for student in sorted(os.listdir(feedback_root)) if os.path.isdir(feedback_root) else []:
            if student_glob != "*" and student != student_glob:
                continue
            feedback = self.coursedir.format_path(self.coursedir.feedback_directory, student,
                                                  self.coursedir.assignment_id)
            submitted = self.coursedir.format_path(self.coursedir.submitted_directory, student,
                                                   self.coursedir.assignment_id)
            secret_file = os.path.join(feedback, "submission_secret.txt")
            if not (os.path.isdir(submitted) and os.path.exists(secret_file)):
                continue
            with open(secret_file) as fh:
                secret = fh.read()
            graded = [f[:-len(".html")] for f in os.listdir(feedback) if f.endswith(".html")]
            for name in os.listdir(submitted):
                if not name.endswith(".ipynb") or name[:-len(".ipynb")] in graded:
                    continue
                lab_name = lab_notebook_for(name, graded)
                if lab_name is None or not filecmp.cmp(
                        os.path.join(submitted, name), os.path.join(submitted, lab_name + ".ipynb"),
                        shallow=False):
                    continue
                dest = os.path.join(self.dest_path, "{}.html".format(
                    notebook_hash(secret=secret, notebook_id=name[:-len(".ipynb")])))
                shutil.copy(os.path.join(feedback, lab_name + ".html"), dest + ".tmp")
                shutil.move(dest + ".tmp", dest)
                self.log.info("Releasing feedback for student '%s' on %s under the name they "
                              "submitted: %s", student, lab_name, name)


# -- zip_collect -----------------------------------------------------------------------------
def _slug(text: str) -> str:
    """'Ana María López' -> 'ana_maria_lopez' (a student id nbgrader can use as a folder)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


# Download names, tried in order against the file name (then against its folder's name joined
# to the file name, for Moodle's "download submissions in folders"). ``student`` becomes the
# nbgrader student id after ``_slug``.
LMS_PATTERNS = {
    # Canvas: lastnamefirstname[_late]_<user id>_<attachment id>_<uploaded name>; the id is
    # Canvas's user id, the "ID" column of its gradebook export.
    "Canvas": re.compile(r"^(?P<name>.+?)_(?:late_)?(?P<student>\d+)_\d+_(?P<file>.+)$",
                         re.IGNORECASE),
    # Moodle: <Full Name>_<participant id>_assignsubmission_file_<uploaded name>; the
    # participant id is the student's in that assignment only, so the id is the name.
    "Moodle": re.compile(r"^(?P<student>.+?)_\d+_assignsubmission_file_(?P<file>.+)$"),
    # Blackboard: <assignment>_<username>_attempt_<YYYY-MM-DD-hh-mm-ss>_<uploaded name>.
    "Blackboard": re.compile(r"^.+_(?P<student>[^_]+)_attempt_"
                             r"(?P<timestamp>\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)_(?P<file>.+)$"),
}


def parse_lms_name(path: str) -> dict | None:
    """``{'lms', 'student_id', 'file', 'timestamp'}`` from an LMS download path, or None."""
    base = os.path.basename(path)
    parent = os.path.basename(os.path.dirname(path))
    for candidate in (base, parent + base, parent + "_" + base):
        for lms, pattern in LMS_PATTERNS.items():
            m = pattern.match(candidate)
            if m is None:
                continue
            student = _slug(m.group("student"))
            if not student:
                continue
            timestamp = m.groupdict().get("timestamp")
            if timestamp:
                date, clock = timestamp[:10], timestamp[11:].replace("-", ":")
                timestamp = f"{date} {clock}"
            return {"lms": lms, "student_id": student, "file": m.group("file"),
                    "timestamp": timestamp}
    return None


class LmsCollector(FileNameCollectorPlugin):
    """``nbgrader zip_collect`` for Canvas, Moodle and Blackboard downloads.

    A ``named_regexp`` set in the configuration (nbgrader's own option) is tried first, for any
    other LMS. The uploaded name is mapped back to the lab's notebook name when it is a renamed
    copy (``lottery_tickets-1.ipynb``, ``lottery_tickets (1).ipynb``, ...). When one student's
    download holds the lab's notebook and a copy of it, only the lab's notebook takes the lab's
    name; the copy keeps its own, and autograde flags the pair if they differ.
    """

    def _lab_notebooks(self):
        app = self.parent
        release = app.coursedir.format_path(app.coursedir.release_directory, ".",
                                            app.coursedir.assignment_id)
        if not os.path.isdir(release):
            return []
        return sorted(f[:-len(".ipynb")] for f in os.listdir(release) if f.endswith(".ipynb"))

    def _parse(self, path):
        if self.named_regexp:
            info = self._match(path)
            if info:
                return {"student_id": info["student_id"], "file": info["file_id"],
                        "timestamp": info.get("timestamp")}
        return parse_lms_name(path)

    def _plan(self, any_file):
        """{path: file_id} for every file of the download, deciding duplicates together."""
        app = self.parent
        root = app._format_collect_path(app.extracted_directory) \
            if hasattr(app, "_format_collect_path") else os.path.dirname(any_file)
        labs = self._lab_notebooks()
        groups = {}
        for dirpath, _, files in os.walk(root):
            for f in files:
                path = os.path.join(dirpath, f)
                info = self._parse(path) if path.endswith(tuple(self.valid_ext)) else None
                if info is None:
                    continue
                lab = lab_notebook_for(info["file"], labs)
                key = (info["student_id"], info["timestamp"], lab or info["file"])
                groups.setdefault(key, []).append((path, info["file"], lab))
        plan = {}
        for (student, _, lab), members in groups.items():
            if len(members) == 1:
                path, file, lab_name = members[0]
                plan[path] = lab_name + ".ipynb" if lab_name else file
                continue
            # Several files for one notebook: only a file with the lab's own name takes it; a
            # copy keeps its name, and autograde flags the pair if they differ.
            for path, file, lab_name in members:
                exact = lab_name and os.path.splitext(file)[0].casefold() == lab_name.casefold()
                plan[path] = lab_name + ".ipynb" if exact else file
                if not exact:
                    self.log.warning("Student %s: %s is one of %d files for %s; collected "
                                     "under its own name", student, file, len(members), lab)
        return plan

    def collect(self, submitted_file):
        _, ext = os.path.splitext(submitted_file)
        if ext not in self.valid_ext:
            return None
        info = self._parse(submitted_file)
        if info is None:
            self.log.warning("Not an LMS download name this course knows (Canvas, Moodle, "
                             "Blackboard; set FileNameCollectorPlugin.named_regexp for another "
                             "one): %s", submitted_file)
            return None
        if not hasattr(self, "_file_ids"):
            self._file_ids = self._plan(submitted_file)
        file_id = self._file_ids.get(submitted_file, info["file"])
        if file_id != info["file"]:
            self.log.info("Student %s: %s collected as %s", info["student_id"], info["file"],
                          file_id)
        result = {"student_id": info["student_id"], "file_id": file_id}
        if info.get("timestamp"):
            result["timestamp"] = info["timestamp"]
        return result


# -- export ------------------------------------------------------------------------------------
class CheckedCsvExport(CsvExportPlugin):
    """nbgrader's ``grades.csv`` with one more column, ``autograde_notes``: what autograde repaired
    in each submission (:mod:`autograder.repair`), or why it has no score. Export also logs a
    warning for each repaired submission, and an error for each submission that has checks with
    no score (its autograde failed or never ran) or that was collected but never autograded (the
    CSV shows 0 for both), and then exits 1."""

    def export(self, gradebook):
        super().export(gradebook)
        notes, ungraded = {}, []
        for assignment in gradebook.assignments:
            if self.assignment and assignment.name not in self.assignment:
                continue
            for submission in assignment.submissions:
                student, lab = submission.student.id, assignment.name
                if self.student and student not in self.student:
                    continue
                found = self._repair_notes(lab, student)
                if found:
                    self.log.warning("Student %s, lab %s: autograde repaired this submission: %s",
                                     student, lab, " ".join(found))
                missing = [grade.name for notebook in submission.notebooks
                           for grade in notebook.grades
                           if grade.auto_score is None and grade.manual_score is None]
                if missing:
                    ungraded.append((student, lab, len(missing)))
                    found.append(f"{len(missing)} checks have no score (exported as 0): its "
                                 f"autograde failed or never ran.")
                notes[(lab, student)] = found
        never = self._never_autograded(gradebook)
        for student, lab in never:
            notes[(lab, student)] = ["Collected but never autograded (exported as 0)."]
        self._add_notes_column(notes)
        for student, lab, count in ungraded:
            self.log.error("Student %s, lab %s: %d checks have no score, exported as 0. "
                           "Its autograde failed or never ran: run ./course nbgrader "
                           "autograde %s --student %s and read the errors.",
                           student, lab, count, lab, student)
        for student, lab in never:
            self.log.error("Student %s, lab %s: collected but never autograded, exported as 0 "
                           "(or missing from the CSV): run ./course nbgrader autograde %s "
                           "--student %s.", student, lab, lab, student)
        if ungraded or never:
            raise SystemExit(1)

    def _coursedir(self):
        return getattr(self.parent, "coursedir", None)

    def _repair_notes(self, lab: str, student: str) -> list[str]:
        """The notes autograde put at the top of the student's graded notebooks."""
        coursedir = self._coursedir()
        if coursedir is None:
            return []
        folder = coursedir.format_path(coursedir.autograded_directory, student, lab)
        names = sorted(n for n in os.listdir(folder) if n.endswith(".ipynb")) \
            if os.path.isdir(folder) else []
        return [note for name in names for note in read_notes(os.path.join(folder, name))]

    def _never_autograded(self, gradebook) -> list[tuple[str, str]]:
        """(student, lab) of every collected submission that has no submission in the gradebook."""
        coursedir, found = self._coursedir(), []
        if coursedir is None:
            return found
        for assignment in gradebook.assignments:
            lab = assignment.name
            if self.assignment and lab not in self.assignment:
                continue
            pattern = coursedir.format_path(coursedir.submitted_directory, "(?P<student>[^/]+)",
                                            re.escape(lab), escape=True)
            for folder in sorted(glob.glob(coursedir.format_path(
                    coursedir.submitted_directory, "*", lab))):
                where = re.fullmatch(pattern, folder)
                student = where and where.group("student")
                if not student or (self.student and student not in self.student):
                    continue
                try:
                    gradebook.find_submission(lab, student)
                except MissingEntry:
                    found.append((student, lab))
        return found

    def _add_notes_column(self, notes: dict) -> None:
        dest = self.to or "grades.csv"
        with open(dest, newline="") as fh:
            rows = list(csv.reader(fh))
        if not rows:
            return
        lab_col, student_col = rows[0].index("assignment"), rows[0].index("student_id")
        rows[0].append("autograde_notes")
        for row in rows[1:]:
            row.append(" ".join(notes.get((row[lab_col], row[student_col]), [])))
        with open(dest, "w", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
