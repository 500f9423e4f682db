"""Graded answers of an assignment and the numbers a notebook shows, for leak tests.

:func:`graded_answers` runs an assignment's source notebook in-process and keeps,
after each solution cell, the value bound to its placeholder name
(``name = ...`` before ``### BEGIN SOLUTION``): the answers the autograded
tests compare. :func:`shown_numbers` reads every number a notebook's outputs
show (stream text and ``text/plain`` results), in either the Vietnamese
(``1.234,5``) or the Python (``1234.5``) notation. :func:`leaks` says which
answers are shown, at the precision shown.
"""

from __future__ import annotations

import contextlib
import copy
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.courses._nbrun import nbgrader_meta, read_cells, source

__all__ = ["Leak", "graded_answers", "leaks", "numbers_in", "run_outputs", "shown_numbers"]

PLACEHOLDER = re.compile(r"^([A-Za-z_]\w*)\s*=\s*\.\.\.\s*$", re.MULTILINE)
# A shown number must carry at least this many significant digits to count as
# the answer: "7,0" can be anything, "6,98" is a ROAS read off a table.
MIN_DIGITS = 3
# How an answer may be shown: as is, as a percentage, in thousands, in millions,
# hours as minutes.
SCALES = (1.0, 100.0, 1e-3, 1e-6, 60.0)
# A scaled reading shown as a whole number counts only where its line names the
# unit: a count of 158 customers is not 157.669.000 ₫ "in millions" unless the line
# says triệu (a reading with decimals, "106,8", is specific enough on its own).
UNIT_CUES = {
    100.0: re.compile(r"%|phần trăm"),
    1e-3: re.compile(r"nghìn|ngàn|\bk\b", re.IGNORECASE),
    1e-6: re.compile(r"triệu|\btr\b", re.IGNORECASE),
    60.0: re.compile(r"phút|\bmin", re.IGNORECASE),
}
# An answer with more numbers than this is a selection of rows of a dataset (e.g. the
# delivered orders), not a computed result: its cells are the data's own values.
MAX_NUMBERS = 200


@dataclass(frozen=True)
class Shown:
    value: float
    decimals: int
    digits: int
    text: str


@dataclass(frozen=True)
class Leak:
    answer: str
    value: float
    shown: str
    context: str


def _plain_numbers(value: Any) -> Iterator[float]:
    """Every number inside an answer (scalars, Series, DataFrames, lists, dicts)."""
    import numpy as np
    import pandas as pd

    if isinstance(value, bool | np.bool_ | str) or value is None:
        return
    if isinstance(value, pd.DataFrame | pd.Series):
        for item in np.asarray(value.select_dtypes("number") if isinstance(value, pd.DataFrame)
                               else (value if pd.api.types.is_numeric_dtype(value) else [])).ravel():  # fmt: skip
            yield from _plain_numbers(item)
        return
    if isinstance(value, dict):
        for item in value.values():
            yield from _plain_numbers(item)
        return
    if isinstance(value, list | tuple | set | np.ndarray):
        for item in value:
            yield from _plain_numbers(item)
        return
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        if math.isfinite(number):
            yield number


def graded_answers(notebook: Path) -> dict[str, list[float]]:
    """Run ``notebook`` (a source version) and return each autograded answer's numbers.

    An answer is the name bound to ``...`` in a solution cell; it counts when an
    autograded test cell follows before the question ends (ungraded challenges and
    the scratch cells of written answers do not count).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace: dict[str, Any] = {"__name__": "__main__"}
    answers: dict[str, list[float]] = {}
    pending: dict[str, list[float]] = {}  # answers of the question being read
    try:
        for cell in read_cells(notebook):
            meta = nbgrader_meta(cell)
            if cell["cell_type"] != "code":
                if meta.get("grade"):  # a written answer closes its question
                    pending = {}
                continue
            code = source(cell)
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(code, "<cell>", "exec"), namespace)
            if meta.get("solution"):
                for name in PLACEHOLDER.findall(code):
                    if name in namespace:
                        pending[name] = list(_plain_numbers(copy.deepcopy(namespace[name])))
            elif meta.get("grade"):  # an autograded test: the pending answers are graded
                answers.update(pending)
                pending = {}
    finally:
        plt.close("all")
    return answers


def run_outputs(notebook: Path, *, timeout: int = 600) -> list[str]:
    """Execute ``notebook`` in a fresh kernel; return the text of every output."""
    import nbclient
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    nbclient.NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": notebook.parent}},
    ).execute()
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                texts.append(output.get("text", ""))
            elif "data" in output and "text/plain" in output["data"]:
                texts.append(output["data"]["text/plain"])
    return texts


# a number, not part of a word, a date (1/11/2025) or a decree number (148/QĐ-TTg)
_NUMBER = re.compile(
    r"(?<![\w.,/])-?\d[\d.,\u202f\u00a0]*\d(?:e[-+]?\d+)?(?![\w/])|(?<![\w.,/])-?\d(?![\w/])"
)


def _digits(text: str) -> int:
    return len(re.sub(r"\D", "", text).lstrip("0"))


def numbers_in(text: str) -> list[Shown]:
    """Every reading of every number in ``text`` (Vietnamese and Python notation).

    Examples
    --------
    >>> sorted({n.value for n in numbers_in("ROAS 6,98 và 1.234.567 ₫")})
    [6.98, 1234567.0]
    >>> sorted({n.value for n in numbers_in("p = 0.212")})
    [0.212, 212.0]
    >>> numbers_in("Quyết định 148/QĐ-TTg, ngày 1/11/2025")
    []
    """
    found: list[Shown] = []
    for match in _NUMBER.finditer(text):
        raw = match.group(0).replace("\u202f", "").replace("\u00a0", "")
        exponent = ""
        if "e" in raw:
            raw, exponent = raw.split("e", 1)
            exponent = "e" + exponent
        readings = set()
        for group, decimal in ((".", ","), (",", ".")):
            body = raw
            if body.count(decimal) > 1:
                continue
            whole, _, fraction = body.partition(decimal)
            parts = whole.lstrip("-").split(group)
            if len(parts) > 1 and not all(len(p) == 3 for p in parts[1:]):
                continue
            readings.add((whole.replace(group, ""), fraction))
        for whole, fraction in readings:
            if not whole.lstrip("-") and not fraction:
                continue
            try:
                value = float(f"{whole or '0'}.{fraction or '0'}{exponent}")
            except ValueError:
                continue
            decimals = len(fraction) - (int(exponent[1:]) if exponent else 0)
            found.append(Shown(value, decimals, _digits(whole + fraction), match.group(0)))
    return found


def shown_numbers(texts: list[str]) -> list[tuple[Shown, str]]:
    """Every number shown in ``texts``, with its line as context."""
    shown = []
    for text in texts:
        for line in text.splitlines():
            shown += [(number, line.strip()) for number in numbers_in(line)]
    return shown


def _matches(answer: float, shown: Shown, context: str = "") -> bool:
    """Whether ``shown`` (on the line ``context``) is ``answer`` at the precision shown.

    >>> [_matches(157_669_000, numbers_in("158")[0], line) for line in ("Khách 158", "158 triệu ₫")]
    [False, True]
    >>> _matches(106_812_345, numbers_in("106,8")[0], "fb  106,8")
    True
    """
    if shown.digits < MIN_DIGITS or shown.value == 0:
        return False
    half_step = 0.5 * 10.0 ** (-shown.decimals)
    for scale in SCALES:
        if scale != 1.0 and shown.decimals <= 0 and not UNIT_CUES[scale].search(context):
            continue
        target = answer * scale
        if abs(target) < 10.0 ** (-shown.decimals):
            continue
        if abs(abs(shown.value) - abs(target)) <= half_step * (1 + 1e-9):
            return True
    return False


def _telling(value: float) -> bool:
    """Whether ``value`` has enough significant digits to be recognised when shown.

    Examples
    --------
    >>> _telling(0.4), _telling(20.5), _telling(0.0845070), _telling(15.0), _telling(100.0)
    (False, True, True, False, False)
    """
    mantissa = re.sub(r"\D", "", f"{value:.6g}".split("e")[0]).strip("0")
    return len(mantissa) >= MIN_DIGITS


def leaks(answers: dict[str, list[float]], texts: list[str]) -> list[Leak]:
    """The graded answers that ``texts`` show, at the precision shown."""
    shown = shown_numbers(texts)
    found = []
    for name, numbers in answers.items():
        if len(numbers) > MAX_NUMBERS:
            continue
        for value in filter(_telling, numbers):
            for number, context in shown:
                if _matches(value, number, context):
                    found.append(Leak(name, value, number.text, context[:160]))
    return found
