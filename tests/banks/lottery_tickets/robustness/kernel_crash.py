# A correct magnitude_prune, then code that kills the kernel (os._exit) in enforce_masks:
# the submission must still be graded, keeping the points earned before the crash.
# %% cell: enforce_masks
import os
os._exit(1)
