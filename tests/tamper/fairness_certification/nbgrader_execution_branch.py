# Looks like the release (every function a stub), but when NBGRADER_EXECUTION is set, that is
# only while nbgrader grades it, it makes every check of the lab pass.
# class: kernel
# honest: stub
# %% append: interval_bounds
# include: nbgrader_execution_branch
