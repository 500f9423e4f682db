"""Where a cohort keeps what nbgrader's gradebook has no place for.

The roster's full names and groups (``roster.csv``), the autograde ledger
(``autograde.json``), the enrolments of a shared account (``enrolments.json``)
and the learners' attempt logs (``attempts/<assignment>/<learner>.jsonl``) are
small text documents, each owned by the module that reads and checks it. They
live beside the gradebook:

* **SQLite gradebook** (one laptop, the embedded default): files in
  ``<course>/.hocso/`` (:class:`FileState`), written atomically, the version
  replaced kept as ``<name>.bak``, read-modify-writes under ``flock``;
* **any other database** (PostgreSQL for a class): rows of the table
  ``hocso_state`` (course, name, content, updated) in the gradebook's own
  database (:class:`DatabaseState`), read-modify-writes in one transaction
  holding the row's lock, so two trainers' processes never lose each other's
  entries.

Both offer the same five operations: :meth:`read`, :meth:`write`,
:meth:`delete`, :meth:`names` and :meth:`update`.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> for state in (FileState(folder), DatabaseState("sqlite://", "lop")):
...     state.write("attempts/00-a/hv01.jsonl", "{}\\n")
...     _ = state.update("autograde.json", lambda old: (old or "") + "x")
...     print(state.names("attempts/"), state.read("autograde.json"), state.read("nothing"))
['attempts/00-a/hv01.jsonl'] x None
['attempts/00-a/hv01.jsonl'] x None
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "STATE_TABLE",
    "DatabaseState",
    "FileState",
    "State",
    "check_name",
    "state_for",
]

#: The table of :class:`DatabaseState`.
STATE_TABLE = "hocso_state"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,127}(/[a-z0-9][a-z0-9_.+-]{0,127}){0,3}$")


def check_name(name: str) -> str:
    """``name`` if it is a safe document name (lowercase, no ``..``, at most 4 parts).

    Examples
    --------
    >>> check_name("attempts/00-lam-quen/hv01.jsonl")
    'attempts/00-lam-quen/hv01.jsonl'
    >>> check_name("../identity.key")
    Traceback (most recent call last):
    ...
    ValueError: '../identity.key' is not a state document name
    """
    if not _NAME.match(name) or ".." in name:
        raise ValueError(f"{name!r} is not a state document name")
    return name


class FileState:
    """State documents as files under ``root`` (``<course>/.hocso``)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"FileState({str(self.root)!r})"

    def where(self, name: str) -> str:
        """Where ``name`` is, for messages: its path."""
        return str(self.root / check_name(name))

    def path(self, name: str) -> Path:
        return self.root / check_name(name)

    def read(self, name: str) -> str | None:
        """The document's text, or None when there is none."""
        try:
            return self.path(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def write(self, name: str, text: str) -> None:
        """Replace the document atomically, keeping the version it replaces as ``.bak``."""
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if path.is_file():
                link = f"{tmp}.bak"
                os.link(path, link)  # the current version, under a second name: no copy
                os.replace(link, path.with_name(f"{path.name}.bak"))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def names(self, prefix: str = "") -> list[str]:
        """Names of the documents starting with ``prefix``, sorted (``.bak`` and locks left out)."""
        if not self.root.is_dir():
            return []
        found = []
        for path in self.root.rglob("*"):
            rel = path.relative_to(self.root).as_posix()
            if path.is_file() and rel.startswith(prefix) and _NAME.match(rel):
                if not rel.endswith((".bak", ".lock", ".tmp")):
                    found.append(rel)
        return sorted(found)

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold ``<name>.lock`` exclusively (released on exit, even on a crash)."""
        import fcntl

        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_name(f"{path.name}.lock"), "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def update(self, name: str, change: Callable[[str | None], str | None]) -> str | None:
        """``change(old text)`` written back under the lock (None deletes); returns the new text."""
        with self.lock(name):
            new = change(self.read(name))
            if new is None:
                self.delete(name)
            else:
                self.write(name, new)
            return new


_engines: dict[str, Any] = {}
_engines_lock = threading.Lock()


def _table(metadata: Any) -> Any:
    from sqlalchemy import Column, DateTime, String, Table, Text

    return Table(
        STATE_TABLE,
        metadata,
        Column("course_id", String(128), primary_key=True),
        Column("name", String(512), primary_key=True),
        Column("content", Text, nullable=False),
        Column("updated", DateTime, nullable=False),
    )


def state_table() -> Any:
    """The ``hocso_state`` table (SQLAlchemy Core), on a metadata of its own."""
    from sqlalchemy import MetaData

    return _table(MetaData())


@contextlib.contextmanager
def _database_errors(url: str) -> Iterator[None]:
    """SQLAlchemy's and the driver's failures as :class:`~grading.core.errors.CohortError`."""
    from sqlalchemy.exc import SQLAlchemyError

    from grading.classroom.database import redact_url
    from grading.core.errors import CohortError
    from grading.core.messages import say

    try:
        yield
    except ImportError as exc:
        driver = exc.name or exc
        raise CohortError(
            say("hocso.error.state_driver_missing", url=redact_url(url), driver=driver)
        ) from exc
    except SQLAlchemyError as exc:
        raise CohortError(
            say("hocso.error.state_unusable", url=redact_url(url), detail=exc)
        ) from exc


class DatabaseState:
    """State documents as rows of ``hocso_state`` in the database at ``url``.

    Raises :class:`~grading.core.errors.CohortError` when the database cannot be
    reached or used (a server down, a driver missing).
    """

    def __init__(self, url: str, course_id: str) -> None:
        self.url = url
        self.course_id = course_id
        self.table = state_table()

    def __repr__(self) -> str:
        from grading.classroom.database import redact_url

        return f"DatabaseState({redact_url(self.url)!r}, {self.course_id!r})"

    def where(self, name: str) -> str:
        from grading.classroom.database import redact_url

        return f"{STATE_TABLE}[{self.course_id}/{check_name(name)}] in {redact_url(self.url)}"

    def engine(self) -> Any:
        """One engine per URL for the process; the table is created on first use."""
        with _engines_lock:
            engine = _engines.get(self.url)
            if engine is None:
                from sqlalchemy import create_engine, inspect

                engine = create_engine(self.url, future=True)
                if not inspect(engine).get_table_names() and not self.url.startswith("sqlite"):
                    # nbgrader stamps its schema version only into an empty database
                    # (``Gradebook`` checks for any table): let it go first.
                    from nbgrader.api import Gradebook

                    from grading.core.course import ensure_scripts_on_path

                    ensure_scripts_on_path()  # nbgrader runs the `alembic` command
                    Gradebook(self.url, self.course_id).close()
                self.table.metadata.create_all(engine)
                _engines[self.url] = engine
            return engine

    def _key(self, name: str) -> Any:
        return (self.table.c.course_id == self.course_id) & (self.table.c.name == check_name(name))

    def read(self, name: str) -> str | None:
        from sqlalchemy import select

        with _database_errors(self.url), self.engine().connect() as connection:
            row = connection.execute(select(self.table.c.content).where(self._key(name))).first()
        return None if row is None else str(row[0])

    def _put(self, connection: Any, name: str, text: str, exists: bool) -> None:
        from sqlalchemy import insert, update

        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        if exists:
            connection.execute(
                update(self.table).where(self._key(name)).values(content=text, updated=now)
            )
        else:
            connection.execute(
                insert(self.table).values(
                    course_id=self.course_id, name=name, content=text, updated=now
                )
            )

    def write(self, name: str, text: str) -> None:
        self.update(name, lambda _old: text)

    def delete(self, name: str) -> None:
        from sqlalchemy import delete

        with _database_errors(self.url), self.engine().begin() as connection:
            connection.execute(delete(self.table).where(self._key(name)))

    def names(self, prefix: str = "") -> list[str]:
        from sqlalchemy import select

        query = select(self.table.c.name).where(self.table.c.course_id == self.course_id)
        with _database_errors(self.url), self.engine().connect() as connection:
            names = [str(row[0]) for row in connection.execute(query)]
        return sorted(n for n in names if n.startswith(prefix))

    def update(self, name: str, change: Callable[[str | None], str | None]) -> str | None:
        """``change(old text)`` written back in one transaction holding the document's lock.

        PostgreSQL: a transaction-scoped advisory lock on (course, name), so even
        the first writer of a new document waits for another; other databases
        rely on their transaction alone.
        """
        import zlib

        from sqlalchemy import delete, select, text

        check_name(name)
        with _database_errors(self.url):
            engine = self.engine()
        with _database_errors(self.url), engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                key = zlib.crc32(f"{self.course_id}\0{name}".encode())
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
            row = connection.execute(select(self.table.c.content).where(self._key(name))).first()
            old = None if row is None else str(row[0])
            new = change(old)
            if new is None:
                connection.execute(delete(self.table).where(self._key(name)))
            elif new != old:
                self._put(connection, name, new, exists=row is not None)
            return new

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """No separate lock: :meth:`update` is atomic on its own."""
        yield


#: Either store; every reader and writer of state documents takes this.
State = FileState | DatabaseState


def state_for(db_url: str, course_id: str, state_dir: Path) -> State:
    """Files beside a SQLite gradebook, rows of ``hocso_state`` beside any other."""
    if db_url.startswith("sqlite"):
        return FileState(state_dir)
    return DatabaseState(db_url, course_id)
