# Creates the graded folders of every student after this one in nbgrader's (sorted) order, so
# that autograde skips them as already graded: they would never get a score. It finds the
# course by walking up from its working directory, and by the course's path.
# class: harm
# honest: stub
# %% append: empirical_ntk
# include: precreate_autograded
