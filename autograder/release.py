"""Regenerate the student releases in ``labs/`` from the nbgrader sources in
``solutions/`` (``nbgrader generate_assignment`` in a throw-away course, so
the instructor's gradebook is untouched).

``labs/`` is generated; people do their labs in ``work/`` (see
``autograder.workspace``). Should someone have written answers into a
``labs/`` notebook all the same, it is kept in ``work/<lab>/`` before
``labs/`` is overwritten.

    python -m autograder.release            # every lab
    python -m autograder.release LAB ...    # some labs
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .harness import LABS, answer_cells, generate, lab_names, make_course
from .workspace import WORK


def release(lab: str, dest: Path = LABS) -> Path:
    """Write the student version of ``lab`` to ``dest/lab`` and return that folder."""
    with tempfile.TemporaryDirectory(prefix=f"release-{lab}-") as tmp:
        generated = generate(make_course(Path(tmp), lab), lab)
        target = dest / lab
        for kept in keep_edited(generated, target, WORK / lab):
            print(f"kept your edited {kept.name} as work/{lab}/{kept.name} before overwriting labs/{lab}/")
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(generated, target)
    return target


def keep_edited(generated: Path, target: Path, keep_in: Path) -> list[Path]:
    """Copy each notebook in ``target`` whose answer cells differ from the fresh
    release into ``keep_in`` (under a dated name); return the copies."""
    kept = []
    for fresh in sorted(generated.glob("*.ipynb")):
        old = target / fresh.name
        try:
            edited = old.exists() and answer_cells(old) != answer_cells(fresh)
        except Exception:  # unreadable or without nbgrader metadata: keep it too
            edited = old.exists()
        if edited:
            keep_in.mkdir(parents=True, exist_ok=True)
            copy = keep_in / f"{fresh.stem}-from-labs-{time.strftime('%Y%m%d-%H%M%S')}.ipynb"
            shutil.copy2(old, copy)
            kept.append(copy)
    return kept


def main(argv: list[str]) -> int:
    for lab in argv or lab_names():
        print(f"released {release(lab).relative_to(LABS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
