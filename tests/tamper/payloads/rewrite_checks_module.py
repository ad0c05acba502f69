from pathlib import Path

import autograder.@LAB@

SABOTAGE = '''

# tfdl-tamper: from here on every check fails
def _sabotaged(*args, **kwargs):
    raise AssertionError("tfdl-tamper: this check was sabotaged")


for _name in [n for n in list(globals()) if n.startswith("check_")]:
    globals()[_name] = _sabotaged
'''
for target in {str(Path(autograder.@LAB@.__file__).resolve()),
               str(Path("@REPO@/autograder/@LAB@.py").resolve())}:
    try:
        with open(target, "a") as module:
            module.write(SABOTAGE)
        print("appended to", target)
    except OSError as error:
        print("could not write", target, type(error).__name__)
