"""The tamper corpus: ``tests/tamper/<lab>/<name>.py``, submissions that try to get more than
their code earns, harm other students or the grader, read what they must not, or break grading.
``tests/test_tamper.py`` grades them all through the real pipeline.

An entry is written like a bank entry (``tests/banks``): summary comments, then header lines,
then sections, each running to the next section:

* ``# class: harm|secrets|kernel|lost|process``: what the entry attacks: other students and the
  grader's files; what the grader must keep secret; the verdict, from inside the kernel; whether
  the submission is graded at all; processes and resources.
* ``# honest: stub`` (the code earns 0 everywhere: the answer cells start as the release's
  stubs), ``reference`` (full marks), the name of a ``tests/banks/<lab>/wrong`` entry (0 on the
  cells its ``# fails:`` names) or ``test_x=0 test_y=1`` (those cells; the others full). The
  honest code is the starting point (release stubs for ``stub``, else the reference with that
  wrong entry's cells); the sections below replace cells of it. The test asserts the entry gets
  no more than this on any grade cell.
* ``# delete: ID``, ``# duplicate: ID`` (a copy right after it), ``# flip: ID`` (the cell's
  ``grade`` flag set to false), ``# rename-notebook: NAME``: notebook-level tampering.
* ``# %% cell: ID`` (a new source for that answer cell), ``# %% edit: ID`` (``-``/``+`` lines
  applied to the reference cell, as in the banks), ``# %% append: ID`` (code added at the end of
  that answer cell of the honest code), ``# %% insert after: ID`` (a new code cell, without
  nbgrader metadata, after that cell), ``# %% file: PATH`` (a file in the submission folder,
  next to the notebook).

A section may hold ``# include: NAME`` lines: each stands for ``tests/tamper/payloads/NAME.py``,
an attack written once for every lab, in which ``@LAB@`` is the lab's id (filled in when the entry
is read).

Sources may name ``@COURSE@`` (the course root), ``@REPO@`` (this repository), ``@PRIVATE@`` (the
instructor's private checks folder) and ``@MARKER@`` (a string every process an entry starts
must carry in its argv, so the test can see whether any survived): the test fills them in, as if
the student had guessed them. A payload that writes outside its own folder puts ``tfdl-tamper``
in what it writes, so that the test can undo it where grading is not sandboxed.
"""
import copy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder import harness

TAMPER = harness.REPO / "tests" / "tamper"
PAYLOADS = TAMPER / "payloads"  # attacks shared by every lab's corpus (``# include: NAME``)
CLASSES = ("harm", "secrets", "kernel", "lost", "process")
SIGNATURE = "tfdl-tamper"  # every payload that writes outside its folder carries this string
LISTS = ("delete", "duplicate", "flip")


@dataclass
class TamperEntry:
    lab: str
    name: str
    summary: str
    kind: str
    honest: str
    cells: dict[str, str] = field(default_factory=dict)
    appends: dict[str, str] = field(default_factory=dict)
    inserts: list[tuple[str, str]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    delete: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    flip: list[str] = field(default_factory=list)
    rename: str | None = None


def read_corpus(lab: str) -> list[TamperEntry]:
    return [parse(path, lab) for path in sorted((TAMPER / lab).glob("*.py"))]


def parse(path: Path, lab: str) -> TamperEntry:
    entry = TamperEntry(lab, path.stem, "", "", "")
    summary, sections, current = [], [], None
    for line in path.read_text().splitlines():
        if line.startswith("# %% "):
            kind, _, arg = line[5:].partition(":")
            current = (kind.strip(), arg.strip(), [])
            sections.append(current)
        elif current is not None:
            current[2].append(line)
        elif line.startswith(("# class:", "# honest:", "# rename-notebook:")):
            key, value = line[2:].split(":", 1)
            setattr(entry, {"class": "kind", "rename-notebook": "rename"}.get(key, key),
                    value.strip())
        elif any(line.startswith(f"# {key}:") for key in LISTS):
            key, value = line[2:].split(":", 1)
            getattr(entry, key).extend(value.split())
        elif line.startswith("#"):
            summary.append(line.lstrip("# ").strip())
    entry.summary = " ".join(summary).strip()
    reference = harness.solution_sources(lab)
    for kind, arg, lines in sections:
        lines = [included for line in lines for included in _expand(line, lab)]
        text = "\n".join(lines).strip("\n")
        if kind == "cell":
            entry.cells[arg] = text
        elif kind == "edit":
            entry.cells[arg] = harness.apply_edit(reference[arg] + "\n", lines,
                                                  f"{path.name}, {arg}").strip("\n")
        elif kind == "append":
            entry.appends[arg] = text
        elif kind == "insert after":
            entry.inserts.append((arg, text))
        elif kind == "file":
            entry.files[arg] = text + "\n"
        else:
            raise ValueError(f"{path.name}: unknown section '# %% {kind}'")
    if entry.kind not in CLASSES or not entry.honest:
        raise ValueError(f"{path.name}: needs '# class:' (one of {CLASSES}) and '# honest:'")
    return entry


def _expand(line: str, lab: str) -> list[str]:
    """A section's line, or the lines of the shared payload it includes (payloads may include
    payloads), for ``lab``."""
    if not line.startswith("# include:"):
        return [line]
    name = line.split(":", 1)[1].strip()
    text = (PAYLOADS / f"{name}.py").read_text().replace("@LAB@", lab)
    return [included for line in text.splitlines() for included in _expand(line, lab)]


def _wrong_entry(entry: TamperEntry):
    return next((e for e in harness.read_bank(entry.lab)
                 if e.kind == "wrong" and e.name == entry.honest), None)


def honest_bound(entry: TamperEntry, max_scores: dict[str, float]) -> dict[str, float]:
    """The most the entry's honest code earns on each grade cell."""
    if entry.honest == "stub":
        return {cell: 0.0 for cell in max_scores}
    if entry.honest == "reference":
        return dict(max_scores)
    wrong = _wrong_entry(entry)
    if wrong is not None:
        return {cell: 0.0 if cell in wrong.must_fail else top for cell, top in max_scores.items()}
    given = {k: float(v) for k, v in (word.split("=") for word in entry.honest.split())}
    if set(given) - set(max_scores):
        raise KeyError(f"{entry.name}: no grade cells {sorted(set(given) - set(max_scores))}")
    return {cell: given.get(cell, top) for cell, top in max_scores.items()}


def honest_cells(entry: TamperEntry) -> dict[str, str]:
    """The answer cells of the honest code: none (release stubs), or the reference's, with a
    wrong bank entry's cells."""
    if entry.honest == "stub":
        return {}
    wrong = _wrong_entry(entry)
    return {**harness.solution_sources(entry.lab), **(wrong.cells if wrong else {})}


def build(entry: TamperEntry, release_nb: Path, values: dict[str, str]):
    """(notebook file name, notebook, {relative path: text}) of the entry's submission, with the
    placeholders replaced by ``values``."""

    def fill_in(text: str) -> str:
        for key, value in values.items():
            text = text.replace(key, value)
        return text

    # Without the lab's unscored experiment cells: they cost time and no attack needs them.
    nb = harness.fill(release_nb, {**honest_cells(entry),
                                   **{k: fill_in(v) for k, v in entry.cells.items()}},
                      demos=False)
    gid = lambda cell: cell.metadata.get("nbgrader", {}).get("grade_id")  # noqa: E731
    known = {gid(cell) for cell in nb.cells}
    named = (entry.delete + entry.duplicate + entry.flip + list(entry.appends)
             + [after for after, _ in entry.inserts])
    if set(named) - known:
        raise KeyError(f"{entry.name}: no cells {sorted(set(named) - known)}")
    cells = []
    for cell in nb.cells:
        if gid(cell) in entry.delete:
            continue
        if gid(cell) in entry.flip:
            cell.metadata.nbgrader["grade"] = False
        if gid(cell) in entry.appends:
            cell.source += "\n\n" + fill_in(entry.appends[gid(cell)])
        cells.append(cell)
        if gid(cell) in entry.duplicate:
            cells.append(copy.deepcopy(cell))
        cells += [nbformat.v4.new_code_cell(fill_in(source))
                  for after, source in entry.inserts if after == gid(cell)]
    nb.cells = cells
    files = {path: fill_in(text) for path, text in entry.files.items()}
    return entry.rename or release_nb.name, nb, files
