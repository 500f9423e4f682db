"""A calm learner notebook, in a real browser (issue 22).

One learner of a class opens ``00-lam-quen`` (released with a due date) and:

1. sees the due date first, in Vietnamese time, day first; every check cell is
   one to three lines;
2. writes the very mistake question 1 teaches (text times a number minus a
   number), adds a cell asking for a hint, then runs everything (Run menu → Run
   All): the mistake is one short Vietnamese block naming the line, the check
   below says the previous cell did not run, and the notebook runs to its end;
3. restarts the kernel and runs all again (the dialog the welcome page names, in
   Vietnamese): the hint cell shows the same hint, no new request is logged;
4. validates ("Kiểm tra bài"): each failing question's message, never a test
   cell's code;
5. submits: the panel shows the time in Vietnamese time, to the minute; after
   grading, "(xem nhận xét)" opens the feedback page in one click;
6. the feedback folder on disk is named in Vietnamese time, day first.

Before 1, the Assignments panel shows the due date and days left, and opening a
released notebook then closing it writes nothing and asks nothing.

Screenshots: ``test-artifacts/e2e/<test>/``.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from grading.jupyter.launch import lab_command, learner_workspace, prepare_workspace
from grading.verbs.autograde import autograde
from grading.verbs.collect import collect
from grading.verbs.feedback import feedback

from .conftest import jupyter_server
from .test_class_cycle import (
    ASSIGNMENT,
    NOTEBOOK,
    ROSTER,
    _cell,
    _hocso,
    _kernel_ready,
    _open_assignments_panel,
    _open_lab,
    _wait_for,
    cohort,  # noqa: F401 - the fixture
)

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

#: English a learner must not meet on the surfaces this test walks (JupyterLab's and
#: nbgrader's own words; the learner's code and outputs are not searched).
ENGLISH = (
    "Run Selected Cell",
    "Run All Cells",
    "Render All Markdown Cells",
    "Restart Kernel",
    "Do you want to restart the kernel",
    "Do not ask me again",
    "Validate",
    "The following cell failed",
    "Traceback",
    "Ellipsis",
    " UTC",
    "view feedback",
)


def _grade_ids(path) -> list[str]:
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return [c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "") for c in cells]


def _learner_edits(path) -> tuple[int, int, int]:
    """Question 1 with its typical mistake and a hint cell under its check, as a learner types.

    Returns the indices of the answer, its check and the hint cell.
    """
    nb = json.loads(path.read_text("utf-8"))
    ids = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "") for c in nb["cells"]]
    answer, check = ids.index("cau-1"), ids.index("kiem-tra-cau-1")
    source = "".join(nb["cells"][answer]["source"])
    nb["cells"][answer]["source"] = source.replace(
        "tien_khach_tra = ...", "tien_khach_tra = gia_niem_yet * 3 - 20000"
    )
    hint = {"cell_type": "code", "id": "o-goi-y-cua-lan", "metadata": {}, "outputs": [],
            "execution_count": None, "source": 'goi_y("cau-1")'}  # fmt: skip
    nb["cells"].insert(check + 1, hint)
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return answer, check, check + 1


def _english_on(page) -> list[str]:
    """English strings from :data:`ENGLISH` in the page's interface text (not in cells)."""
    text = page.evaluate(
        """() => {
          const skip = '.jp-Cell .jp-InputArea, .jp-OutputArea-output .jp-RenderedText pre';
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const parts = [];
          let node;
          while ((node = walker.nextNode())) {
            const el = node.parentElement;
            if (!el || el.closest(skip) || !el.offsetParent) continue;
            parts.push(node.nodeValue);
          }
          return parts.join('\\n');
        }"""
    )
    return [word for word in ENGLISH if word in text]


def _run_all(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Chạy").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Chạy tất cả các ô$")).click()


def _last_cell_ran(page, last_code: int) -> None:
    last = _cell(page, last_code).locator(".jp-InputPrompt")
    _wait_for(lambda: re.search(r"\[\d+\]", last.text_content() or "") is not None, "Run All", 180)


def test_a_calm_notebook_in_the_browser(cohort, tmp_path, browser_for, shoot):  # noqa: F811
    roster = tmp_path / "lop.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    _hocso(cohort, "roster", "import", str(roster))
    _hocso(cohort, "release", ASSIGNMENT, "--due", "31/12/2099 23:59")
    ws = learner_workspace("hv01", tmp_path / "workspace")
    _hocso(cohort, "roster", "token", "hv01", "--workspace", str(ws))  # the trainer's action
    prepare_workspace(cohort=cohort, workspace=ws, learner="hv01")
    command, env = lab_command(ws, open_browser=False)
    context = browser_for("hv01")
    page = context.new_page()
    with jupyter_server(command, env, tmp_path / "rt") as base:
        _open_lab(page, base)
        _open_assignments_panel(page)
        # 0. The panel says the due date, in Vietnamese time, and how many days are left.
        due = page.locator("#released_assignments_list .hocso-due")
        due.wait_for()
        shown = due.inner_text()
        assert re.fullmatch(r"Hạn nộp: 31/12/2099 23:59 \(còn [\d.]+ ngày\)", shown), shown
        shoot(page, "bang-bai-tap-han-nop")
        page.locator("#released_assignments_list").get_by_role("button", name="Nhận bài").click()
        page.locator("#fetched_assignments_list").get_by_role("button", name="Nộp bài").wait_for()
        fetched_due = page.locator("#fetched_assignments_list .hocso-due")
        fetched_due.wait_for()
        assert fetched_due.inner_text() == shown
        notebook = ws / NOTEBOOK
        untouched = notebook.read_bytes()

        # 0b. Opening a released notebook and closing it changes nothing: no save prompt.
        _open_lab(page, base, NOTEBOOK)
        _kernel_ready(page)
        page.wait_for_timeout(3000)  # a late metadata or trust write would show by now
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
        assert "jp-mod-dirty" not in (tab.get_attribute("class") or "")
        tab.locator(".lm-TabBar-tabCloseIcon").click()
        page.wait_for_timeout(1500)
        assert page.locator(".jp-Dialog").count() == 0  # "Save your work?" never asked
        assert page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").count() == 0
        assert notebook.read_bytes() == untouched  # nothing written by opening it
        answer, check, hint = _learner_edits(notebook)
        kinds = [c["cell_type"] for c in json.loads(notebook.read_text("utf-8"))["cells"]]
        count = max(i for i, kind in enumerate(kinds) if kind == "code")  # the last code cell

        # 1. The due date first; check cells of one to three lines.
        _open_lab(page, base, NOTEBOOK)
        _kernel_ready(page)
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
        assert "jp-mod-dirty" not in (tab.get_attribute("class") or "")  # opening changes nothing
        first = _cell(page, 0)
        assert "Hạn nộp bài: 31/12/2099 23:59 (giờ Việt Nam)" in first.inner_text()
        shoot(page, "han-nop-o-dau-bai")
        for index, grade_id in enumerate(_grade_ids(notebook)):
            if grade_id.startswith("kiem-tra-"):
                lines = _cell(page, index).locator(".cm-line").count()
                assert 1 <= lines <= 3, (grade_id, lines)
        _cell(page, check).scroll_into_view_if_needed()
        shoot(page, "o-kiem-tra-ngan")

        # 2. A mistake, then Run All: one Vietnamese block, and the notebook goes on.
        _run_all(page)
        _last_cell_ran(page, count)
        error = _cell(page, answer).locator(".jp-OutputArea-output").first
        text = error.text_content()
        assert "chữ (str)" in text
        assert "dòng 3 của ô" in text
        assert "site-packages" not in text
        assert "Câu trước chưa chạy được" in _cell(page, check).text_content()
        assert "Gợi ý 1/" in _cell(page, hint).text_content()
        error.scroll_into_view_if_needed()
        shoot(page, "loi-va-chay-tiep")
        blank = _cell(page, check + 4).locator(".hocso-not-attempted")  # question 2 is blank
        blank.first.wait_for()
        blank.first.scroll_into_view_if_needed()
        shoot(page, "chua-lam-mau-vang")

        # 3. Restart and run all: the dialog in Vietnamese; the hint is not asked again.
        page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").click()
        page.locator(".lm-Menu-itemLabel").get_by_text(
            "Khởi động lại kernel và Chạy tất cả các ô…", exact=True
        ).click()
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for()
        shoot(page, "hop-thoai-khoi-dong-lai")
        assert not _english_on(page), _english_on(page)
        before = _cell(page, count).locator(".jp-InputPrompt").text_content()
        dialog.locator("button.jp-mod-accept").click()
        _wait_for(
            lambda: _cell(page, count).locator(".jp-InputPrompt").text_content() != before,
            "the restart",
            60,
        )
        _last_cell_ran(page, count)
        _wait_for(lambda: "Gợi ý 1/" in _cell(page, hint).text_content(), "the hint cell", 60)
        assert "Gợi ý 2/" not in _cell(page, hint).text_content()
        log = (ws / ASSIGNMENT / ".hocso-attempts.jsonl").read_text("utf-8").splitlines()
        assert sum(json.loads(line)["event"] == "hint" for line in log) == 1
        page.locator(".lm-MenuBar-itemLabel", has_text="Chạy").first.click()
        shoot(page, "menu-chay")
        assert not _english_on(page), _english_on(page)
        page.keyboard.press("Escape")

        # 4. Validate (it saves first): the questions and their messages, never a test cell's code.
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar").get_by_text(
            "Kiểm tra bài"
        ).first.click()
        result = page.locator("#validation-message")
        result.wait_for(timeout=240_000)
        shown = result.inner_text()
        shoot(page, "kiem-tra-bai")
        assert "Câu 1 chưa đúng:" in shown
        assert "Câu trước chưa chạy được" in shown
        assert "expect." not in shown
        assert "Traceback" not in shown
        assert not _english_on(page), _english_on(page)
        page.locator(".jp-Dialog button.jp-mod-accept").click()
        log = (ws / ASSIGNMENT / ".hocso-attempts.jsonl").read_text("utf-8").splitlines()
        assert sum(json.loads(line)["event"] == "hint" for line in log) == 1  # not replayed

        # 5. Submit; local time in the panel; feedback in one click.
        _open_assignments_panel(page)
        page.locator("#fetched_assignments_list").get_by_role("button", name="Nộp bài").click()
        submitted = page.locator("#submitted_assignments_list .list_item")
        submitted.first.wait_for()
        stamp = re.compile(r"\d\d/\d\d/\d{4} \d\d:\d\d \(giờ Việt Nam\)")
        _wait_for(lambda: stamp.search(submitted.first.inner_text()), "the local time", 30)
        assert "UTC" not in page.locator("#submitted_assignments_list").inner_text()
        collect(ASSIGNMENT, cohort=cohort)
        autograde(ASSIGNMENT, cohort=cohort)
        feedback(ASSIGNMENT, cohort=cohort)
        _open_lab(page, base)
        _open_assignments_panel(page)
        page.locator("#submitted_assignments_list").get_by_role(
            "button", name="Nhận nhận xét"
        ).click()
        link = page.locator("#submitted_assignments_list").get_by_text("xem nhận xét")
        link.wait_for()
        shoot(page, "nhan-xet-mot-lan-bam")
        assert not _english_on(page), _english_on(page)
        with context.expect_page() as opened:
            link.click()
        report = opened.value
        report.get_by_text("Kết quả").first.wait_for()
        assert "/feedback/" in report.url
        assert ".html" in report.url
        folder = urllib.parse.unquote(report.url).split("/feedback/")[1].split("/")[0]
        assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\dh\d\dm\d\ds", folder), folder  # local time
        shoot(report, "trang-nhan-xet")

        # 6. A learner browsing the assignment folder reads the feedback folder in local time.
        _open_lab(page, base, f"{ASSIGNMENT}/feedback")
        item = page.locator(".jp-DirListing-itemText", has_text=folder)
        item.wait_for()
        shoot(page, "thu-muc-nhan-xet")
        listing = page.locator(".jp-DirListing-content").inner_text()
        assert "UTC" not in listing
