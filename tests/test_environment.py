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
