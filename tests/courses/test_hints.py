"""Hints come in tiers, use only names the notebook has, and never give the whole solution."""

from __future__ import annotations

import ast
import builtins
import io
import keyword
import re
import tokenize

import pytest

from grading.core.leaks import MARKERS, is_significant, split_regions
from grading.verbs.selfcheck import _HINT, _questions

from ._nbrun import nbgrader_meta, read_cells, source
from .conftest import ASSIGNMENTS, REPO

_FENCED = re.compile(r"```[a-zA-Z]*\n(.*?)```", re.DOTALL)
_CODE_SPAN = re.compile(r"`([^`]+)`")


def _code_spans(text: str) -> list[str]:
    """Fenced code blocks, then inline code spans; a lone name (a column, a word) is skipped."""
    blocks = _FENCED.findall(text)
    spans = _CODE_SPAN.findall(_FENCED.sub("", text))
    # a lone name is a column or a word; a span with Vietnamese letters is prose, not code
    return blocks + [s for s in spans if not s.strip().isidentifier() and s.isascii()]


# names a hint may use without the notebook defining them
_KNOWN = set(dir(builtins)) | {"pd", "np", "plt", "expect", "goi_y", "data", "vn", "plots"}
_KNOWN |= {"Series", "DataFrame"}  # pandas types named in prose


def _defined_names(cells) -> set[str]:
    names: set[str] = set()
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        try:
            tree = ast.parse(source(cell))
        except SyntaxError:  # a skeleton with gaps: its assignments still define names
            names.update(re.findall(r"^\s*([A-Za-z_]\w*)\s*=[^=]", source(cell), re.MULTILINE))
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _free_names(code: str) -> set[str]:
    """Names a code span uses on its own (not attributes, keywords or keyword arguments)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return set()
    found = set()
    for i, token in enumerate(tokens):
        if token.type != tokenize.NAME or keyword.iskeyword(token.string):
            continue
        before = tokens[i - 1].string if i else ""
        after = tokens[i + 1].string if i + 1 < len(tokens) else ""
        if before == "." or (after == "=" and before in ("(", ",", "")):
            continue
        found.add(token.string)
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _hints(path):
    """``(answer id, tiers)`` of every question with hints in a source notebook."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    questions = _questions(nb)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and index in questions:
            tiers = [m.group("body").strip() for m in _HINT.finditer(cell.source)]
            if tiers:
                yield questions[index][0], tiers


def _notebooks():
    return [
        pytest.param(path, id=f"{assignment}/{path.name}")
        for course_id, assignment in ASSIGNMENTS
        for path in sorted((REPO / "courses" / course_id / "source" / assignment).glob("*.ipynb"))
    ]


@pytest.mark.parametrize("path", _notebooks())
def test_hints_use_only_names_the_notebook_has(path):
    cells = read_cells(path)
    known = _defined_names(cells) | _KNOWN
    for answer, tiers in _hints(path):
        for tier, text in enumerate(tiers, start=1):
            spans = _code_spans(text)
            own = _defined_names([{"cell_type": "code", "source": s} for s in spans])
            for span in spans:
                unknown = _free_names(span) - known - own
                assert not unknown, f"{answer}, hint {tier}: `{span}` uses {sorted(unknown)}"


@pytest.mark.parametrize("path", _notebooks())
def test_no_hint_is_the_whole_solution(path):
    cells = {nbgrader_meta(c).get("grade_id"): c for c in read_cells(path)}
    for answer, tiers in _hints(path):
        cell = cells.get(answer)
        if cell is None or cell["cell_type"] != "code":
            continue
        begin, end = MARKERS["solution"]
        # the right-hand side of each solution line is what a learner would copy
        solution = [
            _squash(line.split("=", 1)[-1] if re.match(r"\s*\w+\s*=[^=]", line) else line)
            for inside, line in split_regions(source(cell), begin, end)
            if inside and is_significant(line) and not line.strip().startswith("#")
        ]
        hinted = _squash("\n".join(tiers))
        assert solution, f"{answer}: no solution lines"
        shown = [line for line in solution if line in hinted]
        assert len(shown) < len(solution), f"{answer}: the hints spell out the whole solution"


@pytest.mark.parametrize("path", _notebooks())
def test_every_autograded_question_has_hints(path):
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    with_hints = {answer for answer, _ in _hints(path)}
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    autograded = {
        answer
        for answer, test in _questions(nb).values()
        if answer != test and cells[test].cell_type == "code"  # a solution cell, then its test
    }
    missing = sorted(autograded - with_hints)
    assert not missing, f"autograded questions without hints: {missing}"
