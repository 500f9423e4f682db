"""Progress bars for long trainer work (tqdm, on stderr, only on a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

__all__ = ["counter", "progress"]

T = TypeVar("T")


def progress(
    items: Iterable[T], *, desc: str, unit: str = "bài", total: int | None = None
) -> Iterator[T]:
    """Iterate over ``items`` with a bar showing counts and ETA.

    The bar is drawn on stderr and only when stderr is a terminal, so logs,
    pipes and tests stay clean.
    """
    from tqdm import tqdm

    yield from tqdm(
        items,
        desc=desc,
        unit=f" {unit}",
        total=total,
        file=sys.stderr,
        disable=None,  # None: draw only on a terminal
        leave=False,
        dynamic_ncols=True,
    )


def counter(*, total: int, desc: str, unit: str = "bài", position: int = 0) -> Any:
    """A bar updated by hand (``bar.update(1)``, from any thread), closed with ``bar.close()``.

    Drawn like :func:`progress`'s: on stderr, only on a terminal.
    """
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=desc,
        unit=f" {unit}",
        file=sys.stderr,
        disable=None,
        leave=False,
        dynamic_ncols=True,
        position=position,
    )
