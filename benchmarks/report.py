"""Benchmark: progress tables and ``hocso report`` for a province-sized cohort.

Builds, in a temporary folder, an nbgrader gradebook (SQLite, nbgrader's own
schema, rows bulk-inserted) of ``N`` learners (default 5,000) × 5 assignments ×
10 questions (9 autograded, 1 written), about 90 % submissions, a roster with
groups in 5 provinces, and a stored attempt log per submission (seeded, so
every run builds the same cohort). Then it times, in this process:

* tables: :func:`grading.progress.gradebook.build_progress` (5 batched queries, the
  attempt logs read and validated, every statistic);
* report: :func:`grading.progress.report.report` (the same, plus HTML with 5 charts,
  11 CSV files and the Excel workbook);
* baseline: nbgrader's own API loop for the same learner × question table —
  ``Gradebook.find_submission`` per learner × assignment, then every grade's
  ``score`` / ``max_score`` / ``cell_type`` through the ORM. It is timed on a
  sample of learners and scaled to ``N`` (its cost per submission is constant:
  indexed lookups), because the full loop takes many minutes.

Memory: peak resident set size of this process after each step.

    python benchmarks/report.py [N] [BASELINE_SAMPLE]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

ASSIGNMENTS = [
    "00-lam-quen",
    "01-anh-san-pham",
    "02-marketing",
    "03-cham-soc-khach-hang",
    "04-livestream",
]
QUESTIONS = 10
PROVINCES = {
    "Lào Cai": ["Sa Pa", "Bắc Hà", "Bát Xát"],
    "Yên Bái": ["Mù Cang Chải", "Trạm Tấu"],
    "Hà Giang": ["Đồng Văn", "Mèo Vạc"],
    "Sơn La": ["Mộc Châu", "Thuận Châu"],
    "Điện Biên": ["Mường Nhé", "Tủa Chùa"],
}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Giàng", "Thào"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Ngọc", "Quốc", "Thanh"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hiếu",
    "Khánh",
    "Lan",
    "Mai",
    "Ngọc",
    "Phương",
    "Tuấn",
]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _id() -> str:
    return uuid.uuid4().hex


def build(root: Path, learners: int, seed: int = 2026):
    """The course folder, its gradebook and attempt logs; returns the cohort."""
    import numpy as np
    from nbgrader.api import (
        Assignment,
        BaseCell,
        Grade,
        GradeCell,
        Notebook,
        Student,
        SubmittedAssignment,
        SubmittedNotebook,
    )

    from grading.classroom.cohort import open_cohort

    rng = np.random.default_rng(seed)
    course = root / "kinh-doanh-so"
    for name in ASSIGNMENTS:
        (course / "source" / name).mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n", encoding="utf-8")
    (course / "README.md").write_text("# Kinh doanh số — khóa học\n", encoding="utf-8")
    cohort = open_cohort(course, exchange=root / "exchange")
    ids = [f"hv{i:05d}" for i in range(learners)]
    places = [(p, d) for p, ds in PROVINCES.items() for d in ds]
    roster = ["id,full_name,email,group"]
    students = []
    for i, learner in enumerate(ids):
        family, middle, given = FAMILY[i % 12], MIDDLE[(i // 12) % 7], GIVEN[(i // 84) % 12]
        province, district = places[i % len(places)]
        roster.append(
            f'{learner},{family} {middle} {given},,"Lớp {i % 4 + 1}, {district}, {province}"'
        )
        students.append({"id": learner, "first_name": f"{middle} {given}", "last_name": family})
    (cohort.state_dir).mkdir(parents=True, exist_ok=True)
    (cohort.state_dir / "roster.csv").write_text("\n".join(roster) + "\n", encoding="utf-8")

    with cohort.gradebook() as gb:
        course_id = cohort.course_id
        session = gb.db
        ability = rng.beta(5, 2, size=learners)
        start = dt.datetime(2026, 3, 1, 16, 59)
        a_rows, nb_rows, cell_rows, gc_rows = [], [], [], []
        cells = {}
        for k, name in enumerate(ASSIGNMENTS):
            a_id, nb_id = _id(), _id()
            a_rows.append(
                {
                    "id": a_id,
                    "name": name,
                    "duedate": start + dt.timedelta(weeks=k),
                    "course_id": course_id,
                }
            )
            nb_rows.append({"id": nb_id, "name": name, "assignment_id": a_id})
            for q in range(1, QUESTIONS + 1):
                c_id = _id()
                written = q == QUESTIONS
                cell_rows.append(
                    {
                        "id": c_id,
                        "name": f"kiem-tra-cau-{q}" if not written else f"cau-{q}",
                        "notebook_id": nb_id,
                        "type": "GradeCell",
                    }
                )
                gc_rows.append(
                    {
                        "id": c_id,
                        "max_score": 3.0 if written else 1.0 + q % 2,
                        "cell_type": "markdown" if written else "code",
                    }
                )
            cells[name] = (a_id, nb_id, cell_rows[-QUESTIONS:], gc_rows[-QUESTIONS:])
        session.execute(Student.__table__.insert(), students)
        session.execute(Assignment.__table__.insert(), a_rows)
        session.execute(Notebook.__table__.insert(), nb_rows)
        session.execute(BaseCell.__table__.insert(), cell_rows)
        session.execute(GradeCell.__table__.insert(), gc_rows)
        sa_rows, sn_rows, g_rows = [], [], []
        logs = []
        for k, name in enumerate(ASSIGNMENTS):
            a_id, nb_id, crow, grow = cells[name]
            due = start + dt.timedelta(weeks=k)
            submits = rng.random(learners) < 0.95 - 0.05 * k
            for i in np.flatnonzero(submits):
                s_id, n_id = _id(), _id()
                hours = float(rng.normal(-30, 24))
                sa_rows.append(
                    {
                        "id": s_id,
                        "assignment_id": a_id,
                        "student_id": ids[i],
                        "timestamp": due + dt.timedelta(hours=hours),
                    }
                )
                sn_rows.append(
                    {"id": n_id, "assignment_id": s_id, "notebook_id": nb_id, "flagged": False}
                )
                events = []
                for c, g in zip(crow, grow, strict=True):
                    p = ability[i] * (0.6 + 0.4 * rng.random())
                    if g["cell_type"] == "markdown":
                        pending = rng.random() < 0.2
                        g_rows.append(
                            {
                                "id": _id(),
                                "notebook_id": n_id,
                                "cell_id": c["id"],
                                "auto_score": None,
                                "manual_score": None if pending else float(round(3 * p)),
                                "needs_manual_grade": bool(pending),
                            }
                        )
                        continue
                    right = rng.random() < p
                    g_rows.append(
                        {
                            "id": _id(),
                            "notebook_id": n_id,
                            "cell_id": c["id"],
                            "auto_score": g["max_score"] if right else 0.0,
                            "manual_score": None,
                            "needs_manual_grade": False,
                        }
                    )
                    when = due + dt.timedelta(hours=hours - 2)
                    for attempt in range(int(rng.geometric(max(p, 0.2)))):
                        if rng.random() < 0.15:
                            events.append((when, c["name"], "hint", None, 1 + attempt % 3))
                        when += dt.timedelta(minutes=float(rng.integers(1, 6)))
                        events.append((when, c["name"], "check", "incorrect", None))
                    events.append(
                        (
                            when + dt.timedelta(minutes=1),
                            c["name"],
                            "check",
                            "correct" if right else "incorrect",
                            None,
                        )
                    )
                logs.append((name, ids[i], events))
        session.execute(SubmittedAssignment.__table__.insert(), sa_rows)
        session.execute(SubmittedNotebook.__table__.insert(), sn_rows)
        session.execute(Grade.__table__.insert(), g_rows)
        session.commit()
    tz = dt.timezone(dt.timedelta(hours=7))
    base = cohort.state_dir / "attempts"
    count = 0
    for name, learner, events in logs:
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        lines = [
            json.dumps(
                {
                    "v": 1,
                    "time": when.replace(tzinfo=dt.timezone.utc)
                    .astimezone(tz)
                    .isoformat(timespec="seconds"),
                    "assignment": name,
                    "question": q,
                    "event": ev,
                    "outcome": out,
                    "mistake": None,
                    "hint_tier": tier,
                }
            )
            for when, q, ev, out, tier in events
        ]
        count += len(lines)
        (folder / f"{learner}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cohort, len(sa_rows), len(g_rows), count


def baseline(cohort, learners: list[str]) -> tuple[float, int]:
    """nbgrader's per-submission API loop for the learner × question table (sample)."""
    from nbgrader.api import MissingEntry

    rows = 0
    started = time.perf_counter()
    with cohort.gradebook() as gb:
        names = {s.id: f"{s.last_name} {s.first_name}" for s in gb.students}
        for assignment in [a.name for a in gb.assignments]:
            for learner in learners:
                try:
                    submission = gb.find_submission(assignment, learner)
                except MissingEntry:
                    rows += QUESTIONS
                    continue
                late = submission.total_seconds_late
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        _ = (names[learner], grade.name, grade.score, grade.max_score)
                        _ = (grade.cell_type, grade.auto_score, grade.manual_score, late)
                        rows += 1
    return time.perf_counter() - started, rows


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 250
    from grading.core.nbgrader_env import quiet_nbgrader, skip_slow_optional_imports

    skip_slow_optional_imports()
    with tempfile.TemporaryDirectory(prefix="hocso-report-bench-") as tmp, quiet_nbgrader():
        t0 = time.perf_counter()
        cohort, submissions, grades, events = build(Path(tmp), n)
        print(
            f"built: {n} learners, {len(ASSIGNMENTS)} assignments x {QUESTIONS} questions, "
            f"{submissions} submissions, {grades} grades, {events} attempt events "
            f"in {time.perf_counter() - t0:.1f} s (peak RSS {_peak_mb():.0f} MB)"
        )
        from grading.progress.gradebook import build_progress
        from grading.progress.report import report

        t0, c0 = time.perf_counter(), time.process_time()
        progress = build_progress(cohort)
        tables, tables_cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"tables: {len(progress.questions)} learner x question rows, every statistic: "
            f"{tables:.2f} s ({tables_cpu:.2f} s CPU, peak RSS {_peak_mb():.0f} MB)"
        )
        del progress
        t0, c0 = time.perf_counter(), time.process_time()
        result = report(Path(tmp) / "bao-cao", cohort=cohort)
        whole, whole_cpu = time.perf_counter() - t0, time.process_time() - c0
        size = result.html.stat().st_size / 1024
        book = result.workbook.stat().st_size / 1024 / 1024
        print(
            f"report: HTML {size:.0f} KB, workbook {book:.1f} MB, {len(result.csvs)} CSV: "
            f"{whole:.2f} s ({whole_cpu:.2f} s CPU, peak RSS {_peak_mb():.0f} MB)"
        )
        learners = [f"hv{i:05d}" for i in range(0, n, max(1, n // sample))][:sample]
        c0 = time.process_time()
        spent, loop_rows = baseline(cohort, learners)
        spent_cpu = time.process_time() - c0
        scale = n / len(learners)
        print(
            f"baseline: nbgrader API loop, {len(learners)} learners ({loop_rows} rows) in "
            f"{spent:.2f} s ({spent_cpu:.2f} s CPU) -> {spent * scale:.0f} s "
            f"({spent_cpu * scale:.0f} s CPU) for {n} learners (scaled); "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
        ratio, ratio_cpu = tables / (spent * scale), tables_cpu / (spent_cpu * scale)
        print(
            f"report bench: {n} learners: tables {tables:.1f} s, full report {whole:.1f} s, "
            f"peak RSS {_peak_mb():.0f} MB; ratio tables/nbgrader-loop {ratio:.3f} "
            f"(CPU time {ratio_cpu:.3f}: {1 / ratio_cpu:.0f}x faster)"
        )


if __name__ == "__main__":
    main()
