"""Truthful self-checks and tiered hints in the learner's copy, made at generate time.

Two nbgrader preprocessors replace or join steps of ``generate_assignment``
(the course config installs :data:`GENERATE_PREPROCESSORS`, so ``hocso build``
and plain ``nbgrader generate_assignment`` do the same):

- :class:`ExtractHints` (before the first ``ComputeChecksums``) moves the
  ``<details><summary>Gợi ý N</summary> … </details>`` blocks of each
  question's text into the notebook metadata (``metadata.hocso.hints``) and
  leaves one line telling the learner to run ``goi_y("cau-N")``
  (:func:`toolkit.hints.goi_y` shows one tier per call).
- :class:`ClearHiddenTestsWithSelfCheck` replaces ``ClearHiddenTests``:
  before removing a hidden-test region it evaluates, in this (trusted)
  process, the trainer arguments of every hidden ``expect.<check>`` call that
  :mod:`toolkit.selfcheck` can digest, and writes one
  ``expect.self_check(value, spec)`` line per check into the learner's copy.
  The spec holds salted slow digests, never a value. The gradebook keeps the
  hidden tests (``SaveCells`` runs before), so grading is unchanged.
"""

from __future__ import annotations

import hashlib
import pprint
import re
from typing import Any

from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor

from grading.core import cells
from grading.core.errors import SelfCheckError
from grading.core.record import self_check_marker

__all__ = [
    "GENERATE_PREPROCESSORS",
    "ClearHiddenTestsWithSelfCheck",
    "ExtractHints",
    "SelfCheckError",
    "generate_preprocessors",
]

_HINT = re.compile(
    r"<details>\s*<summary>\s*(?P<title>Gợi ý[^<]*?)\s*</summary>(?P<body>.*?)</details>\s*",
    re.DOTALL,
)


def _questions(nb: Any) -> dict[int, tuple[str, str]]:
    """For each cell index, the ``(answer id, test id)`` of the question it belongs to.

    A question is the run of cells ending with a graded cell; its answer is
    the last solution cell in the run (the graded cell itself for a written
    answer).
    """
    found: dict[int, tuple[str, str]] = {}
    pending: list[int] = []
    answer: str | None = None
    for index, cell in enumerate(nb.cells):
        pending.append(index)
        if cells.is_solution(cell):
            answer = cells.grade_id(cell)
        if cells.is_grade(cell):
            test = cells.grade_id(cell) or f"cell-{index}"
            for i in pending:
                found[i] = (answer or test, test)
            pending, answer = [], None
    return found


class ExtractHints(NbGraderPreprocessor):
    """Move tiered hints out of the question text into notebook metadata."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        from toolkit.i18n import t

        questions = _questions(nb)
        hints: dict[str, dict[str, Any]] = {}
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "markdown" or cells.is_solution(cell):
                continue
            text = cells.source(cell)
            tiers = [m.group("body").strip() for m in _HINT.finditer(text)]
            if not tiers or index not in questions:
                continue
            answer, test = questions[index]
            hints[answer] = {"question": test, "tiers": tiers}
            cell.source = (
                _HINT.sub("", text).rstrip()
                + "\n\n"
                + t("hint.pointer", lang="vi", answer=answer, count=len(tiers))
            )
        if hints:
            nb.metadata.setdefault("hocso", {})["hints"] = hints
        return nb, resources


def _hidden_lines(source: str, begin: str, end: str) -> set[int]:
    inside, lines = False, set()
    for number, line in enumerate(source.split("\n"), start=1):
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            lines.add(number)
    return lines


def _salt(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(("hocso-selfcheck", *parts)).encode()).hexdigest()[:32]


class ClearHiddenTestsWithSelfCheck(ClearHiddenTests):
    """``ClearHiddenTests`` that first turns hidden exact checks into self-checks."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        from grading.executor import _trusted

        locked = [cells.source(c) for c in nb.cells if c.cell_type == "code" and cells.is_locked(c)]
        self._imports = _trusted.trusted_imports(locked)
        self._names = _trusted.imported_names(self._imports)
        self._hints = nb.metadata.get("hocso", {}).get("hints", {})
        self._assignment = str(resources.get("nbgrader", {}).get("assignment", ""))
        self._notebook = str(resources.get("nbgrader", {}).get("notebook", ""))
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: Any, resources: Any, cell_index: int) -> tuple[Any, Any]:
        lines = self._self_checks(cell) if cells.is_test(cell) else []
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if lines:
            body = cell.source.rstrip("\n")
            cell.source = "\n".join(part for part in (body, self_check_marker(), *lines) if part)
        return cell, resources

    def _self_checks(self, cell: Any) -> list[str]:
        from grading.executor import _trusted
        from toolkit.selfcheck import SELF_CHECKABLE, make_spec

        source = cells.source(cell)
        hidden = _hidden_lines(source, self.begin_test_delimeter, self.end_test_delimeter)
        if not hidden:
            return []
        test_id = cells.grade_id(cell) or ""
        plan = _trusted.analyze_test_cell(source, self._names)
        if isinstance(plan, _trusted.Untrusted):
            return []  # `hocso build` refuses such a cell with its reasons (lint)
        prepared = _trusted.prepare_trusted_cell(plan, self._imports)
        ask = next((a for a, h in self._hints.items() if h.get("question") == test_id), None)
        out = []
        for number, step in enumerate(prepared.steps):
            if isinstance(step, dict):
                if step.get("output_type") == "error":
                    raise SelfCheckError(
                        f"{self._notebook}: {test_id}: a hidden-test line failed at generate "
                        f"time: {step['ename']}: {step['evalue']}"
                    )
                continue
            if step.lineno not in hidden or step.check not in SELF_CHECKABLE:
                continue
            spec = make_spec(
                step.check,
                step.args,
                step.kwargs,
                question=test_id,
                salt=_salt(self._assignment, self._notebook, test_id, str(number)),
            )
            if ask:
                spec["ask"] = ask
            out.append(
                f"expect.self_check({step.first}, "
                + pprint.pformat(spec, width=96, sort_dicts=False, compact=True)
                + ")"
            )
        return out


def generate_preprocessors(stock: list[type] | None = None) -> list[type]:
    """nbgrader's ``GenerateAssignment.preprocessors`` with our two steps in place.

    ``ExtractHints`` goes just before the first ``ComputeChecksums`` (so the
    checksums, the gradebook and the learner's copy all see the text without
    hints) and ``ClearHiddenTestsWithSelfCheck`` replaces ``ClearHiddenTests``.
    """
    if stock is None:
        from nbgrader.converters import GenerateAssignment

        stock = list(GenerateAssignment.class_traits()["preprocessors"].default())
    from nbgrader.preprocessors import ComputeChecksums

    steps: list[type] = []
    for step in stock:
        if step is ComputeChecksums and ExtractHints not in steps:
            steps.append(ExtractHints)
        steps.append(ClearHiddenTestsWithSelfCheck if step is ClearHiddenTests else step)
    if ExtractHints not in steps or ClearHiddenTestsWithSelfCheck not in steps:
        raise RuntimeError(f"nbgrader's generate pipeline changed: {stock}")
    return steps


GENERATE_PREPROCESSORS = generate_preprocessors()
