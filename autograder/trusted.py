"""Trusted grading: verdicts are computed where student code never ran.

:class:`TrustedExecute` replaces nbgrader's ``Execute`` in ``nbgrader autograde`` (and so in
``./course check``). It runs the submission's own cells in its kernel, which the course starts
in a sandbox (:mod:`autograder.sandbox`), but it does not run the test cells there. For each
test (grade) cell it takes the cell's source from the gradebook and runs it in the grader's
process, in a namespace built from the gradebook's setup cell: ``checks`` is the real checks
module, and every other name the cell uses (``magnitude_prune``) stands for the student's
function of that name (:class:`autograder.core.StudentFunction`). When a check calls it,
:func:`autograder.core.call` sends the call to the kernel; only data comes back
(:mod:`autograder.wire`), and the check judges it here. So nothing the student's code does in
its kernel (patched checks, input transformers, lying tensors, a shadow ``autograder``
package) reaches a verdict. The test cell's outputs are what the check printed, or its failure,
and nbgrader scores them as usual.

Also here: a kernel that ignores the interrupt after a timeout is ended and the remaining
cells score zero; a kernel that dies ends the same way; instructors' private checks and a
grading seed drawn at autograde (see INSTRUCTORS.md, "Private checks and the grading seed").
"""
import ast
import base64
import builtins
import contextlib
import importlib.util
import inspect
import io
import json
import os
import pickle
import secrets
from pathlib import Path

from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import Execute
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, Integer, Unicode

from . import core

PROBE_SECONDS = 15  # how long a kernel may take to answer after an interrupt
CALL_SLACK = 30     # seconds a call may run past its own limit before the kernel is interrupted

# One per autograde run, so every student gets the same cases; TFDL_GRADING_SEED fixes it (the
# tests use it to compare two runs).
drawn_seed = int(os.environ.get("TFDL_GRADING_SEED") or secrets.randbelow(2**31))


def _error(ename: str, evalue: str, traceback: list[str] | None = None) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=traceback or [f"{ename}: {evalue}"])


def _stdout(text: str) -> NotebookNode:
    return NotebookNode(output_type="stream", name="stdout", text=text)


class TrustedExecute(Execute):
    """nbgrader's Execute, with test cells judged in the grader's process (see module doc)."""

    trusted = Bool(True, help="Run test cells in the grader's process, calling the student's "
                   "functions in the kernel (False: nbgrader's plain in-kernel grading)."
                   ).tag(config=True)
    setup_cell = Unicode("setup", help="Grade id of the read-only cell whose source (from the "
                         "gradebook) sets up the test cells' namespace.").tag(config=True)
    private_checks = Unicode("", help="Folder outside the repository with <assignment>.py files "
                             "of extra checks, one function per test cell id.").tag(config=True)
    seed = Integer(None, allow_none=True, help="Grading seed for the hidden checks' random "
                   "cases; default: drawn at autograde and logged.").tag(config=True)
    in_kernel_report = Unicode("", help="If set, also run every test cell in the kernel (as "
                               "Validate does) and append both verdicts to this JSON-lines file: "
                               "an audit that both ways agree.").tag(config=True)

    # -- the notebook -----------------------------------------------------------------------
    def preprocess(self, nb, resources=None, km=None):
        self._ended = None          # why the kernel is gone, once it is
        self._timed_out = False
        self._namespace = None      # the trusted namespace, built at the first test cell
        self._private = None        # the instructor's private checks module, loaded once
        self._sources = None        # {cell id: source} from the gradebook, read once
        info = (resources or {}).get("nbgrader", {})
        self._where = {k: info.get(k) for k in ("db_url", "assignment", "notebook", "student")}
        core.grading_seed = self.seed if self.seed is not None else drawn_seed
        if self.trusted:
            self.log.info("Trusted grading of %s/%s, grading seed %d", self._where["student"],
                          self._where["notebook"], core.grading_seed)
        try:
            return super().preprocess(nb, resources, km)
        finally:
            core.grading_seed = 0

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        self._index = index
        if self.trusted and is_grade(cell) and not is_solution(cell):
            cell.outputs = self._judge(cell)
            if self.in_kernel_report:
                self._audit(cell, resources, index)
            return cell, resources
        if self._ended:
            cell.outputs = [_error("KernelEnded", f"not run: {self._ended}")]
            return cell, resources
        self._in_kernel(cell, index)
        return cell, resources

    # -- the kernel ---------------------------------------------------------------------------
    async def _async_handle_timeout(self, timeout, cell=None):
        self._timed_out = True
        return await super()._async_handle_timeout(timeout, cell)

    def _in_kernel(self, cell, index, timeout=None):
        """Run ``cell`` in the student's kernel; end the kernel if it dies or ignores the
        interrupt after a timeout."""
        previous, self._timed_out = self.timeout, False
        if timeout is not None:
            self.timeout = timeout
        try:
            self._execute(cell, index, store_history=timeout is None)
        except DeadKernelError:
            self._end("the Python kernel died (for example os._exit, a crash in compiled code, "
                      "or running out of memory)", cell)
        finally:
            self.timeout = previous
        if self._timed_out and not self._ended and not self._answers_after_interrupt(index):
            self._end("the kernel ignored the interrupt after a cell ran past its time limit, "
                      "so it was stopped", cell)

    def _execute(self, cell, index, store_history):
        """nbclient's execute_cell, which also stores ``cell`` as the notebook's cell ``index``:
        put the notebook's own cell back when ``cell`` is one of ours."""
        own = self.nb.cells[index]
        try:
            self.execute_cell(cell, index, store_history=store_history)
        finally:
            if cell is not own:
                self.nb.cells[index] = own

    def _answers_after_interrupt(self, index) -> bool:
        probe = NotebookNode(cell_type="code", source="None", metadata={}, outputs=[])
        previous, self.timeout, self._timed_out = self.timeout, PROBE_SECONDS, False
        try:
            self._execute(probe, index, store_history=False)
        except DeadKernelError:
            return False
        finally:
            self.timeout = previous
        return not self._timed_out

    def _end(self, reason: str, cell=None):
        self._ended = reason
        self.log.warning("%s/%s: %s; the remaining cells score zero", self._where["student"],
                         self._where["notebook"], reason)
        if cell is not None:
            cell.outputs = list(cell.get("outputs", [])) + [_error("KernelEnded", reason)]
        with contextlib.suppress(Exception):
            run_sync(self.km.shutdown_kernel)(now=True)

    def _call_in_kernel(self, driver, fn, args, kwargs, seconds, what) -> dict:
        """:func:`autograder.core.call`'s channel: one call, run in the kernel, as data."""
        if self._ended:
            return {"status": "lost", "message": f"your kernel is gone ({self._ended})"}
        driver_name = f"{driver.__module__}:{driver.__qualname__}" if driver else None
        request = base64.b64encode(pickle.dumps(
            (driver_name, fn.__name__, args, kwargs, seconds, what))).decode()
        cell = NotebookNode(cell_type="code", metadata={}, outputs=[],
                            source=f"__import__('autograder.core').core.serve({request!r}, "
                                   f"remember={bool(self.in_kernel_report)})")
        self._in_kernel(cell, self._index, timeout=int(seconds + CALL_SLACK))
        for output in cell.outputs:
            text = output.get("data", {}).get(core.OUTCOME_MIME)
            if output.output_type == "display_data" and isinstance(text, str):
                with contextlib.suppress(ValueError):
                    return json.loads(text)
        if self._ended:
            return {"status": "lost", "message": f"your kernel is gone ({self._ended})"}
        if self._timed_out:
            return {"status": "timeout"}
        return {"status": "lost", "message": "your kernel sent no answer; did the notebook "
                "change how IPython runs code or shows output?"}

    # -- the test cells -----------------------------------------------------------------------
    def _source(self, grade_id: str) -> str | None:
        """A cell's source as the instructor wrote it, from the gradebook (read once)."""
        if self._sources is None:
            w = self._where
            with Gradebook(w["db_url"]) as gb:
                notebook = gb.find_notebook(w["notebook"], w["assignment"])
                self._sources = {cell.name: cell.source for cell in notebook.source_cells}
        return self._sources.get(grade_id)

    def _trusted_namespace(self) -> dict:
        if self._namespace is None:
            namespace = {"__name__": "__tfdl_grading__"}
            setup = self._source(self.setup_cell)
            if setup:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(setup, f"<{self.setup_cell} cell>", "exec"), namespace)
            self._namespace = namespace
        return self._namespace

    def _judge(self, cell) -> list[NotebookNode]:
        """Run a test cell's gradebook source here; its outputs decide its points."""
        grade_id = cell.metadata.nbgrader["grade_id"]
        source = self._source(grade_id)
        if source is None:
            return [_error("UnknownTest", f"the gradebook has no test cell {grade_id!r}")]
        namespace = dict(self._trusted_namespace())
        tree = ast.parse(source)
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        for name in used - namespace.keys() - set(dir(builtins)):
            namespace[name] = core.StudentFunction(name)
        printed = io.StringIO()
        core._channel = self._call_in_kernel
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(tree, f"<{grade_id}>", "exec"), namespace)
                self._private_checks(grade_id, namespace)
        except core.CheckFailed as failure:
            error = _error("CheckFailed", str(failure), failure._render_traceback_())
        except Exception as failure:  # a check that broke on what it was given
            error = _error(type(failure).__name__, str(failure))
        else:
            error = None
        finally:
            core._channel = None
        outputs = [_stdout(printed.getvalue())] if printed.getvalue() else []
        return outputs + ([error] if error else [])

    def _private_checks(self, grade_id: str, namespace: dict):
        """The instructor's extra check for this test cell, if any: a function named like the
        cell, whose parameters name the notebook functions it takes."""
        module = self._private_module()
        check = getattr(module, grade_id, None) if module else None
        if callable(check):
            check(*(namespace.get(p) or core.StudentFunction(p)
                    for p in inspect.signature(check).parameters))

    def _private_module(self):
        if self._private is None:
            self._private = False
            path = Path(self.private_checks).expanduser() / f"{self._where['assignment']}.py"
            if self.private_checks and path.is_file():
                spec = importlib.util.spec_from_file_location(f"tfdl_private_{path.stem}", path)
                self._private = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(self._private)
        return self._private

    def _audit(self, cell, resources, index):
        """Also run the test cell in the kernel, as the student's JupyterLab does, and record
        whether both ways give it the same verdict. The second run reuses the outcomes of the
        grader's calls with the same inputs (``core.serve(..., remember=True)``), so the
        student's code is not run twice on them."""
        trusted_pass = not any(o.output_type == "error" for o in cell.outputs)
        copy = NotebookNode(cell_type="code", source=cell.source, metadata={}, outputs=[])
        if not self._ended:
            self._in_kernel(copy, index)
        if not self._ended:
            forget = NotebookNode(cell_type="code", metadata={}, outputs=[],
                                  source="__import__('autograder.core').core.forget()")
            self._in_kernel(forget, index, timeout=PROBE_SECONDS)
        kernel_pass = not self._ended and not any(o.output_type == "error" for o in copy.outputs)
        record = {"student": self._where["student"], "notebook": self._where["notebook"],
                  "cell": cell.metadata.nbgrader["grade_id"], "trusted": trusted_pass,
                  "kernel": kernel_pass}
        with open(self.in_kernel_report, "a") as report:
            report.write(json.dumps(record) + "\n")
