"""Typed failures of the trainer side; each maps to a CLI exit code."""

from __future__ import annotations

__all__ = ["BuildError", "CourseError", "HocsoError", "ReleaseLeakError", "WorkspaceError"]


class HocsoError(Exception):
    """Base class: a failure a trainer can act on. ``exit_code`` is what the CLI returns.

    Codes start at 3: 1 is an unexpected crash and 2 is a usage error (argparse).
    """

    exit_code = 1


class CourseError(HocsoError):
    """The course folder is missing, malformed or lacks an assignment."""

    exit_code = 3


class BuildError(HocsoError):
    """nbgrader could not generate the learner version of an assignment."""

    exit_code = 4


class ReleaseLeakError(BuildError):
    """The learner version still holds solution or hidden-test text."""

    exit_code = 5


class WorkspaceError(HocsoError):
    """The learner workspace could not be prepared."""

    exit_code = 6
