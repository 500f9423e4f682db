"""Typed failures of the trainer side, and the one table of their CLI exit codes.

Every failure a trainer can act on is a :class:`HocsoError`. Its exit code is
read from :data:`EXIT_CODES` (``cls.exit_code`` is set from it, so
``GradingError.exit_code`` still reads naturally); a class that is not in the
table takes its nearest ancestor's code, and a test walks every subclass found
by introspection, so a new error class must be given a code here.

Codes: 0 success, 1 an unexpected crash, 2 a usage error (argparse), 3-9 the
course and its build, 10-19 the trainer cycle (roster, exchange, gradebook,
grading, feedback), 20-29 progress and certificates, 30-39 the executor.

Examples
--------
>>> exit_code_of(GradebookError("x")), GradebookError.exit_code
(11, 11)
>>> exit_code_of(KeyError("x"))
1
"""

from __future__ import annotations

__all__ = [
    "EXIT_CODES",
    "BuildError",
    "CertificateError",
    "CohortError",
    "CourseError",
    "DemoError",
    "FeedbackLeakError",
    "GradebookError",
    "GradingError",
    "HocsoError",
    "HubError",
    "ReleaseLeakError",
    "RootRequired",
    "RosterError",
    "SandboxRefused",
    "SelfCheckError",
    "SolutionsTooEarlyError",
    "VerificationFailed",
    "WorkspaceError",
    "ZygoteError",
    "exit_code_of",
    "gradebook_error",
]


class HocsoError(Exception):
    """Base class: a failure a trainer can act on; its message names the thing and the fix."""

    exit_code = 1


class CourseError(HocsoError):
    """The course folder is missing, malformed or lacks an assignment."""


class BuildError(HocsoError):
    """nbgrader could not generate the learner version of an assignment."""


class ReleaseLeakError(BuildError):
    """The learner version still holds solution or hidden-test text."""


class SelfCheckError(BuildError, RuntimeError):
    """A hidden check whose self-check cannot be built (a trainer's mistake in a test cell)."""


class WorkspaceError(HocsoError):
    """The learner workspace could not be prepared."""


class SolutionsTooEarlyError(HocsoError):
    """The due date has not passed (or none is set) and ``force`` was not given."""


class RosterError(HocsoError):
    """A roster file was refused; ``problems`` lists ``(line, message)`` pairs."""

    def __init__(self, message: str, problems: tuple[tuple[int, str], ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class CohortError(HocsoError):
    """The exchange, the gradebook or the cohort configuration is unusable."""


class GradebookError(CohortError):
    """The gradebook database is damaged, locked or unreachable (see :func:`gradebook_error`)."""


class GradingError(HocsoError):
    """Some submissions could not be graded or their feedback not returned.

    The batch still ran to the end; the summary names each failure.
    """


class FeedbackLeakError(GradingError):
    """A feedback file would have shown hidden-test text; it was withheld."""


class DemoError(HocsoError):
    """``hocso demo`` did not reproduce its designed scores."""


class CertificateError(HocsoError):
    """Certificates cannot be made (e.g. the secret is unreadable)."""


class VerificationFailed(HocsoError):
    """A verification code that does not match the gradebook."""


class ZygoteError(HocsoError, RuntimeError):
    """The executor's zygote could not be started or stopped answering."""


class SandboxRefused(ZygoteError):
    """``sandbox="require"`` was asked for but a protection is unavailable."""


#: The one table: typed failure -> exit code of ``hocso``.
class HubError(HocsoError):
    """``hocso hub`` cannot go on (what is missing, and what to do)."""


class RootRequired(HubError):
    """Creating Unix users and running learners' servers as them needs root."""


EXIT_CODES: dict[type[HocsoError], int] = {
    HocsoError: 1,
    CourseError: 3,
    BuildError: 4,
    ReleaseLeakError: 5,
    WorkspaceError: 6,
    SolutionsTooEarlyError: 7,
    SelfCheckError: 8,
    RosterError: 10,
    CohortError: 11,
    GradebookError: 11,  # a gradebook that cannot be used is a cohort that cannot be used
    GradingError: 12,
    FeedbackLeakError: 13,
    DemoError: 14,
    HubError: 15,
    RootRequired: 16,
    CertificateError: 20,
    VerificationFailed: 21,
    ZygoteError: 30,
    SandboxRefused: 31,
}

for _cls, _code in EXIT_CODES.items():
    _cls.exit_code = _code
del _cls, _code


def exit_code_of(error: BaseException | type[BaseException]) -> int:
    """The exit code of ``error`` (an instance or a class): its own or its nearest ancestor's
    entry in :data:`EXIT_CODES`, 1 for anything that is not a :class:`HocsoError`.

    >>> class LateError(GradingError): ...
    >>> exit_code_of(LateError), exit_code_of(SandboxRefused("seccomp"))
    (12, 31)
    """
    cls = error if isinstance(error, type) else type(error)
    for ancestor in cls.__mro__:
        if ancestor in EXIT_CODES:
            return EXIT_CODES[ancestor]  # type: ignore[index]
    return 1


#: Exception classes (by module prefix and name) that mean the database failed.
_DATABASE_FAILURES = (
    ("sqlalchemy", "OperationalError"),
    ("sqlalchemy", "DatabaseError"),
    ("sqlalchemy", "InterfaceError"),
    ("sqlite3", "DatabaseError"),
    ("sqlite3", "OperationalError"),
    ("psycopg", "OperationalError"),
    ("psycopg2", "OperationalError"),
)


def _database_failure(error: BaseException) -> BaseException | None:
    """The database failure in ``error``'s chain (causes and contexts), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for cls in type(current).__mro__:
            root = cls.__module__.split(".")[0]
            if (root, cls.__name__) in _DATABASE_FAILURES:
                return current
        current = current.__cause__ or current.__context__
    return None


def _safe_url(db_url: str) -> str:
    """``db_url`` without its password.

    >>> _safe_url("postgresql://hocso:bi-mat@127.0.0.1/lop")
    'postgresql://hocso:***@127.0.0.1/lop'
    """
    scheme, sep, rest = db_url.partition("://")
    if not sep or "@" not in rest:
        return db_url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else db_url


def gradebook_error(error: BaseException, db_url: str) -> GradebookError | None:
    """A :class:`GradebookError` naming the gradebook and the fix, when ``error`` comes
    from its database (damaged or locked SQLite file, unreachable server); else ``None``.

    The message, in the trainer's language (:mod:`grading.core.messages`), names
    the file or URL, what went wrong and what to do.

    >>> import sqlite3
    >>> message = str(gradebook_error(sqlite3.DatabaseError("file is not a database"),
    ...                               "sqlite:////lop/gradebook.db"))  # any language
    >>> "/lop/gradebook.db.bak" in message and "PRAGMA integrity_check" in message
    True
    >>> gradebook_error(ValueError("x"), "sqlite:///g.db") is None
    True
    """
    found = None if isinstance(error, HocsoError) else _database_failure(error)
    if found is None:
        return None
    from grading.core.messages import say

    detail = (str(getattr(found, "orig", None) or found).strip().splitlines() or [""])[0][:200]
    if db_url.startswith("sqlite:///"):
        path = db_url[len("sqlite:///") :]
        locked = "locked" in detail.lower()
        key = "hocso.error.gradebook_locked" if locked else "hocso.error.gradebook_damaged"
        return GradebookError(say(key, path=path, detail=detail))
    return GradebookError(
        say("hocso.error.gradebook_unreachable", url=_safe_url(db_url), detail=detail)
    )
