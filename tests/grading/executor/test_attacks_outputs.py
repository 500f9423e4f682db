"""Class 5 and 6 on the executor: every output counts, active HTML is removed, messages capped."""

from __future__ import annotations

import json

from grading.executor import ExecutionOptions, Limits, execute_notebook
from grading.executor.engine import clean_output

from ._require import need_root
from .conftest import answer_cell, code, grade_cell, grades, notebook, setup_cell


def _run(zygote, files_dir, nb, **limits):
    options = ExecutionOptions(limits=Limits(**{"cell_timeout": 30.0, **limits}))
    report = execute_notebook(nb, files_dir=str(files_dir), zygote=zygote, options=options)
    return nb, report


def _size(nb) -> int:
    return sum(len(json.dumps(o, ensure_ascii=False)) for c in nb.cells if c.cell_type == "code"
               for o in c.outputs)  # fmt: skip


def test_errors_and_stubs_count_against_the_notebook_budget(zygote, files_dir):
    need_root()
    cap = 200_000
    noisy = code("print('x' * 150_000)")
    raiser = "raise ValueError('y' * 9_000)"
    nb = notebook(noisy, *[code(raiser) for _ in range(300)],
                  *[code("print('z' * 100_000)") for _ in range(50)])  # fmt: skip
    nb, report = _run(zygote, files_dir, nb, notebook_output_bytes=cap)
    assert report.output_capped
    # the budget, the 64 KiB reserve for notes, then at most a bare error or a note per cell
    assert _size(nb) < cap + (64 << 10) + 110 * len(nb.cells)
    assert all(any(o.output_type == "error" for o in c.outputs) for c in nb.cells[1:301])
    assert all(c.outputs for c in nb.cells[1:301])  # every failing cell still shows it failed


def test_tracebacks_are_capped(zygote, files_dir):
    need_root()
    deep = code("def f(n):\n    return f(n + 1)\nf(0)")
    nb, _ = _run(zygote, files_dir, notebook(deep))
    (error,) = [o for o in nb.cells[0].outputs if o.output_type == "error"]
    assert sum(len(line) for line in error.traceback) < 80_000


def test_active_html_is_removed_from_outputs(zygote, files_dir):
    need_root()
    attack = code(
        "from IPython.display import HTML, Javascript, SVG, display\n"
        "display(HTML('<a href=\"javascript:alert(1)\">bấm</a><img src=x onerror=alert(2)>'\n"
        '             \'<iframe srcdoc="<script>alert(3)</script>"></iframe><b onclick="x()">đậm</b>\'))\n'
        "display(Javascript('alert(4)'))\n"
        "display({'text/html': '<script>alert(5)</script>ok', 'text/plain': 'ok'}, raw=True)\n"
        "import pandas as pd\npd.DataFrame({'a': [1]})"
    )
    nb, _ = _run(zygote, files_dir, notebook(attack))
    shown = json.dumps([o.get("data", {}) for o in nb.cells[0].outputs], ensure_ascii=False)
    for bad in ("javascript:", "onerror", "srcdoc", "<script", "onclick", "alert(4)"):
        assert bad not in shown, bad
    assert "đậm" in shown
    assert "bấm" in shown
    assert "dataframe" in shown  # tables stay


def test_clean_output_refuses_deeply_nested_and_odd_shapes():
    nested: dict = {}
    inner = nested
    for _ in range(200):
        inner["x"] = {}
        inner = inner["x"]
    assert clean_output({"output_type": "display_data", "data": nested, "metadata": {}}) is None
    assert clean_output({"output_type": "stream", "name": "stdout", "text": 3}) is None
    assert clean_output(["not", "a", "dict"]) is None


def test_huge_learner_value_in_a_failed_check_is_truncated(zygote, files_dir):
    need_root()
    nb = notebook(
        setup_cell(),
        answer_cell("dap_an = 'x' * 6_000_000", "cau-1"),
        grade_cell("expect.text(dap_an, 'ngắn', name='dap_an')", "kiem-tra-1"),
    )
    nb, _ = _run(zygote, files_dir, nb, notebook_output_bytes=8 << 20)
    assert grades(nb) == {"kiem-tra-1": 0}
    assert len(json.dumps(nb.cells[2].outputs)) < 20_000


def test_thousands_of_tiny_cells_are_graded(zygote, files_dir):
    need_root()
    cells = [code(f"v{i} = {i}") for i in range(3000)]
    nb = notebook(setup_cell(), *cells, answer_cell("dap_an = v2999", "cau-1"),
                  grade_cell("expect.integer(dap_an, 2999, name='dap_an')", "kiem-tra-1"))  # fmt: skip
    nb, report = _run(zygote, files_dir, nb)
    assert grades(nb) == {"kiem-tra-1": 1}
    assert not report.gave_up


class _OddSandbox:
    """A child whose replies have the right sequence number but odd shapes."""

    def __init__(self, replies):
        from grading.executor._policy import SandboxReport

        self.replies = list(replies)
        self.report = SandboxReport()

    def request(self, message, *, deadline):
        return self.replies.pop(0) if self.replies else {"status": "ok", "outputs": []}

    def kill(self, *, wait=True):
        return None

    def close(self, *, wait=True):
        return None


class _OddZygote:
    def __init__(self, replies):
        self.replies = replies

    def spawn(self, **_kwargs):
        return _OddSandbox(self.replies)


def test_replies_of_unexpected_shape_fail_their_cell_only(tmp_path):
    odd = [
        {"status": "ok", "outputs": 5},
        {"status": "ok", "outputs": {"a": 1}},
        {"status": ["x"], "outputs": ["text", None, {"output_type": "stream"}]},
        {"status": "plain", "value": {"deep": [[[1]]]}, "outputs": "x"},  # the check's answer
    ]
    nb = notebook(code("a = 1"), code("b = 2"), code("c = 3"),
                  grade_cell("expect.integer(dap_an, 42, name='dap_an')", "kiem-tra-1"))  # fmt: skip
    import nbformat

    nb.cells.insert(0, nbformat.v4.new_code_cell("from toolkit.checks import expect"))
    odd.insert(0, {"status": "ok", "outputs": []})
    execute_notebook(nb, files_dir=str(tmp_path), zygote=_OddZygote(odd))
    assert grades(nb) == {"kiem-tra-1": 0}
    assert "plain data" in json.dumps(nb.cells[4].outputs)
