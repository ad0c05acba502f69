"""course.yaml is the one list of units and labs: its paths exist and the
README's table says the same."""
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
META = yaml.safe_load((REPO / "course.yaml").read_text())


def test_paths_exist():
    for item in META["units"] + META["labs"]:
        for key in ("notebook", "release", "source", "checks", "bank"):
            if key in item:
                assert (REPO / item[key]).exists(), item[key]


def test_readme_table_matches_metadata():
    readme = (REPO / "README.md").read_text()
    for unit in META["units"]:
        assert f"| Unit | [{unit['title']}]({unit['notebook']}) | {', '.join(unit['readings'])} |" in readme
    for lab in META["labs"]:
        row = (f"| Lab | [{lab['title']}]({lab['release']}) | {lab['points']} points: "
               f"[source]({lab['source']}), [checks]({lab['checks']}), [wrong-implementation bank]({lab['bank']}) |")
        assert row in readme, row
