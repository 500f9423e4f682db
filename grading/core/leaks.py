"""Static checks of a learner version: no solution or hidden-test text survives.

A *secret line* is a line inside a solution or hidden-test region of the source
notebook that does not also appear outside those regions (placeholders such as
``doanh_thu = ...`` are public by design). Regions are nbgrader's: a line that
contains its delimiter (``BEGIN SOLUTION``, ``BEGIN HIDDEN TESTS`` unless the
course configures others) opens one, whatever comment marks precede it
(:mod:`grading.core.cells`).

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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grading.core.cells import DEFAULT_DELIMITERS, Delimiters, grade_id, source, split_regions

__all__ = ["MARKERS", "Leak", "find_leaks", "is_significant", "secret_lines", "split_regions"]

#: nbgrader's default region delimiters, by kind of secret.
MARKERS = DEFAULT_DELIMITERS.markers()
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


def _grade_id(cell: Mapping[str, Any], index: int) -> str:
    return grade_id(cell) or f"cell {index}"


def is_significant(line: str) -> bool:
    """Whether a line is telling enough to count as leaked (``)`` or ``else:`` are not)."""
    return len(_SIGNIFICANT.findall(line)) >= _MIN_WORD_CHARS


def secret_lines(
    source_nb: Mapping[str, Any], delimiters: Delimiters = DEFAULT_DELIMITERS
) -> dict[str, set[tuple[str, str]]]:
    """Map each grade id to its secret ``(kind, line)`` pairs (lines stripped).

    >>> cell = {"source": "x = ...\\n## BEGIN SOLUTION\\nx = len(orders)\\n## END SOLUTION"}
    >>> secret_lines({"cells": [cell]})
    {'cell 0': {('solution', 'x = len(orders)')}}
    """
    public: set[str] = set()
    secret: dict[str, set[tuple[str, str]]] = {}
    for index, cell in enumerate(source_nb.get("cells", [])):
        text = outside = source(cell)
        for kind, (begin, end) in delimiters.markers().items():
            for inside, line in split_regions(text, begin, end):
                if inside and is_significant(line):
                    secret.setdefault(_grade_id(cell, index), set()).add((kind, line.strip()))
            outside = "\n".join(
                line for inside, line in split_regions(outside, begin, end) if not inside
            )
        public.update(line.strip() for line in outside.split("\n"))
    return {gid: {(k, ln) for k, ln in pairs if ln not in public} for gid, pairs in secret.items()}


def find_leaks(
    source_nb: Mapping[str, Any],
    release_nb: Mapping[str, Any],
    delimiters: Delimiters = DEFAULT_DELIMITERS,
) -> list[Leak]:
    """Secret lines or region markers of ``source_nb`` that appear in ``release_nb``."""
    released: dict[str, str] = {}
    for index, cell in enumerate(release_nb.get("cells", [])):
        released[_grade_id(cell, index)] = source(cell)
    everything = "\n".join(released.values())
    release_lines = {line.strip() for line in everything.splitlines()}
    leaks = [
        Leak(gid, "marker", marker)
        for gid, text in released.items()
        for begin_end in delimiters.markers().values()
        for marker in begin_end
        if marker in text
    ]
    for gid, pairs in sorted(secret_lines(source_nb, delimiters).items()):
        leaks.extend(Leak(gid, kind, line) for kind, line in sorted(pairs) if line in release_lines)
    return leaks
