"""Tiered hints on request: ``goi_y("cau-3")`` shows the next hint of question 3.

``hocso build`` moves each question's hints out of its text into the
notebook's metadata (``metadata.hocso.hints``, see ``grading.verbs.selfcheck``):
``{"cau-3": {"question": "kiem-tra-cau-3", "tiers": [idea, function, skeleton]}}``.
In the learner's kernel, :func:`goi_y` reads them from the notebooks of the
working folder (the assignment folder) and shows one tier per call: the idea,
then the function or method to use, then a skeleton with the notebook's own
names. No tier is the full solution; the worked solution reaches learners only
when the trainer releases it after the due date (``hocso solutions``).

Each request is recorded in the attempt log (:mod:`toolkit.attempts`), which
also remembers which tier comes next after a kernel restart. A request is a
cell asking once: which cell showed which tier is kept beside the log
(:data:`REQUESTS_NAME`), so running the same cell again (Run All, Restart &
Run All, Validate) shows the same hints without counting a new request.

Examples
--------
>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> nb = {"cells": [], "metadata": {"hocso": {"hints": {"cau-1": {
...     "question": "kiem-tra-cau-1", "tiers": ["Ý tưởng.", "Dùng `len`."]}}}}}
>>> _ = (folder / "bai.ipynb").write_text(json.dumps(nb), encoding="utf-8")
>>> goi_y("cau-1", folder=folder)
💡 Gợi ý 1/2 cho cau-1:
Ý tưởng.
>>> goi_y(1, folder=folder)
💡 Gợi ý 2/2 cho cau-1 (gợi ý cuối):
Dùng `len`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from toolkit import attempts
from toolkit.i18n import t

__all__ = ["find_hints", "goi_y", "hint_text"]

_MAX_NOTEBOOK_BYTES = 20_000_000
_asked: dict[str, int] = {}  # tiers shown in this kernel, when the log cannot be written
_cells: dict[str, dict[str, Any]] = {}  # {cell id: {"question", "tier"}}: what each cell showed
#: Which cell asked for which tier (cell ids are stable in a notebook), beside the attempt log.
REQUESTS_NAME = ".hocso-goi-y.json"


def find_hints(folder: str | os.PathLike[str] | None = None) -> dict[str, dict[str, Any]]:
    """All hints of the notebooks in ``folder`` (default: the working folder), by answer id."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(folder or os.getcwd()).glob("*.ipynb")):
        try:
            if path.stat().st_size > _MAX_NOTEBOOK_BYTES:
                continue
            metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, ValueError, AttributeError):
            continue
        hints = metadata.get("hocso", {}).get("hints", {}) if isinstance(metadata, dict) else {}
        if isinstance(hints, dict):
            for answer, entry in hints.items():
                if isinstance(entry, dict) and isinstance(entry.get("tiers"), list):
                    found.setdefault(str(answer), entry)
    return found


def _resolve(question: object, hints: dict[str, dict[str, Any]]) -> str | None:
    key = str(question).strip()
    if re.fullmatch(r"\d+", key):
        key = f"cau-{key}"
    if key in hints:
        return key
    for answer, entry in hints.items():  # the test cell's id works too
        if entry.get("question") == key:
            return answer
    return None


def hint_text(answer: str, tier: int, entry: dict[str, Any]) -> str:
    """The text shown for hint ``tier`` (1-based) of ``answer``."""
    tiers = entry["tiers"]
    header_key = "hint.header_last" if tier >= len(tiers) else "hint.header"
    header = t(header_key, tier=tier, count=len(tiers), answer=answer)
    return f"{header}\n{tiers[tier - 1]}"


def _requests_path(folder: str | os.PathLike[str] | None) -> Path:
    return Path(folder or os.getcwd()) / REQUESTS_NAME


def _read_requests(folder: str | os.PathLike[str] | None) -> dict[str, Any]:
    try:
        found = json.loads(_requests_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write_requests(folder: str | os.PathLike[str] | None, requests: dict[str, Any]) -> None:
    path = _requests_path(folder)
    try:
        partial = path.with_name(path.name + ".tmp")
        partial.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass  # a read-only folder: this kernel still remembers (_cells)


def _cell_tier(cell: str | None, test: str, folder: Any) -> int:
    """The tier a cell already showed for ``test`` (0 when it never asked)."""
    if cell is None:
        return 0
    entry = _cells.get(cell) or _read_requests(folder).get(cell)
    if isinstance(entry, dict) and entry.get("question") == test:
        tier = entry.get("tier")
        return tier if isinstance(tier, int) and tier > 0 else 0
    return 0


def goi_y(question: object = None, *, folder: str | os.PathLike[str] | None = None) -> None:
    """Show the next hint of ``question`` ("cau-3", 3 or "kiem-tra-cau-3").

    Without a question, list the questions that have hints.

    A request is one cell asking once: running the same cell again (Run All,
    a restart, nbgrader's Validate) shows what it showed before, never the next
    tier, and logs nothing; a new cell asks for the next tier. Under nbgrader
    (validate, autograde) it shows nothing at all, so feedback holds no hint.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return
    hints = find_hints(folder)
    if question is None:
        print(t("hint.list", questions=", ".join(f'"{a}"' for a in hints) or "—"))
        return
    answer = _resolve(question, hints)
    if answer is None:
        print(t("hint.unknown", question=str(question), questions=", ".join(hints) or "—"))
        return
    entry = hints[answer]
    test = str(entry.get("question", answer))
    from toolkit._kernel import running_cell_id

    cell = running_cell_id()
    shown_here = _cell_tier(cell, test, folder)
    if shown_here:  # a replay of this cell: the same hints, no new request
        text = "\n\n".join(hint_text(answer, n, entry) for n in range(1, shown_here + 1))
        _display(text + "\n\n" + t("hint.replayed", answer=answer))
        return
    logged = sum(
        1
        for line in attempts.read_log(folder)
        if line.get("event") == "hint" and line.get("question") == test
    )
    shown = max(logged, _asked.get(test, 0))
    tier = min(shown + 1, len(entry["tiers"]))
    _asked[test] = shown + 1
    attempts.record("hint", test, hint_tier=tier, folder=folder)
    if cell is not None:
        _cells[cell] = {"question": test, "tier": tier}
        _write_requests(folder, {**_read_requests(folder), cell: _cells[cell]})
    text = hint_text(answer, tier, entry)
    if shown + 1 > len(entry["tiers"]):
        text += "\n" + t("hint.no_more")
    _display(text)


def _display(text: str) -> None:
    shell = attempts._shell()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import Markdown, display

        display(Markdown(text.replace("\n", "\n\n", 1)))
        return
    print(text)
