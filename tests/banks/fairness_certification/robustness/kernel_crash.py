# Correct bounds, then code that kills the kernel (os._exit) in certification_milp: the
# submission must still be graded, keeping the points earned before the crash.
# %% cell: certification_milp
import os
os._exit(1)
