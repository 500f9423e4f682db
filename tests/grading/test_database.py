"""PostgreSQL as the class database: the local server, the state documents, the migration.

One local server for the module (initdb/pg_ctl on 127.0.0.1, a private socket
folder); each test that needs an empty database creates its own on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest

from ._postgres import local_postgres, need_postgres, new_database, postgres_required
from .progress.conftest import COURSE_ID, build_cohort

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server_url():
    with local_postgres() as url:
        yield url


@pytest.fixture
def fresh_url(server_url, request):
    """An empty database of its own for one test."""
    name = "t_" + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:12]
    return new_database(server_url, name)


@pytest.fixture(scope="module")
def built_cohort(tmp_path_factory):
    """One synthetic SQLite cohort per module (nbgrader's gradebook takes seconds to make)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
            patch.delenv(name, raising=False)
        root = tmp_path_factory.mktemp("template")
        build_cohort(root)
        yield root


@pytest.fixture
def sqlite_cohort(built_cohort, tmp_path, monkeypatch):
    """A copy of the synthetic cohort of its own (tests change it)."""
    from grading.classroom.cohort import open_cohort

    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
        monkeypatch.delenv(name, raising=False)
    root = Path(shutil.copytree(built_cohort, tmp_path / "copy"))
    return open_cohort(root / COURSE_ID, exchange=root / "exchange")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(cohort) -> dict:
    """Every learner, submission time, grade and comment, as plain values, through nbgrader."""
    from nbgrader.api import Comment, Grade, Student, SubmittedAssignment

    with cohort.gradebook() as gb:
        session = gb.db
        students = sorted(
            (s.id, s.first_name, s.last_name, s.email, s.lms_user_id)
            for s in session.query(Student)
        )
        submissions = sorted(
            (s.student.id, s.assignment.name, s.timestamp, s.extension)
            for s in session.query(SubmittedAssignment)
        )
        grades = sorted(
            (g.student.id, g.assignment.name, g.notebook.name, g.name, g.auto_score,
             g.manual_score, g.extra_credit, g.needs_manual_grade)
            for g in session.query(Grade)
        )  # fmt: skip
        comments = sorted(
            (c.student.id, c.assignment.name, c.name, c.auto_comment, c.manual_comment)
            for c in session.query(Comment)
        )
    return {"students": students, "submissions": submissions, "grades": grades,
            "comments": comments}  # fmt: skip


def _state(cohort) -> dict:
    from grading.classroom.ledger import read_ledger
    from grading.classroom.roster import read_roster
    from grading.progress.attempts import load_attempts

    attempts = load_attempts(cohort).sort_values(["learner", "time"]).reset_index(drop=True)
    return {
        "roster": read_roster(cohort=cohort),
        "ledger": read_ledger(cohort.state),
        "attempts": attempts.to_dict("list"),
    }


def _on(cohort, url):
    from grading.classroom.cohort import open_cohort

    return open_cohort(cohort.course, exchange=cohort.exchange_root, db_url=url)


# -- the server --------------------------------------------------------------


def test_the_local_server_is_loopback_only_and_private(server_url):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(server_url)
    assert parsed.host == "127.0.0.1"
    engine = create_engine(server_url)
    try:
        with engine.connect() as connection:
            listen = connection.execute(text("SHOW listen_addresses")).scalar()
            socket_dir = connection.execute(text("SHOW unix_socket_directories")).scalar()
    finally:
        engine.dispose()
    assert listen == "127.0.0.1"
    folder = Path(socket_dir)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    password = folder.parent / "password"
    assert stat.S_IMODE(password.stat().st_mode) == 0o600
    wrong = parsed.set(password="not-the-password").render_as_string(hide_password=False)
    from sqlalchemy.exc import OperationalError

    engine = create_engine(wrong)
    try:
        with pytest.raises(OperationalError, match="password"):
            engine.connect()
    finally:
        engine.dispose()


def test_cli_reports_and_reuses_a_running_server(server_url, capsys):
    from sqlalchemy import create_engine, text

    from grading.classroom.database import redact_url
    from grading.cli import main

    engine = create_engine(server_url)
    with engine.connect() as connection:
        folder = Path(connection.execute(text("SHOW unix_socket_directories")).scalar()).parent
    engine.dispose()
    assert main(["db", "status", "--folder", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("running: ")
    assert redact_url(server_url) in out
    assert "***" in out
    assert make_password(server_url) not in out
    assert main(["db", "start", "--folder", str(folder)]) == 0  # already running: reused
    capsys.readouterr()
    assert main(["db", "url", "--folder", str(folder)]) == 0
    assert capsys.readouterr().out.strip() == server_url


def make_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return str(make_url(url).password)


def test_status_of_a_folder_without_a_server(tmp_path, capsys):
    from grading.cli import main

    assert main(["db", "status", "--folder", str(tmp_path / "none")]) == 1
    assert "stopped: not initialised" in capsys.readouterr().out
    assert main(["db", "url", "--folder", str(tmp_path / "none")]) == 11


@pytest.mark.parametrize(
    ("environ", "outcome"),
    [({}, "skip"), ({"CI": "true"}, "fail"), ({"HOCSO_REQUIRE_POSTGRES": "1"}, "fail")],
)
def test_missing_postgres_fails_under_ci(environ, outcome, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(Path, "glob", lambda self, pattern: iter(()))
    assert postgres_required(environ) == (outcome == "fail")
    expected = pytest.fail.Exception if outcome == "fail" else pytest.skip.Exception
    with pytest.raises(expected, match="initdb"):
        need_postgres(environ)


# -- state documents -----------------------------------------------------------


def test_ledger_in_postgresql_keeps_every_entry_and_refuses_a_broken_one(fresh_url):
    from grading.classroom.ledger import LedgerEntry, read_ledger, record
    from grading.classroom.state import DatabaseState
    from grading.core.errors import CohortError

    state = DatabaseState(fresh_url, COURSE_ID)
    for i in range(5):
        record(state, "00-lam-quen", f"hv{i:02d}", LedgerEntry("graded", reason=f"r{i}"))
    record(state, "01-khac", "hv00", LedgerEntry("failed", reason="hết giờ"))
    ledger = read_ledger(state)
    assert sorted(ledger["00-lam-quen"]) == [f"hv{i:02d}" for i in range(5)]
    assert ledger["01-khac"]["hv00"].reason == "hết giờ"
    assert read_ledger(DatabaseState(fresh_url, "another-course")) == {}
    state.write("autograde.json", "{not json")
    with pytest.raises(CohortError, match="hocso_state"):
        read_ledger(state)
    with pytest.raises(CohortError):
        record(state, "00-lam-quen", "hv09", LedgerEntry("graded"))
    assert state.read("autograde.json") == "{not json"  # nothing overwritten


def test_concurrent_ledger_writers_lose_nothing(fresh_url):
    from concurrent.futures import ThreadPoolExecutor

    from grading.classroom.ledger import LedgerEntry, read_ledger, record
    from grading.classroom.state import DatabaseState

    state = DatabaseState(fresh_url, COURSE_ID)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: record(state, "a", f"hv{i:02d}", LedgerEntry("graded")), range(24)))
    assert len(read_ledger(state)["a"]) == 24


# -- the migration ---------------------------------------------------------------


def test_migration_keeps_every_grade_comment_learner_and_time(sqlite_cohort, fresh_url):
    from grading.classroom.ledger import LedgerEntry, record
    from grading.classroom.migrate import migrate

    record(sqlite_cohort.state, "00-lam-quen", "an", LedgerEntry("graded", "2026-03-01"))
    source = Path(sqlite_cohort.db_url.removeprefix("sqlite:///"))
    import sqlite3

    with contextlib.closing(sqlite3.connect(source)) as db:  # another engineer's table
        db.execute(
            "CREATE TABLE exchange_meta (id INTEGER PRIMARY KEY, learner VARCHAR(64), "
            "received DATETIME, size INTEGER)"
        )
        db.execute("INSERT INTO exchange_meta VALUES (1, 'an', '2026-03-01 10:00:00.123456', 99)")
        db.commit()
    before_bytes = _sha(source)
    before, state_before = _snapshot(sqlite_cohort), _state(sqlite_cohort)
    assert before["grades"]
    assert before["comments"]
    assert before["submissions"]
    assert any(c[4] for c in before["comments"])  # a trainer's comment is among them
    assert len(state_before["attempts"]["learner"]) > 0
    assert state_before["ledger"]

    done = migrate(sqlite_cohort, fresh_url)
    assert not done.nothing_to_do
    assert done.copied["grade"] == len(before["grades"])
    on_pg = _on(sqlite_cohort, fresh_url)
    assert on_pg.state.__class__.__name__ == "DatabaseState"
    assert _snapshot(on_pg) == before
    assert _state(on_pg) == state_before
    assert _sha(source) == before_bytes
    from sqlalchemy import create_engine, text

    engine = create_engine(fresh_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT learner, received, size FROM exchange_meta")
            ).one()
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    assert tuple(row) == ("an", dt.datetime(2026, 3, 1, 10, 0, 0, 123456), 99)
    assert version


def test_migrating_twice_copies_nothing_and_a_changed_target_is_refused(sqlite_cohort, fresh_url):
    from nbgrader.api import Grade

    from grading.classroom.migrate import migrate
    from grading.core.errors import CohortError

    first = migrate(sqlite_cohort, fresh_url)
    again = migrate(sqlite_cohort, fresh_url)
    assert again.nothing_to_do
    assert again.total == first.total
    on_pg = _on(sqlite_cohort, fresh_url)
    with on_pg.gradebook() as gb:
        grade = gb.db.query(Grade).filter(Grade.auto_score.isnot(None)).first()
        grade.auto_score = 0.25
        gb.db.commit()
    changed = _snapshot(on_pg)
    with pytest.raises(CohortError, match=r"'grade'.*chưa chuyển gì"):
        migrate(sqlite_cohort, fresh_url)
    assert _snapshot(on_pg) == changed  # neither duplicated nor overwritten


def test_a_failure_midway_leaves_both_sides_as_they_were(sqlite_cohort, fresh_url, monkeypatch):
    from sqlalchemy import create_engine, inspect

    import grading.classroom.migrate as migration
    from grading.core.errors import CohortError

    source = Path(sqlite_cohort.db_url.removeprefix("sqlite:///"))
    before_bytes, before_state = (
        _sha(source),
        sorted(
            p.relative_to(sqlite_cohort.state_dir).as_posix()
            for p in sqlite_cohort.state_dir.rglob("*")
        ),
    )
    real_rows, calls = migration._rows, []

    def rows_then_break(connection, table):
        calls.append(table.name)
        rows = real_rows(connection, table)
        if table.name == "comment" and calls.count("comment") == 3:  # the final check
            rows = rows[1:]  # as if one comment had been lost on the way
        return rows

    monkeypatch.setattr(migration, "_rows", rows_then_break)
    with pytest.raises(CohortError, match=r"'comment'.*đã hoàn tác"):
        migration.migrate(sqlite_cohort, fresh_url)
    assert "hocso_state" in calls  # every table, the last one too, was written before it failed
    engine = create_engine(fresh_url)
    try:
        assert inspect(engine).get_table_names() == []  # the whole transaction rolled back
    finally:
        engine.dispose()
    assert _sha(source) == before_bytes
    assert before_state == sorted(
        p.relative_to(sqlite_cohort.state_dir).as_posix()
        for p in sqlite_cohort.state_dir.rglob("*")
    )
    monkeypatch.setattr(migration, "_rows", real_rows)
    assert not migration.migrate(sqlite_cohort, fresh_url).nothing_to_do  # then it works


def test_roster_changes_on_postgresql_move_the_state_with_the_learner(sqlite_cohort, fresh_url):
    from grading.classroom.ledger import LedgerEntry, read_ledger, record
    from grading.classroom.migrate import migrate
    from grading.classroom.roster import read_roster, remove_learner, rename_learner

    record(sqlite_cohort.state, "00-lam-quen", "an", LedgerEntry("graded"))
    migrate(sqlite_cohort, fresh_url)
    on_pg = _on(sqlite_cohort, fresh_url)
    state = on_pg.state
    assert "attempts/00-lam-quen/an.jsonl" in state.names("attempts/")
    rename_learner("an", "an-nguyen", cohort=on_pg)
    assert "attempts/00-lam-quen/an-nguyen.jsonl" in state.names("attempts/")
    assert "attempts/00-lam-quen/an.jsonl" not in state.names("attempts/")
    assert "an-nguyen" in read_ledger(state)["00-lam-quen"]
    group = {x.id: x.group for x in read_roster(cohort=on_pg)}
    assert group["an-nguyen"]
    remove_learner("binh", cohort=on_pg, with_submissions=True)
    assert not [n for n in state.names("attempts/") if n.endswith("/binh.jsonl")]
    assert state.names("removed/binh/")  # kept aside, not lost
    # the SQLite course is still what it was
    assert "an" in {x.id for x in read_roster(cohort=sqlite_cohort)}


def test_migration_refuses_what_it_cannot_do(sqlite_cohort, fresh_url, tmp_path):
    from grading.classroom.migrate import migrate
    from grading.core.errors import CohortError

    with pytest.raises(CohortError, match="một cơ sở dữ liệu khác"):
        migrate(sqlite_cohort, f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(CohortError, match="không phải SQLite"):
        migrate(_on(sqlite_cohort, fresh_url), fresh_url)


def test_a_folder_the_server_account_cannot_reach_is_refused_clearly(tmp_path):
    from grading.classroom.database import LocalPostgres
    from grading.core.errors import CohortError

    if os.geteuid() != 0:
        pytest.skip("only root hands the server to another account")
    need_postgres()
    hidden = tmp_path / "private"
    hidden.mkdir(mode=0o700)  # pytest's own folders are 0700 root too
    with pytest.raises(CohortError, match=r"không vào được .*--folder"):
        LocalPostgres(hidden / "pg").start()
    assert not (hidden / "pg" / "data").exists()


def test_cli_migrate_then_again(sqlite_cohort, fresh_url, capsys):
    from grading.cli import main

    args = ["db", "migrate", "--to", fresh_url, "--course", str(sqlite_cohort.root)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "migrated and verified" in out
    assert make_password(fresh_url) not in out  # the target is shown without its password
    assert main(args) == 0
    assert "already there, nothing copied" in capsys.readouterr().out
    assert (
        main(["db", "migrate", "--to", "sqlite:///x.db", "--course", str(sqlite_cohort.root)]) == 11
    )
