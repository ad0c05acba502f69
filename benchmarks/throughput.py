"""Parallel autograde throughput: ``./course bench --throughput [LAB] [N]``.

Grades the same N submissions of a lab (its reference, then its bank's correct and wrong
implementations, round robin) with serial ``nbgrader autograde`` and with ``./course grade`` on
2 and 3 local Dask workers, each from an identical fresh copy of the course, and writes the
"Parallel autograde" section of benchmarks/RESULTS.md: submissions per minute against workers.
"""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autograder import harness  # noqa: E402

HEADING = "## Parallel autograde (`./course grade`)"


def course_with_submissions(root: Path, lab: str, n: int) -> Path:
    course = harness.make_course(root, lab)
    release = harness.generate(course, lab)
    notebook = next(release.glob("*.ipynb")).name
    reference = harness.solution_sources(lab)
    entries = [e for e in harness.read_bank(lab) if e.kind in ("correct", "wrong")]
    for i in range(n):
        cells = reference if i == 0 else {**reference, **entries[(i - 1) % len(entries)].cells}
        harness.submit(course, lab, f"student{i:03d}",
                       {notebook: harness.fill(release / notebook, cells, demos=False)})
    return course


def timed(course: Path, lab: str, workers: int | None) -> float:
    start = time.perf_counter()
    if workers is None:
        proc = harness.run_nbgrader(course, "autograde", lab, "--TrustedExecute.seed=1", check=False)
    else:
        proc = harness.grade_in_parallel(course, lab, "--seed=1", workers=workers)
    seconds = time.perf_counter() - start
    graded = len(list((course / "autograded").glob(f"*/{lab}/*.ipynb")))
    if graded != len(list((course / "submitted").iterdir())):
        raise RuntimeError(f"only {graded} submissions graded:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return seconds


def rows(lab: str, n: int) -> list[tuple[str, float]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        template = course_with_submissions(Path(tmp) / "template", lab, n)
        for name, workers in (("serial nbgrader autograde", None), ("2 workers", 2),
                              ("3 workers", 3)):
            course = Path(tmp) / name.replace(" ", "_")
            shutil.copytree(template, course)
            (course / "nbgrader_config.py").write_text(
                (template / "nbgrader_config.py").read_text().replace(str(template), str(course)))
            out.append((name, timed(course, lab, workers)))
            print(out[-1], flush=True)
    return out


def section(lab: str, n: int, measured: list[tuple[str, float]]) -> list[str]:
    serial = measured[0][1]
    lines = [HEADING, "",
             f"Measured {datetime.date.today()} with `./course bench --throughput {lab} {n}` on "
             f"{os.cpu_count()} cores: the same {n} submissions of {lab} (reference, bank entries "
             "without the unscored experiment cells), trusted and sandboxed, from identical fresh "
             "copies of the course; SQLite gradebook. Local workers fork from one process that "
             "has imported nbgrader, torch and the checks, with Dask's monitoring slowed "
             "(`LOCAL_CLUSTER_CONFIG` in autograder/parallel.py).", "",
             "| grading | wall (s) | submissions per minute | vs serial |",
             "|---|---:|---:|---:|"]
    for name, seconds in measured:
        lines.append(f"| {name} | {seconds:.0f} | {60 * n / seconds:.1f} | {serial / seconds:.2f}x |")
    best = max(60 * n / s for _, s in measured)
    lines += ["", f"On paper, N machines like this one with their own workers, grading into one "
              f"PostgreSQL gradebook, give about N x {best:.0f} submissions per minute until the "
              "gradebook or the shared file system saturates (not measured here: each task writes "
              "a few dozen rows and one notebook of about 30 kB); 300 students of this lab then "
              f"take about {300 / best:.0f} minutes on one such machine."]
    return lines


def main(argv: list[str]) -> int:
    lab = argv[0] if argv else "lottery_tickets"
    n = int(argv[1]) if len(argv) > 1 else 30
    results = REPO / "benchmarks" / "RESULTS.md"
    text = results.read_text()
    kept = text.split(HEADING)[0].rstrip("\n")
    results.write_text(kept + "\n\n" + "\n".join(section(lab, n, rows(lab, n))) + "\n")
    print(results.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
