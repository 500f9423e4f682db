"""``hocso demo`` end to end: the designed cohort gets exactly the designed scores.

One demo run (about 45 s) is checked from every side the issue asks about:
exact scores, a broken notebook failing alone, deleted and edited test cells,
a late and a USB submission, feedback without hidden tests, re-running
autograde (idempotent, manual grades kept), the grade export, the status and
the CLI's exit codes. It is a single test so that parallel workers never run
the demo twice.
"""

from __future__ import annotations

import csv
import html
import json
import re
import warnings
from pathlib import Path

import pytest

from grading._steps import hidden_lines, strip_hidden
from grading.autograde import Execution, autograde, run_nbgrader_autograde
from grading.cli import main
from grading.cohort import Cohort, open_cohort
from grading.demo import ASSIGNMENT, demo
from grading.errors import CourseError, DemoError, FeedbackLeakError, GradingError
from grading.feedback import feedback
from grading.grades import grades, set_manual_grade
from grading.status import status

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "courses" / "kinh-doanh-so" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"

#: learner -> (total score of 16, status in the grade export)
DESIGNED = {
    "an-nguyen": (16.0, "graded"),
    "binh-tran": (6.0, "graded"),
    "chi-le": (0.0, "graded"),
    "dung-pham": (12.0, "graded"),
    "giang-hoang": (13.0, "graded"),
    "hieu-vu": (0.0, "autograde failed"),
    "khanh-do": (15.0, "graded"),
    "lan-bui": (11.0, "graded"),
    "minh-dang": (12.0, "graded"),
    "ngoc-ngo": (11.0, "graded"),
    "phuong-duong": (13.0, "graded"),
    "quang-ly": (0.0, "not submitted"),
    "tuan-trinh": (13.0, "graded"),
}


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


def _check_autograde_rows(result) -> None:
    rows = {r.learner: r for r in result.autograded.rows}
    assert "quang-ly" not in rows
    assert rows["giang-hoang"].restored == ("kiem-tra-cau-1", "kiem-tra-cau-5", "kiem-tra-cau-8")
    assert rows["lan-bui"].tampered == ("kiem-tra-cau-2",)
    assert rows["hieu-vu"].status == "failed"
    assert "not a valid notebook (broken JSON" in rows["hieu-vu"].reason
    assert {r.learner for r in result.autograded.rows if r.status == "graded"} == set(rows) - {
        "hieu-vu"
    }
    assert rows["khanh-do"].late
    assert len(result.autograded.executed) == 11
    assert result.seconds_per_submission < 10


def _check_feedback(cohort: Cohort, result) -> None:
    returned = {r.learner: r for r in result.returned.rows}
    assert {k for k, r in returned.items() if r.status == "released"} == set(DESIGNED) - {
        "hieu-vu",
        "quang-ly",
        "tuan-trinh",
    }
    usb = returned["tuan-trinh"]
    assert usb.status == "generated"
    assert "not submitted through the exchange" in usb.reason
    pages = sorted((cohort.root / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    pages += sorted((result.directory / "learners").glob(f"*/{ASSIGNMENT}/feedback/*/*.html"))
    assert len(pages) == 11 + 10  # generated for 11, fetched by the 10 who used the exchange
    secrets = _secrets()
    assert len(secrets) > 20
    for page in pages:
        text = _text(page)
        assert "HIDDEN TESTS" not in text, page
        assert "_kt_" not in text, page  # every hidden helper variable starts with _kt_
        shown = [line for line in secrets if line in text]
        assert not shown, (page, shown)
    wrong = _text(cohort.folder("feedback", "dung-pham", ASSIGNMENT) / f"{ASSIGNMENT}.html")
    for name, forms in _correct_values().items():
        for form in forms:
            assert form not in wrong, (name, form)
    assert "Lỗi hay gặp" in wrong  # the known-mistake message still reaches the learner


def _check_exports(cohort: Cohort, result) -> None:
    with result.grades_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(DESIGNED)
    assert rows["khanh-do"]["late"] == "yes"
    assert float(rows["khanh-do"]["seconds_late"]) == 8 * 3600 + 15 * 60
    assert rows["an-nguyen"]["full_name"] == "Nguyễn Văn An"
    assert rows["an-nguyen"]["group"] == "Lào Cai"
    assert (rows["an-nguyen"]["code_score"], rows["an-nguyen"]["written_score"]) == ("13", "3")
    assert rows["hieu-vu"]["note"].startswith("00-lam-quen.ipynb is not a valid notebook")
    assert rows["lan-bui"]["note"] == "edited locked cells (restored): kiem-tra-cau-2"
    (row,) = status(cohort=cohort).assignments
    assert (row.released, row.to_collect, row.collected, row.graded, row.failed) == (
        True,
        0,
        12,
        11,
        1,
    )
    assert (row.needs_manual, row.feedback_returned) == (0, 10)


def _check_regrade(cohort: Cohort) -> None:
    before = {r.learner: r for r in grades(cohort=cohort)}
    again = autograde(ASSIGNMENT, cohort=cohort)
    assert again.executed == ()  # nothing changed: nothing re-run
    assert {r.learner: r.status for r in again.rows if r.status != "unchanged"} == {
        "hieu-vu": "failed"
    }
    assert {r.learner: r for r in grades(cohort=cohort)} == before

    # a trainer overrides an autograded cell by hand, then regrades everything by force
    set_manual_grade(ASSIGNMENT, "binh-tran", "kiem-tra-cau-5", 1, cohort=cohort)
    logs: dict[str, str] = {}

    def recording(api, assignment, learner) -> Execution:
        execution = run_nbgrader_autograde(api, assignment, learner)
        logs[learner] = execution.log
        return execution

    forced = autograde(
        ASSIGNMENT,
        cohort=cohort,
        learners=["an-nguyen", "binh-tran", "lan-bui"],
        force=True,
        execute=recording,
    )
    assert [r.status for r in forced.rows] == ["graded"] * 3
    after = {r.learner: r for r in grades(cohort=cohort)}
    assert after["an-nguyen"].score == 16  # the written answer's 3 points kept
    assert after["binh-tran"].score == 7  # the override kept
    assert after["an-nguyen"].status == after["binh-tran"].status == "graded"  # no re-review
    with cohort.gradebook() as gradebook:
        grade = gradebook.find_grade("cau-9", ASSIGNMENT, ASSIGNMENT, "an-nguyen")
        assert (grade.manual_score, grade.needs_manual_grade) == (3.0, False)

    # stock OverwriteCells warns about every hidden-test cell of an honest submission
    assert "has changed" not in logs["an-nguyen"]
    assert "has changed" not in logs["binh-tran"]
    changed = re.findall(r"Attribute '(\w+)' for cell ([\w-]+) has changed", logs["lan-bui"])
    assert changed == [("checksum", "kiem-tra-cau-2")]


def _check_stock_pitfalls(cohort: Cohort, monkeypatch) -> None:
    # stock release_feedback stops at the first submission without timestamp.txt
    with warnings.catch_warnings():  # nbgrader's own typo, `authentictor=`
        warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
        outcome = cohort.api().release_feedback(ASSIGNMENT)
    assert not outcome["success"]
    assert "timestamp.txt" in outcome["error"]

    # stock feedback steps show hidden tests: the scan withholds the page
    from nbgrader.converters import GenerateFeedback

    stock = GenerateFeedback.preprocessors.make_dynamic_default()
    monkeypatch.setattr("grading._steps.feedback_steps", lambda: stock)
    withheld = feedback(ASSIGNMENT, cohort=cohort, learners=["chi-le"], release=False)
    (row,) = withheld.rows
    assert row.leak
    assert row.status == "failed"
    assert row.reason.startswith("withheld:")
    assert not list(cohort.folder("feedback", "chi-le", ASSIGNMENT).glob("*.html"))
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    code = main([*args, "feedback", ASSIGNMENT, "--learner", "chi-le", "--no-release"])
    assert code == FeedbackLeakError.exit_code == 13
    monkeypatch.undo()


def _check_cli(cohort: Cohort, result, tmp_path, capsys) -> None:
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    assert main([*args, "autograde", ASSIGNMENT]) == GradingError.exit_code == 12
    captured = capsys.readouterr()
    assert "hieu-vu" in captured.out
    assert "could not be graded" in captured.err
    assert main([*args, "feedback", ASSIGNMENT]) == 0
    out = capsys.readouterr().out
    assert "feedback returned to 10 learner(s)" in out
    assert main([*args, "grades", "--out", str(tmp_path / "diem.csv")]) == 0
    assert "Nguyễn Văn An" in capsys.readouterr().out
    assert main([*args, "status"]) == 0
    assert "00-lam-quen" in capsys.readouterr().out
    assert main([*args, "release", "99-khong-co"]) == CourseError.exit_code
    assert main([*args, "collect", "99-khong-co"]) == 11
    assert main(["demo", str(result.directory)]) == DemoError.exit_code == 14
    assert "is not empty" in capsys.readouterr().err


@pytest.mark.slow
def test_demo_cohort_end_to_end(tmp_path, monkeypatch, capsys):
    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
        monkeypatch.delenv(name, raising=False)
    result = demo(tmp_path / "demo")
    assert {r.learner: (r.score, r.status) for r in result.rows} == DESIGNED
    assert result.ok
    assert result.seconds < 120
    assert not (REPO / "courses" / "kinh-doanh-so" / ".hocso").exists()
    cohort = open_cohort(result.directory / "kinh-doanh-so", exchange=result.directory / "exchange")
    _check_autograde_rows(result)
    _check_feedback(cohort, result)
    _check_exports(cohort, result)
    _check_regrade(cohort)
    _check_stock_pitfalls(cohort, monkeypatch)
    _check_cli(cohort, result, tmp_path, capsys)
