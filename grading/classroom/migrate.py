"""``hocso db migrate --to URL``: move a course from SQLite to PostgreSQL, nothing lost.

What moves, in **one transaction** of the target database:

* every table of the SQLite gradebook: nbgrader's (learners, assignments,
  notebooks, cells, submissions with their timestamps, grades, comments), its
  ``alembic_version``, and any other table found there (e.g. exchange metadata),
  re-created on the target with their generic column types;
* the cohort's state documents from ``<course>/.hocso`` (:mod:`grading.classroom.state`:
  roster details, autograde ledger, enrolments, attempt logs) into ``hocso_state``.

The rules:

* the SQLite source is opened **read-only** (``mode=ro``): nothing a migration
  does, finished or failed, can change it, and the course keeps working on it
  until the trainer switches the URL;
* every target row must already be a row of the source, or be missing: rows
  missing are inserted, rows present are left alone. Running it twice copies
  nothing the second time (never a duplicate); a target holding anything else
  (another course, grades changed after a first migration) is **refused**,
  naming the table, and nothing is written;
* before the commit every table of the target is compared row by row with the
  source; any difference rolls everything back.

The cohort then uses PostgreSQL once its URL is given (``--db-url``,
``$HOCSO_DB_URL`` or ``c.CourseDirectory.db_url``); the files in ``.hocso`` stay
as they were (a copy to go back to).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grading.classroom.cohort import Cohort
from grading.classroom.database import redact_url
from grading.classroom.state import STATE_TABLE, FileState, state_table
from grading.core.errors import CohortError
from grading.core.messages import say

__all__ = ["MIGRATED_DOCUMENTS", "Migration", "migrate", "state_documents"]

#: State documents that move with a course (their names in :mod:`grading.classroom.state`).
MIGRATED_DOCUMENTS = ("roster.csv", "autograde.json", "enrolments.json")


@dataclass(frozen=True)
class Migration:
    """What ``migrate`` did: rows per table (copied now, and in the target after)."""

    source: str
    target: str  # password redacted
    copied: dict[str, int]
    total: dict[str, int]
    seconds: float

    @property
    def nothing_to_do(self) -> bool:
        """True when the target already held everything (a second run)."""
        return not any(self.copied.values())


def state_documents(state_dir: Path) -> dict[str, str]:
    """The cohort's state documents found in ``state_dir`` (``.hocso``), by name."""
    files = FileState(state_dir)
    names = [n for n in MIGRATED_DOCUMENTS if files.read(n) is not None]
    names += [n for n in files.names("attempts/") if n.count("/") == 2 and n.endswith(".jsonl")]
    return {name: files.read(name) or "" for name in names}


def _readonly_sqlite(url: str) -> Any:
    from sqlalchemy import create_engine

    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_file():
        raise CohortError(say("hocso.error.migrate_no_sqlite", path=path))
    return create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")


def _tables(source: Any) -> list[Any]:
    """nbgrader's tables, then any other source table (``alembic_version``, exchange metadata)."""
    from nbgrader.api import Base
    from sqlalchemy import MetaData, inspect

    names = set(inspect(source).get_table_names())
    ordered = [t for t in Base.metadata.sorted_tables if t.name in names]
    known = {t.name for t in ordered} | {STATE_TABLE}
    others = MetaData()
    reflected = MetaData()
    reflected.reflect(bind=source, only=sorted(names - known))
    for table in reflected.sorted_tables:
        copy = table.to_metadata(others)
        for column in copy.columns:  # SQLite's DATETIME → DateTime, compiled for the target
            column.type = column.type.as_generic()
    return ordered + list(others.sorted_tables)


def _rows(connection: Any, table: Any) -> list[tuple]:
    from sqlalchemy import select

    columns = list(table.columns)
    order = list(table.primary_key.columns) or columns
    return [tuple(r) for r in connection.execute(select(*columns).order_by(*order))]


def _refuse(target: str, table: str, extra: Iterable[tuple]) -> CohortError:
    sample = next(iter(extra))
    return CohortError(
        say("hocso.error.migrate_target_not_empty", target=target, table=table, sample=sample[:3])
    )


def migrate(cohort: Cohort, to_url: str, *, state_dir: Path | None = None) -> Migration:
    """Copy ``cohort``'s SQLite gradebook and state documents into ``to_url``.

    Raises
    ------
    CohortError
        If the source is not SQLite, the target is not another database, cannot
        be reached, or holds other data (nothing is written then), or if the
        copy differs from the source (rolled back).
    """
    from sqlalchemy import create_engine, insert
    from sqlalchemy.exc import SQLAlchemyError

    if not cohort.db_url.startswith("sqlite:///"):
        raise CohortError(say("hocso.error.migrate_not_sqlite", url=redact_url(cohort.db_url)))
    if to_url.startswith("sqlite"):
        raise CohortError(say("hocso.error.migrate_target_sqlite", url=redact_url(to_url)))
    shown = redact_url(to_url)
    started = time.perf_counter()
    source = _readonly_sqlite(cohort.db_url)
    documents = state_documents(state_dir or cohort.state_dir)
    try:
        target = create_engine(to_url, future=True)
    except ImportError as exc:
        driver = exc.name or exc
        raise CohortError(
            say("hocso.error.migrate_driver_missing", url=shown, driver=driver)
        ) from exc
    copied: dict[str, int] = {}
    total: dict[str, int] = {}
    try:
        with source.connect() as read:
            tables = _tables(source)
            contents = {t.name: _rows(read, t) for t in tables}
        states = state_table()
        tables.append(states)
        contents[STATE_TABLE] = sorted(
            (cohort.course_id, name, text) for name, text in documents.items()
        )
        with target.begin() as write:
            for table in tables:
                table.create(write, checkfirst=True)
            for table in tables:
                if table is states:
                    # other courses' documents in the same database are theirs
                    present = {r[:3] for r in _rows(write, table) if r[0] == cohort.course_id}
                else:
                    present = set(_rows(write, table))
                wanted = set(contents[table.name])
                extra = present - wanted
                if extra:
                    raise _refuse(shown, table.name, extra)
                missing = sorted(wanted - present)
                if missing:
                    if table is states:
                        import datetime as dt

                        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
                        values = [
                            {"course_id": c, "name": n, "content": t, "updated": now}
                            for c, n, t in missing
                        ]
                    else:
                        names = [c.name for c in table.columns]
                        values = [dict(zip(names, row, strict=True)) for row in missing]
                    write.execute(insert(table), values)
                copied[table.name] = len(missing)
            for table in tables:  # the proof, before anything is committed
                rows = _rows(write, table)
                if table is states:
                    rows = [r[:3] for r in rows if r[0] == cohort.course_id]
                if sorted(rows) != sorted(contents[table.name]):
                    raise CohortError(
                        say("hocso.error.migrate_differs", table=table.name, url=shown)
                    )
                total[table.name] = len(rows)
    except SQLAlchemyError as exc:
        raise CohortError(say("hocso.error.migrate_failed", url=shown, detail=exc)) from exc
    finally:
        source.dispose()
        target.dispose()
    return Migration(
        source=cohort.db_url,
        target=shown,
        copied=copied,
        total=total,
        seconds=time.perf_counter() - started,
    )
