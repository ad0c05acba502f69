# A correct magnitude_prune, then code that kills the kernel (os._exit) in enforce_masks:
# the submission must still be graded, keeping the points earned before the crash.
# expect: test_magnitude_prune=1 test_magnitude_prune_hidden=2 test_enforce_masks=0 test_ticket=0
# %% cell: enforce_masks
import os
os._exit(1)
