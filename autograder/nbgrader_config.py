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
# Kernels on private Unix sockets, not localhost TCP ports (and no warning about it).
c.Execute.kernel_manager_class = "autograder.preprocessors.PrivateKernelManager"
# Autograde: test cells are judged in nbgrader's process, calling the student's functions in
# the student's kernel, which runs in a sandbox (autograder/trusted.py, autograder/sandbox.py).
c.TrustedExecute.kernel_manager_class = "autograder.sandbox.SandboxedKernelManager"

# Students delete test cells: put them back from the gradebook and grade them.
c.OverwriteCells.add_missing_cells = True

# Before nbgrader's own checks, rebuild every cell the gradebook knows (deleted, duplicated,
# flipped, retyped, stripped or renamed cells) from the release, so no submission fails or stops
# the batch; each repair is logged, noted at the top of the graded notebook, flagged in
# formgrader and listed by export. See autograder/repair.py and INSTRUCTORS.md.
c.Autograde.sanitize_preprocessors = [
    "autograder.repair.RepairCells",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Grade a submission whose autograded/ folder exists without a finished autograde (nbgrader
# skips it silently), and flag a submission whose autograde fails.
c.Autograde.exporter_class = "autograder.repair.AutogradeExporter"

# Library warnings on stderr must not zero a test cell.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"Warning"

# Output: fewer lines, shorter tracebacks, and a character cap per output.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 40
# ... and a cap on all outputs of a cell and of a notebook (thousands of small outputs made a
# 38.5 MB graded notebook): past it, the first outputs and a note, and the score is unchanged.
c.CapOutput.max_cell_chars = 100_000
c.CapOutput.max_notebook_chars = 500_000
c.Autograde.autograde_preprocessors = [
    "autograder.trusted.TrustedExecute",
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

# nbgrader submit refuses a submission that lacks the lab's notebook (extra notebooks are only
# warned about). It is the student's nbgrader that reads this: autograder/exchange_config.py
# sets it for them; autograde below handles what still gets through.
c.ExchangeSubmit.strict = True

# -- Exchange, LMS and export (INSTRUCTORS.md, sections 2 and 3) -----------------------------
# The course's name in the exchange. The exchange root is a per-machine setting that students
# need too: autograder/exchange_config.py, installed as /etc/jupyter/nbgrader_config.py.
c.CourseDirectory.course_id = "tfdl"
# nbgrader grades a notebook only under its released name, so a renamed or duplicated notebook
# (lottery_tickets-Copy1.ipynb) was a silent zero. Before each student is autograded: a lone
# renamed copy is graded as the lab's notebook (with a warning); a copy beside a different
# lab-named notebook, or other notebooks instead of it, fail that student with an error naming
# the files, and autograde exits 1. See autograder/submissions.py.
c.Autograde.pre_convert_hook = "autograder.submissions.match_renamed_notebooks"
# release_feedback also publishes feedback under the renamed file's name, for fetch_feedback.
c.ExchangeFactory.release_feedback = "autograder.submissions.ReleaseFeedback"
# zip_collect reads Canvas, Moodle and Blackboard download names (any other LMS: set
# c.FileNameCollectorPlugin.named_regexp, which is tried first).
c.ZipCollectApp.collector_plugin = "autograder.submissions.LmsCollector"
# export writes grades.csv, then names every submission with checks that have no score (a
# failed or missing autograde, which the CSV shows as 0) and exits 1.
c.ExportApp.plugin_class = "autograder.submissions.CheckedCsvExport"
