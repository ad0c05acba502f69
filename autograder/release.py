"""Regenerate the student releases in ``labs/`` from the nbgrader sources in
``solutions/`` (``nbgrader generate_assignment`` in a throw-away course, so
the instructor's gradebook is untouched).

    python -m autograder.release            # every lab
    python -m autograder.release LAB ...    # some labs
"""
import shutil
import sys
import tempfile
from pathlib import Path

from .harness import LABS, SOLUTIONS, generate, make_course


def lab_names() -> list[str]:
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def release(lab: str, dest: Path = LABS) -> Path:
    """Write the student version of ``lab`` to ``dest/lab`` and return that folder."""
    with tempfile.TemporaryDirectory(prefix=f"release-{lab}-") as tmp:
        generated = generate(make_course(Path(tmp), lab), lab)
        target = dest / lab
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(generated, target)
    return target


def main(argv: list[str]) -> int:
    for lab in argv or lab_names():
        print(f"released {release(lab).relative_to(LABS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
