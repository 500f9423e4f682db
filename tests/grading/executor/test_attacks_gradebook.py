"""Class 1: what a cell is comes from the gradebook; the trusted side is bounded."""

from __future__ import annotations

import nbformat
import pytest

from grading.core.record import CellTruth, NotebookTruth
from grading.executor import ExecutionOptions, Limits, execute_notebook
from grading.executor._gradebook import sanitise

from ._require import need_root
from .conftest import SETUP, answer_cell, code, grade_cell, grades, notebook, setup_cell, text_of

TEST = "expect.integer(dap_an, len('abcdefg'), name='dap_an')"


def truth(*extra: CellTruth) -> NotebookTruth:
    return NotebookTruth(
        (
            CellTruth("setup", "code", True, False, False, False, None, SETUP),
            CellTruth("cau-1", "code", False, False, True, False, None, "dap_an = ..."),
            CellTruth("kiem-tra-1", "code", True, True, False, False, 1.0, TEST),
            *extra,
        )
    )


def forged(source: str, grade_id: str | None = "cau-1") -> nbformat.NotebookNode:
    meta = {"grade": False, "locked": True, "solution": False, "schema_version": 3, "task": False}
    if grade_id is not None:
        meta["grade_id"] = grade_id
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta})


@pytest.fixture
def graded(zygote, files_dir):
    def run(nb, *, with_truth=True, **limits):
        options = ExecutionOptions(limits=Limits(**{"cell_timeout": 20.0, **limits}))
        report = execute_notebook(nb, files_dir=str(files_dir), zygote=zygote, options=options,
                                  truth=truth() if with_truth else None)  # fmt: skip
        return nb, report

    return run


@pytest.mark.parametrize("grade_id", ["cau-1", None, "khong-co"])
def test_forged_locked_answer_cell_does_not_rebind_trusted_builtins(graded, grade_id):
    need_root()
    cheat = forged("from numpy import ndim as len\ndap_an = 0", grade_id)
    nb, report = graded(notebook(setup_cell(), cheat, grade_cell(TEST, "kiem-tra-1")))
    assert grades(nb) == {"kiem-tra-1": 0}
    assert report.cell_kinds_from == "gradebook"
    # the honest answer still scores, so the check itself is sound
    nb, _ = graded(notebook(setup_cell(), answer_cell("dap_an = 7", "cau-1"),
                            grade_cell(TEST, "kiem-tra-1")))  # fmt: skip
    assert grades(nb) == {"kiem-tra-1": 1}


def test_without_the_gradebook_forged_metadata_would_have_worked(graded):
    """The attack is real: metadata-based kinds (no truth) let it through."""
    need_root()
    cheat = forged("from numpy import ndim as len\ndap_an = 0")
    nb, report = graded(notebook(setup_cell(), cheat, grade_cell(TEST, "kiem-tra-1")),
                        with_truth=False)  # fmt: skip
    assert report.cell_kinds_from == "notebook metadata"
    assert grades(nb) == {"kiem-tra-1": 1}


def test_tampered_test_cell_runs_the_gradebook_source(graded):
    need_root()
    nb = notebook(
        setup_cell(), answer_cell("dap_an = 3", "cau-1"), grade_cell("pass", "kiem-tra-1")
    )
    nb, report = graded(nb)
    assert grades(nb) == {"kiem-tra-1": 0}
    assert "kiem-tra-1" in report.trusted_cells


def test_a_copy_of_a_test_cell_id_on_a_learner_cell_is_a_learner_cell(graded):
    need_root()
    decoy = grade_cell("print('chép')", "kiem-tra-1")
    nb = notebook(setup_cell(), answer_cell("dap_an = 7", "cau-1"), decoy,
                  grade_cell(TEST, "kiem-tra-1"))  # fmt: skip
    nb, report = graded(nb)
    assert report.trusted_cells == ("kiem-tra-1",)
    assert "chép" in text_of(nb.cells[2])


def test_hang_in_trusted_setup_fails_that_cell_only(zygote, files_dir):
    need_root()
    hang = "_kt_n = sum(range(10**13))\nexpect.integer(dap_an, _kt_n, name='dap_an')"
    nb = notebook(setup_cell(), answer_cell("dap_an = 7", "cau-1"),
                  grade_cell(hang, "kiem-tra-0"), grade_cell(TEST, "kiem-tra-1"))  # fmt: skip
    t = truth(CellTruth("kiem-tra-0", "code", True, True, False, False, 1.0, hang))
    options = ExecutionOptions(limits=Limits(cell_timeout=2.0))
    execute_notebook(nb, files_dir=str(files_dir), zygote=zygote, options=options, truth=t)
    assert grades(nb) == {"kiem-tra-0": 0, "kiem-tra-1": 1}
    assert "TrustedSetupError" in str(nb.cells[2].outputs)


def test_memory_bomb_in_trusted_setup_fails_that_cell_only(zygote, files_dir):
    need_root()
    # 3 GiB: allowed in an unlimited process (the check would then pass), not under the 2 GiB cap
    bomb = (
        "_kt_b = len(bytes(3 << 30)) // (3 << 30) * 7\nexpect.integer(dap_an, _kt_b, name='dap_an')"
    )
    nb = notebook(setup_cell(), answer_cell("dap_an = 7", "cau-1"),
                  grade_cell(bomb, "kiem-tra-0"), grade_cell(TEST, "kiem-tra-1"))  # fmt: skip
    t = truth(CellTruth("kiem-tra-0", "code", True, True, False, False, 1.0, bomb))
    execute_notebook(nb, files_dir=str(files_dir), zygote=zygote, truth=t,
                     options=ExecutionOptions(limits=Limits(cell_timeout=20.0)))  # fmt: skip
    assert grades(nb) == {"kiem-tra-0": 0, "kiem-tra-1": 1}
    assert "MemoryError" in str(nb.cells[2].outputs) or "memory" in str(nb.cells[2].outputs)


def test_sanitise_rewrites_forged_metadata_and_reports_it():
    nb = notebook(
        setup_cell(),
        forged("from numpy import ndim as len\ndap_an = 0"),  # locked forged on an answer
        grade_cell("pass", "kiem-tra-1", points=100),  # tests removed, points inflated
        forged("x = 1", grade_id=None),  # metadata without an id (nbgrader KeyError)
        answer_cell("y = 2", "cau-1"),  # a duplicated answer cell: the last copy counts
    )
    _, changes = sanitise(nb, truth())
    metas = [c.metadata.get("nbgrader") for c in nb.cells]
    assert metas[1] is None  # the earlier cau-1 copy is a plain cell now
    assert metas[2]["points"] == 1.0
    assert nb.cells[2].source == TEST
    assert metas[3] is None
    assert metas[4]["locked"] is False
    assert metas[4]["solution"] is True
    assert any("'points' for cell kiem-tra-1" in c for c in changes)
    assert any("'checksum' for cell kiem-tra-1" in c for c in changes)  # its source, restored
    assert any("unknown to the gradebook" in c for c in changes)


def test_plain_learner_cells_keep_running(graded):
    need_root()
    nb, _ = graded(notebook(setup_cell(), code("dap_an = 7"), grade_cell(TEST, "kiem-tra-1")))
    assert grades(nb) == {"kiem-tra-1": 1}
