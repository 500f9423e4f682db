"""The Vietnamese feedback page, rendered by nbgrader's own GenerateFeedback."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from .conftest import open_page

REPO = Path(__file__).resolve().parents[3]
HIDDEN = 'expect.integer(doanh_thu, 1892090000, name="doanh_thu")'


def _cell(kind: str, source: str, grade_id: str, **meta):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    cell.metadata["nbgrader"] = {
        "grade": False,
        "solution": False,
        "locked": False,
        "task": False,
        "schema_version": 3,
        "grade_id": grade_id,
        **meta,
    }
    return cell


def notebook():
    due = nbformat.v4.new_markdown_cell("### ⏰ Hạn nộp bài: 31/12/2099 23:59 (giờ Việt Nam)")
    due.id = "hocso-han-nop"  # written by hocso release (first in a real notebook)
    cells = [
        _cell(
            "markdown",
            "## Câu 1 — Đếm đơn hàng (2 điểm)\n\nĐếm **số dòng**.",
            "cau-1-md",
            locked=True,
        ),
        _cell("code", "so_don_hang = ...\nso_don_hang = 8016\nso_don_hang", "cau-1", solution=True),
        _cell(
            "code",
            "expect.has_type(so_don_hang, 'number')",
            "kiem-tra-cau-1",
            grade=True,
            locked=True,
            points=2,
        ),
        _cell(
            "code",
            "expect.has_type(doanh_thu, 'number')\n### BEGIN HIDDEN TESTS\n"
            + HIDDEN
            + "\n### END HIDDEN TESTS",
            "kiem-tra-cau-2",
            grade=True,
            locked=True,
            points=2,
        ),
        nbformat.v4.new_markdown_cell("<script>alert('ghi chú')</script> ghi chú của mình"),
        _cell(
            "markdown",
            "Kế hoạch: <b>đăng</b> 3 bài/tuần.",
            "viet-cau-3",
            grade=True,
            solution=True,
            points=1,
        ),
    ]
    cells[1].outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={"text/plain": "8016", "text/html": "<script>alert(2)</script>"},
            execution_count=1,
        ),
    ]
    cells[2].outputs = [
        nbformat.v4.new_output(
            "stream",
            name="stdout",
            text="✅ Kiểm tra sơ bộ đạt\n✅ Chính xác! `so_don_hang` = 8.016\n",
        )
    ]
    cells[3].outputs = [
        nbformat.v4.new_output(
            "error",
            ename="CheckFailed",
            evalue="❌ Chưa đúng: `doanh_thu` không khớp đáp án.\n💡 Lỗi hay gặp: Bạn đã cộng cả đơn bị hủy.",
            traceback=["Traceback", "----> 3 " + HIDDEN],
        )
    ]
    return nbformat.v4.new_notebook(
        cells=[*cells, due],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )


@pytest.fixture(scope="module")
def page(shared_cohort):
    """binh's feedback for 00-lam-quen, generated through NbGraderAPI with the course config."""
    root = shared_cohort.root
    shutil.copy2(
        REPO / "courses" / "kinh-doanh-so" / "nbgrader_config.py", root / "nbgrader_config.py"
    )
    folder = root / "autograded" / "binh" / "00-lam-quen"
    folder.mkdir(parents=True)
    nbformat.write(notebook(), folder / "00-lam-quen.ipynb")
    (folder / "timestamp.txt").write_text("2026-02-28 10:00:00.000000 UTC", encoding="utf-8")
    from grading.core.nbgrader_env import quiet_nbgrader

    with quiet_nbgrader():
        outcome = shared_cohort.api().generate_feedback("00-lam-quen", "binh", force=True)
    assert outcome["success"], outcome.get("log", "") + str(outcome.get("error"))
    return root / "feedback" / "binh" / "00-lam-quen" / "00-lam-quen.html"


def test_course_config_hooks_our_template():
    from grading.core.course import open_course

    config = open_course(REPO / "courses" / "kinh-doanh-so").config()
    base = config.HTMLExporter.extra_template_basedirs[0]  # ours first, then Formgrader's
    assert (Path(base) / "feedback" / "index.html.j2").is_file()
    assert Path(base) == REPO / "grading" / "templates"


def test_labels_scores_messages_and_next_steps(page):
    text = page.read_text(encoding="utf-8")
    assert '<html lang="vi">' in text
    assert "Kết quả: 3/5 điểm" in text  # 2 + 0 + 1 (manual) of 2 + 2 + 1
    assert "Câu 1</b>" in text
    assert "2/2 điểm" in text
    assert "✅ Chính xác! `so_don_hang` = 8.016" in text
    assert "Tốt lắm, câu này đã đúng." in text
    assert "0/2 điểm" in text
    assert "💡 Lỗi hay gặp: Bạn đã cộng cả đơn bị hủy." in text
    assert (
        'chạy <code>goi_y("cau-2")</code>' in text
        or "chạy <code>goi_y(&quot;cau-2&quot;)</code>" in text
    )
    assert "Câu 3 — bài viết" in text
    assert "Rõ ràng, có số liệu. Thêm một câu về giá." in text
    for english in ("Test cell", "Student's answer", "Score:", "Written response", "Comments:"):
        assert english not in text


def test_hidden_tests_and_learner_html_stay_out(page):
    from grading.verbs.feedback import hidden_text_in

    text = page.read_text(encoding="utf-8")
    assert HIDDEN not in text
    assert "expect.integer" not in text
    assert hidden_text_in(text, {HIDDEN}) == []
    assert "<script" not in text
    assert "&lt;script&gt;alert('ghi chú')&lt;/script&gt;" in text
    assert "&lt;b&gt;đăng&lt;/b&gt;" in text  # the learner's written answer is text, not HTML
    assert "<strong>số dòng</strong>" in text  # the trainer's locked markdown is rendered
    assert "### ⏰" not in text  # the due banner is not shown as raw Markdown
    assert "Hạn nộp bài: 31/12/2099" not in text  # it is for working on the notebook


def test_not_attempted_and_python_errors_get_their_own_next_step(tmp_path):
    from nbconvert.exporters import HTMLExporter
    from traitlets.config import Config

    nb = notebook()
    cells = nb.cells
    cells[3].outputs[0].ename = "NotAttempted"
    cells[2].outputs = [
        nbformat.v4.new_output(
            "error", ename="NameError", evalue="name 'x' is not defined", traceback=[]
        )
    ]
    for cell in cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            meta.update(score=0.0)
    config = Config()
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [str(REPO / "grading" / "templates")]
    html, _ = HTMLExporter(config=config).from_notebook_node(
        nb,
        resources={
            "nbgrader": {"assignment": "00-lam-quen", "score": 0, "max_score": 5, "late_penalty": 1}
        },
    )
    assert "Bạn chưa làm câu này" in html
    assert "Ô trả lời có lỗi Python (NameError)" in html
    assert "Nộp muộn: bị trừ 1 điểm." in html


@pytest.mark.slow
def test_feedback_in_chromium_on_a_phone(page, browser):
    view, errors = open_page(browser, page)
    assert view.locator(".check").count() == 3
    assert view.evaluate("document.documentElement.scrollWidth") <= 390
    assert "Bước tiếp theo" in view.inner_text("body")
    assert errors == []
    view.close()
