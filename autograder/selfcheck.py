"""Grade a lab notebook with every check, visible and hidden, without a gradebook.

    python -m autograder.selfcheck labs/lottery_tickets/lottery_tickets.ipynb

It runs the same ``nbgrader autograde`` as an instructor would, with this
course's configuration, in a throw-away course directory, so the points are the
ones an instructor would record. It prints the points of each check and, for
each failure, the checker's sentence.
"""
import argparse
import json
import sys
import tempfile
from pathlib import Path

import nbformat

from .harness import (SOLUTIONS, cell_scores, failure_messages, generate, make_course,
                      max_scores, run_nbgrader, submit)

STUDENT = "self"


def find_lab(notebook: Path) -> str:
    """The lab a notebook belongs to: the solutions/<lab>/ with a notebook of that name."""
    candidates = [p.parent.name for p in SOLUTIONS.glob(f"*/{notebook.name}")]
    if notebook.parent.name in candidates:
        return notebook.parent.name
    if len(candidates) == 1:
        return candidates[0]
    raise SystemExit(f"{notebook.name} is not a lab notebook of this course "
                     f"(labs: {sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir())}).")


def grade(notebook: Path, lab: str | None = None) -> dict:
    """Autograde one notebook; return points, maxima and failure messages per check."""
    notebook = notebook.resolve()
    lab = lab or find_lab(notebook)
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as error:
        raise SystemExit(f"{notebook} is not a readable notebook: {error}") from None
    with tempfile.TemporaryDirectory(prefix="selfcheck-") as tmp:
        course = make_course(Path(tmp), lab)
        generate(course, lab)
        submit(course, lab, STUDENT, {notebook.name: nb})
        proc = run_nbgrader(course, "autograde", lab, check=False)
        scores = cell_scores(course, lab).get(STUDENT, {})
        maxima = max_scores(course, lab)
        messages = failure_messages(course, lab, STUDENT)
    if not scores or any(v is None for v in scores.values()):
        raise SystemExit(f"grading failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return {"lab": lab, "notebook": str(notebook), "scores": scores, "max": maxima,
            "messages": messages, "total": sum(scores.values()), "max_total": sum(maxima.values())}


def report(result: dict) -> str:
    width = max(len(k) for k in result["max"])
    lines = [f"Self-check of {result['notebook']} (lab {result['lab']}: visible and hidden checks)", ""]
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
    parser.add_argument("--lab", help="the lab name, if the notebook was renamed")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not args.notebook.exists():
        raise SystemExit(f"no such notebook: {args.notebook}")
    result = grade(args.notebook, args.lab)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
