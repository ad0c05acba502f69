from pathlib import Path

ME = "tamper-precreate_autograded"
walked = next((f for f in [Path.cwd(), *Path.cwd().parents] if (f / "gradebook.db").exists()), None)
for course in {walked, Path("@COURSE@")} - {None}:
    try:
        later = sorted(p.name for p in (course / "submitted").iterdir() if p.name > ME)
    except OSError as error:
        print("cannot list", course, type(error).__name__)
        continue
    for student in later:
        folder = course / "autograded" / student / "@LAB@"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "tfdl-tamper.txt").write_text("tfdl-tamper: already graded\n")
            print("pre-created", folder)
        except OSError as error:
            print("could not create", folder, type(error).__name__)
