"""The ``hocso`` command line, built from the ``grading`` API.

The API is the one source of truth (Otter-Grader's pattern): an option of a
verb is a keyword-only parameter of its API function, declared here with
:func:`api_option`, which takes the default from the function's signature
(:func:`inspect.signature`) and shows it in ``--help``; :func:`api_kwargs`
passes the options back to the function by name. The CLI never restates a
default, and output folders, limits and worker counts are the API's
(:mod:`grading.core.defaults`).

Exit codes come from ONE table, :data:`grading.core.errors.EXIT_CODES`: 0
success, 1 an unexpected crash, 2 a usage error, 3 and up a typed failure.
:func:`main` catches every :class:`~grading.core.errors.HocsoError` and prints
its message; a gradebook that is damaged, locked or unreachable is one clear
message and code 11 from every verb (:func:`grading.core.errors.gradebook_error`),
never a database traceback.

What the CLI says is in the trainer's language, Vietnamese by default and
English with ``HOCSO_LANG=en``, through the message catalogue
(:mod:`grading.core.messages`: :func:`~grading.core.messages.say` for
sentences, :func:`~grading.core.messages.word` for table words).

Adding a verb
-------------
One function and one parser block, next to each other::

    def _cmd_workers(args: argparse.Namespace) -> int:
        from grading.verbs.workers import workers

        result = workers(cohort=_cohort(args), **api_kwargs(args, workers))
        print(say("hocso.cli.workers_started", count=len(result.started)))
        return 0


    @verb
    def _workers_parser(sub: Subparsers) -> None:
        from grading.verbs.workers import workers

        p = sub.add_parser("workers", help="start grading workers on this machine")
        api_option(p, workers, "count", type=_positive, metavar="N",
                   help="workers to start")
        p.set_defaults(func=_cmd_workers)

``@verb`` registers the block (verbs appear in ``--help`` in the order of
this file); the common options (``--course``, ``--exchange``, ``--db-url``,
``--tz``) are added to every verb; its sentences go into
:data:`grading.core.messages.MESSAGES`; a new failure is a class in
:mod:`grading.core.errors` with its code in ``EXIT_CODES`` (a test walks
them all). Nested verbs (``hocso roster import``) add a sub-parser in their
block, as ``roster`` does.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from grading.core.defaults import CERTIFICATES_DIR, COURSE_ENV, REPORT_DIR, default_course_root
from grading.core.errors import (
    CohortError,
    DemoError,
    FeedbackLeakError,
    GradingError,
    HocsoError,
    VerificationFailed,
    exit_code_of,
    gradebook_error,
)
from grading.core.messages import say, word
from grading.core.table import render_table as _render_table

__all__ = ["VERBS", "api_kwargs", "api_option", "build_parser", "main", "verb"]

Subparsers = argparse._SubParsersAction

#: The parser blocks of the verbs, in ``--help`` order (filled by :func:`verb`).
VERBS: list[Callable[[Subparsers], None]] = []
#: ``{API function: option names the CLI declared for it}`` (filled by :func:`api_option`).
_DECLARED: dict[Any, list[str]] = {}


def verb(block: Callable[[Subparsers], None]) -> Callable[[Subparsers], None]:
    """Register a verb's parser block (a function that adds its parser to ``sub``)."""
    VERBS.append(block)
    return block


def api_option(
    parser: argparse.ArgumentParser,
    function: Callable[..., Any],
    name: str,
    *flags: str,
    show: Callable[[Any], str] | None = None,
    **kwargs: Any,
) -> argparse.Action:
    """Add the option for parameter ``name`` of ``function``, its default taken from there.

    ``flags`` default to ``--name-with-dashes``; a ``bool`` parameter becomes a
    switch (``store_true``, or ``store_false`` when it defaults to ``True``:
    give the flag that turns it off, e.g. ``--serial`` for ``parallel``). The
    default is appended to ``help`` (through ``show`` when given) unless it is
    ``None`` or a ``bool``.

    Examples
    --------
    >>> def grade(assignment, *, workers: int = 4, parallel: bool = True): ...
    >>> p = argparse.ArgumentParser()
    >>> _ = api_option(p, grade, "workers", type=int, help="at once")
    >>> _ = api_option(p, grade, "parallel", "--serial", help="one at a time")
    >>> args = p.parse_args(["--serial"])
    >>> args.workers, args.parallel, api_kwargs(args, grade)
    (4, False, {'workers': 4, 'parallel': False})
    """
    parameter = inspect.signature(function).parameters[name]
    if parameter.default is inspect.Parameter.empty:
        raise TypeError(f"{getattr(function, '__name__', function)}: {name} has no default")
    default = parameter.default
    kwargs.setdefault("dest", name)
    if isinstance(default, bool):
        kwargs.setdefault("action", "store_false" if default else "store_true")
    help_text = kwargs.get("help")
    if help_text and default is not None and not isinstance(default, bool):
        shown = show(default) if show else str(default)
        kwargs["help"] = f"{help_text} (default: {shown.replace('%', '%%')})"
    declared = _DECLARED.setdefault(function, [])
    if name not in declared:
        declared.append(name)
    return parser.add_argument(
        *(flags or (f"--{name.replace('_', '-')}",)), default=default, **kwargs
    )


def api_kwargs(args: argparse.Namespace, function: Callable[..., Any]) -> dict[str, Any]:
    """The options :func:`api_option` declared for ``function``, as given on the command line."""
    return {
        name: getattr(args, name) for name in _DECLARED.get(function, ()) if hasattr(args, name)
    }


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """:func:`grading.core.table.render_table` with its words in the trainer's language."""
    return _render_table(
        [word(str(h)) for h in headers],
        [[word(c) if isinstance(c, str) else c for c in row] for row in rows],
    )


def _course(args: argparse.Namespace):
    from grading.core.course import open_course

    return open_course(args.course)


def _announce_course(args: argparse.Namespace) -> None:
    """Resolve the course once; say which one when it is not the repository's default."""
    from grading.core.course import resolve_course

    choice = resolve_course(args.course)
    args.course = choice.root
    if not choice.is_default:
        print(say("hocso.cli.course", course=choice.describe()), file=sys.stderr)


def _cohort(args: argparse.Namespace):
    from grading.classroom.cohort import open_cohort

    return open_cohort(
        args.course,
        exchange=args.exchange,
        db_url=args.db_url,
        **api_kwargs(args, open_cohort),
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _share(text: str) -> float:
    """A percentage on the command line (``70``), a share in the API (``0.7``)."""
    value = float(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"a percentage from 0 to 100, not {text}")
    return value / 100


def _percent(share: float) -> str:
    return f"{share * 100:g} %"


def _points(score: float, maximum: float) -> str:
    return f"{score:g}/{maximum:g}"


def _late(late: bool) -> str:
    return "late" if late else ""


# --------------------------------------------------------------------------
# course: build, lab, formgrader
# --------------------------------------------------------------------------


def _cmd_build(args: argparse.Namespace) -> int:
    from grading.verbs.build import build

    results = build(_course(args), args.assignments or None)
    rows = [[r.assignment, len(r.notebooks), r.grade_cells, f"{r.points:g}"] for r in results]
    print(render_table(["assignment", "notebooks", "graded cells", "points"], rows))
    print(say("hocso.cli.built", count=len(results)))
    return 0


@verb
def _build_parser(sub: Subparsers) -> None:
    p = sub.add_parser("build", help="generate and validate the learner version of assignments")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    p.set_defaults(func=_cmd_build)


def _cmd_lab(args: argparse.Namespace) -> int:
    from grading.jupyter.launch import lab, prepare_workspace

    cohort = _cohort(args)
    if args.prepare_only:
        result = prepare_workspace(
            cohort.course, args.workspace, learner=args.learner, cohort=cohort
        )
        kinds = ("copied", "updated", "kept", "unchanged")
        print(render_table(["files", "count"], [[k, len(getattr(result, k))] for k in kinds]))
        return 0
    return lab(cohort.course, args.workspace, cohort=cohort, **api_kwargs(args, lab))


@verb
def _lab_parser(sub: Subparsers) -> None:
    from grading.jupyter.launch import lab

    p = sub.add_parser(
        "lab", help="build, fill the learner workspace and open JupyterLab in Vietnamese"
    )
    p.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help="learner workspace (default: $HOCSO_WORKSPACE or workspace/)",
    )
    api_option(p, lab, "open_browser", "--no-browser", help="do not open a web browser")
    p.add_argument(
        "--prepare-only", action="store_true", help="fill the workspace, do not start JupyterLab"
    )
    api_option(
        p,
        lab,
        "learner",
        metavar="ID",
        help="a learner of the roster: their own workspace, nbgrader cache and identity, "
        "to fetch and submit (default: self-study, nothing to submit)",
    )
    p.set_defaults(func=_cmd_lab)


def _cmd_formgrader(args: argparse.Namespace) -> int:
    from grading.jupyter.launch import formgrader

    return formgrader(_cohort(args), **api_kwargs(args, formgrader))


@verb
def _formgrader_parser(sub: Subparsers) -> None:
    from grading.jupyter.launch import formgrader

    p = sub.add_parser(
        "formgrader",
        help="open nbgrader's Formgrader on this course, exchange and gradebook (manual grading)",
    )
    api_option(p, formgrader, "open_browser", "--no-browser", help="do not open a web browser")
    p.set_defaults(func=_cmd_formgrader)


# --------------------------------------------------------------------------
# the class: roster
# --------------------------------------------------------------------------


def _cmd_hub(args: argparse.Namespace) -> int:
    from grading.hub.config import HubPorts, prepare_hub
    from grading.hub.run import describe, run_hub, trainer_token

    cohort = _cohort(args)
    if args.token_for:
        for key, value in trainer_token(cohort, args.token_for, folder=args.dir).items():
            print(f"export {key}={value}")
        return 0
    ports = HubPorts(ip=args.ip, public=args.port)
    plan = prepare_hub(
        cohort, folder=args.dir, ports=ports, trainers=tuple(args.trainer),
        mem_limit=args.mem, idle_timeout=args.idle_timeout, server_python=args.server_python,
        new_codes_again=tuple(args.new_code),
    )  # fmt: skip
    print(describe(plan, cohort.course_id))
    return 0 if args.prepare_only else run_hub(plan)


@verb
def _hub_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "hub", help="JupyterHub for the class: accounts from the roster, the exchange service "
        "(root: creates a Unix user per learner)",
    )  # fmt: skip
    p.add_argument("--dir", type=Path, default=None,
                   help="the hub's folder (default /srv/hocso-hub/<course>)")  # fmt: skip
    p.add_argument("--ip", default="127.0.0.1",
                   help="address learners reach (default 127.0.0.1: this computer only)")  # fmt: skip
    p.add_argument("--port", type=int, default=8000, help="public port (default 8000)")
    p.add_argument("--trainer", action="append", default=[], metavar="NAME",
                   help="a trainer's account (Formgrader, group formgrade-<course>); repeat")  # fmt: skip
    p.add_argument("--mem", default="2G", help="memory cap of each process of a learner")
    p.add_argument("--idle-timeout", type=int, default=3600,
                   help="stop a learner's server idle this many seconds")  # fmt: skip
    p.add_argument("--server-python", default=None, metavar="PATH",
                   help="Python of learners' servers (must be readable by every account)")  # fmt: skip
    p.add_argument("--new-code", action="append", default=[], metavar="ID",
                   help="give ID a new one-time code (forgotten password); repeat")  # fmt: skip
    p.add_argument("--prepare-only", action="store_true",
                   help="write accounts and configuration, do not start the hub")  # fmt: skip
    p.add_argument("--token-for", default=None, metavar="TRAINER",
                   help="print the environment for TRAINER's hocso commands (running hub)")  # fmt: skip
    p.set_defaults(func=_cmd_hub)


def _cmd_roster_import(args: argparse.Namespace) -> int:
    from grading.classroom.roster import import_roster

    result = import_roster(args.file, cohort=_cohort(args))
    action = {
        **dict.fromkeys(result.added, "added"),
        **dict.fromkeys(result.updated, "updated"),
        **dict.fromkeys(result.unchanged, "unchanged"),
    }
    rows = [[x.id, x.full_name, x.group, x.email, action[x.id]] for x in result.learners]
    print(render_table(["id", "full name", "group", "email", "roster"], rows))
    print(
        say(
            "hocso.cli.roster_imported",
            count=len(result.learners),
            added=len(result.added),
            updated=len(result.updated),
            unchanged=len(result.unchanged),
        )
    )
    if result.changes:
        print(
            render_table(
                ["learner", "field", "before", "after"],
                [[c.learner, c.field, c.old or "-", c.new or "-"] for c in result.changes],
            )
        )
    if result.kept_columns:
        print(say("hocso.cli.roster_kept_columns", columns=", ".join(result.kept_columns)))
    return 0


def _cmd_roster_remove(args: argparse.Namespace) -> int:
    from grading.classroom.roster import remove_learner

    edit = remove_learner(args.learner, cohort=_cohort(args), **api_kwargs(args, remove_learner))
    print(say("hocso.cli.roster_removed", learner=edit.learner))
    if edit.submissions:
        print(say("hocso.cli.roster_removed_grades", assignments=", ".join(edit.submissions)))
    if edit.moved:
        print(say("hocso.cli.roster_removed_moved", count=len(edit.moved)))
    return 0


def _cmd_roster_rename(args: argparse.Namespace) -> int:
    from grading.classroom.roster import rename_learner

    edit = rename_learner(args.old, args.new, cohort=_cohort(args))
    print(
        say(
            "hocso.cli.roster_renamed",
            learner=edit.learner,
            new=edit.new_id,
            submissions=len(edit.submissions),
            moved=len(edit.moved),
        )
    )
    return 0


def _cmd_roster_token(args: argparse.Namespace) -> int:
    """Enrol a learner of a shared account on their workspace (see grading.jupyter.launch)."""
    from grading.jupyter.launch import SHARED_ACCOUNT_NOTE, enrol_learner

    workspace = enrol_learner(_cohort(args), args.learner, args.workspace)
    print(f"{args.learner}: token issued for {workspace} (any earlier token of this id revoked)")
    print(f"then: make lab LEARNER={args.learner}  (or hocso lab --learner {args.learner})")
    print(f"note: {SHARED_ACCOUNT_NOTE}")
    return 0


def _cmd_roster_show(args: argparse.Namespace) -> int:
    from grading.classroom.roster import read_roster

    learners = read_roster(cohort=_cohort(args))
    rows = [[x.id, x.full_name, x.group, x.email] for x in learners]
    print(render_table(["id", "full name", "group", "email"], rows))
    print(say("hocso.cli.roster_shown", count=len(learners)))
    return 0


@verb
def _roster_parser(sub: Subparsers) -> None:
    from grading.classroom.roster import remove_learner

    p = sub.add_parser("roster", help="enrol learners from a CSV file, or show the roster")
    actions = p.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    q = actions.add_parser(
        "import",
        help="check every line of FILE.csv, then enrol all learners (nothing on any error)",
        description="Columns: id, full_name, email (optional), group (optional). "
        "Vietnamese headers (mã, họ và tên, nhóm, tỉnh) and Excel's CSV UTF-8 work.",
    )
    q.add_argument("file", type=Path, metavar="FILE.csv", help="the roster")
    q.set_defaults(func=_cmd_roster_import)
    q = actions.add_parser("show", help="list the enrolled learners")
    q.set_defaults(func=_cmd_roster_show)
    q = actions.add_parser(
        "remove", help="take a learner off the roster (with submissions: only on request)"
    )
    q.add_argument("learner", metavar="ID")
    api_option(
        q,
        remove_learner,
        "with_submissions",
        help="also delete their grades (their folders are kept in .hocso/removed/)",
    )
    q.set_defaults(func=_cmd_roster_remove)
    q = actions.add_parser(
        "rename", help="change a learner's id; grades, folders and waiting submissions follow"
    )
    q.add_argument("old", metavar="OLD_ID")
    q.add_argument("new", metavar="NEW_ID")
    q.set_defaults(func=_cmd_roster_rename)
    q = actions.add_parser(
        "token", help="shared account: enrol ID on their workspace, issue their submission token"
    )
    q.add_argument("learner", metavar="ID")
    q.add_argument("--workspace", type=Path, default=None, help="default: the learner's own")
    q.set_defaults(func=_cmd_roster_token)


# --------------------------------------------------------------------------
# the cycle: release, solutions, collect, autograde, feedback, grades, status, demo
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# progress: report, certificates, verify
# --------------------------------------------------------------------------


def _cmd_report(args: argparse.Namespace) -> int:
    from grading.progress.report import report

    result = report(args.out, cohort=_cohort(args))
    print(say("hocso.cli.report_html", path=result.html))
    print(say("hocso.cli.report_excel", path=result.workbook))
    print(say("hocso.cli.report_csv", count=len(result.csvs), folder=result.html.parent))
    print(say("hocso.cli.report_summary", learners=result.learners, at_risk=result.at_risk))
    return 0


@verb
def _report_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "report", help="progress report: HTML (offline, phone), CSV files and an Excel workbook"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=REPORT_DIR,
        metavar="DIR",
        help=f"folder (default: {REPORT_DIR})",
    )
    p.set_defaults(func=_cmd_report)


def _cmd_certificates(args: argparse.Namespace) -> int:
    import datetime as dt

    from grading.progress.certificates import CompletionRule, certificates

    result = certificates(
        args.out,
        cohort=_cohort(args),
        rule=CompletionRule(**api_kwargs(args, CompletionRule)),
        issued=dt.date.fromisoformat(args.date) if args.date else None,
        learners=args.learners,
    )
    rows = [
        [f.learner, f.full_name, f"{f.percent} %", code, path] for f, code, path in result.issued
    ]
    rows += [
        [learner, "", "", say("hocso.cli.not_eligible", why=why), ""]
        for learner, why in result.not_eligible
    ]
    print(render_table(["learner", "full name", "score", "verification code", "pdf"], rows))
    print(
        say(
            "hocso.cli.certificates",
            count=len(result.issued),
            folder=args.out,
            rule=result.rule.describe(),
        )
    )
    return 0


@verb
def _certificates_parser(sub: Subparsers) -> None:
    from grading.progress.certificates import CompletionRule, certificates

    p = sub.add_parser(
        "certificates", help="a PDF certificate per learner who completed the course"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=CERTIFICATES_DIR,
        metavar="DIR",
        help=f"folder (default: {CERTIFICATES_DIR})",
    )
    api_option(
        p, CompletionRule, "min_overall", "--min-percent", type=_share, metavar="X",
        show=_percent, help="at least X %% of the course's points",
    )  # fmt: skip
    api_option(
        p, CompletionRule, "per_skill", "--per-skill", type=_share, metavar="X",
        help="instead: at least X %% in every skill area",
    )  # fmt: skip
    api_option(
        p,
        CompletionRule,
        "require_all_submitted",
        "--allow-missing",
        help="do not require every assignment submitted",
    )
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="issue date (default today)")
    api_option(
        p, certificates, "learners", "--learner", action="append", metavar="ID",
        help="only this learner (repeatable)",
    )  # fmt: skip
    p.set_defaults(func=_cmd_certificates)


def _cmd_verify(args: argparse.Namespace) -> int:
    from grading.progress.certificates import verify

    result = verify(args.code, cohort=_cohort(args))
    if result.valid and result.fields is not None:
        f = result.fields
        print(say("hocso.cli.verify_learner", learner=f.learner, name=f.full_name))
        print(
            say(
                "hocso.cli.verify_course",
                title=f.course_title,
                course=f.course_id,
                issued=f.issued,
            )
        )
        print(say("hocso.cli.verify_score", percent=f.percent, skills=", ".join(f.skills) or "-"))
    if not result.valid:
        code = repr(args.code.strip()[:100])
        raise VerificationFailed(say("hocso.error.not_valid", code=code, reason=result.reason))
    print(say("hocso.cli.verify_valid"))
    return 0


@verb
def _verify_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "verify", help="check a certificate's verification code against the gradebook"
    )
    p.add_argument("code", metavar="CODE", help="e.g. HS-20260310-mai-nguyen-ABCDEFGHIJKLMNOP")
    p.set_defaults(func=_cmd_verify)


# --------------------------------------------------------------------------
# the parser and main
# --------------------------------------------------------------------------


def _default_course_text() -> str:
    root = default_course_root()
    return "none: give one" if root is None else f"the repository's {root.name}"


def _add_common_options(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--course",
        type=Path,
        default=default,
        help=f"course root (default: ${COURSE_ENV}, else the current folder when it has "
        f"nbgrader_config.py, else {_default_course_text()})",
    )
    parser.add_argument(
        "--exchange",
        type=Path,
        default=default,
        help="exchange folder (default: $HOCSO_EXCHANGE, Exchange.root in nbgrader_config.py, "
        "or hocso/exchange in your user data folder)",
    )
    parser.add_argument(
        "--db-url",
        default=default,
        help="gradebook URL, passed to nbgrader unchanged (default: $HOCSO_DB_URL, "
        "nbgrader_config.py, or sqlite:///<course>/gradebook.db)",
    )
    parser.add_argument(
        "--tz",
        default=default,
        metavar="ZONE",
        help="the class's time zone for due dates and times shown "
        "(default: $HOCSO_TZ or Asia/Ho_Chi_Minh)",
    )


#: Options of every verb, accepted before or after it (``hocso status --course X``).
_COMMON = argparse.ArgumentParser(add_help=False)
_add_common_options(_COMMON, argparse.SUPPRESS)


def _with_common_options(sub: Subparsers) -> None:
    """Make every ``sub.add_parser`` (and nested ones) accept the common options."""
    original = sub.add_parser

    def add_parser(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        kwargs.setdefault("parents", []).append(_COMMON)
        parser = original(name, **kwargs)
        parser_add_subparsers = parser.add_subparsers

        def add_subparsers(**kw: Any) -> Subparsers:
            nested = parser_add_subparsers(**kw)
            _with_common_options(nested)
            return nested

        parser.add_subparsers = add_subparsers  # type: ignore[method-assign]
        return parser

    sub.add_parser = add_parser  # type: ignore[method-assign]


def build_parser() -> argparse.ArgumentParser:
    """The ``hocso`` parser: the common options, then every registered verb (:data:`VERBS`)."""
    parser = argparse.ArgumentParser(
        prog="hocso",
        description="Học Số: build, run and grade the digital-commerce course with nbgrader.",
    )
    _add_common_options(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _with_common_options(sub)
    for block in VERBS:
        block(sub)
    return parser


def _db_url(args: argparse.Namespace) -> str:
    """The gradebook URL this command used, as far as it can be told (for an error message)."""
    try:
        from grading.classroom.cohort import open_cohort

        return open_cohort(args.course, exchange=args.exchange, db_url=args.db_url).db_url
    except Exception:  # the error being reported comes first
        return str(args.db_url or "")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``hocso``; returns the exit code (:data:`grading.core.errors.EXIT_CODES`)."""
    from grading.core.nbgrader_env import skip_slow_optional_imports

    skip_slow_optional_imports()
    parser = build_parser()
    args = parser.parse_args(argv)
    from grading.core.times import TZ_ENV, class_timezone

    previous_tz = os.environ.get(TZ_ENV)
    if args.tz:
        try:
            class_timezone(args.tz)
        except ValueError as exc:
            parser.error(str(exc))
        os.environ[TZ_ENV] = args.tz  # for this command only (main may run in-process)
    try:
        _announce_course(args)
        return int(args.func(args) or 0)
    except Exception as exc:
        error = exc if isinstance(exc, HocsoError) else gradebook_error(exc, _db_url(args))
        if error is None:
            raise  # a bug, not a failure a trainer can act on: the traceback helps
        print(say("hocso.error.frame", command=args.command, message=error), file=sys.stderr)
        return exit_code_of(error)
    finally:
        if previous_tz is None:
            os.environ.pop(TZ_ENV, None)
        else:
            os.environ[TZ_ENV] = previous_tz
