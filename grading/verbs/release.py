"""``hocso release``: build an assignment's learner version and put it in the exchange."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from grading.classroom.cohort import Cohort, learner_config_text, open_cohort
from grading.classroom.releases import record_release
from grading.core.cells import total_points
from grading.core.errors import BuildError, CohortError, ReleaseLeakError
from grading.core.messages import say
from grading.core.safety import atomic_write_text
from grading.core.times import (
    class_timezone,
    now_utc,
    parse_due,
    read_timestamp,
    show_local,
    show_time,
)
from grading.verbs.build import check_release

__all__ = [
    "DueChange",
    "ReleaseResult",
    "check_due_date",
    "generate",
    "lateness_changes",
    "release",
    "set_due_date",
    "write_due_date",
    "write_learner_config",
]

#: The id of the cell that shows the due date at the top of each released notebook.
DUE_CELL_ID = "hocso-han-nop"

_LEARNER_CONFIG_MARK = "# Written by `hocso release --learner-config`"


@dataclass(frozen=True)
class DueChange:
    """A submission whose lateness a new due date changes."""

    learner: str
    submitted: dt.datetime  # naive UTC
    was_late: bool
    now_late: bool

    def describe(self) -> str:
        def word(late: bool) -> str:
            return "late" if late else "on time"

        return (
            f"{self.learner} (submitted {show_time(self.submitted)}): "
            f"{word(self.was_late)} -> {word(self.now_late)}"
        )


@dataclass(frozen=True)
class ReleaseResult:
    """An assignment as learners can now fetch it."""

    assignment: str
    outbound: Path
    notebooks: tuple[str, ...]
    points: float
    due: dt.datetime | None  # naive UTC, as nbgrader stores it
    learner_config: Path | None = None
    due_changes: tuple[DueChange, ...] = ()


def _log_tail(outcome: dict, lines: int = 8) -> str:
    text = (outcome.get("log") or "") + (outcome.get("error") or "")
    return "\n".join(text.strip().splitlines()[-lines:])


def generate(cohort: Cohort, assignment: str) -> None:
    """``nbgrader generate_assignment`` into this cohort's gradebook, then the leak check.

    Raises
    ------
    CourseError
        If the assignment has no source folder.
    BuildError, ReleaseLeakError
        As :func:`grading.verbs.build.build`.
    """
    cohort.course.source_notebooks(assignment)  # CourseError for an unknown id
    outcome = cohort.api().generate_assignment(assignment, force=True, create=True)
    if not outcome["success"]:
        log = _log_tail(outcome)
        raise BuildError(say("hocso.error.generate_failed", assignment=assignment, log=log))
    problems = check_release(cohort.course, assignment)
    if problems:
        raise ReleaseLeakError(
            say(
                "hocso.error.learner_version_unsafe",
                assignment=assignment,
                problems="\n  ".join(problems),
            )
        )


def write_due_date(folder: Path, due: dt.datetime | None, *, tz: str | None = None) -> int:
    """Show ``due`` (naive UTC) at the top of each notebook of ``folder``; return how many.

    A first markdown cell (id :data:`DUE_CELL_ID`, no nbgrader metadata, so
    grading ignores it) says the due date in the class's time, day first; the
    notebook's metadata keeps it (``metadata.hocso.due``, ISO UTC, and the class's
    time zone ``due_tz``) for the course map and the Assignments panel. Without a
    due date both are removed.
    """
    count = 0
    for path in sorted(Path(folder).glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in nb.get("cells", []) if c.get("id") != DUE_CELL_ID]
        hocso = nb.setdefault("metadata", {}).setdefault("hocso", {})
        for key in ("due", "due_shown", "due_tz"):
            hocso.pop(key, None)
        if due is not None:
            from toolkit.i18n import t

            text = t("release.due_cell", lang="vi", when=show_local(due, tz=tz))
            cells.insert(0, {"cell_type": "markdown", "id": DUE_CELL_ID, "source": text,
                             "metadata": {"editable": False, "deletable": False}})  # fmt: skip
            hocso["due"] = due.replace(microsecond=0).isoformat() + "Z"
            hocso["due_shown"] = show_local(due, tz=tz)
            zone = getattr(class_timezone(tz), "key", None)
            if zone:
                hocso["due_tz"] = zone
        nb["cells"] = cells
        atomic_write_text(path, json.dumps(nb, ensure_ascii=False, indent=1) + "\n")
        count += 1
    return count


def _submission_times(cohort: Cohort, assignment: str, gradebook) -> dict[str, tuple]:
    """``learner -> (submitted at, extension)`` for every submission hocso can see."""
    from nbgrader.api import MissingEntry

    from grading.verbs.collect import inbound_submissions

    times: dict[str, tuple] = {
        learner: (when, None) for learner, when in inbound_submissions(cohort, assignment).items()
    }
    for learner in cohort.learners_in("submitted", assignment):
        when = read_timestamp(cohort.folder("submitted", learner, assignment))
        if when is not None:
            times[learner] = (when, None)
    try:
        record = gradebook.find_assignment(assignment)
    except MissingEntry:
        return times
    for submission in record.submissions:
        if submission.timestamp is not None:
            times[submission.student.id] = (submission.timestamp, submission.extension)
    return times


def lateness_changes(
    cohort: Cohort, assignment: str, new_due: dt.datetime | None
) -> tuple[DueChange, ...]:
    """Submissions (in the exchange, collected or graded) whose lateness ``new_due`` changes."""
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gradebook:
        try:
            old_due = gradebook.find_assignment(assignment).duedate
        except MissingEntry:
            old_due = None
        times = _submission_times(cohort, assignment, gradebook)

    def late(when: dt.datetime, due: dt.datetime | None, extension) -> bool:
        return due is not None and when > due + (extension or dt.timedelta(0))

    changes = []
    for learner, (when, extension) in sorted(times.items()):
        before, after = late(when, old_due, extension), late(when, new_due, extension)
        if before != after:
            changes.append(DueChange(learner, when, before, after))
    return tuple(changes)


def set_due_date(
    cohort: Cohort,
    assignment: str,
    due: str | dt.datetime | None,
    *,
    tz: str | None = None,
    force: bool = False,
    change_lateness: bool = False,
    after_solutions: bool = False,
) -> tuple[DueChange, ...]:
    """Record (or with ``None`` clear) the due date nbgrader uses to flag late work.

    Returns the submissions whose lateness changed.

    Raises
    ------
    ValueError
        If ``due`` cannot be read (see :func:`grading.core.times.parse_due`).
    CohortError
        If the date is in the past and ``force`` is false, or if it would make an
        existing submission late (or on time) and ``change_lateness`` is false;
        the message lists those submissions. Nothing is written then.
    """
    when = parse_due(due, tz=tz) if due is not None else None
    changes = check_due_date(
        cohort,
        assignment,
        when,
        tz=tz,
        force=force,
        change_lateness=change_lateness,
        after_solutions=after_solutions,
    )
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(assignment, duedate=when)
    return changes


def waiting_learners(cohort: Cohort, assignment: str) -> list[str]:
    """Enrolled learners with no submission of ``assignment`` anywhere hocso can see."""
    with cohort.gradebook() as gradebook:
        enrolled = {s.id for s in gradebook.students}
        times = _submission_times(cohort, assignment, gradebook)
    return sorted(enrolled - set(times))


def solutions_gate(
    cohort: Cohort,
    assignment: str,
    when: dt.datetime | None,
    *,
    tz: str | None = None,
    after_solutions: bool = False,
) -> tuple[str, ...]:
    """Learners a due date after the released solution affects; refused unless ``after_solutions``.

    Once ``hocso solutions`` has released the worked solution, a later (or no)
    due date lets learners who have not submitted hand in work copied from it.

    Raises
    ------
    CohortError
        If the solution is out, ``when`` is later than that (or ``None``) and
        ``after_solutions`` is false; the message names the learners affected.
    """
    from grading.classroom.releases import solutions_released

    out = solutions_released(cohort.state_dir).get(assignment)
    if out is None or (when is not None and when <= out):
        return ()
    waiting = tuple(waiting_learners(cohort, assignment))
    if not after_solutions:
        who = ", ".join(waiting) if waiting else "no learner is still waiting to submit"
        raise CohortError(
            say(
                "hocso.error.release_after_solutions",
                assignment=assignment,
                released=show_time(out, tz=tz),
                due=show_time(when, tz=tz) if when else "-",
                count=len(waiting),
                who=who,
            )
        )
    return waiting


def check_due_date(
    cohort: Cohort,
    assignment: str,
    when: dt.datetime | None,
    *,
    tz: str | None = None,
    force: bool = False,
    change_lateness: bool = False,
    after_solutions: bool = False,
) -> tuple[DueChange, ...]:
    """The checks of :func:`set_due_date` for ``when`` (naive UTC), writing nothing."""
    if when is not None and when < now_utc() and not force:
        raise CohortError(say("hocso.error.release_due_past", due=show_time(when, tz=tz)))
    solutions_gate(cohort, assignment, when, tz=tz, after_solutions=after_solutions)
    changes = lateness_changes(cohort, assignment, when)
    if changes and not change_lateness:
        raise CohortError(
            say(
                "hocso.error.release_due_changes",
                due=show_time(when, tz=tz),
                count=len(changes),
                assignment=assignment,
                changes="\n  ".join(c.describe() for c in changes),
            )
        )
    return changes


def write_learner_config(cohort: Cohort, folder: Path, learner: str | None = None) -> Path:
    """Write ``folder/nbgrader_config.py`` so a JupyterLab there sees this exchange.

    Raises
    ------
    CohortError
        If a ``nbgrader_config.py`` not written by hocso is already there.
    """
    target = Path(folder) / "nbgrader_config.py"
    if target.exists() and not target.read_text(encoding="utf-8").startswith(_LEARNER_CONFIG_MARK):
        lines = learner_config_text(cohort, learner)
        raise CohortError(say("hocso.error.learner_config_exists", path=target, lines=lines))
    text = learner_config_text(cohort, learner)
    if learner:  # hocso: the learner's submission token (shared account), see grading.verbs.collect
        from grading.verbs.collect import issue_tokens

        issue_tokens([learner], {learner: Path(folder)}, cohort=cohort)
        text += 'c.ExchangeFactory.submit = "grading.exchange.submit.TokenSubmit"\n'
    atomic_write_text(target, text)
    return target


def release(
    assignment: str,
    *,
    cohort: Cohort | None = None,
    due: str | dt.datetime | None = None,
    learner_config: Path | None = None,
    tz: str | None = None,
    force: bool = False,
    change_lateness: bool = False,
    after_solutions: bool = False,
) -> ReleaseResult:
    """Build ``assignment`` (leak-checked) and release it to the cohort's exchange.

    Releasing again replaces the exchange copy; learners who already fetched
    keep theirs. ``due`` (day first, ``"01/03/2026 23:59"``, or ISO
    ``"2026-03-01 23:59"``; in the class's time zone ``tz`` unless it has an
    offset) sets the due date; without it an earlier due date is kept. A past
    date needs ``force``; a date that changes whether existing submissions are
    late needs ``change_lateness`` (see :func:`set_due_date`). ``learner_config``
    is a folder to receive a ``nbgrader_config.py`` pointing at the exchange
    (``hocso lab`` writes its own; this is for JupyterLabs started by hand).

    Raises
    ------
    CourseError, BuildError, ReleaseLeakError
        If the learner version cannot be built safely.
    CohortError
        If the exchange folder cannot be written.
    """
    cohort = cohort or open_cohort()
    when = None
    changes: tuple[DueChange, ...] = ()
    if due is not None:
        try:  # a bad, past or lateness-changing date is refused before any work
            when = parse_due(due, tz=tz)
        except ValueError as exc:
            raise CohortError(str(exc)) from exc
        changes = check_due_date(
            cohort,
            assignment,
            when,
            tz=tz,
            force=force,
            change_lateness=change_lateness,
            after_solutions=after_solutions,
        )
    generate(cohort, assignment)
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gradebook:
        if due is not None:
            gradebook.update_or_create_assignment(assignment, duedate=when)
        try:
            shown_due = gradebook.find_assignment(assignment).duedate
        except MissingEntry:
            shown_due = None
    write_due_date(cohort.course.release_dir / assignment, shown_due, tz=tz)
    api = cohort.api(**{"ExchangeReleaseAssignment.force": True})
    outcome = api.release_assignment(assignment)
    if not outcome or not outcome["success"]:
        raise CohortError(
            say(
                "hocso.error.release_failed",
                assignment=assignment,
                exchange=cohort.exchange_root,
                log=_log_tail(outcome or {}),
            )
        )
    record_release(
        cohort.state_dir, assignment
    )  # counted from now on (grades, report, certificates)
    outbound = cohort.exchange_root / cohort.course_id / "outbound" / assignment
    notebooks = tuple(sorted(p.name for p in outbound.glob("*.ipynb")))
    points = 0.0
    for path in outbound.glob("*.ipynb"):
        points += total_points(json.loads(path.read_text(encoding="utf-8"))["cells"])
    with cohort.gradebook() as gradebook:
        when = gradebook.find_assignment(assignment).duedate
    written = write_learner_config(cohort, learner_config) if learner_config else None
    return ReleaseResult(assignment, outbound, notebooks, points, when, written, changes)
