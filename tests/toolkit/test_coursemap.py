"""The learner's course map reads the workspace, never trusts anything for grades."""

from __future__ import annotations

import itertools
import json

import pytest

from toolkit import coursemap


def _nb(cells):
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _cell(kind, grade_id, source, *, grade=False, solution=False, points=0):
    meta = {"grade": grade, "solution": solution, "grade_id": grade_id, "points": points}
    return {"cell_type": kind, "metadata": {"nbgrader": meta}, "source": source}


@pytest.fixture
def workspace(tmp_path):
    ws = tmp_path / "ws"
    (ws / ".hocso").mkdir(parents=True)
    exchange = tmp_path / "exchange"
    (exchange / "kinh-doanh-so" / "outbound" / "00-lam-quen").mkdir(parents=True)
    (exchange / "kinh-doanh-so" / "outbound" / "01-anh-san-pham").mkdir(parents=True)
    (ws / ".hocso" / "learner.json").write_text(
        json.dumps(
            {
                "learner": "hv01",
                "full_name": "Nguyễn Thị Lan",
                "course_id": "kinh-doanh-so",
                "exchange": str(exchange),
                "cache": str(ws / ".hocso" / "nbgrader-cache"),
            }
        ),
        encoding="utf-8",
    )
    folder = ws / "00-lam-quen"
    folder.mkdir()
    cells = [
        _cell("code", "cau-1", "x = ...\n# Viết lời giải\nx", solution=True),
        _cell("code", "kiem-tra-cau-1", "expect.number(x, 1)", grade=True, points=1),
        _cell("code", "cau-2", "y = ...\ny = 5\ny", solution=True),
        _cell("code", "kiem-tra-cau-2", "expect.number(y, 5)", grade=True, points=2),
        _cell("code", "cau-3", "z = ...\nz = 2\nz", solution=True),
        _cell("code", "kiem-tra-cau-3", "expect.number(z, 3)", grade=True, points=2),
        _cell("markdown", "cau-4", "Tôi chọn Hà Nội.", grade=True, solution=True, points=3),
    ]
    (folder / "00-lam-quen.ipynb").write_text(json.dumps(_nb(cells)), encoding="utf-8")
    log = [
        {"event": "check", "question": "kiem-tra-cau-2", "outcome": "incorrect"},
        {"event": "hint", "question": "kiem-tra-cau-2", "outcome": None, "hint_tier": 1},
        {"event": "check", "question": "kiem-tra-cau-2", "outcome": "correct"},
        {"event": "check", "question": "kiem-tra-cau-3", "outcome": "incorrect"},
    ]
    (folder / ".hocso-attempts.jsonl").write_text(
        "\n".join(json.dumps(e) for e in log) + "\nnot json\n", encoding="utf-8"
    )
    return ws


def test_states_from_the_attempt_log_and_the_answer_cells(workspace, monkeypatch):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    course = coursemap.read_course_map(workspace / "00-lam-quen")  # found from a subfolder
    assert course.learner == "hv01"
    first, second = course.assignments
    assert (first.assignment, second.assignment) == ("00-lam-quen", "01-anh-san-pham")
    states = {q.label: q.state for q in first.questions}
    assert states == {
        "câu 1": "not_attempted",
        "câu 2": "correct",  # the last check counts
        "câu 3": "incorrect",
        "câu 4": "written",
    }
    assert first.next_step == "Sửa câu 3: xem gợi ý dưới câu hỏi"
    assert not second.fetched
    assert "Nhận bài" in second.next_step


def test_submitted_and_feedback(workspace, monkeypatch):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    cache = workspace / ".hocso" / "nbgrader-cache" / "kinh-doanh-so"
    (cache / "hv01+00-lam-quen+2026-03-01 10:00:00.000000 UTC").mkdir(parents=True)
    (cache / "hv02+00-lam-quen+2026-03-01 11:00:00.000000 UTC").mkdir(parents=True)
    progress = coursemap.read_course_map(workspace).assignments[0]
    assert progress.submitted_at == "2026-03-01 10:00:00.000000 UTC"  # never another learner's
    assert progress.next_step.startswith("Chờ giảng viên chấm")
    page = workspace / "00-lam-quen" / "feedback" / "2026-03-01 10:00:00.000000 UTC"
    page.mkdir(parents=True)
    (page / "00-lam-quen.html").write_text("<html></html>", encoding="utf-8")
    progress = coursemap.read_course_map(workspace).assignments[0]
    assert progress.next_step.startswith("Đọc nhận xét")
    html = coursemap.render_html(coursemap.read_course_map(workspace))
    assert "Bản đồ khóa học của Nguyễn Thị Lan (hv01)" in html
    assert "1/4 câu đúng, 1 câu chưa làm" in html


def test_due_date_days_left_score_and_feedback_in_one_click(workspace, monkeypatch):
    import datetime as dt

    monkeypatch.delenv("HOCSO_LANG", raising=False)
    notebook = workspace / "00-lam-quen" / "00-lam-quen.ipynb"
    nb = json.loads(notebook.read_text("utf-8"))
    nb["metadata"]["hocso"] = {"due": "2026-12-20T16:59:00Z", "due_shown": "20/12/2026 23:59"}
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    now = dt.datetime(2026, 12, 7, 16, 34, tzinfo=dt.timezone.utc)
    html = coursemap.render_html(coursemap.read_course_map(workspace), now=now)
    assert "20/12/2026 23:59" in html
    assert "còn 13 ngày" in html
    later = coursemap.render_html(coursemap.read_course_map(workspace), now=now + dt.timedelta(30))
    assert "đã quá hạn" in later
    page = workspace / "00-lam-quen" / "feedback" / "2026-03-01 10:00:00.000000 UTC"
    page.mkdir(parents=True)
    (page / "00-lam-quen.html").write_text(
        '<div class="total">Kết quả: 7,5/10 điểm</div>', encoding="utf-8"
    )
    progress = coursemap.read_course_map(workspace).assignments[0]
    assert progress.score == "7,5/10"
    html = coursemap.render_html(coursemap.read_course_map(workspace), now=now)
    assert "Kết quả: 7,5/10 điểm" in html
    link = 'href="00-lam-quen/feedback/2026-03-01 10:00:00.000000 UTC/00-lam-quen.html"'
    assert link in html
    assert "Xem nhận xét" in html


def test_english_and_an_empty_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    html = coursemap.render_html(coursemap.read_course_map(tmp_path))
    assert "Course map of you (self-study)" in html
    assert "No assignments yet" in html


def test_show_returns_a_widget(workspace):
    panel = coursemap.show(workspace)
    assert "hv01" in panel.children[1].value


def _hours(start, count):
    import datetime as dt

    return [start + dt.timedelta(hours=h) for h in range(count)]


@pytest.mark.parametrize("tz", ["Asia/Ho_Chi_Minh", "Asia/Tokyo", "America/New_York"])
def test_days_left_counts_down_by_calendar_day_then_is_past(tz):
    import datetime as dt
    from zoneinfo import ZoneInfo

    due = "2026-12-20T16:59:00Z"
    deadline = dt.datetime(2026, 12, 20, 16, 59, tzinfo=dt.timezone.utc)
    times = _hours(dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc), 24 * 25)
    left = [coursemap.days_left(due, now, tz) for now in times]
    before = [d for d, now in zip(left, times, strict=True) if now <= deadline]
    after = [d for d, now in zip(left, times, strict=True) if now > deadline]
    assert all(d is not None and d >= 0 for d in before)
    assert after
    assert all(d is None for d in after)  # past once the moment has gone
    assert all(a >= b for a, b in itertools.pairwise(before))  # never goes up
    assert all(a - b <= 1 for a, b in itertools.pairwise(before))  # one day at a time
    # It changes at local midnight, not 24 hours before the deadline.
    zone = ZoneInfo(tz)
    due_day = deadline.astimezone(zone).replace(hour=0, minute=0)
    assert coursemap.days_left(due, due_day - dt.timedelta(minutes=1), tz) == 1
    assert coursemap.days_left(due, due_day, tz) == 0


def test_due_label_past_today_and_days_left(monkeypatch):
    import datetime as dt

    monkeypatch.delenv("HOCSO_LANG", raising=False)
    due = "2026-12-20T16:59:00Z"  # 23:59 in Vietnam
    at = dt.datetime(2026, 12, 20, 1, 0, tzinfo=dt.timezone.utc)  # 08:00 the same day
    assert coursemap.due_label(due, at) == "Hạn nộp: 20/12/2026 23:59 (hạn cuối là hôm nay)"
    late = at + dt.timedelta(hours=16)
    assert coursemap.due_label(due, late) == "Đã quá hạn (hạn nộp: 20/12/2026 23:59)"
    monkeypatch.setenv("HOCSO_LANG", "en")
    assert (
        coursemap.due_label(due, at - dt.timedelta(days=2)) == "Due: 20/12/2026 23:59 (2 days left)"
    )


def test_read_due_skips_notebooks_without_a_valid_due(tmp_path):
    bad, good = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    bad.write_text(json.dumps({"cells": [], "metadata": {"hocso": {"due": "not a date"}}}), "utf-8")
    meta = {"due": "2026-12-20T16:59:00Z", "due_shown": "x", "due_tz": "Asia/Tokyo"}
    good.write_text(json.dumps({"cells": [], "metadata": {"hocso": meta}}), "utf-8")
    assert coursemap.read_due([bad, good]) == ("2026-12-20T16:59:00Z", "x", "Asia/Tokyo")
    assert coursemap.read_due([bad]) == (None, None, None)


def test_the_newest_feedback_wins_whatever_the_folder_names(workspace):
    folder = workspace / "00-lam-quen" / "feedback"
    pages = {
        "2026-12-07 16:34:41.149462 UTC": "1/10",  # nbgrader's name, 23:34 on 07/12 in Vietnam
        "31-12-2026 08h00m00s": "9/10",  # ours, the newest, though it sorts first as text
        "08-12-2026 07h00m00s": "5/10",
    }
    for name, score in pages.items():
        (folder / name).mkdir(parents=True)
        (folder / name / "00-lam-quen.html").write_text(
            f'<div class="total">Kết quả: {score} điểm</div>', encoding="utf-8"
        )
    progress = coursemap.read_course_map(workspace).assignments[0]
    assert progress.score == "9/10"
    assert progress.feedback[0].startswith("00-lam-quen/feedback/2026-12-07 ")  # the oldest


@pytest.mark.parametrize("tz", ["Asia/Ho_Chi_Minh", "Asia/Tokyo", "UTC"])
def test_feedback_folder_names_read_back_to_the_same_moment(tz):
    import datetime as dt

    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    for hours in range(0, 24 * 400, 37):
        when = start + dt.timedelta(hours=hours, seconds=hours % 60)
        stamp = when.strftime("%Y-%m-%d %H:%M:%S.123456 UTC")
        name = coursemap.feedback_folder(stamp, tz=tz)
        assert "/" not in name
        assert ":" not in name
        assert coursemap.feedback_time(name, tz=tz) == when  # to the second
