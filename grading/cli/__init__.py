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

What the CLI says (and ``--help``, through :mod:`grading.cli._language`) is in the
trainer's language, Vietnamese by default and
English with ``HOCSO_LANG=en``, through the message catalogue
(:mod:`grading.core.messages`: :func:`~grading.core.messages.say` for
sentences, :func:`~grading.core.messages.word` for table words).

Adding a verb
-------------
One function and one parser block, next to each other, in the module of its
group (``setup``, ``roster``, ``assignments``, ``results``, ``admin``, ``reports``;
the shared helpers are in ``_base``)::

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
the modules imported below, then of each module); the common options (``--course``, ``--exchange``, ``--db-url``,
``--tz``) are added to every verb; its sentences go into
:data:`grading.core.messages.MESSAGES`; a new failure is a class in
:mod:`grading.core.errors` with its code in ``EXIT_CODES`` (a test walks
them all). Nested verbs (``hocso roster import``) add a sub-parser in their
block, as ``roster`` does.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grading.cli._base import VERBS, Subparsers, _announce_course, api_kwargs, api_option, verb
from grading.cli._language import Parser, translate_parser
from grading.core.defaults import COURSE_ENV, default_course_root
from grading.core.errors import (
    HocsoError,
    exit_code_of,
    gradebook_error,
)
from grading.core.messages import say

# The verb modules register their verbs on import: this order is --help's.
# isort: off
from grading.cli import setup  # noqa: F401
from grading.cli import roster  # noqa: F401
from grading.cli import assignments  # noqa: F401
from grading.cli import results  # noqa: F401
from grading.cli import admin  # noqa: F401
from grading.cli import reports  # noqa: F401
# isort: on

__all__ = ["VERBS", "api_kwargs", "api_option", "build_parser", "main", "verb"]


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


def _with_common_options(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """Make every ``sub.add_parser`` (and nested ones) accept the ``common`` options."""
    original = sub.add_parser

    def add_parser(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        kwargs.setdefault("parents", []).append(common)
        parser = original(name, **kwargs)
        parser_add_subparsers = parser.add_subparsers

        def add_subparsers(**kw: Any) -> Subparsers:
            nested = parser_add_subparsers(**kw)
            _with_common_options(nested, common)
            return nested

        parser.add_subparsers = add_subparsers  # type: ignore[method-assign]
        return parser

    sub.add_parser = add_parser  # type: ignore[method-assign]


def build_parser() -> argparse.ArgumentParser:
    """The ``hocso`` parser: the common options, then every registered verb (:data:`VERBS`)."""
    parser = Parser(
        prog="hocso",
        description="Học Số: build, run and grade the digital-commerce course with nbgrader.",
    )
    _add_common_options(parser, None)
    # Options of every verb, accepted before or after it (``hocso status --course X``);
    # made per parser: translate_parser changes help texts in place.
    common = Parser(add_help=False)
    _add_common_options(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _with_common_options(sub, common)
    for block in VERBS:
        block(sub)
    translate_parser(parser)
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
