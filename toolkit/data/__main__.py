"""Check or rewrite the bundled CSV files.

``python -m toolkit.data --check`` regenerates every dataset of the toolkit
(the shop world and every ``toolkit/<skill>/_datasets.py``) in memory and
compares it byte for byte with the shipped file, then checks every other
generated asset (``toolkit/<skill>/_assets.py``, e.g. the sample photos):
exit status 0 when all match, 1 (naming each differing file) otherwise.
``python -m toolkit.data --write`` rewrites them all from their generators.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]


def _asset_modules() -> list[tuple[str, Any]]:
    """``toolkit/<skill>/_assets.py`` modules (photos, …), found by listing."""
    import importlib

    root = Path(__file__).resolve().parents[1]
    return [
        (file.parent.name, importlib.import_module(f"toolkit.{file.parent.name}._assets"))
        for file in sorted(root.glob("*/_assets.py"))
        if file.parent.name.isidentifier()
    ]


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
        help="write/check under this folder instead of the packages (the shop world's files "
        "directly in it, a skill's in <folder>/<skill>/)",
    )
    args = parser.parse_args(argv)

    from toolkit.data._files import check_tables, providers, write_tables

    def folder(provider: Any) -> Path:
        if args.directory is None:
            return provider.directory
        return args.directory if provider.package == "data" else args.directory / provider.package

    assets = _asset_modules()

    def asset_folder(package: str) -> Path | None:
        return None if args.directory is None else args.directory / package / "assets"

    if args.write:
        for provider in providers():
            for file in write_tables(provider.generate(), folder(provider)):
                print(f"wrote {file}")
        for package, module in assets:
            for file in module.write(asset_folder(package)):
                print(f"wrote {file}")
        return 0

    problems = []
    for provider in providers():
        problems += check_tables(provider.generate(), folder(provider))
    if args.directory is None:  # shipped assets are checked in place
        for _package, module in assets:
            problems += module.check()
    if not problems:
        names = ", ".join(f"toolkit.{p.package} (seed {p.seed})" for p in providers())
        print(f"ok: every CSV file equals its generator's output: {names}")
        if assets and args.directory is None:
            print(
                f"ok: assets of {', '.join(f'toolkit.{p}' for p, _ in assets)} match their generators"
            )
        return 0
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(
        "The shipped data no longer match their generator (toolkit/data/_generate.py or "
        "toolkit/<skill>/_datasets.py). If you changed a generator on purpose, run "
        "`python -m toolkit.data --write` and commit the CSV files; otherwise restore the files "
        "(e.g. `git checkout -- 'toolkit/*.csv'`).",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
