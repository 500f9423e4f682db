"""Học Số trainer side: a Python API and the ``hocso`` CLI over nbgrader.

One function per verb; results are frozen dataclasses and failures typed
exceptions (:mod:`grading.errors`). Heavy imports (nbgrader, traitlets) happen
inside the verbs, so ``import grading`` is cheap.

The trainer cycle of a cohort: :func:`import_roster`, :func:`release`,
:func:`collect`, :func:`autograde`, :func:`feedback`, :func:`grades`,
:func:`status`, all on a :class:`Cohort` (course + gradebook + exchange,
:func:`open_cohort`); :func:`demo` runs the whole cycle on a synthetic class.
Which course is resolved by :func:`grading.course.resolve_course`; notebook-cell
predicates (nbgrader's, once) are in :mod:`grading.cells`; defaults in
:mod:`grading.config` and :class:`grading.executor.Limits`.
"""

from __future__ import annotations

from grading.autograde import AutogradeResult, SubmissionGrade, autograde
from grading.build import BuildResult, build, check_release
from grading.cohort import Cohort, open_cohort
from grading.collect import CollectResult, collect
from grading.course import Course, open_course
from grading.demo import DemoResult, demo
from grading.errors import (
    BuildError,
    CohortError,
    CourseError,
    DemoError,
    FeedbackLeakError,
    GradingError,
    HocsoError,
    ReleaseLeakError,
    RosterError,
    WorkspaceError,
)
from grading.feedback import FeedbackResult, feedback
from grading.grades import GradeRow, grades, set_manual_grade, write_grades_csv
from grading.lab import lab, prepare_workspace
from grading.release import ReleaseResult, release
from grading.roster import Learner, RosterResult, import_roster, read_roster
from grading.status import CohortStatus, status
from grading.workspace import SyncResult, sync_files

__all__ = [
    "AutogradeResult",
    "BuildError",
    "BuildResult",
    "Cohort",
    "CohortError",
    "CohortStatus",
    "CollectResult",
    "Course",
    "CourseError",
    "DemoError",
    "DemoResult",
    "FeedbackLeakError",
    "FeedbackResult",
    "GradeRow",
    "GradingError",
    "HocsoError",
    "Learner",
    "ReleaseLeakError",
    "ReleaseResult",
    "RosterError",
    "RosterResult",
    "SubmissionGrade",
    "SyncResult",
    "WorkspaceError",
    "autograde",
    "build",
    "check_release",
    "collect",
    "demo",
    "feedback",
    "grades",
    "import_roster",
    "lab",
    "open_cohort",
    "open_course",
    "prepare_workspace",
    "read_roster",
    "release",
    "set_manual_grade",
    "status",
    "sync_files",
    "write_grades_csv",
]
