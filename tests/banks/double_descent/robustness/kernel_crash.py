# A correct min_norm_solution, then code that kills the kernel (os._exit) in random_features:
# the submission must still be graded, keeping the points earned before the crash.
# expect: test_min_norm=1 test_min_norm_hidden=3 test_hastie=2 test_random_features=0 test_random_labels_hidden=0
# %% cell: random_features
import os
os._exit(1)
