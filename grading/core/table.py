"""Plain-text tables for CLI summaries (no extra dependency)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Render rows under headers, columns padded to fit.

    Examples
    --------
    >>> print(render_table(["a", "bb"], [[1, "x"], [22, "yyy"]]))
    a   bb
    --  ---
    1   x
    22  yyy
    """
    from grading.core.html import terminal_safe  # hocso: learner ids/names never drive the terminal

    cells = [[str(h) for h in headers]] + [[terminal_safe(c) for c in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)
        ).rstrip()

    return "\n".join(
        [line(cells[0]), line(["-" * w for w in widths]), *(line(r) for r in cells[1:])]
    )
