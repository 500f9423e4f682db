"""``hocso grades``: a complete class list, statuses, and the Excel-ready CSV."""

from __future__ import annotations

import csv
from dataclasses import fields
from types import SimpleNamespace

import pytest

from grading.classroom.ledger import LedgerEntry, record
from grading.core.errors import CohortError
from grading.core.messages import word
from grading.verbs.grades import GradeRow, _status, grades, set_manual_grade, write_grades_csv
from grading.verbs.release import generate

ASSIGNMENT = "00-lam-quen"


@pytest.mark.parametrize(
    ("submission", "collected", "failed", "expected"),
    [
        (None, False, None, ("not submitted", "")),
        (None, True, None, ("not graded yet", "run hocso autograde")),
        (None, True, "hỏng", ("autograde failed", "hỏng")),
        (SimpleNamespace(needs_manual_grade=True), True, None,
         ("needs manual grading", "grade the written answers in Formgrader")),
        (SimpleNamespace(needs_manual_grade=False), True, None, ("graded", "")),
        (SimpleNamespace(needs_manual_grade=False), True, "hỏng", ("autograde failed", "hỏng")),
    ],
)  # fmt: skip
def test_status_of_a_submission(submission, collected, failed, expected, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")  # the notes are the trainer's language
    assert _status(submission, collected, failed) == expected
    monkeypatch.setenv("HOCSO_LANG", "vi")
    assert _status(submission, collected, failed)[0] == expected[0]  # statuses are keys


def test_csv_is_utf8_with_bom_and_one_column_per_field(tmp_path):
    row = GradeRow("an-nguyen", "Nguyễn Văn An", "Lào Cai", ASSIGNMENT, 12.5, 16.0, 9.5, 3.0,
                   True, 29700.0, "graded", "ghi chú, có dấu phẩy")  # fmt: skip
    path = write_grades_csv([row], tmp_path / "diem.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the names as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        (read,) = list(csv.DictReader(handle))
    assert list(read) == [f.name for f in fields(GradeRow)]
    assert read["full_name"] == "Nguyễn Văn An"
    assert (read["score"], read["max_score"], read["late"]) == ("12.5", "16", word("yes"))
    assert read["status"] == word("graded")  # the trainer's language (đã chấm by default)
    assert read["note"] == "ghi chú, có dấu phẩy"


@pytest.fixture
def released(cohort, tmp_path):
    from grading.classroom.roster import import_roster

    roster = tmp_path / "lop.csv"
    roster.write_text("id,full_name,group\nan-nguyen,Nguyễn Văn An,Lào Cai\n"
                      "binh-tran,Trần Thị Bình,Sơn La\nchi-le,Lê Minh Chi,\n", "utf-8")  # fmt: skip
    import_roster(roster, cohort=cohort)
    generate(cohort, ASSIGNMENT)
    return cohort


def test_every_enrolled_learner_has_a_row_even_without_a_submission(released):
    cohort = released
    cohort.folder("submitted", "binh-tran", ASSIGNMENT).mkdir(parents=True)
    cohort.folder("submitted", "khach", ASSIGNMENT).mkdir(parents=True)  # not on the roster
    record(cohort.state_dir, ASSIGNMENT, "chi-le", LedgerEntry("failed", None, "tệp hỏng"))
    rows = {r.learner: r for r in grades(cohort=cohort)}
    assert set(rows) == {"an-nguyen", "binh-tran", "chi-le", "khach"}
    assert (rows["an-nguyen"].status, rows["an-nguyen"].group) == ("not submitted", "Lào Cai")
    assert rows["binh-tran"].status == "not graded yet"
    assert (rows["chi-le"].status, rows["chi-le"].note) == ("autograde failed", "tệp hỏng")
    assert rows["khach"].full_name == ""
    import json

    from grading.core.cells import total_points

    source = cohort.course.root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    points = total_points(json.loads(source.read_text(encoding="utf-8"))["cells"])
    assert points > 0
    assert all(r.score == 0.0 and r.max_score == points for r in rows.values())
    assert grades(cohort=cohort, assignments=["99-khong-co"]) == ()


def test_a_manual_grade_needs_a_submission(released):
    with pytest.raises(CohortError, match="không có điểm cau-9 của an-nguyen"):
        set_manual_grade(ASSIGNMENT, "an-nguyen", "cau-9", 2, cohort=released)
