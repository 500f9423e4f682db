"""Known answers for every statistic of the synthetic cohort (see conftest.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from grading.progress.analytics import (
    QUESTION_COLUMNS,
    SKILL_AREAS,
    Thresholds,
    from_questions,
    question_stats,
    skill_of,
    tidy_questions,
)
from grading.progress.gradebook import read_gradebook

from .conftest import NOW, build_cohort


def by(frame: pd.DataFrame, *keys: str) -> pd.DataFrame:
    return frame.set_index(list(keys))


def test_question_table_is_complete_and_typed(progress):
    q = progress.questions
    assert list(q.columns) == QUESTION_COLUMNS
    assert len(q) == 5 * 5  # every learner x every graded cell, submitted or not
    assert q["share"].between(0, 1).all()
    assert q[["learner", "assignment", "question"]].duplicated().sum() == 0


def test_skill_group_and_time_columns(progress):
    q = by(progress.questions, "learner", "assignment", "question")
    row = q.loc[("binh", "01-anh-san-pham", "kiem-tra-cau-1")]
    assert row.skill == "ảnh sản phẩm"
    assert (row.group, row.district, row.province) == ("Lớp A, Sa Pa, Lào Cai", "Sa Pa", "Lào Cai")
    assert row.timestamp == pd.Timestamp("2026-03-08 18:00", tz="UTC")
    assert (row.seconds_late, row.late) == (3600.0, True)
    assert not q.loc[("an", "01-anh-san-pham", "kiem-tra-cau-1")].late


def test_manual_auto_pending_none(progress):
    q = by(progress.questions, "learner", "assignment", "question")
    assert q.loc[("an", "00-lam-quen", "viet-cau-3")].graded_by == "manual"
    assert q.loc[("an", "00-lam-quen", "viet-cau-3")].kind == "written"
    assert q.loc[("an", "00-lam-quen", "kiem-tra-cau-1")].graded_by == "auto"
    assert q.loc[("dung", "00-lam-quen", "viet-cau-3")].graded_by == "pending"
    em = q.loc[("em", "00-lam-quen", "kiem-tra-cau-1")]
    assert (em.graded_by, em.submitted, em.score) == ("none", False, 0.0)


def test_attempts_joined_to_questions(progress):
    q = by(progress.questions, "learner", "assignment", "question")
    an = q.loc[("an", "00-lam-quen", "kiem-tra-cau-1")]
    assert (an.attempts_before_success, an.hints_used, an.seconds_to_success) == (2, 2, 300.0)
    assert q.loc[("binh", "00-lam-quen", "kiem-tra-cau-2")].attempts_before_success == 12
    assert q.loc[("chi", "00-lam-quen", "kiem-tra-cau-1")].checks == 0
    # a log for 00-lam-quen never lands on 01-anh-san-pham's question of the same id
    assert q.loc[("an", "01-anh-san-pham", "kiem-tra-cau-1")].checks == 0


def test_learner_completion_and_mastery(progress):
    people = by(progress.learners, "learner")
    assert people["submitted"].to_dict() == {"an": 2, "binh": 2, "chi": 2, "dung": 1, "em": 0}
    assert people.loc["dung", "completion"] == 0.5
    assert people.loc["binh", "share"] == pytest.approx(4 / 7)
    assert people.loc["dung", "share_submitted"] == pytest.approx(2 / 5)
    assert math.isnan(people.loc["em", "share_submitted"])
    assert people.loc["an", "skills_mastered"] == "khởi động, ảnh sản phẩm"
    assert people.loc["binh", "skills_count"] == 0
    skills = by(progress.skills, "learner", "skill")
    assert skills.loc[("binh", "khởi động"), "share"] == pytest.approx(0.6)
    assert skills.loc[("binh", "ảnh sản phẩm"), "share"] == pytest.approx(0.5)


def test_difficulty_and_discrimination_known_answers(progress):
    s = by(progress.question_stats, "assignment", "question")
    q1, q2, w3 = (
        s.loc[("00-lam-quen", x)] for x in ("kiem-tra-cau-1", "kiem-tra-cau-2", "viet-cau-3")
    )
    assert (q1.responses, q1.difficulty) == (4, 0.75)
    assert q1.discrimination == pytest.approx(-0.5 / math.sqrt(3.75))
    assert q2.discrimination == pytest.approx(-1 / math.sqrt(6))
    assert q2.upper_lower == -1.0
    # dung's written answer waits for manual grading: not a response to it yet
    assert (w3.responses, w3.difficulty) == (3, pytest.approx(2 / 3))
    assert w3.discrimination == pytest.approx(0.5)
    assert q1.mean_attempts == 0.5
    assert q2.mean_attempts == 3.0
    assert q1.flag == "negative discrimination"
    assert w3.flag == ""


def test_point_biserial_matches_scipy():
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(7)
    rows = []
    for i in range(40):
        item = float(rng.integers(0, 2))
        rest = float(rng.integers(0, 6))
        rows += [
            ("q", item, 1.0, f"l{i}"),
            ("r", rest, 5.0, f"l{i}"),
        ]
    frame = pd.DataFrame(rows, columns=["question", "score", "max_score", "learner"])
    frame = frame.assign(
        assignment="a",
        skill="s",
        kind="code",
        submitted=True,
        graded_by="auto",
        share=frame["score"] / frame["max_score"],
        attempts_before_success=0,
        hints_used=0,
    )
    row = question_stats(frame).set_index("question").loc["q"]
    items = frame[frame.question == "q"]["score"].to_numpy()
    rests = frame[frame.question == "r"]["score"].to_numpy()
    assert row.discrimination == pytest.approx(stats.pointbiserialr(items, rests).statistic)


def test_flags_too_easy_and_too_hard():
    rows = []
    for i in range(6):
        rows += [
            ("easy", 1.0, f"l{i}"),
            ("hard", 1.0 if i == 1 else 0.0, f"l{i}"),
            ("mid", float(i % 2), f"l{i}"),
        ]
    frame = pd.DataFrame(rows, columns=["question", "score", "learner"]).assign(
        max_score=1.0,
        assignment="a",
        skill="s",
        kind="code",
        submitted=True,
        graded_by="auto",
        attempts_before_success=0,
        hints_used=0,
    )
    frame["share"] = frame["score"]
    flags = question_stats(frame, Thresholds(min_responses=5)).set_index("question")["flag"]
    assert flags["easy"] == "too easy"
    assert flags["hard"] == "too hard"
    assert question_stats(frame, Thresholds(min_responses=7))["flag"].eq("").all()


def test_difficulty_rises_when_a_score_rises(progress):
    before = by(progress.question_stats, "assignment", "question")
    q = progress.questions.copy()
    mask = (q.learner == "chi") & (q.assignment == "00-lam-quen") & (q.question == "kiem-tra-cau-1")
    q.loc[mask, ["score", "share"]] = [2.0, 1.0]
    after = by(question_stats(q, progress.thresholds), "assignment", "question")
    key = ("00-lam-quen", "kiem-tra-cau-1")
    assert after.loc[key, "difficulty"] > before.loc[key, "difficulty"]


def test_groups_provinces_assignments(progress):
    groups = by(progress.groups, "group")
    assert groups.loc["Lớp A, Sa Pa, Lào Cai", "share"] == pytest.approx(11 / 14)
    provinces = by(progress.provinces, "province")
    assert provinces.loc["Lào Cai", "learners"] == 3
    assert provinces.loc["Lào Cai", "share"] == pytest.approx(13 / 21)
    assert provinces.loc["Yên Bái", "completion"] == 0.25
    assert by(progress.districts, "district")["learners"].to_dict() == {
        "Bắc Hà": 1,
        "Mù Cang Chải": 2,
        "Sa Pa": 2,
    }
    a = by(progress.assignments, "assignment")
    assert a.loc["00-lam-quen", ["submitted", "late", "pending"]].tolist() == [4, 0, 1]
    assert a.loc["00-lam-quen", "share"] == pytest.approx(0.6)
    assert a.loc["01-anh-san-pham", ["submitted", "late", "completion"]].tolist() == [3, 1, 0.6]


def test_trend_per_week(progress):
    t = progress.trend
    assert t["period"].tolist() == [pd.Timestamp("2026-02-23"), pd.Timestamp("2026-03-02")]
    assert t["submissions"].tolist() == [4, 3]
    assert t["share"].tolist() == pytest.approx([0.6, 0.5])
    assert t["late"].tolist() == [0, 1]


def test_at_risk_with_reasons(progress):
    risk = by(progress.at_risk, "learner")
    assert sorted(risk.index) == ["binh", "chi", "dung", "em"]
    assert risk.loc["binh", "kinds"] == "struggling"
    assert "Bài 0, câu 2" in risk.loc["binh", "reason"]
    assert "học viên tự ghi" in risk.loc["binh", "reason"]  # the learner's own log, said so
    assert risk.loc["chi", "reason"] == "điểm các bài đã nộp 29 % (dưới 50 %)"
    assert risk.loc["dung", "kinds"] == "submissions, mastery"
    assert "01-anh-san-pham" in risk.loc["dung", "reason"]
    assert risk.loc["em", "reason"].startswith("chưa nộp 2 bài đã đến hạn")


def test_nothing_is_late_before_the_due_dates(progress):
    early = from_questions(progress.questions, progress.thresholds, now=pd.Timestamp("2026-02-01"))
    assert "submissions" not in " ".join(early.at_risk["kinds"])


def test_skill_areas_are_data():
    assert skill_of("03-cham-soc-khach-hang") == "chăm sóc khách hàng"
    assert skill_of("04-livestream") == "livestream"
    assert skill_of("02-marketing", {"02-marketing": "tiếp thị"}) == "tiếp thị"
    assert len(SKILL_AREAS) == 5


def test_gradebook_is_read_in_five_queries_whatever_its_size(tmp_path):
    from nbgrader.api import Gradebook
    from sqlalchemy import event

    from grading.core.nbgrader_env import quiet_nbgrader

    cohort = build_cohort(tmp_path)

    def count() -> int:
        with cohort.gradebook() as gb:
            statements = []
            listener = lambda *args: statements.append(args[2])  # noqa: E731
            event.listen(gb.engine, "before_cursor_execute", listener)
            read_gradebook(gb.db, cohort.course_id)
            event.remove(gb.engine, "before_cursor_execute", listener)
            return len(statements)

    small = count()
    with quiet_nbgrader(), Gradebook(cohort.db_url, cohort.course_id) as gb:
        for i in range(30):
            gb.add_student(f"x{i}", first_name="A", last_name="B")
            gb.add_submission("00-lam-quen", f"x{i}")
    assert small == count() == 5


def test_tidy_table_without_attempts_has_zero_counts(shared_cohort):
    with shared_cohort.gradebook() as gb:
        raw = read_gradebook(gb.db, shared_cohort.course_id)
    q = tidy_questions(raw, {}, None)
    assert q["checks"].eq(0).all()
    assert q["group"].eq("").all()
    assert not q["solved_in_self_check"].any()


def test_progress_for_now_default(shared_cohort):
    from grading.progress.gradebook import build_progress

    result = build_progress(shared_cohort)
    assert len(result.learners) == 5
    assert NOW.year == 2026


def test_trend_per_group(progress):
    from grading.progress.analytics import trend

    per = trend(progress.submissions, by="province").set_index(["province", "period"])
    assert per.loc[("Yên Bái", pd.Timestamp("2026-02-23")), "submissions"] == 1  # dung only
    assert per.loc[("Lào Cai", pd.Timestamp("2026-03-02")), "late"] == 1
    assert per["submissions"].sum() == 7


def test_compare_cohorts(progress):
    from grading.progress.analytics import compare_cohorts

    only_lao_cai = from_questions(
        progress.questions[progress.questions["province"] == "Lào Cai"],
        progress.thresholds,
        now=NOW,
    )
    table = compare_cohorts({"cả lớp": progress, "Lào Cai": only_lao_cai}).set_index(
        ["cohort", "skill"]
    )
    assert table.loc[("cả lớp", "khởi động"), "learners"] == 5
    assert table.loc[("Lào Cai", "khởi động"), "learners"] == 3
    assert table.loc[("cả lớp", "khởi động"), "mastered"] == pytest.approx(1 / 5)
    assert table.loc[("Lào Cai", "ảnh sản phẩm"), "mastered"] == pytest.approx(1 / 3)
    assert table.loc[("Lào Cai", "ảnh sản phẩm"), "completion"] == 1.0
