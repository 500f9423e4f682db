"""Reading a cohort's gradebook, roster groups and attempt logs into tidy frames.

The gradebook is read with five batched queries over nbgrader's tables
(students, assignments, graded cells, submissions, grades) through its own
SQLAlchemy session, so SQLite and a PostgreSQL ``db_url`` behave the same and
the cost does not grow with round trips per learner. Names and groups are
cleaned once here (:func:`grading.core.safety.clean_text`); everything after
is :mod:`grading.progress.analytics`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from grading.core.safety import clean_text
from grading.progress.analytics import GradebookFrames, from_questions, tidy_questions

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from grading.classroom.cohort import Cohort
    from grading.progress.analytics import Progress, Thresholds

__all__ = ["build_progress", "question_table", "read_gradebook", "released_in_gradebook"]


def read_gradebook(session: Any, course_id: str) -> GradebookFrames:
    """Five queries over nbgrader's tables in ``session`` (a Gradebook's ``db``)."""
    import pandas as pd
    from nbgrader.api import (
        Assignment,
        BaseCell,
        Grade,
        GradeCell,
        Notebook,
        Student,
        SubmittedAssignment,
        SubmittedNotebook,
        TaskCell,
    )
    from sqlalchemy import func, or_, select

    a, nb, base = Assignment.__table__, Notebook.__table__, BaseCell.__table__
    gc, tc = GradeCell.__table__, TaskCell.__table__
    st, sa, sn, g = (
        Student.__table__,
        SubmittedAssignment.__table__,
        SubmittedNotebook.__table__,
        Grade.__table__,
    )

    def frame(query: Any, columns: list[str]) -> pd.DataFrame:
        rows = [tuple(row) for row in session.execute(query)]  # plain tuples: faster in pandas
        return pd.DataFrame(rows, columns=columns)

    students = frame(
        select(st.c.id, st.c.last_name, st.c.first_name, st.c.email),
        ["learner", "last", "first", "email"],
    )
    assignments = frame(
        select(a.c.name, a.c.duedate).where(a.c.course_id == course_id), ["assignment", "duedate"]
    )
    cells = frame(
        select(
            base.c.id,
            base.c.name,
            nb.c.name,
            a.c.name,
            func.coalesce(gc.c.max_score, tc.c.max_score),
            func.coalesce(gc.c.cell_type, tc.c.cell_type),
            base.c.type,
        )
        .select_from(base)
        .join(nb, nb.c.id == base.c.notebook_id)
        .join(a, a.c.id == nb.c.assignment_id)
        .outerjoin(gc, gc.c.id == base.c.id)
        .outerjoin(tc, tc.c.id == base.c.id)
        .where(a.c.course_id == course_id, or_(gc.c.id.isnot(None), tc.c.id.isnot(None))),
        ["cell_id", "question", "notebook", "assignment", "max_score", "cell_type", "type"],
    )
    penalty = (
        select(
            sn.c.assignment_id,
            func.sum(func.coalesce(sn.c.late_submission_penalty, 0.0)).label("p"),
        )
        .group_by(sn.c.assignment_id)
        .subquery()
    )
    submissions = frame(
        select(sa.c.student_id, a.c.name, sa.c.timestamp, sa.c.extension, penalty.c.p)
        .select_from(sa)
        .join(a, a.c.id == sa.c.assignment_id)
        .outerjoin(penalty, penalty.c.assignment_id == sa.c.id)
        .where(a.c.course_id == course_id),
        ["learner", "assignment", "timestamp", "extension", "penalty"],
    )
    grades = frame(
        select(
            g.c.cell_id,
            sa.c.student_id,
            g.c.auto_score,
            g.c.manual_score,
            g.c.extra_credit,
            g.c.needs_manual_grade,
        )
        .select_from(g)
        .join(sn, sn.c.id == g.c.notebook_id)
        .join(sa, sa.c.id == sn.c.assignment_id)
        .join(a, a.c.id == sa.c.assignment_id)
        .where(a.c.course_id == course_id),
        ["cell_id", "learner", "auto_score", "manual_score", "extra_credit", "needs_manual"],
    )
    names = [
        clean_text(f"{last or ''} {first or ''}")
        for last, first in zip(students["last"], students["first"], strict=True)
    ]
    students = pd.DataFrame(
        {
            "learner": students["learner"].astype(object),
            "full_name": pd.Series(names, index=students.index, dtype=object),
            "email": [x or "" for x in students["email"]],
        }
    )
    cells["kind"] = (
        cells["cell_type"].map({"code": "code", "markdown": "written"}).fillna("written")
    )
    cells = cells.drop(columns=["cell_type", "type"])
    return GradebookFrames(students, assignments, cells, submissions, grades)


def roster_groups(cohort: Cohort) -> dict[str, str]:
    """Learner id -> roster group (cleaned), ``{}`` without a roster or learners."""
    from grading.classroom.roster import roster_details

    return {x.id: clean_text(x.group) for x in roster_details(cohort).values()}


def released_in_gradebook(
    cohort: Cohort, raw: GradebookFrames
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(released, not released)`` assignments of the gradebook, in course order."""
    from grading.classroom.releases import released_assignments, split_released

    submitted = set(raw.submissions["assignment"]) if len(raw.submissions) else set()
    return split_released(
        raw.assignments["assignment"], released_assignments(cohort, submitted=submitted)
    )


def read_cohort(
    cohort: Cohort, *, with_attempts: bool = True
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The question table of the released work, and the assignments not released."""
    from grading.progress.attempts import load_attempts

    with cohort.gradebook() as gradebook:
        raw = read_gradebook(gradebook.db, cohort.course_id)
    released, unreleased = released_in_gradebook(cohort, raw)
    attempts = load_attempts(cohort) if with_attempts else None
    from grading.classroom.releases import solutions_released

    questions = tidy_questions(
        raw,
        roster_groups(cohort),
        attempts,
        released=released,
        solutions=solutions_released(cohort.state_dir),
    )
    return questions, unreleased


def question_table(cohort: Cohort | None = None, *, with_attempts: bool = True) -> pd.DataFrame:
    """:func:`tidy_questions` of a cohort's released work, roster groups and attempt logs."""
    from grading.classroom.cohort import open_cohort

    return read_cohort(cohort or open_cohort(), with_attempts=with_attempts)[0]


def build_progress(
    cohort: Cohort | None = None,
    thresholds: Thresholds | None = None,
    *,
    now: dt.datetime | None = None,
) -> Progress:
    """Every progress table of a cohort (gradebook + roster + attempt logs), released work only."""
    from grading.classroom.cohort import open_cohort

    cohort = cohort or open_cohort()
    questions, unreleased = read_cohort(cohort)
    return from_questions(
        questions, thresholds, now=now, course_id=cohort.course_id, unreleased=unreleased
    )
