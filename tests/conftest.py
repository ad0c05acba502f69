"""Parallel runs (pytest-xdist, ``--dist loadgroup``): tests that share an
expensive per-process result run on the same worker. Each lab's autograde batch
(``test_labs.graded``) is one group, so the labs grade side by side, and so is
each lab's tamper batch (``test_tamper.graded``); modules built around one
module-scoped fixture or one cached autograde batch (a JupyterLab server and
browser, an exchange with its graded course, the sandbox's kernel, the repair and
trusted-grading batches) are one group each."""
import pytest

MODULE_GROUPS = {"test_browser", "test_exchange", "test_hub", "test_sandbox", "test_repair", "test_trusted",
                 "test_parallel"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if module == "test_labs" and "lab" in params:
            group = f"lab-{params['lab']}"
        elif module == "test_tamper" and "lab" in params:
            group = f"tamper-{params['lab']}"
        elif module in MODULE_GROUPS:
            group = module
        else:
            continue
        item.add_marker(pytest.mark.xdist_group(group))
