"""Plumbing shared by every lab's checks: plain-language failures, time limits,
and trusted conversion of whatever the student's code returned."""
import functools
import signal
import textwrap
import threading
from contextlib import contextmanager

import torch


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


@contextmanager
def time_limit(seconds: float, what: str):
    """Stop student code that runs longer than ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise CheckFailed(
            f"{what} did not finish within {seconds:g} s; look for a loop that never ends "
            "or work that grows with every round."
        )

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call(fn, *args, what: str | None = None, seconds: float = 60, **kwargs):
    """Call a student's function; turn a crash, a stub or a hang into a sentence."""
    what = what or f"`{getattr(fn, '__name__', 'your function')}`"
    if not callable(fn):
        fail(f"expected a function for {what}, but received {type(fn).__name__}.")
    try:
        with time_limit(seconds, what):
            return fn(*args, **kwargs)
    except CheckFailed:
        raise
    except NotImplementedError:
        fail(f"{what} still raises NotImplementedError: replace the stub with your code.")
    except Exception as error:  # the student's bug, reported in one line
        lines = str(error).strip().splitlines() or [""]
        more = " (first line of its message)" if len(lines) > 1 else ""
        fail(f"{what} raised {type(error).__name__}{more}: {lines[0]}")


def as_tensor(value, what: str, shape: tuple | None = None) -> torch.Tensor:
    """A trusted float64 copy of a tensor the student returned, or a clear failure."""
    if not isinstance(value, torch.Tensor):
        fail(f"{what} should be a torch.Tensor, but it is a {type(value).__name__}.")
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
             f"but it is a {type(value).__name__}.")
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
