"""Shared by the checker-message tests: run a check on a bad submission and return its message."""
import pytest

from autograder.core import CheckFailed


def message(check, fn, max_chars: int = 400) -> str:
    """The check must fail with one plain sentence (one line, at most ``max_chars``)."""
    with pytest.raises(CheckFailed) as info:
        check(fn)
    text = str(info.value)
    assert "\n" not in text and len(text) < max_chars
    return text
