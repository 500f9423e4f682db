"""The course README's points table matches the notebooks' nbgrader points."""

from __future__ import annotations

import json
import re

from .conftest import COURSE_ROOTS


def _points(notebook) -> tuple[float, float]:
    auto = manual = 0.0
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade"):
            if meta.get("solution"):
                manual += meta["points"]
            else:
                auto += meta["points"]
    return auto, manual


def test_points_table_matches_notebooks():
    for root in COURSE_ROOTS:
        readme = (root / "README.md").read_text(encoding="utf-8")
        for assignment in sorted(p for p in (root / "source").iterdir() if p.is_dir()):
            auto = manual = 0.0
            for nb in assignment.glob("*.ipynb"):
                a, m = _points(nb)
                auto, manual = auto + a, manual + m
            row = re.search(
                rf"\| `{re.escape(assignment.name)}` \|[^|]*\| (\d+)[^|]*\| (\d+)[^|]*\| (\d+) \|",
                readme,
            )
            assert row, f"{assignment.name} missing from {root.name}/README.md points table"
            assert (float(row[1]), float(row[2]), float(row[3])) == (auto, manual, auto + manual)
