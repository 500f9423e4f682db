"""Due dates: day first, the class's time zone, no silent past dates or lateness changes."""

from __future__ import annotations

import datetime as dt

import pytest

from grading.cli import main
from grading.core.errors import CohortError
from grading.core.times import class_timezone, parse_due, show_time
from grading.verbs.release import lateness_changes, release

ASSIGNMENT = "00-lam-quen"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/03/2026 23:59", dt.datetime(2026, 3, 1, 16, 59)),
        ("1/3/2026", dt.datetime(2026, 3, 1, 16, 59)),  # a date alone: 23:59 that day
        ("1.3.2026 8h30", dt.datetime(2026, 3, 1, 1, 30)),
        ("31/12/2026", dt.datetime(2026, 12, 31, 16, 59)),
        ("2026-03-01 23:59", dt.datetime(2026, 3, 1, 16, 59)),
        ("2026-03-01T23:59:30", dt.datetime(2026, 3, 1, 16, 59, 30)),
        ("2026-03-01 23:59 +00:00", dt.datetime(2026, 3, 1, 23, 59)),
        ("01/03/2026 23:59Z", dt.datetime(2026, 3, 1, 23, 59)),
    ],
)
def test_vietnamese_and_iso_forms_in_the_class_time_zone(text, expected, monkeypatch):
    monkeypatch.delenv("HOCSO_TZ", raising=False)
    monkeypatch.setenv("TZ", "America/New_York")  # the computer's zone does not matter
    assert parse_due(text) == expected


def test_day_first_is_never_read_month_first():
    assert parse_due("01/03/2026").month == 3
    assert parse_due("03/01/2026").month == 1


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("3/31/2026", "không có tháng 31"),
        ("31/02/2026", "day is out of range"),  # Python's own detail, framed in Vietnamese
        ("1/3/26", "không đọc được hạn nộp"),
        ("March 1 2026", "không đọc được hạn nộp"),
        ("2026-03-01 25:00", "hour must be in 0..23"),
        ("", "không đọc được hạn nộp"),
    ],
)
def test_ambiguous_or_impossible_dates_are_refused(text, fragment):
    with pytest.raises(ValueError, match=fragment) as caught:
        parse_due(text)
    assert "01/03/2026 23:59" in str(caught.value)  # the message shows a good form


def test_time_zone_is_configurable_and_checked(monkeypatch):
    assert parse_due("1/3/2026 12:00", tz="UTC") == dt.datetime(2026, 3, 1, 12, 0)
    monkeypatch.setenv("HOCSO_TZ", "Asia/Tokyo")
    assert parse_due("1/3/2026 12:00") == dt.datetime(2026, 3, 1, 3, 0)
    assert show_time(dt.datetime(2026, 3, 1, 3, 0)) == "01/03/2026 12:00 +09"
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        class_timezone("Mars/Olympus")


def test_aware_datetimes_are_converted_and_naive_ones_are_class_time():
    vn = dt.timezone(dt.timedelta(hours=7))
    assert parse_due(dt.datetime(2026, 3, 1, 23, 59, tzinfo=vn)) == dt.datetime(2026, 3, 1, 16, 59)
    assert parse_due(dt.datetime(2026, 3, 1, 23, 59), tz="UTC") == dt.datetime(2026, 3, 1, 23, 59)


def _args(cohort):
    return ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]


def _inbound(cohort, learner: str, when: str) -> None:
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    folder = inbound / f"{learner}+{ASSIGNMENT}+{when} UTC+abc123"
    folder.mkdir(parents=True)


@pytest.mark.slow
def test_past_due_needs_force_and_lateness_changes_need_a_flag(cohort, capsys, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    args = _args(cohort)
    assert main(["release", ASSIGNMENT, "--due", "1/1/2020", *args]) == CohortError.exit_code
    assert "is in the past" in capsys.readouterr().err
    assert not (cohort.exchange_root / cohort.course_id / "outbound" / ASSIGNMENT).exists()
    assert main(["release", ASSIGNMENT, "--due", "1/1/2020", "--force", *args]) == 0

    release(ASSIGNMENT, cohort=cohort, due="31/12/2099 23:59")
    # a submission arriving now (the exchange dates it by its arrival): on time
    _inbound(cohort, "hv01", "2099-12-01 10:00:00.000000")
    assert lateness_changes(cohort, ASSIGNMENT, parse_due("30/12/2099 23:59")) == ()
    changes = lateness_changes(cohort, ASSIGNMENT, parse_due("1/1/2021"))
    assert [(c.learner, c.was_late, c.now_late) for c in changes] == [("hv01", False, True)]

    code = main(["release", ASSIGNMENT, "--due", "1/1/2021", "--force", *args])
    assert code == CohortError.exit_code
    err = capsys.readouterr().err
    assert "changes the lateness of 1 existing submission" in err
    assert "hv01" in err
    assert "--change-due" in err
    with cohort.gradebook() as gradebook:  # nothing changed
        assert gradebook.find_assignment(ASSIGNMENT).duedate == parse_due("31/12/2099 23:59")

    changed = ["--due", "1/1/2021", "--force", "--change-due"]
    assert main(["release", ASSIGNMENT, *changed, *args]) == 0
    out = capsys.readouterr().out
    assert "lateness changed: hv01" in out
    assert "01/01/2021 23:59 +07" in out
    # releasing again without --due keeps the due date
    assert main(["release", ASSIGNMENT, *args]) == 0
    with cohort.gradebook() as gradebook:
        assert gradebook.find_assignment(ASSIGNMENT).duedate == parse_due("1/1/2021")
