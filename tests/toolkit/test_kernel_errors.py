"""Beginners' errors get one short explanation in the learner's language; nothing is hidden."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

from toolkit._kernel import explain, short_traceback


def _raised(code: str, namespace: dict | None = None):
    namespace = {"pd": pd, "np": np, **(namespace or {})}
    try:
        exec(compile(code, "<ô>", "exec"), namespace)
    except BaseException:
        return sys.exc_info()
    raise AssertionError("no error")


class _Shell:
    def __init__(self) -> None:
        self.user_ns = {"don_hang": 1, "doanh_thu": 2}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("code", "vi", "en"),
    [
        (
            "bang = pd.DataFrame({'revenue_vnd': [1]})\nbang['revenue']",
            ["'revenue'", "Có phải `revenue_vnd`?"],
            ["'revenue'", "Did you mean `revenue_vnd`?"],
        ),
        ("doanh_thuu + 1", ["`doanh_thuu`", "chưa chạy", "`doanh_thu`"], ["`doanh_thuu`", "run"]),
        ("ti_le = 0,299\nti_le * 255.0", ["dấu phẩy", "0.299"], ["comma", "0.299"]),
        ("np.array([250], dtype=np.uint8) + 300", ["uint8", "astype(float)"], ["uint8"]),
        ("1 / 0", ["chia cho 0"], ["Division by zero"]),
        ("{'a': 1}['b']", ["'b'", "KeyError"], ["'b'", "KeyError"]),
    ],
)
def test_each_beginner_error_is_explained(monkeypatch, lang, code, vi, en):
    monkeypatch.setenv("HOCSO_LANG", lang)
    etype, value, tb = _raised(code)
    text = explain(etype, value, tb, _Shell())
    assert text is not None, (etype, value)
    for fragment in vi if lang == "vi" else en:
        assert fragment in text, text
    assert "Traceback" not in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_syntax_errors_show_the_line_and_a_plain_reason(monkeypatch, lang):
    monkeypatch.setenv("HOCSO_LANG", lang)
    etype, value, tb = _raised("x = (1 + 2\ny = 3")
    text = explain(etype, value, tb)
    assert ("cú pháp" if lang == "vi" else "syntax") in text
    assert ("ngoặc" if lang == "vi" else "bracket") in text


def test_other_errors_keep_their_traceback():
    etype, value, tb = _raised("raise RuntimeError('hỏng')")
    assert explain(etype, value, tb) is None


def test_the_short_block_points_to_the_full_traceback(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "vi")
    assert "xem_loi_day_du()" in short_traceback("❌ Sai.")[-1]


@pytest.mark.slow
def test_in_a_real_kernel_errors_are_short_error_outputs_and_run_all_goes_on(tmp_path):
    """A learner's kernel: short Vietnamese error outputs, a failed check does not stop Run All."""
    import nbformat
    from nbclient import NotebookClient

    cells = [
        "from toolkit import data\nfrom toolkit.checks import expect\ndon_hang = data.load('orders')",
        "don_hang['revenue']",
        "chua_co + 1",
        # a test cell: only checks; after the first failure the cell's later checks are skipped
        "expect.integer(5, 6, name='x', mistakes={5: 'Bạn quên một đơn.'})\n"
        "expect.integer(5, 7, name='x')",
        "print('vẫn chạy tiếp')",
        "xem_loi_day_du()",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(
        nb, timeout=120, allow_errors=True, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outs = [cell.outputs for cell in nb.cells]
    column, name, check = outs[1][0], outs[2][0], outs[3]
    assert column.output_type == name.output_type == "error"
    assert "Có phải `revenue_vnd`?" in "\n".join(column.traceback)
    assert len(column.traceback) <= 4
    assert "chua_co" in "\n".join(name.traceback)
    assert [o.output_type for o in check] == ["error"]  # nbgrader would score it 0
    assert "Bạn quên một đơn." in "\n".join(check[0].traceback)
    assert outs[4][0].text == "vẫn chạy tiếp\n"  # the notebook went on
    assert "Traceback" in outs[5][0].text  # the full traceback, for whoever asks
