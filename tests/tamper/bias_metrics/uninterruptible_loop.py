# Ignores SIGTERM, then loops forever in its last answer cell, catching KeyboardInterrupt (and
# every other exception) to keep going: the kernel must be ended, and the cells after it score
# zero.
# class: process
# honest: stub
# %% append: equalized_odds_postprocess
import signal
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
while True:
    try:
        time.sleep(0.2)
    except BaseException:
        pass
