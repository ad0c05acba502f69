"""Remember what a check computed on its own, so the next submission does not compute it again.

The grader's process lives across submissions (serial ``nbgrader autograde`` grades every
student in one process, and each ``./course grade`` worker grades many), and a check's own
training runs (the plain network it compares with, the ticket retrained from the student's
mask) are functions of their inputs alone: ``tfdl.train.train`` on one thread does the same
thing bit for bit from the same start, masks and seed. Most students hand over the same masks,
so :func:`remembered` keys each result on a digest of its arguments' values (BLAKE2b over the
bytes of every tensor) and the thread count, and hands back copies.

Only pure functions of their arguments may be remembered; an argument of a kind this module
cannot digest makes the call run as usual.
"""
import collections
import copy
import functools
import hashlib
import sys

MAX_ENTRIES = 256  # about 0.1 MB each for the labs' networks

_results: collections.OrderedDict = collections.OrderedDict()


class Undigestible(TypeError):
    pass


def _feed(h, value) -> None:
    """Add ``value``'s type and contents to the digest ``h``."""
    torch, numpy = sys.modules.get("torch"), sys.modules.get("numpy")  # no value of an unloaded kind
    if torch is not None and isinstance(value, torch.Tensor):
        t = value.detach().cpu().contiguous()
        h.update(f"T{t.dtype}{tuple(t.shape)}".encode())
        h.update(t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.float().numpy().tobytes())
    elif numpy is not None and isinstance(value, numpy.ndarray) and value.dtype != object:
        h.update(f"A{value.dtype.str}{value.shape}".encode())
        h.update(numpy.ascontiguousarray(value).tobytes())
    elif isinstance(value, dict):
        h.update(f"D{len(value)}".encode())
        for k, v in value.items():  # in order: a different order is a different key
            _feed(h, k)
            _feed(h, v)
    elif isinstance(value, (list, tuple)):
        h.update(f"{type(value).__name__}{len(value)}".encode())
        for v in value:
            _feed(h, v)
    elif isinstance(value, functools.partial):
        h.update(b"P")
        _feed(h, value.func)
        _feed(h, value.args)
        _feed(h, dict(sorted(value.keywords.items())))
    elif callable(value) and "<" not in getattr(value, "__qualname__", "<"):
        # a module-level function or class, named once; a lambda or closure (its qualname
        # holds "<lambda>" or "<locals>") may hold other values under the same name
        h.update(f"F{value.__module__}.{value.__qualname__}".encode())
    elif value is None or isinstance(value, (bool, int, float, str)):
        h.update(f"{type(value).__name__}:{value!r}".encode())
    else:
        raise Undigestible(type(value).__name__)


def digest(*args, **kwargs) -> str:
    h = hashlib.blake2b(digest_size=32)
    torch = sys.modules.get("torch")
    threads = torch.get_num_threads() if torch is not None else None
    _feed(h, (args, dict(sorted(kwargs.items())), threads))
    return h.hexdigest()


def remembered(fn):
    """``fn`` with its results remembered per process (see the module's doc)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            key = f"{fn.__module__}.{fn.__qualname__}:{digest(*args, **kwargs)}"
        except Undigestible:
            return fn(*args, **kwargs)
        if key in _results:
            _results.move_to_end(key)
            return copy.deepcopy(_results[key])
        result = fn(*args, **kwargs)
        _results[key] = copy.deepcopy(result)
        while len(_results) > MAX_ENTRIES:
            _results.popitem(last=False)
        return result

    return wrapper
