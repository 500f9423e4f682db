"""Benchmark: ``hocso db migrate`` (SQLite → PostgreSQL) for a class of N learners.

Builds a temporary course with a SQLite gradebook through nbgrader's API: N
learners, 4 assignments of 8 grade cells, every learner submitted every
assignment (seeded scores, a trainer's comment on every written answer), an
attempt log per learner and assignment and an autograde ledger. Starts a local
PostgreSQL server (:mod:`grading.classroom.database`, durable settings), then
times, in the same run:

* migrate: :func:`grading.classroom.migrate.migrate` into an empty database
  (copy, compare every row, commit);
* again: the same command a second time (nothing to copy; still compares);
* baseline: reading every row of the source once (the least any copy must do).

    python benchmarks/db_migrate.py [N ...]      (default: 50 200)

Last line: ``ratio migrate/read``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

ASSIGNMENTS = ("00-lam-quen", "01-anh-san-pham", "02-marketing", "03-cham-soc")
CELLS = 8


def build(root: Path, learners: int, rng: np.random.Generator):
    """A course in ``root`` with a SQLite gradebook of ``learners`` learners."""
    from grading.classroom.cohort import open_cohort
    from grading.classroom.ledger import LedgerEntry, record
    from grading.core.nbgrader_env import quiet_nbgrader

    course = root / "lop"
    for name in ASSIGNMENTS:
        (course / "source" / name).mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = 'lop'\n", encoding="utf-8"
    )
    cohort = open_cohort(course, exchange=root / "exchange", db_url=None)
    ids = [f"hv{i:04d}" for i in range(learners)]
    start = dt.datetime(2026, 3, 1, 3, 0)
    with quiet_nbgrader(), cohort.gradebook() as gb:
        for learner in ids:
            gb.add_student(learner, first_name="Thị Lan", last_name="Nguyễn")
        for a, name in enumerate(ASSIGNMENTS):
            gb.add_assignment(name, duedate=start + dt.timedelta(days=7 * (a + 1)))
            gb.add_notebook(name, name)
            for c in range(CELLS):
                kind = "markdown" if c == CELLS - 1 else "code"
                gb.add_grade_cell(f"cau-{c}", name, name, max_score=2, cell_type=kind)
                if kind == "markdown":
                    gb.update_or_create_solution_cell(f"cau-{c}", name, name)
            for i, learner in enumerate(ids):
                when = start + dt.timedelta(days=7 * a, minutes=int(rng.integers(0, 20000)))
                gb.add_submission(name, learner, timestamp=when)
                for c in range(CELLS):
                    grade = gb.find_grade(f"cau-{c}", name, name, learner)
                    score = float(rng.integers(0, 3))
                    if c == CELLS - 1:
                        grade.manual_score = score
                        grade.needs_manual_grade = False
                        comment = gb.find_comment(f"cau-{c}", name, name, learner)
                        comment.manual_comment = f"Nhận xét {i}: rõ ràng, thêm số liệu."
                    else:
                        grade.auto_score = score
                gb.db.commit()
    for name in ASSIGNMENTS:
        folder = cohort.state_dir / "attempts" / name
        folder.mkdir(parents=True)
        for learner in ids:
            line = {"v": 1, "time": "2026-03-01T20:15:03+07:00", "assignment": name,
                    "question": "cau-1", "event": "check", "outcome": "correct",
                    "mistake": None, "hint_tier": None}  # fmt: skip
            (folder / f"{learner}.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
            record(cohort.state, name, learner, LedgerEntry("graded", "2026-03-02"))
    return cohort


def read_all(cohort) -> int:
    """The baseline: every row of the source, once."""
    from sqlalchemy import MetaData, create_engine, select

    engine = create_engine(cohort.db_url)
    rows = 0
    try:
        metadata = MetaData()
        metadata.reflect(bind=engine)
        with engine.connect() as connection:
            for table in metadata.sorted_tables:
                rows += len(connection.execute(select(table)).all())
    finally:
        engine.dispose()
    return rows


def main(sizes: list[int]) -> None:
    from grading.classroom.database import LocalPostgres
    from grading.classroom.migrate import migrate

    rng = np.random.default_rng(20)
    folder = Path(tempfile.mkdtemp(prefix="hocso-bench-pg-"))
    folder.chmod(0o755)
    server = LocalPostgres(folder / "server")
    ratios = []
    try:
        url = server.start()
        for n in sizes:
            work = Path(tempfile.mkdtemp(prefix="hocso-bench-course-"))
            try:
                started = time.perf_counter()
                cohort = build(work, n, rng)
                built = time.perf_counter() - started
                target = _database(url, f"bench_{n}")
                started = time.perf_counter()
                rows = read_all(cohort)
                read = time.perf_counter() - started
                done = migrate(cohort, target)
                again = migrate(cohort, target)
                assert again.nothing_to_do
                copied = sum(done.copied.values())
                ratios.append(done.seconds / read)
                print(
                    f"{n} learners ({n * len(ASSIGNMENTS)} submissions, {rows} source rows, "
                    f"{copied} rows + documents copied; built in {built:.0f} s): "
                    f"migrate {done.seconds:.2f} s, again {again.seconds:.2f} s, "
                    f"read-only {read:.2f} s"
                )
            finally:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print("ratio migrate/read: " + ", ".join(f"{r:.1f}" for r in ratios))


def _database(url: str, name: str) -> str:
    import psycopg2
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    connection = psycopg2.connect(
        host=parsed.host, port=parsed.port, user=parsed.username,
        password=parsed.password, dbname="postgres",
    )  # fmt: skip
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()
    return parsed.set(database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 200])
