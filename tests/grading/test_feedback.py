"""``hocso feedback``: the hidden-test scan of a page, and refusals before grading."""

from __future__ import annotations

import json

import pytest

from grading.core.errors import CohortError
from grading.verbs.feedback import _learner_text, feedback, hidden_text_in
from grading.verbs.release import generate

from ._cells import answer_cell, grade_cell, notebook

ASSIGNMENT = "00-lam-quen"
SECRET = "expect.integer(so_don_hang, len(_kt_don), name='so_don_hang')"


def test_a_secret_is_found_through_tags_and_entities():
    page = ("<pre><span>expect</span>.integer(so_don_hang, len(_kt_don), "
            "name=&#39;so_don_hang&#39;)</pre>")  # fmt: skip
    assert hidden_text_in(page, {SECRET}) == [SECRET]
    assert hidden_text_in("<p>✅ Chính xác!</p>", {SECRET}) == []


def test_what_the_learner_wrote_is_not_a_leak():
    page = f"<pre>{SECRET}</pre>"
    assert hidden_text_in(page, {SECRET}, allowed=f"# em chép: {SECRET}") == []


def test_a_region_marker_on_a_page_is_a_leak():
    assert hidden_text_in("<p>### BEGIN HIDDEN TESTS</p>", set()) == ["BEGIN HIDDEN TESTS"]


def test_the_learners_own_text_skips_locked_cells_and_broken_files(cohort):
    folder = cohort.folder("submitted", "an-nguyen", ASSIGNMENT)
    folder.mkdir(parents=True)
    nb = notebook(answer_cell("so_don_hang = 3  # của em"), grade_cell(SECRET))
    (folder / "bai.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (folder / "hong.ipynb").write_text("{ cut", encoding="utf-8")
    text = _learner_text(cohort, ASSIGNMENT, "an-nguyen")
    assert "của em" in text
    assert SECRET not in text  # a test cell is ours, whatever the learner did to it


def test_feedback_before_release_says_what_to_do(cohort):
    with pytest.raises(
        CohortError, match=r"hãy chạy `hocso release .*` rồi `hocso autograde .*` trước"
    ):
        feedback(ASSIGNMENT, cohort=cohort)


def test_a_learner_not_autograded_yet_fails_alone(cohort):
    generate(cohort, ASSIGNMENT)
    result = feedback(ASSIGNMENT, cohort=cohort, learners=["an-nguyen"], release=False)
    (row,) = result.rows
    assert (row.status, row.reason) == ("failed", "not autograded yet")
    assert result.failed == (row,)
    assert result.leaks == ()
