"""The optional own-data cell of each assignment reads a learner's CSV or says, in Vietnamese, what is wrong.

Issue 23: each assignment ends with a cell that runs the same analysis on a
file the learner exports from their own shop. A wrong file (missing column,
text in a money column, a date that is not one, an unknown label) gets a
short Vietnamese message naming the column and the line, never a traceback;
a right file (here: the bundled data written as CSV) gets the analysis.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.courses._nbrun import read_cells, source

from .conftest import REPO

COURSE = REPO / "courses" / "kinh-doanh-so" / "source"
OWN = "du-lieu-cua-toi"


def _own_cell(assignment: str) -> tuple[list[dict], str]:
    (path,) = sorted((COURSE / assignment).glob("*.ipynb"))
    cells = read_cells(path)
    (index,) = [i for i, c in enumerate(cells) if c.get("id") == OWN]
    return cells[:index], source(cells[index])


def _setup(assignment: str) -> tuple[dict[str, Any], str]:
    """The namespace of the notebook just before the own-data cell, and that cell's code."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    before, code = _own_cell(assignment)
    namespace: dict[str, Any] = {"__name__": "__main__", "display": print}
    try:
        for cell in before:
            if cell["cell_type"] == "code":
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(source(cell), "<cell>", "exec"), namespace)
    finally:
        plt.close("all")
    return namespace, code


def _run(namespace: dict[str, Any], code: str, file: Path) -> str:
    code = re.sub(r'Path\("du-lieu-cua-toi/[^"]+"\)', f"Path({str(file)!r})", code, count=1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<own-data>", "exec"), dict(namespace))
    return out.getvalue()


def _frame(assignment: str):
    from toolkit import data

    if assignment == "00-lam-quen":
        return data.load("orders")
    if assignment == "02-marketing":
        return data.load("campaigns")
    return data.load("chat_messages")[["ticket_id", "sent", "author"]]


@pytest.fixture(scope="module")
def setups():
    return {}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("assignment", "money", "column"),
    [
        ("00-lam-quen", "revenue_vnd", "status"),
        ("02-marketing", "spend_vnd", "cogs_vnd"),
        ("03-cham-soc-khach-hang", None, "author"),
    ],
)
def test_own_data_cell_explains_a_wrong_file_and_analyses_a_right_one(
    setups, tmp_path, assignment, money, column
):
    if assignment not in setups:
        setups[assignment] = _setup(assignment)
    namespace, code = setups[assignment]
    assert "Chưa có tệp" in _run(namespace, code, tmp_path / "khong-co.csv")

    frame = _frame(assignment)
    good = tmp_path / "dung.csv"
    frame.to_csv(good, index=False)
    printed = _run(namespace, code, good)
    assert "❌" not in printed, printed
    assert printed.strip(), "the analysis printed nothing"

    missing = tmp_path / "thieu-cot.csv"
    frame.drop(columns=[column]).to_csv(missing, index=False)
    printed = _run(namespace, code, missing)
    assert "❌" in printed, printed
    assert f"thiếu cột: {column}" in printed, printed

    if money:
        bad = frame.astype({money: object})
        bad.loc[3, money] = "185.000đ"
        wrong = tmp_path / "tien-co-chu.csv"
        bad.to_csv(wrong, index=False)
        printed = _run(namespace, code, wrong)
        assert f"Cột {money}, dòng 5" in printed, printed
        assert "185.000đ" in printed, printed
    else:
        bad = frame.astype({"author": object})
        bad.loc[0, "author"] = "khách"
        wrong = tmp_path / "nhan-la.csv"
        bad.to_csv(wrong, index=False)
        assert "giá trị lạ: khách" in _run(namespace, code, wrong)

    garbled = tmp_path / "ngay-sai.csv"
    bad = frame.copy()
    date_column = next(c for c in frame.columns if c in ("order_date", "date", "sent"))
    bad[date_column] = bad[date_column].astype(str)
    bad.loc[1, date_column] = "hôm qua"
    bad.to_csv(garbled, index=False)
    printed = _run(namespace, code, garbled)
    assert f"Cột {date_column}, dòng 3" in printed, printed


@pytest.mark.slow
def test_livestream_own_log_is_read_with_the_toolkit_s_checks(tmp_path):
    from toolkit import data

    namespace, code = _setup("04-livestream")
    assert "Chưa có tệp" in _run(namespace, code, tmp_path / "khong-co.csv")
    good = tmp_path / "nhat-ky.csv"
    shutil.copy(data.path("livestream_events"), good)
    assert "❌" not in _run(namespace, code, good)
    log = data.load("livestream_events").drop(columns=["event"])
    wrong = tmp_path / "thieu-cot.csv"
    log.to_csv(wrong, index=False)
    printed = _run(namespace, code, wrong)
    assert printed.startswith("❌"), printed
    assert "event" in printed, printed
