"""A synthetic cohort with hand-computed answers: 5 learners, 2 assignments, 5 questions.

Scores (points per question; ``-`` not submitted, ``p`` waits for manual grading)::

    assignment       question          max  an  binh  chi  dung  em
    00-lam-quen      kiem-tra-cau-1    2    2   2     0    2     -
    00-lam-quen      kiem-tra-cau-2    2    2   0     2    0     -
    00-lam-quen      viet-cau-3 (w)    1    1m  1m    0m   p     -
    01-anh-san-pham  kiem-tra-cau-1    1    1   1     0    -     -
    01-anh-san-pham  kiem-tra-cau-2    1    1   0     0    -     -

binh submitted 01-anh-san-pham one hour after its due date. Attempt logs:
an, 00 kiem-tra-cau-1: incorrect (20:00+07), hint 1, hint 2, incorrect, correct (20:05+07);
binh, 00 kiem-tra-cau-2: 12 incorrect checks, never correct.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

COURSE_ID = "kinh-doanh-so"
NOW = dt.datetime(2026, 3, 10, tzinfo=dt.timezone.utc)
ROSTER = """id,họ và tên,nhóm
an,Nguyễn Văn An,"Lớp A, Sa Pa, Lào Cai"
binh,Trần Thị Bình,"Lớp A, Sa Pa, Lào Cai"
chi,Lê Thị Chi,"Lớp B, Bắc Hà, Lào Cai"
dung,Phạm Tiến Dũng,"Lớp C, Mù Cang Chải, Yên Bái"
em,Hoàng Thị Ém,"Lớp C, Mù Cang Chải, Yên Bái"
"""
ASSIGNMENTS = {
    "00-lam-quen": (
        dt.datetime(2026, 3, 1, 17, 0),
        [
            ("kiem-tra-cau-1", 2, "code"),
            ("kiem-tra-cau-2", 2, "code"),
            ("viet-cau-3", 1, "markdown"),
        ],
    ),
    "01-anh-san-pham": (
        dt.datetime(2026, 3, 8, 17, 0),
        [("kiem-tra-cau-1", 1, "code"), ("kiem-tra-cau-2", 1, "code")],
    ),
}
# learner -> assignment -> (timestamp naive UTC, {question: (score, manual?)} ; None = pending)
SUBMISSIONS = {
    "an": {
        "00-lam-quen": (
            dt.datetime(2026, 2, 27, 10),
            {"kiem-tra-cau-1": (2, False), "kiem-tra-cau-2": (2, False), "viet-cau-3": (1, True)},
        ),
        "01-anh-san-pham": (
            dt.datetime(2026, 3, 5, 10),
            {"kiem-tra-cau-1": (1, False), "kiem-tra-cau-2": (1, False)},
        ),
    },
    "binh": {
        "00-lam-quen": (
            dt.datetime(2026, 2, 28, 10),
            {"kiem-tra-cau-1": (2, False), "kiem-tra-cau-2": (0, False), "viet-cau-3": (1, True)},
        ),
        "01-anh-san-pham": (
            dt.datetime(2026, 3, 8, 18),
            {"kiem-tra-cau-1": (1, False), "kiem-tra-cau-2": (0, False)},
        ),
    },
    "chi": {
        "00-lam-quen": (
            dt.datetime(2026, 3, 1, 12),
            {"kiem-tra-cau-1": (0, False), "kiem-tra-cau-2": (2, False), "viet-cau-3": (0, True)},
        ),
        "01-anh-san-pham": (
            dt.datetime(2026, 3, 7, 10),
            {"kiem-tra-cau-1": (0, False), "kiem-tra-cau-2": (0, False)},
        ),
    },
    "dung": {
        "00-lam-quen": (
            dt.datetime(2026, 3, 1, 16),
            {"kiem-tra-cau-1": (2, False), "kiem-tra-cau-2": (0, False), "viet-cau-3": None},
        ),
    },
}


def _event(time: str, question: str, event: str, outcome=None, tier=None, assignment="00-lam-quen"):
    return json.dumps(
        {
            "v": 1,
            "time": time,
            "assignment": assignment,
            "question": question,
            "event": event,
            "outcome": outcome,
            "mistake": None,
            "hint_tier": tier,
        }
    )


AN_LOG = [
    _event("2026-02-26T20:00:00+07:00", "kiem-tra-cau-1", "check", "incorrect"),
    _event("2026-02-26T20:01:00+07:00", "kiem-tra-cau-1", "hint", tier=1),
    _event("2026-02-26T20:02:00+07:00", "kiem-tra-cau-1", "hint", tier=2),
    _event("2026-02-26T20:03:00+07:00", "kiem-tra-cau-1", "check", "incorrect"),
    _event("2026-02-26T20:05:00+07:00", "kiem-tra-cau-1", "check", "correct"),
    _event("2026-02-26T20:06:00+07:00", "kiem-tra-cau-2", "check", "correct"),
]
BINH_LOG = [
    _event(f"2026-02-27T21:{m:02d}:00+07:00", "kiem-tra-cau-2", "check", "incorrect")
    for m in range(12)
]


def build_cohort(root: Path, db_url: str | None = None):
    """The course root, gradebook (nbgrader's API), roster and stored attempt logs."""
    from nbgrader.api import Gradebook

    from grading.classroom.cohort import open_cohort
    from grading.classroom.roster import import_roster
    from grading.core.nbgrader_env import quiet_nbgrader
    from grading.progress.attempts import store_attempts

    course = root / COURSE_ID
    for name in ASSIGNMENTS:
        (course / "source" / name).mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = {COURSE_ID!r}\n",
        encoding="utf-8",
    )
    (course / "README.md").write_text("# Kinh doanh số — khóa học\n", encoding="utf-8")
    cohort = open_cohort(course, exchange=root / "exchange", db_url=db_url)
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    import_roster(root / "roster.csv", cohort=cohort)
    with quiet_nbgrader(), Gradebook(cohort.db_url, COURSE_ID) as gb:
        for name, (due, cells) in ASSIGNMENTS.items():
            gb.add_assignment(name, duedate=due)
            gb.add_notebook(name, name)
            for cell, points, kind in cells:
                gb.add_grade_cell(cell, name, name, max_score=points, cell_type=kind)
                if kind == "markdown":  # a written answer is a grade and a solution cell
                    gb.update_or_create_solution_cell(cell, name, name)
            gb.update_or_create_solution_cell("cau-1", name, name)
        for learner, work in SUBMISSIONS.items():
            for name, (stamp, scores) in work.items():
                gb.add_submission(name, learner, timestamp=stamp)
                for cell, value in scores.items():
                    grade = gb.find_grade(cell, name, name, learner)
                    if value is None:
                        grade.needs_manual_grade = True
                    elif value[1]:
                        grade.manual_score = float(value[0])
                        grade.needs_manual_grade = False
                    else:
                        grade.auto_score = float(value[0])
                        grade.needs_manual_grade = False
                gb.db.commit()
        comment = gb.find_comment("viet-cau-3", "00-lam-quen", "00-lam-quen", "binh")
        comment.manual_comment = "Rõ ràng, có số liệu. Thêm một câu về giá."
        gb.db.commit()
    for learner, lines in (("an", AN_LOG), ("binh", BINH_LOG)):
        folder = root / "submitted" / learner / "00-lam-quen"
        folder.mkdir(parents=True)
        (folder / ".hocso-attempts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        store_attempts(cohort, "00-lam-quen", learner, folder)
    return cohort


@pytest.fixture
def synthetic(tmp_path, monkeypatch):
    """A fresh synthetic cohort (tests that change it)."""
    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
        monkeypatch.delenv(name, raising=False)
    return build_cohort(tmp_path)


@pytest.fixture(scope="module")
def shared_cohort(tmp_path_factory):
    """One synthetic cohort per test module, for tests that only read it."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
            patch.delenv(name, raising=False)
        yield build_cohort(tmp_path_factory.mktemp("cohort"))


@pytest.fixture(scope="module")
def progress(shared_cohort):
    from grading.progress.analytics import Thresholds
    from grading.progress.gradebook import build_progress

    return build_progress(shared_cohort, Thresholds(min_responses=3), now=NOW)


BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser(playwright_api):
    """Debian's headless Chromium through the shared Playwright (tests/conftest.py)."""
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    instance = playwright_api.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield instance
    instance.close()


def open_page(browser, path: Path, width: int = 390):
    """Open ``path`` at a phone's width; returns (page, console errors list)."""
    page = browser.new_page(viewport={"width": width, "height": 844})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors
