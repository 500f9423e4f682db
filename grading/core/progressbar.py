"""Progress bars for long trainer work (tqdm, on stderr, only on a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["progress"]

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
