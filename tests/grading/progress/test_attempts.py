"""Attempt logs are hostile input: capped, validated, never a crash; known summaries."""

from __future__ import annotations

import json
import math
import os

import pandas as pd
import pytest

from grading.progress.attempts import (
    ATTEMPT_COLUMNS,
    ATTEMPTS_FILE,
    MAX_BYTES,
    MAX_LINE_CHARS,
    load_attempts,
    parse_attempts,
    store_attempts,
    summarise_attempts,
)

GOOD = {
    "v": 1,
    "time": "2026-03-01T20:15:03+07:00",
    "assignment": "00-lam-quen",
    "question": "kiem-tra-cau-2",
    "event": "check",
    "outcome": "incorrect",
    "mistake": "m1",
    "hint_tier": None,
}


def line(**changes):
    record = {**GOOD, **changes}
    return json.dumps({k: v for k, v in record.items() if v is not ...})


def test_good_line_is_parsed_with_its_offset():
    (event,) = parse_attempts(line()).events
    assert event.time.utcoffset().total_seconds() == 7 * 3600
    assert (event.question, event.outcome, event.mistake) == ("kiem-tra-cau-2", "incorrect", "m1")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{", "not a JSON object"),
        ("[1, 2]", "not a JSON object"),
        ("[" * 100_000, "longer than"),
        (line(v=2), "unknown version"),
        (line(v=True), "unknown version"),
        (line(extra=1), "unknown field 'extra'"),
        (line(time="2026-03-01 20:15"), "no UTC offset"),
        (line(time="yesterday"), "Invalid isoformat"),
        (line(time=12), "not an ISO 8601"),
        (line(time="1900-01-01T00:00:00+00:00"), "out of range"),
        (line(assignment="../../etc"), "assignment is not a valid id"),
        (line(assignment="01-anh-san-pham"), "is not '00-lam-quen'"),
        (line(question="<script>"), "question is not a valid cell id"),
        (line(question=None), "question is not a valid cell id"),
        (line(event="delete"), "event must be one of"),
        (line(outcome="perfect"), "outcome must be one of"),
        (line(outcome=None), "outcome must be one of"),
        (line(mistake={"a": 1}), "mistake is not a valid id"),
        (line(event="hint", outcome=None, mistake=None, hint_tier=True), "hint_tier must be"),
        (line(event="hint", outcome=None, mistake=None, hint_tier=0), "hint_tier must be"),
        (line(event="hint", outcome=None, mistake=None, hint_tier=None), "needs its hint_tier"),
        (line(event="hint", outcome="correct", mistake=None, hint_tier=1), "a hint has no outcome"),
        (line(hint_tier=2), "a check has no hint_tier"),
    ],
)
def test_bad_lines_are_skipped_with_a_reason(text, reason):
    parsed = parse_attempts(line() + "\n" + text + "\n" + line(), assignment="00-lam-quen")
    assert len(parsed.events) == 2
    assert len(parsed.problems) == 1
    number, message = parsed.problems[0]
    assert number == 2
    assert reason in message


def test_event_count_is_capped():
    parsed = parse_attempts("\n".join([line()] * 30), max_events=10)
    assert len(parsed.events) == 10
    assert parsed.truncated


def test_store_keeps_only_valid_canonical_lines(tmp_path):
    folder = tmp_path / "submitted"
    folder.mkdir()
    (folder / ATTEMPTS_FILE).write_bytes(
        (line() + "\n").encode() + b"\xff\xfe garbage\n" + (line(outcome="correct") + "\n").encode()
    )
    result = store_attempts(tmp_path / "course", "00-lam-quen", "mai", folder)
    assert result.path == tmp_path / "course" / ".hocso" / "attempts" / "00-lam-quen" / "mai.jsonl"
    assert result.events == 2
    assert [n for n, _ in result.problems] == [2]
    stored = result.path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["outcome"] for x in stored] == ["incorrect", "correct"]
    assert all(set(json.loads(x)) == set(GOOD) for x in stored)


def test_store_reads_at_most_max_bytes(tmp_path):
    folder = tmp_path / "submitted"
    folder.mkdir()
    one = line() + "\n"
    copies = MAX_BYTES // len(one) + 100
    (folder / ATTEMPTS_FILE).write_text(one * copies, encoding="utf-8")
    result = store_attempts(tmp_path / "course", "00-lam-quen", "mai", folder)
    assert result.truncated
    assert result.events <= MAX_BYTES // len(one)
    assert result.path.stat().st_size <= MAX_BYTES + len(one)


def test_store_never_follows_a_symlink(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(line(), encoding="utf-8")
    folder = tmp_path / "submitted"
    folder.mkdir()
    os.symlink(secret, folder / ATTEMPTS_FILE)
    result = store_attempts(tmp_path / "course", "00-lam-quen", "mai", folder)
    assert result.path is None
    assert not (tmp_path / "course" / ".hocso").exists()


def test_store_refuses_a_directory_and_fifo(tmp_path):
    folder = tmp_path / "submitted"
    (folder / ATTEMPTS_FILE).mkdir(parents=True)
    assert store_attempts(tmp_path / "course", "00-lam-quen", "mai", folder).path is None
    other = tmp_path / "other"
    other.mkdir()
    os.mkfifo(other / ATTEMPTS_FILE)
    assert store_attempts(tmp_path / "course", "00-lam-quen", "mai", other).path is None


def test_resubmission_without_a_log_removes_the_old_one(tmp_path):
    folder = tmp_path / "submitted"
    folder.mkdir()
    (folder / ATTEMPTS_FILE).write_text(line(), encoding="utf-8")
    first = store_attempts(tmp_path / "course", "00-lam-quen", "mai", folder)
    assert first.path.is_file()
    (folder / ATTEMPTS_FILE).unlink()
    assert store_attempts(tmp_path / "course", "00-lam-quen", "mai", folder).path is None
    assert not first.path.exists()


@pytest.mark.parametrize(("assignment", "learner"), [("../x", "mai"), ("00-lam-quen", "../mai")])
def test_ids_that_would_escape_the_folder_are_refused(tmp_path, assignment, learner):
    with pytest.raises(ValueError, match="not valid"):
        store_attempts(tmp_path, assignment, learner, tmp_path)


def test_load_is_tidy_and_revalidates_files_on_disk(tmp_path):
    base = tmp_path / ".hocso" / "attempts" / "00-lam-quen"
    base.mkdir(parents=True)
    (base / "mai.jsonl").write_text(line() + "\n" + line(event="nope") + "\n", encoding="utf-8")
    (base / "Bad Name.jsonl").write_text(line(), encoding="utf-8")
    (base / "lan.jsonl").write_text(line(assignment="01-anh-san-pham"), encoding="utf-8")
    frame = load_attempts(tmp_path)
    assert list(frame.columns) == list(ATTEMPT_COLUMNS)
    assert frame["learner"].tolist() == ["mai"]
    assert isinstance(frame["time"].dtype, pd.DatetimeTZDtype)
    assert str(frame["time"].dt.tz) == "UTC"
    assert frame["time"].iloc[0] == pd.Timestamp("2026-03-01 13:15:03", tz="UTC")
    assert str(frame["hint_tier"].dtype) == "Int64"


def test_load_of_a_course_without_logs_is_empty(tmp_path):
    frame = load_attempts(tmp_path)
    assert frame.empty
    assert list(frame.columns) == list(ATTEMPT_COLUMNS)
    assert summarise_attempts(frame).empty


def test_summary_known_answers(shared_cohort):
    summary = summarise_attempts(load_attempts(shared_cohort)).set_index(["learner", "question"])
    an = summary.loc[("an", "kiem-tra-cau-1")]
    assert (an.checks, an.attempts_before_success, an.hints_used, an.max_hint_tier) == (3, 2, 2, 2)
    assert an.solved_in_self_check
    assert an.seconds_to_success == 300.0
    assert an.first_check == pd.Timestamp("2026-02-26 13:00", tz="UTC")
    first_try = summary.loc[("an", "kiem-tra-cau-2")]
    assert (first_try.attempts_before_success, first_try.seconds_to_success) == (0, 0.0)
    binh = summary.loc[("binh", "kiem-tra-cau-2")]
    assert (binh.checks, binh.attempts_before_success, binh.hints_used) == (12, 12, 0)
    assert not binh.solved_in_self_check
    assert math.isnan(binh.seconds_to_success)


def test_summary_ignores_checks_after_success():
    t = pd.Timestamp("2026-03-01", tz="UTC")
    events = pd.DataFrame(
        {
            "learner": ["a"] * 3,
            "assignment": ["x"] * 3,
            "question": ["q"] * 3,
            "time": [t + pd.Timedelta(minutes=m) for m in (2, 0, 1)],  # out of order on purpose
            "event": ["check"] * 3,
            "outcome": ["incorrect", "incorrect", "correct"],
            "mistake": [None] * 3,
            "hint_tier": pd.array([None] * 3, dtype="Int64"),
        }
    )
    row = summarise_attempts(events).iloc[0]
    assert (row.checks, row.attempts_before_success, row.seconds_to_success) == (3, 1, 60.0)


def test_line_length_cap_is_enforced():
    long = line(mistake="m" * 10)
    assert len(parse_attempts(long + " " * MAX_LINE_CHARS).problems) == 1


def test_logs_written_by_the_learner_toolkit_are_accepted(tmp_path):
    from toolkit.attempts import record

    folder = tmp_path / "submitted" / "mai" / "00-lam-quen"
    folder.mkdir(parents=True)
    assert record("check", "kiem-tra-cau-1", outcome="incorrect", mistake="m1", folder=folder)
    assert record("hint", "kiem-tra-cau-1", hint_tier=2, folder=folder)
    assert record("check", "kiem-tra-cau-1", outcome="correct", folder=folder)
    result = store_attempts(tmp_path / "course", "00-lam-quen", "mai", folder)
    assert (result.events, result.problems) == (3, ())
    row = summarise_attempts(load_attempts(tmp_path / "course")).iloc[0]
    assert (row.checks, row.attempts_before_success, row.hints_used) == (2, 1, 1)
