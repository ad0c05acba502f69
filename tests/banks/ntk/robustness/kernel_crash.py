# A correct empirical_ntk, then code that kills the kernel (os._exit) in analytic_relu_ntk: the
# submission must still be graded, keeping the points earned before the crash.
# expect: test_empirical_ntk=1 test_empirical_ntk_hidden=3 test_mean_over_seeds=2 test_analytic_relu_ntk=0 test_ntk_regression_hidden=0
# %% cell: analytic_relu_ntk
import os
os._exit(1)
