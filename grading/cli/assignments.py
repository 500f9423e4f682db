"""An assignment's life: ``release``, ``solutions``, ``collect``, ``autograde`` (locally or on Dask ``workers``), ``feedback``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grading.cli._base import (
    Subparsers,
    _cohort,
    _late,
    _points,
    _positive,
    api_kwargs,
    api_option,
    render_table,
    verb,
)
from grading.core.errors import (
    CohortError,
    FeedbackLeakError,
    GradingError,
    exit_code_of,
)
from grading.core.messages import say


def _cmd_release(args: argparse.Namespace) -> int:
    from grading.core.times import show_time
    from grading.verbs.release import release

    result = release(args.assignment, cohort=_cohort(args), **api_kwargs(args, release))
    row = [
        result.assignment,
        len(result.notebooks),
        f"{result.points:g}",
        show_time(result.due),
        result.outbound,
    ]
    print(render_table(["assignment", "notebooks", "points", "due", "exchange folder"], [row]))
    for change in result.due_changes:
        print(say("hocso.cli.lateness_changed", change=change.describe()))
    if result.due_changes:
        print(say("hocso.cli.regrade_after_due", assignment=result.assignment))
    print(say("hocso.cli.released", assignment=result.assignment))
    if result.learner_config:
        print(say("hocso.cli.learner_config", path=result.learner_config))
    return 0


@verb
def _release_parser(sub: Subparsers) -> None:
    from grading.verbs.release import release

    p = sub.add_parser(
        "release", help="build ASSIGNMENT (leak-checked) and release it to the exchange"
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    api_option(
        p,
        release,
        "due",
        help="due date, day first: '01/03/2026 23:59', '1/3/2026' (23:59 that day) or "
        "'2026-03-01 23:59'; in the class's time zone (--tz) unless it has an offset",
    )
    api_option(p, release, "force", help="accept a due date in the past")
    api_option(
        p,
        release,
        "change_lateness",
        "--change-due",
        help="accept a new due date that makes existing submissions late or on time",
    )
    api_option(
        p,
        release,
        "after_solutions",
        help="accept a due date later than the release of the worked solution",
    )
    api_option(
        p,
        release,
        "learner_config",
        type=Path,
        metavar="DIR",
        help="write DIR/nbgrader_config.py so a JupyterLab opened in DIR finds the exchange",
    )
    p.set_defaults(func=_cmd_release)


def _cmd_solutions(args: argparse.Namespace) -> int:
    from grading.verbs.solutions import release_solutions

    result = release_solutions(
        args.assignment, cohort=_cohort(args), **api_kwargs(args, release_solutions)
    )
    for name in result.notebooks:
        print(say("hocso.cli.wrote", path=result.target / name))
    for name in result.skipped:
        print(say("hocso.cli.kept", path=result.target / name))
    where = "workspace" if args.workspace else "exchange"
    print(say(f"hocso.cli.solutions_{where}", assignment=result.assignment))
    return 0


@verb
def _solutions_parser(sub: Subparsers) -> None:
    from grading.verbs.solutions import release_solutions

    p = sub.add_parser("solutions", help="release ASSIGNMENT's worked solution after its due date")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    api_option(
        p,
        release_solutions,
        "workspace",
        type=Path,
        metavar="DIR",
        help="self-study: write it into DIR/ASSIGNMENT-loi-giai/ instead of the exchange",
    )
    api_option(p, release_solutions, "force", help="release before the due date")
    p.set_defaults(func=_cmd_solutions)


def _cmd_collect(args: argparse.Namespace) -> int:
    from grading.core.times import show_time
    from grading.verbs.collect import collect

    result = collect(args.assignment, cohort=_cohort(args))
    rows = [
        [
            r.learner,
            show_time(r.timestamp),
            _late(r.late),
            r.action,
            "" if r.on_roster else "NOT ON ROSTER",
        ]
        for r in result.rows
    ]
    print(render_table(["learner", "submitted at", "late", "collected", "roster"], rows))
    new = sum(1 for r in result.rows if r.action != "unchanged")
    print(say("hocso.cli.collected", count=len(result.rows), assignment=result.assignment, new=new))
    if result.not_submitted:
        print(
            say(
                "hocso.cli.not_submitted",
                count=len(result.not_submitted),
                learners=", ".join(result.not_submitted),
            )
        )
    if result.unknown:
        print(say("hocso.cli.not_on_roster", learners=", ".join(result.unknown)))
    for skipped in result.skipped:  # hostile inbound folders fail alone (names escaped)
        print(say("hocso.cli.skipped", folder=skipped.folder, reason=skipped.reason))
    if result.identity == "none":
        print(say("hocso.cli.unverified"))
    elif result.identity == "token":
        print(say("hocso.cli.token_convenience"))
    return 0


@verb
def _collect_parser(sub: Subparsers) -> None:
    p = sub.add_parser("collect", help="collect the latest submission of each learner")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.set_defaults(func=_cmd_collect)


def _cmd_autograde(args: argparse.Namespace) -> int:
    from grading.verbs.autograde import autograde
    from grading.verbs.status import require_collected

    cohort = _cohort(args)
    require_collected(args.assignment, cohort=cohort, learners=args.learners)
    result = autograde(
        args.assignment,
        cohort=cohort,
        security=_dask_security(args),
        **api_kwargs(args, autograde),
    )
    rows = []
    for r in result.rows:
        notes = [r.reason] if r.reason else []
        if r.restored:
            notes.append(say("hocso.cli.note_restored", cells=", ".join(r.restored)))
        if r.tampered:
            notes.append(say("hocso.cli.note_tampered", cells=", ".join(r.tampered)))
        if r.needs_manual:
            notes.append(say("hocso.cli.note_manual"))
        rows.append(
            [r.learner, r.status, _points(r.score, r.max_score), _late(r.late), "; ".join(notes)]
        )
    print(render_table(["learner", "autograde", "score", "late", "notes"], rows))
    runs = result.executed
    counts = {
        s: sum(1 for r in result.rows if r.status == s) for s in ("graded", "unchanged", "failed")
    }
    summary = say("hocso.cli.autograded", assignment=result.assignment, **counts)
    if runs:
        per = sum(r.seconds for r in runs) / len(runs)
        summary += say("hocso.cli.per_submission", seconds=f"{per:.1f}")
    print(summary)
    if result.failed:
        print(say("hocso.error.autograde_failed", count=len(result.failed)), file=sys.stderr)
        return exit_code_of(GradingError)
    return 0


@verb
def _autograde_parser(sub: Subparsers) -> None:
    from grading.classroom.cohort import DEFAULT_TIMEOUT, open_cohort
    from grading.core.defaults import default_workers
    from grading.verbs.autograde import autograde

    p = sub.add_parser(
        "autograde", help="grade collected submissions (new or changed ones; manual grades kept)"
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    api_option(
        p, autograde, "learners", "--learner", action="append", metavar="ID",
        help="only this learner (repeatable)",
    )  # fmt: skip
    api_option(p, autograde, "force", help="regrade submissions already graded")
    api_option(
        p,
        autograde,
        "after_solutions_policy",
        choices=("zero", "keep"),
        help="a submission handed in after the worked solution: 0 for its autograded points "
        "(zero) or graded as usual (keep); flagged either way",
    )
    api_option(
        p,
        open_cohort,
        "timeout",
        type=int,
        metavar="S",
        help="per-cell time limit in seconds (default: Execute.timeout in nbgrader_config.py, "
        f"else {DEFAULT_TIMEOUT})",
    )
    api_option(
        p,
        autograde,
        "workers",
        type=_positive,
        metavar="N",
        help="submissions executing at once with the sandboxed executor "
        f"(default: the number of CPUs, {default_workers()} here)",
    )
    api_option(
        p,
        autograde,
        "parallel",
        "--serial",
        help="execute one submission at a time (default: ahead, in parallel, with the sandbox)",
    )
    api_option(
        p,
        autograde,
        "scheduler",
        metavar="ADDRESS",
        help="execute on the workers of this Dask scheduler (tcp://HOST:8786, tls://...; "
        "see `hocso workers`); default: c.Hocso.scheduler in nbgrader_config.py, else this machine",
    )
    _add_tls(p)
    p.set_defaults(func=_cmd_autograde)


def _dask_security(args: argparse.Namespace) -> object | None:
    """``distributed.security.Security`` of the ``--tls-*`` options, or ``None``."""
    files = (args.tls_ca_file, args.tls_cert, args.tls_key)
    if not any(files):
        return None
    if not all(files):
        raise CohortError("TLS needs all three of --tls-ca-file, --tls-cert and --tls-key")
    try:
        from distributed.security import Security
    except ImportError as exc:
        raise CohortError("TLS to a Dask scheduler needs the cluster extra: "
                          "pip install -e '.[cluster]'") from exc  # fmt: skip
    return Security(tls_ca_file=args.tls_ca_file, tls_client_cert=args.tls_cert,
                    tls_client_key=args.tls_key, require_encryption=True)  # fmt: skip


def _add_tls(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tls-ca-file", metavar="PEM", help="the CA certificate(s) of the cluster")
    p.add_argument("--tls-cert", metavar="PEM", help="this machine's certificate")
    p.add_argument("--tls-key", metavar="PEM", help="this machine's private key")


def _cmd_workers(args: argparse.Namespace) -> int:
    from grading.verbs.workers import WorkerPlan, serve

    plan = WorkerPlan(
        scheduler_here=args.scheduler_here, scheduler=args.scheduler, host=args.host,
        port=args.port, workers=args.processes, memory_limit=args.memory_limit,
        tls_ca_file=args.tls_ca_file, tls_cert=args.tls_cert, tls_key=args.tls_key,
        plain_tcp_on_private_network=args.plain_tcp_on_private_network,
    )  # fmt: skip
    return serve(plan)


@verb
def _workers_parser(sub: Subparsers) -> None:
    from grading.core.defaults import default_workers

    p = sub.add_parser(
        "workers",
        help="start a Dask scheduler and grading workers (for autograde --scheduler)",
        description=(
            "A Dask scheduler runs whatever a connected client sends: keep it on 127.0.0.1 "
            "(the default), or on a private network with TLS certificates; never on the internet."
        ),
    )
    p.add_argument("--scheduler-here", action="store_true",
                   help="start the scheduler on this machine")  # fmt: skip
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="join a scheduler started elsewhere (tcp://HOST:8786 or tls://...)")  # fmt: skip
    p.add_argument("--host", default="127.0.0.1",
                   help="address the scheduler listens on (default 127.0.0.1: this machine only)")  # fmt: skip
    p.add_argument("--port", type=int, default=8786, help="the scheduler's port (default 8786)")
    p.add_argument("-n", "--workers", dest="processes", type=int, default=default_workers(), metavar="N",
                   help=f"worker processes on this machine (default: the CPUs, {default_workers()} here)")  # fmt: skip
    p.add_argument("--memory-limit", default="auto",
                   help="memory per worker process, e.g. 2GiB (default: the machine's, shared)")  # fmt: skip
    p.add_argument("--plain-tcp-on-private-network", action="store_true",
                   help="serve a non-loopback scheduler without TLS (private, firewalled network only)")  # fmt: skip
    _add_tls(p)
    p.set_defaults(func=_cmd_workers)


def _cmd_feedback(args: argparse.Namespace) -> int:
    from grading.verbs.feedback import feedback
    from grading.verbs.status import require_autograded

    cohort = _cohort(args)
    require_autograded(args.assignment, cohort=cohort, learners=args.learners)
    result = feedback(args.assignment, cohort=cohort, **api_kwargs(args, feedback))
    print(
        render_table(
            ["learner", "feedback", "notes"], [[r.learner, r.status, r.reason] for r in result.rows]
        )
    )
    released = sum(1 for r in result.rows if r.status == "released")
    waiting = sum(1 for r in result.rows if r.status == "waiting")
    print(
        say(
            "hocso.cli.feedback_returned",
            assignment=result.assignment,
            released=released,
            waiting=waiting,
        )
    )
    if result.leaks:
        print(say("hocso.error.feedback_leak"), file=sys.stderr)
        return exit_code_of(FeedbackLeakError)
    if result.failed:
        print(say("hocso.error.feedback_failed", count=len(result.failed)), file=sys.stderr)
        return exit_code_of(GradingError)
    return 0


@verb
def _feedback_parser(sub: Subparsers) -> None:
    from grading.verbs.feedback import feedback

    p = sub.add_parser(
        "feedback", help="generate feedback (no hidden tests) and return it through the exchange"
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    api_option(
        p, feedback, "learners", "--learner", action="append", metavar="ID",
        help="only this learner (repeatable)",
    )  # fmt: skip
    api_option(
        p,
        feedback,
        "include_pending",
        help="also for submissions whose written answers are not graded yet",
    )
    api_option(p, feedback, "release", "--no-release", help="generate the HTML, do not return it")
    p.set_defaults(func=_cmd_feedback)
