"""Notebook-cell predicates, once for all of ``grading`` (as ``nbgrader.utils`` does).

Cells are the dicts of a parsed ``.ipynb`` or nbformat ``NotebookNode`` objects;
``source`` may be a string or a list of lines. The predicates follow nbgrader's
own (:func:`nbgrader.utils.is_grade`, ``is_solution``, ``is_locked``), so what
``hocso`` calls a locked cell is exactly what nbgrader overwrites, and regions are
found with nbgrader's delimiters, matched as nbgrader matches them: a line that
*contains* ``BEGIN SOLUTION`` opens a solution region (``### BEGIN SOLUTION``,
``## BEGIN SOLUTION`` and ``# BEGIN SOLUTION`` alike). A course that configures
other delimiters (``c.ClearSolutions.begin_solution_delimeter``, …) gets them
through :meth:`Delimiters.from_config`.

This module imports nothing heavy: the zygote, the leak scanner and the course
tests all use it.

Examples
--------
>>> answer = {"cell_type": "code", "source": ["x = ...\\n", "## BEGIN SOLUTION\\n", "x = 2\\n",
...     "## END SOLUTION"], "metadata": {"nbgrader": {"solution": True, "grade_id": "cau-1"}}}
>>> test = {"cell_type": "code", "source": "expect.integer(x, 2, name='x')",
...     "metadata": {"nbgrader": {"grade": True, "locked": True, "points": 2, "grade_id": "t"}}}
>>> is_solution(answer), is_test(answer), is_locked(answer)
(True, False, False)
>>> is_test(test), is_locked(test), points(test)
(True, True, 2.0)
>>> solution_code(answer)
'x = 2'
>>> total_points([answer, test])
2.0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_DELIMITERS",
    "Delimiters",
    "grade_cells",
    "grade_id",
    "is_grade",
    "is_locked",
    "is_reference",
    "is_solution",
    "is_task",
    "is_test",
    "metadata",
    "points",
    "solution_code",
    "solved",
    "source",
    "split_regions",
    "strip_hidden",
    "total_points",
]

Cell = Mapping[str, Any]


def source(cell: Cell) -> str:
    """The cell's source as one string (nbformat allows a list of lines on disk).

    >>> source({"source": ["a = 1\\n", "b = 2"]})
    'a = 1\\nb = 2'
    >>> source({"cell_type": "raw"})
    ''
    """
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def metadata(cell: Cell) -> Mapping[str, Any]:
    """The cell's ``nbgrader`` metadata (``{}`` when absent or null)."""
    meta = cell.get("metadata") or {}
    return meta.get("nbgrader") or {}


def grade_id(cell: Cell) -> str | None:
    """The cell's nbgrader ``grade_id``, or ``None``."""
    value = metadata(cell).get("grade_id")
    return None if value is None else str(value)


def is_grade(cell: Cell) -> bool:
    """A graded cell (autograded test, or manually graded answer): ``nbgrader.utils.is_grade``."""
    return bool(metadata(cell).get("grade", False))


def is_solution(cell: Cell) -> bool:
    """A cell the learner answers in: ``nbgrader.utils.is_solution``."""
    return bool(metadata(cell).get("solution", False))


#: Grade-id prefix of a trainer's reference cell: a solution cell whose solution
#: computes the rubric's reference numbers and the model answer (a scratch cell,
#: never graded, in the learner's copy).
REFERENCE_PREFIX = "tham-chieu-"


def is_reference(cell: Cell) -> bool:
    """A trainer's reference cell (see :data:`REFERENCE_PREFIX`), not a learner's answer.

    >>> is_reference({"metadata": {"nbgrader": {"grade_id": "tham-chieu-cau-9", "solution": True}}})
    True
    >>> is_reference({"metadata": {"nbgrader": {"grade_id": "cau-9", "solution": True}}})
    False
    """
    return is_solution(cell) and str(grade_id(cell) or "").startswith(REFERENCE_PREFIX)


def is_task(cell: Cell) -> bool:
    """A manually graded task cell: ``nbgrader.utils.is_task``."""
    return bool(metadata(cell).get("task", False))


def is_locked(cell: Cell) -> bool:
    """A cell nbgrader puts back as released: ``nbgrader.utils.is_locked``.

    Never a solution cell (even one marked ``locked``: nbgrader does not
    overwrite it, so its source is the learner's); always a graded one.

    >>> is_locked({"metadata": {"nbgrader": {"solution": True, "locked": True}}})
    False
    >>> is_locked({"metadata": {"nbgrader": {"grade": True}}})
    True
    """
    if is_solution(cell):
        return False
    return is_grade(cell) or bool(metadata(cell).get("locked", False))


def is_test(cell: Cell) -> bool:
    """An autograded test cell: a graded code cell that is not a solution."""
    return cell.get("cell_type") == "code" and is_grade(cell) and not is_solution(cell)


def points(cell: Cell) -> float:
    """Points of a graded cell (0.0 for any other cell)."""
    return float(metadata(cell).get("points", 0) or 0) if is_grade(cell) else 0.0


def grade_cells(cells: Iterable[Cell]) -> list[Cell]:
    """The graded cells, in notebook order."""
    return [cell for cell in cells if is_grade(cell)]


def total_points(cells: Iterable[Cell]) -> float:
    """Points of a notebook's cells, summed as nbgrader's gradebook does."""
    return float(sum(points(cell) for cell in cells))


@dataclass(frozen=True)
class Delimiters:
    """nbgrader's region delimiters (``ClearSolutions``, ``ClearHiddenTests``).

    The defaults are nbgrader's own defaults (a test compares them with its traits).
    """

    begin_solution: str = "BEGIN SOLUTION"
    end_solution: str = "END SOLUTION"
    begin_hidden_tests: str = "BEGIN HIDDEN TESTS"
    end_hidden_tests: str = "END HIDDEN TESTS"

    @classmethod
    def from_config(cls, config: Any) -> Delimiters:
        """The delimiters a traitlets ``Config`` (a course's nbgrader_config.py) sets.

        >>> Delimiters.from_config({"ClearSolutions": {"begin_solution_delimeter": "@@"}})
        ... # doctest: +NORMALIZE_WHITESPACE
        Delimiters(begin_solution='@@', end_solution='END SOLUTION',
                   begin_hidden_tests='BEGIN HIDDEN TESTS', end_hidden_tests='END HIDDEN TESTS')
        """
        solutions = _section(config, "ClearSolutions")
        hidden = _section(config, "ClearHiddenTests")
        default = cls()
        return cls(
            begin_solution=str(solutions.get("begin_solution_delimeter", default.begin_solution)),
            end_solution=str(solutions.get("end_solution_delimeter", default.end_solution)),
            begin_hidden_tests=str(hidden.get("begin_test_delimeter", default.begin_hidden_tests)),
            end_hidden_tests=str(hidden.get("end_test_delimeter", default.end_hidden_tests)),
        )

    @property
    def solution(self) -> tuple[str, str]:
        return self.begin_solution, self.end_solution

    @property
    def hidden_tests(self) -> tuple[str, str]:
        return self.begin_hidden_tests, self.end_hidden_tests

    def markers(self) -> dict[str, tuple[str, str]]:
        """``{"solution": (begin, end), "hidden test": (begin, end)}``."""
        return {"solution": self.solution, "hidden test": self.hidden_tests}


def _section(config: Any, name: str) -> Mapping[str, Any]:
    if config is None or name not in config:
        return {}
    return config[name]


#: nbgrader's default delimiters.
DEFAULT_DELIMITERS = Delimiters()


def split_regions(text: str, begin: str, end: str) -> Iterator[tuple[bool, str]]:
    """Yield ``(inside, line)`` for every line of ``text`` that is not a delimiter.

    A line containing ``begin`` opens a region and one containing ``end`` closes
    it, as in nbgrader's ``ClearSolutions`` and ``ClearHiddenTests``.

    Examples
    --------
    >>> list(split_regions("a\\n## BEGIN HIDDEN TESTS\\nb\\n## END HIDDEN TESTS\\nc",
    ...                    *DEFAULT_DELIMITERS.hidden_tests))
    [(False, 'a'), (True, 'b'), (False, 'c')]
    """
    inside = False
    for line in text.split("\n"):
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        else:
            yield inside, line


def strip_hidden(text: str, delimiters: Delimiters = DEFAULT_DELIMITERS) -> str:
    """``text`` without its hidden-test regions, as ``ClearHiddenTests`` leaves it.

    >>> strip_hidden("a = 1\\n### BEGIN HIDDEN TESTS\\nassert a == 1\\n### END HIDDEN TESTS")
    'a = 1'
    """
    return "\n".join(
        line for inside, line in split_regions(text, *delimiters.hidden_tests) if not inside
    )


def solution_code(cell: Cell, delimiters: Delimiters = DEFAULT_DELIMITERS) -> str:
    """The lines inside the cell's solution regions (what a learner must write).

    >>> solution_code({"source": "x = ...\\n### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION\\nx"})
    'x = 2'
    """
    return "\n".join(
        line for inside, line in split_regions(source(cell), *delimiters.solution) if inside
    )


def solved(cell: Cell, delimiters: Delimiters = DEFAULT_DELIMITERS) -> str:
    """The cell's source with its solution delimiters dropped: the solved learner cell.

    >>> solved({"source": "x = ...\\n### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION\\nx"})
    'x = ...\\nx = 2\\nx'
    """
    return "\n".join(line for _inside, line in split_regions(source(cell), *delimiters.solution))
