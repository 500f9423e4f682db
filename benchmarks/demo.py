"""Benchmark: ``hocso demo``, the whole cohort cycle, and its autograde serial vs parallel.

Runs the designed cohort of 13 learners (roster, release, fetch, submit,
collect, autograde, manual grades, feedback, export) in a temporary folder,
then force-regrades the same 11 submissions with ``parallel=False`` in the same
process as the baseline. Prints the cycle's seconds, seconds per autograded
submission (the figures ``tests/grading/test_cohort_demo.py`` used to assert:
budgets 120 s and 10 s), and the ratio serial/parallel (last line).

    python benchmarks/demo.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CYCLE_BUDGET_S = 120.0
PER_SUBMISSION_BUDGET_S = 10.0


def main() -> None:
    from grading.classroom.cohort import open_cohort
    from grading.verbs.autograde import autograde
    from grading.verbs.demo import ASSIGNMENT, demo

    with tempfile.TemporaryDirectory(prefix="hocso-bench-demo-") as tmp:
        result = demo(Path(tmp) / "demo")
        if not result.ok:
            wrong = [r.learner for r in result.rows if not r.ok]
            print(f"MISMATCH: scores differ from the design for {wrong}")
            raise SystemExit(1)
        cohort = open_cohort(result.directory / "kinh-doanh-so",
                             exchange=result.directory / "exchange")  # fmt: skip
        graded = [r.learner for r in result.autograded.rows if r.status == "graded"]
        t0 = time.perf_counter()
        serial = autograde(ASSIGNMENT, cohort=cohort, learners=graded, force=True, parallel=False)
        serial_s = (time.perf_counter() - t0) / len(graded)
        t0 = time.perf_counter()
        parallel = autograde(ASSIGNMENT, cohort=cohort, learners=graded, force=True)
        parallel_s = (time.perf_counter() - t0) / len(graded)
        same = [(r.learner, r.score) for r in serial.rows] == [
            (r.learner, r.score) for r in parallel.rows
        ]
    within = "within" if result.seconds < CYCLE_BUDGET_S else "OVER"
    print(f"demo: 13 learners, every score as designed; whole cycle {result.seconds:.1f} s "
          f"({within} the {CYCLE_BUDGET_S:g} s budget)")  # fmt: skip
    per = result.seconds_per_submission
    within = "within" if per < PER_SUBMISSION_BUDGET_S else "OVER"
    print(f"demo autograde: {per:.2f} s per submission in nbgrader's step "
          f"({within} the {PER_SUBMISSION_BUDGET_S:g} s budget)")  # fmt: skip
    print(f"regrade of {len(graded)} submissions: identical scores serial and parallel: {same}")
    print(f"autograde serial: {serial_s:.3f} s/submission; parallel: {parallel_s:.3f}")
    print(f"demo autograde: parallel {parallel_s:.3f} s/submission vs serial {serial_s:.3f}, "
          f"ratio serial/parallel {serial_s / parallel_s:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
