"""``hocso roster import``: every bad line reported by number, nothing half-imported."""

from __future__ import annotations

import unicodedata

import pytest

from grading.cli import main
from grading.errors import RosterError
from grading.roster import import_roster, parse_roster, read_roster

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
    assert "nothing imported" in message
    assert "line 3: id 'Đức Trần' is not valid" in message
    assert "'duc-tran'" in message  # a suggestion
    assert "line 5: id 'mai-nguyen' already used on line 2" in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the file is empty"),
        ("full_name,email\nNguyễn Thị Mai,\n", "missing column 'id'"),
        ("id,full_name,tuổi\nmai,Mai,17\n", "unknown column 'tuổi'"),
        ("id,full_name\n", "no learners"),
        ("id,full_name\nmai,Mai,extra\n", "3 values for 2 columns"),
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
    with pytest.raises(RosterError, match="line 5"):
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


def test_cli_exit_code_and_message(cohort, tmp_path, capsys):
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
