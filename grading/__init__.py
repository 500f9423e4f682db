"""Học Số trainer side: a Python API and the ``hocso`` CLI over nbgrader.

One function per verb; results are frozen dataclasses and failures typed
exceptions (:mod:`grading.core.errors`, each with its exit code in one table). Heavy imports (nbgrader, traitlets) happen
inside the verbs, and the names below are imported on first use, so
``import grading`` is cheap and importing one verb imports no other.

The trainer cycle of a cohort: :func:`import_roster`, :func:`release`,
:func:`collect`, :func:`autograde`, :func:`feedback`, :func:`grades`,
:func:`status`, all on a :class:`Cohort` (course + gradebook + exchange,
:func:`open_cohort`); :func:`demo` runs the whole cycle on a synthetic class.
Which course is resolved by :func:`grading.core.course.resolve_course`; notebook-cell
predicates (nbgrader's, once) are in :mod:`grading.core.cells`; how a submission differs
from the gradebook's record is decided once, by :func:`grading.core.record.judge`; defaults in
:mod:`grading.core.defaults` and :class:`grading.executor.Limits`.
"""

from __future__ import annotations

from toolkit._lazy import lazy_names

# Public name -> the module that defines it. Imported on first use, so
# `import grading.executor._zygote` (the process every sandbox is forked from)
# loads no verb, and `import grading` stays cheap.
_EXPORTS = {
    "AutogradeResult": "verbs.autograde",
    "BuildError": "core.errors",
    "BuildResult": "verbs.build",
    "Cohort": "classroom.cohort",
    "CohortError": "core.errors",
    "CohortStatus": "verbs.status",
    "CollectResult": "verbs.collect",
    "Course": "core.course",
    "CourseError": "core.errors",
    "DemoError": "core.errors",
    "DemoResult": "verbs.demo",
    "FeedbackLeakError": "core.errors",
    "FeedbackResult": "verbs.feedback",
    "GradebookError": "core.errors",
    "GradeRow": "verbs.grades",
    "GradingError": "core.errors",
    "HocsoError": "core.errors",
    "Judgement": "core.record",
    "Learner": "classroom.roster",
    "ReleaseLeakError": "core.errors",
    "ReleaseResult": "verbs.release",
    "RosterError": "core.errors",
    "RosterResult": "classroom.roster",
    "SandboxRefused": "core.errors",
    "SelfCheckError": "core.errors",
    "SolutionsTooEarlyError": "core.errors",
    "SubmissionGrade": "verbs.autograde",
    "SyncResult": "classroom.workspace",
    "WorkspaceError": "core.errors",
    "ZygoteError": "core.errors",
    "autograde": "verbs.autograde",
    "build": "verbs.build",
    "check_release": "verbs.build",
    "collect": "verbs.collect",
    "demo": "verbs.demo",
    "feedback": "verbs.feedback",
    "grades": "verbs.grades",
    "import_roster": "classroom.roster",
    "judge": "core.record",
    "lab": "jupyter.launch",
    "open_cohort": "classroom.cohort",
    "open_course": "core.course",
    "prepare_workspace": "jupyter.launch",
    "read_roster": "classroom.roster",
    "release": "verbs.release",
    "set_manual_grade": "verbs.grades",
    "status": "verbs.status",
    "sync_files": "classroom.workspace",
    "write_grades_csv": "verbs.grades",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_names(
    __name__,
    _EXPORTS,
    ("classroom", "core", "exchange", "executor", "jupyter", "progress", "verbs"),
    __all__,
)
