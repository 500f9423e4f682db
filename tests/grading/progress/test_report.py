"""hocso report: files, Vietnamese labels, hostile names kept inert, charts in Chromium."""

from __future__ import annotations

import csv

import pytest

from grading.progress.report import TABLES, render_html, report, write_tables

from .conftest import NOW, open_page

HOSTILE = '<img src=x onerror="alert(1)">'
FORMULA = '=HYPERLINK("http://evil.example","bấm")'


@pytest.fixture(scope="module")
def written(shared_cohort, tmp_path_factory):
    return report(tmp_path_factory.mktemp("report"), cohort=shared_cohort, now=NOW)


def test_files_are_written(written):
    assert written.html.name == "bao-cao.html"
    assert written.workbook.is_file()
    assert [p.stem for p in written.csvs] == [name for _, name, _ in TABLES]
    assert (written.learners, written.at_risk) == (5, 4)


def test_csv_has_vietnamese_headers_and_a_bom(written):
    data = (written.html.parent / "hoc-vien.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["mã học viên", "họ và tên", "nhóm"]
    assert ["an", "Nguyễn Văn An"] == rows[1][:2]


def test_workbook_sheets(written):
    from openpyxl import load_workbook

    book = load_workbook(written.workbook)
    assert book.sheetnames == [title for _, _, title in TABLES]
    sheet = book["Học viên"]
    assert sheet["B2"].value == "Nguyễn Văn An"
    assert sheet.freeze_panes == "A2"


def test_page_starts_with_headline_numbers_and_who_needs_help(written):
    page = written.html.read_text(encoding="utf-8")
    assert '<html lang="vi">' in page
    assert "Báo cáo tiến độ học viên — Kinh doanh số" in page
    assert page.index("Cần hỗ trợ") < page.index("Học viên cần hỗ trợ") < page.index("<svg")
    assert page.count('<svg role="img"') == 5
    assert "1 bài có phần viết chưa chấm (tạm tính 0 điểm)" in page
    assert "<script" not in page
    for fetch in ('src="http', "src='http", 'href="http', "url(http", "@import"):
        assert fetch not in page  # nothing is fetched


def test_hostile_names_are_escaped_and_never_formulas(synthetic, tmp_path):
    from nbgrader.api import Gradebook

    with Gradebook(synthetic.db_url, synthetic.course_id) as gb:
        gb.update_or_create_student("an", last_name=HOSTILE, first_name="")
        gb.update_or_create_student("binh", last_name=FORMULA, first_name="")
    from grading.progress.gradebook import build_progress

    progress = build_progress(synthetic, now=NOW)
    page = render_html(progress)
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page  # Jinja2's autoescape
    book, _csvs = write_tables(progress, tmp_path / "out")
    text = (tmp_path / "out" / "hoc-vien.csv").read_text(encoding="utf-8-sig")
    assert "'" + FORMULA.replace('"', '""') in text
    from openpyxl import load_workbook

    sheet = load_workbook(book)["Học viên"]
    values = [sheet.cell(row=r, column=2) for r in range(2, 7)]
    assert all(cell.data_type != "f" for cell in values)
    assert "'" + FORMULA in [cell.value for cell in values]


def test_empty_gradebook_still_reports(tmp_path, monkeypatch):
    from grading.classroom.cohort import open_cohort

    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
        monkeypatch.delenv(name, raising=False)
    course = tmp_path / "kinh-doanh-so"
    (course / "source").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()  # noqa\n", encoding="utf-8")
    result = report(tmp_path / "out", cohort=open_cohort(course, exchange=tmp_path / "x"))
    assert result.learners == 0
    assert "Không có học viên nào cần hỗ trợ thêm." in result.html.read_text(encoding="utf-8")


def test_cli_report(shared_cohort, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    from grading.cli import main

    code = main(
        [
            "--course", str(shared_cohort.root),
            "--exchange", str(shared_cohort.exchange_root),
            "report", "--out", str(tmp_path / "r"),
        ]
    )  # fmt: skip
    assert code == 0
    assert (tmp_path / "r" / "bao-cao.html").is_file()
    assert "5 learner(s)" in capsys.readouterr().out


@pytest.mark.slow
def test_report_in_chromium_has_charts_and_no_errors(written, browser):
    page, errors = open_page(browser, written.html)
    assert page.locator("svg.chart").count() == 5
    for chart in page.locator("svg.chart").all():
        box = chart.bounding_box()
        assert box["width"] > 300
        assert box["height"] > 100
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert "Học viên cần hỗ trợ" in page.inner_text("body")
    assert errors == []
    page.close()


def test_large_tables_go_to_csv_only(progress, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    import grading.progress.report

    monkeypatch.setattr(grading.progress.report, "MAX_SHEET_CELLS", 100)
    book, _ = write_tables(progress, tmp_path)
    sheet = load_workbook(book)["Chi tiết"]
    assert sheet["A1"].value == "25 dòng: xem tệp chi-tiet.csv"
    assert load_workbook(book)["Học viên"].max_row == 6
