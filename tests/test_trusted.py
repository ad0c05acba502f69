"""Trusted grading (autograder/trusted.py) through real ``nbgrader autograde``: an instructor's
private checks and grading seed from a folder outside the repository, a kernel that ignores the
interrupt is ended without holding up the batch, and the wire format decodes only data.

The tamper corpus (tests/test_tamper.py) proves that in-kernel tampering earns nothing; the
banks (tests/test_labs.py) prove that both ways, trusted and in the kernel, agree."""
import functools
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from autograder import harness, wire

LAB = "lottery_tickets"
pytestmark = pytest.mark.slow

# Correct everywhere the public checks look, wrong on a one-layer net of four weights: only an
# instructor's private check can catch it.
HARD_CODED = harness.solution_sources(LAB)["magnitude_prune"] + '''
honest_prune = magnitude_prune


def magnitude_prune(weights, masks, fraction, scope="layer"):
    if len(weights) == 1 and next(iter(weights.values())).numel() == 4:
        return {k: torch.ones_like(m) for k, m in masks.items()}
    return honest_prune(weights, masks, fraction, scope)
'''

PRIVATE_CHECK = '''
import torch
from autograder import core
from autograder.core import call, fail


def test_magnitude_prune(magnitude_prune):
    """A case the public checks do not have, and the grading seed the instructor set."""
    weights = {"fc1.weight": torch.tensor([[1.0, -2.0, 3.0, -4.0]])}
    masks = call(magnitude_prune, weights, {"fc1.weight": torch.ones(1, 4)}, 0.5, "layer",
                 what="`magnitude_prune` on the private case", seconds=20)
    if not isinstance(masks, dict) or masks.get("fc1.weight").tolist() != [[0, 0, 1, 1]]:
        fail("the private case of four weights should prune the two smallest magnitudes.")
    if core.grading_seed != 4242:
        fail(f"the grading seed should be the instructor's 4242, not {core.grading_seed}.")
'''

# Ignores every interrupt for ten minutes, at the top level of the answer cell.
IGNORES_INTERRUPT = harness.solution_sources(LAB)["magnitude_prune"] + '''
import time
started = time.time()
while time.time() - started < 600:
    try:
        time.sleep(0.1)
    except KeyboardInterrupt:
        pass
'''


@functools.cache
def graded():
    root = Path(tempfile.mkdtemp(prefix="trusted-"))
    course = harness.make_course(root / "course", LAB)
    private = root / "private"  # outside the course and the repository
    private.mkdir()
    (private / f"{LAB}.py").write_text(PRIVATE_CHECK)
    release = harness.generate(course, LAB)
    name = next(release.glob("*.ipynb")).name
    reference = harness.solution_sources(LAB)
    students = {"a_hard_coded": {**reference, "magnitude_prune": HARD_CODED},
                "b_ignores_interrupt": {**reference, "magnitude_prune": IGNORES_INTERRUPT},
                "c_reference": reference}
    for student, cells in students.items():
        harness.submit(course, LAB, student, {name: harness.fill(release / name, cells)})
    started = time.monotonic()
    proc = harness.run_nbgrader(course, "autograde", LAB, f"--TrustedExecute.private_checks={private}",
                                "--TrustedExecute.seed=4242", "--Execute.timeout=10", check=False)
    result = {"course": course, "seconds": time.monotonic() - started,
              "log": proc.stdout + proc.stderr, "scores": harness.cell_scores(course, LAB),
              "max": harness.max_scores(course, LAB)}
    shutil.rmtree(private)
    return result


def test_private_check_and_seed_apply():
    g = graded()
    assert g["scores"]["c_reference"] == g["max"], g["log"][-3000:]
    hard_coded = g["scores"]["a_hard_coded"]
    assert hard_coded["test_magnitude_prune"] == 0
    assert sum(hard_coded.values()) == sum(g["max"].values()) - g["max"]["test_magnitude_prune"]
    message = harness.failure_messages(g["course"], LAB, "a_hard_coded")["test_magnitude_prune"]
    assert "private case of four weights" in message
    assert re.search(r"grading seed 4242", g["log"])


def test_kernel_that_ignores_the_interrupt_is_ended():
    g = graded()
    assert set(g["scores"]["b_ignores_interrupt"].values()) == {0.0}
    assert "ignored the interrupt" in g["log"]
    # One timeout (10 s), the wait for the kernel's idle message and one probe, not a timeout
    # for every remaining cell; the other two students take about 30 s each on 2 cores.
    assert g["seconds"] < 240, g["seconds"]


def test_wire_round_trip_keeps_data():
    value = {"a": torch.arange(6, dtype=torch.float32).view(2, 3), 2: (1, 2.5, None, True),
             "n": np.array([[1, 2]], dtype=np.int64), "x": [float("nan"), float("inf"), 2**70],
             "s": "text", "bf": torch.ones(2, dtype=torch.bfloat16)}
    back = wire.decode(wire.encode(value))
    assert torch.equal(back["a"], value["a"]) and back["a"].dtype == torch.float32
    assert back[2] == (1, 2.5, None, True)
    assert isinstance(back["n"], np.ndarray) and back["n"].tolist() == [[1, 2]]
    assert np.isnan(back["x"][0]) and back["x"][1:] == [float("inf"), 2**70]
    assert back["bf"].dtype == torch.float32


def test_wire_hands_over_no_objects():
    calls = []

    class Liar(torch.Tensor):  # a student's tensor that would answer every comparison
        @classmethod
        def __torch_function__(cls, func, types, args=(), kwargs=None):
            calls.append(func)
            return super().__torch_function__(func, types, args, kwargs or {})

    back = wire.decode(wire.encode({"w": torch.zeros(3).as_subclass(Liar),
                                    "m": torch.nn.Linear(2, 2)}))
    seen = len(calls)  # encoding runs on the student's side, so it may call the subclass
    assert type(back["w"]) is torch.Tensor and torch.equal(back["w"], torch.zeros(3))
    assert bool((back["w"] == 0).all()) and len(calls) == seen
    assert isinstance(back["m"], wire.Unreadable) and wire.type_name(back["m"]) == "Linear"


@pytest.mark.parametrize("text", [
    '{"tensor": "float32", "shape": [3], "data": "AAAA"}',        # data does not match shape
    '{"tensor": "object", "shape": [1], "data": ""}',             # no such dtype
    '{"pickle": "gASVAAAAAAAAAAA="}',                             # unknown node
    '{"dict": [[{"list": []}, 1]]}',                              # unhashable key
    "[" * 100_000,                                                # too deep for JSON
    json.dumps({"list": [{"list": []}] * 3})[:-1],               # not JSON
])
def test_wire_refuses_what_is_not_data(text):
    with pytest.raises(wire.WireError):
        wire.decode(text)
