# Correct bounds, then code that kills the kernel (os._exit) in certification_milp: the
# submission must still be graded, keeping the points earned before the crash.
# expect: test_interval_bounds=1 test_interval_bounds_hidden=2 test_certification_milp=0 test_sigmoid_bounds_hidden=0
# %% cell: certification_milp
import os
os._exit(1)
