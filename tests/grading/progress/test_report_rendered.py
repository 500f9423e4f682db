"""The report as a trainer sees it: the workbook rendered by LibreOffice, the page by Chromium.

LibreOffice's PDF export holds only the visible part of a cell's text, so a
value cut by a too-narrow column is missing from the PDF's words: the check
below fails on cut text (proved on a workbook made to cut it) and on English
values left in the workbook.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from grading.progress.report import report

from .conftest import NOW, open_page

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
#: English codes of the analytics that must never reach a trainer's workbook.
ENGLISH = ("mastery", "struggling", "submissions", "not submitted", "True", "False", "nan")


def _need_tools() -> None:
    if SOFFICE and PDFTOTEXT:
        return
    message = "LibreOffice (libreoffice-calc) and pdftotext (poppler-utils) are needed"
    if os.environ.get("CI"):
        pytest.fail(message + ": .ci/run installs them")
    pytest.skip(message)


def rendered_words(workbook: Path, folder: Path) -> list[str]:
    """The words LibreOffice shows when it prints ``workbook`` (every sheet) to PDF."""
    profile = folder / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / (workbook.stem + ".pdf")
    text = subprocess.run(
        [PDFTOTEXT, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split()


def cut_values(workbook: Path, words: list[str]) -> list[str]:
    """Header and cell texts of ``workbook`` some word of which is not in ``words``."""
    from openpyxl import load_workbook

    shown = set(words)
    cut = []
    for sheet in load_workbook(workbook).worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str) and any(w not in shown for w in value.split()):
                    cut.append(value)
    return cut


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A class that ran 00 and 01 only: 02, 03 and 04 are in the gradebook, never released."""
    import datetime as dt

    from nbgrader.api import Gradebook

    from grading.progress.analytics import Thresholds

    from .conftest import build_cohort

    with pytest.MonkeyPatch.context() as patch:
        for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
            patch.delenv(name, raising=False)
        cohort = build_cohort(tmp_path_factory.mktemp("class"))
        with Gradebook(cohort.db_url, cohort.course_id) as gb:
            for name in ("02-marketing", "03-cham-soc-khach-hang", "04-livestream"):
                gb.add_assignment(name, duedate=dt.datetime(2026, 3, 20, 16, 59))
                gb.add_notebook(name, name)
                gb.add_grade_cell("kiem-tra-cau-1", name, name, max_score=4, cell_type="code")
                gb.update_or_create_solution_cell("cau-1", name, name)
        out = tmp_path_factory.mktemp("report")
        return report(out, cohort=cohort, thresholds=Thresholds(min_responses=3), now=NOW)


@pytest.mark.slow
def test_the_check_finds_cut_text(tmp_path):
    _need_tools()
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nguyễn Thị Minh Khai", "Lào Cai"])
    sheet.column_dimensions["A"].width = 8  # too narrow, and a neighbour stops the overflow
    book.save(tmp_path / "hep.xlsx")
    words = rendered_words(tmp_path / "hep.xlsx", tmp_path)
    assert cut_values(tmp_path / "hep.xlsx", words) == ["Nguyễn Thị Minh Khai"]


@pytest.mark.slow
def test_workbook_shows_every_text_whole_and_in_vietnamese(written, tmp_path):
    _need_tools()
    words = rendered_words(written.workbook, tmp_path)
    assert cut_values(written.workbook, words) == []
    text = " ".join(words)
    for english in ENGLISH:
        assert not re.search(rf"\b{english}\b", text), english
    assert "(giờ Việt Nam, UTC+7)" in text  # local times, the zone in the header


def test_workbook_has_filters_frozen_headers_and_fitted_widths(written):
    from openpyxl import load_workbook

    book = load_workbook(written.workbook)
    for sheet in book.worksheets:
        if sheet.max_row < 2:
            continue
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref, sheet.title
    sheet = book["Học viên"]
    header = [c.value for c in sheet[1]]
    names = [c.value for c in sheet["B"][1:]]
    width = sheet.column_dimensions["B"].width
    assert header[1] == "họ và tên"
    assert width >= max(len(n) for n in names)  # never cut
    assert width <= 60


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
def test_page_fits_phone_and_desktop_with_chart_text_below_headings(written, browser, width):
    page, errors = open_page(browser, written.html, width=width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    heading = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h2')).fontSize)")
    tallest = page.evaluate(
        """() => Math.max(...Array.from(document.querySelectorAll('svg.chart')).map(svg => {
               const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
               return Math.max(...Array.from(svg.querySelectorAll('text')).map(
                   t => parseFloat(getComputedStyle(t).fontSize) * scale));
           }))"""
    )  # the rendered font size of the largest chart text, in CSS pixels
    assert 0 < tallest <= heading * 1.05  # chart text never dwarfs the section headings
    captions = page.locator("figcaption").all_inner_texts()
    assert len(captions) == 5
    assert all(c.strip() for c in captions)
    scope = page.inner_text("#pham-vi")
    assert "Chỉ tính các bài đã phát cho lớp: 00-lam-quen, 01-anh-san-pham" in scope
    assert "Chưa phát (không tính): 02-marketing, 03-cham-soc-khach-hang, 04-livestream" in scope
    assert errors == []
    page.close()


def test_one_order_for_assignments_and_skills(written):
    page = written.html.read_text(encoding="utf-8")
    completion = page[page.index('id="nop-bai"') : page.index('id="ky-nang"')]
    skills = page[page.index('id="ky-nang"') : page.index('id="nhom"')]
    assert completion.index("khởi động") < completion.index("ảnh sản phẩm")
    assert skills.index("khởi động") < skills.index("ảnh sản phẩm")
