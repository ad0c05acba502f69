"""nbgrader preprocessors that harden grading (see autograder/nbgrader_config.py).

* :class:`CapOutput` caps the characters of every output, of each cell's outputs and of the
  notebook's; nbgrader's ``LimitOutput`` counts lines only, so one huge line, or thousands of
  small outputs, would pass.
* :class:`HideHiddenTracebacks` keeps only ``ename: evalue`` of errors in cells
  that contain hidden tests, so feedback never shows hidden-test source.
* :class:`PrivateKernelManager` starts grading and Validate kernels on IPC
  sockets in a private folder instead of TCP ports on localhost.
"""
import json
import os
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade
from traitlets import Integer, Unicode

class CapOutput(NbGraderPreprocessor):
    """Cap the size of outputs: ``max_chars`` characters per output, and ``max_cell_chars`` per
    cell and ``max_notebook_chars`` per notebook (as written to the file).

    Past a cell's or the notebook's cap, a cell keeps its first outputs and one note saying how
    many were removed. A grade cell also keeps the output its score depends on (its first error,
    stderr or result: see ``nbgrader.utils.determine_grade``), so a cap never changes a score.
    """

    max_chars = Integer(20_000, help="Characters kept per output").tag(config=True)
    max_cell_chars = Integer(100_000, help="Characters of outputs kept per cell").tag(config=True)
    max_notebook_chars = Integer(500_000, help="Characters of outputs kept per notebook"
                                 ).tag(config=True)
    note = Unicode("\n... [output truncated by the grader]\n").tag(config=True)

    def preprocess(self, nb, resources):
        self._left, self._trimmed = self.max_notebook_chars, 0
        nb, resources = super().preprocess(nb, resources)
        if self._trimmed:
            info = resources.get("nbgrader", {})
            self.log.warning("Student %s, lab %s: the outputs of %d cells were cut to %s "
                             "characters per cell and %s per notebook", info.get("student"),
                             info.get("assignment"), self._trimmed, f"{self.max_cell_chars:,}",
                             f"{self.max_notebook_chars:,}")
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.get("outputs", []):
            self._cap_output(output)
        cell.outputs = self._cap_total(cell)
        return cell, resources

    def _cap_output(self, output):
        if output.output_type == "stream":
            output.text = self._cap(output.text)
        elif output.output_type == "error":
            lines = [self._cap(line) for line in output.traceback[-40:]]
            while len(lines) > 1 and sum(map(len, lines)) > self.max_chars:
                lines.pop(0)
            output.traceback = lines
            output.evalue = self._cap(output.evalue)
        elif "data" in output:
            for mime, value in list(output.data.items()):
                if isinstance(value, str) and len(value) > self.max_chars:
                    if mime == "text/plain":
                        output.data[mime] = self._cap(value)
                    else:
                        del output.data[mime]
                        output.data.setdefault("text/plain", f"[{mime} output removed: too large]")

    def _cap_total(self, cell) -> list:
        outputs = list(cell.get("outputs", []))
        sizes = [len(json.dumps(output, ensure_ascii=False)) for output in outputs]
        budget, used, kept = min(self.max_cell_chars, self._left), 0, 0
        while kept < len(outputs) and used + sizes[kept] <= budget:
            used, kept = used + sizes[kept], kept + 1
        if kept == len(outputs):
            self._left -= used
            return outputs
        deciding = _deciding_output(cell)
        rest = [i for i in range(kept, len(outputs)) if outputs[i] is deciding]
        removed = len(outputs) - kept - len(rest)
        removed_chars = sum(sizes[kept:]) - sum(sizes[i] for i in rest)
        note = NotebookNode(output_type="stream", name="stdout", text=(
            f"\n... [{removed:,} more outputs ({removed_chars:,} characters) removed by the "
            f"grader: a cell keeps {self.max_cell_chars:,} characters of output, a notebook "
            f"{self.max_notebook_chars:,}]\n"))
        self._left = max(0, self._left - used - sum(sizes[i] for i in rest))
        self._trimmed += 1
        return outputs[:kept] + [note] + [outputs[i] for i in rest]

    def _cap(self, text: str) -> str:
        return text if len(text) <= self.max_chars else text[: self.max_chars] + self.note


def _deciding_output(cell):
    """The output a grade cell's score depends on (nbgrader.utils.determine_grade), or None."""
    if not is_grade(cell):
        return None
    for output in cell.get("outputs", []):
        if output.output_type in ("error", "execute_result") or (
                output.output_type == "stream" and output.get("name") == "stderr"):
            return output
    return None


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
