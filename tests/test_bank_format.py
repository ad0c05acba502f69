"""The bank file format: whole cells, or edits of the reference cell."""
import pytest

from autograder.harness import apply_edit, parse_bank_file

REFERENCE = "def f(x):\n    a = 1\n    b = 2\n    return a + b\n"


def test_edit_replaces_and_deletes_blocks():
    edited = apply_edit(REFERENCE, ["-     a = 1", "+     a = 10", "+     c = 0", "-     b = 2"], "t")
    assert edited == "def f(x):\n    a = 10\n    c = 0\n    return a + b\n"


def test_edit_of_a_missing_line_fails_loudly():
    with pytest.raises(ValueError, match="exactly once"):
        apply_edit(REFERENCE, ["-     a = 3"], "t")
    with pytest.raises(ValueError, match="start with"):
        apply_edit(REFERENCE, ["    a = 3"], "t")


def test_bank_file_with_header_cells_and_edits(tmp_path):
    path = tmp_path / "entry.py"
    path.write_text("# Adds one.\n# fails: test_f\n# expect: test_f=0 test_g=2\n"
                    "# %% edit: f\n-     b = 2\n+     b = 3\n# %% cell: g\ng = 1\n")
    entry = parse_bank_file(path, "wrong", {"f": REFERENCE.rstrip("\n")})
    assert entry.summary == "Adds one." and entry.must_fail == ["test_f"]
    assert entry.expect == {"test_f": 0.0, "test_g": 2.0}
    assert entry.cells == {"f": REFERENCE.replace("b = 2", "b = 3").rstrip("\n"), "g": "g = 1"}
