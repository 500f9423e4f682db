"""``SandboxedExecute``: the nbgrader preprocessor that replaces ``Execute`` in autograde.

Select it in the course's ``nbgrader_config.py``::

    from grading.executor.preprocessor import AUTOGRADE_PREPROCESSORS, SANITIZE_PREPROCESSORS
    c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
    c.Autograde.sanitize_preprocessors = SANITIZE_PREPROCESSORS  # optional: faster checks
    c.SandboxedExecute.timeout = 60

Stock ``nbgrader autograde``, Formgrader and ``hocso autograde`` then execute
submissions in sandboxed children forked from one warm zygote per process.
``hocso autograde`` also hands its nbgrader runs a :class:`Handoff` (the
``SandboxedExecute.handoff`` setting of the run's own configuration): the
executions it started ahead, in parallel, and a place to leave each report.

Both pipelines are nbgrader's own, with known steps swapped (a test compares
them with stock nbgrader's, so a change in nbgrader's defaults is noticed).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import threading
from concurrent.futures import Future
from typing import Any

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    IgnorePattern,
    LimitOutput,
    NbGraderPreprocessor,
    OverwriteKernelspec,
    SaveAutoGrades,
)
from traitlets import Any as AnyTrait
from traitlets import Bool, Enum, Integer

from grading.core.cells import source
from grading.core.record import truth_for
from grading.core.steps import QuietOverwriteCells
from grading.executor import _zygote
from grading.executor._gradebook import TrustGradebookMetadata
from grading.executor._policy import SANDBOX_MODES, Limits
from grading.executor.engine import ExecutionOptions, ExecutionReport, execute_notebook

__all__ = [
    "AUTOGRADE_PREPROCESSORS",
    "SANITIZE_PREPROCESSORS",
    "FastCheckCellMetadata",
    "Handoff",
    "SandboxedExecute",
    "notebook_key",
]

_LIMITS = Limits()  # the defaults of every limit below


def notebook_key(nb: Any, student: str, assignment: str, notebook: str) -> str:
    """Identity of a sanitised notebook: its cells' types and sources, and whose it is."""
    cells = [(c.cell_type, source(c)) for c in nb.cells]
    payload = json.dumps([student, assignment, notebook, cells], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Handoff:
    """What one autograde batch shares with the ``SandboxedExecute`` steps of its runs.

    ``hocso autograde`` files the executions it starts ahead under
    :func:`notebook_key` (:meth:`put`); the step :meth:`take` s the one of the
    notebook it is given (each resolves to ``(executed notebook, report)``)
    and leaves every report (:meth:`executed`). It travels in the run's
    configuration, ``SandboxedExecute.handoff``; traitlets deep-copies
    configuration values into each configurable, and a handoff is shared, not
    copied.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._futures: dict[str, Future[Any]] = {}
        self._reports: dict[str, list[ExecutionReport]] = {}

    def __deepcopy__(self, memo: dict[int, Any]) -> Handoff:
        return self

    def put(self, key: str, future: Future[Any]) -> None:
        with self._lock:
            self._futures[key] = future

    def take(self, key: str) -> Future[Any] | None:
        """The execution filed under ``key`` (then forgotten), or ``None``."""
        with self._lock:
            return self._futures.pop(key, None)

    def pending(self) -> int:
        """Executions filed and not taken."""
        with self._lock:
            return len(self._futures)

    def discard(self) -> None:
        """Forget the executions nobody took."""
        with self._lock:
            self._futures.clear()

    def executed(self, student: str, report: ExecutionReport) -> None:
        with self._lock:
            self._reports.setdefault(student, []).append(report)

    def reports(self, student: str) -> tuple[ExecutionReport, ...]:
        """Reports of ``student``'s notebooks executed so far, in order."""
        with self._lock:
            return tuple(self._reports.get(student, ()))


class SandboxedExecute(NbGraderPreprocessor):
    """Execute the notebook in a sandboxed child (see :mod:`grading.executor`).

    Every limit defaults to :class:`~grading.executor.Limits`'s.
    """

    timeout = Integer(
        None,
        allow_none=True,
        help="Seconds per cell; default: Execute.timeout from the config, "
        f"else {_LIMITS.cell_timeout:g} (nbgrader's default).",
    ).tag(config=True)
    notebook_timeout = Integer(
        int(_LIMITS.notebook_timeout), help="Seconds for the whole notebook."
    ).tag(config=True)
    memory_limit = Integer(
        _LIMITS.memory_bytes, help="RLIMIT_AS of the learner's process, bytes."
    ).tag(config=True)
    cpu_limit = Integer(
        _LIMITS.cpu_seconds, help="RLIMIT_CPU of the learner's process, seconds."
    ).tag(config=True)
    max_restarts = Integer(
        _LIMITS.max_restarts, help="Fresh children after crashes before giving up."
    ).tag(config=True)
    stream_limit = Integer(_LIMITS.stream_bytes, help="Bytes of stdout/stderr kept per cell.").tag(
        config=True
    )
    notebook_output_limit = Integer(
        _LIMITS.notebook_output_bytes, help="Bytes of outputs kept per notebook."
    ).tag(config=True)
    sandbox = Enum(
        SANDBOX_MODES,
        "auto",
        help="auto: isolate as far as the machine allows and say what is missing; "
        "require: refuse to grade without the full sandbox; off: no namespaces.",
    ).tag(config=True)
    trusted_checks = Bool(
        True, help="Check expect(...) test cells out of the learner's process."
    ).tag(config=True)
    handoff = AnyTrait(
        None,
        allow_none=True,
        help="A Handoff from the autograde batch driving this run (set by hocso autograde).",
    ).tag(config=True)

    def options(self) -> ExecutionOptions:
        default = int(_LIMITS.cell_timeout)
        timeout = self.timeout
        if timeout is None:
            timeout = (
                self.config.get("Execute", {}).get("timeout", default) if self.config else None
            )
        limits = Limits(
            cell_timeout=float(timeout or default),
            notebook_timeout=float(self.notebook_timeout),
            memory_bytes=int(self.memory_limit),
            cpu_seconds=int(self.cpu_limit),
            max_restarts=int(self.max_restarts),
            stream_bytes=int(self.stream_limit),
            notebook_output_bytes=int(self.notebook_output_limit),
        )
        env = (("HOCSO_LANG", os.environ["HOCSO_LANG"]),) if "HOCSO_LANG" in os.environ else ()
        return ExecutionOptions(
            limits=limits, sandbox=self.sandbox, trusted_checks=self.trusted_checks, env=env
        )

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        info = resources.get("nbgrader", {})
        assignment = str(info.get("assignment") or "work")
        student = str(info.get("student"))
        handoff: Handoff | None = self.handoff
        key = notebook_key(nb, student, assignment, str(info.get("notebook")))
        future = handoff.take(key) if handoff is not None else None
        report: ExecutionReport | None = None
        if future is not None:
            try:
                executed, report = future.result()
            except Exception as error:  # fall back to executing here
                if getattr(error, "final", False):  # a cluster gave up on it: this run fails
                    raise
                self.log.warning("prefetched execution failed (%s); executing again", error)
            else:
                for cell, done in zip(nb.cells, executed.cells, strict=True):
                    if cell.cell_type == "code":
                        cell.outputs = done.outputs
                        cell.execution_count = done.execution_count
        if report is None:
            path = resources.get("metadata", {}).get("path") or os.getcwd()
            truth = None
            if info.get("db_url"):  # hocso: cell kinds from the gradebook, not the notebook
                truth = truth_for(info["db_url"], assignment, str(info.get("notebook")))
            report = execute_notebook(
                nb,
                files_dir=path,
                zygote=_zygote.shared(),
                workdir_name=assignment,
                options=self.options(),
                truth=truth,
            )
        self._log_report(info, report)
        resources.setdefault("nbgrader", {})["executor"] = report
        if handoff is not None:
            handoff.executed(student, report)
        return nb, resources

    def _log_report(self, info: dict[str, Any], report: ExecutionReport) -> None:
        who = f"{info.get('student')}/{info.get('assignment')}/{info.get('notebook')}"
        if report.sandbox.degraded:
            self.log.warning("%s: sandbox degraded: %s", who, "; ".join(report.sandbox.degraded))
        if report.restarts:
            self.log.warning("%s: %d restart(s) after crashes in cells %s", who, report.restarts,
                             list(report.crashed_cells))  # fmt: skip
        for grade_id, reasons in report.untrusted_cells:
            self.log.warning("%s: test cell %s ran in the learner's process: %s", who, grade_id,
                             "; ".join(reasons))  # fmt: skip
        self.log.info("%s executed in %.2f s", who, report.seconds)

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        return cell, resources


class FastCheckCellMetadata(CheckCellMetadata):
    """nbgrader's ``CheckCellMetadata`` with its JSON schema compiled once, not once per cell.

    Same checks, same errors: stock validation calls ``jsonschema.validate``,
    which re-checks the schema itself for every cell (most of its cost).
    """

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        import traceback

        from nbgrader.nbgraderformat import ValidationError

        try:
            _fast_validator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources


_VALIDATOR: dict[str, Any] = {}
#: best_match's verdict (None: valid) per distinct nbgrader metadata, as JSON
_VERDICTS: dict[str, Any] = {}
_VERDICTS_LOCK = threading.Lock()
_UNSEEN = object()


def _fast_validator() -> Any:
    if "v" not in _VALIDATOR:
        import jsonschema
        from nbgrader.nbgraderformat import MetadataValidator, SchemaTooNewError, SchemaTooOldError
        from nbgrader.nbgraderformat.common import BaseMetadataValidator

        class _CompiledSchema(BaseMetadataValidator):
            """The base check (schema version, then the JSON schema), compiled once; the
            version's own checks (ids, points, markdown cells) run after it unchanged."""

            def validate_cell(self, cell: Any) -> None:
                if "nbgrader" not in cell.metadata:
                    return
                schema = cell.metadata["nbgrader"].get("schema_version", 0)
                if schema < self.schema_version:
                    raise SchemaTooOldError(
                        f"Outdated schema version: {schema} (expected {self.schema_version})",
                        schema, self.schema_version,
                    )  # fmt: skip
                if schema > self.schema_version:
                    raise SchemaTooNewError(
                        f"Schema version is too new: {schema} (expected {self.schema_version})",
                        schema, self.schema_version,
                    )  # fmt: skip
                # The gradebook's record rewrote these cells: all learners' copies carry
                # the same few metadata dicts, so each distinct one is checked once.
                key = json.dumps(cell.metadata["nbgrader"], sort_keys=True, default=repr)
                with _VERDICTS_LOCK:
                    known = _VERDICTS.get(key, _UNSEEN)
                if known is _UNSEEN:
                    known = jsonschema.exceptions.best_match(
                        self._compiled.iter_errors(cell.metadata["nbgrader"])
                    )
                    with _VERDICTS_LOCK:
                        _VERDICTS[key] = known
                        while len(_VERDICTS) > 1024:
                            _VERDICTS.pop(next(iter(_VERDICTS)))
                if known is not None:
                    raise copy.copy(known)  # a fresh one: a raised instance keeps its traceback

        class _Validator(MetadataValidator, _CompiledSchema):
            """nbgrader's current validator whose ``super().validate_cell`` is the compiled one."""

        validator = _Validator()
        cls = jsonschema.validators.validator_for(validator.schema)
        cls.check_schema(validator.schema)
        validator._compiled = cls(validator.schema)
        _VALIDATOR["v"] = validator
    return _VALIDATOR["v"]


#: nbgrader's autograde pipeline with ``Execute`` replaced by :class:`SandboxedExecute`.
AUTOGRADE_PREPROCESSORS = [
    SandboxedExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    FastCheckCellMetadata,
]

#: nbgrader's sanitising pipeline with ``OverwriteCells`` quiet about honest test cells
#: (:class:`grading.core.steps.QuietOverwriteCells`) and metadata validated with a compiled
#: schema: the one list, for ``hocso autograde`` and plain ``nbgrader autograde`` alike.
SANITIZE_PREPROCESSORS = [
    TrustGradebookMetadata,  # hocso: nbgrader metadata from the gradebook (grading/executor)
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    QuietOverwriteCells,
    FastCheckCellMetadata,
]


def sanitize_steps() -> list[type]:
    """Autograde's first pass: :data:`SANITIZE_PREPROCESSORS`, as a fresh list.

    The one sanitising list, for ``hocso`` and for plain nbgrader with the
    course config alike: nbgrader 0.9's, with
    :class:`grading.core.steps.QuietOverwriteCells` and the metadata check's
    JSON schema compiled once.
    """
    return list(SANITIZE_PREPROCESSORS)
