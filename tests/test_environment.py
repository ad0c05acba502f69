"""The pip pins and environment.yml describe the same environment."""
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def pins(lines):
    out = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if line:
            name, version = re.split(r"==", line)
            out[name.strip().lower().replace("_", "-")] = version.strip()
    return out


def test_environment_yml_matches_requirements():
    req = pins((REPO / "requirements.txt").read_text().splitlines())
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pins(pip_section) == req
    assert all(v for v in req.values()), "every requirement must be pinned with =="


def test_installed_versions_match_pins():
    from importlib.metadata import version

    for name, pinned in pins((REPO / "requirements.txt").read_text().splitlines()).items():
        assert version(name).split("+")[0] == pinned, name


def test_xdist_keeps_each_group_on_one_worker(tmp_path):
    """tests/conftest.py puts each lab's autograde batch (and each module built around one
    expensive fixture) in one xdist group, so it is computed once. pytest 9.2.0 with
    pytest-xdist 3.8.0 silently ignores such groups (pytest-xdist issue 1386): every worker then
    grades every batch again. Run the suite's conftest on a probe and see where its tests ran."""
    import os
    import shutil
    import subprocess
    import sys

    shutil.copy(REPO / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_labs.py").write_text(
        "import os, pytest, time\n"
        "@pytest.mark.parametrize('lab', ['a', 'b', 'c'])\n"
        "@pytest.mark.parametrize('i', range(4))\n"
        "def test_probe(lab, i):\n"
        "    time.sleep(0.1)\n"
        "    open(os.path.join(os.environ['PROBE_OUT'], f\"{lab}-{os.environ['PYTEST_XDIST_WORKER']}\"), 'w').close()\n")
    (tmp_path / "ran").mkdir()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup",
                           "-p", "no:cacheprovider", str(tmp_path)], cwd=tmp_path,
                          env={**os.environ, "PROBE_OUT": str(tmp_path / "ran")},
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]
    ran = sorted(p.name for p in (tmp_path / "ran").iterdir())
    workers = {lab: {r.split("-")[1] for r in ran if r.startswith(lab)} for lab in "abc"}
    assert all(len(w) == 1 for w in workers.values()), f"groups split across workers: {workers}"
