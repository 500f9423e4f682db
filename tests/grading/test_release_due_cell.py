"""Each released notebook says its due date first, in the class's time, day first."""

from __future__ import annotations

import datetime as dt
import json

from grading.verbs.release import DUE_CELL_ID, write_due_date


def _notebook(path, cells):
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_the_due_date_is_the_first_cell_and_in_the_metadata(tmp_path):
    title = {"cell_type": "markdown", "id": "tieu-de", "metadata": {}, "source": "# Bài 0"}
    _notebook(tmp_path / "00-lam-quen.ipynb", [title])
    due = dt.datetime(2026, 12, 20, 16, 59)  # naive UTC, as nbgrader keeps it
    assert write_due_date(tmp_path, due, tz="Asia/Ho_Chi_Minh") == 1
    nb = json.loads((tmp_path / "00-lam-quen.ipynb").read_text("utf-8"))
    first = nb["cells"][0]
    assert first["id"] == DUE_CELL_ID
    assert "nbgrader" not in first["metadata"]  # grading never sees it
    assert "20/12/2026 23:59 (giờ Việt Nam)" in first["source"]  # 16:59 UTC is 23:59 here
    assert "UTC" not in first["source"]
    assert nb["cells"][1] == title
    assert nb["metadata"]["hocso"]["due"] == "2026-12-20T16:59:00Z"
    # released again with another date: one due cell, the new date; without: none
    write_due_date(tmp_path, due + dt.timedelta(days=1), tz="Asia/Ho_Chi_Minh")
    nb = json.loads((tmp_path / "00-lam-quen.ipynb").read_text("utf-8"))
    assert [c["id"] for c in nb["cells"]] == [DUE_CELL_ID, "tieu-de"]
    assert "21/12/2026 23:59" in nb["cells"][0]["source"]
    write_due_date(tmp_path, None)
    nb = json.loads((tmp_path / "00-lam-quen.ipynb").read_text("utf-8"))
    assert [c["id"] for c in nb["cells"]] == ["tieu-de"]
    assert "due" not in nb["metadata"]["hocso"]


def test_another_class_time_zone_is_named(tmp_path):
    _notebook(tmp_path / "bai.ipynb", [])
    write_due_date(tmp_path, dt.datetime(2026, 12, 20, 16, 59), tz="Asia/Tokyo")
    nb = json.loads((tmp_path / "bai.ipynb").read_text("utf-8"))
    assert "21/12/2026 01:59 (UTC+09)" in nb["cells"][0]["source"]
