"""Plumbing shared by every lab's checks: plain-language failures, time limits, and
:func:`call`, the one seam through which checks run student code and get its results back as
data (:mod:`autograder.wire`), in the student's kernel or, during trusted grading
(:mod:`autograder.trusted`), across a process boundary.

torch is imported where a tensor is checked, not at the top: the student's kernel imports this
module to answer the grader's calls, and a notebook that never uses torch should not pay for it."""
from __future__ import annotations

import copy
import functools
import signal
import textwrap
import threading
import time
from contextlib import contextmanager

from . import wire


class CheckFailed(AssertionError):
    """A check did not pass. The message is written for the student.

    IPython (JupyterLab, nbgrader's Validate and autograde) shows an exception
    through its ``_render_traceback_`` when it has one: here that is the
    sentence, wrapped so that nbgrader's Validate (which cuts lines at 90
    characters) shows all of it, and none of our frames.
    """

    def _render_traceback_(self) -> list[str]:
        lines = textwrap.wrap(f"CheckFailed: {self}", width=78, subsequent_indent="  ",
                              break_long_words=False, break_on_hyphens=False)
        lines[0] = lines[0].replace("CheckFailed", "\x1b[0;31mCheckFailed\x1b[0m", 1)
        return lines


def fail(message: str) -> None:
    """Fail the current check with one plain sentence."""
    raise CheckFailed(message)


def student_facing(check):
    """Decorate a public check so that a failure shows its sentence, not our frames.

    Any ``CheckFailed`` raised deep inside is re-raised here ``from None``, which
    keeps the notebook's traceback to the grade-cell line and the message.
    """

    @functools.wraps(check)
    def wrapper(*args, **kwargs):
        try:
            check(*args, **kwargs)
        except CheckFailed as error:
            message = str(error)
        else:
            print(f"✔ {check.__name__}: passed")
            return None
        raise CheckFailed(message) from None

    return wrapper


class TimeUp(CheckFailed):
    """Student code ran past its time limit."""


@contextmanager
def time_limit(seconds: float, what: str):
    """Stop student code that runs longer than ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise TimeUp(time_sentence(what, seconds))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def time_sentence(what: str, seconds: float) -> str:
    return (f"{what} did not finish within {seconds:g} s; look for a loop that never ends "
            "or work that grows with every round.")


# -- the one seam through which checks run student code ---------------------------------------
class StudentFunction:
    """A function of the student's notebook, named, in the kernel that ran it.

    During trusted grading (``autograder/trusted.py``) the checks run in the grader's process
    and hold these instead of the functions: :func:`call` sends the call to the student's
    (sandboxed) kernel and only data comes back. Pickled, it is looked up by name again in the
    student's kernel, so a check can hand one student function to another.
    """

    def __init__(self, name: str):
        self.__name__ = name

    def __repr__(self) -> str:
        return f"<your function {self.__name__}>"

    def __reduce__(self):
        return (student_function, (self.__name__,))


_channel = None  # set by the trusted grader while it runs a grade cell

# How long the last :func:`call` took, measured by the checks' side (a check that demands a time
# limit be honoured reads it; a call the audit reused reports the time it took when it ran).
last_call_seconds = 0.0

# Hidden checks add this to the seeds of their random cases. 0 in the student's kernel; during
# trusted grading, drawn at autograde (or set by the instructor): see autograder/trusted.py.
grading_seed = 0

OUTCOME_MIME = "application/x-tfdl-outcome"


def student_function(name: str):
    """In the student's kernel: the notebook's object called ``name``."""
    from IPython import get_ipython

    shell = get_ipython()
    namespace = shell.user_ns if shell is not None else {}
    if name not in namespace:
        raise NameError(f"name {name!r} is not defined; run the cell that defines it")
    return namespace[name]


def run_here(driver, fn, args: tuple, kwargs: dict, seconds: float, what: str) -> dict:
    """Run ``fn(*args, **kwargs)``, or ``driver(fn, *args, **kwargs)``, where ``fn`` lives, and
    describe what happened as plain data (the result through :mod:`autograder.wire`)."""
    try:
        with time_limit(seconds, what):
            value = driver(fn, *args, **kwargs) if driver else fn(*args, **kwargs)
        return {"status": "ok", "value": wire.encode(value)}
    except TimeUp:
        return {"status": "timeout"}
    except NotImplementedError:
        return {"status": "stub"}
    except wire.WireError as error:
        return {"status": "unreadable", "message": str(error)}
    except Exception as error:  # the student's bug, reported in a sentence
        return {"status": "raised", "type": type(error).__name__, "message": str(error)}


# The grader's audit (TrustedExecute.in_kernel_report, used by the test suite) runs each test
# cell a second time in the same kernel, as Validate would, and compares the verdicts. The
# outcomes of the calls the grader made for that cell are kept here, and the second run takes
# them instead of running the same student code on the same inputs again: what is compared is
# the verdict each way reaches, and the student's training runs cost most of a submission.
_replay: dict = {}


def _call_key(driver, name: str, args: tuple, kwargs: dict, seconds: float, what: str):
    """Who was called with what, as a digest; None for inputs that cannot be digested."""
    from .memo import Undigestible, digest

    driver_name = f"{driver.__module__}:{driver.__qualname__}" if driver else None
    try:
        return (driver_name, name, seconds, what, digest(*args, **kwargs))
    except Undigestible:
        return None


def forget() -> None:
    """In the student's kernel: drop the outcomes kept for the audit (the cell is done)."""
    _replay.clear()


def serve(request: str, remember: bool = False) -> None:
    """In the student's kernel: run one call the trusted grader sent; publish the outcome
    (and keep it for the audit's second run of the cell, with ``remember``)."""
    import base64
    import importlib
    import json
    import pickle

    from IPython.display import publish_display_data

    driver_name, name, args, kwargs, seconds, what = pickle.loads(base64.b64decode(request))
    driver = None
    try:
        fn = student_function(name)
        if not callable(fn):
            outcome = {"status": "notcallable", "type": type(fn).__name__}
        else:
            if driver_name:
                module, qualname = driver_name.split(":")
                driver = getattr(importlib.import_module(module), qualname)
            key = _call_key(driver, name, args, kwargs, seconds, what) if remember else None
            started = time.perf_counter()
            outcome = run_here(driver, fn, args, kwargs, seconds, what)
            if key is not None:
                _replay.setdefault(key, []).append((outcome, time.perf_counter() - started))
    except Exception as error:
        outcome = {"status": "raised", "type": type(error).__name__, "message": str(error)}
    publish_display_data({OUTCOME_MIME: json.dumps(outcome), "text/plain": "(grader call)"})


def outcome_value(outcome: dict, what: str, seconds: float):
    """The data a call returned, or the sentence that says why there is none."""
    status = outcome.get("status") if isinstance(outcome, dict) else None
    if status == "ok":
        try:
            return wire.decode(outcome.get("value"))
        except wire.WireError as error:
            fail(f"{what} returned something the grader cannot read ({error}).")
    if status == "timeout":
        fail(time_sentence(what, seconds))
    if status == "stub":
        fail(f"{what} still raises NotImplementedError: replace the stub with your code.")
    if status == "raised":
        name = str(outcome.get("type", "an exception"))[:80]
        lines = str(outcome.get("message", "")).strip().splitlines() or [""]
        more = " (first line of its message)" if len(lines) > 1 else ""
        fail(f"{what} raised {name}{more}: {lines[0][:500]}")
    if status == "notcallable":
        fail(f"expected a function for {what}, but received {str(outcome.get('type'))[:80]}.")
    if status == "unreadable":
        fail(f"{what} returned something the grader cannot read ({outcome.get('message')}).")
    fail(f"{what} could not be run: {str(outcome.get('message', 'no answer from your kernel'))[:500]}")


def call(fn, *args, what: str | None = None, seconds: float = 60, driver=None, **kwargs):
    """Call a student's function; turn a crash, a stub or a hang into a sentence.

    Runs ``fn(*args, **kwargs)``, or ``driver(fn, *args, **kwargs)`` when a driver is given: a
    function of the checks module that runs the student's code and returns what the check needs
    (states after training, inputs after the call, ...). It runs where the student's code runs:
    in the student's own kernel, or across a process boundary during trusted grading. Only data
    comes back (see :mod:`autograder.wire`), both ways, so a check never holds an object the
    student made, and mutations of ``args`` are not seen: return them from a driver.
    """
    global last_call_seconds
    what = what or f"`{getattr(fn, '__name__', 'your function')}`"
    started = time.perf_counter()
    if isinstance(fn, StudentFunction):
        if _channel is None:
            fail(f"{what} cannot be run: there is no student kernel to run it in.")
        outcome = _channel(driver, fn, args, kwargs, seconds, what)
    elif not callable(fn):
        fail(f"expected a function for {what}, but received {wire.type_name(fn)}.")
    else:  # copies, as the trip to another process makes: the check's own objects stay its own
        args, kwargs = copy.deepcopy((args, kwargs))
        key = _call_key(driver, getattr(fn, "__name__", ""), args, kwargs, seconds, what) \
            if _replay else None
        kept = _replay.get(key) if key is not None else None
        if kept:
            outcome, taken = kept.pop(0)
            started = time.perf_counter() - taken
        else:
            outcome = run_here(driver, fn, args, kwargs, seconds, what)
    last_call_seconds = time.perf_counter() - started
    return outcome_value(outcome, what, seconds)


def as_tensor(value, what: str, shape: tuple | None = None) -> torch.Tensor:
    """A float64 copy of a tensor from :func:`call` (data, never the student's object), or a
    clear failure."""
    import torch

    if not isinstance(value, torch.Tensor):
        fail(f"{what} should be a torch.Tensor, but it is a {wire.type_name(value)}.")
    tensor = torch.Tensor.detach(value).to(torch.float64).clone()
    if shape is not None and tuple(tensor.shape) != tuple(shape):
        fail(f"{what} should have shape {tuple(shape)}, but it has shape {tuple(tensor.shape)}.")
    if not bool(torch.isfinite(tensor).all()):
        fail(f"{what} contains NaN or infinite values.")
    return tensor


def as_tensor_dict(value, like: dict, what: str) -> dict[str, torch.Tensor]:
    """Check a ``{name: tensor}`` result has exactly the keys and shapes of ``like``."""
    if not isinstance(value, dict):
        fail(f"{what} should be a dict of tensors keyed by parameter name, "
             f"but it is a {wire.type_name(value)}.")
    missing = sorted(set(like) - set(value))
    extra = sorted(set(value) - set(like))
    if missing or extra:
        fail(f"{what} should have the keys {sorted(like)}; "
             f"missing {missing or 'none'}, unexpected {extra or 'none'}.")
    return {k: as_tensor(value[k], f"{what}[{k!r}]", tuple(like[k].shape)) for k in like}


def as_mask_dict(value, like: dict, what: str) -> dict[str, torch.Tensor]:
    """Like :func:`as_tensor_dict`, and every entry must be exactly 0 or 1."""
    masks = as_tensor_dict(value, like, what)
    for k, m in masks.items():
        if not bool(((m == 0) | (m == 1)).all()):
            fail(f"{what}[{k!r}] should contain only 0 and 1, but it has other values "
                 f"such as {m[(m != 0) & (m != 1)].flatten()[0].item():.3g}.")
    return masks
