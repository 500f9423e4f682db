"""``hocso grades``: one row per learner × assignment, from nbgrader's gradebook.

Every enrolled learner has a row for every assignment in the gradebook, also
when they submitted nothing, so the export is a complete class list. The CSV is
written atomically in UTF-8 with a byte-order mark, so Excel shows Vietnamese
names correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from grading.classroom.cohort import Cohort, open_cohort
from grading.classroom.ledger import read_ledger
from grading.classroom.roster import ID_PATTERN, Learner, read_roster
from grading.core.messages import say
from grading.core.safety import atomic_write_text, spreadsheet_safe, terminal_safe

__all__ = [
    "NOT_RELEASED",
    "GradeRow",
    "grade_scope",
    "grades",
    "set_manual_grade",
    "spreadsheet_safe",
    "write_grades_csv",
]


@dataclass(frozen=True)
class GradeRow:
    """A learner's result on one assignment."""

    learner: str
    full_name: str
    group: str
    assignment: str
    score: float
    max_score: float
    code_score: float
    written_score: float
    late: bool
    seconds_late: float
    status: str  # graded, needs manual grading, autograde failed, not graded yet, not submitted,
    # not released
    note: str = ""


#: The status of an assignment never released to the class.
NOT_RELEASED = "not released"


def _status(
    submission: object | None, collected: bool, failed_reason: str | None
) -> tuple[str, str]:
    if failed_reason is not None:
        return "autograde failed", failed_reason
    if submission is None:
        if collected:
            return "not graded yet", say("hocso.note.run_autograde")
        return "not submitted", ""
    if submission.needs_manual_grade:  # type: ignore[attr-defined]
        return "needs manual grading", say("hocso.next.manual")
    return "graded", ""


def grade_scope(*, cohort: Cohort | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(released, not released)``: the gradebook's assignments a class's grades count, and not.

    See :mod:`grading.classroom.releases`.
    """
    from grading.classroom.releases import released_assignments, split_released

    cohort = cohort or open_cohort()
    with cohort.gradebook() as gradebook:
        known = [a.name for a in gradebook.assignments]
        submitted = {a.name for a in gradebook.assignments if a.submissions}
    return split_released(known, released_assignments(cohort, submitted=submitted))


def grades(
    *,
    cohort: Cohort | None = None,
    assignments: Iterable[str] | None = None,
    include_unreleased: bool = False,
) -> tuple[GradeRow, ...]:
    """Rows for every enrolled or submitting learner × released assignment, sorted by learner.

    Assignments never released to the class (:func:`grade_scope`) have no rows,
    unless ``include_unreleased``: then their rows say "not released" (0 of 0
    points, so no total counts them).
    """
    cohort = cohort or open_cohort()
    from nbgrader.api import MissingEntry

    from grading.classroom.releases import solutions_released

    released, unreleased = grade_scope(cohort=cohort)
    solutions = solutions_released(cohort.state_dir)

    roster = {learner.id: learner for learner in read_roster(cohort=cohort)}
    ledger = read_ledger(cohort.state)
    rows = []
    with cohort.gradebook() as gradebook:
        known = [a.name for a in gradebook.assignments]
        wanted = [a for a in known if assignments is None or a in set(assignments)]
        hidden = [a for a in wanted if a in set(unreleased)]
        wanted = [a for a in wanted if a in set(released)]
        for assignment in wanted:  # whoever handed something in has a row, enrolled or not
            for learner_id in cohort.learners_in("submitted", assignment):
                if not ID_PATTERN.match(learner_id):  # a folder copied in by hand: shown escaped
                    learner_id = terminal_safe(learner_id)
                roster.setdefault(learner_id, Learner(learner_id, ""))
        for assignment in sorted(wanted):
            maximum = float(gradebook.find_assignment(assignment).max_score)
            for learner_id in sorted(roster):
                learner = roster[learner_id]
                try:
                    submission = gradebook.find_submission(assignment, learner_id)
                except MissingEntry:
                    submission = None
                entry = ledger.get(assignment, {}).get(learner_id)
                failed = entry.reason if entry is not None and entry.status == "failed" else None
                collected = cohort.folder("submitted", learner_id, assignment).is_dir()
                status, note = _status(submission, collected, failed)
                if submission is None:
                    rows.append(
                        GradeRow(
                            learner_id,
                            learner.full_name,
                            learner.group,
                            assignment,
                            0.0,
                            maximum,
                            0.0,
                            0.0,
                            False,
                            0.0,
                            status,
                            note,
                        )
                    )
                    continue
                after = solutions.get(assignment)
                if after is not None and submission.timestamp and submission.timestamp > after:
                    note = "; ".join(filter(None, [note, say("hocso.note.after_solutions")]))
                penalty = sum(nb.late_submission_penalty or 0.0 for nb in submission.notebooks)
                late = float(submission.total_seconds_late)
                if entry is not None and entry.tampered and not note:
                    note = "edited locked cells (restored): " + ", ".join(entry.tampered)
                rows.append(
                    GradeRow(
                        learner_id,
                        learner.full_name,
                        learner.group,
                        assignment,
                        float(submission.score) - penalty,
                        float(submission.max_score),
                        float(submission.code_score),
                        float(submission.written_score),
                        late > 0,
                        late,
                        status,
                        note,
                    )
                )
        if include_unreleased:
            for assignment in hidden:
                for learner_id in sorted(roster):
                    learner = roster[learner_id]
                    rows.append(
                        GradeRow(
                            learner_id,
                            learner.full_name,
                            learner.group,
                            assignment,
                            0.0,
                            0.0,
                            0.0,
                            0.0,
                            False,
                            0.0,
                            NOT_RELEASED,
                            "not released to this class: not counted",
                        )
                    )
    return tuple(sorted(rows, key=lambda r: (r.learner, r.assignment)))


def _number(value: float) -> str:
    return f"{value:g}"


def write_grades_csv(rows: Sequence[GradeRow], path: str | Path) -> Path:
    """Write ``rows`` as CSV (UTF-8 with BOM, for Excel), atomically.

    Column names are the fields of :class:`GradeRow` (stable keys for other
    programs); yes/no and the status are words in the trainer's language.
    """
    from grading.core.messages import word

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.name for f in fields(GradeRow)])
    for row in rows:
        values = []
        for field, value in zip(fields(GradeRow), astuple(row), strict=True):
            if isinstance(value, bool):
                values.append(word("yes" if value else "no"))
            elif isinstance(value, float):
                values.append(_number(value))
            elif field.name == "status":  # only our own words: a name "ok" stays "ok"
                values.append(word(str(value)))
            else:
                values.append(spreadsheet_safe(str(value)))
        writer.writerow(values)
    target = Path(path)
    atomic_write_text(target, "\ufeff" + buffer.getvalue())
    return target


def set_manual_grade(
    assignment: str,
    learner: str,
    cell: str,
    score: float,
    *,
    cohort: Cohort | None = None,
    notebook: str | None = None,
    comment: str | None = None,
) -> None:
    """Record a trainer's score for one graded cell, as Formgrader does.

    ``notebook`` defaults to the assignment's only notebook.

    Raises
    ------
    CohortError
        If the submission or the cell is unknown, or the score is out of range.
    """
    from nbgrader.api import MissingEntry

    from grading.core.errors import CohortError

    cohort = cohort or open_cohort()
    with cohort.gradebook() as gradebook:
        try:
            if notebook is None:
                names = [nb.name for nb in gradebook.find_assignment(assignment).notebooks]
                if len(names) != 1:
                    raise CohortError(
                        say("hocso.error.grades_which_notebook", assignment=assignment, names=names)
                    )
                notebook = names[0]
            grade = gradebook.find_grade(cell, notebook, assignment, learner)
        except MissingEntry as exc:
            raise CohortError(
                say(
                    "hocso.error.grades_no_cell",
                    cell=cell,
                    learner=learner,
                    assignment=assignment,
                    detail=exc,
                )
            ) from None
        if not 0 <= score <= float(grade.max_score):
            raise CohortError(
                say(
                    "hocso.error.grades_out_of_range",
                    cell=cell,
                    top=f"{grade.max_score:g}",
                    score=f"{score:g}",
                )
            )
        grade.manual_score = float(score)
        grade.needs_manual_grade = False
        if comment is not None:
            gradebook.find_comment(cell, notebook, assignment, learner).manual_comment = comment
        gradebook.db.commit()
