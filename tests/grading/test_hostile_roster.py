"""Every trainer command with a roster of hostile names: none stops, none leaks control codes.

Names and groups carry an escape sequence and a bell, a right-to-left override,
TeX between dollars, spreadsheet formulas and DDE starts (``=``, ``|``, ``%``),
HTML, a 600-character name and stacked combining marks. Each command must
finish (exit 0) for the whole class, print nothing that drives the terminal,
and write files where the text is inert (HTML escaped, xlsx/CSV never formulas).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest

from grading.cli import main

from .executor._require import need_root

A = "00-lam-quen"
HOSTILE = {
    "hv-esc": ("Lò\x1b[2J\x1b]0;pwned\x07 Thị Mai", "Giá 5$_$, Sa Pa, Lào Cai"),
    "hv-rlo": ("An\u202egnàoH Văn", "Lớp 1, Bắc Hà, Lào Cai"),
    "hv-math": ("$\\frac{1}{0}$ Nguyễn $x^2", "$x$, Mù Cang Chải, Yên Bái"),
    "hv-cmd": ("=cmd|' /C calc'!A0", "|nhóm, %tỉnh"),
    "hv-pct": ("%0A Trần", "+1, -2, @3"),
    "hv-html": ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"),
    "hv-long": (("Nguyễn Thị " * 11).strip(), ("Lớp " * 30).strip()),  # roster max 128
    "hv-comb": ("Nguye\u0302\u0303n Thi\u0323 La\u0301\u0301\u0301\u0301n", "Sa Pa"),
}
#: What must never reach a terminal or a file unescaped.
_RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _roster_text() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "họ và tên", "nhóm"])
    for learner, (name, group) in HOSTILE.items():
        writer.writerow([learner, name, group])
    return buffer.getvalue()


def _hand_in(cohort, learner: str) -> None:
    """The learner's submission in the exchange, as JupyterLab's Assignments tab leaves it."""
    outbound = cohort.exchange_root / cohort.course_id / "outbound" / A
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    stamp = "2026-01-01 08:00:00.000000 UTC"
    folder = inbound / f"{learner}+{A}+{stamp}+x{abs(hash(learner)) % 1000}"
    shutil.copytree(outbound, folder)
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")


def _run(capsys, *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 0, f"hocso {' '.join(argv)} exited {code}:\n{text}"
    assert not _RAW.search(text), f"hocso {argv[0]} printed a control character:\n{text!r}"
    return text


@pytest.mark.slow
def test_every_trainer_command_finishes_with_a_hostile_roster(cohort, tmp_path, capsys):
    need_root()
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    roster = tmp_path / "lop.csv"
    roster.write_text(_roster_text(), encoding="utf-8")
    _run(capsys, "roster", "import", str(roster), *args)
    shown = _run(capsys, "roster", "show", *args)
    assert "Lò[2J]0;pwned Thị Mai" in shown  # the escape's text, never the escape
    _run(capsys, "release", A, "--due", "01/01/2030 23:59", *args)
    for learner in HOSTILE:
        _hand_in(cohort, learner)
    _run(capsys, "collect", A, *args)
    _run(capsys, "autograde", A, *args)
    _run(capsys, "feedback", A, *args)
    _run(capsys, "grades", "--out", str(tmp_path / "diem.csv"), *args)
    _run(capsys, "status", *args)
    _run(capsys, "report", "--out", str(tmp_path / "bao-cao"), *args)
    issued = _run(
        capsys, "certificates", "--out", str(tmp_path / "cn"), "--min-percent", "0", *args
    )
    codes = re.findall(r"HS-\d{8}-[a-z0-9_-]+-[A-Z2-7]{16}", issued)
    assert len(codes) == len(HOSTILE)  # every learner, none stopped the others
    for code in codes:
        _run(capsys, "verify", code, *args)

    page = (tmp_path / "bao-cao" / "bao-cao.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert not _RAW.search(page)
    assert "Giá 5$_$" in page  # a dollar stays a dollar (not TeX, not dropped)
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "bao-cao" / "bao-cao.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "|", "%")), cell.value
    for path in [tmp_path / "diem.csv", *(tmp_path / "bao-cao").glob("*.csv")]:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            for value in row:
                assert not value.startswith(("=", "+", "@", "|", "%")), (path.name, value)
                assert not _RAW.search(value), (path.name, value)
    assert len(list((tmp_path / "cn").glob("*.pdf"))) == len(HOSTILE)
    returned = json.dumps(sorted(p.name for p in cohort.root.glob("feedback/*/*/*.html")))
    assert returned.count(".html") == len(HOSTILE)
