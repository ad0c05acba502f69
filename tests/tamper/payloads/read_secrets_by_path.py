import glob
import json
import sqlite3
from pathlib import Path

LAB = "@LAB@"
walked = next((f for f in [Path.cwd(), *Path.cwd().parents] if (f / "gradebook.db").exists()), None)
courses = {walked, Path("@COURSE@")} - {None}


# include: secret_excerpt


def show(path):
    try:
        text = Path(path).read_text(errors="replace")
        if path.endswith(".ipynb"):
            text = "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"])
    except (OSError, ValueError) as error:
        return print("cannot read", path, type(error).__name__)
    print("----", path, "\n" + excerpt(text))


paths = [f"@REPO@/solutions/{LAB}/{LAB}.ipynb", *glob.glob("@PRIVATE@/*")]
for course in courses:
    paths += glob.glob(f"{course}/solutions/{LAB}/*.ipynb")
    paths += glob.glob(f"{course}/submitted/*canary/{LAB}/*.ipynb")
    paths += glob.glob(f"{course}/autograded/aaa_canary/{LAB}/*.ipynb")
for path in paths:
    show(path)
for course in courses:
    try:
        with sqlite3.connect(f"file:{course}/gradebook.db?mode=ro", uri=True) as db:
            hidden = [source for (source,) in db.execute("SELECT source FROM source_cell")
                      if "HIDDEN" in source]
        print("---- gradebook\n" + excerpt("\n".join(hidden)))
    except sqlite3.Error as error:
        print("cannot read the gradebook", type(error).__name__)
