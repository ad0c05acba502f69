# Correct group metrics, then code that kills the kernel (os._exit) in chouldechova_fpr: the
# submission must still be graded, keeping the points earned before the crash.
# expect: test_group_metrics=2 test_group_metrics_hidden=3 test_chouldechova_fpr=0 test_equalized_odds_postprocess_hidden=0
# %% cell: chouldechova_fpr
import os
os._exit(1)
