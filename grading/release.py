"""``hocso release``: build an assignment's learner version and put it in the exchange."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from grading._times import parse_due
from grading.build import check_release
from grading.cells import total_points
from grading.cohort import Cohort, learner_config_text, open_cohort
from grading.errors import BuildError, CohortError, ReleaseLeakError
from grading.workspace import atomic_write_text

__all__ = ["ReleaseResult", "generate", "release", "set_due_date", "write_learner_config"]

_LEARNER_CONFIG_MARK = "# Written by `hocso release --learner-config`"


@dataclass(frozen=True)
class ReleaseResult:
    """An assignment as learners can now fetch it."""

    assignment: str
    outbound: Path
    notebooks: tuple[str, ...]
    points: float
    due: dt.datetime | None  # naive UTC, as nbgrader stores it
    learner_config: Path | None = None


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
        As :func:`grading.build.build`.
    """
    cohort.course.source_notebooks(assignment)  # CourseError for an unknown id
    outcome = cohort.api().generate_assignment(assignment, force=True, create=True)
    if not outcome["success"]:
        raise BuildError(f"nbgrader could not generate {assignment}:\n{_log_tail(outcome)}")
    problems = check_release(cohort.course, assignment)
    if problems:
        raise ReleaseLeakError(
            f"{assignment}: the learner version is unsafe:\n  " + "\n  ".join(problems)
        )


def set_due_date(cohort: Cohort, assignment: str, due: str | dt.datetime | None) -> None:
    """Record (or with ``None`` clear) the due date nbgrader uses to flag late work."""
    when = parse_due(due) if due is not None else None
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(assignment, duedate=when)


def write_learner_config(cohort: Cohort, folder: Path, learner: str | None = None) -> Path:
    """Write ``folder/nbgrader_config.py`` so a JupyterLab there sees this exchange.

    Raises
    ------
    CohortError
        If a ``nbgrader_config.py`` not written by hocso is already there.
    """
    target = Path(folder) / "nbgrader_config.py"
    if target.exists() and not target.read_text(encoding="utf-8").startswith(_LEARNER_CONFIG_MARK):
        raise CohortError(
            f"{target} exists and was not written by hocso; add these lines to it yourself:\n"
            + learner_config_text(cohort, learner)
        )
    text = learner_config_text(cohort, learner)
    if learner:  # hocso: the learner's submission token (shared account), see grading.collect
        from grading.collect import issue_tokens

        issue_tokens([learner], {learner: Path(folder)}, cohort=cohort)
        text += 'c.ExchangeFactory.submit = "grading._exchange_submit.TokenSubmit"\n'
    atomic_write_text(target, text)
    return target


def release(
    assignment: str,
    *,
    cohort: Cohort | None = None,
    due: str | dt.datetime | None = None,
    learner_config: Path | None = None,
) -> ReleaseResult:
    """Build ``assignment`` (leak-checked) and release it to the cohort's exchange.

    Releasing again replaces the exchange copy; learners who already fetched
    keep theirs. ``due`` (text such as ``"2026-03-01 23:59"``, local time unless
    it has an offset) sets the due date; ``learner_config`` is a learner's
    JupyterLab folder to receive a ``nbgrader_config.py`` pointing at the exchange.

    Raises
    ------
    CourseError, BuildError, ReleaseLeakError
        If the learner version cannot be built safely.
    CohortError
        If the exchange folder cannot be written.
    """
    cohort = cohort or open_cohort()
    generate(cohort, assignment)
    if due is not None:
        try:
            set_due_date(cohort, assignment, due)
        except ValueError as exc:
            raise CohortError(str(exc)) from exc
    api = cohort.api(**{"ExchangeReleaseAssignment.force": True})
    outcome = api.release_assignment(assignment)
    if not outcome or not outcome["success"]:
        raise CohortError(
            f"could not release {assignment} to the exchange {cohort.exchange_root}:\n"
            f"{_log_tail(outcome or {})}"
        )
    outbound = cohort.exchange_root / cohort.course_id / "outbound" / assignment
    notebooks = tuple(sorted(p.name for p in outbound.glob("*.ipynb")))
    points = 0.0
    for path in outbound.glob("*.ipynb"):
        points += total_points(json.loads(path.read_text(encoding="utf-8"))["cells"])
    with cohort.gradebook() as gradebook:
        when = gradebook.find_assignment(assignment).duedate
    written = write_learner_config(cohort, learner_config) if learner_config else None
    return ReleaseResult(assignment, outbound, notebooks, points, when, written)
