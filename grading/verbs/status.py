"""``hocso status``: where each assignment stands, and the next step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from grading.classroom.cohort import Cohort, open_cohort
from grading.classroom.ledger import read_ledger
from grading.classroom.running import RunningBatch, read_running
from grading.core.errors import CohortError
from grading.core.messages import say
from grading.core.times import read_timestamp
from grading.verbs.collect import inbound_submissions

__all__ = ["AssignmentStatus", "CohortStatus", "require_autograded", "require_collected", "status"]


@dataclass(frozen=True)
class AssignmentStatus:
    """Counts of learners at each step of one assignment."""

    assignment: str
    built: bool
    released: bool
    due: dt.datetime | None  # naive UTC
    to_collect: int  # submissions in the exchange newer than what was collected
    collected: int
    graded: int
    failed: int
    needs_manual: int
    feedback_returned: int

    @property
    def next_step(self) -> str:
        """The trainer's next command or action, in their language (``HOCSO_LANG``)."""
        from grading.core.messages import say

        return say(f"hocso.next.{self._next}", assignment=self.assignment)

    @property
    def _next(self) -> str:
        if not self.released:
            return "release"
        if self.to_collect:
            return "collect"
        if self.collected > self.graded + self.failed:
            return "autograde"
        if self.failed:
            return "check_failed"
        if self.needs_manual:
            return "manual"
        if self.graded > self.feedback_returned:
            return "feedback"
        if self.collected:
            return "grades"
        return "wait"


@dataclass(frozen=True)
class CohortStatus:
    course: Path
    exchange: Path
    db_url: str
    learners: int
    assignments: tuple[AssignmentStatus, ...]
    running: tuple[RunningBatch, ...] = ()  # autograde batches under way (or interrupted)


def _feedback_returned(cohort: Cohort, assignment: str, learner: str) -> bool:
    from nbgrader.utils import notebook_hash

    folder = cohort.folder("feedback", learner, assignment)
    secret = folder / "submission_secret.txt"
    if not secret.is_file():
        return False
    returned = cohort.exchange_root / cohort.course_id / "feedback"
    key = secret.read_text(encoding="utf-8")
    pages = list(folder.glob("*.html"))
    return bool(pages) and all(
        (returned / f"{notebook_hash(secret=key, notebook_id=p.stem)}.html").is_file()
        for p in pages
    )


def status(*, cohort: Cohort | None = None) -> CohortStatus:
    """What is released, collected, graded, failed and waiting for manual grading."""
    cohort = cohort or open_cohort()
    from nbgrader.api import MissingEntry

    ledger = read_ledger(cohort.state)
    rows = []
    with cohort.gradebook() as gradebook:
        learners = len(gradebook.students)
        in_gradebook = {a.name: a for a in gradebook.assignments}
        for assignment in sorted(set(cohort.course.assignments()) | set(in_gradebook)):
            record = in_gradebook.get(assignment)
            collected = cohort.learners_in("submitted", assignment)
            stamps = {
                x: read_timestamp(cohort.folder("submitted", x, assignment)) for x in collected
            }
            waiting = inbound_submissions(cohort, assignment)
            to_collect = sum(
                1 for x, when in waiting.items() if x not in stamps or (stamps[x] or when) < when
            )
            entries = ledger.get(assignment, {})
            failed = {x for x, e in entries.items() if e.status == "failed" and x in collected}
            graded, manual = set(), set()
            for learner in collected:
                if learner in failed:
                    continue
                try:
                    submission = gradebook.find_submission(assignment, learner)
                except MissingEntry:
                    continue
                graded.add(learner)
                if submission.needs_manual_grade:
                    manual.add(learner)
            returned = sum(1 for x in graded if _feedback_returned(cohort, assignment, x))
            rows.append(
                AssignmentStatus(
                    assignment=assignment,
                    built=cohort.course.release_notebooks(assignment) != [],
                    released=(
                        cohort.exchange_root / cohort.course_id / "outbound" / assignment
                    ).is_dir(),
                    due=record.duedate if record is not None else None,
                    to_collect=to_collect,
                    collected=len(collected),
                    graded=len(graded),
                    failed=len(failed),
                    needs_manual=len(manual),
                    feedback_returned=returned,
                )
            )
    return CohortStatus(
        cohort.root,
        cohort.exchange_root,
        cohort.db_url,
        learners,
        tuple(rows),
        read_running(cohort.state_dir),
    )


def _waiting_hint(cohort: Cohort, assignment: str, learners: set[str] | None) -> str:
    if not (cohort.exchange_root / cohort.course_id / "outbound" / assignment).is_dir():
        return say("hocso.error.hint_never_released", assignment=assignment)
    waiting = inbound_submissions(cohort, assignment)
    if learners is not None:
        waiting = {k: v for k, v in waiting.items() if k in learners}
    if waiting:
        return say("hocso.error.hint_waiting", count=len(waiting), assignment=assignment)
    return say("hocso.error.hint_none_submitted")


def require_collected(
    assignment: str, *, cohort: Cohort | None = None, learners: list[str] | None = None
) -> list[str]:
    """The learners with a collected submission of ``assignment`` (of ``learners``, if given).

    ``hocso autograde`` calls this first, so that grading nothing is an error
    that names the next step, not "0 graded".

    Raises
    ------
    CohortError
        If there is nothing collected to grade.
    """
    cohort = cohort or open_cohort()
    wanted = set(learners) if learners else None
    collected = [
        x for x in cohort.learners_in("submitted", assignment) if wanted is None or x in wanted
    ]
    if not collected:
        who = f" ({', '.join(sorted(wanted))})" if wanted else ""
        raise CohortError(
            say(
                "hocso.error.nothing_collected",
                assignment=assignment,
                who=who,
                hint=_waiting_hint(cohort, assignment, wanted),
            )
        )
    return collected


def require_autograded(
    assignment: str, *, cohort: Cohort | None = None, learners: list[str] | None = None
) -> list[str]:
    """The learners with an autograded submission of ``assignment`` (for ``hocso feedback``).

    Raises
    ------
    CohortError
        If nothing was collected, or nothing collected was autograded yet.
    """
    cohort = cohort or open_cohort()
    collected = require_collected(assignment, cohort=cohort, learners=learners)
    graded = [x for x in collected if cohort.folder("autograded", x, assignment).is_dir()]
    if not graded:
        raise CohortError(
            say("hocso.error.nothing_autograded", assignment=assignment, count=len(collected))
        )
    return graded
