"""Measure every unit (top-to-bottom execution) and every lab's autograde of its
reference solution, plus the certification MILP against width and dataset
loading; write benchmarks/RESULTS.md.

    ./course bench           (./course bench --labs: only the lab autogrades, other rows kept;
                              ./course bench --throughput [LAB] [N]: parallel autograde, see
                              benchmarks/throughput.py)

Budgets: a unit about 120 s, a lab autograde about 60 s, each under 2 GiB, on
2 cores. Each measurement runs in a fresh subprocess; peak memory is the
largest resident set among it and its children (the kernel).
"""
import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

UNIT = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=900, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
"""
LAB = """
import sys, tempfile, nbformat
from pathlib import Path
from autograder import harness as h
lab = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    course = h.make_course(Path(tmp), lab)
    release = h.generate(course, lab)
    notebooks = {p.name: h.fill(p, h.solution_sources(lab)) for p in release.glob("*.ipynb")}
    h.submit(course, lab, "reference", notebooks)
    import time; t = time.time()
    h.run_nbgrader(course, "autograde", lab, *sys.argv[2:])
    print("AUTOGRADE_S", time.time() - t)
"""
# nbgrader's own way, for comparison: test cells in the student's kernel, no sandbox.
IN_KERNEL = ["--TrustedExecute.trusted=False",
             "--TrustedExecute.kernel_manager_class=autograder.preprocessors.PrivateKernelManager"]


def measure(code: str, *args: str) -> tuple[float, float, str]:
    wrapper = ("import resource, subprocess, sys, time\n"
               "t = time.time()\n"
               "p = subprocess.run([sys.executable, '-c', sys.argv[1], *sys.argv[2:]], "
               "capture_output=True, text=True)\n"
               "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
               "print(p.stdout); print(p.stderr[-2000:], file=sys.stderr)\n"
               "print('WALL', time.time() - t, 'PEAK', peak, 'RC', p.returncode)\n")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", wrapper, code, *args], capture_output=True,
                         text=True, env=env, cwd=REPO)
    last = out.stdout.strip().splitlines()[-1].split()
    if last[5] != "0":
        raise RuntimeError(out.stdout + out.stderr)
    return float(last[1]), float(last[3]), out.stdout


def lab_rows() -> list[tuple]:
    rows = []
    for lab in sorted(p.name for p in (REPO / "solutions").iterdir() if p.is_dir()):
        seconds = {}
        for way, args in (("in the kernel", IN_KERNEL), ("trusted", [])):
            wall, peak, out = measure(LAB, lab, *args)
            seconds[way] = next(float(l.split()[1]) for l in out.splitlines()
                                if l.startswith("AUTOGRADE_S"))
            note = f"reference solution, one student (budget ~60 s); with generate: {wall:.1f} s"
            if way == "trusted":
                note += (f"; {seconds['trusted'] / seconds['in the kernel']:.2f}x nbgrader's "
                         "in-kernel grading (budget 1.5x)")
            rows.append((f"lab {lab} autograde, {way}", seconds[way], peak, note))
            print(rows[-1], flush=True)
    return rows


def row_line(name, wall, peak, note) -> str:
    return f"| {name} | {wall:.3g} | {'-' if peak is None else f'{peak:.0f}'} | {note} |"


def labs_only() -> int:
    """``./course bench --labs``: measure the lab autogrades again, keep the other rows."""
    results = REPO / "benchmarks" / "RESULTS.md"
    lines = [l for l in results.read_text().splitlines() if not l.startswith("| lab ")]
    at = max(i for i, l in enumerate(lines) if l.startswith("| unit ")) + 1
    lines[at:at] = [row_line(*r) for r in lab_rows()]
    at = next(i for i, l in enumerate(lines) if l.startswith("Measured"))
    lines[at] = lines[at].split("; lab rows")[0].rstrip(".") + \
        f"; lab rows again on {datetime.date.today()} (`./course bench --labs`)."
    results.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


def main() -> int:
    if "--labs" in sys.argv[1:]:
        return labs_only()
    if sys.argv[1:2] == ["--throughput"]:
        import throughput

        return throughput.main(sys.argv[2:])
    rows = []
    for unit in sorted((REPO / "units").glob("*.ipynb")):
        wall, peak, _ = measure(UNIT, str(unit), str(unit.parent))
        rows.append((f"unit {unit.stem}", wall, peak, "execute top to bottom (budget ~120 s)"))
        print(rows[-1], flush=True)
    rows += lab_rows()
    import certification
    import datasets as dataset_bench

    for r in certification.rows():
        rows.append((r["name"], r["wall_s"], None, r["note"]))  # no memory measured

    for r in dataset_bench.rows():
        rows.append((f"dataset {r['name']}", r["wall_s"], r["peak_mib"], r.get("note", "")))
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today()} with `./course bench` on {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}.",
        "",
        "| what | wall (s) | peak memory (MiB) | note |",
        "|---|---:|---:|---|",
    ]
    lines += [row_line(*r) for r in rows]
    results = REPO / "benchmarks" / "RESULTS.md"
    old = results.read_text() if results.exists() else ""
    kept = old[old.index("\n## "):] if "\n## " in old else ""  # throughput and CI sections
    results.write_text("\n".join(lines) + "\n" + kept)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
