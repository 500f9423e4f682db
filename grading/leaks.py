"""Static checks of a learner version: no solution or hidden-test text survives.

A *secret line* is a line inside a ``### BEGIN SOLUTION`` / ``### BEGIN HIDDEN
TESTS`` region of the source notebook that does not also appear outside those
regions (placeholders such as ``doanh_thu = ...`` are public by design).

Examples
--------
>>> src = {"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "q1"}},
...     "source": "x = ...\\n### BEGIN SOLUTION\\nx = len(orders)\\n### END SOLUTION"}]}
>>> rel = {"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "q1"}},
...     "source": "x = ...\\n# Viết lời giải"}]}
>>> find_leaks(src, rel)
[]
>>> rel["cells"][0]["source"] += "\\nx = len(orders)"
>>> [leak.kind for leak in find_leaks(src, rel)]
['solution']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["MARKERS", "Leak", "find_leaks", "secret_lines"]

MARKERS = {
    "solution": ("### BEGIN SOLUTION", "### END SOLUTION"),
    "hidden test": ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"),
}
_SIGNIFICANT = re.compile(r"\w", re.UNICODE)
_MIN_WORD_CHARS = 4  # shorter lines (")", "]", "else:") are common everywhere


@dataclass(frozen=True)
class Leak:
    """One piece of secret text found in a learner version."""

    grade_id: str
    kind: str  # "solution", "hidden test" or "marker"
    line: str

    def __str__(self) -> str:
        return f"{self.grade_id}: {self.kind} text in the learner version: {self.line!r}"


def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _grade_id(cell: Mapping[str, Any], index: int) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {index}"


def _regions(text: str) -> Iterator[tuple[str | None, str]]:
    """Yield ``(kind or None, line)`` for every line, kind naming the secret region it is in."""
    current: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        for kind, (begin, end) in MARKERS.items():
            if stripped.startswith(begin):
                current = kind
                break
            if stripped.startswith(end):
                current = None
                break
        else:
            yield current, stripped


def _significant(line: str) -> bool:
    return len(_SIGNIFICANT.findall(line)) >= _MIN_WORD_CHARS


def secret_lines(source_nb: Mapping[str, Any]) -> dict[str, set[tuple[str, str]]]:
    """Map each grade id to its secret ``(kind, line)`` pairs."""
    public: set[str] = set()
    secret: dict[str, set[tuple[str, str]]] = {}
    for index, cell in enumerate(source_nb.get("cells", [])):
        for kind, line in _regions(_source(cell)):
            if kind is None:
                public.add(line)
            elif _significant(line):
                secret.setdefault(_grade_id(cell, index), set()).add((kind, line))
    return {gid: {(k, ln) for k, ln in pairs if ln not in public} for gid, pairs in secret.items()}


def find_leaks(source_nb: Mapping[str, Any], release_nb: Mapping[str, Any]) -> list[Leak]:
    """Secret lines or region markers of ``source_nb`` that appear in ``release_nb``."""
    released: dict[str, str] = {}
    for index, cell in enumerate(release_nb.get("cells", [])):
        released[_grade_id(cell, index)] = _source(cell)
    everything = "\n".join(released.values())
    release_lines = {line.strip() for line in everything.splitlines()}
    leaks = [
        Leak(gid, "marker", marker)
        for gid, text in released.items()
        for begin_end in MARKERS.values()
        for marker in begin_end
        if marker in text
    ]
    for gid, pairs in sorted(secret_lines(source_nb).items()):
        leaks.extend(Leak(gid, kind, line) for kind, line in sorted(pairs) if line in release_lines)
    return leaks
