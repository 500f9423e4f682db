"""``hocso roster import``: every bad line reported by number, nothing half-imported."""

from __future__ import annotations

import unicodedata

import pytest

from grading.classroom.roster import import_roster, parse_roster, read_roster
from grading.cli import main
from grading.core.errors import RosterError

GOOD = "id,full_name,email,group\nmai-nguyen,Nguyễn Thị Mai,mai@example.vn,Lào Cai\nhv02,Trần Văn Đức,,Sơn La\n"


def test_vietnamese_headers_bom_and_semicolons_as_excel_writes_them():
    text = "\ufeffMã học viên;Họ và tên;Email;Tỉnh\r\nmai-nguyen;Nguyễn Thị Mai;;Lào Cai\r\n"
    (learner,) = parse_roster(text)
    assert learner.id == "mai-nguyen"
    assert learner.full_name == "Nguyễn Thị Mai"
    assert learner.group == "Lào Cai"
    assert learner.email == ""


def test_names_are_nfc_with_single_spaces():
    decomposed = unicodedata.normalize("NFD", "Nguyễn   Thị  Mai ")
    (learner,) = parse_roster(f"id,full_name\nmai,{decomposed}\n")
    assert learner.full_name == "Nguyễn Thị Mai"
    assert unicodedata.is_normalized("NFC", learner.full_name)
    assert (learner.family_name, learner.given_names) == ("Nguyễn", "Thị Mai")


def test_every_bad_line_is_reported_with_its_number():
    text = (
        "id,full_name,email\n"
        "mai-nguyen,Nguyễn Thị Mai,\n"  # line 2: fine
        "Đức Trần,Trần Văn Đức,\n"  # line 3: id not ASCII / uppercase / space
        "hv03,,\n"  # line 4: no name
        "mai-nguyen,Nguyễn Thị Mai Anh,\n"  # line 5: duplicate of line 2
        "hv05,Lê Văn Tám,not-an-address\n"  # line 6: bad e-mail
        "\n"  # blank lines are skipped
        "hv+07,Phạm Thị Bảy,\n"  # line 8: '+' would break exchange file names
    )
    with pytest.raises(RosterError) as caught:
        parse_roster(text)
    lines = {line for line, _ in caught.value.problems}
    assert lines == {3, 4, 5, 6, 8}
    message = str(caught.value)
    assert "chưa nhập gì" in message  # the trainer's language by default
    assert "dòng 3: mã 'Đức Trần' không hợp lệ" in message
    assert "'duc-tran'" in message  # a suggestion
    assert "dòng 5: mã 'mai-nguyen' đã dùng ở dòng 2" in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "tệp trống"),
        ("full_name,email\nNguyễn Thị Mai,\n", "thiếu cột 'id'"),
        ("id,full_name,tuổi\nmai,Mai,17\n", "cột lạ 'tuổi'"),
        ("id,full_name\n", "không có học viên nào"),
        ("id,full_name\nmai,Mai,extra\n", "3 giá trị cho 2 cột"),
    ],
)
def test_malformed_files(text, fragment):
    with pytest.raises(RosterError, match=fragment):
        parse_roster(text)


def test_import_writes_all_or_nothing(cohort, tmp_path):
    good = tmp_path / "lop.csv"
    good.write_text(GOOD, encoding="utf-8")
    result = import_roster(good, cohort=cohort)
    assert result.added == ("mai-nguyen", "hv02")
    learners = {x.id: x for x in read_roster(cohort=cohort)}
    assert learners["hv02"].full_name == "Trần Văn Đức"
    assert learners["hv02"].group == "Sơn La"
    assert learners["mai-nguyen"].email == "mai@example.vn"

    bad = tmp_path / "lop-sai.csv"
    bad.write_text(GOOD + "hv03,Lê Thị Ba,\nHV 04,Ngô Văn Bốn,\n", encoding="utf-8")
    with pytest.raises(RosterError, match="dòng 5"):
        import_roster(bad, cohort=cohort)
    assert {x.id for x in read_roster(cohort=cohort)} == {"mai-nguyen", "hv02"}  # hv03 not added

    again = tmp_path / "lop-2.csv"
    again.write_text(GOOD.replace("Sơn La", "Điện Biên") + "hv03,Lê Thị Ba,\n", encoding="utf-8")
    result = import_roster(again, cohort=cohort)
    assert (result.added, result.updated, result.unchanged) == (
        ("hv03",),
        ("hv02",),
        ("mai-nguyen",),
    )
    assert {x.id: x.group for x in read_roster(cohort=cohort)}["hv02"] == "Điện Biên"


def test_not_utf8_is_refused_with_the_fix(cohort, tmp_path):
    path = tmp_path / "lop.csv"
    path.write_bytes("id,full_name\nmai,Nguyễn Thị Mai\n".encode("utf-16"))
    with pytest.raises(RosterError, match="CSV UTF-8"):
        import_roster(path, cohort=cohort)


def test_cli_exit_code_and_message(cohort, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    path = tmp_path / "lop.csv"
    path.write_text("id,full_name\nmai,Nguyễn Thị Mai\nmai,Nguyễn Thị Mai\n", encoding="utf-8")
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    assert main([*args, "roster", "import", str(path)]) == RosterError.exit_code == 10
    err = capsys.readouterr().err
    assert "line 3: id 'mai' already used on line 2" in err
    path.write_text(GOOD, encoding="utf-8")
    assert main([*args, "roster", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 added" in out
    assert "Nguyễn Thị Mai" in out
    assert main([*args, "roster", "show"]) == 0
    assert "Trần Văn Đức" in capsys.readouterr().out


def test_reimport_without_columns_keeps_their_values_and_reports_changes(
    cohort, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    first = tmp_path / "lop.csv"
    first.write_text(GOOD, encoding="utf-8")
    import_roster(first, cohort=cohort)
    names_only = tmp_path / "ten.csv"
    names_only.write_text("id,full_name\nhv02,Trần Văn Đức\nmai-nguyen,Nguyễn Thị Mai\n", "utf-8")
    result = import_roster(names_only, cohort=cohort)
    assert result.kept_columns == ("email", "group")
    assert result.updated == ()
    assert result.changes == ()
    learners = {x.id: x for x in read_roster(cohort=cohort)}
    assert learners["hv02"].group == "Sơn La"  # not wiped
    assert learners["mai-nguyen"].email == "mai@example.vn"

    moved = tmp_path / "nhom.csv"
    moved.write_text("id,full_name,nhóm\nhv02,Trần Văn Đức,Điện Biên\n", "utf-8")
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    capsys.readouterr()
    assert main(["roster", "import", str(moved), *args]) == 0  # options after the verb
    out = capsys.readouterr().out
    assert "Sơn La" in out
    assert "Điện Biên" in out
    assert "kept as they were: email" in out
    assert {x.id: x.group for x in read_roster(cohort=cohort)}["hv02"] == "Điện Biên"


def _submit_and_grade(cohort, learner: str) -> None:
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment("00-lam-quen")
        gradebook.add_submission("00-lam-quen", learner)
    for step in ("submitted", "autograded"):
        folder = cohort.folder(step, learner, "00-lam-quen")
        folder.mkdir(parents=True)
        (folder / "00-lam-quen.ipynb").write_text("{}", encoding="utf-8")
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    (inbound / f"{learner}+00-lam-quen+2026-03-01 10:00:00.000000 UTC+x").mkdir(parents=True)


def test_rename_moves_grades_folders_and_waiting_submissions(cohort, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    path = tmp_path / "lop.csv"
    path.write_text(GOOD, encoding="utf-8")
    import_roster(path, cohort=cohort)
    _submit_and_grade(cohort, "hv02")
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    assert main(["roster", "rename", "hv02", "duc-tran", *args]) == 0
    assert "1 graded submission(s)" in capsys.readouterr().out
    with cohort.gradebook() as gradebook:
        assert gradebook.find_submission("00-lam-quen", "duc-tran").student.last_name == "Trần"
        assert "hv02" not in {s.id for s in gradebook.students}
    assert (cohort.folder("autograded", "duc-tran", "00-lam-quen") / "00-lam-quen.ipynb").is_file()
    assert not (cohort.root / "submitted" / "hv02").exists()
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    assert [p.name.split("+")[0] for p in inbound.iterdir()] == ["duc-tran"]
    assert {x.id: x.group for x in read_roster(cohort=cohort)}["duc-tran"] == "Sơn La"
    assert main(["roster", "rename", "duc-tran", "mai-nguyen", *args]) == RosterError.exit_code
    assert "already on the roster" in capsys.readouterr().err
    assert main(["roster", "rename", "nobody", "x1", *args]) == RosterError.exit_code


def test_remove_refuses_a_learner_with_submissions_unless_asked(cohort, tmp_path, capsys):
    path = tmp_path / "lop.csv"
    path.write_text(GOOD, encoding="utf-8")
    import_roster(path, cohort=cohort)
    _submit_and_grade(cohort, "hv02")
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    assert main(["roster", "remove", "hv02", *args]) == RosterError.exit_code
    assert "đã có bài nộp (00-lam-quen); chưa xoá gì" in capsys.readouterr().err
    assert main(["roster", "remove", "mai-nguyen", *args]) == 0  # nothing submitted
    assert main(["roster", "remove", "hv02", "--with-submissions", *args]) == 0
    assert {x.id for x in read_roster(cohort=cohort)} == set()
    kept = cohort.state_dir / "removed" / "hv02"
    assert (kept / "autograded" / "hv02" / "00-lam-quen" / "00-lam-quen.ipynb").is_file()
    assert not (cohort.root / "submitted" / "hv02").exists()
    with cohort.gradebook() as gradebook:
        assert [s.id for s in gradebook.students] == []
