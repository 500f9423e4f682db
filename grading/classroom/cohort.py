"""A cohort run from one laptop: the course, its gradebook and the exchange folder.

Every trainer verb (``roster``, ``release``, ``collect``, ``autograde``,
``feedback``, ``grades``, ``status``) works on a :class:`Cohort`. Its settings
are resolved here, in one place, highest priority first:

* **exchange folder**: the ``exchange`` argument (``hocso --exchange``), then
  ``$HOCSO_EXCHANGE``, then ``c.Exchange.root`` in the course's
  ``nbgrader_config.py``, then ``<user data dir>/hocso/exchange``
  (``~/.local/share/hocso/exchange`` on Linux);
* **gradebook**: the ``db_url`` argument (``hocso --db-url``), then
  ``$HOCSO_DB_URL``, then ``c.CourseDirectory.db_url`` in ``nbgrader_config.py``,
  then nbgrader's default, ``sqlite:///<course>/gradebook.db``. A URL is passed to
  nbgrader unchanged, so ``postgresql://…`` works as it does for nbgrader;
* **per-cell time limit**: the ``timeout`` argument, then ``c.Execute.timeout``
  in ``nbgrader_config.py`` (see :func:`resolve_timeout`).

State of the cohort that nbgrader has no place for (the roster's full names
and groups, the reasons of failed autogrades) lives in ``<course>/.hocso/``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grading.core.course import Course, ensure_scripts_on_path, open_course
from grading.core.errors import CohortError, gradebook_error
from grading.core.messages import say
from grading.core.nbgrader_env import quiet_nbgrader, skip_slow_optional_imports
from grading.core.times import FORMGRADER_TIME_FORMAT, class_timezone_name
from grading.executor._policy import Limits

if TYPE_CHECKING:  # pragma: no cover
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    from grading.classroom.state import State

__all__ = [
    "DB_URL_ENV",
    "DEFAULT_TIMEOUT",
    "EXCHANGE_ENV",
    "Cohort",
    "default_exchange_root",
    "learner_config_text",
    "open_cohort",
    "resolve_timeout",
]

EXCHANGE_ENV = "HOCSO_EXCHANGE"
DB_URL_ENV = "HOCSO_DB_URL"
#: The per-cell time limit when the config sets none, in seconds: nbgrader's own
#: default (``Execute.timeout``), defined once in :class:`grading.executor.Limits`.
DEFAULT_TIMEOUT = int(Limits.cell_timeout)
#: Kernel-side log level while grading: the kernel's "running over TCP without
#: encryption" warning on every start would bury the messages a trainer needs.
_KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


def default_exchange_root() -> Path:
    """``$HOCSO_EXCHANGE`` if set, else ``hocso/exchange`` in the user's data folder."""
    if os.environ.get(EXCHANGE_ENV):
        return Path(os.environ[EXCHANGE_ENV]).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("hocso", appauthor=False)) / "exchange"


def resolve_timeout(config: Config, *, source: str = "nbgrader_config.py") -> int:
    """The per-cell time limit nbgrader will really use, refusing silent surprises.

    nbgrader's ``Execute`` preprocessor subclasses nbclient's
    ``ExecutePreprocessor`` and redefines ``timeout``; when a configuration sets
    both ``Execute.timeout`` and ``ExecutePreprocessor.timeout``, the subclass's
    value silently wins (and the course file sets ``Execute.timeout``). Two
    different values are therefore an error naming the fix; one value, set on
    either, is used.

    Raises
    ------
    CohortError
        If both are set and differ.
    """
    execute = config.Execute.get("timeout") if "Execute" in config else None
    legacy = config.ExecutePreprocessor.get("timeout") if "ExecutePreprocessor" in config else None
    if execute is not None and legacy is not None and execute != legacy:
        raise CohortError(
            say("hocso.error.timeout_conflict", source=source, legacy=legacy, execute=execute)
        )
    value = execute if execute is not None else legacy
    return DEFAULT_TIMEOUT if value is None else int(value)


@dataclass(frozen=True)
class Cohort:
    """A course with its gradebook and exchange: what every trainer verb works on."""

    course: Course
    exchange_root: Path
    db_url: str
    timeout: int = DEFAULT_TIMEOUT

    @property
    def root(self) -> Path:
        return self.course.root

    @property
    def course_id(self) -> str:
        return self.course.course_id

    @property
    def state_dir(self) -> Path:
        """``<course>/.hocso``: roster details and autograde failure reasons."""
        return self.root / ".hocso"

    @property
    def state(self) -> State:
        """Roster details, ledger, enrolments, attempt logs: :mod:`grading.classroom.state`.

        Files in :attr:`state_dir` beside a SQLite gradebook; rows of the
        gradebook's own database (``hocso_state``) beside PostgreSQL.
        """
        from grading.classroom.state import state_for

        return state_for(self.db_url, self.course_id, self.state_dir)

    def folder(self, step: str, learner: str, assignment: str) -> Path:
        """``<course>/<step>/<learner>/<assignment>`` (step: submitted, autograded, feedback)."""
        return self.root / step / learner / assignment

    def learners_in(self, step: str, assignment: str) -> list[str]:
        """Learners with a folder for ``assignment`` under ``step``, sorted."""
        base = self.root / step
        if not base.is_dir():
            return []
        return sorted(
            p.name
            for p in base.iterdir()
            if not p.name.startswith(".") and (p / assignment).is_dir()
        )

    def settings(self) -> dict[str, Any]:
        """nbgrader settings ``hocso`` applies over ``nbgrader_config.py``."""
        from grading.core import steps as _steps
        from grading.executor.preprocessor import sanitize_steps

        return {
            "Exchange.root": str(self.exchange_root),
            "CourseDirectory.db_url": self.db_url,
            "Execute.timeout": self.timeout,
            "Execute.extra_arguments": list(_KERNEL_ARGUMENTS),
            # deleted test cells are put back (else their grades stay empty)
            "OverwriteCells.add_missing_cells": True,
            "Autograde.sanitize_preprocessors": sanitize_steps(),
            "GenerateFeedback.preprocessors": _steps.feedback_steps(),
            # Formgrader's due dates and submission times: the class's zone, day first
            "NbGraderAPI.timezone": class_timezone_name(),
            "NbGraderAPI.timestamp_format": FORMGRADER_TIME_FORMAT,
            **_hub_exchange_settings(self.course),
        }

    def config(self) -> Config:
        return self.course.config(**self.settings())

    def api(self, **extra: Any) -> NbGraderAPI:
        """An ``NbGraderAPI`` bound to this cohort (course, gradebook, exchange).

        ``extra`` are more ``{"Section.option": value}`` settings, applied last.
        """
        skip_slow_optional_imports()
        with quiet_nbgrader():
            return self.course.api(**{**self.settings(), **extra})

    @contextlib.contextmanager
    def gradebook(self) -> Iterator[Gradebook]:
        """nbgrader's gradebook, closed on exit.

        Raises
        ------
        CohortError
            If the database driver is not installed.
        GradebookError
            If the database cannot be opened or fails while in use: a damaged or
            locked SQLite file, a PostgreSQL server that is down
            (:func:`grading.core.errors.gradebook_error` names the fix).
        """
        skip_slow_optional_imports()
        ensure_scripts_on_path()  # a new gradebook runs the `alembic` command
        from nbgrader.api import Gradebook

        from grading.classroom.database import redact_url

        try:
            gradebook = Gradebook(self.db_url, self.course_id)
        except ImportError as exc:  # e.g. postgresql:// without its driver installed
            raise CohortError(
                say(
                    "hocso.error.db_driver_missing",
                    gradebook=redact_url(self.db_url),
                    detail=exc.name or exc,
                )
            ) from exc
        except Exception as exc:
            failure = gradebook_error(exc, self.db_url)
            if failure is None:
                raise
            raise failure from exc
        try:
            with quiet_nbgrader():
                yield gradebook
        except Exception as exc:
            failure = gradebook_error(exc, self.db_url)
            if failure is None:
                raise
            raise failure from exc
        finally:
            gradebook.close()


#: The hub-authenticated exchange service's URL (``hocso hub``); see grading.exchange.remote.
HUB_EXCHANGE_ENV = "HOCSO_EXCHANGE_URL"


def _hub_exchange_settings(course: Course) -> dict[str, Any]:
    """nbgrader's exchange classes for the hub's exchange service, when one is configured.

    ``$HOCSO_EXCHANGE_URL`` or ``c.HubExchange.url`` in the course's config routes
    ``hocso release`` / ``feedback`` through :mod:`grading.exchange.remote`.
    """
    url = os.environ.get(HUB_EXCHANGE_ENV)
    if not url:
        loaded = course.config()
        url = loaded.HubExchange.get("url") if "HubExchange" in loaded else None
    if not url:
        return {}
    remote = "grading.exchange.remote"
    return {
        "HubExchange.url": str(url),
        "ExchangeFactory.release_assignment": f"{remote}.HubReleaseAssignment",
        "ExchangeFactory.release_feedback": f"{remote}.HubReleaseFeedback",
    }


def open_cohort(
    course: Course | str | Path | None = None,
    *,
    exchange: str | Path | None = None,
    db_url: str | None = None,
    timeout: int | None = None,
) -> Cohort:
    """Resolve a cohort's settings (see the module docstring for the order).

    Raises
    ------
    CourseError
        If ``course`` is not a course root.
    CohortError
        If the time-limit settings contradict each other.
    """
    if not isinstance(course, Course):
        course = open_course(course)
    loaded = course.config()
    if exchange is not None:
        root = Path(exchange).expanduser().resolve()
    elif os.environ.get(EXCHANGE_ENV):
        root = default_exchange_root()
    elif "Exchange" in loaded and loaded.Exchange.get("root"):
        root = Path(loaded.Exchange.root).expanduser().resolve()
    else:
        root = default_exchange_root()
    if db_url is None:
        db_url = os.environ.get(DB_URL_ENV) or None
    if db_url is None and loaded.CourseDirectory.get("db_url"):
        db_url = str(loaded.CourseDirectory.db_url)
    if db_url is None:
        db_url = f"sqlite:///{course.root / 'gradebook.db'}"
    configured = resolve_timeout(loaded, source=str(course.root / "nbgrader_config.py"))
    return Cohort(
        course=course,
        exchange_root=root,
        db_url=db_url,
        timeout=configured if timeout is None else int(timeout),
    )


def learner_config_text(cohort: Cohort, learner: str | None = None) -> str:
    """A ``nbgrader_config.py`` for a learner's JupyterLab folder on this machine.

    With it, the *Assignments* tab fetches from and submits to this cohort's
    exchange. ``learner`` fixes the learner id, for learners who share one
    computer account (otherwise nbgrader uses the account name).
    """
    lines = [
        "# Written by `hocso release --learner-config`: where this JupyterLab finds",
        "# the class's assignments. Safe to delete; hocso never overwrites your edits.",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {cohort.course_id!r}",
        f"c.Exchange.root = {str(cohort.exchange_root)!r}",
    ]
    if learner:
        lines.append(f"c.CourseDirectory.student_id = {learner!r}")
    return "\n".join(lines) + "\n"
