"""Typed failures of the trainer side; each maps to a CLI exit code."""

from __future__ import annotations

__all__ = [
    "BuildError",
    "CohortError",
    "CourseError",
    "DemoError",
    "FeedbackLeakError",
    "GradingError",
    "HocsoError",
    "ReleaseLeakError",
    "RosterError",
    "WorkspaceError",
]


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


# Trainer cycle (roster, release, collect, autograde, feedback, grades): codes from 10.


class RosterError(HocsoError):
    """A roster file was refused; ``problems`` lists ``(line, message)`` pairs."""

    exit_code = 10

    def __init__(self, message: str, problems: tuple[tuple[int, str], ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class CohortError(HocsoError):
    """The exchange, the gradebook or the cohort configuration is unusable."""

    exit_code = 11


class GradingError(HocsoError):
    """Some submissions could not be graded or their feedback not returned.

    The batch still ran to the end; the summary names each failure.
    """

    exit_code = 12


class FeedbackLeakError(GradingError):
    """A feedback file would have shown hidden-test text; it was withheld."""

    exit_code = 13


class DemoError(HocsoError):
    """``hocso demo`` did not reproduce its designed scores."""

    exit_code = 14
