"""Repair a submission's nbgrader cells from the gradebook before nbgrader checks them, and tell
the instructor what was repaired.

Stock nbgrader 0.9.6 loses a submission (a silent zero, or the whole batch stops) when a student
deletes the last test cell or a test cell after a read-only cell (``OverwriteCells`` raises
``KeyError``), duplicates a graded cell (``DeduplicateIds`` blanks a copy, ``CheckCellMetadata``
aborts the batch with an "old metadata format" error), flips a test cell's flags or type
("Inconsistent checksums"), strips a cell's nbgrader metadata or renames its id. Configured in
``autograder/nbgrader_config.py``:

* :class:`RepairCells`, first of ``Autograde.sanitize_preprocessors``, rebuilds every cell the
  gradebook knows (tests, answers, read-only cells) with the release's type, flags, points and,
  for read-only cells, source, so nbgrader's own preprocessors accept the notebook and grade it.
* :class:`AutogradeExporter` (``Autograde.exporter_class``) grades a submission whose
  ``autograded/<student>/<lab>/`` folder exists without a finished autograde (nbgrader would skip
  it without a word) and flags a submission whose autograde fails.

Each repair is one sentence. It is logged as a warning naming the student and the lab, shown in a
markdown cell at the top of the graded notebook (formgrader and feedback show it), and the
submission is flagged in the gradebook (formgrader's submission lists show the flag).
``autograder.submissions.CheckedCsvExport`` adds the sentences to ``grades.csv``.
"""
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass

import nbformat
from nbconvert.exporters import NotebookExporter
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor

ROLES = ("grade", "solution", "locked", "task")  # nbgrader's flags of a cell
# Cell metadata key of the notes cell; the notes are listed under it for export.
NOTES_KEY = "autograder_notes"
NOTES_HEADING = "**Autograde notes.** The grader changed this submission before grading it:"

# Notes about a submission found before its notebooks are converted, for RepairCells to add.
_pending_notes: dict[tuple[str, str], list[str]] = {}


@dataclass
class ReleaseCell:
    """A cell as the gradebook recorded it at release: every grade, answer, task and read-only
    cell, in release order."""

    name: str
    cell_type: str
    source: str
    checksum: str
    locked: bool
    grade: bool
    solution: bool
    task: bool
    points: float | None

    @property
    def kind(self) -> str:
        if self.grade and self.locked:
            return "test cell"
        if self.solution:
            return "answer cell"
        return "task cell" if self.task else "read-only cell"

    def metadata(self) -> dict:
        meta = {"grade": self.grade, "grade_id": self.name, "locked": self.locked,
                "solution": self.solution, "task": self.task, "schema_version": 3,
                "cell_type": self.cell_type, "checksum": self.checksum}
        if self.points is not None:
            meta["points"] = self.points
        return meta

    def matches(self, source: str) -> bool:
        """Whether ``source`` is this cell as released (hidden tests removed) or as recorded."""
        return source.strip() in (self.source.strip(), _without_hidden_tests(self.source).strip())


def _without_hidden_tests(source: str) -> str:
    lines, hidden = [], False
    for line in source.splitlines():
        if "BEGIN HIDDEN TESTS" in line:
            hidden = True
        elif "END HIDDEN TESTS" in line:
            hidden = False
        elif not hidden:
            lines.append(line)
    return "\n".join(lines)


def release_cells(gradebook: Gradebook, notebook: str, assignment: str) -> list[ReleaseCell]:
    """The gradebook's cells of a notebook. Its source cells come in release order, as nbgrader's
    own OverwriteCells assumes."""
    nb = gradebook.find_notebook(notebook, assignment)
    points = {c.name: c.max_score for c in nb.grade_cells + nb.task_cells}
    grades = {c.name for c in nb.grade_cells}
    solutions = {c.name for c in nb.solution_cells}
    tasks = {c.name for c in nb.task_cells}
    return [ReleaseCell(c.name, c.cell_type, c.source, c.checksum, c.locked, c.name in grades,
                        c.name in solutions, c.name in tasks, points.get(c.name))
            for c in nb.source_cells]


# -- the repair --------------------------------------------------------------------------------
def repair_cells(nb: nbformat.NotebookNode, release: list[ReleaseCell]) -> list[str]:
    """Give ``nb`` exactly one cell per release cell, with the release's type, flags and points,
    and the release's source where the cell is read-only. Returns one sentence per repair."""
    by_name = {r.name: r for r in release}
    notes = []
    for cell in nb.cells:
        cell.metadata.pop(NOTES_KEY, None)  # only the grader writes notes
    present, renamed, copies = _keep_last_copies(nb.cells, by_name, notes)
    for name, cell in present.items():
        _restore(cell, by_name[name], notes)
    for index, r in enumerate(release):
        if r.name not in present:
            _put_back(nb, release, index, present, renamed, copies, notes)
    notes += [f"A cell with the unknown nbgrader id '{old}' ran as an ordinary cell."
              for old in renamed.values()]
    return notes


def _claimed_id(cell) -> str | None:
    meta = cell.metadata.get("nbgrader")
    grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
    return grade_id if isinstance(grade_id, str) else None


def _claims_a_role(cell) -> bool:
    meta = cell.metadata.get("nbgrader")
    return isinstance(meta, dict) and any(meta.get(flag) for flag in ROLES)


def _keep_last_copies(cells, by_name, notes):
    """Keep the last cell claiming each known id; every other cell loses its nbgrader metadata
    and runs as an ordinary cell. Returns ({id: kept cell}, {id(cell): unknown id it had},
    {id(cell) of extra copies})."""
    claims = [_claimed_id(cell) for cell in cells]
    counts = Counter(name for name in claims if name in by_name)
    present, renamed, copies = {}, {}, set()
    for cell, name in zip(cells, claims):
        if name in by_name:
            present[name] = cell  # a later copy replaces an earlier one
    for cell, name in zip(cells, claims):
        if name in by_name and present[name] is cell:
            continue
        if name in by_name:
            copies.add(id(cell))
        elif name is not None and _claims_a_role(cell):
            renamed[id(cell)] = name
        cell.metadata.pop("nbgrader", None)
    for name, count in counts.items():
        if count > 1:
            r = by_name[name]
            notes.append(f"{r.kind.capitalize()} {name} appeared {count} times; the last copy "
                         f"counts as {name}, the other copies ran as ordinary cells.")
    return present, renamed, copies


def _restore(cell, r: ReleaseCell, notes) -> None:
    """Give a cell the release's type, flags and points, and its source if read-only."""
    meta = cell.metadata.get("nbgrader", {})
    changes = []
    if cell.cell_type != r.cell_type:
        changes.append(f"cell type {cell.cell_type} instead of {r.cell_type}")
        _set_type(cell, r.cell_type)
    for flag in ROLES:
        if bool(meta.get(flag, False)) != getattr(r, flag):
            changes.append(f"{flag} {str(not getattr(r, flag)).lower()} instead of "
                           f"{str(getattr(r, flag)).lower()}")
    if r.points is not None and _number(meta.get("points")) != r.points:
        changes.append(f"points {meta.get('points')} instead of {r.points:g}")
    if changes:
        notes.append(f"The nbgrader settings of {r.kind} {r.name} had been changed "
                     f"({'; '.join(changes)}); they were restored from the release.")
    if r.locked and not r.matches(cell.source):
        notes.append(f"{r.kind.capitalize()} {r.name} had been edited; its release version "
                     f"was restored.")
    if r.locked:
        cell.source = r.source
    cell.metadata["nbgrader"] = r.metadata()


def _put_back(nb, release, index, present, renamed, copies, notes) -> None:
    """Restore the missing release cell ``release[index]`` between the release cells around it:
    from an ordinary cell there that is recognisably it (its metadata stripped or its id
    renamed), else from the gradebook, just before the next release cell."""
    r = release[index]
    before = [i for i, c in enumerate(nb.cells) for p in release[:index]
              if present.get(p.name) is c]
    after = [i for i, c in enumerate(nb.cells) for p in release[index + 1:]
             if present.get(p.name) is c]
    start = max(before) + 1 if before else 0
    end = max(min([i for i in after if i >= start], default=len(nb.cells)), start)
    cell = _recognise(nb.cells[start:end], r, renamed, copies)
    if cell is not None:
        old = renamed.pop(id(cell), None)
        how = f"had been renamed to '{old}'" if old else "had lost its nbgrader metadata"
        notes.append(f"{r.kind.capitalize()} {r.name} {how}; it counts as {r.name} again.")
        cell.metadata["nbgrader"] = {}
        _restore(cell, r, [])
    elif r.locked or r.grade or r.task:
        cell = _new_cell(nb, r.cell_type, r.source, {"nbgrader": r.metadata()}, f"restored-{r.name}")
        nb.cells.insert(end, cell)
        graded = " and graded" if r.grade else ""
        notes.append(f"{r.kind.capitalize()} {r.name} was missing; it was put back from the "
                     f"release{graded}.")
    else:
        # Putting back the release stub would replace the student's code wherever it now is.
        notes.append(f"Answer cell {r.name} was missing; the student's other cells ran as "
                     f"they are.")
        return
    present[r.name] = cell


def _recognise(gap, r: ReleaseCell, renamed, copies):
    """The ordinary cell in ``gap`` that is the missing ``r``: for a read-only cell, one with its
    source; for an answer, the only candidate of its type (a renamed one first)."""
    plain = [c for c in gap if "nbgrader" not in c.metadata and id(c) not in copies]
    if r.locked:
        same = [c for c in plain if r.matches(c.source)]
        return same[-1] if same else None
    same = [c for c in plain if c.cell_type == r.cell_type]
    for group in ([c for c in same if id(c) in renamed], same):
        if len(group) == 1:
            return group[0]
    return None


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _set_type(cell, cell_type: str) -> None:
    cell.cell_type = cell_type
    for key in ("outputs", "execution_count", "attachments"):
        cell.pop(key, None)
    if cell_type == "code":
        cell.outputs, cell.execution_count = [], None


def _new_cell(nb, cell_type: str, source: str, metadata: dict, name: str):
    """A new cell whose id derives from ``name`` (nbformat would draw a random one): grading the
    same submission twice, serially or in parallel, gives the same notebook."""
    make = {"code": nbformat.v4.new_code_cell,
            "markdown": nbformat.v4.new_markdown_cell}.get(cell_type, nbformat.v4.new_raw_cell)
    cell = make(source=source, metadata=metadata)
    if nb.get("nbformat_minor", 5) < 5:
        cell.pop("id", None)  # cell ids came with nbformat 4.5
    else:
        taken = {c.get("id") for c in nb.cells}
        base = re.sub(r"[^A-Za-z0-9_-]", "-", name)[:56] or "cell"
        cell.id = next(f"{base}-{i}" if i else base for i in range(len(taken) + 1)
                       if (f"{base}-{i}" if i else base) not in taken)
    return cell


# -- reporting ---------------------------------------------------------------------------------
def notes_cell(nb, notes: list[str]):
    text = NOTES_HEADING + "\n\n" + "\n".join(f"- {note}" for note in notes)
    return _new_cell(nb, "markdown", text, {NOTES_KEY: list(notes), "editable": False},
                     "autograde-notes")


def read_notes(path: str) -> list[str]:
    """The notes of a graded notebook (empty when it has none or cannot be read)."""
    try:
        cells = nbformat.read(path, as_version=4).cells
    except Exception:
        return []
    notes = cells[0].metadata.get(NOTES_KEY) if cells else None
    return [str(n) for n in notes] if isinstance(notes, list) else []


def _flag(gradebook: Gradebook, notebook: str, assignment: str, student: str) -> None:
    try:
        gradebook.find_submission_notebook(notebook, assignment, student).flagged = True
    except MissingEntry:
        return
    gradebook.db.commit()


class RepairCells(NbGraderPreprocessor):
    """Rebuild a submission's nbgrader cells from the gradebook (see :func:`repair_cells`), log
    each repair, list them in a notes cell at the top, and flag the submission."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        student, lab, notebook = info["student"], info["assignment"], info["notebook"]
        with Gradebook(info["db_url"]) as gradebook:
            notes = _pending_notes.pop((student, lab), [])
            notes += repair_cells(nb, release_cells(gradebook, notebook, lab))
            if notes:
                _flag(gradebook, notebook, lab, student)
        for note in notes:
            self.log.warning("Student %s, lab %s, %s.ipynb: %s", student, lab, notebook, note)
        if notes:
            nb.cells.insert(0, notes_cell(nb, notes))
        return nb, resources


class AutogradeExporter(NotebookExporter):
    """nbgrader's notebook exporter for autograde (``Autograde.exporter_class``). It is created
    once per run, after nbgrader has listed the submissions and before it decides which to skip:

    * A submission whose ``autograded/<student>/<lab>/`` folder exists although autograde never
      finished it (no submission in the gradebook, or a graded notebook missing: a run killed
      midway, or a folder made by someone else) is skipped by nbgrader without a word unless
      ``--force``. The folder is removed, so the submission is graded, with a note.
    * When converting a notebook fails, the submission is flagged before nbgrader logs the error.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        converter = self.parent
        if hasattr(converter, "assignments") and not getattr(converter, "force", True):
            _grade_stale_folders(converter)

    def from_filename(self, filename, resources=None, **kw):
        try:
            return super().from_filename(filename, resources=resources, **kw)
        except Exception:
            info = (resources or {}).get("nbgrader", {})
            self.log.warning("Student %s, lab %s, %s.ipynb: autograde failed (error below); the "
                             "submission is flagged in the gradebook.",
                             info.get("student"), info.get("assignment"), info.get("notebook"))
            try:
                with Gradebook(info["db_url"]) as gradebook:
                    _flag(gradebook, info["notebook"], info["assignment"], info["student"])
            except Exception:
                pass  # nbgrader reports the failure itself
            raise


def _grade_stale_folders(converter) -> None:
    coursedir, log = converter.coursedir, converter.log
    if coursedir.notebook_id != "*":
        return  # nbgrader then checks each graded notebook itself
    pattern = converter._format_source("(?P<assignment_id>.*)", "(?P<student_id>.*)", escape=True)
    excluded = set(coursedir.student_id_exclude.split(",")) - {""}
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        for folder, notebooks in sorted(converter.assignments.items()):
            where = re.match(pattern, folder)
            if where is None or where.group("student_id") in excluded:
                continue
            lab, student = where.group("assignment_id"), where.group("student_id")
            dest = converter._format_dest(lab, student)
            reason = os.path.isdir(dest) and _unfinished(gradebook, lab, student, dest, notebooks)
            if not reason:
                continue
            note = (f"autograded/{student}/{lab}/ already existed but {reason}, so nbgrader would "
                    f"have skipped this submission; the folder was removed and the submission "
                    f"graded.")
            log.warning("Student %s, lab %s: %s", student, lab, note)
            shutil.rmtree(dest)
            _pending_notes.setdefault((student, lab), []).append(note)


def _unfinished(gradebook, lab, student, dest, notebooks) -> str | None:
    """Why an existing graded folder is not a finished autograde, or None if it is."""
    try:
        known = {nb.name for nb in gradebook.find_assignment(lab).notebooks}
    except MissingEntry:
        return None  # nbgrader reports an unknown lab itself
    try:
        gradebook.find_submission(lab, student)
    except MissingEntry:
        return "the gradebook has no grades for it"
    names = [os.path.basename(path) for path in notebooks]
    missing = [n for n in names if n[:-len(".ipynb")] in known
               and not os.path.exists(os.path.join(dest, n))]
    return f"it holds no graded {', '.join(missing)}" if missing else None
