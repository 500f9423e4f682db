"""``hocso collect``: what waits in the exchange, and a clear refusal before release."""

from __future__ import annotations

import datetime as dt

import pytest

from grading.core.errors import CohortError
from grading.verbs.collect import collect, inbound_submissions

ASSIGNMENT = "00-lam-quen"


def test_inbound_gives_each_learners_latest_submission(cohort):
    # the time is the folder's own (ctime, which a learner cannot set back), never its name
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(seconds=2)
    names = [
        "an-nguyen+00-lam-quen+2026-03-01 08:00:00.000000 UTC+abc",
        "an-nguyen+00-lam-quen+2026-03-01 09:30:00.000000 UTC+def",
        "binh-tran+00-lam-quen+2020-02-28 20:00:00.000000 UTC+123",  # backdated: no effect
        "binh-tran+01-anh-san-pham+2026-03-05 20:00:00.000000 UTC+456",  # another assignment
        "chi-le+00-lam-quen+không phải ngày giờ+789",  # unreadable time: the folder's counts
    ]
    for name in names:
        (inbound / name).mkdir(parents=True)
    latest = inbound_submissions(cohort, ASSIGNMENT)
    after = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + dt.timedelta(seconds=2)
    assert set(latest) == {"an-nguyen", "binh-tran", "chi-le"}
    assert all(before <= when <= after for when in latest.values()), latest


def test_nothing_inbound_before_anything_was_released(cohort):
    assert inbound_submissions(cohort, ASSIGNMENT) == {}


def test_collecting_an_unreleased_assignment_says_to_release_it(cohort):
    with pytest.raises(
        CohortError, match=r"chưa từng được phát .*hãy chạy `hocso release 00-lam-quen`"
    ):
        collect(ASSIGNMENT, cohort=cohort)
