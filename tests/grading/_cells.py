"""Cell factories shared by the grading tests (as nbgrader's ``tests/__init__.py``).

Each returns an nbformat v4 cell (a ``NotebookNode``) with complete nbgrader
metadata, as ``nbgrader generate_assignment`` writes it; ``raw=True`` gives the
plain dict a ``json.loads`` of a notebook file gives.
"""

from __future__ import annotations

import json
from typing import Any

import nbformat


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None, task=False):
    meta: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked,
                            "schema_version": 3, "solution": solution, "task": task}  # fmt: skip
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _out(cell: Any, raw: bool) -> Any:
    return json.loads(json.dumps(cell)) if raw else nbformat.from_dict(cell)


def plain_cell(source: str = "", *, raw: bool = False) -> Any:
    """A code cell without nbgrader metadata (an ordinary cell)."""
    return _out(nbformat.v4.new_code_cell(source), raw)


def locked_cell(source: str, grade_id: str = "setup", *, raw: bool = False) -> Any:
    """A read-only code cell (imports, data loading)."""
    cell = nbformat.v4.new_code_cell(source, metadata=_meta(grade_id, locked=True))
    return _out(cell, raw)


def answer_cell(source: str, grade_id: str = "cau-1", *, raw: bool = False) -> Any:
    """An autograded answer cell (solution: true)."""
    return _out(nbformat.v4.new_code_cell(source, metadata=_meta(grade_id, solution=True)), raw)


def grade_cell(source: str, grade_id: str = "kiem-tra-cau-1", points: float = 1, *,
               raw: bool = False) -> Any:  # fmt: skip
    """A graded, locked test cell."""
    meta = _meta(grade_id, grade=True, locked=True, points=points)
    return _out(nbformat.v4.new_code_cell(source, metadata=meta), raw)


def written_cell(source: str, grade_id: str = "cau-9", points: float = 3, *,
                 raw: bool = False) -> Any:  # fmt: skip
    """A manually graded written answer (markdown, grade and solution)."""
    meta = _meta(grade_id, grade=True, solution=True, points=points)
    return _out(nbformat.v4.new_markdown_cell(source, metadata=meta), raw)


def notebook(*cells: Any) -> Any:
    """A notebook of ``cells``, in order."""
    return nbformat.v4.new_notebook(cells=list(cells))
