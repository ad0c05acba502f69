"""autograder/memo.py: a check's own training runs are reused only for identical inputs."""
import functools

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
