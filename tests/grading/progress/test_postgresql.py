"""The same known answers from a PostgreSQL gradebook, when a server can be started here.

A throw-away PostgreSQL cluster is created with ``initdb`` in a temporary folder
(as the ``postgres`` user when the tests run as root), reached over a Unix
socket only, and stopped afterwards. Skipped when PostgreSQL's server programs
or the psycopg2 driver are missing.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .conftest import NOW, build_cohort

PORT = 54329


def _run(args, user):
    command = ["runuser", "-u", user, "--", *args] if user else list(args)
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def postgres_url():
    pytest.importorskip("psycopg2")
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server programs (initdb, pg_ctl) are not installed")
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server")
        user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="hocso-pg-"))
    data = folder / "data"
    if user:
        shutil.chown(folder, user)
    try:
        _run([initdb, "-D", str(data), "-U", "hocso", "--auth=trust", "-E", "UTF8"], user)
        _run(
            [pg_ctl, "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
             f"-k {folder} -p {PORT} -c listen_addresses=''", "start"],
            user,
        )  # fmt: skip
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"cannot start a PostgreSQL server here: {exc}")
    import psycopg2

    connection = psycopg2.connect(host=str(folder), port=PORT, user="hocso", dbname="postgres")
    connection.autocommit = True
    connection.cursor().execute("CREATE DATABASE gradebook")
    connection.close()
    try:
        yield f"postgresql+psycopg2://hocso@/gradebook?host={folder}&port={PORT}"
    finally:
        _run([pg_ctl, "-D", str(data), "-w", "-m", "fast", "stop"], user)
        shutil.rmtree(folder, ignore_errors=True)


def test_postgresql_gives_the_same_tables_as_sqlite(postgres_url, tmp_path, progress):
    import pandas as pd

    from grading.progress.summary import Thresholds, build_progress

    cohort = build_cohort(tmp_path, db_url=postgres_url)
    assert cohort.db_url.startswith("postgresql+psycopg2://")
    on_pg = build_progress(cohort, Thresholds(min_responses=3), now=NOW)
    for name in ("questions", "learners", "question_stats", "groups", "trend", "at_risk"):
        pd.testing.assert_frame_equal(
            getattr(on_pg, name), getattr(progress, name), check_dtype=False, obj=name
        )
