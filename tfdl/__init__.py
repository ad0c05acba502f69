"""tfdl: the shared library of *Theory and Fairness of Deep Learning*.

Small, readable helpers that every unit and lab imports, in the spirit of d2l's
single library: data (``tfdl.data``, ``tfdl.datasets``, ``tfdl.tabular``), models
(``tfdl.models``), training loops (``tfdl.train``), group-fairness metrics
(``tfdl.fairness``) and plots (``tfdl.plots``).

The reference solutions of the labs are *not* here: they live in the nbgrader
sources under ``solutions/``.
"""
import os

__version__ = "0.1.0"


def use_one_thread() -> None:
    """Run torch on one CPU thread.

    For the small models of this course one thread is 10-35x faster than the
    default on a 2-core machine, because the threads fight over the cores.
    """
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import torch

    torch.set_num_threads(1)
