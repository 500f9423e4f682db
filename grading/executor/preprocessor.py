"""``SandboxedExecute``: the nbgrader preprocessor that replaces ``Execute`` in autograde.

Select it in the course's ``nbgrader_config.py``::

    from grading.executor.preprocessor import AUTOGRADE_PREPROCESSORS, SANITIZE_PREPROCESSORS
    c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
    c.Autograde.sanitize_preprocessors = SANITIZE_PREPROCESSORS  # optional: faster checks
    c.SandboxedExecute.timeout = 60

Stock ``nbgrader autograde``, Formgrader and ``hocso autograde`` then execute
submissions in sandboxed children forked from one warm zygote per process.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import threading
from collections.abc import Callable
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
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)
from traitlets import Bool, Enum, Integer

from grading.executor._gradebook import TrustGradebookMetadata, truth_for
from grading.executor._policy import SANDBOX_MODES, Limits
from grading.executor._zygote import Zygote
from grading.executor.engine import ExecutionOptions, ExecutionReport, execute_notebook

__all__ = [
    "AUTOGRADE_PREPROCESSORS",
    "SANITIZE_PREPROCESSORS",
    "FastCheckCellMetadata",
    "SandboxedExecute",
    "notebook_key",
    "shared_zygote",
]

_SHARED: dict[str, Zygote] = {}
_SHARED_LOCK = threading.Lock()

#: Executions started ahead of nbgrader's pipeline by :func:`grading.executor.batch.prefetch`,
#: keyed by :func:`notebook_key`; each resolves to ``(executed notebook, report)``.
PREFETCHED: dict[str, Future[Any]] = {}
#: Called with ``(resources, report)`` after each notebook (the batch driver counts them).
ON_EXECUTED: list[Callable[[dict[str, Any], ExecutionReport], None]] = []


def shared_zygote() -> Zygote:
    """The process-wide zygote, started on first use and stopped at exit."""
    with _SHARED_LOCK:
        zygote = _SHARED.get("zygote")
        if zygote is None:
            zygote = Zygote()
            zygote.start()
            _SHARED["zygote"] = zygote
            atexit.register(zygote.close)
        return zygote


def notebook_key(nb: Any, student: str, assignment: str, notebook: str) -> str:
    """Identity of a sanitised notebook: its cells' types and sources, and whose it is."""
    cells = [
        (c.cell_type, c.source if isinstance(c.source, str) else "".join(c.source))
        for c in nb.cells
    ]
    payload = json.dumps([student, assignment, notebook, cells], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class SandboxedExecute(NbGraderPreprocessor):
    """Execute the notebook in a sandboxed child (see :mod:`grading.executor`)."""

    timeout = Integer(
        None,
        allow_none=True,
        help="Seconds per cell; default: Execute.timeout from the config, else 30.",
    ).tag(config=True)
    notebook_timeout = Integer(600, help="Seconds for the whole notebook.").tag(config=True)
    memory_limit = Integer(2 << 30, help="RLIMIT_AS of the learner's process, bytes.").tag(
        config=True
    )
    cpu_limit = Integer(600, help="RLIMIT_CPU of the learner's process, seconds.").tag(config=True)
    max_restarts = Integer(3, help="Fresh children after crashes before giving up.").tag(
        config=True
    )
    stream_limit = Integer(256 << 10, help="Bytes of stdout/stderr kept per cell.").tag(config=True)
    notebook_output_limit = Integer(8 << 20, help="Bytes of outputs kept per notebook.").tag(
        config=True
    )
    sandbox = Enum(
        SANDBOX_MODES,
        "auto",
        help="auto: isolate as far as the machine allows and say what is missing; "
        "require: refuse to grade without the full sandbox; off: no namespaces.",
    ).tag(config=True)
    trusted_checks = Bool(
        True, help="Check expect(...) test cells out of the learner's process."
    ).tag(config=True)

    def options(self) -> ExecutionOptions:
        timeout = self.timeout
        if timeout is None:
            timeout = self.config.get("Execute", {}).get("timeout", 30) if self.config else 30
        limits = Limits(
            cell_timeout=float(timeout or 30),
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
        key = notebook_key(nb, str(info.get("student")), assignment, str(info.get("notebook")))
        future = PREFETCHED.pop(key, None)
        report: ExecutionReport | None = None
        if future is not None:
            try:
                executed, report = future.result()
            except Exception as error:  # fall back to executing here
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
                zygote=shared_zygote(),
                workdir_name=assignment,
                options=self.options(),
                truth=truth,
            )
        self._log_report(info, report)
        resources.setdefault("nbgrader", {})["executor"] = report
        for callback in list(ON_EXECUTED):
            callback(resources, report)
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


def _fast_validator() -> Any:
    if "v" not in _VALIDATOR:
        import jsonschema
        from nbgrader.nbgraderformat import MetadataValidator, SchemaTooNewError, SchemaTooOldError

        class _Validator(MetadataValidator):
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
                error = jsonschema.exceptions.best_match(
                    self._compiled.iter_errors(cell.metadata["nbgrader"])
                )
                if error is not None:
                    raise error

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

#: nbgrader's sanitising pipeline, metadata validated with a compiled schema.
SANITIZE_PREPROCESSORS = [
    TrustGradebookMetadata,  # hocso: nbgrader metadata from the gradebook (grading/executor)
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    FastCheckCellMetadata,
]
