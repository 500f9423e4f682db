"""``hocso status``: the next step at every stage, and the counts of a fresh course."""

from __future__ import annotations

import pytest

from grading.verbs.status import AssignmentStatus, status


def _row(**counts) -> AssignmentStatus:
    base = {"assignment": "00-lam-quen", "built": True, "released": True, "due": None,
            "to_collect": 0, "collected": 0, "graded": 0, "failed": 0, "needs_manual": 0,
            "feedback_returned": 0}  # fmt: skip
    return AssignmentStatus(**{**base, **counts})


@pytest.mark.parametrize(
    ("counts", "step"),
    [
        ({"released": False}, "hocso release 00-lam-quen"),
        ({"to_collect": 2}, "hocso collect 00-lam-quen"),
        ({"collected": 3, "graded": 1}, "hocso autograde 00-lam-quen"),
        ({"collected": 3, "graded": 2, "failed": 1},
         "check the failed submissions: hocso autograde 00-lam-quen"),
        ({"collected": 3, "graded": 3, "needs_manual": 1},
         "grade the written answers in Formgrader"),
        ({"collected": 3, "graded": 3, "feedback_returned": 1}, "hocso feedback 00-lam-quen"),
        ({"collected": 3, "graded": 3, "feedback_returned": 3}, "hocso grades --out grades.csv"),
        ({}, "wait for submissions"),
    ],
)  # fmt: skip
def test_next_step_follows_the_cycle(counts, step, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    assert _row(**counts).next_step == step


def test_next_step_is_vietnamese_by_default(monkeypatch):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    assert _row().next_step == "chờ học viên nộp bài"
    assert _row(collected=3, graded=3, needs_manual=1).next_step == (
        "chấm các câu tự luận trong Formgrader"
    )
    assert _row(released=False).next_step == "hocso release 00-lam-quen"  # commands stay commands


def test_collecting_comes_before_everything_after_release():
    assert _row(to_collect=1, collected=3, graded=1, failed=1).next_step.startswith("hocso collect")


def test_a_fresh_course_has_nothing_released(cohort):
    report = status(cohort=cohort)
    assert report.course == cohort.root
    assert report.learners == 0
    names = [row.assignment for row in report.assignments]
    assert names == cohort.course.assignments()
    for row in report.assignments:
        assert not row.released
        assert (row.collected, row.graded, row.failed, row.feedback_returned) == (0, 0, 0, 0)
        assert row.next_step == f"hocso release {row.assignment}"
