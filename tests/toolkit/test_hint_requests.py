"""Hints are requested, not replayed: only a new cell asking opens the next tier."""

from __future__ import annotations

import json

import pytest

from toolkit import _kernel, attempts, hints
from toolkit.hints import REQUESTS_NAME, goi_y

TIERS = ["Ý tưởng: cộng doanh thu.", "Dùng `.sum()`.", "Khung: `tong = bang[...].sum()`"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    nb = {"cells": [], "metadata": {"hocso": {"hints": {"cau-1": {
        "question": "kiem-tra-cau-1", "tiers": TIERS}}}}}  # fmt: skip
    (tmp_path / "bai.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(hints, "_asked", {})
    monkeypatch.setattr(hints, "_cells", {})
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("HOCSO_LANG", "vi")
    yield tmp_path
    _kernel._running["cell_id"] = None


def _ask(folder, cell: str | None, capsys) -> str:
    _kernel._running["cell_id"] = cell
    goi_y("cau-1", folder=folder)
    return capsys.readouterr().out


def _requests(folder) -> list[int]:
    return [line["hint_tier"] for line in attempts.read_log(folder) if line.get("event") == "hint"]


def test_rerunning_a_cell_replays_its_hint_and_logs_nothing(folder, capsys):
    first = _ask(folder, "o-goi-y-1", capsys)
    assert "Gợi ý 1/3" in first
    assert TIERS[0] in first
    again = _ask(folder, "o-goi-y-1", capsys)  # Run All, run below, Shift+Enter again
    assert TIERS[0] in again
    assert TIERS[1] not in again
    assert "chạy lại ô không mở thêm gợi ý" in again
    assert _requests(folder) == [1]
    second = _ask(folder, "o-goi-y-2", capsys)  # a new cell: a new request
    assert "Gợi ý 2/3" in second
    assert TIERS[1] in second
    assert _requests(folder) == [1, 2]


def test_a_restarted_kernel_still_knows_which_cell_asked(folder, capsys, monkeypatch):
    _ask(folder, "o-goi-y-1", capsys)
    _ask(folder, "o-goi-y-2", capsys)
    monkeypatch.setattr(hints, "_cells", {})  # Restart & Run All: a fresh kernel
    monkeypatch.setattr(hints, "_asked", {})
    assert TIERS[0] in _ask(folder, "o-goi-y-1", capsys)
    assert TIERS[1] in _ask(folder, "o-goi-y-2", capsys)
    assert _requests(folder) == [1, 2]
    assert set(json.loads((folder / REQUESTS_NAME).read_text("utf-8"))) == {
        "o-goi-y-1",
        "o-goi-y-2",
    }


@pytest.mark.parametrize("execution", ["validate", "autograde"])
def test_nbgrader_runs_show_and_log_no_hint(folder, capsys, monkeypatch, execution):
    monkeypatch.setenv("NBGRADER_EXECUTION", execution)
    assert _ask(folder, "o-goi-y-1", capsys) == ""
    assert _ask(folder, None, capsys) == ""
    assert _requests(folder) == []


def test_without_a_cell_id_each_call_is_a_request(folder, capsys):
    assert TIERS[0] in _ask(folder, None, capsys)
    assert TIERS[1] in _ask(folder, None, capsys)
    assert _requests(folder) == [1, 2]


def test_a_read_only_folder_still_replays_in_this_kernel(folder, capsys, monkeypatch):
    monkeypatch.setattr(hints, "_write_requests", lambda *_: None)
    monkeypatch.setattr(attempts, "record", lambda *a, **k: False)
    _ask(folder, "o-1", capsys)
    assert TIERS[0] in _ask(folder, "o-1", capsys)
    assert TIERS[1] in _ask(folder, "o-2", capsys)
