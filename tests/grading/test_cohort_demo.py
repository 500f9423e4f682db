"""``hocso demo`` end to end: the designed cohort gets exactly the designed scores.

One demo run (module-scoped: about 45 s) is checked from every side, one theme
per test: exact scores, a broken notebook failing alone, deleted and edited
test cells, a late and a USB submission, feedback without hidden tests, the
grade export and the status. Tests that change the cohort (regrading, stock
nbgrader's pitfalls, the CLI) each work on their own copy of the demo folder,
so the tests do not depend on each other's order. Its speed is measured in
``benchmarks/demo.py``, not here. The module is one xdist group, so parallel
workers run the demo once (``pytest -n auto --dist loadgroup``).
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import warnings
from pathlib import Path

import pytest

from grading.classroom.cohort import Cohort, open_cohort
from grading.cli import main
from grading.core.errors import CourseError, DemoError, FeedbackLeakError, GradingError
from grading.core.steps import hidden_lines, strip_hidden
from grading.verbs.autograde import Execution, autograde, run_nbgrader_autograde
from grading.verbs.demo import ASSIGNMENT, DemoResult, demo
from grading.verbs.feedback import feedback
from grading.verbs.grades import grades, set_manual_grade
from grading.verbs.status import status

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("demo")]

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "courses" / "kinh-doanh-so" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
_ENV = ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE")

#: learner -> (total score of 14: 11 autograded + 3 written, status in the grade export)
DESIGNED = {
    "an-nguyen": (14.0, "graded"),
    "binh-tran": (5.0, "graded"),
    "chi-le": (0.0, "graded"),
    "dung-pham": (10.0, "graded"),
    "giang-hoang": (11.0, "graded"),
    "hieu-vu": (0.0, "autograde failed"),
    "khanh-do": (13.0, "graded"),
    "lan-bui": (10.0, "graded"),
    "minh-dang": (10.0, "graded"),
    "ngoc-ngo": (9.0, "graded"),
    "phuong-duong": (11.0, "graded"),
    "quang-ly": (0.0, "not submitted"),
    "tuan-trinh": (11.0, "graded"),
}


def _repo_state() -> dict[str, tuple[int, int]]:
    """Every generated file of the repository's course (a trainer may have run a class there)."""
    course = REPO / "courses" / "kinh-doanh-so"
    found = {}
    for name in (".hocso", "gradebook.db", "release", "submitted", "autograded", "feedback"):
        root = course / name
        paths = [root, *root.rglob("*")] if root.is_dir() else [root]
        for path in paths:
            if path.exists():
                info = path.stat()
                found[str(path.relative_to(course))] = (info.st_size, info.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def repo_before() -> dict[str, tuple[int, int]]:
    return _repo_state()


@pytest.fixture(scope="module")
def ran(tmp_path_factory, repo_before) -> DemoResult:
    with pytest.MonkeyPatch.context() as patch:
        for name in _ENV:
            patch.delenv(name, raising=False)
        return demo(tmp_path_factory.mktemp("demo") / "demo")


@pytest.fixture(autouse=True)
def _no_hocso_environment(monkeypatch):
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


def _cohort_in(directory: Path) -> Cohort:
    return open_cohort(directory / "kinh-doanh-so", exchange=directory / "exchange")


@pytest.fixture(scope="module")
def demo_cohort(ran) -> Cohort:
    """The demo's cohort, as the demo left it (tests using it only read)."""
    return _cohort_in(ran.directory)


@pytest.fixture
def own_copy(ran, tmp_path) -> Cohort:
    """A copy of the finished demo for a test that changes it."""
    return _cohort_in(Path(shutil.copytree(ran.directory, tmp_path / "demo")))


def _text(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def _secrets() -> set[str]:
    cells = json.loads(SOURCE.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells]
    public = "\n".join(strip_hidden(s) for s in sources)
    return {line for s in sources for line in hidden_lines(s) if line not in public}


def _correct_values() -> dict[str, list[str]]:
    """Exact answers of the questions dung-pham got wrong, in every way a page could show them."""
    from toolkit import data, vn

    orders = data.load("orders")
    delivered = orders[orders["status"] == "Đã giao"]
    revenue = int(delivered["revenue_vnd"].sum())
    aov = vn.format_vnd(round(revenue / len(delivered)))
    return {
        "doanh_thu_da_giao": [str(revenue), f"{revenue:,}", f"{revenue:,}".replace(",", ".")],
        "aov_dep": [aov],
    }


def test_every_learner_gets_the_designed_score(ran, repo_before):
    assert {r.learner: (r.score, r.status) for r in ran.rows} == DESIGNED
    assert ran.ok
    assert _repo_state() == repo_before  # the repository's course untouched (a class run there too)


def test_autograde_rows_name_what_happened(ran):
    rows = {r.learner: r for r in ran.autograded.rows}
    assert "quang-ly" not in rows
    assert rows["giang-hoang"].restored == ("kiem-tra-cau-1", "kiem-tra-cau-5", "kiem-tra-cau-8")
    assert rows["lan-bui"].tampered == ("kiem-tra-cau-4",)
    assert rows["khanh-do"].late
    assert len(ran.autograded.executed) == 11


def test_the_demo_table_speaks_the_trainers_language(ran):
    """Every word of ``hocso demo``'s table is translated (the feedback column said
    "received" and "not returned" in English)."""
    from grading.core.messages import WORDS

    shown = {r.feedback for r in ran.rows} | {r.status for r in ran.rows}
    assert {"received", "not returned"} <= shown
    assert shown - {"-"} <= set(WORDS), shown - set(WORDS)


def test_a_broken_notebook_fails_alone_with_its_reason(ran):
    rows = {r.learner: r for r in ran.autograded.rows}
    assert rows["hieu-vu"].status == "failed"
    assert "not a valid notebook (broken JSON" in rows["hieu-vu"].reason
    graded = {r.learner for r in ran.autograded.rows if r.status == "graded"}
    assert graded == set(rows) - {"hieu-vu"}


def test_feedback_is_returned_to_exchange_submitters_only(ran):
    returned = {r.learner: r for r in ran.returned.rows}
    released = {k for k, r in returned.items() if r.status == "released"}
    assert released == set(DESIGNED) - {"hieu-vu", "quang-ly", "tuan-trinh"}
    usb = returned["tuan-trinh"]
    assert usb.status == "generated"
    assert "not submitted through the exchange" in usb.reason


def test_feedback_pages_show_no_hidden_test(ran, demo_cohort):
    pages = sorted((demo_cohort.root / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    pages += sorted((ran.directory / "learners").glob(f"*/{ASSIGNMENT}/feedback/*/*.html"))
    assert len(pages) == 11 + 10  # generated for 11, fetched by the 10 who used the exchange
    secrets = _secrets()
    assert len(secrets) > 20
    for page in pages:
        text = _text(page)
        assert "HIDDEN TESTS" not in text, page
        assert "_kt_" not in text, page  # every hidden helper variable starts with _kt_
        shown = [line for line in secrets if line in text]
        assert not shown, (page, shown)


def test_feedback_of_a_known_mistake_names_it_not_the_answer(demo_cohort):
    page = demo_cohort.folder("feedback", "dung-pham", ASSIGNMENT) / f"{ASSIGNMENT}.html"
    wrong = _text(page)
    for name, forms in _correct_values().items():
        for form in forms:
            assert form not in wrong, (name, form)
    assert "Lỗi hay gặp" in wrong  # the known-mistake message still reaches the learner


def test_the_grade_export_has_every_learner(ran):
    from grading.core.messages import word

    with ran.grades_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(DESIGNED)
    assert rows["khanh-do"]["late"] == word("yes")
    assert float(rows["khanh-do"]["seconds_late"]) == 8 * 3600 + 15 * 60
    assert rows["an-nguyen"]["full_name"] == "Nguyễn Văn An"
    assert rows["an-nguyen"]["group"] == "Lào Cai"
    assert (rows["an-nguyen"]["code_score"], rows["an-nguyen"]["written_score"]) == ("11", "3")
    assert rows["hieu-vu"]["note"].startswith("00-lam-quen.ipynb is not a valid notebook")
    assert rows["lan-bui"]["note"] == "edited locked cells (restored): kiem-tra-cau-4"


def test_status_counts_every_step(demo_cohort):
    (row,) = status(cohort=demo_cohort).assignments
    assert (row.released, row.to_collect, row.collected, row.graded, row.failed) == (
        True,
        0,
        12,
        11,
        1,
    )
    assert (row.needs_manual, row.feedback_returned) == (0, 10)


def test_regrading_unchanged_submissions_runs_nothing(own_copy):
    before = {r.learner: r for r in grades(cohort=own_copy)}
    again = autograde(ASSIGNMENT, cohort=own_copy)
    assert again.executed == ()
    assert {r.learner: r.status for r in again.rows if r.status != "unchanged"} == {
        "hieu-vu": "failed"
    }
    assert {r.learner: r for r in grades(cohort=own_copy)} == before


def test_a_forced_regrade_keeps_manual_grades_and_warns_only_about_real_edits(own_copy):
    # a trainer overrides an autograded cell by hand, then regrades by force
    set_manual_grade(ASSIGNMENT, "binh-tran", "kiem-tra-cau-5", 1, cohort=own_copy)
    logs: dict[str, str] = {}

    def recording(api, assignment, learner) -> Execution:
        execution = run_nbgrader_autograde(api, assignment, learner)
        logs[learner] = execution.log
        return execution

    forced = autograde(ASSIGNMENT, cohort=own_copy, learners=["an-nguyen", "binh-tran", "lan-bui"],
                       force=True, execute=recording)  # fmt: skip
    assert [r.status for r in forced.rows] == ["graded"] * 3
    after = {r.learner: r for r in grades(cohort=own_copy)}
    assert after["an-nguyen"].score == 14  # the written answer's 3 points kept
    assert after["binh-tran"].score == 6  # the override kept
    assert after["an-nguyen"].status == after["binh-tran"].status == "graded"  # no re-review
    with own_copy.gradebook() as gradebook:
        grade = gradebook.find_grade("cau-9", ASSIGNMENT, ASSIGNMENT, "an-nguyen")
        assert (grade.manual_score, grade.needs_manual_grade) == (3.0, False)
    # stock OverwriteCells warns about every hidden-test cell of an honest submission
    assert "has changed" not in logs["an-nguyen"]
    assert "has changed" not in logs["binh-tran"]
    changed = re.findall(r"Attribute '(\w+)' for cell ([\w-]+) has changed", logs["lan-bui"])
    assert changed == [("checksum", "kiem-tra-cau-4")]


def test_stock_release_feedback_stops_at_a_submission_without_timestamp(own_copy):
    with warnings.catch_warnings():  # nbgrader's own typo, `authentictor=`
        warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
        outcome = own_copy.api().release_feedback(ASSIGNMENT)
    assert not outcome["success"]
    assert "timestamp.txt" in outcome["error"]


def test_feedback_made_with_stock_steps_is_withheld(own_copy, monkeypatch):
    from nbgrader.converters import GenerateFeedback

    stock = GenerateFeedback.preprocessors.make_dynamic_default()
    monkeypatch.setattr("grading.core.steps.feedback_steps", lambda: stock)
    # nbgrader's own feedback template shows test cells' code (ours never does)
    config = own_copy.root / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("c.HTMLExporter.extra_template_basedirs", "_ours"), "utf-8")
    withheld = feedback(ASSIGNMENT, cohort=own_copy, learners=["chi-le"], release=False)
    (row,) = withheld.rows
    assert row.leak
    assert row.status == "failed"
    assert row.reason.startswith("withheld:")
    assert not list(own_copy.folder("feedback", "chi-le", ASSIGNMENT).glob("*.html"))
    args = ["--course", str(own_copy.root), "--exchange", str(own_copy.exchange_root)]
    code = main([*args, "feedback", ASSIGNMENT, "--learner", "chi-le", "--no-release"])
    assert code == FeedbackLeakError.exit_code == 13


def test_cli_exit_codes(ran, own_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    args = ["--course", str(own_copy.root), "--exchange", str(own_copy.exchange_root)]
    assert main([*args, "autograde", ASSIGNMENT]) == GradingError.exit_code == 12
    captured = capsys.readouterr()
    assert "hieu-vu" in captured.out
    assert "could not be graded" in captured.err
    assert main([*args, "feedback", ASSIGNMENT]) == 0
    assert "feedback returned to 10 learner(s)" in capsys.readouterr().out
    assert main([*args, "grades", "--out", str(tmp_path / "diem.csv")]) == 0
    assert "Nguyễn Văn An" in capsys.readouterr().out
    assert main([*args, "status"]) == 0
    assert "00-lam-quen" in capsys.readouterr().out
    assert main([*args, "release", "99-khong-co"]) == CourseError.exit_code
    assert main([*args, "collect", "99-khong-co"]) == 11
    assert main(["demo", str(ran.directory)]) == DemoError.exit_code == 14
    assert "is not empty" in capsys.readouterr().err
