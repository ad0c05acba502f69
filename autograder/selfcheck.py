"""Grade a lab notebook with every check, visible and hidden, without a gradebook.

    python -m autograder.selfcheck work/lottery_tickets/lottery_tickets.ipynb

It runs the same ``nbgrader autograde`` as an instructor would, with this
course's configuration, in a throw-away course directory, so the points are the
ones an instructor would record. It prints errors in the student's own cells
(a SyntaxError, say), the points of each check and, for each failure, the
checker's sentence. The exit status is 0 at full marks, 1 below, 2 when the
notebook cannot be graded at all.
"""
import argparse
import builtins
import json
import re
import sys
import tempfile
from pathlib import Path

import nbformat

from .harness import (SOLUTIONS, cell_scores, failure_messages, generate, lab_names,
                      make_course, max_scores, run_nbgrader, submit)

STUDENT = "self"
CANNOT_GRADE = 2


class CannotGrade(Exception):
    """The notebook cannot be graded; the message says why, in one sentence."""


def lab_notebook(lab: str) -> Path:
    return next((SOLUTIONS / lab).glob("*.ipynb"))


def grade_ids(nb) -> set[str]:
    return {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells} - {None}


def find_lab(nb, notebook: Path, lab: str | None = None) -> str:
    """The lab a notebook belongs to, by its graded cells (so a renamed copy works)."""
    labs = lab_names()
    if lab is not None and lab not in labs:
        raise CannotGrade(f"there is no lab called {lab!r}; the labs are: {', '.join(labs)}.")
    overlap = {name: len(grade_ids(nb) & grade_ids(nbformat.read(lab_notebook(name), 4)))
               for name in ([lab] if lab else labs)}
    best = max(overlap, key=lambda name: (overlap[name], name == notebook.parent.name))
    if overlap[best] == 0:
        what = f"the lab {lab!r}" if lab else "any lab of this course"
        raise CannotGrade(
            f"{notebook.name} has none of the graded cells of {what}, so there is nothing to grade. "
            "`./course check` grades a lab notebook such as work/lottery_tickets/lottery_tickets.ipynb; "
            "the units (units/*_unit.ipynb) are read-along notebooks and are not graded.")
    return best


def own_cell_errors(course: Path, lab: str, student: str) -> list[str]:
    """Errors raised by the student's answer cells (and syntax errors in any
    cell that is not a check), named by cell."""
    errors = []
    for path in sorted((course / "autograded" / student / lab).glob("*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code" or meta.get("grade"):
                continue
            name = f"`{meta['grade_id']}`" if meta.get("grade_id") else f"number {number}"
            for out in cell.get("outputs", []):
                if out.output_type == "error" and (meta.get("solution")
                                                   or issubclass_name(out.ename, SyntaxError)):
                    evalue = re.sub(r"\(\w+\.py, (line \d+)\)", r"(\1 of the cell)", out.evalue)
                    errors.append(f"cell {name} raised {out.ename}: {evalue}".strip())
    return errors


def issubclass_name(name: str, base: type) -> bool:
    error = getattr(builtins, name, None)
    return isinstance(error, type) and issubclass(error, base)


def grade(notebook: Path, lab: str | None = None) -> dict:
    """Autograde one notebook; return points, maxima and failure messages per check."""
    notebook = notebook.resolve()
    if not notebook.is_file():
        raise CannotGrade(f"no such notebook: {notebook}")
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as error:
        raise CannotGrade(f"{notebook} is not a readable notebook: {error}") from None
    lab = find_lab(nb, notebook, lab)
    with tempfile.TemporaryDirectory(prefix="selfcheck-") as tmp:
        course = make_course(Path(tmp), lab, sandbox_required=False)
        generate(course, lab)
        submit(course, lab, STUDENT, {lab_notebook(lab).name: nb})
        proc = run_nbgrader(course, "autograde", lab, check=False)
        scores = cell_scores(course, lab).get(STUDENT, {})
        maxima = max_scores(course, lab)
        messages = failure_messages(course, lab, STUDENT)
        errors = own_cell_errors(course, lab, STUDENT)
    if not scores or any(v is None for v in scores.values()):
        raise CannotGrade(f"grading failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return {"lab": lab, "notebook": str(notebook), "scores": scores, "max": maxima,
            "messages": messages, "errors": errors, "total": sum(scores.values()),
            "max_total": sum(maxima.values())}


def report(result: dict) -> str:
    width = max(len(k) for k in result["max"])
    lines = [f"Self-check of {result['notebook']} (lab {result['lab']}: visible and hidden checks)", ""]
    if result.get("errors"):
        lines.append("Errors in your code (fix these first: the checks that use it fail too):")
        lines += [f"  {error}" for error in result["errors"]] + [""]
    for check, top in result["max"].items():
        got = result["scores"].get(check, 0.0)
        mark = "✔" if got == top else "✘"
        lines.append(f"  {mark} {check:<{width}}  {got:g} / {top:g}")
        if check in result["messages"]:
            lines.append(f"      {result['messages'][check]}")
    lines += ["", f"Total: {result['total']:g} / {result['max_total']:g}"]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--lab", help="the lab's name, if the notebook's cells do not say it")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    try:
        result = grade(args.notebook, args.lab)
    except CannotGrade as error:
        print(f"Cannot grade: {error}", file=sys.stderr)
        return CANNOT_GRADE
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if result["total"] == result["max_total"] else 1


if __name__ == "__main__":
    sys.exit(main())
