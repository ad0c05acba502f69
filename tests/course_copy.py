"""Throw-away copies of the course for the tests that run it as a person would
(the browser test, the instructor's exchange flow)."""
import shutil
import socket
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def copy_working_tree(dest: Path):
    """The files a fresh clone of this working tree would hold (tracked and untracked, not
    ignored), without cloning: a clone would miss uncommitted changes."""
    proc = subprocess.run(["git", "-c", "safe.directory=*", "ls-files", "-z", "--cached",
                           "--others", "--exclude-standard"], cwd=REPO, capture_output=True)
    if proc.returncode == 0:
        files = [f for f in proc.stdout.decode().split("\0") if f]
    else:  # no git: everything but the environment, caches and course working folders
        skip = {".git", ".venv", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "work",
                "build", "submitted", "autograded", "feedback", "downloaded", "exchange"}
        files = [str(p.relative_to(REPO)) for p in REPO.rglob("*")
                 if p.is_file() and not skip & set(p.relative_to(REPO).parts)
                 and p.name not in ("gradebook.db", "grades.csv")]
    for name in files:
        src = REPO / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
