"""autograder/memo.py: a check's own training runs are reused only for identical inputs."""
import functools

import pytest
import torch

from autograder import memo


def test_results_are_reused_for_equal_values_and_recomputed_otherwise():
    runs = []

    @memo.remembered
    def trained(start: dict, steps: int, fn):
        runs.append(steps)
        return {k: v * steps for k, v in start.items()}

    start = {"w": torch.arange(4.0), "b": torch.zeros(2)}
    fn = functools.partial(torch.add, other=torch.ones(1))
    first = trained(start, 3, fn)
    again = trained({"w": torch.arange(4.0), "b": torch.zeros(2)}, 3, fn)  # equal, not the same
    assert runs == [3] and torch.equal(again["w"], first["w"])
    again["w"].add_(1)  # a caller's change does not reach the next caller
    assert torch.equal(trained(start, 3, fn)["w"], torch.arange(4.0) * 3)
    trained({"w": torch.arange(4.0) + 1e-7, "b": torch.zeros(2)}, 3, fn)       # other values
    trained({"b": torch.zeros(2), "w": torch.arange(4.0)}, 3, fn)              # other order
    trained({"w": torch.arange(4.0).double(), "b": torch.zeros(2)}, 3, fn)    # other dtype
    trained(start, 3, functools.partial(torch.add, other=torch.ones(1) * 2))  # other partial
    assert runs == [3] * 5


def test_undigestible_arguments_run_every_time():
    runs = []

    @memo.remembered
    def f(obj):
        runs.append(1)
        return 1

    f(object())
    f(object())

    def closure(k):
        return lambda x: x + k  # same qualname for every k

    f(closure(1))
    f(closure(2))
    assert runs == [1, 1, 1, 1]


def test_the_store_is_bounded():
    @memo.remembered
    def f(i):
        return i

    for i in range(memo.MAX_ENTRIES + 10):
        f(i)
    assert len(memo._results) <= memo.MAX_ENTRIES


def test_numpy_arrays_are_digested_by_value_and_object_arrays_not_at_all():
    import numpy as np

    assert memo.digest(np.arange(3.0)) == memo.digest(np.arange(3.0))
    assert memo.digest(np.arange(3.0)) != memo.digest(np.arange(3))          # other dtype
    assert memo.digest(np.zeros((2, 3))) != memo.digest(np.zeros((3, 2)))    # other shape
    with pytest.raises(memo.Undigestible):
        memo.digest(np.array([object()]))


def test_the_audit_reuses_each_grader_call_once_and_forgets_it(monkeypatch):
    """core.serve(..., remember=True), the grader's call in the student's kernel while the
    audit is on, keeps the outcome; the audit's second run of the cell (core.call on the
    kernel's own function) takes it instead of running the student's code again, once, and
    reports the time the call took (a check of time limits reads core.last_call_seconds)."""
    import base64
    import pickle
    import time

    from autograder import core

    runs = []

    def doubled(x):
        runs.append(x)
        time.sleep(0.05)
        return x * 2

    monkeypatch.setattr(core, "student_function", lambda name: {"doubled": doubled}[name])
    monkeypatch.setattr("IPython.display.publish_display_data", lambda data: None)

    def grader_call(x, remember):
        request = (None, "doubled", (x,), {}, 5, "`doubled`")
        core.serve(base64.b64encode(pickle.dumps(request)).decode(), remember=remember)

    core.forget()
    grader_call(torch.ones(2), remember=True)
    assert len(runs) == 1
    assert torch.equal(core.call(doubled, torch.ones(2), what="`doubled`", seconds=5), torch.ones(2) * 2)
    assert len(runs) == 1                                         # taken from the grader's call
    assert core.last_call_seconds >= 0.05                         # with the time it took then
    core.call(doubled, torch.ones(2), what="`doubled`", seconds=5)
    assert len(runs) == 2                                         # once only
    grader_call(torch.ones(2), remember=True)
    core.call(doubled, torch.zeros(2), what="`doubled`", seconds=5)
    assert len(runs) == 4                                         # other inputs run
    core.forget()
    core.call(doubled, torch.ones(2), what="`doubled`", seconds=5)
    assert len(runs) == 5                                         # forgotten after the cell
    grader_call(torch.ones(2), remember=False)
    core.call(doubled, torch.ones(2), what="`doubled`", seconds=5)
    assert len(runs) == 7                                         # nothing kept without the audit
