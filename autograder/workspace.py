"""Self-learners' working copies of the labs, in ``work/<lab>/``.

``labs/`` is generated from ``solutions/`` and is overwritten whenever the course
is updated (``./course release``), so nobody should do their lab there. Each
lab gets a copy in ``work/`` (ignored by git) that updates never touch:

    python -m autograder.workspace              # copy every lab not copied yet
    python -m autograder.workspace LAB --fresh  # start LAB again; the old copy is kept aside
"""
import argparse
import shutil
import sys
import time

from .harness import LABS, REPO, lab_names

WORK = REPO / "work"


def ensure_copy(lab: str, fresh: bool = False) -> str:
    """Make ``work/<lab>/`` from ``labs/<lab>/`` unless it exists; say what happened."""
    source, target = LABS / lab, WORK / lab
    if not source.is_dir():
        raise SystemExit(f"there is no lab called {lab!r}; the labs are: {', '.join(lab_names())}.")
    if target.exists() and not fresh:
        return f"kept   work/{lab}/ (your copy; `./course start {lab} --fresh` starts it again)"
    note = ""
    if target.exists():
        aside = WORK / f"{lab}-before-{time.strftime('%Y%m%d-%H%M%S')}"
        target.rename(aside)
        note = f"; your previous copy is in work/{aside.name}/"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return f"copied labs/{lab}/ to work/{lab}/{note}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labs", nargs="*", help="lab names (default: every lab)")
    parser.add_argument("--fresh", action="store_true",
                        help="start again from the released lab; the old copy is renamed, not deleted")
    parser.add_argument("--quiet", action="store_true", help="print only new copies")
    args = parser.parse_args(argv)
    for lab in args.labs or lab_names():
        line = ensure_copy(lab, fresh=args.fresh)
        if not (args.quiet and line.startswith("kept")):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
