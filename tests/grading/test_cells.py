"""grading.core.cells agrees with nbgrader: its predicates, its delimiters, its regions."""

from __future__ import annotations

import nbformat
import pytest
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions
from traitlets.config import Config

from grading.core import cells
from grading.core.leaks import find_leaks, secret_lines

from ._cells import answer_cell, grade_cell, locked_cell, notebook, plain_cell, written_cell

FACTORIES = {
    "plain": lambda raw: plain_cell("x = 1", raw=raw),
    "locked": lambda raw: locked_cell("from toolkit import data", raw=raw),
    "answer": lambda raw: answer_cell("x = ...\n### BEGIN SOLUTION\nx = 2\n### END SOLUTION\nx", raw=raw),
    "test": lambda raw: grade_cell("expect.integer(x, 2, name='x')", points=2, raw=raw),
    "written": lambda raw: written_cell("### BEGIN SOLUTION\nMột câu trả lời.\n### END SOLUTION", raw=raw),
}  # fmt: skip


@pytest.mark.parametrize("kind", FACTORIES)
@pytest.mark.parametrize("raw", [False, True], ids=["NotebookNode", "dict"])
def test_predicates_are_nbgraders(kind, raw):
    cell, node = FACTORIES[kind](raw), FACTORIES[kind](False)
    assert cells.is_grade(cell) == bool(utils.is_grade(node))
    assert cells.is_solution(cell) == bool(utils.is_solution(node))
    assert cells.is_locked(cell) == bool(utils.is_locked(node))
    assert cells.is_task(cell) == bool(utils.is_task(node))
    assert cells.is_test(cell) == (kind == "test")
    if utils.is_grade(node):
        assert cells.points(cell) == float(node.metadata.nbgrader["points"])
    else:
        assert cells.points(cell) == 0.0


def test_a_locked_solution_is_not_locked_as_for_nbgrader():
    cell = answer_cell("x = 1")
    cell.metadata.nbgrader["locked"] = True
    assert utils.is_locked(cell) is False
    assert cells.is_locked(cell) is False  # nbgrader never puts it back: the learner owns it


def test_source_is_the_same_for_lines_and_text():
    text = "a = 1\nb = 2\n"
    assert cells.source({"source": text.splitlines(keepends=True)}) == text
    assert cells.source({"source": text}) == text
    assert cells.source({}) == ""
    assert cells.metadata({"metadata": {"nbgrader": None}}) == {}
    assert cells.grade_id({"metadata": {}}) is None


def test_points_sum_over_graded_cells_only():
    nb = notebook(*(factory(False) for factory in FACTORIES.values()))
    assert cells.total_points(nb.cells) == 2 + 3
    assert [cells.grade_id(c) for c in cells.grade_cells(nb.cells)] == ["kiem-tra-cau-1", "cau-9"]


def test_default_delimiters_are_nbgraders_defaults():
    """If nbgrader changes its delimiters, this fails instead of hocso scanning the wrong ones."""
    assert cells.DEFAULT_DELIMITERS == cells.Delimiters(
        begin_solution=ClearSolutions.begin_solution_delimeter.default_value,
        end_solution=ClearSolutions.end_solution_delimeter.default_value,
        begin_hidden_tests=ClearHiddenTests.begin_test_delimeter.default_value,
        end_hidden_tests=ClearHiddenTests.end_test_delimeter.default_value,
    )


SPELLINGS = ["### {}", "## {}", "# {}", "{}", "    ### {}", "#### {} (đáp án)"]


def _nbgrader_clears(source: str, config: Config | None = None) -> str:
    """The source as nbgrader's ClearSolutions leaves it, with an empty stub."""
    config = config or Config()
    config.ClearSolutions.code_stub = {"python": ""}
    cell = nbformat.v4.new_code_cell(source)
    ClearSolutions(config=config)._replace_solution_region(cell, "python")
    return "\n".join(line for line in cell.source.split("\n") if line.strip())


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_solution_region_is_one_exactly_when_nbgrader_clears_it(spelling):
    begin, end = spelling.format("BEGIN SOLUTION"), spelling.format("END SOLUTION")
    source = f"x = ...\n{begin}\nx = len(don_hang)\n{end}\nx"
    ours = "\n".join(
        line for inside, line in cells.split_regions(source, *cells.DEFAULT_DELIMITERS.solution)
        if not inside
    )  # fmt: skip
    assert ours == _nbgrader_clears(source) == "x = ...\nx"
    assert cells.solution_code({"source": source}) == "x = len(don_hang)"
    # and the leak scanner sees the same region
    secret = secret_lines({"cells": [{"source": source}]})
    assert secret == {"cell 0": {("solution", "x = len(don_hang)")}}
    leaked = {"cells": [{"source": "x = ...\nx = len(don_hang)\nx"}]}
    assert [leak.kind for leak in find_leaks({"cells": [{"source": source}]}, leaked)] == [
        "solution"
    ]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_hidden_region_is_one_exactly_when_nbgrader_removes_it(spelling):
    begin, end = spelling.format("BEGIN HIDDEN TESTS"), spelling.format("END HIDDEN TESTS")
    source = (
        f"expect.has_type(x, 'number', name='x')\n{begin}\nexpect.integer(x, 2, name='x')\n{end}"
    )
    cell = nbformat.v4.new_code_cell(source)
    ClearHiddenTests()._remove_hidden_test_region(cell)
    assert cells.strip_hidden(source) == cell.source


def test_a_course_with_its_own_delimiters_is_scanned_with_them():
    config = Config()
    config.ClearSolutions.begin_solution_delimeter = "<<< lời giải"
    config.ClearSolutions.end_solution_delimeter = ">>> hết"
    delimiters = cells.Delimiters.from_config(config)
    source = "x = ...\n# <<< lời giải\nx = len(don_hang)\n# >>> hết\nx"
    assert _nbgrader_clears(source, config) == "x = ...\nx"
    nb = {"cells": [{"source": source}]}
    assert secret_lines(nb, delimiters) == {"cell 0": {("solution", "x = len(don_hang)")}}
    assert secret_lines(nb) == {}  # with nbgrader's defaults, nothing is a region here
    assert cells.Delimiters.from_config(None) == cells.DEFAULT_DELIMITERS


def test_solved_keeps_everything_but_the_delimiters():
    cell = FACTORIES["answer"](True)
    assert cells.solved(cell) == "x = ...\nx = 2\nx"
