"""Execute one notebook in sandboxed children, cell by cell, with crash continuation.

:func:`execute_notebook` is what the nbgrader preprocessor and the batch
driver call. Outputs follow a Jupyter kernel's (stream, execute_result,
display_data, error) so nbgrader's own ``determine_grade`` scores the result;
test cells of the ``expect`` shape are checked out of the learner's process
(:mod:`grading.executor._trusted`).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from grading.core import cells
from grading.core import html as _html
from grading.core.record import NotebookTruth
from grading.executor import _trusted
from grading.executor._policy import Limits, SandboxReport
from grading.executor._protocol import ChildDied, ChildTimeout, ProtocolError
from grading.executor._zygote import Sandbox, Zygote

__all__ = ["ExecutionOptions", "ExecutionReport", "execute_notebook"]

log = logging.getLogger(__name__)

_TIMEOUT_OUTPUT = {
    "output_type": "error",
    "ename": "CellTimeoutError",
    "evalue": "",
    "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"],
}
_MAX_TRACEBACK_LINES = 200
_MAX_LINE = 10_000
_MAX_TRACEBACK_BYTES = 64 << 10
_SMALL_STREAM = 1024
#: Outputs may exceed the notebook budget by this much, for the notes saying what was cut.
_STUB_RESERVE = 64 << 10
_MAX_DEPTH = 64


DATA_FILES = ("*.csv", "*.tsv", "*.xlsx", "*.json", "*.png", "*.jpg", "*.jpeg", "*.txt",
              "data/*", "du-lieu/*")  # fmt: skip


@dataclass(frozen=True)
class ExecutionOptions:
    """How to execute: limits, sandbox mode, and whether to check tests out of process."""

    limits: Limits = field(default_factory=Limits)
    sandbox: str = "auto"
    trusted_checks: bool = True
    env: tuple[tuple[str, str], ...] = ()
    #: Files of the submission folder copied into the sandbox (fnmatch patterns on
    #: relative paths): the data files a trainer ships, never editor backups or notebooks.
    data_files: tuple[str, ...] = DATA_FILES


@dataclass(frozen=True)
class ExecutionReport:
    """What happened while executing one notebook.

    ``sandbox`` is what the (first) child enforced; ``untrusted_cells`` lists
    test cells that had to run in the learner's process, with the reasons.
    """

    sandbox: SandboxReport
    seconds: float
    restarts: int
    crashed_cells: tuple[int, ...]
    timed_out_cells: tuple[int, ...]
    trusted_cells: tuple[str, ...]
    untrusted_cells: tuple[tuple[str, tuple[str, ...]], ...]
    gave_up: bool
    output_capped: bool
    cell_kinds_from: str = "gradebook"


_FULL_NOTE = "[hocso: notebook output limit reached, outputs of this cell dropped]\n"


def _size(output: dict[str, Any]) -> int:
    return len(json.dumps(output, ensure_ascii=False, default=str).encode("utf-8"))


class _GiveUp(Exception):
    """Too many restarts, or the notebook's time is up."""


def _nbgrader(cell: dict[str, Any]) -> dict[str, Any]:
    metadata = cell.get("metadata", {})
    meta = metadata.get("nbgrader", {}) if isinstance(metadata, dict) else {}
    return meta if isinstance(meta, dict) else {}


_is_test, _is_locked, _source = cells.is_test, cells.is_locked, cells.source


def _reply_outputs(reply: dict[str, Any]) -> list[Any]:
    outputs = reply.get("outputs")
    return outputs if type(outputs) is list else []


_MAX_MESSAGE = 2000


def _message(error: BaseException) -> str:
    """A check's verdict, capped: a huge learner value never rides back in full."""
    try:
        text = str(error)
    except Exception:
        return type(error).__name__
    if len(text) <= _MAX_MESSAGE:
        return text
    cut = len(text) - _MAX_MESSAGE
    return f"{text[:_MAX_MESSAGE]}… [hocso: {cut} more characters cut]"


def _short(text: Any) -> str:
    text = text if isinstance(text, str) else str(text)
    return text if len(text) <= _MAX_LINE else text[:_MAX_LINE] + "…"


def _depth_ok(value: Any, limit: int = _MAX_DEPTH) -> bool:
    """Whether ``value`` nests at most ``limit`` containers deep (no recursion)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if type(item) in (dict, list):
            if depth >= limit:
                return False
            children = item.values() if type(item) is dict else item
            stack.extend((child, depth + 1) for child in children if type(child) in (dict, list))
    return True


def _cap_traceback(lines: list[str]) -> list[str]:
    if len(lines) > _MAX_TRACEBACK_LINES:
        half = _MAX_TRACEBACK_LINES // 2
        lines = [*lines[:half], "…", *lines[-half:]]
    kept, used = [], 0
    for line in reversed(lines):  # the end of a traceback says what went wrong
        used += len(line)
        if used > _MAX_TRACEBACK_BYTES:
            kept.append("… [hocso: the start of this traceback was cut]")
            break
        kept.append(line)
    return kept[::-1]


def clean_output(output: Any) -> dict[str, Any] | None:
    """An nbformat v4 output dict built from untrusted JSON, or None if malformed.

    Rich outputs keep inert MIME types only (:func:`grading.core.html.sanitize_output`);
    error messages and tracebacks are capped.
    """
    if type(output) is not dict or not _depth_ok(output):
        return None
    kind = output.get("output_type")
    if kind == "stream":
        name, text = output.get("name"), output.get("text")
        if name in ("stdout", "stderr") and type(text) is str:
            return {"output_type": "stream", "name": name, "text": text}
        return None
    if kind == "error":
        tb = output.get("traceback")
        tb = _cap_traceback([_short(x) for x in tb] if type(tb) is list else [])
        return {
            "output_type": "error",
            "ename": _short(output.get("ename", "Error")),
            "evalue": _short(output.get("evalue", "")),
            "traceback": tb,
        }
    if kind in ("display_data", "execute_result"):
        data, metadata = output.get("data"), output.get("metadata", {})
        if type(data) is not dict or type(metadata) is not dict:
            return None
        if not all(type(k) is str for k in data):
            return None
        clean = _html.sanitize_output({"output_type": kind, "data": data, "metadata": metadata})
        if kind == "execute_result":
            count = output.get("execution_count")
            clean["execution_count"] = count if type(count) is int else None
        return clean
    return None


def coalesce_streams(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge adjacent stream outputs of the same name (as a kernel's buffered stream would)."""
    merged: list[dict[str, Any]] = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and output["output_type"] == "stream"
            and last["output_type"] == "stream"
            and last["name"] == output["name"]
        ):
            last["text"] += output["text"]
        else:
            merged.append(dict(output))
    return merged


class _Execution:
    """State of one notebook's execution across child restarts."""

    def __init__(
        self,
        nb: Any,
        *,
        files_dir: str,
        workdir_name: str,
        zygote: Zygote,
        options: ExecutionOptions,
        truth: NotebookTruth | None = None,
    ) -> None:
        self.nb = nb
        self.truth = truth
        self.sources: dict[int, str] = {}
        self.files_dir = files_dir
        self.workdir_name = workdir_name
        self.zygote = zygote
        self.options = options
        self.limits = options.limits
        self.start = time.monotonic()
        self.deadline = self.start + self.limits.notebook_timeout
        self.sandbox: Sandbox | None = None
        self.report: SandboxReport | None = None
        self.history: list[int] = []
        self.restarts = 0
        self.crashed: list[int] = []
        self.timed_out: list[int] = []
        self.trusted: list[str] = []
        self.untrusted: list[tuple[str, tuple[str, ...]]] = []
        self.output_bytes = 0
        self.output_capped = False
        self.gave_up_reason: str | None = None

    # -- children ---------------------------------------------------------

    def _cell_deadline(self) -> float:
        return min(time.monotonic() + self.limits.cell_timeout, self.deadline)

    def _spawn(self) -> Sandbox:
        sandbox = self.zygote.spawn(
            files_dir=self.files_dir,
            workdir_name=self.workdir_name,
            limits=self.limits,
            mode=self.options.sandbox,
            env=dict(self.options.env),
            data_files=self.options.data_files,
        )
        if self.report is None:
            self.report = sandbox.report
            if sandbox.report.degraded:
                log.warning("sandbox degraded: %s", "; ".join(sandbox.report.degraded))
        return sandbox

    def child(self) -> Sandbox:
        """The live child, forking a fresh one and replaying earlier cells if needed."""
        while self.sandbox is None:
            if self.gave_up_reason:
                raise _GiveUp(self.gave_up_reason)
            if self.restarts > self.limits.max_restarts:
                self.gave_up_reason = (
                    f"hocso: grading stopped after {self.limits.max_restarts} restarts of the "
                    "notebook (the code kept crashing the kernel)"
                )
                raise _GiveUp(self.gave_up_reason)
            if time.monotonic() >= self.deadline:
                self.gave_up_reason = "hocso: the notebook's time limit was reached"
                raise _GiveUp(self.gave_up_reason)
            sandbox = self._spawn()
            try:
                for index in self.history:
                    cell = self.nb.cells[index]
                    reply = sandbox.request(
                        {
                            "op": "run",
                            "code": self.sources.get(index, _source(cell)),
                            "execution_count": cell.execution_count or 1,
                        },
                        deadline=self._cell_deadline(),
                    )
                    if reply.get("status") == "exited":
                        raise ChildDied("exit() while replaying")
            except ProtocolError as error:
                log.info("replay failed (%s); forking again", error)
                sandbox.kill()
                self.restarts += 1
                continue
            self.sandbox = sandbox
        return self.sandbox

    def crash(self, index: int) -> None:
        if self.sandbox is not None:
            self.sandbox.kill()
        self.sandbox = None
        self.restarts += 1
        self.crashed.append(index)

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.close(wait=False)  # torn down while the next notebook starts
            self.sandbox = None

    # -- outputs ----------------------------------------------------------

    def _budget(self, outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Apply the notebook-wide output cap to every output, notes and errors included.

        Over the budget, an error keeps its name and a short message (graders
        and learners need to see that the cell failed) and a stream keeps a
        short head with a note; both still count, against a small reserve for
        such notes. When the reserve is spent too, a cell keeps a bare error
        (its name only) or one note: at most ~100 bytes per cell beyond
        ``notebook_output_bytes + 64 KiB``.
        """
        kept: list[dict[str, Any]] = []
        cap = self.limits.notebook_output_bytes
        for output in outputs:
            size = _size(output)
            if self.output_bytes + size <= cap:
                self.output_bytes += size
                kept.append(output)
                continue
            self.output_capped = True
            if output["output_type"] == "error":
                short = {
                    "output_type": "error",
                    "ename": output["ename"][:200],
                    "evalue": output["evalue"][:_SMALL_STREAM],
                    "traceback": [f"{output['ename'][:200]}: {output['evalue'][:_SMALL_STREAM]}"],
                }
            elif output["output_type"] == "stream":
                text = output["text"][:_SMALL_STREAM]
                short = {**output, "text": text + "\n… [hocso: notebook output limit reached]\n"}
            else:
                continue
            size = _size(short)
            if self.output_bytes + size > cap + _STUB_RESERVE:
                # an error must stay an error (nbgrader scores a failed test cell 0 by it)
                if output["output_type"] == "error":
                    short = {"output_type": "error", "ename": output["ename"][:60],
                             "evalue": "", "traceback": []}  # fmt: skip
                elif any(o.get("text") == _FULL_NOTE for o in kept):
                    continue
                else:
                    short = {"output_type": "stream", "name": "stderr", "text": _FULL_NOTE}
                size = _size(short)
            self.output_bytes += size
            kept.append(short)
        return kept

    def finish_cell(self, cell: Any, outputs: list[dict[str, Any]]) -> None:
        import nbformat

        cell.outputs = [nbformat.from_dict(o) for o in self._budget(coalesce_streams(outputs))]

    # -- cells ------------------------------------------------------------

    def run_in_child(
        self, index: int, cell: Any, count: int, source: str | None = None
    ) -> list[dict[str, Any]]:
        """Run a whole cell in the learner's process (stock semantics)."""
        sandbox = self.child()
        code = _source(cell) if source is None else source
        self.sources[index] = code
        message = {"op": "run", "code": code, "execution_count": count}
        reply, extra = self._ask(index, sandbox, message)
        if reply is None:
            return extra
        outputs = [o for o in map(clean_output, _reply_outputs(reply)) if o is not None]
        status = reply.get("status")
        if status == "error":
            # nbgrader's Execute.on_cell_executed: an error that left no output gets one
            ename = str(reply.get("ename", "Error"))
            if not any(o["output_type"] == "error" and o["ename"] == ename for o in outputs):
                outputs.append(_trusted.error_output(ename, _short(reply.get("evalue", ""))))
        if status == "exited":
            outputs.append(
                _trusted.error_output(
                    "DeadKernelError", "Kernel died: the code stopped the notebook (exit())"
                )
            )
            self.crash(index)
            return outputs + extra
        if not extra:
            self.history.append(index)
        return outputs + extra

    def _ask(
        self, index: int, sandbox: Sandbox, message: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """Send a request; on timeout interrupt, then kill. Returns (reply, extra outputs)."""
        try:
            return sandbox.request(message, deadline=self._cell_deadline()), []
        except ChildTimeout:
            self.timed_out.append(index)
            sandbox.interrupt()
            try:
                reply = sandbox.receive(deadline=time.monotonic() + self.limits.interrupt_grace)
            except ProtocolError:
                self.crash(index)
                return None, [dict(_TIMEOUT_OUTPUT)]
            return reply, [dict(_TIMEOUT_OUTPUT)]
        except ChildDied:
            self.crash(index)
            return None, [
                _trusted.error_output("DeadKernelError", "Kernel died while running this cell")
            ]
        except ProtocolError as error:
            self.crash(index)
            return None, [_trusted.error_output("DeadKernelError", f"Kernel stopped: {error}")]

    def _evaluate_trusted(
        self, plan: _trusted.CellPlan, imports: tuple[str, ...]
    ) -> _trusted.TrustedCell:
        evaluate = getattr(self.zygote, "evaluate_trusted", None)
        if evaluate is None:  # a stand-in zygote (tests): in this process
            return _trusted._prepare(plan, imports)
        cell = evaluate(
            plan, imports, timeout=self.limits.cell_timeout, memory_bytes=self.limits.memory_bytes
        )
        for step in cell.steps:
            if isinstance(step, dict) and step.get("ename") == "TrustedSetupError":
                log.error("test cell setup failed on the trusted side: %s", step.get("evalue"))
        return cell

    def run_trusted(
        self, index: int, plan: _trusted.CellPlan, imports: tuple[str, ...], count: int
    ) -> list[dict[str, Any]]:
        """A test cell checked out of process: only first arguments run in the child."""
        from toolkit.i18n import t

        prepared = _trusted.prepare_trusted_cell(plan, imports, self._evaluate_trusted)
        outputs: list[dict[str, Any]] = []
        memo: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
        # values some check of this cell reads (a has_type before them asks for the copy once)
        read = {(s.first, s.kind, s.name) for s in prepared.steps
                if not isinstance(s, dict) and s.reads_value}  # fmt: skip
        for step in prepared.steps:
            if isinstance(step, dict):
                outputs.append(dict(step))
                if step["output_type"] == "error":
                    break
                continue
            message = {"op": "plain", "expr": step.first, "kind": step.kind, "name": step.name}
            copy = (step.first, step.kind, step.name) in read
            if not copy:  # accepted or not is all the check reads (has_type): no copy back
                message["type_only"] = True
            # a bare name evaluates without running code: ask once per cell
            memo_key = (
                (step.first, step.kind, step.name, copy) if step.first.isidentifier() else None
            )
            if memo_key is not None and memo_key in memo:
                reply, extra = {**memo[memo_key], "outputs": []}, []
            else:
                reply, extra = self._ask(index, self.child(), message)
            if reply is None:
                return outputs + extra
            if memo_key is not None and not extra:
                memo[memo_key] = reply
            status = reply.get("status")
            for output in map(clean_output, _reply_outputs(reply)):
                if output is None:
                    continue
                if output["output_type"] in ("stream", "display_data") or (
                    output["output_type"] == "error" and status == "error"
                ):
                    outputs.append(output)
            if extra:
                return outputs + extra
            if status == "error":
                if not any(o["output_type"] == "error" for o in outputs):
                    outputs.append(_trusted.error_output("Error", "", step.lineno, count))
                break
            if status == "rejected":
                if reply.get("ename") == "NotAttempted":
                    ename, text = "NotAttempted", t("check.not_attempted", name=step.name)
                else:
                    ename, text = "CheckFailed", _short(reply.get("message", ""))[:2000]
                outputs.append(_trusted.error_output(ename, text, step.lineno, count))
                break
            value = reply.get("value")
            readable = _trusted.valid_plain(step.kind, value) if copy else value is None
            if status != "plain" or not readable:
                outputs.append(
                    _trusted.error_output(
                        "CheckFailed", "hocso: the answer could not be read back as plain data",
                        step.lineno, count,
                    )
                )  # fmt: skip
                break
            shown, verdict = _trusted.compare_in_trusted_process(step, value)
            outputs.extend(shown)
            if verdict is not None:
                outputs.append(
                    _trusted.error_output(
                        type(verdict).__name__, _message(verdict), step.lineno, count
                    )
                )
                break
        return outputs

    def classify(self) -> dict[int, tuple[bool, bool, str]]:
        """``{code cell index: (is test cell, is locked, source to run)}``.

        With the gradebook's record (``truth``), a cell is a test or locked cell
        only if the gradebook says so for its id, and then runs the recorded
        source; of several cells with one id only the last counts (nbgrader's
        ``DeduplicateIds``). Without it, the notebook's own metadata decides.
        """
        kinds: dict[int, tuple[bool, bool, str]] = {}
        if self.truth is None:
            for index, cell in enumerate(self.nb.cells):
                if cell.cell_type == "code":
                    kinds[index] = (_is_test(cell), _is_locked(cell), _source(cell))
            return kinds
        last: dict[str, int] = {}
        for index, cell in enumerate(self.nb.cells):
            grade_id = _nbgrader(cell).get("grade_id")
            if self.truth.get(grade_id) is not None:
                last[grade_id] = index
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type != "code":
                continue
            meta = _nbgrader(cell)
            known = self.truth.get(meta.get("grade_id"))
            if known is None or last.get(known.name) != index or known.cell_type != "code":
                kinds[index] = (False, False, _source(cell))
            elif known.locked or known.is_test:
                kinds[index] = (known.is_test, known.locked, known.source)
            else:
                kinds[index] = (False, False, _source(cell))
        return kinds

    def run(self) -> ExecutionReport:
        cells = self.nb.cells
        count = 0
        locked_sources: list[str] = []
        kinds = self.classify()
        try:
            for index, cell in enumerate(cells):
                if cell.cell_type != "code":
                    continue
                is_test, is_locked, source = kinds[index]
                if not source.strip():
                    cell.outputs = []
                    continue
                if self.gave_up_reason or time.monotonic() >= self.deadline:
                    self.gave_up_reason = (
                        self.gave_up_reason or "hocso: the notebook's time limit was reached"
                    )
                    cell.execution_count = None
                    self.finish_cell(
                        cell, [_trusted.error_output("GradingStopped", self.gave_up_reason)]
                    )
                    continue
                count += 1
                cell.execution_count = count
                meta = _nbgrader(cell)
                grade_id = str(meta.get("grade_id", f"cell-{index}"))
                try:
                    if is_test and self.options.trusted_checks:
                        imports = _trusted.trusted_imports(locked_sources)
                        names = _trusted.imported_names(imports)
                        plan = _trusted.analyze_test_cell(source, names)
                        if isinstance(plan, _trusted.CellPlan):
                            self.trusted.append(grade_id)
                            outputs = self.run_trusted(index, plan, imports, count)
                        else:
                            self.untrusted.append((grade_id, plan.reasons))
                            outputs = self.run_in_child(index, cell, count, source)
                    else:
                        outputs = self.run_in_child(index, cell, count, source)
                except _GiveUp as stop:
                    outputs = [_trusted.error_output("GradingStopped", str(stop))]
                self.finish_cell(cell, outputs)
                if is_locked:
                    locked_sources.append(source)
        finally:
            self.close()
        return ExecutionReport(
            sandbox=self.report or SandboxReport(degraded=("no child was started",)),
            seconds=time.monotonic() - self.start,
            restarts=self.restarts,
            crashed_cells=tuple(self.crashed),
            timed_out_cells=tuple(self.timed_out),
            trusted_cells=tuple(self.trusted),
            untrusted_cells=tuple(self.untrusted),
            gave_up=self.gave_up_reason is not None,
            output_capped=self.output_capped,
            cell_kinds_from="notebook metadata" if self.truth is None else "gradebook",
        )


def execute_notebook(
    nb: Any,
    *,
    files_dir: str,
    zygote: Zygote,
    workdir_name: str = "work",
    options: ExecutionOptions | None = None,
    truth: NotebookTruth | None = None,
) -> ExecutionReport:
    """Execute ``nb`` (an ``nbformat.NotebookNode``, changed in place) in sandboxed children.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook; code cells get ``outputs`` and ``execution_count``.
    files_dir : str
        Folder whose files (notebooks excluded) are copied into the child's
        working folder, afresh for every child.
    zygote : Zygote
        The started zygote that forks the children.
    workdir_name : str
        Name of the working folder inside the sandbox.
    options : ExecutionOptions, optional
        Limits, sandbox mode and out-of-process checks.
    truth : NotebookTruth, optional
        The gradebook's record of the notebook
        (:func:`grading.core.record.truth_for`): which cells are test
        and locked cells, and their sources. Without it the notebook's own
        metadata decides (only for notebooks no learner could edit).

    Returns
    -------
    ExecutionReport
    """
    run = _Execution(
        nb,
        files_dir=files_dir,
        workdir_name=workdir_name,
        zygote=zygote,
        options=options or ExecutionOptions(),
        truth=truth,
    )
    return run.run()
