"""Formgrader's grading page in Vietnamese: our ``grading/templates/formgrade`` comes first."""

from __future__ import annotations

from pathlib import Path

import nbformat
from traitlets.config import Config

import grading

OURS = Path(grading.__file__).parent / "templates"


def _page(**resources) -> str:
    from nbconvert import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers

    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [str(OURS), handlers.template_path]
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("| sản phẩm | giá |\n|---|---|\n| mật ong | 120.000 ₫ |")
        ]
    )
    base = {
        "base_url": "",
        "submission_id": "s1",
        "assignment_id": "00-lam-quen",
        "notebook_id": "00-lam-quen",
        "notebook_path": "x",
        "student": "hv01",
        "last_name": "Nguyễn",
        "first_name": "Thị Lan",
        "index": 1,
        "total": 3,
        "mathjax_url": "",
    }
    body, _ = HTMLExporter(config=config).from_notebook_node(nb, resources={**base, **resources})
    return body


def test_grading_page_is_vietnamese_with_vietnamese_name_order():
    page = _page()
    assert "Nguyễn Thị Lan" in page
    assert "Nguyễn, Thị Lan" not in page
    for vietnamese in ("Bài trước", "Bài sau", "Bài nộp 2 / 3", "Chấm tay", '<html lang="vi">'):
        assert vietnamese in page, vietnamese
    for english in ("Prev", "Next &rarr;", "Submission 2 / 3", "Manual Grading", "remaining"):
        assert english not in page, english
    assert "<table>" in page
    assert ".rendered_html table{border-collapse" in page  # readable markdown tables
