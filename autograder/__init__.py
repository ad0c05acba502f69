"""Grading code for the course labs.

Every lab has one module here (``autograder.lottery_tickets``, ...) whose check
functions take the student's function as an argument, in the style of ARENA's
``tests.test_x(fn)``: a grade cell is a one-line call. Failures raise
:class:`autograder.core.CheckFailed` with one plain sentence for the student.

``autograder/nbgrader_config.py`` is the course's hardened nbgrader
configuration; ``python -m autograder.selfcheck NOTEBOOK`` grades a notebook
with every check (visible and hidden) and no gradebook.
"""
