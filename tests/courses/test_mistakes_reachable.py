"""Every known-mistake message of every check can fire (issue 23).

The source notebook runs once with a recording ``expect``: each check call
that carries ``mistakes`` is noted with its learner name. Then, for each
mistake, the whole test cell runs again with the learner's answer replaced
by that mistake's own value: the check must fail and show that mistake's
message. (Every check call of the same learner name sees the mistake: the name, not
the expression, identifies the answer, e.g. ``len(da_giao)``.) This catches a
message shadowed by an earlier public check (a range
the mistake falls outside of), by an earlier mistake with an equal value, or
a mistake equal to the right answer.
"""

from __future__ import annotations

import contextlib
import copy
import io
from dataclasses import dataclass
from typing import Any

import pytest

from tests.courses._nbrun import is_test, nbgrader_meta, read_cells, source
from toolkit.checks import CheckFailed, NotAttempted, expect
from toolkit.plain import mistake_items

from .conftest import ASSIGNMENTS, REPO


@dataclass
class _Case:
    test_id: str
    code: str
    name: str
    value: Any
    message: str
    namespace: dict[str, Any]


class _Recorder:
    """Stands in for ``expect``: notes each call's learner name and mistakes, then checks."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[tuple[Any, str]]]] = []

    def __getattr__(self, method: str) -> Any:
        real = getattr(expect, method)

        def call(value: Any, *args: Any, **kwargs: Any) -> Any:
            items = mistake_items(kwargs.get("mistakes"))
            if items and kwargs.get("name"):
                self.calls.append((kwargs["name"], items))
            return real(value, *args, **kwargs)

        return call


def _cases(course_id: str, assignment: str) -> list[_Case]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    (path,) = sorted((REPO / "courses" / course_id / "source" / assignment).glob("*.ipynb"))
    namespace: dict[str, Any] = {"__name__": "__main__"}
    cases: list[_Case] = []
    try:
        for cell in read_cells(path):
            if cell["cell_type"] != "code":
                continue
            code = source(cell)
            if is_test(cell):
                recorder = _Recorder()
                namespace["expect"] = recorder
                before = {k: v for k, v in namespace.items() if k != "expect"}
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(code, "<test>", "exec"), namespace)
                namespace["expect"] = expect
                for name, items in recorder.calls:
                    for value, message in items:
                        cases.append(
                            _Case(
                                nbgrader_meta(cell)["grade_id"], code, name, value, message, before
                            )
                        )
            else:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(code, "<cell>", "exec"), namespace)
    finally:
        plt.close("all")
    return cases


def _learner_form(value: Any) -> Any:
    """The mistake as a learner's code would hold it (a list for a sequence, a copy)."""
    if isinstance(value, tuple):
        return list(value)
    return copy.deepcopy(value)


class _Substitute:
    """Stands in for ``expect``: every check of the learner name ``name`` sees ``value``."""

    def __init__(self, name: str, value: Any) -> None:
        self.name, self.value = name, value

    def __getattr__(self, method: str) -> Any:
        real = getattr(expect, method)

        def call(value: Any, *args: Any, **kwargs: Any) -> Any:
            if kwargs.get("name") == self.name:
                value = _learner_form(self.value)
            return real(value, *args, **kwargs)

        return call


@pytest.mark.slow
@pytest.mark.parametrize(("course_id", "assignment"), ASSIGNMENTS)
def test_every_mistake_message_is_reachable(course_id, assignment):
    cases = _cases(course_id, assignment)
    assert cases, "no check with mistakes was recorded"
    unreachable = []
    for case in cases:
        # the answer becomes the mistake in every check of that name, public ones included
        namespace = dict(case.namespace)
        namespace["expect"] = _Substitute(case.name, case.value)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(case.code, f"<{case.test_id}>", "exec"), namespace)
        except CheckFailed as exc:
            if case.message in str(exc):
                continue
            unreachable.append(
                f"{case.test_id} {case.name}: {case.message[:60]!r} → {str(exc)[:160]!r}"
            )
        except NotAttempted:
            unreachable.append(f"{case.test_id} {case.name}: {case.message[:60]!r} → not attempted")
        else:
            unreachable.append(
                f"{case.test_id} {case.name}: {case.message[:60]!r} → the check passed"
            )
    assert not unreachable, "\n".join(unreachable)
