"""The class database and the demo class: ``db``, ``demo``."""

from __future__ import annotations

import argparse
from pathlib import Path

from grading.cli._base import (
    Subparsers,
    _cohort,
    _late,
    _points,
    render_table,
    verb,
)
from grading.core.errors import (
    DemoError,
)
from grading.core.messages import say


def _cmd_demo(args: argparse.Namespace) -> int:
    from grading.verbs.demo import demo

    result = demo(args.directory, course=args.course)
    rows = [
        [r.learner, r.name, r.story, f"{r.expected:g}", _points(r.score, r.max_score), r.status,
         _late(r.late), r.feedback, "ok" if r.ok else "DIFFERENT"]
        for r in result.rows
    ]  # fmt: skip
    headers = ["learner", "full name", "situation", "designed", "score", "status", "late",
               "feedback", "check"]  # fmt: skip
    print(render_table(headers, rows))
    print(
        say(
            "hocso.cli.demo_summary",
            learners=len(result.rows),
            runs=len(result.autograded.executed),
            each=f"{result.seconds_per_submission:.1f}",
            total=f"{result.seconds:.0f}",
        )
    )
    print(say("hocso.cli.demo_folder", path=result.directory))
    print(say("hocso.cli.demo_grades", path=result.grades_csv))
    sample = next((f for r in result.returned.rows for f in r.files), None)
    if sample:
        print(say("hocso.cli.demo_feedback", path=sample))
    if not result.ok:
        wrong = ", ".join(r.learner for r in result.rows if not r.ok)
        raise DemoError(say("hocso.error.demo_scores", learners=wrong))
    print(say("hocso.cli.demo_ok"))
    return 0


def _cmd_db(args: argparse.Namespace) -> int:
    """``hocso db start|stop|status|url|migrate``: the class's PostgreSQL (grading.classroom)."""
    from grading.classroom.database import LocalPostgres

    server = LocalPostgres((args.folder or Path(args.course) / ".hocso" / "postgres").resolve())
    if args.db_command == "start":
        server.start()
        print(f"PostgreSQL on 127.0.0.1:{server.settings()['port']}, data in {server.folder}")
        print(f"use it: export HOCSO_DB_URL=$(hocso db url --folder {server.folder})")
    elif args.db_command == "stop":
        print("stopped" if server.stop() else f"not running ({server.folder})")
    elif args.db_command == "status":
        state = server.status()
        running = "running" if state.running else "stopped"
        print(f"{running}: {state.url or 'not initialised'} ({state.folder})")
        return 0 if state.running else 1
    elif args.db_command == "url":
        print(server.url())  # with its password: for $HOCSO_DB_URL, keep it private
    else:
        from grading.classroom.migrate import migrate

        done = migrate(_cohort(args), args.to or server.url())
        rows = [[t, str(done.copied[t]), str(done.total[t])] for t in sorted(done.total)]
        print(render_table(["table", "copied", "rows in target"], rows))
        verb = "already there, nothing copied" if done.nothing_to_do else "migrated and verified"
        print(f"{verb}: {done.source} -> {done.target} in {done.seconds:.1f} s")
        print("the SQLite gradebook is unchanged; use the new one with --db-url or $HOCSO_DB_URL")
    return 0


@verb
def _db_parser(sub: Subparsers) -> None:
    p = sub.add_parser("db", help="the class's PostgreSQL: start|stop|status|url, migrate")
    p.add_argument("db_command", choices=["start", "stop", "status", "url", "migrate"])
    p.add_argument(
        "--folder",
        type=Path,
        default=None,
        help="the local server (default <course>/.hocso/postgres)",
    )
    p.add_argument("--to", default=None, help="migrate: target URL (default: the local server)")
    p.set_defaults(func=_cmd_db)


@verb
def _demo_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "demo", help="run a synthetic cohort of 13 learners end to end and print its grade table"
    )
    p.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=None,
        metavar="DIR",
        help="a new or empty folder (default: a new temporary folder, kept)",
    )
    p.set_defaults(func=_cmd_demo)
