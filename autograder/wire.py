"""Data that crosses from student code to the checks: encoded where the student's code ran,
decoded by the checks without running anything the student made.

Only these cross: None, bool, int, float, str, list, tuple, dict, ``torch.Tensor`` and
``numpy.ndarray`` of plain number types (raw bytes, dtype and shape), and the name of any other
type as :class:`Unreadable`. Decoding is ``json.loads`` plus ``frombuffer``: no pickle, no
constructors, no calls into student objects. The same round trip runs when a check calls the
student's function in the student's own kernel, so both ways the check sees the same data.
"""
import base64
import json
import math
import sys

import numpy as np

MAX_BYTES = 256 * 2**20  # a result larger than this is refused, not decoded
MAX_DEPTH = 40

# dtype names that cross, for tensors and arrays alike (numpy's spelling)
DTYPES = {"float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool",
          "complex64", "complex128"}


class WireError(ValueError):
    """The data is not in the wire format (or too large)."""


class Unreadable:
    """Stands for a value of a type that does not cross (a model, a solver object, ...)."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<a {self.type_name}>"


def type_name(value) -> str:
    """The type's name for messages, also for values that did not cross."""
    return value.type_name if isinstance(value, Unreadable) else type(value).__name__


# -- encoding (runs where the student's code ran) --------------------------------------------
def _array(kind: str, array: np.ndarray) -> dict:
    dtype = array.dtype.name
    if dtype not in DTYPES:
        return {"unreadable": f"{kind} of {dtype}"}
    data = np.ascontiguousarray(array).tobytes()
    return {kind: dtype, "shape": list(array.shape), "data": base64.b64encode(data).decode()}


def _float(x: float):
    return x if math.isfinite(x) else {"float": repr(x)}


def to_data(value, depth: int = 0):
    """A JSON-able description of ``value``."""
    if depth > MAX_DEPTH:
        raise WireError("the result is nested too deeply")
    if value is None or isinstance(value, (bool, str)) and type(value) in (bool, str):
        return value
    if type(value) is int:
        return value if abs(value) < 2**63 else {"int": str(value)}
    if type(value) is float:
        return _float(value)
    if isinstance(value, (np.bool_, np.integer, np.floating)):
        return to_data(value.item(), depth)  # np.float64(0.5) -> 0.5
    if isinstance(value, np.generic):
        return _array("array", np.asarray(value))
    torch = sys.modules.get("torch")  # not imported: nothing here can be a tensor
    if torch is not None and isinstance(value, torch.Tensor):
        tensor = torch.Tensor.detach(value)
        if tensor.dtype == torch.bfloat16:
            tensor = tensor.float()
        return _array("tensor", tensor.cpu().resolve_conj().resolve_neg().numpy())
    if isinstance(value, np.ndarray):
        return _array("array", value)
    if isinstance(value, (list, tuple)):  # a namedtuple crosses as a tuple
        kind = "list" if isinstance(value, list) else "tuple"
        return {kind: [to_data(v, depth + 1) for v in value]}
    if isinstance(value, dict):  # an OrderedDict (a state_dict) crosses as a dict
        return {"dict": [[to_data(k, depth + 1), to_data(v, depth + 1)]
                         for k, v in dict.items(value)]}
    return {"unreadable": type(value).__name__}


def encode(value) -> str:
    return json.dumps(to_data(value), separators=(",", ":"))


# -- decoding (trusted) -------------------------------------------------------------------------
def _decode_array(node: dict, kind: str):
    dtype, shape = node.get(kind), node.get("shape")
    if dtype not in DTYPES or not isinstance(shape, list) or \
            not all(type(n) is int and n >= 0 for n in shape) or not isinstance(node.get("data"), str):
        raise WireError(f"malformed {kind}")
    try:
        raw = base64.b64decode(node["data"], validate=True)
    except ValueError:
        raise WireError(f"malformed {kind} data") from None
    if len(raw) != math.prod(shape) * np.dtype(dtype).itemsize:
        raise WireError(f"{kind} data does not match its shape")
    array = np.frombuffer(raw, dtype=np.dtype(dtype))
    array = array.reshape(shape).copy()
    if kind == "tensor":
        import torch  # here, so that a kernel whose notebook never needs torch does not load it
        return torch.from_numpy(array)
    return array


def from_data(node, depth: int = 0):
    if depth > MAX_DEPTH:
        raise WireError("nested too deeply")
    if node is None or type(node) in (bool, str, int, float):
        return node
    if type(node) is not dict or len(node) not in (1, 3):
        raise WireError("unknown node")
    if "tensor" in node or "array" in node:
        return _decode_array(node, "tensor" if "tensor" in node else "array")
    (kind, body), = node.items()
    if kind == "float" and body in ("nan", "inf", "-inf"):
        return float(body)
    if kind == "int" and type(body) is str and body.lstrip("-").isdigit():
        return int(body)
    if kind in ("list", "tuple") and type(body) is list:
        items = [from_data(v, depth + 1) for v in body]
        return items if kind == "list" else tuple(items)
    if kind == "dict" and type(body) is list:
        out = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2:
                raise WireError("malformed dict")
            key = from_data(pair[0], depth + 1)
            if key is not None and type(key) not in (bool, int, float, str, tuple):
                raise WireError("a dict key that is not a plain value")
            try:
                out[key] = from_data(pair[1], depth + 1)
            except TypeError:  # a tuple key holding something unhashable
                raise WireError("a dict key that is not a plain value") from None
        return out
    if kind == "unreadable" and type(body) is str:
        return Unreadable(body[:80])
    raise WireError("unknown node")


def decode(text: str):
    if not isinstance(text, str) or len(text) > MAX_BYTES:
        raise WireError("missing or too large")
    try:
        node = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise WireError(f"not JSON ({type(error).__name__})") from None
    try:
        return from_data(node)
    except RecursionError:
        raise WireError("nested too deeply") from None
