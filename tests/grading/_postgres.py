"""A throw-away local PostgreSQL server for tests (``grading.classroom.database``).

Under ``CI=true`` (or ``HOCSO_REQUIRE_POSTGRES=1``) a missing ``initdb``/``pg_ctl``
or psycopg2 FAILS the test; elsewhere it skips with the reason.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def postgres_required(environ: dict[str, str] | None = None) -> bool:
    """Whether a missing PostgreSQL must fail the run (``CI=true`` or ``HOCSO_REQUIRE_POSTGRES=1``)."""
    environ = os.environ if environ is None else environ
    return environ.get("CI", "").lower() == "true" or environ.get("HOCSO_REQUIRE_POSTGRES") == "1"


def missing_postgres() -> str | None:
    """What is missing to run a local server here, or None."""
    from grading.classroom.database import postgres_programs
    from grading.core.errors import CohortError

    if importlib.util.find_spec("psycopg2") is None:
        return "the psycopg2 driver is not installed (pip install psycopg2-binary)"
    try:
        postgres_programs()
    except CohortError as exc:
        return str(exc)
    return None


def need_postgres(environ: dict[str, str] | None = None) -> None:
    """Skip when PostgreSQL is missing, unless it is required (CI): then fail."""
    problem = missing_postgres()
    if problem is None:
        return
    if postgres_required(environ):
        pytest.fail(f"PostgreSQL required (CI / HOCSO_REQUIRE_POSTGRES) but {problem}")
    pytest.skip(problem)


@contextlib.contextmanager
def local_postgres() -> Iterator[str]:
    """A running server in a fresh /tmp folder (its URL); stopped and deleted on exit.

    Not under pytest's tmp_path: that folder is 0700 root, and the server runs
    as ``postgres`` when the tests run as root.
    """
    from grading.classroom.database import start_local_postgres, stop_local_postgres

    need_postgres()
    folder = Path(tempfile.mkdtemp(prefix="hocso-pg-"))
    os.chmod(folder, 0o755)
    try:
        yield start_local_postgres(folder / "server", durable=False)
    finally:
        try:
            stop_local_postgres(folder / "server")
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def new_database(url: str, name: str) -> str:
    """Create database ``name`` on the server of ``url``; its URL."""
    import psycopg2
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    connection = psycopg2.connect(
        host=parsed.host, port=parsed.port, user=parsed.username,
        password=parsed.password, dbname="postgres",
    )  # fmt: skip
    try:
        connection.autocommit = True  # CREATE DATABASE refuses to run in a transaction
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()
    return parsed.set(database=name).render_as_string(hide_password=False)
