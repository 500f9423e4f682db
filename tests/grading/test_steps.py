"""The nbgrader steps hocso swaps in, on small synthetic notebooks."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_output

from grading.core.record import same_source
from grading.core.steps import HideHiddenTests, hidden_lines, strip_hidden

from ._cells import answer_cell, grade_cell, notebook, plain_cell

HIDDEN = "expect.integer(so_don, len(_kt_don), name='so_don')"
TEST_SOURCE = (
    "expect.has_type(so_don, 'number', name='so_don')\n"
    "### BEGIN HIDDEN TESTS\n"
    "_kt_don = data.load('orders')\n"
    f"{HIDDEN}\n"
    "### END HIDDEN TESTS"
)


def _traceback(*lines: str) -> list[str]:
    return ["\x1b[31m-----\x1b[39m", *lines, "\x1b[31mCheckFailed\x1b[39m: ❌ Chưa đúng"]


def _notebook() -> nbformat.NotebookNode:
    answer = answer_cell("so_don = 12\nso_don", "cau-1")
    test = grade_cell(TEST_SOURCE, "kiem-tra-cau-1")
    test.outputs = [
        new_output(
            "error",
            ename="CheckFailed",
            evalue="❌ Chưa đúng: giá trị `so_don` = 12 không khớp đáp án.",
            traceback=_traceback("----> 4 " + HIDDEN, "      5 ### END HIDDEN TESTS"),
        )
    ]
    later = plain_cell("print(so_don + '')")
    later.outputs = [
        new_output(
            "error", ename="TypeError", evalue="unsupported", traceback=_traceback("----> 1 x")
        )
    ]
    quoting = plain_cell("helper()")
    quoting.outputs = [
        new_output(
            "error",
            ename="NameError",
            evalue="x",
            traceback=_traceback("Cell In[3], line 3", "----> 3 " + HIDDEN),
        )
    ]
    return notebook(answer, test, later, quoting)


def test_hidden_tests_and_tracebacks_quoting_them_are_removed():
    nb, _ = HideHiddenTests().preprocess(_notebook(), {})
    text = nbformat.writes(nb)
    assert HIDDEN not in text
    assert "_kt_don" not in text
    assert "BEGIN HIDDEN TESTS" not in text
    answer, test, later, quoting = nb.cells
    assert test.source == "expect.has_type(so_don, 'number', name='so_don')"
    (error,) = test.outputs
    assert error.traceback == [
        "\x1b[0;31mCheckFailed\x1b[0m: ❌ Chưa đúng: giá trị `so_don` = 12 không khớp đáp án."
    ]
    assert later.outputs[0].traceback == _traceback("----> 1 x")  # the learner's own error
    assert quoting.outputs[0].traceback == ["\x1b[0;31mNameError\x1b[0m: x"]
    assert answer.source == "so_don = 12\nso_don"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("x = 1\ny = 2\n", "x = 1  \ny = 2", True),
        ("x = 1", "x = 2", False),
        ("\nx = 1\n\n", "x = 1", True),
    ],
)
def test_same_source_ignores_trailing_whitespace(a, b, same):
    assert same_source(a, b) is same


def test_hidden_lines_are_the_significant_lines_of_hidden_regions():
    assert hidden_lines(TEST_SOURCE) == {"_kt_don = data.load('orders')", HIDDEN}
    assert strip_hidden(TEST_SOURCE) == TEST_SOURCE.split("\n", 1)[0]


def test_a_locked_cell_is_intact_as_released_even_with_lines_the_build_added(tmp_path):
    import json

    from grading.core.cells import DEFAULT_DELIMITERS
    from grading.core.record import intact as as_released
    from grading.core.record import released_sources

    given = TEST_SOURCE.split("\n", 1)[0] + "\nexpect.self_check(so_don, 'muối', 'băm')"
    release = tmp_path / "bai.ipynb"
    nb = {"cells": [{"cell_type": "code", "source": given,
                     "metadata": {"nbgrader": {"grade_id": "kiem-tra-cau-1"}}}]}  # fmt: skip
    release.write_text(json.dumps(nb), encoding="utf-8")
    released = released_sources(release)
    assert released == {"kiem-tra-cau-1": given}
    assert released_sources(tmp_path / "khong-co.ipynb") == {}
    d = DEFAULT_DELIMITERS
    assert as_released(given + "  \n", TEST_SOURCE, released["kiem-tra-cau-1"], d)
    assert as_released(strip_hidden(TEST_SOURCE), TEST_SOURCE, None, d)  # an older build
    assert not as_released("print('✅ Chính xác!')", TEST_SOURCE, released["kiem-tra-cau-1"], d)
