"""Học Số trainer side: a Python API and the ``hocso`` CLI over nbgrader.

One function per verb; results are frozen dataclasses and failures typed
exceptions (:mod:`grading.errors`). Heavy imports (nbgrader, traitlets) happen
inside the verbs, so ``import grading`` is cheap.
"""

from __future__ import annotations

from grading.build import BuildResult, build, check_release
from grading.course import Course, open_course
from grading.errors import BuildError, CourseError, HocsoError, ReleaseLeakError, WorkspaceError
from grading.lab import lab, prepare_workspace
from grading.workspace import SyncResult, sync_files

__all__ = [
    "BuildError",
    "BuildResult",
    "Course",
    "CourseError",
    "HocsoError",
    "ReleaseLeakError",
    "SyncResult",
    "WorkspaceError",
    "build",
    "check_release",
    "lab",
    "open_course",
    "prepare_workspace",
    "sync_files",
]
