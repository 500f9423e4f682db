"""Same verdicts and output types as stock nbgrader (a Jupyter kernel) on honest notebooks."""

from __future__ import annotations

import copy
import shutil

import nbformat
import pytest

from .conftest import (
    COURSE,
    REPO,
    answer_cell,
    code,
    grade_cell,
    grades,
    notebook,
    outputs_of,
    setup_cell,
)


def _stock(nb, folder, monkeypatch):
    """Execute with nbgrader's own Execute preprocessor: a real kernel, inline plots."""
    from nbgrader.preprocessors import Execute

    monkeypatch.delenv("MPLBACKEND", raising=False)  # a trainer's shell has none: inline
    # as `nbgrader autograde` does: the learner's own-kernel conveniences are off
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    executed = nbformat.from_dict(copy.deepcopy(nb))
    Execute(timeout=60).preprocess(executed, {"metadata": {"path": str(folder)}})
    return executed


def _ours(nb, run):
    executed = nbformat.from_dict(copy.deepcopy(nb))
    return run(executed)


def unusual_notebook():
    return notebook(
        setup_cell(
            "from toolkit.checks import expect\nimport numpy as np\nimport matplotlib.pyplot as plt"
        ),
        code("import sys\nprint('ra'); print('lỗi', file=sys.stderr); print('ra nữa')"),
        code("import warnings\nwarnings.warn('chú ý: dữ liệu cũ')"),
        code("def hong(:\n    pass"),
        code("%%time\nsum(range(1000))"),
        code("!echo xin chào"),
        code("ten = input('Tên bạn? ')"),
        code("from IPython.display import HTML, display\ndisplay(HTML('<b>đậm</b>'))\n'kết quả'"),
        code("from IPython.display import clear_output\nprint('cũ')\nclear_output()\nprint('mới')"),
        code("fig, ax = plt.subplots()\nax.plot([1, 2, 3])\nax.set_title('Doanh thu')"),
        code("np.float64(0.25)"),
        code(""),
        code("print('trước lỗi')\n1 / 0"),
        answer_cell("ti_le = np.float64(0.25)", "cau-1"),
        grade_cell("expect.number(ti_le, 0.25, name='ti_le')", "kiem-tra-1"),
        grade_cell("expect.number(ti_le, 0.5, name='ti_le')", "kiem-tra-sai", points=2),
        grade_cell("0.5", "kiem-tra-mot-phan", points=2),
        grade_cell("import sys\nprint('cảnh báo', file=sys.stderr)", "kiem-tra-stderr"),
        grade_cell("assert ti_le == 0.25\nprint('đúng')", "kiem-tra-assert"),
        grade_cell("expect.number(chua_co, 1, name='chua_co')", "kiem-tra-nameerror"),
        grade_cell("expect.number(None, 1, name='x')", "kiem-tra-chua-lam"),
    )


@pytest.mark.slow
def test_unusual_honest_notebook_matches_a_kernel(run, files_dir, monkeypatch):
    nb = unusual_notebook()
    stock = _stock(nb, files_dir, monkeypatch)
    ours, report = _ours(nb, run)
    assert grades(ours) == grades(stock)
    assert grades(ours) == {
        "kiem-tra-1": 1,
        "kiem-tra-sai": 0,
        "kiem-tra-mot-phan": 0.5,  # nbgrader's partial credit: the number, capped at points
        "kiem-tra-stderr": 0,
        "kiem-tra-assert": 1,
        "kiem-tra-nameerror": 0,
        "kiem-tra-chua-lam": 0,
    }
    for mine, theirs in zip(ours.cells, stock.cells, strict=True):
        if mine.cell_type == "code":
            assert outputs_of(mine) == outputs_of(theirs), mine.source
            assert mine.execution_count == theirs.execution_count, mine.source
    assert dict(report.untrusted_cells).keys() == {
        "kiem-tra-mot-phan",
        "kiem-tra-stderr",
        "kiem-tra-assert",
    }


def _course_notebooks():
    return sorted(REPO.glob("courses/*/source/*/*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", _course_notebooks(), ids=lambda p: p.parent.name)
def test_course_solution_matches_a_kernel(path, run, files_dir, monkeypatch):
    for item in path.parent.iterdir():  # the assignment's data files, as nbgrader copies them
        if item.is_file() and item.suffix != ".ipynb":
            shutil.copy(item, files_dir / item.name)
    nb = nbformat.read(str(path), as_version=4)
    stock = _stock(nb, files_dir, monkeypatch)
    ours, report = _ours(nb, run)
    assert grades(ours) == grades(stock)
    assert all(score == points for score, points in _scores(ours)), grades(ours)
    assert not report.untrusted_cells  # every test cell is checked out of process
    for mine, theirs in zip(ours.cells, stock.cells, strict=True):
        if mine.cell_type == "code":
            assert outputs_of(mine) == outputs_of(theirs), mine.source


def _scores(nb):
    from nbgrader.utils import determine_grade, is_grade

    return [determine_grade(c) for c in nb.cells if is_grade(c) and c.cell_type == "code"]


@pytest.mark.slow
def test_known_wrong_answers_match_a_kernel(run, files_dir, monkeypatch):
    from tests.courses.known_wrong import known_wrong

    nb = nbformat.read(str(COURSE / "source" / "00-lam-quen" / "00-lam-quen.ipynb"), as_version=4)
    seen = set()
    for answer_id, wrong, _test, _fragment in known_wrong("00-lam-quen"):
        if answer_id in seen:
            continue
        seen.add(answer_id)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == answer_id:
                cell.source = wrong
    stock = _stock(nb, files_dir, monkeypatch)
    ours, _ = _ours(nb, run)
    assert grades(ours) == grades(stock)
    assert sum(v for v in grades(ours).values() if v) == 0
    for mine, theirs in zip(ours.cells, stock.cells, strict=True):
        if mine.cell_type == "code":
            assert outputs_of(mine) == outputs_of(theirs), mine.source
