"""Pure progress analytics: tidy frames in, frames out, no gradebook needed.

Everything here is pandas over the tidy question table (one row per learner ×
assignment × graded question, :data:`QUESTION_COLUMNS`), built by
:func:`tidy_questions` from the raw gradebook frames
(:class:`GradebookFrames`; :mod:`grading.progress.gradebook` reads them):

====================  =========================================================
:func:`tidy_questions`  the question table: skill area, group/district/province,
                        submission time, late flag, manual vs auto, score, and
                        the attempt-log summary (the learner's own log)
:func:`submission_table`  one row per learner × assignment
:func:`learner_summary`  completion, overall score share, skills mastered
:func:`skill_mastery`    learner × skill score share and mastered flag
:func:`question_stats`   difficulty, discrimination, flags
:func:`group_summary`    per group, district or province
:func:`assignment_summary`  the cohort per assignment (released or not)
:func:`trend`            submissions and mean score share per week (per group too)
:func:`compare_cohorts`  several cohorts side by side, per skill
:func:`at_risk`          learners behind on submissions or mastery, with reasons
====================  =========================================================

Only assignments *released* to the class are in the question table
(:mod:`grading.classroom.releases`); the others are listed in
:attr:`Progress.unreleased` and shown as "chưa phát", never counted as 0.

Skill areas come from :data:`SKILL_AREAS` (assignment id -> Vietnamese label), a
table, not code; an assignment not listed is named after its folder. Skills are
always listed in the order of their first assignment.

Groups: the roster's ``group`` column (``.hocso/roster.csv``) holds a class,
commune, district or province. Written from the most specific to the most
general and separated by commas, as Vietnamese addresses are
(``"Lớp 1, Sa Pa, Lào Cai"``), its last part is the province and the one before
it the district: see :func:`split_group`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

    import pandas as pd

__all__ = [
    "QUESTION_COLUMNS",
    "SKILL_AREAS",
    "GradebookFrames",
    "Progress",
    "Thresholds",
    "assignment_summary",
    "at_risk",
    "compare_cohorts",
    "from_questions",
    "group_summary",
    "learner_summary",
    "preview_questions",
    "question_label",
    "question_stats",
    "skill_mastery",
    "skill_of",
    "split_group",
    "submission_table",
    "tidy_questions",
    "trend",
]

SKILL_AREAS: dict[str, str] = {
    "00-lam-quen": "khởi động",
    "01-anh-san-pham": "ảnh sản phẩm",
    "02-marketing": "marketing",
    "03-cham-soc-khach-hang": "chăm sóc khách hàng",
    "04-livestream": "livestream",
}


@dataclass(frozen=True)
class Thresholds:
    """The numbers behind every flag; shares are fractions of the maximum score."""

    mastery: float = 0.8  #: a skill is mastered at this score share
    at_risk_share: float = 0.5  #: below this overall share (of submitted work): at risk
    too_easy: float = 0.9  #: difficulty (mean score share) above this: too easy
    too_hard: float = 0.3  #: difficulty below this: too hard
    negative: float = 0.0  #: discrimination below this: discriminates negatively
    min_responses: int = 5  #: question flags need this many submissions
    struggle_attempts: int = 10  #: checks before success on one question: struggling
    struggle_hints: int = 3  #: hints on one question: struggling


def skill_of(assignment: str, areas: dict[str, str] | None = None) -> str:
    """The skill area of an assignment id.

    Examples
    --------
    >>> skill_of("02-marketing")
    'marketing'
    >>> skill_of("07-xuat-khau")
    'xuat khau'
    """
    areas = SKILL_AREAS if areas is None else areas
    if assignment in areas:
        return areas[assignment]
    head, _, rest = assignment.partition("-")
    return (rest if head.isdigit() and rest else assignment).replace("-", " ")


def split_group(group: str) -> tuple[str, str]:
    """``(district, province)`` of a roster group written most specific first.

    Examples
    --------
    >>> split_group("Lớp 1, Sa Pa, Lào Cai")
    ('Sa Pa', 'Lào Cai')
    >>> split_group("Lào Cai")
    ('', 'Lào Cai')
    >>> split_group("")
    ('', '')
    """
    parts = [p.strip() for p in group.split(",") if p.strip()]
    if not parts:
        return "", ""
    return (parts[-2] if len(parts) > 1 else ""), parts[-1]


def question_label(assignment: str, question: str) -> str:
    """A question as a trainer names it: ``Bài 2, câu 1``.

    The assignment's number is its folder's leading digits; the question's is
    the last number in its cell id. Without a number the id is shown.

    Examples
    --------
    >>> question_label("02-marketing", "kiem-tra-cau-1")
    'Bài 2, câu 1'
    >>> question_label("00-lam-quen", "viet-cau-3")
    'Bài 0, câu 3'
    >>> question_label("bonus", "tu-do")
    'Bài bonus, câu tu-do'
    """
    import re

    head = assignment.partition("-")[0]
    number = str(int(head)) if head.isdigit() else assignment
    found = re.findall(r"\d+", question)
    return f"Bài {number}, câu {int(found[-1]) if found else question}"


@dataclass(frozen=True)
class GradebookFrames:
    """The raw tables, one DataFrame each."""

    students: pd.DataFrame  # learner, full_name, email
    assignments: pd.DataFrame  # assignment, duedate
    cells: pd.DataFrame  # cell_id, question, notebook, assignment, max_score, kind
    submissions: pd.DataFrame  # learner, assignment, timestamp, extension, penalty
    grades: pd.DataFrame  # cell_id, learner, auto_score, manual_score, extra_credit, needs_manual


# ---------------------------------------------------------------------------
# The tidy question table
# ---------------------------------------------------------------------------

QUESTION_COLUMNS = [
    "learner",
    "full_name",
    "group",
    "district",
    "province",
    "assignment",
    "skill",
    "notebook",
    "question",
    "kind",
    "max_score",
    "score",
    "share",
    "submitted",
    "timestamp",
    "duedate",
    "seconds_late",
    "late",
    "graded_by",
    "checks",
    "attempts_before_success",
    "solved_in_self_check",
    "hints_used",
    "max_hint_tier",
    "first_check",
    "seconds_to_success",
    "after_solutions",
]


def tidy_questions(
    raw: GradebookFrames,
    groups: dict[str, str] | None = None,
    attempts: pd.DataFrame | None = None,
    *,
    areas: dict[str, str] | None = None,
    released: Iterable[str] | None = None,
    solutions: dict[str, dt.datetime] | None = None,
) -> pd.DataFrame:
    """The learner × assignment × question table (see :data:`QUESTION_COLUMNS`).

    Every student has a row for every graded cell, submitted or not (score 0,
    ``submitted`` False). ``graded_by`` is ``"manual"`` (a trainer's score),
    ``"auto"``, ``"pending"`` (waits for manual grading) or ``"none"`` (not
    submitted). With ``released``, only those assignments' cells are kept: work
    never given to the class is not counted. Times are UTC. ``attempts`` is :func:`grading.progress.attempts.load_attempts`.
    """
    import numpy as np
    import pandas as pd

    from grading.progress.attempts import summarise_attempts

    groups = groups or {}
    students = raw.students.copy()
    students["group"] = [groups.get(x, "") for x in students["learner"]]
    split = [split_group(g) for g in students["group"]]
    students["district"] = pd.Series([d for d, _ in split], index=students.index, dtype=object)
    students["province"] = pd.Series([p for _, p in split], index=students.index, dtype=object)
    cells = raw.cells.merge(raw.assignments, on="assignment", how="left")
    if released is not None:
        cells = cells[cells["assignment"].isin(set(released))]
    grid = students.merge(cells, how="cross")
    grid = grid.merge(raw.grades, on=["cell_id", "learner"], how="left")
    grid = grid.merge(raw.submissions, on=["learner", "assignment"], how="left", indicator=True)
    grid["submitted"] = grid.pop("_merge").eq("both")
    manual = grid["manual_score"]
    auto = grid["auto_score"]
    extra = grid["extra_credit"].astype("float64").fillna(0.0)
    score = np.where(manual.notna(), manual.astype("float64") + extra, np.nan)
    score = np.where(np.isnan(score) & auto.notna(), auto.astype("float64") + extra, score)
    grid["score"] = np.nan_to_num(score.astype("float64"), nan=0.0)
    grid["max_score"] = grid["max_score"].astype("float64")
    grid["share"] = np.where(grid["max_score"] > 0, grid["score"] / grid["max_score"], np.nan)
    pending = grid["needs_manual"].fillna(False).astype(bool) & manual.isna()
    grid["graded_by"] = np.select(
        [~grid["submitted"], manual.notna(), pending, auto.notna()],
        ["none", "manual", "pending", "auto"],
        default="none",
    )
    timestamp = pd.to_datetime(grid["timestamp"])
    due = pd.to_datetime(grid["duedate"])
    extension = pd.to_timedelta(grid["extension"]).fillna(pd.Timedelta(0))
    late = (timestamp - (due + extension)).dt.total_seconds()
    grid["seconds_late"] = late.clip(lower=0).fillna(0.0)
    grid["late"] = grid["seconds_late"] > 0
    grid["timestamp"] = timestamp.dt.tz_localize("UTC") if timestamp.dt.tz is None else timestamp
    grid["duedate"] = due.dt.tz_localize("UTC") if due.dt.tz is None else due
    out_at = pd.to_datetime(
        grid["assignment"].map((solutions or {}).get).astype("object"), errors="coerce"
    )
    if out_at.dt.tz is None:
        out_at = out_at.dt.tz_localize("UTC")
    grid["after_solutions"] = grid["submitted"] & out_at.notna() & (grid["timestamp"] > out_at)
    grid["skill"] = grid["assignment"].map(lambda x: skill_of(x, areas))
    if attempts is not None and not attempts.empty:
        summary = summarise_attempts(attempts).drop(columns=["first_success"])
        grid = grid.merge(summary, on=["learner", "assignment", "question"], how="left")
    else:
        for column in ("first_check", "seconds_to_success", "max_hint_tier"):
            grid[column] = np.nan
        grid["first_check"] = pd.Series(pd.NaT, index=grid.index, dtype="datetime64[ns, UTC]")
        for column in ("checks", "attempts_before_success", "hints_used"):
            grid[column] = 0
        grid["solved_in_self_check"] = False
    for column in ("checks", "attempts_before_success", "hints_used"):
        grid[column] = grid[column].fillna(0).astype("int64")
    grid["solved_in_self_check"] = grid["solved_in_self_check"].fillna(False).astype(bool)
    order = {name: i for i, name in enumerate(sorted(raw.assignments["assignment"]))}
    grid["_order"] = grid["assignment"].map(order)
    grid = grid.sort_values(["learner", "_order", "notebook", "question"], kind="stable")
    return grid[QUESTION_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------------------
# Summaries
# ---------------------------------------------------------------------------

_PEOPLE = ["learner", "full_name", "group", "district", "province"]


def submission_table(questions: pd.DataFrame) -> pd.DataFrame:
    """One row per learner × assignment: score (late penalty not applied), share, times."""
    keys = [*_PEOPLE, "assignment", "skill"]
    questions = questions.assign(_pending=questions["graded_by"].eq("pending"))
    grouped = questions.groupby(keys, sort=False, dropna=False)
    out = grouped.agg(
        score=("score", "sum"),
        max_score=("max_score", "sum"),
        submitted=("submitted", "first"),
        timestamp=("timestamp", "first"),
        duedate=("duedate", "first"),
        late=("late", "first"),
        seconds_late=("seconds_late", "first"),
        pending=("_pending", "max"),
        after_solutions=("after_solutions", "first"),
        checks=("checks", "sum"),
        hints_used=("hints_used", "sum"),
    ).reset_index()
    out["share"] = (out["score"] / out["max_score"]).where(out["max_score"] > 0)
    return out


def skill_mastery(questions: pd.DataFrame, thresholds: Thresholds | None = None) -> pd.DataFrame:
    """Learner × skill: score share over all the skill's questions (unsubmitted count 0)."""
    thresholds = thresholds or Thresholds()
    out = (
        questions.groupby(["learner", "skill"], sort=True)
        .agg(score=("score", "sum"), max_score=("max_score", "sum"))
        .reset_index()
    )
    out["share"] = (out["score"] / out["max_score"]).where(out["max_score"] > 0)
    out["mastered"] = out["share"].fillna(0.0) >= thresholds.mastery
    rank = {skill: i for i, skill in enumerate(skill_order(questions))}
    out = out.assign(_rank=out["skill"].map(rank))
    return (
        out.sort_values(["learner", "_rank"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def skill_order(questions: pd.DataFrame) -> list[str]:
    """Skills in the order of their first assignment: the one order of every table and chart.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"assignment": ["02-b", "01-a", "03-c"], "skill": ["z", "y", "z"]})
    >>> skill_order(q)
    ['y', 'z']
    """
    pairs = questions[["assignment", "skill"]].drop_duplicates().sort_values("assignment")
    return list(dict.fromkeys(pairs["skill"]))


def learner_summary(
    questions: pd.DataFrame,
    thresholds: Thresholds | None = None,
    *,
    submissions: pd.DataFrame | None = None,
    skills: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per learner: assignments submitted, completion, overall share, skills mastered.

    ``share`` is over the whole course (unsubmitted work counts 0);
    ``share_submitted`` over what the learner handed in. ``submissions`` and
    ``skills`` (:func:`submission_table`, :func:`skill_mastery`) are computed
    when not given.
    """
    import numpy as np

    thresholds = thresholds or Thresholds()
    subs = submission_table(questions) if submissions is None else submissions
    people = subs.groupby(_PEOPLE, sort=True, dropna=False)
    out = people.agg(
        assignments=("assignment", "nunique"),
        submitted=("submitted", "sum"),
        late=("late", "sum"),
        score=("score", "sum"),
        max_score=("max_score", "sum"),
        checks=("checks", "sum"),
        hints_used=("hints_used", "sum"),
    ).reset_index()
    done = (
        subs[subs["submitted"]].groupby("learner").agg(s=("score", "sum"), m=("max_score", "sum"))
    )
    out["completion"] = out["submitted"] / out["assignments"]
    out["share"] = (out["score"] / out["max_score"]).where(out["max_score"] > 0)
    share_done = (done["s"] / done["m"]).where(done["m"] > 0)
    out["share_submitted"] = out["learner"].map(share_done).astype("float64")
    skills = skill_mastery(questions, thresholds) if skills is None else skills
    mastered = (
        skills[skills["mastered"]]
        .groupby("learner", sort=False)["skill"]
        .agg(lambda s: ", ".join(s))
    )
    names = mastered.to_dict()
    out["skills_mastered"] = [names.get(x, "") for x in out["learner"]]
    out["skills_count"] = out["learner"].map(skills.groupby("learner")["mastered"].sum()).fillna(0)
    out["skills_count"] = out["skills_count"].astype(np.int64)
    out["submitted"] = out["submitted"].astype(np.int64)
    out["late"] = out["late"].astype(np.int64)
    return out


def _pearson(x: Any, y: Any) -> float:
    import numpy as np

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 2 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def _upper_lower(item: Any, rest: Any, fraction: float = 0.27) -> float:
    """Mean item share of the top ``fraction`` by rest score minus that of the bottom."""
    import numpy as np

    item, rest = np.asarray(item, dtype=float), np.asarray(rest, dtype=float)
    k = round(fraction * len(item))
    if k < 1 or len(item) < 2:
        return float("nan")
    order = np.argsort(rest, kind="stable")
    return float(item[order[-k:]].mean() - item[order[:k]].mean())


def question_stats(questions: pd.DataFrame, thresholds: Thresholds | None = None) -> pd.DataFrame:
    """Difficulty and discrimination of every question, among those who submitted.

    ``difficulty`` is the mean score share (1 = everyone full marks).
    ``discrimination`` is the corrected item–total correlation: Pearson's r
    between the question's score share and the learner's score on the *rest*
    of the assignment (for a right/wrong question this is the point-biserial
    correlation). ``upper_lower`` is the mean share of the top 27 % (by rest
    score) minus that of the bottom 27 %. ``flag`` is "too easy", "too hard",
    "negative discrimination" (joined with "; "), or "" — only with at least
    ``min_responses`` submissions. Answers still waiting for manual grading are
    left out of the question's own statistics (they count 0 in the rest score).
    """
    import pandas as pd

    thresholds = thresholds or Thresholds()
    done = questions[questions["submitted"]]
    totals = done.groupby(["learner", "assignment"])["score"].sum().rename("total")
    done = done.join(totals, on=["learner", "assignment"])
    done = done.assign(rest=done["total"] - done["score"])
    rows = []
    order = questions[["assignment", "skill", "question", "kind", "max_score"]].drop_duplicates(
        ["assignment", "question"]
    )
    answered = done[done["graded_by"] != "pending"]  # a pending score is not a response yet
    by_question = {
        key: part for key, part in answered.groupby(["assignment", "question"], sort=False)
    }
    for item in order.itertuples(index=False):
        part = by_question.get((item.assignment, item.question))
        n = 0 if part is None else len(part)
        difficulty = float(part["share"].mean()) if n else float("nan")
        r = _pearson(part["share"], part["rest"]) if n else float("nan")
        ul = _upper_lower(part["share"], part["rest"]) if n else float("nan")
        flags = []
        if n >= thresholds.min_responses:
            if difficulty > thresholds.too_easy:
                flags.append("too easy")
            if difficulty < thresholds.too_hard:
                flags.append("too hard")
            if r == r and r < thresholds.negative:
                flags.append("negative discrimination")
        rows.append(
            {
                "assignment": item.assignment,
                "skill": item.skill,
                "question": item.question,
                "kind": item.kind,
                "max_score": float(item.max_score),
                "responses": n,
                "difficulty": difficulty,
                "discrimination": r,
                "upper_lower": ul,
                "mean_attempts": float(part["attempts_before_success"].mean())
                if n
                else float("nan"),
                "mean_hints": float(part["hints_used"].mean()) if n else float("nan"),
                "flag": "; ".join(flags),
            }
        )
    columns = [
        "assignment",
        "skill",
        "question",
        "kind",
        "max_score",
        "responses",
        "difficulty",
        "discrimination",
        "upper_lower",
        "mean_attempts",
        "mean_hints",
        "flag",
    ]
    return pd.DataFrame(rows, columns=columns)


def group_summary(learners: pd.DataFrame, by: str = "group") -> pd.DataFrame:
    """Per ``by`` (``group``, ``district`` or ``province``): size, completion, shares."""
    out = (
        learners.assign(_key=learners[by].replace("", "(chưa có)"))
        .groupby("_key", sort=True)
        .agg(
            learners=("learner", "count"),
            completion=("completion", "mean"),
            share=("share", "mean"),
            share_submitted=("share_submitted", "mean"),
            skills_mastered=("skills_count", "mean"),
        )
        .reset_index()
        .rename(columns={"_key": by})
    )
    return out


def assignment_summary(
    submissions: pd.DataFrame, *, unreleased: Iterable[str] = ()
) -> pd.DataFrame:
    """The cohort per assignment: submitted, late, pending, mean share of submitters.

    ``released`` is True for every assignment of ``submissions``; each of
    ``unreleased`` gets a row with ``released`` False and no figures.
    """
    import pandas as pd

    done = submissions[submissions["submitted"]]
    counts = submissions.groupby("assignment", sort=True).agg(
        skill=("skill", "first"), learners=("learner", "count"), submitted=("submitted", "sum")
    )
    rest = done.groupby("assignment").agg(
        late=("late", "sum"),
        pending=("pending", "sum"),
        share=("share", "mean"),
        after_solutions=("after_solutions", "sum"),
    )
    out = counts.join(rest, how="left").reset_index()
    out["late"] = out["late"].fillna(0).astype("int64")
    out["pending"] = out["pending"].fillna(0).astype("int64")
    out["after_solutions"] = out["after_solutions"].fillna(0).astype("int64")
    out["submitted"] = out["submitted"].astype("int64")
    out["completion"] = out["submitted"] / out["learners"]
    out["released"] = True
    extra = sorted(set(unreleased) - set(out["assignment"]))
    if extra:
        rows = pd.DataFrame(
            {
                "assignment": extra,
                "skill": [skill_of(a) for a in extra],
                "learners": submissions["learner"].nunique(),
                "released": False,
            }
        )
        out = pd.concat([out, rows], ignore_index=True).sort_values("assignment", kind="stable")
        for column in ("submitted", "late", "pending", "after_solutions"):
            out[column] = out[column].fillna(0).astype("int64")
        out = out.reset_index(drop=True)
    return out


def trend(submissions: pd.DataFrame, freq: str = "W-SUN", *, by: str | None = None) -> pd.DataFrame:
    """Submissions and their mean score share per period (default: weeks from Monday).

    ``by`` (e.g. ``"group"`` or ``"province"``) gives one trend per group, to
    compare classes over time.
    """
    import pandas as pd

    keys = ["period"] if by is None else [by, "period"]
    done = submissions[submissions["submitted"] & submissions["timestamp"].notna()]
    if done.empty:
        return pd.DataFrame(columns=[*keys, "submissions", "share", "late"])
    stamps = done["timestamp"].dt.tz_convert(None)
    out = (
        done.assign(period=stamps.dt.to_period(freq).dt.start_time)
        .groupby(keys, sort=True)
        .agg(submissions=("learner", "count"), share=("share", "mean"), late=("late", "sum"))
        .reset_index()
    )
    out["late"] = out["late"].astype("int64")
    return out


def compare_cohorts(cohorts: dict[str, Progress]) -> pd.DataFrame:
    """Several cohorts (e.g. classes with their own gradebooks, or years) side by side.

    One row per cohort × skill: learners, the cohort's mean completion and
    overall share, the skill's mean share and the fraction of learners who
    mastered it, and how many learners are at risk.
    """
    import pandas as pd

    rows = []
    for name, progress in cohorts.items():
        learners = progress.learners
        skills = progress.skills.groupby("skill", sort=False).agg(
            skill_share=("share", "mean"), mastered=("mastered", "mean")
        )
        for skill, row in skills.iterrows():
            rows.append(
                {
                    "cohort": name,
                    "skill": skill,
                    "learners": len(learners),
                    "completion": float(learners["completion"].mean()),
                    "share": float(learners["share"].mean()),
                    "skill_share": float(row["skill_share"]),
                    "mastered": float(row["mastered"]),
                    "at_risk": len(progress.at_risk),
                }
            )
    columns = [
        "cohort",
        "skill",
        "learners",
        "completion",
        "share",
        "skill_share",
        "mastered",
        "at_risk",
    ]
    return pd.DataFrame(rows, columns=columns)


def at_risk(
    questions: pd.DataFrame,
    thresholds: Thresholds | None = None,
    *,
    now: dt.datetime | None = None,
    submissions: pd.DataFrame | None = None,
    learners: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Learners behind on submissions or mastery, each with the reasons in Vietnamese.

    Behind on submissions: an assignment past its due date (``now``, default the
    current time) not submitted; an assignment without a due date counts once at
    least half the cohort has submitted it. Behind on mastery: the share of the
    submitted work below ``at_risk_share``. Struggling: on one question at least
    ``struggle_attempts`` self-checks before success, or ``struggle_hints`` hints.
    """
    import pandas as pd

    thresholds = thresholds or Thresholds()
    now_ts = pd.Timestamp(now or dt.datetime.now(dt.timezone.utc))
    now_ts = now_ts.tz_localize("UTC") if now_ts.tzinfo is None else now_ts.tz_convert("UTC")
    subs = submission_table(questions) if submissions is None else submissions
    rate = subs.groupby("assignment")["submitted"].mean()
    expected = subs["duedate"].notna() & (subs["duedate"] < now_ts)
    expected |= subs["duedate"].isna() & subs["assignment"].map(rate).ge(0.5)
    missing = subs[expected & ~subs["submitted"]].groupby("learner")["assignment"].agg(list)
    if learners is None:
        learners = learner_summary(questions, thresholds, submissions=subs)
    per_q = questions[
        (questions["attempts_before_success"] >= thresholds.struggle_attempts)
        | (questions["hints_used"] >= thresholds.struggle_hints)
    ]
    struggle = (
        per_q.assign(
            _q=[
                question_label(a, q)
                for a, q in zip(per_q["assignment"], per_q["question"], strict=True)
            ]
        )
        .groupby("learner")["_q"]
        .agg(lambda s: sorted(set(s)))
    )
    rows = []
    for person in learners.itertuples(index=False):
        reasons, kinds = [], []
        gone = missing.get(person.learner, [])
        if gone:
            kinds.append("submissions")
            reasons.append(f"chưa nộp {len(gone)} bài đã đến hạn: {', '.join(gone)}")
        share = person.share_submitted
        if share == share and share < thresholds.at_risk_share:
            kinds.append("mastery")
            reasons.append(
                f"điểm các bài đã nộp {share:.0%} (dưới {thresholds.at_risk_share:.0%})".replace(
                    "%", " %"
                )
            )
        hard = struggle.get(person.learner, [])
        if hard:
            kinds.append("struggling")
            reasons.append(
                f"thử nhiều lần hoặc cần nhiều gợi ý ở {len(hard)} câu "
                f"(theo nhật ký học viên tự ghi): {'; '.join(hard)}"
            )
        if reasons:
            rows.append(
                {
                    "learner": person.learner,
                    "full_name": person.full_name,
                    "group": person.group,
                    "submitted": person.submitted,
                    "assignments": person.assignments,
                    "share_submitted": share,
                    "kinds": ", ".join(kinds),
                    "reason": "; ".join(reasons),
                }
            )
    columns = [
        "learner",
        "full_name",
        "group",
        "submitted",
        "assignments",
        "share_submitted",
        "kinds",
        "reason",
    ]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class Progress:
    """Every table of a cohort's progress, computed once."""

    questions: pd.DataFrame
    submissions: pd.DataFrame
    learners: pd.DataFrame
    skills: pd.DataFrame
    question_stats: pd.DataFrame
    assignments: pd.DataFrame
    groups: pd.DataFrame
    districts: pd.DataFrame
    provinces: pd.DataFrame
    trend: pd.DataFrame
    at_risk: pd.DataFrame
    thresholds: Thresholds = field(default_factory=Thresholds)
    course_id: str = ""
    unreleased: tuple[str, ...] = ()  #: assignments not given to the class (not counted)

    @property
    def released(self) -> tuple[str, ...]:
        """The assignments counted: those released to the class, in course order."""
        return tuple(sorted(set(self.questions["assignment"])))


def from_questions(
    questions: pd.DataFrame,
    thresholds: Thresholds | None = None,
    *,
    now: dt.datetime | None = None,
    course_id: str = "",
    unreleased: Iterable[str] = (),
) -> Progress:
    """All tables from the tidy question table (of the released work).

    ``unreleased`` are the assignments not given to the class: listed in the
    assignment table as not released, counted nowhere.
    """
    thresholds = thresholds or Thresholds()
    submissions = submission_table(questions)
    skills = skill_mastery(questions, thresholds)
    learners = learner_summary(questions, thresholds, submissions=submissions, skills=skills)
    learners["unreleased"] = len(set(unreleased))
    return Progress(
        questions=questions,
        submissions=submissions,
        learners=learners,
        skills=skills,
        question_stats=question_stats(questions, thresholds),
        assignments=assignment_summary(submissions, unreleased=unreleased),
        groups=group_summary(learners, "group"),
        districts=group_summary(learners, "district"),
        provinces=group_summary(learners, "province"),
        trend=trend(submissions),
        at_risk=at_risk(questions, thresholds, now=now, submissions=submissions, learners=learners),
        thresholds=thresholds,
        course_id=course_id,
        unreleased=tuple(sorted(set(unreleased))),
    )


def preview_questions(learners: int = 60, *, seed: int = 2026) -> pd.DataFrame:
    """A made-up question table of the course's five assignments, for previews.

    The dashboard shows it when there is no gradebook yet, so a trainer can try
    the filters before the first submission. Seeded: the same table every time.

    Examples
    --------
    >>> q = preview_questions(8)
    >>> len(q), sorted(q["skill"].unique())[:2]
    (200, ['chăm sóc khách hàng', 'khởi động'])
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    places = [("Sa Pa", "Lào Cai"), ("Bắc Hà", "Lào Cai"), ("Mù Cang Chải", "Yên Bái")]
    names = ["Nguyễn Thị Lan", "Trần Văn Minh", "Lò Thị Mai", "Giàng A Páo", "Hoàng Thu Hà"]
    start = pd.Timestamp("2026-03-01 16:59", tz="UTC")
    rows = []
    for i in range(learners):
        ability = float(rng.beta(5, 2))
        district, province = places[i % len(places)]
        group = f"Lớp {i % 2 + 1}, {district}, {province}"
        for k, assignment in enumerate(SKILL_AREAS):
            due = start + pd.Timedelta(weeks=k)
            submitted = bool(rng.random() < 0.95 - 0.08 * k)
            stamp = due + pd.Timedelta(hours=float(rng.normal(-30, 20)))
            for q in range(1, 6):
                right = submitted and bool(rng.random() < ability * (1.1 - 0.1 * q))
                checks = int(rng.geometric(max(ability, 0.2))) if submitted else 0
                rows.append(
                    {
                        "learner": f"hv{i:03d}",
                        "full_name": f"{names[i % len(names)]} {i}",
                        "group": group,
                        "district": district,
                        "province": province,
                        "assignment": assignment,
                        "skill": SKILL_AREAS[assignment],
                        "notebook": assignment,
                        "question": f"kiem-tra-cau-{q}",
                        "kind": "code",
                        "max_score": 2.0,
                        "score": 2.0 if right else 0.0,
                        "share": 1.0 if right else 0.0,
                        "submitted": submitted,
                        "timestamp": stamp if submitted else pd.NaT,
                        "duedate": due,
                        "seconds_late": max(0.0, (stamp - due).total_seconds())
                        if submitted
                        else 0.0,
                        "late": submitted and stamp > due,
                        "graded_by": "auto" if submitted else "none",
                        "checks": checks,
                        "attempts_before_success": max(0, checks - 1) if right else checks,
                        "solved_in_self_check": right and checks > 0,
                        "hints_used": int(rng.poisson(0.4)) if submitted else 0,
                        "max_hint_tier": np.nan,
                        "first_check": stamp - pd.Timedelta(hours=2) if checks else pd.NaT,
                        "seconds_to_success": float(60 * checks) if right and checks else np.nan,
                        "after_solutions": False,
                    }
                )
    frame = pd.DataFrame(rows, columns=QUESTION_COLUMNS)
    for column in ("timestamp", "first_check"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame
