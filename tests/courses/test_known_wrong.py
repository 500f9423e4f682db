"""Known-wrong answers fail the check they target, with their message, in the source and the copy.

Every row of ``known_wrong/<assignment>.py`` is run twice in-process here:

- in the trainer's source notebook, where the hidden exact checks decide;
- in the learner's copy made by ``hocso build``, where only the public checks
  and the self-check written from the hidden ones run: the learner sees the
  same verdict and the same known-mistake message while working.

``tests/grading/executor/test_known_wrong_sandbox.py`` runs every row a
third time, through the sandboxed grader's trusted comparison.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ._nbrun import is_test, nbgrader_meta, read_cells, run_cells, source
from .conftest import ASSIGNMENTS, REPO
from .known_wrong import known_wrong


def _source_notebooks(course_id: str, assignment: str) -> list[Path]:
    return sorted((REPO / "courses" / course_id / "source" / assignment).glob("*.ipynb"))


@pytest.mark.parametrize(("course_id", "assignment"), ASSIGNMENTS)
def test_every_test_has_hidden_checks_and_a_known_mistake(course_id, assignment):
    rows = known_wrong(assignment)
    for path in _source_notebooks(course_id, assignment):
        for cell in read_cells(path):
            if is_test(cell):
                grade_id = nbgrader_meta(cell)["grade_id"]
                assert "### BEGIN HIDDEN TESTS" in source(cell), f"{grade_id} has no hidden checks"
                assert "mistakes=" in source(cell), f"{grade_id} has no known-mistake message"
                assert any(r[2] == grade_id for r in rows), (
                    f"{grade_id} has no known-wrong answer in known_wrong/{assignment}.py"
                )


def _cases() -> list:
    return [
        pytest.param(course_id, assignment, *row, id=f"{assignment}:{row[0]}:{i}")
        for course_id, assignment in ASSIGNMENTS
        for i, row in enumerate(known_wrong(assignment))
    ]


def _solutions(path: Path) -> dict[str, str]:
    """The source's answer cells, by grade id (region markers are comments: they run)."""
    return {
        nbgrader_meta(c)["grade_id"]: source(c)
        for c in read_cells(path)
        if c["cell_type"] == "code" and nbgrader_meta(c).get("solution")
    }


def _run_up_to(path: Path, answer_id: str, code: str, test_id: str, answers: dict[str, str]):
    cells = read_cells(path)
    # everything up to and including the targeted test cell, other tests skipped
    stop = next(i for i, c in enumerate(cells) if nbgrader_meta(c).get("grade_id") == test_id)
    kept = [
        c for c in cells[: stop + 1] if not is_test(c) or nbgrader_meta(c)["grade_id"] == test_id
    ]
    return run_cells(kept, replace={**answers, answer_id: code})[test_id]


def _notebook_with(folder: Path, answer_id: str) -> Path:
    (path,) = [p for p in sorted(folder.glob("*.ipynb")) if answer_id in p.read_text("utf-8")]
    return path


CASES = _cases()
FIELDS = ("course_id", "assignment", "answer_id", "code", "test_id", "fragment")


@pytest.mark.parametrize(FIELDS, CASES)
def test_hidden_check_in_the_source_gives_the_message(
    course_id, assignment, answer_id, code, test_id, fragment
):
    folder = REPO / "courses" / course_id / "source" / assignment
    outcome = _run_up_to(_notebook_with(folder, answer_id), answer_id, code, test_id, {})
    assert outcome.status == "incorrect", outcome
    assert fragment in outcome.message, outcome.message


@pytest.mark.parametrize(FIELDS, CASES)
def test_public_check_in_the_learner_copy_gives_the_message(
    built_courses, course_id, assignment, answer_id, code, test_id, fragment
):
    # a learner who answered the earlier questions right, then made this mistake
    release = _notebook_with(built_courses[course_id] / "release" / assignment, answer_id)
    answers = _solutions(REPO / "courses" / course_id / "source" / assignment / release.name)
    outcome = _run_up_to(release, answer_id, code, test_id, answers)
    assert outcome.status == "incorrect", outcome
    assert fragment in outcome.message, outcome.message
