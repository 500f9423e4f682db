"""Check or rewrite the bundled CSV files.

``python -m toolkit.data --check`` regenerates every dataset in memory and
compares it byte for byte with the shipped file: exit status 0 when all match,
1 (naming each differing file) otherwise. ``python -m toolkit.data --write``
rewrites the files from the generator.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 if ``--check`` found a missing or different file.
    """
    parser = argparse.ArgumentParser(
        prog="python -m toolkit.data",
        description="Check or rewrite the bundled CSV datasets from their seeded generator.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument(
        "--check",
        action="store_true",
        help="regenerate in memory and compare byte for byte with the CSV files",
    )
    action.add_argument(
        "--write", action="store_true", help="rewrite the CSV files from the generator"
    )
    parser.add_argument(
        "--directory",
        type=Path,
        default=None,
        help="folder of the CSV files (default: the toolkit/data package folder)",
    )
    args = parser.parse_args(argv)

    from toolkit.data import _generate

    if args.write:
        for file in _generate.write(args.directory):
            print(f"wrote {file}")
        return 0

    problems = _generate.check(args.directory)
    if not problems:
        print(f"ok: the CSV files equal the generator's output (seed {_generate.SEED})")
        return 0
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(
        "The shipped data no longer match toolkit/data/_generate.py. If you changed the "
        "generator on purpose, run `python -m toolkit.data --write` and commit the CSV files; "
        "otherwise restore the files (e.g. `git checkout toolkit/data/*.csv`).",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
