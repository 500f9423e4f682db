"""Committed notebooks are stripped, NFC, valid, and keep their nbgrader metadata."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import nbformat
import pytest

from .conftest import REPO

NOTEBOOKS = sorted(
    [*REPO.glob("courses/*/source/*/*.ipynb"), *REPO.glob("notebooks/*.ipynb")],
)
SOURCE_NOTEBOOKS = [p for p in NOTEBOOKS if "/source/" in p.as_posix()]


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_rel)
def test_notebook_is_valid_stripped_and_nfc(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        assert unicodedata.normalize("NFC", cell.source) == cell.source, cell.source[:60]
        if cell.cell_type == "code":
            assert cell.outputs == [], "commit notebooks with outputs stripped"
            assert cell.execution_count is None, "commit notebooks with outputs stripped"


@pytest.mark.parametrize("path", SOURCE_NOTEBOOKS, ids=_rel)
def test_nbgrader_metadata_is_intact(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    ids = []
    points = 0
    manual = 0
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if not meta:
            continue
        assert meta["schema_version"] == 3
        ids.append(meta["grade_id"])
        if meta.get("grade"):
            assert meta["points"] > 0, meta
            points += meta["points"]
            if cell["cell_type"] == "code" and not meta["solution"]:
                assert meta["locked"], f"{meta['grade_id']}: test cells must be locked"
            if meta["solution"]:
                manual += 1
        if meta.get("solution") and cell["cell_type"] == "code":
            text = "".join(cell["source"])
            before = text.split("### BEGIN SOLUTION")[0]
            assert "= ..." in before, (
                f"{meta['grade_id']}: bind the answer to ... before the solution"
            )
    assert len(ids) == len(set(ids)), "grade ids must be unique"
    assert points > 0
    assert manual >= 1, "every assignment has at least one manually graded answer"
