"""Load time and peak memory of the tfdl.datasets loaders.

For each dataset a fresh Python process imports ``tfdl.datasets`` and loads it twice: the first
("cold") call includes importing pandas/scikit-learn, checking the file's sha256 and parsing it;
the second ("warm") call is served from the per-process cache. Peak memory is the child's
``ru_maxrss``. Run ``python benchmarks/datasets.py`` for a markdown table.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATASETS = ("adult", "compas", "german")

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {repo!r})
t0 = time.perf_counter()
import tfdl.datasets as d
load = getattr(d, "load_" + {name!r})
ds = load()
t1 = time.perf_counter()
load()
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
print(json.dumps({{"cold": t1 - t0, "warm": t2 - t1, "peak": peak, "shape": list(ds.data.shape)}}))
"""


def _measure(name: str) -> dict:
    code = CHILD.format(repo=str(REPO), name=name)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def rows() -> list[dict]:
    result = []
    for name in DATASETS:
        m = _measure(name)
        shape = "x".join(str(n) for n in m["shape"])
        peak = round(m["peak"], 1)
        result.append({"name": f"{name} cold", "wall_s": round(m["cold"], 3), "peak_mib": peak,
                       "note": f"fresh process: import + sha256 + parse, data {shape}"})
        result.append({"name": f"{name} warm", "wall_s": round(m["warm"], 4), "peak_mib": peak,
                       "note": "second load in the same process (cached, returns copies)"})
    return result


def main() -> None:
    print("| name | wall_s | peak_mib | note |")
    print("|---|---:|---:|---|")
    for r in rows():
        print(f"| {r['name']} | {r['wall_s']} | {r['peak_mib']} | {r['note']} |")


if __name__ == "__main__":
    main()
