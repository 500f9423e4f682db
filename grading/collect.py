"""``hocso collect``: copy the latest submission of each learner from the exchange."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from grading._times import read_timestamp
from grading.cohort import Cohort, open_cohort
from grading.errors import CohortError

__all__ = ["CollectResult", "Collected", "collect", "inbound_submissions"]


@dataclass(frozen=True)
class Collected:
    """One learner's collected submission."""

    learner: str
    timestamp: dt.datetime | None  # naive UTC
    action: str  # "new", "updated" or "unchanged"
    late: bool
    on_roster: bool


@dataclass(frozen=True)
class CollectResult:
    assignment: str
    rows: tuple[Collected, ...]
    not_submitted: tuple[str, ...]  # enrolled learners with no submission

    @property
    def unknown(self) -> tuple[str, ...]:
        """Submitters who are not on the roster (check the id they used)."""
        return tuple(r.learner for r in self.rows if not r.on_roster)


def inbound_submissions(cohort: Cohort, assignment: str) -> dict[str, dt.datetime]:
    """Latest submission time of each learner waiting in the exchange's inbound folder."""
    from grading.cohort import skip_slow_optional_imports

    skip_slow_optional_imports()
    from nbgrader.utils import parse_utc

    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    latest: dict[str, dt.datetime] = {}
    if not inbound.is_dir():
        return latest
    for path in inbound.glob(f"*+{assignment}+*"):
        parts = path.name.rsplit("+", 3)
        if len(parts) < 3 or parts[1] != assignment:
            continue
        try:
            when = parse_utc(parts[2])
        except (ValueError, OverflowError):
            continue
        if parts[0] not in latest or when > latest[parts[0]]:
            latest[parts[0]] = when
    return latest


def collect(assignment: str, *, cohort: Cohort | None = None) -> CollectResult:
    """Collect ``assignment`` with nbgrader (newer submissions replace older ones).

    Raises
    ------
    CohortError
        If the assignment was never released to this exchange, or nbgrader fails.
    """
    cohort = cohort or open_cohort()
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    if not (cohort.exchange_root / cohort.course_id / "outbound" / assignment).is_dir():
        raise CohortError(
            f"{assignment} was never released to the exchange {cohort.exchange_root}: "
            f"run `hocso release {assignment}` first"
        )
    if not inbound.is_dir():
        raise CohortError(f"the exchange has no inbound folder {inbound}: release again")

    def stamps() -> dict[str, dt.datetime | None]:
        return {
            learner: read_timestamp(cohort.folder("submitted", learner, assignment))
            for learner in cohort.learners_in("submitted", assignment)
        }

    before = stamps()
    outcome = cohort.api().collect(assignment, update=True)
    if not outcome or not outcome["success"]:
        tail = "\n".join(((outcome or {}).get("log") or "").strip().splitlines()[-5:])
        raise CohortError(f"nbgrader could not collect {assignment}:\n{tail}")
    after = stamps()
    with cohort.gradebook() as gradebook:
        enrolled = {s.id for s in gradebook.students}
        due = gradebook.find_assignment(assignment).duedate
    rows = []
    for learner, when in sorted(after.items()):
        action = (
            "new"
            if learner not in before
            else "updated"
            if before[learner] != when
            else "unchanged"
        )
        late = bool(due and when and when > due)
        rows.append(Collected(learner, when, action, late, learner in enrolled))
    missing = tuple(sorted(enrolled - set(after)))
    return CollectResult(assignment, tuple(rows), missing)
