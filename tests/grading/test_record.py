"""The one judgement of a submission against the gradebook's record (grading/core/record.py)."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest

from grading.core.cells import Delimiters
from grading.core.record import (
    CellTruth,
    NotebookTruth,
    apply_record,
    intact,
    judge,
    released_sources,
    self_check_marker,
    strip_self_checks,
    trusted_metadata,
)

from ._cells import answer_cell, grade_cell, locked_cell, notebook, plain_cell, written_cell

SETUP = "from toolkit import expect\nimport numpy as np"
PUBLIC = "expect.has_type(dap_an, 'number', name='dap_an')"
TEST = f"{PUBLIC}\n### BEGIN HIDDEN TESTS\nexpect.integer(dap_an, 7, name='dap_an')\n### END HIDDEN TESTS"
RELEASED_TEST = f"{PUBLIC}\n{self_check_marker()}\nexpect.self_check(dap_an, 'muối', 'băm')"

RECORD = NotebookTruth(
    (
        CellTruth("setup", "code", True, False, False, False, None, SETUP),
        CellTruth("cau-1", "code", False, False, True, False, None, "dap_an = ..."),
        CellTruth("kiem-tra-1", "code", True, True, False, False, 2.0, TEST),
        CellTruth("cau-9", "markdown", False, True, True, False, 3.0, "Viết câu trả lời"),
    )
)


def honest():
    """The learner version as released, answered: what an honest learner submits."""
    return notebook(
        locked_cell(SETUP, "setup"),
        answer_cell("dap_an = 7", "cau-1"),
        grade_cell(RELEASED_TEST, "kiem-tra-1", points=2),
        written_cell("Em sẽ trả lời khách lịch sự.", "cau-9", points=3),
    )


def _by_id(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _edit_test(nb):
    _by_id(nb, "kiem-tra-1").source = "pass"


def _lock_answer(nb):
    _by_id(nb, "cau-1").metadata.nbgrader.locked = True


def _promote_answer(nb):
    _by_id(nb, "cau-1").metadata.nbgrader.update(grade=True, points=50)


def _raise_points(nb):
    _by_id(nb, "kiem-tra-1").metadata.nbgrader.points = 100


def _unlock_test(nb):
    _by_id(nb, "kiem-tra-1").metadata.nbgrader.locked = False


def _test_to_markdown(nb):
    _by_id(nb, "kiem-tra-1").cell_type = "markdown"


def _edit_setup(nb):
    _by_id(nb, "setup").source = "from numpy import ndim as len"


def _bonus_cell(nb):
    nb.cells.append(grade_cell("print('thưởng')", "thuong", points=99))


#: one hostile edit -> the one id it must be reported under
TAMPERING = {
    "edited test": (_edit_test, "kiem-tra-1"),
    "edited setup": (_edit_setup, "setup"),
    "answer claimed locked": (_lock_answer, "cau-1"),
    "answer promoted to graded": (_promote_answer, "cau-1"),
    "other points": (_raise_points, "kiem-tra-1"),
    "test unlocked": (_unlock_test, "kiem-tra-1"),
    "test made markdown": (_test_to_markdown, "kiem-tra-1"),
    "graded cell unknown to the gradebook": (_bonus_cell, "thuong"),
}


def test_an_honest_submission_is_judged_clean():
    judgement = judge(honest().cells, RECORD)
    assert judgement.tampered == ()
    assert judgement.deleted == judgement.restored == ()
    assert judgement.duplicated == judgement.unknown == ()
    assert judgement.changes == ()


@pytest.mark.parametrize(
    "text",
    [
        TEST,  # the source's own text, hidden tests included
        PUBLIC,  # an older build: hidden tests removed, no self-check lines
        PUBLIC + "   \n\n",  # an editor's trailing whitespace
        RELEASED_TEST,  # with the build's self-check lines
    ],
)
def test_texts_the_learner_was_given_are_not_edits(text):
    assert intact(text, TEST)
    nb = honest()
    _by_id(nb, "kiem-tra-1").source = text
    assert judge(nb.cells, RECORD).edited == ()


@pytest.mark.parametrize(
    "text", ["pass", PUBLIC.replace("number", "text"), f"{PUBLIC}\nexpect.integer(dap_an, 1)"]
)
def test_other_texts_of_a_locked_cell_are_edits(text):
    assert not intact(text, TEST)
    nb = honest()
    _by_id(nb, "kiem-tra-1").source = text
    assert judge(nb.cells, RECORD).edited == ("kiem-tra-1",)


def test_a_released_text_is_intact_only_when_it_is_the_release():
    added = f"{PUBLIC}\nprint('dòng build thêm')"
    assert not intact(added, TEST)
    assert intact(added, TEST, released=added)


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_each_hostile_edit_is_reported_under_its_cell_only(name):
    edit, grade_id = TAMPERING[name]
    nb = honest()
    edit(nb)
    judgement = judge(nb.cells, RECORD)
    assert judgement.tampered == (grade_id,)
    assert judgement.changes  # apply_record says what it undoes


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_after_apply_record_a_submission_is_judged_clean(name):
    edit, _ = TAMPERING[name]
    nb = honest()
    nb.cells.insert(0, answer_cell("dap_an = 0", "cau-1"))  # an earlier copy, too
    edit(nb)
    apply_record(nb, judge(nb.cells, RECORD))
    again = judge(nb.cells, RECORD)
    assert again.tampered == again.duplicated == again.unknown == again.changes == ()
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta is not None:
            assert meta == trusted_metadata(RECORD.get(meta["grade_id"]))


def test_judge_never_changes_the_submission():
    nb = honest()
    _edit_test(nb)
    _bonus_cell(nb)
    before = copy.deepcopy(nb)
    judge(nb.cells, RECORD)
    assert nb == before


def test_deleted_test_cells_are_restored_other_deleted_cells_only_named():
    nb = honest()
    nb.cells = [c for c in nb.cells if c.metadata.nbgrader.grade_id not in ("kiem-tra-1", "setup")]
    judgement = judge(nb.cells, RECORD)
    assert judgement.deleted == ("setup", "kiem-tra-1")  # in record order
    assert judgement.restored == ("kiem-tra-1",)
    assert judgement.tampered == ()


def test_the_last_copy_of_an_id_counts_and_earlier_copies_are_plain_cells():
    nb = honest()
    wrong = copy.deepcopy(_by_id(nb, "kiem-tra-1"))
    wrong.source = "pass"
    nb.cells.insert(0, wrong)  # an earlier, edited copy: it will lose its metadata
    judgement = judge(nb.cells, RECORD)
    assert judgement.duplicated == ("kiem-tra-1",)
    assert judgement.edited == ()
    nb.cells.append(wrong)  # now the edited copy is the last one: it is the test cell
    assert judge(nb.cells, RECORD).edited == ("kiem-tra-1",)


def test_metadata_without_an_id_or_unknown_without_grade_is_removed_not_reported():
    nb = honest()
    nb.cells.append(plain_cell("x = 1"))
    nb.cells[-1].metadata["nbgrader"] = {"locked": True}
    nb.cells.append(locked_cell("y = 2", "khong-co"))
    judgement = judge(nb.cells, RECORD)
    assert judgement.tampered == ()
    assert judgement.unknown == ("khong-co",)
    assert len(judgement.changes) == 2
    apply_record(nb, judgement)
    assert "nbgrader" not in nb.cells[-1].metadata
    assert "nbgrader" not in nb.cells[-2].metadata


def test_raw_json_cells_are_judged_as_nbformat_cells():
    nb = honest()
    _raise_points(nb)
    raw = json.loads(json.dumps(nb))["cells"]
    assert judge(raw, RECORD) == judge(nb.cells, RECORD)


@pytest.mark.parametrize("junk", [None, [], "locked", 7, {"grade_id": ["kiem-tra-1"]}])
def test_junk_metadata_never_crashes_the_judgement(junk):
    nb = honest()
    nb.cells.append(plain_cell("z = 3"))
    nb.cells[-1].metadata["nbgrader"] = junk
    judgement = judge(nb.cells, RECORD)
    assert judgement.tampered == ()


def test_course_delimiters_decide_what_hidden_tests_are():
    delimiters = Delimiters(begin_hidden_tests="@@ AN", end_hidden_tests="@@ HET")
    test = f"{PUBLIC}\n@@ AN\nexpect.integer(dap_an, 7)\n@@ HET"
    assert intact(PUBLIC, test, delimiters=delimiters)
    assert not intact(PUBLIC, test)  # with nbgrader's default delimiters, not the course's


def test_the_judgement_is_frozen():
    judgement = judge(honest().cells, RECORD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        judgement.deleted = ("kiem-tra-1",)  # type: ignore[misc]


def test_released_sources_reads_the_learner_version_and_follows_its_changes(tmp_path):
    path = tmp_path / "bai.ipynb"
    path.write_text(json.dumps(notebook(grade_cell(RELEASED_TEST, "kiem-tra-1"))), "utf-8")
    assert released_sources(path) == {"kiem-tra-1": RELEASED_TEST}
    path.write_text(json.dumps(notebook(grade_cell(PUBLIC, "kiem-tra-1"))), "utf-8")
    import os

    os.utime(path, (1, 1))  # another mtime, even within the clock's resolution
    assert released_sources(path) == {"kiem-tra-1": PUBLIC}
    path.write_text("{không phải json", "utf-8")
    os.utime(path, (2, 2))
    assert released_sources(path) == {}
    assert released_sources(tmp_path / "khong-co.ipynb") == {}


def test_strip_self_checks_keeps_a_cell_without_the_marker():
    assert strip_self_checks(PUBLIC) == PUBLIC
    assert strip_self_checks(RELEASED_TEST) == PUBLIC
