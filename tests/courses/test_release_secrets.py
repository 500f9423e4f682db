"""The learner's copy holds no expected value and no known-mistake value, in any printed form.

For every hidden check of every test cell, the trainer arguments are evaluated
(as ``hocso build`` does) and each expected and known-mistake value is looked
for in the whole learner notebook (cells and metadata, hints included), as
numbers in the forms Python, pandas and ``format_vnd`` print them and as text.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from grading.executor import _trusted
from toolkit import vn
from toolkit.plain import to_plain

from ._nbrun import is_test, nbgrader_meta, read_cells, source
from .conftest import ASSIGNMENTS, REPO

_MIN_DIGITS = 4  # "3", "12" or "0.5" stand everywhere in a notebook


def _number_forms(x: float) -> set[str]:
    if isinstance(x, bool) or not math.isfinite(x):
        return set()
    forms = set()
    if float(x).is_integer():
        n = int(x)
        forms |= {str(n), f"{n:,}", f"{n:_}", vn.format_number(n), vn.format_vnd(n), f"{n}đ"}
        forms |= {f"{n:.1f}", repr(float(n))}
    else:
        forms |= {repr(float(x)), f"{x:.6g}", vn.format_number(x, decimals=2)}
        forms |= {f"{x:.{d}f}" for d in (2, 3, 4)}
        if abs(x) <= 1:
            forms |= {f"{100 * x:.1f}", f"{100 * x:.2f}", vn.format_percent(x)}
    return {
        f
        for f in forms
        if _significant_digits(f) >= _MIN_DIGITS - 1 and len(re.findall(r"\d", f)) >= _MIN_DIGITS
    }


def _significant_digits(form: str) -> int:
    """Digits after the leading zeros: "0.001" carries one, too little to be a value."""
    return len(re.sub(r"^[^1-9]*", "", re.sub(r"[^\d]", "", form)))


def _values(plain: object) -> list[object]:
    if isinstance(plain, dict):
        keys = ("values", "bar_sizes") if "values" in plain or "bar_sizes" in plain else ("data",)
        found: list[object] = []
        for key in keys:
            part = plain.get(key)
            found += _values(list(part.values()) if isinstance(part, dict) else part)
        return found
    if isinstance(plain, list):
        return [v for item in plain for v in _values(item)]
    return [plain]


def _plain(value: object) -> object:
    for kind in ("number", "text", "series", "frame", "sequence"):
        try:
            return to_plain(value, kind)
        except Exception:
            continue
    return None


def _secret_forms(path) -> dict[str, set[str]]:
    """Printed forms of every hidden expected and mistake value, by test cell."""
    cells = read_cells(path)
    locked = [
        source(c) for c in cells if c["cell_type"] == "code" and nbgrader_meta(c).get("locked")
    ]
    imports = _trusted.trusted_imports(locked)
    names = _trusted.imported_names(imports)
    secrets: dict[str, set[str]] = {}
    for cell in cells:
        if not is_test(cell):
            continue
        plan = _trusted.analyze_test_cell(source(cell), names)
        prepared = _trusted.prepare_trusted_cell(plan, imports)
        forms: set[str] = set()
        for step in prepared.steps:
            if isinstance(step, dict) or step.check not in (
                "number",
                "integer",
                "text",
                "sequence",
                "series",
                "frame",
                "bars",
            ):
                continue
            mistakes = step.kwargs.get("mistakes") or []
            wrong = list(mistakes) if isinstance(mistakes, dict) else [w for w, _ in mistakes]
            for value in [step.args[0], *wrong]:
                for item in _values(_plain(value)):
                    # a text answer is secret; the labels of a list or table are given
                    # in the question (only their order or values are the answer)
                    if isinstance(item, str) and len(item) >= 3 and step.check == "text":
                        forms.add(item)
                    elif isinstance(item, (int, float)) and not isinstance(item, bool):
                        forms |= _number_forms(item)
        secrets[nbgrader_meta(cell)["grade_id"]] = forms
    return secrets


def _public_text(path) -> str:
    """The source notebook's text outside solution and hidden-test regions."""
    from grading.core.leaks import MARKERS, split_regions

    parts = []
    for cell in read_cells(path):
        text = source(cell)
        for begin, end in MARKERS.values():
            text = "\n".join(line for inside, line in split_regions(text, begin, end) if not inside)
        parts.append(text)
    return vn.nfc("\n".join(parts))


@pytest.mark.parametrize(("course_id", "assignment"), ASSIGNMENTS)
def test_learner_copy_holds_no_expected_or_mistake_value(built_courses, course_id, assignment):
    folder = REPO / "courses" / course_id / "source" / assignment
    for src in sorted(folder.glob("*.ipynb")):
        release = built_courses[course_id] / "release" / assignment / src.name
        text = vn.nfc(json.dumps(json.loads(release.read_text("utf-8")), ensure_ascii=False))
        secrets = _secret_forms(src)
        assert any(secrets.values()), "expected hidden checks with values"
        public = _public_text(src)
        for grade_id, forms in secrets.items():
            # a value the question itself states (a multiple-choice option) is not a leak
            leaked = sorted(f for f in forms if f in text and f not in public)
            assert not leaked, f"{src.name}: {grade_id}: the learner's copy shows {leaked}"
