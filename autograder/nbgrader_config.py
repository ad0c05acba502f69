"""The course's nbgrader configuration (nbgrader 0.9, JupyterLab 4).

Loaded by ``nbgrader_config.py`` at the repository root, so every nbgrader
command run from there (and formgrader in JupyterLab) uses it. Each setting
answers a failure measured in ../shared/research/nbgrader_robustness.md.
"""
c = get_config()  # noqa: F821  (provided by traitlets when loading the file)

# Course layout: nbgrader "source" is solutions/, "release" is labs/.
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "labs"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".DS_Store"]

# Execution: an explicit kernel, a realistic per-cell limit (the slowest check
# takes about 10 s on 2 cores), and a wedged kernel that ignores the interrupt
# gives a graded zero rather than a failed submission.
c.Execute.kernel_name = "python3"
c.Execute.timeout = 180
c.Execute.interrupt_on_timeout = True
c.Execute.raise_on_iopub_timeout = False
c.Execute.iopub_timeout = 10
c.Execute.startup_timeout = 120

# Students delete test cells: put them back from the gradebook and grade them.
c.OverwriteCells.add_missing_cells = True

# Library warnings on stderr must not zero a test cell.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"Warning"

# Output: fewer lines, shorter tracebacks, and a character cap per output.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 40
c.Autograde.autograde_preprocessors = [
    "autograder.preprocessors.ResilientExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "autograder.preprocessors.CapOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Feedback never shows hidden-test source, nor tracebacks from hidden tests.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "autograder.preprocessors.HideHiddenTracebacks",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# A renamed notebook is refused at submission rather than silently ungraded.
c.ExchangeSubmit.strict = True
