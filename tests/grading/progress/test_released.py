"""Only the assignments released to a class count: grades, report, Excel, certificates."""

from __future__ import annotations

import pytest

from grading.classroom.releases import record_release, released_assignments
from grading.progress.certificates import CompletionRule, eligible
from grading.progress.gradebook import build_progress
from grading.verbs.grades import NOT_RELEASED, grade_scope, grades

from .conftest import NOW

UNRELEASED = "02-marketing"


def _add_unreleased(cohort, points: float = 5.0) -> None:
    """An assignment of the course in the gradebook, never given to the class."""
    from nbgrader.api import Gradebook

    with Gradebook(cohort.db_url, cohort.course_id) as gb:
        gb.add_assignment(UNRELEASED, duedate=NOW.replace(tzinfo=None))
        gb.add_notebook(UNRELEASED, UNRELEASED)
        gb.add_grade_cell(
            "kiem-tra-cau-1", UNRELEASED, UNRELEASED, max_score=points, cell_type="code"
        )
        gb.update_or_create_solution_cell("cau-1", UNRELEASED, UNRELEASED)


def _figures(progress):
    learners = progress.learners.set_index("learner")
    return learners[["completion", "share", "submitted", "assignments"]].to_dict("index")


def test_an_unreleased_assignment_changes_no_figure(synthetic):
    before = build_progress(synthetic, now=NOW)
    _add_unreleased(synthetic)
    after = build_progress(synthetic, now=NOW)
    assert _figures(after) == _figures(before)  # invariance: never given, never counted
    assert after.unreleased == (UNRELEASED,)
    assert after.released == ("00-lam-quen", "01-anh-san-pham")
    assert UNRELEASED not in set(after.questions["assignment"])
    assert "marketing" not in set(after.skills["skill"])  # no 0 % skill bar for it
    row = after.assignments.set_index("assignment").loc[UNRELEASED]
    assert not row["released"]
    assert (after.learners["unreleased"] == 1).all()


def test_releasing_it_makes_it_count(synthetic):
    _add_unreleased(synthetic)
    before = build_progress(synthetic, now=NOW)
    record_release(synthetic.state_dir, UNRELEASED)
    assert UNRELEASED in released_assignments(synthetic)
    after = build_progress(synthetic, now=NOW)
    assert after.unreleased == ()
    old, new = _figures(before), _figures(after)
    for learner in old:  # nobody submitted it: every share and completion can only drop
        assert (
            new[learner]["share"] <= old[learner]["share"]
            or old[learner]["share"] != old[learner]["share"]
        )
        assert (
            new[learner]["completion"] < old[learner]["completion"]
            or old[learner]["completion"] == 0
        )
        assert new[learner]["assignments"] == old[learner]["assignments"] + 1


def test_an_outbound_folder_counts_as_released(synthetic):
    _add_unreleased(synthetic)
    (synthetic.exchange_root / synthetic.course_id / "outbound" / UNRELEASED).mkdir(parents=True)
    assert build_progress(synthetic, now=NOW).unreleased == ()


def test_grades_rows_only_for_released_work(synthetic):
    _add_unreleased(synthetic)
    assert grade_scope(cohort=synthetic) == (("00-lam-quen", "01-anh-san-pham"), (UNRELEASED,))
    rows = grades(cohort=synthetic)
    assert UNRELEASED not in {r.assignment for r in rows}
    shown = [
        r for r in grades(cohort=synthetic, include_unreleased=True) if r.assignment == UNRELEASED
    ]
    assert shown
    assert all(r.status == NOT_RELEASED and r.max_score == 0 for r in shown)


def test_certificate_rule_is_on_released_work(synthetic):
    _add_unreleased(synthetic)
    progress = build_progress(synthetic, now=NOW)
    status = eligible(progress, CompletionRule())
    assert status["an"] == ""  # every released point: eligible, whatever was never given
    record_release(synthetic.state_dir, UNRELEASED)
    status = eligible(build_progress(synthetic, now=NOW), CompletionRule())
    assert "mới nộp 2/3 bài đã phát" in status["an"]


def test_the_report_says_what_is_counted(synthetic, tmp_path):
    from openpyxl import load_workbook

    from grading.progress.report import render_html, write_tables

    _add_unreleased(synthetic)
    progress = build_progress(synthetic, now=NOW)
    page = render_html(progress)
    assert "Chỉ tính các bài đã phát cho lớp: <b>00-lam-quen, 01-anh-san-pham</b>" in page
    assert f"Chưa phát (không tính): {UNRELEASED}" in page
    book, _ = write_tables(progress, tmp_path / "out")
    sheet = load_workbook(book)["Bài"]
    header = [c.value for c in sheet[1]]
    rows = {
        r[0]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert rows[UNRELEASED]["đã phát"] == "chưa phát"
    assert rows["00-lam-quen"]["đã phát"] == "đã phát"


@pytest.mark.parametrize("order", [("remove", "enrol", "remove"), ("rename", "remove", "enrol")])
def test_roster_operations_leave_everything_consistent(synthetic, tmp_path, order):
    from grading.classroom.roster import import_roster, read_roster, remove_learner, rename_learner

    learner = "an"
    for step in order:
        if step == "remove":
            folder = synthetic.folder("submitted", learner, "00-lam-quen")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "bai.ipynb").write_text("{}", encoding="utf-8")
            remove_learner(learner, cohort=synthetic, with_submissions=True)
            assert learner not in {x.id for x in read_roster(cohort=synthetic)}
            assert not (synthetic.root / "submitted" / learner).exists()
        elif step == "enrol":
            path = tmp_path / "again.csv"
            path.write_text(f"id,họ và tên,nhóm\n{learner},Nguyễn Văn An,Lớp A\n", encoding="utf-8")
            import_roster(path, cohort=synthetic)
        else:
            rename_learner(learner, "an-nguyen", cohort=synthetic)
            learner = "an-nguyen"
    removed = sorted(p.name for p in (synthetic.state_dir / "removed").iterdir())
    assert removed
    assert all(name.startswith(("an", "an-nguyen")) for name in removed)
    ids = {x.id for x in read_roster(cohort=synthetic)}
    with synthetic.gradebook() as gb:
        assert ids == {s.id for s in gb.students}  # roster file and gradebook agree
    build_progress(synthetic, now=NOW)  # and the report still reads them


def test_a_failed_move_changes_nothing(synthetic, monkeypatch):
    from pathlib import Path

    from grading.classroom.roster import remove_learner
    from grading.core.errors import RosterError

    for step in ("submitted", "autograded"):
        folder = synthetic.folder(step, "binh", "00-lam-quen")
        folder.mkdir(parents=True, exist_ok=True)
    real = Path.rename
    calls = []

    def flaky(self, target):
        calls.append(self)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", flaky)
    with pytest.raises(RosterError, match="chưa thay đổi gì"):
        remove_learner("binh", cohort=synthetic, with_submissions=True)
    monkeypatch.setattr(Path, "rename", real)
    assert (synthetic.root / "submitted" / "binh" / "00-lam-quen").is_dir()
    assert (synthetic.root / "autograded" / "binh" / "00-lam-quen").is_dir()
    with synthetic.gradebook() as gb:
        assert "binh" in {s.id for s in gb.students}


def test_an_empty_class_gets_an_empty_report(synthetic, tmp_path):
    from grading.classroom.roster import remove_learner
    from grading.cli import main

    for learner in ("an", "binh", "chi", "dung", "em"):
        remove_learner(learner, cohort=synthetic, with_submissions=True)
    args = ["--course", str(synthetic.root), "--exchange", str(synthetic.exchange_root)]
    assert main(["report", "--out", str(tmp_path / "r"), *args]) == 0
    assert main(["certificates", "--out", str(tmp_path / "c"), *args]) == 0
    page = (tmp_path / "r" / "bao-cao.html").read_text(encoding="utf-8")
    assert "Chưa có học viên." in page
