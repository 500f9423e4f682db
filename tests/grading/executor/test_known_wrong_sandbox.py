"""Every known-wrong answer, graded by the sandbox: 0 points and its message, compared out of process.

The row's answer replaces the solution in the trainer's source notebook (what
nbgrader grades, hidden tests included), the notebook is cut after the
targeted test cell, and the sandboxed executor runs it: the learner's value is
converted in the child, the hidden check compared in the trusted process.
"""

from __future__ import annotations

import pytest

from tests.courses.conftest import ASSIGNMENTS, REPO
from tests.courses.known_wrong import known_wrong

from .conftest import grades, text_of

CASES = [
    pytest.param(course_id, assignment, *row, id=f"{assignment}:{row[0]}:{i}")
    for course_id, assignment in ASSIGNMENTS
    for i, row in enumerate(known_wrong(assignment))
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("course_id", "assignment", "answer_id", "code", "test_id", "fragment"), CASES
)
def test_known_wrong_answer_scores_zero_with_its_message_in_the_sandbox(
    run, course_id, assignment, answer_id, code, test_id, fragment
):
    import nbformat
    from nbgrader.utils import is_grade, is_solution

    folder = REPO / "courses" / course_id / "source" / assignment
    (path,) = [p for p in sorted(folder.glob("*.ipynb")) if answer_id in p.read_text("utf-8")]
    nb = nbformat.read(str(path), as_version=4)
    cells = []
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == answer_id:
            cell.source = code
        if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
            if grade_id != test_id:
                continue
        cells.append(cell)
        if grade_id == test_id:
            break
    nb.cells = cells
    graded, report = run(nb)
    assert not report.untrusted_cells, report.untrusted_cells
    assert grades(graded)[test_id] == 0
    (target,) = [
        c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == test_id
    ]
    assert fragment in text_of(target), text_of(target)
