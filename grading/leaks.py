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

__all__ = ["MARKERS", "Leak", "find_leaks", "is_significant", "secret_lines", "split_regions"]

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


def split_regions(text: str, begin: str, end: str) -> Iterator[tuple[bool, str]]:
    """Yield ``(inside, line)`` for every line of ``text`` that is not a delimiter.

    Delimiters are matched as substrings of a line, as nbgrader's
    ``ClearSolutions`` and ``ClearHiddenTests`` do.

    Examples
    --------
    >>> list(split_regions("a\\n### BEGIN HIDDEN TESTS\\nb\\n### END HIDDEN TESTS", *MARKERS["hidden test"]))
    [(False, 'a'), (True, 'b')]
    """
    inside = False
    for line in text.split("\n"):
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        else:
            yield inside, line


def is_significant(line: str) -> bool:
    """Whether a line is telling enough to count as leaked (``)`` or ``else:`` are not)."""
    return len(_SIGNIFICANT.findall(line)) >= _MIN_WORD_CHARS


def secret_lines(source_nb: Mapping[str, Any]) -> dict[str, set[tuple[str, str]]]:
    """Map each grade id to its secret ``(kind, line)`` pairs (lines stripped)."""
    public: set[str] = set()
    secret: dict[str, set[tuple[str, str]]] = {}
    for index, cell in enumerate(source_nb.get("cells", [])):
        text = outside = _source(cell)
        for kind, (begin, end) in MARKERS.items():
            for inside, line in split_regions(text, begin, end):
                if inside and is_significant(line):
                    secret.setdefault(_grade_id(cell, index), set()).add((kind, line.strip()))
            outside = "\n".join(
                line for inside, line in split_regions(outside, begin, end) if not inside
            )
        public.update(line.strip() for line in outside.split("\n"))
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
