"""What every verb shares: the registry of verbs, options taken from the API, small formatters."""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Callable, Sequence
from typing import Any

from grading.core.messages import say, word
from grading.core.table import render_table as _render_table

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
