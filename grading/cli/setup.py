"""Verbs that build a course and open it: ``build``, ``lab``, ``formgrader``, ``hub``."""

from __future__ import annotations

import argparse
from pathlib import Path

from grading.cli._base import (
    Subparsers,
    _cohort,
    _course,
    api_kwargs,
    api_option,
    render_table,
    verb,
)
from grading.core.messages import say


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
