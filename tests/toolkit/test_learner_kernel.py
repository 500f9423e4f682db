"""A learner's own kernel: short Vietnamese errors with the cell's line, Run All goes on.

These run a real Jupyter kernel (nbclient), as JupyterLab's "Run All" does:
every cell's execute request is sent with ``stop_on_error``, so a reply with
status "error" would drop the cells queued behind it.
"""

from __future__ import annotations

import sys

import nbformat
import pandas as pd
import pytest

from toolkit._kernel import assigned_names, cell_line, explain, used_names


def _raised(code: str, namespace: dict | None = None):
    import linecache

    namespace = {"pd": pd, **(namespace or {})}
    linecache.cache["<ô>"] = (len(code), None, code.splitlines(True), "<ô>")  # as IPython does
    try:
        exec(compile(code, "<ô>", "exec"), namespace)
    except BaseException:
        return sys.exc_info()
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("code", "fragments"),
    [
        ("tt = pd.DataFrame({'fee_vnd': [1]})\nx = 1\ntt['fees_vnd']", ["'fees_vnd'", "fee_vnd"]),
        ("s = pd.Series([1.0, 2.0])\ns.quantile(90)", ["0.9", "quantile(90)"]),
        ("gia = '5'\ngia + 3", ["chữ (str)", "int(...)"]),
        ("3 + '5'", ["chữ (str)"]),
        ("don = [1, 2, 3]\ndon[3]", ["từ 0", "len(...)"]),
        ("x = 0\n1 / x", ["chia cho 0"]),
        ("s = pd.Series([1])\ns.summ()", ["`summ`", "Có phải `sum`?"]),
        ("len(...)", ["dấu ...", "thay"]),
        ("... + 1", ["dấu ..."]),
        ("pd.DataFrame({'a': [1]}).sort_values('a', ascending='xuống')", ["pandas"]),
    ],
)
def test_each_error_names_what_and_what_to_try_in_vietnamese(monkeypatch, code, fragments):
    monkeypatch.setenv("HOCSO_LANG", "vi")
    etype, value, tb = _raised(code)
    text = explain(etype, value, tb)
    assert text is not None, (etype, value)
    for fragment in fragments:
        assert fragment in text, text
    assert "Traceback" not in text
    assert "site-packages" not in text
    # the line of the learner's cell where it happened, counted from 1
    number, line = cell_line(tb)
    assert line == code.split("\n")[number - 1].strip()
    assert f"dòng {number} của ô" in text


def test_names_a_cell_assigns_and_reads():
    assert assigned_names("from toolkit import data as d\nx = 1\ndef f(): pass") == {"d", "x", "f"}
    assert used_names("expect.self_check(roas, 'kiem-tra-cau-1')") == {"expect", "roas"}
    assert used_names("x = (") == set()


def _run(tmp_path, cells: list[str]):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(tmp_path)}})
    return nb, client


def _text(outputs) -> str:
    parts = []
    for output in outputs:
        if output.output_type == "error":
            parts.append("\n".join(output.traceback))
        elif output.output_type == "stream":
            parts.append(output.text)
        else:
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


LEARNER_CELLS = [
    "import pandas as pd\nfrom toolkit.checks import expect\n"
    "tt = pd.DataFrame({'fee_vnd': [1_000.0, 3_000.0]})",
    # an answer cell with a beginner's mistake: percent instead of fraction
    "phi_cao = tt['fee_vnd'].quantile(90)",
    # its test cell: it must not judge a value that was never computed
    "expect.number(phi_cao, 2_800.0, name='phi_cao')",
    "phi_cao * 2",
    "chua_lam = ...\nchua_lam",
    "print('vẫn chạy tiếp')",
    # a blank answer's test cell: one amber "not attempted", not a red error, nothing more
    "expect.has_type(chua_lam, 'frame', name='chua_lam')\nexpect.integer(len(chua_lam), 3)",
]


@pytest.mark.slow
def test_run_all_goes_on_after_an_error_in_a_learners_kernel(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("HOCSO_LANG", "vi")
    nb, client = _run(tmp_path, LEARNER_CELLS)
    client.execute()  # raises CellExecutionError on any reply with status "error"
    outs = [_text(cell.outputs) for cell in nb.cells]
    answer = nb.cells[1].outputs
    assert [o.output_type for o in answer] == ["error"]  # marked failed: a red error block
    assert "quantile(0.9)" in outs[1]
    assert "dòng 1 của ô" in outs[1]
    assert len(answer[0].traceback) <= 4
    assert "Câu trước chưa chạy được" in outs[2]
    assert "`phi_cao`" in outs[2]
    assert "Câu trước chưa chạy được" in outs[3]  # a NameError of what the failed cell makes
    assert "chưa làm" in outs[4]
    assert "Ellipsis" not in outs[4]
    assert outs[5] == "vẫn chạy tiếp\n"
    blank = nb.cells[6].outputs
    assert [o.output_type for o in blank] == ["display_data"]
    assert "hocso-not-attempted" in blank[0]["data"]["text/html"]
    assert "chưa làm" in blank[0]["data"]["text/plain"]


@pytest.mark.slow
def test_nbgrader_executions_still_stop_at_an_error(tmp_path, monkeypatch):
    from nbclient.exceptions import CellExecutionError

    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")  # the kernel inherits it
    nb, client = _run(tmp_path, LEARNER_CELLS)
    with pytest.raises(CellExecutionError):
        client.execute()
    assert not nb.cells[5].get("outputs")  # what comes after the error never ran
