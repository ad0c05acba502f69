# Ignores SIGTERM, then loops forever in its last answer cell, catching KeyboardInterrupt (and
# every other exception) to keep going: the kernel must be ended, and the cells after it score
# zero.
# class: process
# honest: stub
# %% append: equalized_odds_postprocess
# include: uninterruptible_loop
