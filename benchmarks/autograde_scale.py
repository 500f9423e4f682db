"""Benchmark: a province's batch, graded into PostgreSQL through Dask, on 1 then 2 workers.

Builds the warm-up assignment, writes ``N`` submissions of varied quality
(:func:`benchmarks.autograde.make_submissions`), starts a throw-away PostgreSQL
server on a private socket (``initdb``/``pg_ctl``, as the ``postgres`` user when
run as root), and grades the same submissions twice with ``hocso autograde
--scheduler``, into a fresh PostgreSQL gradebook each time: on a local Dask
cluster of 1 worker process, then of 2 (127.0.0.1, one thread each, their
zygotes warmed before the clock starts). It checks both gradebooks hold the
same scores, and prints:

* throughput per worker (submissions per second per worker process);
* 1→2 worker scaling efficiency, ``throughput(2) / (2 × throughput(1))``;
* the trainer-side cost per submission: CPU seconds of the trainer's process
  alone (sanitising, collecting results, saving grades, the Dask client), the
  part that does not spread over workers;
* wall seconds, and the machine's busy CPU seconds
  (:func:`benchmarks.autograde.machine_cpu_seconds`: the only count that sees
  the sandboxes), since the machine may be shared.

    python benchmarks/autograde_scale.py [N]    # N defaults to 1000
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.autograde import (  # noqa: E402
    ASSIGNMENT,
    COURSE,
    _start_cluster,
    machine_cpu_seconds,
    make_submissions,
)

PORT = 54391


def _run(args: list[str], user: str | None) -> None:
    command = ["runuser", "-u", user, "--", *args] if user else args
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)


def start_postgres(folder: Path) -> tuple[str, Callable[[], None]]:
    """A throw-away PostgreSQL server on a Unix socket in ``folder``: ``(base url, stop)``."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        raise SystemExit("PostgreSQL's initdb and pg_ctl are needed (not found on PATH)")
    user = None
    if os.geteuid() == 0:
        pwd.getpwnam("postgres")
        user = "postgres"
        shutil.chown(folder, user)
    data = folder / "data"
    _run([initdb, "-D", str(data), "-U", "hocso", "--auth=trust", "-E", "UTF8"], user)
    _run([pg_ctl, "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
          f"-k {folder} -p {PORT} -c listen_addresses=''", "start"], user)  # fmt: skip

    def stop() -> None:
        _run([pg_ctl, "-D", str(data), "-w", "-m", "fast", "stop"], user)

    return f"postgresql+psycopg2://hocso@/{{db}}?host={folder}&port={PORT}", stop


def create_database(folder: Path, name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(host=str(folder), port=PORT, user="hocso", dbname="postgres")
    connection.autocommit = True
    connection.cursor().execute(f"CREATE DATABASE {name}")
    connection.close()


def scores(cohort, learners: list[str]) -> dict[str, dict[str, float | None]]:
    with cohort.gradebook() as gradebook:
        return {
            x: {
                g.name: g.auto_score
                for g in gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, x).grades
            }
            for x in learners
        }


def own_cpu() -> float:
    import psutil

    t = psutil.Process().cpu_times()
    return t.user + t.system


def grade_on(workers: int, course: Path, db_url: str, tmp: Path, learners: list[str]):
    from grading.classroom.cohort import open_cohort
    from grading.verbs.autograde import autograde
    from grading.verbs.release import generate

    cohort = open_cohort(course, exchange=tmp / f"exchange-{workers}", db_url=db_url)
    generate(cohort, ASSIGNMENT)
    cluster = _start_cluster(workers)
    try:
        t0, c0, own0 = time.perf_counter(), machine_cpu_seconds(), own_cpu()
        result = autograde(ASSIGNMENT, cohort=cohort, scheduler=cluster.scheduler_address)
        wall, cpu, own = time.perf_counter() - t0, machine_cpu_seconds() - c0, own_cpu() - own0
    finally:
        cluster.close()
    graded = [r for r in result.rows if r.status == "graded"]
    if len(graded) != len(learners):
        failed = {r.learner: r.reason for r in result.rows if r.status != "graded"}
        raise SystemExit(f"not graded on {workers} worker(s): {failed}")
    return wall, cpu, own, scores(cohort, learners)


def main(count: int = 1000) -> None:
    with tempfile.TemporaryDirectory(prefix="hocso-scale-") as name:
        tmp = Path(name)
        base = tmp / "base" / COURSE.name
        shutil.copytree(COURSE, base, ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "gradebook.db", ".hocso"))  # fmt: skip
        learners = make_submissions_after_release(base, count)
        pg = Path(tempfile.mkdtemp(prefix="hocso-pg-"))  # the server's user must reach it
        url, stop = start_postgres(pg)
        try:
            runs = {}
            for workers in (1, 2):
                create_database(pg, f"gradebook{workers}")
                course = tmp / f"w{workers}" / COURSE.name
                shutil.copytree(base, course)
                shutil.rmtree(course / "release", ignore_errors=True)
                runs[workers] = grade_on(
                    workers, course, url.format(db=f"gradebook{workers}"), tmp, learners
                )
        finally:
            stop()
            shutil.rmtree(pg, ignore_errors=True)
    if runs[1][3] != runs[2][3]:
        raise SystemExit("MISMATCH: the two gradebooks differ")
    print(f"{count} submissions graded into PostgreSQL through Dask, identical scores on 1 and "
          "2 workers")  # fmt: skip
    throughput = {}
    for workers, (wall, cpu, own, _scores) in runs.items():
        throughput[workers] = count / wall / workers
        print(f"{workers} worker(s): {wall:.1f} s wall, {cpu:.1f} s CPU (the machine), "
              f"{count / wall:.2f} submissions/s, {throughput[workers]:.2f} per worker; "
              f"trainer-side CPU {own / count:.3f} s/submission")  # fmt: skip
    efficiency = throughput[2] / throughput[1]
    print(f"autograde_scale: {throughput[2]:.2f} submissions/s per worker on 2 workers, "
          f"1->2 worker efficiency {efficiency:.0%}, trainer-side "
          f"{runs[2][2] / count:.3f} s CPU/submission")  # fmt: skip


def make_submissions_after_release(base: Path, count: int) -> list[str]:
    """Generate the learner version once (for the submissions' text), then the submissions."""
    from benchmarks.autograde import _nbgrader

    _nbgrader(base, "generate_assignment", ASSIGNMENT, "--force")
    learners = make_submissions(base, count)
    (base / "gradebook.db").unlink(missing_ok=True)  # each run has its own PostgreSQL gradebook
    return learners


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
