# Correct first two parts, then code that kills the kernel (os._exit) in debiased_step: the
# submission must still be graded, keeping the points earned before the crash.
# expect: test_adversary_input=1 test_adversary_input_hidden=2 test_projected_gradient=1 test_projected_gradient_hidden=2 test_debiased_step=0 test_fairness=0
# %% cell: debiased_step
import os
os._exit(1)
