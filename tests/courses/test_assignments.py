"""Course correctness, proved for every assignment (DESIGN.md, "Course correctness").

- the source notebook passes all its graded tests;
- the learner version reports "not attempted" on every graded test;
- no solution or hidden-test text survives into the learner version;
- known-wrong answers: see test_known_wrong.py;
- stock ``nbgrader generate_assignment`` + ``nbgrader autograde`` give full
  marks to the solution and zero to the untouched learner version.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grading.core.leaks import MARKERS, secret_lines

from ._nbrun import is_test, nbgrader_meta, read_cells, run_cells, source
from .conftest import ASSIGNMENTS, REPO


def _notebooks(root: Path, assignment: str) -> list[Path]:
    return sorted((root / assignment).glob("*.ipynb"))


def _source_notebooks(course_id: str, assignment: str) -> list[Path]:
    return _notebooks(REPO / "courses" / course_id / "source", assignment)


@pytest.mark.parametrize(("course_id", "assignment"), ASSIGNMENTS)
def test_source_passes_every_graded_test(course_id, assignment):
    for path in _source_notebooks(course_id, assignment):
        cells = read_cells(path)
        outcomes = run_cells(cells)
        tests = [nbgrader_meta(c)["grade_id"] for c in cells if is_test(c)]
        assert tests, f"{path.name} has no graded test cell"
        for grade_id in tests:
            assert outcomes[grade_id].status == "passed", outcomes[grade_id]
            assert "✅" in outcomes[grade_id].stdout
        errors = {k: o for k, o in outcomes.items() if o.status != "passed"}
        assert not errors, errors


@pytest.mark.parametrize(("course_id", "assignment"), ASSIGNMENTS)
def test_release_reports_not_attempted_everywhere(built_courses, course_id, assignment):
    releases = _notebooks(built_courses[course_id] / "release", assignment)
    assert releases
    for path in releases:
        cells = read_cells(path)
        outcomes = run_cells(cells)
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            outcome = outcomes[nbgrader_meta(cell).get("grade_id", f"cell-{index}")]
            # tests say "not attempted"; answer and setup cells run cleanly (no NameError)
            assert outcome.status == ("not_attempted" if is_test(cell) else "passed"), outcome


@pytest.mark.parametrize(("course_id", "assignment"), ASSIGNMENTS)
def test_release_leaks_nothing(built_courses, course_id, assignment):
    for src in _source_notebooks(course_id, assignment):
        release = built_courses[course_id] / "release" / assignment / src.name
        text = release.read_text(encoding="utf-8")
        for begin, end in MARKERS.values():
            assert begin not in text
            assert end not in text
        secrets = secret_lines(json.loads(src.read_text(encoding="utf-8")))
        assert secrets, "expected solution and hidden-test regions in the source"
        released_lines = {
            line.strip() for cell in read_cells(release) for line in source(cell).splitlines()
        }
        for grade_id, pairs in secrets.items():
            for kind, line in pairs:
                assert line not in released_lines, f"{grade_id}: {kind} line leaked: {line}"


# ---- stock nbgrader, end to end ---------------------------------------------------------


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


# The course config swaps nbgrader's Execute for the sandboxed executor; the proof
# runs with that config and with nbgrader's own pipeline restored.
STOCK_PIPELINE = """
from nbgrader.converters import Autograde as _Autograde

for _name in ("autograde_preprocessors", "sanitize_preprocessors"):
    setattr(c.Autograde, _name, _Autograde.class_traits()[_name].make_dynamic_default())
"""


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["course-config", "stock-execute"])
@pytest.mark.parametrize(("course_id", "assignment"), ASSIGNMENTS)
def test_stock_nbgrader_full_marks_for_solution_zero_for_release(
    fresh_course, course_id, assignment, executor
):
    course = fresh_course(course_id)
    if executor == "stock-execute":
        with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
            config.write(STOCK_PIPELINE)
    result = _nbgrader(course, "generate_assignment", assignment, "--force")
    assert result.returncode == 0, result.stderr
    for learner, folder in (("giai", course / "source"), ("chua-lam", course / "release")):
        target = course / "submitted" / learner / assignment
        target.mkdir(parents=True)
        for nb in _notebooks(folder, assignment):
            shutil.copy(nb, target / nb.name)
        (target / "timestamp.txt").write_text("2026-01-01 08:00:00.000000 UTC")
    result = _nbgrader(course, "autograde", assignment, "--create", "--force")
    assert result.returncode == 0, result.stderr
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {}
        for learner in ("giai", "chua-lam"):
            submission = gradebook.find_submission(assignment, learner)
            scores[learner] = (submission.code_score, submission.max_code_score)
    assert scores["giai"][0] == scores["giai"][1] > 0, scores
    assert scores["chua-lam"][0] == 0, scores
