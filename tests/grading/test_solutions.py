"""``hocso solutions``: the worked solution only after the due date, never over a learner's file."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from grading.verbs.solutions import SolutionsTooEarlyError, release_solutions, solution_notebook

from .conftest import COURSE

WARMUP = COURSE / "source" / "00-lam-quen" / "00-lam-quen.ipynb"


def test_solution_notebook_keeps_solutions_drops_hidden_tests_and_grading_metadata():
    nb = solution_notebook(WARMUP)
    text = json.dumps(nb, ensure_ascii=False)
    assert "BEGIN SOLUTION" not in text
    assert "HIDDEN TESTS" not in text
    assert "_kt_" not in text  # trainer-side setup of the hidden tests
    from grading.core.leaks import secret_lines

    solution = [
        line
        for pairs in secret_lines(json.loads(WARMUP.read_text(encoding="utf-8"))).values()
        for kind, line in pairs
        if kind == "solution"
    ]
    assert solution
    code = "\n".join(cell.source for cell in nb.cells)
    assert all(line in code for line in solution)  # every worked solution line is there
    assert all("nbgrader" not in cell.metadata for cell in nb.cells)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")
    assert nb.cells[0].source.startswith("# Lời giải")


def _set_due(cohort, assignment, due):
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(assignment, duedate=due)


def test_not_before_the_due_date_unless_forced(cohort, tmp_path):
    workspace = tmp_path / "workspace"
    with pytest.raises(SolutionsTooEarlyError, match="chưa đặt hạn nộp"):
        release_solutions("00-lam-quen", cohort=cohort, workspace=workspace)
    _set_due(cohort, "00-lam-quen", dt.datetime(2026, 3, 1, 16, 59))
    with pytest.raises(SolutionsTooEarlyError, match=r"hạn nộp là 01/03/2026 23:59 \+07"):
        release_solutions(
            "00-lam-quen", cohort=cohort, workspace=workspace, now=dt.datetime(2026, 3, 1, 16, 0)
        )
    assert not workspace.exists()
    result = release_solutions(
        "00-lam-quen", cohort=cohort, workspace=workspace, now=dt.datetime(2026, 3, 2)
    )
    assert result.notebooks == ("00-lam-quen-loi-giai.ipynb",)


def test_self_study_never_overwrites_a_file_the_learner_has(cohort, tmp_path):
    folder = tmp_path / "workspace" / "00-lam-quen-loi-giai"
    folder.mkdir(parents=True)
    mine = folder / "00-lam-quen-loi-giai.ipynb"
    mine.write_text("ghi chú của tôi", encoding="utf-8")
    result = release_solutions(
        "00-lam-quen", cohort=cohort, workspace=tmp_path / "workspace", force=True
    )
    assert result.skipped == ("00-lam-quen-loi-giai.ipynb",)
    assert mine.read_text(encoding="utf-8") == "ghi chú của tôi"


def test_cohort_release_goes_to_the_exchange(cohort):
    result = release_solutions("00-lam-quen", cohort=cohort, force=True)
    outbound = cohort.exchange_root / cohort.course_id / "outbound" / "00-lam-quen-loi-giai"
    assert result.target == outbound
    assert (outbound / "00-lam-quen-loi-giai.ipynb").is_file()
