"""Shared by the tests of what students read: run a check on a bad submission and return its
message; compare a message with text that shows it wrapped."""
import pytest

from autograder.core import CheckFailed


def message(check, fn, max_chars: int = 400) -> str:
    """The check must fail with one plain sentence (one line, at most ``max_chars``)."""
    with pytest.raises(CheckFailed) as info:
        check(fn)
    text = str(info.value)
    assert "\n" not in text and len(text) < max_chars
    return text


def flat(text: str) -> str:
    """Whitespace-insensitive text: sentences are wrapped for display."""
    return " ".join(text.split())
