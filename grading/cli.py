"""The ``hocso`` command line: a thin layer over the ``grading`` API."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from grading._table import render_table
from grading.errors import HocsoError

__all__ = ["main"]


def _course(args: argparse.Namespace):
    from grading.course import open_course

    return open_course(args.course)


def _cmd_build(args: argparse.Namespace) -> int:
    from grading.build import build

    results = build(_course(args), args.assignments or None)
    rows = [[r.assignment, len(r.notebooks), r.grade_cells, f"{r.points:g}"] for r in results]
    print(render_table(["assignment", "notebooks", "graded cells", "points"], rows))
    print(f"built and validated {len(results)} assignment(s): no solution or hidden test leaked")
    return 0


def _cmd_lab(args: argparse.Namespace) -> int:
    from grading.lab import lab, prepare_workspace

    if args.prepare_only:
        result = prepare_workspace(_course(args), args.workspace)
        rows = [
            [kind, len(getattr(result, kind))]
            for kind in ("copied", "updated", "kept", "unchanged")
        ]
        print(render_table(["files", "count"], rows))
        return 0
    return lab(_course(args), args.workspace, open_browser=not args.no_browser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hocso",
        description="Học Số: build, run and grade the digital-commerce course with nbgrader.",
    )
    parser.add_argument(
        "--course",
        type=Path,
        default=None,
        help="course root (default: $HOCSO_COURSE or courses/kinh-doanh-so)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="generate and validate the learner version of assignments")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "lab", help="build, fill the learner workspace and open JupyterLab in Vietnamese"
    )
    p.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help="learner workspace (default: $HOCSO_WORKSPACE or workspace/)",
    )
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument(
        "--prepare-only", action="store_true", help="fill the workspace, do not start JupyterLab"
    )
    p.set_defaults(func=_cmd_lab)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``hocso``; returns the exit code (0 ok, 1 usage, >1 a typed failure)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except HocsoError as exc:
        print(f"hocso {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
