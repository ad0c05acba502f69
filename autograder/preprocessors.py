"""nbgrader preprocessors that harden grading (see autograder/nbgrader_config.py).

* :class:`ResilientExecute` turns a dead kernel (``os._exit``, a segfault, the
  out-of-memory killer) into error outputs, so the submission is graded (cells
  before the crash keep their points) instead of failing as a whole.
* :class:`CapOutput` caps the characters of every output; nbgrader's
  ``LimitOutput`` counts lines only, so one huge line would pass.
* :class:`HideHiddenTracebacks` keeps only ``ename: evalue`` of errors in cells
  that contain hidden tests, so feedback never shows hidden-test source.
* :class:`PrivateKernelManager` starts grading and Validate kernels on IPC
  sockets in a private folder instead of TCP ports on localhost.
"""
import os
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from nbgrader.utils import is_grade
from traitlets import Integer, Unicode

DEAD_KERNEL = ("The Python kernel died while running this cell (for example os._exit, a crash "
               "in compiled code, or running out of memory); this cell and the cells after it "
               "could not run and score zero.")


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"{ename}: {evalue}"])


class ResilientExecute(Execute):
    """nbgrader's Execute, but a dead kernel zeroes the remaining cells only."""

    def preprocess(self, nb, resources=None, km=None):
        self._kernel_died = False
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if self._kernel_died:
            cell.outputs = [_error("KernelDied", "not run: " + DEAD_KERNEL)]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._kernel_died = True
            self.log.warning("Kernel died in cell %d; remaining cells score zero", index)
            cell.outputs = list(cell.get("outputs", [])) + [_error("KernelDied", DEAD_KERNEL)]
            return cell, resources


class CapOutput(NbGraderPreprocessor):
    """Truncate every output to ``max_chars`` characters."""

    max_chars = Integer(20_000, help="Characters kept per output").tag(config=True)
    note = Unicode("\n... [output truncated by the grader]\n").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                output.text = self._cap(output.text)
            elif output.output_type == "error":
                output.traceback = [self._cap(line) for line in output.traceback[-40:]]
                output.evalue = self._cap(output.evalue)
            elif "data" in output:
                for mime, value in list(output.data.items()):
                    if isinstance(value, str) and len(value) > self.max_chars:
                        if mime == "text/plain":
                            output.data[mime] = self._cap(value)
                        else:
                            del output.data[mime]
                            output.data.setdefault("text/plain", f"[{mime} output removed: too large]")
        return cell, resources

    def _cap(self, text: str) -> str:
        return text if len(text) <= self.max_chars else text[: self.max_chars] + self.note


class HideHiddenTracebacks(NbGraderPreprocessor):
    """In grade cells that had hidden tests, show errors as one line only."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and is_grade(cell) and "BEGIN HIDDEN TESTS" in cell.source:
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources


class PrivateKernelManager(AsyncKernelManager):
    """Kernels that talk over Unix sockets in a fresh 0700 folder.

    Over TCP, any local user can reach a kernel's ports, and ipykernel warns
    about it in every validate and autograde. IPC's default socket path is
    ``kernel-ipc`` in the working directory, which two kernels would share, so
    each kernel gets its own folder.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        super().__init__(**kwargs)

    def _ip_default(self) -> str:
        if self.transport != "ipc":
            return super()._ip_default()
        self._socket_dir = tempfile.mkdtemp(prefix="tfdl-kernel-")
        return os.path.join(self._socket_dir, "kernel")

    def cleanup_ipc_files(self) -> None:
        super().cleanup_ipc_files()
        folder = getattr(self, "_socket_dir", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
