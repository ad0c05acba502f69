# A correct relu_interpolant, then code that kills the kernel (os._exit) in in_hull: the
# submission must still be graded, keeping the points earned before the crash.
# expect: test_relu_interpolant=1 test_relu_interpolant_hidden=3 test_in_hull=0 test_interpolation_probability_hidden=0
# %% cell: in_hull
import os
os._exit(1)
