"""A throw-away PostgreSQL server for the exchange's tables (as in tests/grading/progress).

``initdb`` in a temporary folder (as the ``postgres`` user when the tests run as
root), reached over a Unix socket only, stopped afterwards. Missing programs or
driver skip the PostgreSQL cases, and fail them under ``CI=true``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PORT = 54331


def _need(condition: bool, what: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL cases cannot run: {what}", pytrace=False)
    pytest.skip(f"PostgreSQL cases cannot run: {what}")


def _run(args, user):
    command = ["runuser", "-u", user, "--", *args] if user else list(args)
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def postgres_url():
    try:
        import psycopg2
    except ImportError:
        _need(False, "the psycopg2 driver is not installed")
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    _need(bool(initdb and pg_ctl), "initdb / pg_ctl are not installed")
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            _need(False, "running as root and there is no 'postgres' user")
        user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="hocso-pg-exchange-"))
    data = folder / "data"
    if user:
        shutil.chown(folder, user)
    _run([initdb, "-D", str(data), "-U", "hocso", "--auth=trust", "-E", "UTF8"], user)
    _run([pg_ctl, "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
          f"-k {folder} -p {PORT} -c listen_addresses=''", "start"], user)  # fmt: skip
    try:
        connection = psycopg2.connect(host=str(folder), port=PORT, user="hocso", dbname="postgres")
        connection.autocommit = True
        connection.cursor().execute("CREATE DATABASE course")
        connection.close()
        yield f"postgresql+psycopg2://hocso@/course?host={folder}&port={PORT}"
    finally:
        _run([pg_ctl, "-D", str(data), "-w", "-m", "fast", "stop"], user)
        shutil.rmtree(folder, ignore_errors=True)
