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

Steps 1–2 are decided for every learner first. With ``parallel`` (the
default), ``workers`` > 1 and a course config that runs autograde with the
sandboxed executor (:class:`grading.executor.SandboxedExecute`), the
submissions that will be executed are then executed ahead, in parallel
(:func:`grading.executor.batch.prefetch`), while steps 3–6 run learner by
learner in this process, which alone saves grades. The executions reach
nbgrader's runs explicitly: the batch's
:class:`~grading.executor.preprocessor.Handoff` is part of the configuration
of the ``NbGraderAPI`` every execution step is given, so an injected step that
runs nbgrader finds its execution done just as the default one does. With
stock ``Execute`` the batch is serial.

This is the one autograde driver: the Python API, ``hocso autograde`` and
``hocso demo`` all run it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grading.classroom.cohort import Cohort, open_cohort
from grading.classroom.database import redact_url
from grading.classroom.engines import batch_gradebook
from grading.classroom.ledger import LedgerEntry, read_ledger, record, record_many
from grading.classroom.running import Tracker
from grading.core import cells
from grading.core.defaults import default_workers
from grading.core.errors import CohortError
from grading.core.messages import say
from grading.core.nbgrader_env import quiet_nbgrader
from grading.core.progressbar import progress
from grading.core.safety import terminal_safe
from grading.core.times import read_timestamp
from grading.progress.attempts import store_attempts

if TYPE_CHECKING:  # pragma: no cover
    from nbgrader.apps import NbGraderAPI

    from grading.core.record import NotebookTruth
    from grading.executor._policy import SandboxReport
    from grading.executor.engine import ExecutionReport
    from grading.executor.preprocessor import Handoff

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
    # what the sandboxed executor reported (``None``/empty under stock ``Execute``)
    sandbox: SandboxReport | None = None
    restarts: int = 0  # fresh children forked after crashes
    untrusted_cells: tuple[str, ...] = field(default=())  # tests run in the learner's process
    after_solutions: bool = False  # handed in after the worked solution was released


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


def _not_regular(folder: Path) -> str:
    """Why ``folder`` must not be graded (a link, FIFO, device, hard link inside), or ``""``.

    Collect copies regular files only; a folder put into ``submitted/`` by hand
    (from a USB stick, with ``cp -r``, which keeps links) is checked here, so a
    link to a trainer file (the gradebook) never reaches ``autograded/`` or ``feedback/``.
    """
    from grading.core.files import scan_folder

    for path in (folder.parent, folder):
        if path.is_symlink():
            return (
                f"{terminal_safe(path.name)} in submitted/ is a symbolic link: only regular "
                "folders and files are graded; nothing of it was graded"
            )
    scan = scan_folder(folder)
    if not scan.refused and not scan.skipped:
        return ""
    what = terminal_safe(scan.refused or "; ".join(scan.skipped))
    return (
        f"the submission holds {what}: only regular files are graded. A copy from a USB "
        "stick or with `cp -r` keeps links: copy the learner's files again without them, "
        "or have the learner submit through the exchange; nothing of it was graded"
    )


def inspect_submission(
    cohort: Cohort,
    assignment: str,
    learner: str,
    *,
    delimiters: cells.Delimiters | None = None,
    gradebook_record: AssignmentRecord | None = None,
) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """``(restored, tampered, problem)`` of a collected submission, before grading.

    Each notebook is judged against the gradebook's record by
    :func:`grading.core.record.judge` (the rule the grading pipeline applies too):
    ``restored``: graded test cells the learner deleted (nbgrader puts them back);
    ``tampered``: locked cells the learner edited (nbgrader restores the
    original) and cells whose nbgrader metadata was forged (see
    :attr:`grading.core.record.Judgement.tampered`);
    ``problem``: why the submission cannot be graded at all, or ``""``.
    ``delimiters`` default to the course's (:meth:`grading.core.course.Course.delimiters`);
    ``gradebook_record`` to :func:`assignment_record` (a batch reads it once, for every learner).
    """
    from grading.core.record import judge, released_sources

    delimiters = delimiters or cohort.course.delimiters()
    folder = cohort.folder("submitted", learner, assignment)
    unsafe = _not_regular(folder)
    if unsafe:
        return (), (), unsafe
    truths = (
        gradebook_record if gradebook_record is not None else assignment_record(cohort, assignment)
    )
    present = [name for name in truths if (folder / f"{name}.ipynb").is_file()]
    if not present:
        found = ", ".join(sorted(p.name for p in folder.iterdir())) or "nothing"
        expected = ", ".join(f"{name}.ipynb" for name in sorted(truths))
        return (
            (),
            (),
            f"no notebook of {assignment} in the submission (expected {expected}; found {found})",
        )
    restored: list[str] = []
    tampered: list[str] = []
    for name in sorted(present):
        path = folder / f"{name}.ipynb"
        submitted, problem = _read_cells(path, learner)
        if problem:
            return (), (), problem
        given = released_sources(cohort.course.release_dir / assignment / f"{name}.ipynb")
        judgement = judge(submitted, truths[name], given, delimiters)
        restored += judgement.restored
        tampered += judgement.tampered
    return tuple(restored), tuple(dict.fromkeys(tampered)), ""


def _read_cells(path: Path, learner: str) -> tuple[list[dict], str]:
    """The cells of a submitted notebook file, or why it cannot be graded."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if not isinstance(found, list):
            raise TypeError(type(found).__name__)
    except UnicodeDecodeError:
        return [], f"{path.name} is not a text file; ask {learner} to submit again"
    except json.JSONDecodeError as exc:
        return [], (
            f"{path.name} is not a valid notebook (broken JSON at line {exc.lineno}, "
            f"column {exc.colno}); ask {learner} to submit again"
        )
    except (KeyError, TypeError):
        return (
            [],
            f"{path.name} is JSON but not a notebook (no cells); ask {learner} to submit again",
        )
    return [cell for cell in found if isinstance(cell, dict)], ""


#: What :func:`inspect_submission` compares a submission with: the gradebook's
#: record of each notebook (:func:`grading.core.record.load_truth`).
AssignmentRecord = dict[str, "NotebookTruth"]


def assignment_record(cohort: Cohort, assignment: str) -> AssignmentRecord:
    """The gradebook's record of ``assignment`` (a batch reads it once, for every learner)."""
    from grading.core.record import load_truth

    with cohort.gradebook() as gradebook:
        return load_truth(gradebook, assignment)


def _manual_state(
    cohort: Cohort, assignment: str, learner: str
) -> dict[tuple[str, str], tuple[float | None, bool]]:
    """``{(notebook, cell): (manual_score, needs_manual_grade)}`` of graded cells."""
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gradebook:
        try:
            submission = gradebook.find_submission(assignment, learner)
        except MissingEntry:
            return {}
        return _manual_of(submission)


def _manual_of(submission: Any) -> dict[tuple[str, str], tuple[float | None, bool]]:
    """``{(notebook, cell): (manual_score, needs_manual_grade)}`` of a ``SubmittedAssignment``."""
    if submission is None:
        return {}
    return {
        (notebook.name, grade.name): (grade.manual_score, grade.needs_manual_grade)
        for notebook in submission.notebooks
        for grade in notebook.grades
    }


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
        if _keep_manual(submission, before, same_submission):
            gradebook.db.commit()


def _keep_manual(
    submission: Any,
    before: dict[tuple[str, str], tuple[float | None, bool]],
    same_submission: bool,
) -> bool:
    """:func:`_restore_manual` on a ``SubmittedAssignment`` of an open session; whether it changed."""
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
    return changed


def _scores(cohort: Cohort, assignment: str, learner: str) -> tuple[float, float, bool, bool]:
    """``(score, max_score, needs_manual, late)`` from the gradebook (zero when absent)."""
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gradebook:
        try:
            submission = gradebook.find_submission(assignment, learner)
        except MissingEntry:
            return 0.0, float(gradebook.find_assignment(assignment).max_score), False, False
        return _scores_of(submission)


def _scores_of(submission: Any) -> tuple[float, float, bool, bool]:
    """``(score, max_score, needs_manual, late)`` of a ``SubmittedAssignment``."""
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
    cohort: Cohort,
    assignment: str,
    learner: str,
    *,
    force: bool,
    delimiters: cells.Delimiters,
    entry: LedgerEntry | None,
    gradebook_record: AssignmentRecord | None = None,
) -> SubmissionGrade | _Planned:
    """Steps 1–2: the row of a submission that is skipped or refused, else what to execute.

    ``entry`` is the learner's previous autograde in the ledger.
    """
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
    restored, tampered, problem = inspect_submission(
        cohort, assignment, learner, delimiters=delimiters, gradebook_record=gradebook_record
    )
    if problem:
        record(cohort.state, assignment, learner, LedgerEntry("failed", stamp_text, problem))
        score, top, _, late = _scores(cohort, assignment, learner)
        return SubmissionGrade(learner, "failed", score, top, late=late, reason=problem)
    return _Planned(learner, stamp_text, entry, restored, tampered)


def _executor_fields(reports: tuple[ExecutionReport, ...]) -> dict[str, Any]:
    """The sandboxed executor's report of one submission's notebooks, for its row."""
    if not reports:
        return {}
    return {
        "sandbox": reports[0].sandbox,
        "restarts": sum(r.restarts for r in reports),
        "untrusted_cells": tuple(g for r in reports for g, _reasons in r.untrusted_cells),
    }


#: What autograde does with a submission handed in after the worked solution went out.
AFTER_SOLUTIONS_POLICIES = ("zero", "keep")


def after_solutions_reason(released: dt.datetime) -> str:
    """The reason recorded beside a submission handed in after the solutions (Vietnamese).

    Examples
    --------
    >>> after_solutions_reason(dt.datetime(2026, 3, 2, 10, 0))
    'nộp sau khi đã phát lời giải (02/03/2026 17:00 +07): 0 điểm phần chấm tự động'
    """
    from grading.core.times import show_time

    return f"nộp sau khi đã phát lời giải ({show_time(released)}): 0 điểm phần chấm tự động"


def _apply_after_solutions(
    cohort: Cohort, assignment: str, learner: str, released: dt.datetime | None, policy: str
) -> bool:
    """Whether the graded submission came after the solutions; with ``"zero"``, its
    autograded points become 0 (written answers graded by a person keep theirs)."""
    from nbgrader.api import MissingEntry

    if released is None:
        return False
    with cohort.gradebook() as gradebook:
        try:
            submission = gradebook.find_submission(assignment, learner)
        except MissingEntry:
            return False
        late = _after_solutions_of(submission, released, policy)
        if late and policy == "zero":
            gradebook.db.commit()
    return late


def _after_solutions_of(submission: Any, released: dt.datetime | None, policy: str) -> bool:
    """:func:`_apply_after_solutions` on a ``SubmittedAssignment`` of an open session."""
    if released is None or submission.timestamp is None or submission.timestamp <= released:
        return False
    if policy == "zero":
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.auto_score is not None:
                    grade.auto_score = 0.0
    return True


def _grade_one(
    cohort: Cohort,
    api: NbGraderAPI,
    assignment: str,
    planned: _Planned,
    *,
    execute: Execute,
    handoff: Handoff | None,
    solutions: dt.datetime | None = None,
    policy: str = "zero",
) -> SubmissionGrade:
    """Steps 3–6 for one submission (and the after-solutions policy)."""
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
    executor = _executor_fields(handoff.reports(learner) if handoff is not None else ())
    if not execution.ok:
        reason = _reason(execution, cohort.timeout)
        record(cohort.state, assignment, learner, LedgerEntry("failed", stamp_text, reason))
        return SubmissionGrade(
            learner, "failed", score, top, manual, late, restored, tampered, reason, seconds,
            **executor,
        )  # fmt: skip
    late_solution = _apply_after_solutions(cohort, assignment, learner, solutions, policy)
    note = _after_solutions_note(late_solution, solutions, policy)
    if late_solution:
        score, top, manual, late = _scores(cohort, assignment, learner)
    record(
        cohort.state,
        assignment,
        learner,
        LedgerEntry("graded", stamp_text, note, restored, tampered),
    )
    return SubmissionGrade(
        learner, "graded", score, top, manual, late, restored, tampered, note, seconds=seconds,
        after_solutions=late_solution, **executor,
    )  # fmt: skip


def _after_solutions_note(late: bool, solutions: dt.datetime | None, policy: str) -> str:
    """The reason beside a graded row handed in after the solutions, or ``""``."""
    if not late or solutions is None:
        return ""
    return after_solutions_reason(solutions) if policy == "zero" else "nộp sau khi đã phát lời giải"


#: Learners whose grades the batched path writes in one gradebook transaction.
COMMIT_EVERY = 25


class _Batched:
    """Steps 3–6 for many submissions: :class:`grading.verbs._batch.BatchGrader`.

    Each learner is graded in memory and written into one gradebook session;
    every :data:`COMMIT_EVERY` learners (and before anything else touches the
    gradebook) the session is committed, and only then are the ledger entries
    written and the rows given out, so a crash never leaves the ledger ahead
    of the gradebook. A learner the batched path cannot grade, and every
    learner of a transaction that fails, is graded by ``per_learner``
    (nbgrader's own run, which redoes all of it).
    """

    def __init__(self, cohort: Cohort, api: Any, assignment: str, record: AssignmentRecord, *,
                 handoff: Handoff | None, solutions: dt.datetime | None, policy: str,
                 per_learner: Callable[[_Planned], SubmissionGrade]) -> None:  # fmt: skip
        from grading.verbs._batch import BatchGrader

        self.cohort, self.assignment, self.handoff = cohort, assignment, handoff
        self.solutions, self.policy, self.per_learner = solutions, policy, per_learner
        self.grader = BatchGrader(api, assignment, record)
        self.pending: list[tuple[_Planned, tuple[float, float, bool, bool], bool, float]] = []

    def close(self) -> None:
        self.grader.close()

    def grade(self, plan: _Planned) -> list[SubmissionGrade]:
        """Rows ready to give out, in order (``plan``'s may come at a later call)."""
        started = time.perf_counter()
        same = plan.entry is not None and plan.entry.timestamp == plan.stamp
        try:
            before = _manual_of(self.grader.submission(plan.learner))
            result = self.grader.grade(plan.learner)
        except Exception as exc:  # nbgrader's own run will meet it too, and say why
            log.info("%s: graded the per-learner way (%s: %s)", plan.learner,
                     type(exc).__name__, exc)  # fmt: skip
            return [*self.flush(), self.per_learner(plan)]
        try:
            submission = self.grader.save(result)
            _keep_manual(submission, before, same)
            late_solution = _after_solutions_of(submission, self.solutions, self.policy)
            scores = _scores_of(self.grader.refresh(submission))
        except Exception as exc:
            return self._redo([*(p for p, *_ in self.pending), plan], exc)
        self.pending.append((plan, scores, late_solution, time.perf_counter() - started))
        return self.flush() if len(self.pending) >= COMMIT_EVERY else []

    def _redo(self, plans: list[_Planned], exc: Exception) -> list[SubmissionGrade]:
        log.warning("gradebook transaction failed (%s: %s); grading %d learner(s) one by one",
                    type(exc).__name__, exc, len(plans))  # fmt: skip
        self.grader.rollback()
        self.pending = []
        return [self.per_learner(p) for p in plans]

    def flush(self) -> list[SubmissionGrade]:
        """Commit the pending learners' grades; their ledger entries and rows."""
        try:
            self.grader.commit()  # also ends a reading transaction before another connection writes
        except Exception as exc:
            return self._redo([p for p, *_ in self.pending], exc)
        rows, entries = [], {}
        for plan, (score, top, manual, late), late_solution, seconds in self.pending:
            note = _after_solutions_note(late_solution, self.solutions, self.policy)
            entries[plan.learner] = LedgerEntry(
                "graded", plan.stamp, note, plan.restored, plan.tampered
            )
            folder = self.cohort.folder("submitted", plan.learner, self.assignment)
            store_attempts(self.cohort, self.assignment, plan.learner, folder)
            executor = _executor_fields(
                self.handoff.reports(plan.learner) if self.handoff is not None else ()
            )
            rows.append(SubmissionGrade(
                plan.learner, "graded", score, top, manual, late, plan.restored, plan.tampered,
                note, seconds=seconds, after_solutions=late_solution, **executor,
            ))  # fmt: skip
        record_many(self.cohort.state, self.assignment, entries)
        self.pending = []
        return rows


def _crashed(learner: str, exc: Exception) -> SubmissionGrade:
    return SubmissionGrade(learner, "failed", 0.0, 0.0, reason=f"{type(exc).__name__}: {exc}")


def _handoff(config: Any) -> Handoff | None:
    """A handoff for the batch's nbgrader runs, when the course runs the sandboxed executor."""
    from grading.executor.batch import selects_sandbox
    from grading.executor.preprocessor import Handoff

    return Handoff() if selects_sandbox(config) else None


def _warm_zygote(config: Any) -> None:
    """Start the process's zygote in the background when the course runs the sandboxed
    executor: its second of imports then overlaps the checks of the submissions."""
    import threading

    from grading.executor.batch import selects_sandbox

    if not selects_sandbox(config):
        return

    def start() -> None:
        from grading.executor import _zygote

        try:
            _zygote.shared()
        except Exception as exc:  # the batch starts it again and says why, or goes serial
            log.debug("zygote not started ahead: %s: %s", type(exc).__name__, exc)

    threading.Thread(target=start, name="hocso-zygote", daemon=True).start()


def scheduler_of(config: Any) -> str | None:
    """The Dask scheduler the course config names (``c.Hocso.scheduler``), or ``None``."""
    value = config["Hocso"].get("scheduler") if "Hocso" in config else None
    return str(value) if value else None


@contextlib.contextmanager
def _executing_on_cluster(
    cohort: Cohort,
    assignment: str,
    learners: list[str],
    *,
    config: Any,
    handoff: Handoff | None,
    scheduler: str,
    security: Any,
    task_timeout: float | None,
) -> Iterator[Callable[[str], None]]:
    """Execution of ``learners``' submissions on the Dask cluster at ``scheduler``."""
    if handoff is None:
        raise CohortError(say("hocso.error.scheduler_needs_sandbox"))
    from grading.core.progressbar import counter

    if scheduler.startswith("tls://") and security is None:
        raise CohortError(
            say("hocso.error.scheduler_needs_tls", scheduler=terminal_safe(scheduler))
        )
    try:
        from grading.executor.distributed import connect, prefetch_on_cluster
    except ImportError as exc:
        raise CohortError(say("hocso.error.scheduler_needs_dask", detail=exc.name or exc)) from exc

    try:
        client = connect(scheduler, security=security)
    except (OSError, TimeoutError, ValueError) as exc:
        raise CohortError(
            say("hocso.error.scheduler_unreachable", scheduler=scheduler, detail=exc)
        ) from exc
    bar = counter(total=len(learners), desc=f"executed on {scheduler}", position=1)
    try:
        with prefetch_on_cluster(
            cohort.course,
            assignment,
            learners,
            handoff=handoff,
            client=client,
            config=config,
            task_timeout=task_timeout,
            on_done=lambda _learner, _ok: bar.update(1),
        ) as started:
            yield started.reach
    finally:
        bar.close()
        client.close()


@contextlib.contextmanager
def _executing_ahead(
    cohort: Cohort,
    assignment: str,
    learners: list[str],
    *,
    config: Any,
    handoff: Handoff | None,
    workers: int,
) -> Iterator[Callable[[str], None]]:
    """Parallel execution of ``learners``' submissions, filed in ``handoff``.

    Yields ``reach(learner)``, to call before grading each of them in order.
    """
    if handoff is None or workers < 2 or len(learners) < 2:  # serial
        yield lambda _learner: None
        return
    from grading.executor.batch import prefetch

    with contextlib.ExitStack() as stack:
        try:
            started = stack.enter_context(
                prefetch(
                    cohort.course,
                    assignment,
                    learners,
                    handoff=handoff,
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
    parallel: bool = True,
    workers: int | None = None,
    scheduler: str | None = None,
    security: Any = None,
    task_timeout: float | None = None,
    after_solutions_policy: str = "zero",
    batch: bool = True,
) -> AutogradeResult:
    """Autograde the collected submissions of ``assignment`` (or of ``learners`` only).

    Submissions already graded and unchanged since are skipped unless
    ``force``. Manual grades are never lost. A submission that cannot be graded
    is a ``"failed"`` row with its reason; the others are still graded.

    Parameters
    ----------
    assignment : str
        The assignment id, released (so it is in the gradebook).
    cohort : Cohort, optional
        Default: :func:`grading.classroom.cohort.open_cohort` (the resolved course).
    learners : iterable of str, optional
        Only these learners (default: every collected submission).
    force : bool
        Regrade submissions already graded and unchanged.
    execute : callable
        The execution step ``execute(api, assignment, learner) -> Execution``;
        default :func:`run_nbgrader_autograde`. ``api`` carries the batch's
        handoff, so a step that runs nbgrader finds executions done ahead.
    parallel : bool
        Execute submissions ahead, ``workers`` at once, when the course config
        runs the sandboxed executor; ``False``: one at a time, on demand.
    workers : int, optional
        Submissions executing at once; default
        :func:`grading.core.defaults.default_workers` (the number of CPUs). Grades are
        still saved one submission at a time, by this process.
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://10.0.0.5:8786``, ``tls://...``):
        submissions execute on its workers, each task carrying one submission's
        bytes (:mod:`grading.executor.distributed`); grades are still saved by
        this process alone. Default: ``c.Hocso.scheduler`` of the course config,
        else none (the local parallel executor; Dask is not even imported).
    security : distributed.security.Security, optional
        TLS certificates for a ``tls://`` scheduler.
    task_timeout : float, optional
        Seconds one submission may take on the cluster before it fails
        (default: the notebook time limit per notebook, plus a minute).
    after_solutions_policy : {"zero", "keep"}
        A submission stamped after ``hocso solutions`` released the worked
        solution is always flagged (its row, the ledger, grades and the report);
        ``"zero"`` (default) records it with 0 for its autograded points and the
        reason, ``"keep"`` grades it as usual.
    batch : bool
        With the course pipelines of :mod:`grading.executor.preprocessor` and the
        default execution step, run nbgrader's bookkeeping once per batch
        (:mod:`grading.verbs._batch`: the record read once, grades written
        :data:`COMMIT_EVERY` learners per transaction); ``False``: nbgrader's
        run for each learner. The gradebook is the same either way.

    Returns
    -------
    AutogradeResult
        One row per learner, in order.

    Raises
    ------
    CohortError
        If the assignment is not in the gradebook (release it first), or the
        ledger ``.hocso/autograde.json`` is not readable.
    """
    cohort = cohort or open_cohort()
    from nbgrader.api import MissingEntry

    from grading.classroom.releases import solutions_released

    if after_solutions_policy not in AFTER_SOLUTIONS_POLICIES:
        raise CohortError(
            say(
                "hocso.error.after_solutions_policy",
                choices=", ".join(AFTER_SOLUTIONS_POLICIES),
                value=after_solutions_policy,
            )
        )
    solutions = solutions_released(cohort.state_dir).get(assignment)
    with cohort.gradebook() as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            raise CohortError(
                say(
                    "hocso.error.not_in_gradebook",
                    assignment=assignment,
                    gradebook=redact_url(cohort.db_url),
                )
            ) from None
    wanted = (
        sorted(set(learners))
        if learners is not None
        else cohort.learners_in("submitted", assignment)
    )
    workers = default_workers() if workers is None else max(1, workers)
    config = cohort.config()
    delimiters = cells.Delimiters.from_config(config)
    previous = read_ledger(cohort.state).get(assignment, {})  # a broken ledger stops here
    plans: list[SubmissionGrade | _Planned] = []
    gradebook_record = assignment_record(cohort, assignment)  # once per batch, not per learner
    if parallel and workers > 1 and len(wanted) > 1 and not (scheduler or scheduler_of(config)):
        _warm_zygote(config)  # starts while the submissions are checked
    for learner in progress(wanted, desc=f"check {assignment}", total=len(wanted)):
        try:
            plan = _plan(
                cohort,
                assignment,
                learner,
                force=force,
                delimiters=delimiters,
                entry=previous.get(learner),
                gradebook_record=gradebook_record,
            )
            plans.append(plan)
        except Exception as exc:  # one broken submission never stops the batch
            plans.append(_crashed(learner, exc))
    to_execute = [p.learner for p in plans if isinstance(p, _Planned)]
    handoff = _handoff(config)
    api = cohort.api(**({"SandboxedExecute.handoff": handoff} if handoff else {}))
    scheduler = scheduler or scheduler_of(config)
    if scheduler and to_execute:
        ahead = _executing_on_cluster(
            cohort, assignment, to_execute, config=config, handoff=handoff,
            scheduler=scheduler, security=security, task_timeout=task_timeout,
        )  # fmt: skip
    else:
        ahead = _executing_ahead(
            cohort, assignment, to_execute if parallel else [], config=config,
            handoff=handoff, workers=workers,
        )  # fmt: skip
    rows: list[SubmissionGrade] = []
    tracker = Tracker(cohort.state_dir, assignment, len(plans), scheduler or "local")

    def per_learner(plan: _Planned) -> SubmissionGrade:
        try:
            return _grade_one(cohort, api, assignment, plan, execute=execute, handoff=handoff,
                              solutions=solutions, policy=after_solutions_policy)  # fmt: skip
        except Exception as exc:  # one broken submission never stops the batch
            return _crashed(plan.learner, exc)

    def give(done: list[SubmissionGrade]) -> None:
        rows.extend(done)
        for row in done:
            tracker.step(failed=row.status == "failed")

    batched: _Batched | None = None
    try:
        with batch_gradebook(cohort.db_url), ahead as reach:
            if batch and to_execute and execute is run_nbgrader_autograde and handoff is not None:
                from grading.verbs._batch import batchable

                if batchable(config):
                    batched = _Batched(cohort, api, assignment, gradebook_record, handoff=handoff,
                                       solutions=solutions, policy=after_solutions_policy,
                                       per_learner=per_learner)  # fmt: skip
            for plan in progress(plans, desc=f"autograde {assignment}", total=len(plans)):
                if isinstance(plan, SubmissionGrade):
                    give([*(batched.flush() if batched else ()), plan])
                    continue
                try:
                    reach(plan.learner)
                except Exception as exc:  # one broken submission never stops the batch
                    give([*(batched.flush() if batched else ()), _crashed(plan.learner, exc)])
                    continue
                give(batched.grade(plan) if batched else [per_learner(plan)])
            if batched is not None:
                give(batched.flush())
    finally:
        if batched is not None:
            batched.close()
        tracker.close()
    return AutogradeResult(assignment, tuple(rows))
