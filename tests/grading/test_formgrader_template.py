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


def _answer_page(references: dict[str, str] | None) -> str:
    from nbconvert import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers

    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [str(OURS), handlers.template_path]
    answer = nbformat.v4.new_markdown_cell("Em chọn Postmart.")
    answer.metadata["nbgrader"] = {
        "grade": True,
        "solution": True,
        "grade_id": "cau-9",
        "points": 3,
    }
    other = nbformat.v4.new_markdown_cell("Câu 10.")
    other.metadata["nbgrader"] = {
        "grade": True,
        "solution": True,
        "grade_id": "cau-10",
        "points": 1,
    }
    nb = nbformat.v4.new_notebook(cells=[answer, other])
    resources = {"base_url": "", "submission_id": "s1", "assignment_id": "00-lam-quen",
                 "notebook_id": "00-lam-quen", "notebook_path": "x", "student": "hv01",
                 "last_name": "Nguyễn", "first_name": "Lan", "index": 0, "total": 1,
                 "mathjax_url": ""}  # fmt: skip
    if references is not None:
        resources["hocso_references"] = references
    body, _ = HTMLExporter(config=config).from_notebook_node(nb, resources=resources)
    return body


def test_grading_page_shows_the_reference_next_to_its_answer():
    page = _answer_page({"cau-9": "Lợi nhuận Postmart: 12,5 triệu\n<script>x</script>"})
    assert page.count("Số tham chiếu cho người chấm") == 1  # cau-9 only, not cau-10
    block = page[page.index("Số tham chiếu cho người chấm") :]
    assert "Lợi nhuận Postmart: 12,5 triệu" in block
    assert "<script>x</script>" not in page  # the text is escaped, never markup
    assert page.index("Em chọn Postmart.") < page.index("Số tham chiếu") < page.index("Câu 10.")


def test_grading_page_without_references_has_no_block():
    for references in (None, {}):
        assert "Số tham chiếu cho người chấm" not in _answer_page(references)


def test_formgrader_exporter_gets_the_references_of_the_graded_notebook(tmp_path):
    from nbconvert import HTMLExporter

    from grading.core.references import write_references
    from grading.jupyter.labconfig.formgrader.references import attach_references

    write_references(tmp_path, "00-lam-quen", "00-lam-quen.ipynb", {"tham-chieu-cau-9": "GPM"})
    exporter = HTMLExporter()
    attach_references(exporter, str(tmp_path))
    attach_references(exporter, str(tmp_path))  # once, however often the server starts
    nb = nbformat.v4.new_notebook()
    _, res = exporter.from_notebook_node(nb, resources={"assignment_id": "00-lam-quen",
                                                       "notebook_id": "00-lam-quen"})  # fmt: skip
    assert res["hocso_references"] == {"cau-9": "GPM"}
    _, res = exporter.from_notebook_node(nb, resources={"assignment_id": "02-marketing",
                                                       "notebook_id": "02-marketing"})  # fmt: skip
    assert res["hocso_references"] == {}
    from grading.jupyter.labconfig.formgrader.references import AttachReferences

    assert sum(isinstance(p, AttachReferences) for p in exporter._preprocessors) == 1


def test_server_extension_attaches_references_to_formgrader_exporter(monkeypatch, tmp_path):
    # the wrapper our server extension puts around Formgrader's settings registers the step
    from types import SimpleNamespace

    from nbconvert import HTMLExporter
    from nbgrader.server_extensions.formgrader import formgrader

    from grading.jupyter.labconfig import _keep_formgrader_templates
    from grading.jupyter.labconfig.formgrader.references import AttachReferences

    def stock(self, webapp):
        webapp.settings["nbgrader_exporter"] = HTMLExporter()

    monkeypatch.setattr(formgrader.FormgradeExtension, "init_tornado_settings", stock)
    # the Vietnamese pages (their own tests) need a real tornado app: not this test's subject
    monkeypatch.setattr("grading.jupyter.labconfig.formgrader.install", lambda ext, app: None)
    _keep_formgrader_templates()
    extension = SimpleNamespace(config=Config(), coursedir=SimpleNamespace(root=str(tmp_path)))
    webapp = SimpleNamespace(settings={})
    formgrader.FormgradeExtension.init_tornado_settings(extension, webapp)
    (step,) = [
        p for p in webapp.settings["nbgrader_exporter"]._preprocessors
        if isinstance(p, AttachReferences)
    ]  # fmt: skip
    assert step.course_root == str(tmp_path)
    assert step.enabled
