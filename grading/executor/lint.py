"""Build-time lint: test cells that cannot be checked out of the learner's process.

A test cell passes when it holds only ``expect.<check>(learner_value, ...)``
calls whose later arguments use no learner name, plus setup lines (imports,
assignments to plain names) that use no learner name either
(DESIGN.md, "Shape of a check call"). Every other test cell still grades, but
inside the learner's process, where a determined learner can fake a pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grading.core import cells
from grading.executor import _trusted

__all__ = ["LintIssue", "lint_course", "lint_test_cells"]


@dataclass(frozen=True)
class LintIssue:
    """One test cell that would run in the learner's process, and why."""

    notebook: str
    grade_id: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.notebook}: test cell {self.grade_id!r}: " + "; ".join(self.reasons)


def lint_test_cells(notebook: str | Path | dict[str, Any]) -> list[LintIssue]:
    """Test cells of one notebook that cannot be checked out of process.

    Parameters
    ----------
    notebook : path or dict
        A source notebook (file or parsed JSON).

    Returns
    -------
    list of LintIssue
        Empty when every test cell can be checked by the trusted side.

    Examples
    --------
    >>> def cell(source, **meta):
    ...     return {"cell_type": "code", "source": source, "metadata": {"nbgrader": meta}}
    >>> nb = {"cells": [
    ...     cell("from toolkit.checks import expect", locked=True),
    ...     cell("expect.number(x, 2, name='x')", grade=True, grade_id="ok", points=1),
    ...     cell("assert x == 2", grade=True, grade_id="bad", points=1),
    ... ]}
    >>> [issue.grade_id for issue in lint_test_cells(nb)]
    ['bad']
    """
    if isinstance(notebook, dict):
        nb, name = notebook, "<notebook>"
    else:
        nb, name = json.loads(Path(notebook).read_text(encoding="utf-8")), Path(notebook).name
    issues: list[LintIssue] = []
    locked: list[str] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cells.source(cell)
        if cells.is_test(cell):
            imports = _trusted.trusted_imports(locked)
            plan = _trusted.analyze_test_cell(source, _trusted.imported_names(imports))
            if isinstance(plan, _trusted.Untrusted):
                issues.append(LintIssue(name, cells.grade_id(cell) or "?", plan.reasons))
        if cells.is_locked(cell):
            locked.append(source)
    return issues


def lint_course(source_dir: str | Path) -> list[LintIssue]:
    """:func:`lint_test_cells` over every ``source/<assignment>/*.ipynb`` of a course."""
    issues: list[LintIssue] = []
    for path in sorted(Path(source_dir).glob("*/*.ipynb")):
        issues.extend(
            LintIssue(f"{path.parent.name}/{i.notebook}", i.grade_id, i.reasons)
            for i in lint_test_cells(path)
        )
    return issues
