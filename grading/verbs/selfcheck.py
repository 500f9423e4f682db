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
  one short ``expect.self_check(value, "kiem-tra-cau-N")`` line per check
  into the learner's copy, and the spec (salted slow digests, never a value)
  into the notebook's metadata (``metadata.hocso.self_checks``). The gradebook keeps the
  hidden tests (``SaveCells`` runs before), so grading is unchanged.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from typing import Any

from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor

from grading.core import cells
from grading.core.errors import SelfCheckError
from grading.core.messages import say
from grading.core.record import self_check_marker

__all__ = [
    "GENERATE_PREPROCESSORS",
    "ClearHiddenTestsWithSelfCheck",
    "ExtractHints",
    "SelfCheckError",
    "generate_preprocessors",
    "kernel_language_info",
    "self_check_key",
]

#: Where the learner's copy keeps its self-check specs: ``metadata.hocso.self_checks``.
SPECS_KEY = "self_checks"

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


def _expect_call(node: ast.stmt) -> bool:
    """Whether a statement is one ``expect.<check>(...)`` call."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and isinstance(node.value.func.value, ast.Name)
        and node.value.func.value.id == "expect"
        and node.value.func.attr != "self_check"
    )


def _visible_statements(source: str, hidden: set[int]) -> list[ast.stmt] | None:
    """The statements outside the hidden region (None when the cell does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    return [node for node in tree.body if node.lineno not in hidden]


def kernel_language_info() -> dict[str, Any]:
    """What a learner's Python kernel reports as ``language_info``.

    JupyterLab writes the kernel's ``language_info`` into the notebook when the
    kernel starts; when the copy already holds the same, opening the notebook
    does not mark it modified.
    """
    from ipykernel.ipkernel import IPythonKernel

    return json.loads(json.dumps(IPythonKernel.language_info))


def self_check_key(test_id: str, number: int) -> str:
    """The key of the ``number``-th (0-based) self-check of test cell ``test_id``.

    Examples
    --------
    >>> self_check_key("kiem-tra-cau-4", 0), self_check_key("kiem-tra-cau-4", 1)
    ('kiem-tra-cau-4', 'kiem-tra-cau-4#2')
    """
    return test_id if number == 0 else f"{test_id}#{number + 1}"


class ClearHiddenTestsWithSelfCheck(ClearHiddenTests):
    """``ClearHiddenTests`` that first turns hidden exact checks into self-checks.

    The learner's copy of a test cell becomes the marker comment and one short
    ``expect.self_check(value, "kiem-tra-cau-N")`` line per check; the specs
    (salted digests, never a value) go to ``metadata.hocso.self_checks`` of the
    notebook, where :func:`toolkit.selfcheck.find_spec` reads them. The visible
    public checks move into the spec too, as written (``spec["public"]``, run
    first), so the cell stays one to three lines; imports stay in the cell.
    """

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        from grading.executor import _trusted

        locked = [cells.source(c) for c in nb.cells if c.cell_type == "code" and cells.is_locked(c)]
        self._imports = _trusted.trusted_imports(locked)
        self._names = _trusted.imported_names(self._imports)
        self._hints = nb.metadata.get("hocso", {}).get("hints", {})
        self._assignment = str(resources.get("nbgrader", {}).get("assignment", ""))
        self._notebook = str(resources.get("nbgrader", {}).get("notebook", ""))
        self._specs: dict[str, Any] = {}
        nb, resources = super().preprocess(nb, resources)
        if self._specs:
            nb.metadata.setdefault("hocso", {})[SPECS_KEY] = self._specs
        nb.metadata["language_info"] = kernel_language_info()
        return nb, resources

    def preprocess_cell(self, cell: Any, resources: Any, cell_index: int) -> tuple[Any, Any]:
        lines, kept = self._self_checks(cell) if cells.is_test(cell) else ([], None)
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if lines:
            body = cell.source.rstrip("\n") if kept is None else kept
            cell.source = "\n".join(part for part in (body, self_check_marker(), *lines) if part)
        return cell, resources

    def _self_checks(self, cell: Any) -> tuple[list[str], str | None]:
        """The self-check lines of a test cell, and the visible lines kept if checks were folded."""
        from grading.executor import _trusted
        from toolkit.selfcheck import SELF_CHECKABLE, make_spec

        source = cells.source(cell)
        hidden = _hidden_lines(source, self.begin_test_delimeter, self.end_test_delimeter)
        if not hidden:
            return [], None
        test_id = cells.grade_id(cell) or ""
        plan = _trusted.analyze_test_cell(source, self._names)
        if isinstance(plan, _trusted.Untrusted):
            return [], None  # `hocso build` refuses such a cell with its reasons (lint)
        prepared = _trusted.prepare_trusted_cell(plan, self._imports)
        ask = next((a for a, h in self._hints.items() if h.get("question") == test_id), None)
        specs: list[tuple[str, dict[str, Any]]] = []
        for number, step in enumerate(prepared.steps):
            if isinstance(step, dict):
                if step.get("output_type") == "error":
                    raise SelfCheckError(
                        say(
                            "hocso.error.hidden_test_failed",
                            notebook=self._notebook,
                            test=test_id,
                            error=f"{step['ename']}: {step['evalue']}",
                        )
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
            specs.append((step.first, spec))
        if not specs:
            return [], None
        kept = self._fold(source, hidden, specs)
        out = []
        for number, (first, spec) in enumerate(specs):
            key = self_check_key(test_id, number)
            self._specs[key] = spec
            out.append(f"expect.self_check({first}, {json.dumps(key)})")
        return out, kept

    @staticmethod
    def _fold(source: str, hidden: set[int], specs: list[tuple[str, dict[str, Any]]]) -> str | None:
        """Move the visible ``expect`` checks into the spec of the value they check.

        Their source moves as written (``spec["public"]``, run first by
        ``expect.self_check`` where the cell runs), so the learner's copy gains
        no value the source did not show. Returns the visible lines that stay
        (imports, checks of another value), or None when some other visible line
        keeps the cell as is.
        """
        statements = _visible_statements(source, hidden)
        if statements is None or not specs:
            return None
        imports = [n for n in statements if isinstance(n, (ast.Import, ast.ImportFrom))]
        checks = [n for n in statements if n not in imports]
        if not all(_expect_call(n) for n in checks):
            return None
        firsts = {ast.unparse(ast.parse(first, mode="eval").body): spec for first, spec in specs}
        kept = list(imports)
        for node in checks:
            call = node.value
            first = ast.unparse(call.args[0]) if call.args else ""
            if first not in firsts:  # it checks another value (`x` for `len(x)`): it stays,
                kept.append(node)  # so it still runs before the self-check's value is computed
                continue
            firsts[first].setdefault("public", []).append(ast.get_source_segment(source, node))
        kept.sort(key=lambda node: node.lineno)
        return "\n".join(ast.get_source_segment(source, node) or "" for node in kept)


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
