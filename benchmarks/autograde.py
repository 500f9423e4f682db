"""Benchmark: stock ``nbgrader autograde`` against ``hocso autograde``, same submissions.

Builds a temporary copy of the course, generates the warm-up assignment, writes
``N`` submissions of varied quality (each answer cell is the solution, a known
wrong answer from ``tests/courses/known_wrong/``, or left untouched), then
grades them twice, each in its own copy of the course:

* stock: ``nbgrader autograde --create --force`` with nbgrader's own pipeline
  (the course config's sandboxed executor switched off, as in
  ``tests/courses/test_assignments.py``): one Jupyter kernel per notebook, serial;
* hocso: :func:`grading.verbs.autograde.autograde`, the ``hocso autograde`` verb
  (ledger, manual-grade keeping, tamper report) with the course config's
  sandboxed executor, executions in parallel on every CPU, grades saved by one
  process. Its time includes importing nbgrader and starting the zygote.
* hocso per learner: the same verb with ``batch=False``: nbgrader's own
  ``Autograde`` run for each learner (the path before the batched one), so the
  gain of the batched bookkeeping is measured in the same run, on the same load;
* hocso on Dask: the same verb with ``scheduler=`` a local Dask cluster of 2
  worker processes on 127.0.0.1 (``distributed.LocalCluster``), started and its
  workers' zygotes warmed before the clock starts (a province starts its
  workers once, before the deadline); each task carries one submission's bytes.

It checks that every grade cell got the same score in all three, and prints
seconds per submission (wall, and the machine's busy CPU seconds: the only count
that sees hocso's sandboxes) for each, the Dask overhead per submission, and the
ratio (last line). Run it on a quiet machine: the CPU figure counts everything.

    python benchmarks/autograde.py [N]
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COURSE = REPO / "courses" / "kinh-doanh-so"
ASSIGNMENT = "00-lam-quen"
sys.path.insert(0, str(REPO))


def _known_wrong() -> dict[str, list[str]]:
    from tests.courses.known_wrong import known_wrong

    answers: dict[str, list[str]] = {}
    for answer_id, code, _test, _fragment in known_wrong(ASSIGNMENT):
        answers.setdefault(answer_id, []).append(code)
    return answers


def _solution_code(source_nb: dict) -> dict[str, str]:
    from grading.core import cells

    return {
        cells.grade_id(cell): cells.solved(cell)
        for cell in source_nb["cells"]
        if cells.is_solution(cell) and cell["cell_type"] == "code"
    }


def make_submissions(course: Path, count: int, seed: int = 2026) -> list[str]:
    """Write ``count`` submissions under ``course/submitted``; return the learner ids."""
    from grading.core import cells

    rng = random.Random(seed)
    release = json.loads(
        (course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8")
    )
    source = json.loads((course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8"))
    solutions, wrong = _solution_code(source), _known_wrong()
    learners = []
    for i in range(count):
        nb = json.loads(json.dumps(release))
        skill = i / max(count - 1, 1)  # from untouched to excellent
        for cell in nb["cells"]:
            answer = cells.grade_id(cell)
            if cell["cell_type"] != "code" or answer not in solutions:
                continue
            roll = rng.random()
            if roll < skill:
                cell["source"] = solutions[answer]
            elif roll < skill + 0.5 * (1 - skill) and answer in wrong:
                cell["source"] = rng.choice(wrong[answer])
        learner = f"hv{i:03d}"
        folder = course / "submitted" / learner / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), "utf-8")
        (folder / "timestamp.txt").write_text("2026-01-01 08:00:00.000000 UTC")
        learners.append(learner)
    return learners


def grades(course: Path, learners: list[str]) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for learner in learners:
            notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, learner)
            found[learner] = {g.name: g.auto_score for g in notebook.grades}
    return found


def _nbgrader(course: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, check=True,
                   capture_output=True, text=True)  # fmt: skip


def machine_cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine so far (``/proc/stat``: all but idle and iowait).

    The only count that sees the sandboxes: the zygote ignores SIGCHLD (the kernel
    reaps its children at once), so their CPU time reaches no parent's rusage: a sum
    over the grader's process tree misses it. On a shared machine it counts the others too.
    """
    with open("/proc/stat", encoding="ascii") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def _start_cluster(workers: int = 2):
    """A local Dask cluster on loopback, its workers' zygotes started."""
    from distributed import Client, LocalCluster

    from grading.executor.distributed import ZygotePlugin

    cluster = LocalCluster(host="127.0.0.1", processes=True, n_workers=workers,
                           threads_per_worker=1, dashboard_address=None)  # fmt: skip
    with Client(cluster, set_as_default=False) as client:
        client.register_plugin(ZygotePlugin(), name=ZygotePlugin.name)  # warm before timing
    return cluster


def main(count: int = 40) -> None:
    from grading.classroom.cohort import open_cohort
    from grading.verbs.autograde import autograde
    from tests.courses.test_assignments import STOCK_PIPELINE

    with tempfile.TemporaryDirectory(prefix="hocso-bench-") as tmp:
        base = Path(tmp) / "base" / COURSE.name
        shutil.copytree(COURSE, base, ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "gradebook.db"))  # fmt: skip
        _nbgrader(base, "generate_assignment", ASSIGNMENT, "--force")
        learners = make_submissions(base, count)
        stock, ours = Path(tmp) / "stock" / COURSE.name, Path(tmp) / "ours" / COURSE.name
        spread = Path(tmp) / "dask" / COURSE.name
        serial = Path(tmp) / "per-learner" / COURSE.name
        for copy in (stock, ours, spread, serial):
            shutil.copytree(base, copy)

        with (stock / "nbgrader_config.py").open("a", encoding="utf-8") as config:
            config.write(STOCK_PIPELINE)  # nbgrader's own Execute and sanitising steps

        t0, c0 = time.perf_counter(), machine_cpu_seconds()
        _nbgrader(stock, "autograde", ASSIGNMENT, "--create", "--force")
        stock_s, stock_cpu = (
            (time.perf_counter() - t0) / count,
            (machine_cpu_seconds() - c0) / count,
        )

        workers = os.cpu_count() or 1
        per_learner = open_cohort(serial, exchange=Path(tmp) / "exchange-serial",
                                  db_url=f"sqlite:///{serial / 'gradebook.db'}")  # fmt: skip
        t0, c0, m0 = time.perf_counter(), machine_cpu_seconds(), time.thread_time()
        before = autograde(ASSIGNMENT, cohort=per_learner, workers=workers, batch=False)
        before_s, before_cpu = (
            (time.perf_counter() - t0) / count,
            (machine_cpu_seconds() - c0) / count,
        )
        before_main = (time.thread_time() - m0) / count

        cohort = open_cohort(ours, exchange=Path(tmp) / "exchange",
                             db_url=f"sqlite:///{ours / 'gradebook.db'}")  # fmt: skip
        t0, c0, m0 = time.perf_counter(), machine_cpu_seconds(), time.thread_time()
        result = autograde(ASSIGNMENT, cohort=cohort, workers=workers)
        ours_s, ours_cpu = (time.perf_counter() - t0) / count, (machine_cpu_seconds() - c0) / count
        ours_main = (time.thread_time() - m0) / count

        t0 = time.perf_counter()
        cluster = _start_cluster(2)
        start_s = time.perf_counter() - t0
        try:
            dask_cohort = open_cohort(spread, exchange=Path(tmp) / "exchange-dask",
                                      db_url=f"sqlite:///{spread / 'gradebook.db'}")  # fmt: skip
            t0, c0 = time.perf_counter(), machine_cpu_seconds()
            on_dask = autograde(ASSIGNMENT, cohort=dask_cohort, scheduler=cluster.scheduler_address)
            dask_s, dask_cpu = (
                (time.perf_counter() - t0) / count,
                (machine_cpu_seconds() - c0) / count,
            )
        finally:
            cluster.close()

        expected = grades(stock, learners)
        for name, folder, run in (
            ("hocso", ours, result),
            ("hocso on Dask", spread, on_dask),
            ("hocso per learner", serial, before),
        ):
            found = grades(folder, learners)
            different = {k: (expected[k], found[k]) for k in learners if expected[k] != found[k]}
            graded = [r for r in run.rows if r.status == "graded"]
            if different or len(graded) != count:
                failed = {r.learner: r.reason for r in run.rows if r.status != "graded"}
                print(f"MISMATCH ({name}): {json.dumps(different, ensure_ascii=False)} "
                      f"not graded={failed}")  # fmt: skip
                raise SystemExit(1)
        totals = sorted(sum(v for v in g.values() if v is not None) for g in expected.values())
        print(f"{count} submissions, identical scores on every grade cell "
              f"(totals {totals[0]:g}..{totals[-1]:g}, {len(set(totals))} distinct)")  # fmt: skip
        mean = lambda run: sum(r.seconds for r in run.rows) / len(run.rows)  # noqa: E731
        print(f"hocso autograde: {workers} workers; the trainer's step per learner (sanitise, "
              f"collect the execution, save grades): nbgrader per learner {mean(before):.3f} s, "
              f"batched {mean(result):.3f} s on average")  # fmt: skip
        print(f"stock nbgrader autograde (serial): {stock_s:.3f} s/submission "
              f"(machine CPU {stock_cpu:.3f} s)")  # fmt: skip
        print(f"hocso autograde, nbgrader per learner (batch=False, {workers} workers): "
              f"{before_s:.3f} s/submission (machine CPU {before_cpu:.3f} s; the trainer's thread "
              f"{before_main:.3f} s), ratio stock/per-learner {stock_s / before_s:.1f}x")  # fmt: skip
        print(f"hocso autograde (local, {workers} workers): {ours_s:.3f} s/submission "
              f"(machine CPU {ours_cpu:.3f} s; the trainer's thread {ours_main:.3f} s)")  # fmt: skip
        print(f"hocso autograde --scheduler (local Dask cluster, 2 workers; started in "
              f"{start_s:.1f} s, not counted): {dask_s:.3f} s/submission (machine CPU {dask_cpu:.3f} s), "
              f"Dask overhead {dask_s - ours_s:+.3f} s/submission, ratio stock/dask "
              f"{stock_s / dask_s:.1f}x")  # fmt: skip
        print(f"autograde: hocso {ours_s:.3f} s/submission vs stock {stock_s:.3f}, "
              f"ratio stock/hocso {stock_s / ours_s:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
