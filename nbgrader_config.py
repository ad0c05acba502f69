# nbgrader reads this file from the course root; the real settings live in
# autograder/nbgrader_config.py, next to the grading code they configure.
import os

c = get_config()  # noqa: F821
load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)),  # noqa: F821
                            "autograder", "nbgrader_config.py"))
