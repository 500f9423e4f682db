"""Splitting test cells into trusted setup and checks, and the build-time lint."""

from __future__ import annotations

import pytest

from grading.executor import lint_course, lint_test_cells
from grading.executor._trusted import (
    CellPlan,
    Check,
    Setup,
    Untrusted,
    analyze_test_cell,
    trusted_imports,
    valid_plain,
)

from .conftest import COURSE, answer_cell, grade_cell, grades, notebook, setup_cell

NAMES = frozenset({"data", "vn", "expect"})


def test_warmup_style_cell_is_split_into_setup_and_checks():
    plan = analyze_test_cell(
        "expect.has_type(x, 'number', name='x')\n"
        "_kt_don = data.load('orders')\n"
        "_a, _b = 1, 2\n"
        "expect.integer(x, len(_kt_don), name='x', mistakes={_a: 'sai'})",
        NAMES,
    )
    assert isinstance(plan, CellPlan)
    assert [type(s) for s in plan.steps] == [Check, Setup, Setup, Check]
    assert plan.steps[-1].first == "x"


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("assert x == 1", "found Assert"),
        ("expect.number(x, y, name='x')", "learner names ['y']"),
        ("_k = x + 1\nexpect.number(_k, 2)", "setup uses learner names ['x']"),
        ("_k = 1\nexpect.number(x + _k, 2)", "trainer-side names ['_k']"),
        ("expect.nonexistent(x, 1)", "not a known check"),
        ("%time expect.number(x, 1)", "not plain Python"),
        ("x[0] = 1\nexpect.number(x, 1)", "plain names"),
        ("print('hi')", "no expect"),
    ],
)
def test_cells_that_need_learner_code_are_refused(source, fragment):
    plan = analyze_test_cell(source, NAMES)
    assert isinstance(plan, Untrusted)
    assert any(fragment in reason for reason in plan.reasons), plan.reasons


def test_only_known_modules_are_trusted_imports():
    imports = trusted_imports(["import os\nfrom toolkit import data\nimport pandas as pd", "x = 1"])
    assert imports == ("from toolkit import data", "import pandas as pd")


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [
        ("number", 1.5, True),
        ("number", True, False),
        ("number", "1", False),
        ("text", "a", True),
        ("sequence", [1, "a", None], True),
        ("sequence", [[1]], False),
        ("series", {"name": None, "index": [1], "values": []}, False),
        ("frame", {"columns": ["a"], "index": [0], "data": {"a": [1]}}, True),
        ("frame", {"columns": ["a"], "index": [0], "data": {"b": [1]}}, False),
        ("chart", {"title": "t"}, False),
    ],
)
def test_plain_replies_are_validated_by_shape(kind, value, ok):
    assert valid_plain(kind, value) is ok


def test_lint_flags_only_cells_that_cannot_be_checked_out_of_process():
    nb = notebook(
        setup_cell(),
        grade_cell("expect.number(x, 1, name='x')", "tot"),
        grade_cell("assert x == 1", "xau"),
    )
    issues = lint_test_cells(nb)
    assert [issue.grade_id for issue in issues] == ["xau"]
    assert "xau" in str(issues[0])


def test_every_course_test_cell_can_be_checked_out_of_process():
    assert lint_course(COURSE / "source") == []


def test_threads_grading_the_same_test_cell_evaluate_its_trainer_side_once():
    """The first learners of a batch reach each test cell in every thread at once: one
    thread evaluates it (a forked worker), the others wait for that result."""
    import threading
    import time

    from grading.executor import _trusted

    plan = analyze_test_cell(f"expect.integer(x, {time.time_ns()}, name='x')", NAMES)
    assert isinstance(plan, CellPlan)
    calls = []
    gate = threading.Event()

    def evaluate(plan, imports):
        calls.append(threading.current_thread().name)
        gate.wait(5)  # slow, like a forked worker: the other threads arrive meanwhile
        return _trusted._prepare(plan, imports)

    results = []

    def grade() -> None:
        imports = ("from toolkit.checks import expect",)
        results.append(_trusted.prepare_trusted_cell(plan, imports, evaluate))

    threads = [threading.Thread(target=grade) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    gate.set()
    for thread in threads:
        thread.join(10)
    assert len(calls) == 1
    assert len(results) == 4
    assert all(r is results[0] for r in results)


def test_a_failed_evaluation_is_not_cached():
    from grading.executor import _trusted

    plan = analyze_test_cell("expect.integer(x, 424242, name='x')", NAMES)
    imports = ("from toolkit.checks import expect",)

    def broken(plan, imports):
        raise RuntimeError("worker lost")

    with pytest.raises(RuntimeError, match="worker lost"):
        _trusted.prepare_trusted_cell(plan, imports, broken)
    again = _trusted.prepare_trusted_cell(plan, imports, lambda p, i: _trusted._prepare(p, i))
    assert again.steps


def test_has_type_gets_no_copy_back_unless_a_later_check_reads_the_value(
    zygote, files_dir, monkeypatch
):
    """``has_type`` reads only whether the learner's value was accepted: the child's reply
    carries no copy of a big table; a cell that also compares the value asks for it once."""
    from grading.executor import _zygote, execute_notebook

    asked = []
    request = _zygote.Sandbox.request

    def recording(self, message, *, deadline):
        reply = request(self, message, deadline=deadline)
        if message.get("op") == "plain":
            asked.append((message["expr"], message.get("type_only", False), reply.get("value")))
        return reply

    monkeypatch.setattr(_zygote.Sandbox, "request", recording)
    nb = notebook(
        setup_cell("from toolkit.checks import expect\nimport pandas as pd"),
        answer_cell("bang = pd.DataFrame({'a': range(5000)})", "cau-1"),
        grade_cell("expect.has_type(bang, 'frame', name='bang')", "kiem-tra-1"),
        grade_cell(
            "expect.has_type(bang, 'frame', name='bang')\nexpect.columns(bang, ['a'], name='bang')",
            "kiem-tra-2",
        ),
    )
    execute_notebook(nb, files_dir=str(files_dir), zygote=zygote)
    assert grades(nb) == {"kiem-tra-1": 1, "kiem-tra-2": 1}
    assert asked[0] == ("bang", True, None)  # the type only: no 5,000 rows back
    assert [(expr, only) for expr, only, _ in asked[1:]] == [("bang", False)]  # asked once
    assert len(asked[1][2]["index"]) == 5000
