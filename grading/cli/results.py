"""Where the class stands: ``grades`` and ``status``."""

from __future__ import annotations

import argparse
from pathlib import Path

from grading.cli._base import (
    Subparsers,
    _cohort,
    _late,
    _points,
    api_kwargs,
    api_option,
    render_table,
    verb,
)
from grading.core.messages import say


def _cmd_grades(args: argparse.Namespace) -> int:
    from grading.verbs.grades import grades, write_grades_csv

    rows = grades(cohort=_cohort(args), **api_kwargs(args, grades))
    table = [
        [r.learner, r.full_name, r.group, r.assignment, _points(r.score, r.max_score),
         _late(r.late), r.status]
        for r in rows
    ]  # fmt: skip
    headers = ["learner", "full name", "group", "assignment", "score", "late", "status"]
    print(render_table(headers, table))
    if args.out:
        path = write_grades_csv(rows, args.out)
        print(say("hocso.cli.grades_written", count=len(rows), path=path))
    return 0


@verb
def _grades_parser(sub: Subparsers) -> None:
    from grading.verbs.grades import grades

    p = sub.add_parser("grades", help="one row per learner x assignment: score, max, late, status")
    p.add_argument("--out", type=Path, default=None, metavar="FILE.csv", help="also write a CSV")
    api_option(
        p, grades, "assignments", "--assignment", action="append", metavar="ID",
        help="only this assignment (repeatable)",
    )  # fmt: skip
    p.set_defaults(func=_cmd_grades)


def _cmd_status(args: argparse.Namespace) -> int:
    from grading.core.times import show_time
    from grading.verbs.status import status

    report = status(cohort=_cohort(args))
    print(say("hocso.cli.status_course", value=report.course))
    print(say("hocso.cli.status_gradebook", value=report.db_url))
    print(say("hocso.cli.status_exchange", value=report.exchange))
    print(say("hocso.cli.status_learners", count=report.learners))
    rows = [
        [
            a.assignment,
            "yes" if a.released else ("built" if a.built else "no"),
            show_time(a.due),
            a.to_collect,
            a.collected,
            a.graded,
            a.failed,
            a.needs_manual,
            a.feedback_returned,
            a.next_step,
        ]
        for a in report.assignments
    ]
    headers = ["assignment", "released", "due", "to collect", "collected", "graded", "failed",
               "manual", "feedback", "next step"]  # fmt: skip
    print(render_table(headers, rows))
    for batch in report.running:
        eta = batch.eta_seconds()
        state = "running" if batch.alive() else "interrupted (its process is gone)"
        print(
            f"autograde {batch.assignment}: {state}, {batch.done}/{batch.total} graded "
            f"({batch.failed} failed) on {batch.where}"
            + (f", about {eta / 60:.0f} min left" if eta is not None and batch.alive() else "")
        )
    return 0


@verb
def _status_parser(sub: Subparsers) -> None:
    p = sub.add_parser("status", help="what is released, collected, graded, waiting for grading")
    p.set_defaults(func=_cmd_status)
