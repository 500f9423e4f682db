"""Work handed in after the worked solution went out: flagged everywhere, policy applied."""

from __future__ import annotations

import datetime as dt

import pytest

from grading.classroom.releases import record_solutions, solutions_released
from grading.core.errors import CohortError
from grading.progress.gradebook import build_progress
from grading.verbs.grades import grades
from grading.verbs.release import set_due_date

from .conftest import NOW

A = "01-anh-san-pham"
OUT = dt.datetime(2026, 3, 6, 12, 0)  # naive UTC: after an's and before chi's and binh's


def test_submissions_after_the_solution_are_flagged(synthetic):
    record_solutions(synthetic.state_dir, A, OUT)
    assert solutions_released(synthetic.state_dir) == {A: OUT}
    progress = build_progress(synthetic, now=NOW)
    subs = progress.submissions.set_index(["learner", "assignment"])["after_solutions"]
    assert subs[("binh", A)]
    assert subs[("chi", A)]
    assert not subs[("an", A)]  # before the solution
    assert not subs[("dung", A)]  # nothing handed in
    assert not subs[("binh", "00-lam-quen")]  # no solution out for 00
    row = progress.assignments.set_index("assignment").loc[A]
    assert row["after_solutions"] == 2
    notes = {(r.learner, r.assignment): r.note for r in grades(cohort=synthetic)}
    assert "sau khi đã phát lời giải" in notes[("binh", A)]  # the trainer's language
    assert "lời giải" not in notes[("an", A)]


def test_the_first_release_time_is_kept(synthetic):
    record_solutions(synthetic.state_dir, A, OUT)
    record_solutions(synthetic.state_dir, A, OUT + dt.timedelta(days=3))
    assert solutions_released(synthetic.state_dir)[A] == OUT


def test_policy_zero_keeps_the_submission_and_zeroes_autograded_points(synthetic):
    from grading.verbs.autograde import _apply_after_solutions, after_solutions_reason

    assert _apply_after_solutions(synthetic, A, "an", OUT, "zero") is False  # handed in before
    assert _apply_after_solutions(synthetic, A, "binh", OUT, "keep") is True
    with synthetic.gradebook() as gb:
        assert gb.find_submission(A, "binh").score == 1  # keep: graded as usual
    assert _apply_after_solutions(synthetic, A, "binh", OUT, "zero") is True
    with synthetic.gradebook() as gb:
        submission = gb.find_submission(A, "binh")
        assert submission.score == 0  # recorded, 0 for its autograded points
        assert gb.find_submission(A, "an").score == 2  # others untouched
    assert "lời giải" in after_solutions_reason(OUT)


def test_a_due_date_after_the_solution_needs_a_flag_and_names_who(synthetic):
    record_solutions(synthetic.state_dir, A, OUT)
    later = dt.datetime(2026, 3, 30, 16, 59, tzinfo=dt.timezone.utc)
    with pytest.raises(CohortError, match=r"Ảnh hưởng \(2\): dung, em"):
        set_due_date(synthetic, A, later, force=True, change_lateness=True)
    with synthetic.gradebook() as gb:
        assert gb.find_assignment(A).duedate == dt.datetime(2026, 3, 8, 17, 0)  # unchanged
    set_due_date(synthetic, A, later, force=True, change_lateness=True, after_solutions=True)
    with synthetic.gradebook() as gb:
        assert gb.find_assignment(A).duedate == later.replace(tzinfo=None)  # naive UTC
    # an earlier date than the solution needs no flag
    set_due_date(synthetic, A, OUT - dt.timedelta(days=1), force=True, change_lateness=True)
