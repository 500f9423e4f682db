"""Learner progress from the gradebook and the attempt logs, as tidy DataFrames.

One import for both halves: :mod:`grading.progress.gradebook` reads a cohort
(gradebook, roster groups, attempt logs, which assignments were released) and
:mod:`grading.progress.analytics` turns the frames into every table of the
report, without a gradebook (tidy frames in, frames out).
"""

from __future__ import annotations

from grading.progress.analytics import (
    QUESTION_COLUMNS,
    SKILL_AREAS,
    GradebookFrames,
    Progress,
    Thresholds,
    assignment_summary,
    at_risk,
    compare_cohorts,
    from_questions,
    group_summary,
    learner_summary,
    preview_questions,
    question_label,
    question_stats,
    skill_mastery,
    skill_of,
    split_group,
    submission_table,
    tidy_questions,
    trend,
)
from grading.progress.gradebook import build_progress, question_table, read_gradebook

__all__ = [
    "QUESTION_COLUMNS",
    "SKILL_AREAS",
    "GradebookFrames",
    "Progress",
    "Thresholds",
    "assignment_summary",
    "at_risk",
    "build_progress",
    "compare_cohorts",
    "from_questions",
    "group_summary",
    "learner_summary",
    "preview_questions",
    "question_label",
    "question_stats",
    "question_table",
    "read_gradebook",
    "skill_mastery",
    "skill_of",
    "split_group",
    "submission_table",
    "tidy_questions",
    "trend",
]
