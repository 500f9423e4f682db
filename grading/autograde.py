"""``hocso autograde``: grade collected submissions, never losing a grade.

For each learner the batch

1. skips a submission already graded, unless it changed or ``force`` is set
   (so running it twice gives the same gradebook);
2. refuses, alone and with a clear reason, a notebook that is not valid JSON;
3. remembers every manual grade of the learner's previous grading;
4. runs the **execution step**, :func:`run_nbgrader_autograde` by default:
   stock nbgrader ``Autograde`` (deleted test cells are put back, edited locked
   cells replaced by the original, cells executed, grades saved). It is the one
   function a faster executor replaces (``autograde(..., execute=...)``; only the
   default step is executed ahead in parallel, see below);
5. puts back the "needs manual grading" flags nbgrader raises again on every
   manually graded cell of a re-graded, unchanged submission (the manual scores
   themselves nbgrader keeps);
6. names the locked cells the learner edited or deleted, and records why a
   submission failed in ``.hocso/autograde.json``.

A failure is reported in its row; the batch always goes on.

Steps 1–2 are decided for every learner first. When the course config runs
autograde with the sandboxed executor (:class:`grading.executor.SandboxedExecute`)
and ``workers`` > 1, the submissions that will be executed are then executed
ahead, in parallel (:func:`grading.executor.batch.prefetch`), while steps 3–6
run learner by learner in this process, which alone saves grades: each
nbgrader run finds its execution done. With stock ``Execute`` the batch is serial.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from grading._engines import batch_gradebook
from grading._ledger import LedgerEntry, read_ledger, record
from grading._progress import progress
from grading._times import read_timestamp
from grading.attempts import store_attempts
from grading.cohort import Cohort, open_cohort, quiet_nbgrader
from grading.errors import CohortError

if TYPE_CHECKING:  # pragma: no cover
    from nbgrader.apps import NbGraderAPI

__all__ = [
    "AutogradeResult",
    "Execution",
    "SubmissionGrade",
    "autograde",
    "inspect_submission",
    "run_nbgrader_autograde",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Execution:
    """What the execution step reports for one submission."""

    ok: bool
    log: str = ""
    error: str = ""


@dataclass(frozen=True)
class SubmissionGrade:
    """One learner's submission after ``autograde``."""

    learner: str
    status: str  # "graded", "unchanged" or "failed"
    score: float
    max_score: float
    needs_manual: bool = False
    late: bool = False
    restored: tuple[str, ...] = field(default=())  # deleted test cells put back
    tampered: tuple[str, ...] = field(default=())  # edited locked cells replaced
    reason: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class AutogradeResult:
    assignment: str
    rows: tuple[SubmissionGrade, ...]

    @property
    def failed(self) -> tuple[SubmissionGrade, ...]:
        return tuple(r for r in self.rows if r.status == "failed")

    @property
    def executed(self) -> tuple[SubmissionGrade, ...]:
        """Submissions that went through the execution step (graded, or failed in it)."""
        return tuple(r for r in self.rows if r.seconds > 0)


Execute = Callable[["NbGraderAPI", str, str], Execution]


def run_nbgrader_autograde(api: NbGraderAPI, assignment: str, learner: str) -> Execution:
    """Execute and score one submission with stock nbgrader ``Autograde``.

    Grades are saved to the gradebook by nbgrader, in this process.
    """
    with quiet_nbgrader():
        outcome = api.autograde(assignment, learner, force=True, create=True)
    return Execution(
        ok=bool(outcome.get("success")),
        log=outcome.get("log") or "",
        error=outcome.get("error") or "",
    )


_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit))(?::\s*(.*))?$")
_KNOWN = {
    "CellTimeoutError": "a cell ran longer than the time limit ({timeout} s): an endless loop?",
    "DeadKernelError": "the Python kernel died while running the notebook (out of memory?)",
    "UnresponsiveKernelError": "the kernel stopped answering (an endless loop eating memory?)",
}


def _reason(execution: Execution, timeout: int) -> str:
    """The most telling line of a failed nbgrader run."""
    text = f"{execution.log}\n{execution.error}"
    found = [m for line in text.splitlines() if (m := _EXCEPTION_LINE.match(line.strip()))]
    useful = [m for m in found if not m.group(1).endswith("NbGraderException")]
    for match in reversed(useful):
        name = match.group(1).rsplit(".", 1)[-1]
        if name in _KNOWN:
            return _KNOWN[name].format(timeout=timeout)
    if useful:
        match = useful[-1]
        return f"{match.group(1).rsplit('.', 1)[-1]}: {match.group(2) or ''}".strip(": ")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return f"nbgrader failed: {lines[-1] if lines else 'no log'}"


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def inspect_submission(
    cohort: Cohort, assignment: str, learner: str
) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """``(restored, tampered, problem)`` of a collected submission, before grading.

    ``restored``: graded test cells the learner deleted (nbgrader puts them back);
    ``tampered``: locked cells the learner edited (nbgrader restores the original);
    ``problem``: why the submission cannot be graded at all, or ``""``.
    """
    from grading._steps import same_source, strip_hidden
    from grading.selfcheck import strip_self_checks

    folder = cohort.folder("submitted", learner, assignment)
    restored: list[str] = []
    tampered: list[str] = []
    with cohort.gradebook() as gradebook:
        notebooks = {
            nb.name: (
                [(c.name, c.source) for c in nb.source_cells if c.locked],
                {c.name for c in nb.grade_cells if c.cell_type == "code"},
            )
            for nb in gradebook.find_assignment(assignment).notebooks
        }
    present = [name for name in notebooks if (folder / f"{name}.ipynb").is_file()]
    if not present:
        found = ", ".join(sorted(p.name for p in folder.iterdir())) or "nothing"
        expected = ", ".join(f"{name}.ipynb" for name in sorted(notebooks))
        return (
            (),
            (),
            f"no notebook of {assignment} in the submission (expected {expected}; found {found})",
        )
    for name in sorted(present):
        path = folder / f"{name}.ipynb"
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
            cells = nb["cells"]
        except UnicodeDecodeError:
            return (), (), f"{path.name} is not a text file; ask {learner} to submit again"
        except json.JSONDecodeError as exc:
            return (
                (),
                (),
                (
                    f"{path.name} is not a valid notebook (broken JSON at line {exc.lineno}, "
                    f"column {exc.colno}); ask {learner} to submit again"
                ),
            )
        except (KeyError, TypeError):
            return (
                (),
                (),
                f"{path.name} is JSON but not a notebook (no cells); ask {learner} to submit again",
            )
        by_id = {
            cell.get("metadata", {}).get("nbgrader", {}).get("grade_id"): cell
            for cell in cells
            if isinstance(cell, dict)
        }
        locked_cells, graded_code = notebooks[name]
        for grade_id, source in locked_cells:
            cell = by_id.get(grade_id)
            if cell is None:
                if grade_id in graded_code:
                    restored.append(grade_id)
            elif not (
                same_source(strip_self_checks(_source(cell)), strip_hidden(source))
                or same_source(_source(cell), source)
            ):
                tampered.append(grade_id)
    return tuple(restored), tuple(tampered), ""


def _manual_state(
    cohort: Cohort, assignment: str, learner: str
) -> dict[tuple[str, str], tuple[float | None, bool]]:
    """``{(notebook, cell): (manual_score, needs_manual_grade)}`` of graded cells."""
    from nbgrader.api import MissingEntry

    state = {}
    with cohort.gradebook() as gradebook:
        try:
            submission = gradebook.find_submission(assignment, learner)
        except MissingEntry:
            return {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                state[notebook.name, grade.name] = (grade.manual_score, grade.needs_manual_grade)
    return state


def _restore_manual(
    cohort: Cohort,
    assignment: str,
    learner: str,
    before: dict[tuple[str, str], tuple[float | None, bool]],
    same_submission: bool,
) -> None:
    """Manual scores stay as they were; on an unchanged submission, so does their review flag."""
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gradebook:
        try:
            submission = gradebook.find_submission(assignment, learner)
        except MissingEntry:
            return
        changed = False
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                manual, flag = before.get((notebook.name, grade.name), (None, True))
                if manual is None:
                    continue
                if grade.manual_score != manual:
                    grade.manual_score = manual
                    changed = True
                if same_submission and grade.needs_manual_grade != flag:
                    grade.needs_manual_grade = flag
                    changed = True
        if changed:
            gradebook.db.commit()


def _scores(cohort: Cohort, assignment: str, learner: str) -> tuple[float, float, bool, bool]:
    """``(score, max_score, needs_manual, late)`` from the gradebook (zero when absent)."""
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gradebook:
        try:
            submission = gradebook.find_submission(assignment, learner)
        except MissingEntry:
            return 0.0, float(gradebook.find_assignment(assignment).max_score), False, False
        penalty = sum(nb.late_submission_penalty or 0.0 for nb in submission.notebooks)
        return (
            float(submission.score) - penalty,
            float(submission.max_score),
            bool(submission.needs_manual_grade),
            submission.total_seconds_late > 0,
        )


def _already_graded(
    cohort: Cohort, assignment: str, learner: str, entry: LedgerEntry | None
) -> bool:
    submitted = cohort.folder("submitted", learner, assignment)
    graded = cohort.folder("autograded", learner, assignment)
    if entry is None or entry.status != "graded" or not graded.is_dir():
        return False
    if read_timestamp(submitted) != read_timestamp(graded):
        return False
    newest_submitted = max((p.stat().st_mtime for p in submitted.glob("*.ipynb")), default=0.0)
    oldest_graded = min((p.stat().st_mtime for p in graded.glob("*.ipynb")), default=0.0)
    return oldest_graded >= newest_submitted


@dataclass(frozen=True)
class _Planned:
    """A submission that goes through the execution step."""

    learner: str
    stamp: str | None  # its timestamp.txt
    entry: LedgerEntry | None  # its previous autograde
    restored: tuple[str, ...]
    tampered: tuple[str, ...]


def _plan(
    cohort: Cohort, assignment: str, learner: str, *, force: bool
) -> SubmissionGrade | _Planned:
    """Steps 1–2: the row of a submission that is skipped or refused, else what to execute."""
    entry = read_ledger(cohort.state_dir).get(assignment, {}).get(learner)
    submitted = cohort.folder("submitted", learner, assignment)
    if not submitted.is_dir():
        return SubmissionGrade(
            learner,
            "failed",
            0.0,
            0.0,
            reason=f"nothing collected: run `hocso collect {assignment}`",
        )
    stamp_text = None
    if (submitted / "timestamp.txt").is_file():
        stamp_text = (submitted / "timestamp.txt").read_text(encoding="utf-8").strip() or None
    if not force and entry is not None and _already_graded(cohort, assignment, learner, entry):
        score, top, manual, late = _scores(cohort, assignment, learner)
        return SubmissionGrade(
            learner, "unchanged", score, top, manual, late, entry.restored, entry.tampered
        )
    restored, tampered, problem = inspect_submission(cohort, assignment, learner)
    if problem:
        record(cohort.state_dir, assignment, learner, LedgerEntry("failed", stamp_text, problem))
        score, top, _, late = _scores(cohort, assignment, learner)
        return SubmissionGrade(learner, "failed", score, top, late=late, reason=problem)
    return _Planned(learner, stamp_text, entry, restored, tampered)


def _grade_one(
    cohort: Cohort,
    api: NbGraderAPI,
    assignment: str,
    planned: _Planned,
    *,
    execute: Execute,
) -> SubmissionGrade:
    """Steps 3–6 for one submission."""
    learner, stamp_text = planned.learner, planned.stamp
    restored, tampered = planned.restored, planned.tampered
    before = _manual_state(cohort, assignment, learner)
    same = planned.entry is not None and planned.entry.timestamp == stamp_text
    started = time.perf_counter()
    execution = execute(api, assignment, learner)
    seconds = time.perf_counter() - started
    _restore_manual(cohort, assignment, learner, before, same)
    # the learner's attempt log, kept for the progress view (never used for grades)
    store_attempts(cohort, assignment, learner, cohort.folder("submitted", learner, assignment))
    score, top, manual, late = _scores(cohort, assignment, learner)
    if not execution.ok:
        reason = _reason(execution, cohort.timeout)
        record(cohort.state_dir, assignment, learner, LedgerEntry("failed", stamp_text, reason))
        return SubmissionGrade(
            learner, "failed", score, top, manual, late, restored, tampered, reason, seconds
        )
    record(
        cohort.state_dir,
        assignment,
        learner,
        LedgerEntry("graded", stamp_text, "", restored, tampered),
    )
    return SubmissionGrade(
        learner, "graded", score, top, manual, late, restored, tampered, seconds=seconds
    )


def _crashed(learner: str, exc: Exception) -> SubmissionGrade:
    return SubmissionGrade(learner, "failed", 0.0, 0.0, reason=f"{type(exc).__name__}: {exc}")


@contextlib.contextmanager
def _executing_ahead(
    cohort: Cohort, assignment: str, learners: list[str], workers: int, execute: Execute
) -> Iterator[Callable[[str], None]]:
    """Parallel execution of ``learners``' submissions, when the course runs the sandbox.

    Yields ``reach(learner)``, to call before grading each of them in order.
    """
    if execute is not run_nbgrader_autograde or workers < 2 or len(learners) < 2:
        yield lambda _learner: None
        return
    from grading.executor.batch import prefetch, selects_sandbox

    config = cohort.config()
    if not selects_sandbox(config):  # stock Execute: one kernel per notebook, serial
        yield lambda _learner: None
        return
    with contextlib.ExitStack() as stack:
        try:
            started = stack.enter_context(
                prefetch(
                    cohort.course,
                    assignment,
                    learners,
                    config=config,
                    workers=workers,
                    ahead=4 * workers,
                )
            )
        except Exception as exc:  # e.g. no zygote: nbgrader executes each one itself, or says why
            log.warning("executing one submission at a time: %s: %s", type(exc).__name__, exc)
            yield lambda _learner: None
            return
        yield started.reach


def autograde(
    assignment: str,
    *,
    cohort: Cohort | None = None,
    learners: Iterable[str] | None = None,
    force: bool = False,
    execute: Execute = run_nbgrader_autograde,
    workers: int | None = None,
) -> AutogradeResult:
    """Autograde the collected submissions of ``assignment`` (or of ``learners`` only).

    Submissions already graded and unchanged since are skipped unless
    ``force``. Manual grades are never lost. A submission that cannot be graded
    is a ``"failed"`` row with its reason; the others are still graded.
    With the sandboxed executor in the course config, up to ``workers``
    submissions (default: the number of CPUs) execute at once; grades are
    still saved one submission at a time, by this process.

    Raises
    ------
    CohortError
        If the assignment is not in the gradebook (release it first).
    """
    cohort = cohort or open_cohort()
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            raise CohortError(
                f"{assignment} is not in the gradebook {cohort.db_url}: "
                f"run `hocso release {assignment}` first"
            ) from None
    wanted = (
        sorted(set(learners))
        if learners is not None
        else cohort.learners_in("submitted", assignment)
    )
    workers = max(1, workers or os.cpu_count() or 1)
    plans: list[SubmissionGrade | _Planned] = []
    for learner in progress(wanted, desc=f"check {assignment}", total=len(wanted)):
        try:
            plans.append(_plan(cohort, assignment, learner, force=force))
        except Exception as exc:  # one broken submission never stops the batch
            plans.append(_crashed(learner, exc))
    to_execute = [p.learner for p in plans if isinstance(p, _Planned)]
    api = cohort.api()
    rows = []
    with (
        batch_gradebook(cohort.db_url),
        _executing_ahead(cohort, assignment, to_execute, workers, execute) as reach,
    ):
        for plan in progress(plans, desc=f"autograde {assignment}", total=len(plans)):
            if isinstance(plan, SubmissionGrade):
                rows.append(plan)
                continue
            try:
                reach(plan.learner)
                row = _grade_one(cohort, api, assignment, plan, execute=execute)
            except Exception as exc:  # one broken submission never stops the batch
                row = _crashed(plan.learner, exc)
            rows.append(row)
    return AutogradeResult(assignment, tuple(rows))
