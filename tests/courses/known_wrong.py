"""Known-wrong answers per assignment, read from ``tests/courses/known_wrong/<assignment>.py``.

Each file there defines ``KNOWN_WRONG: list[tuple[str, str, str, str]]`` rows
``(answer cell id, learner code for that cell, test cell id, text the failure must contain)``.
Every graded test cell needs at least one row whose expected text is a
known-mistake message ("Lỗi hay gặp"), so no question ships without one.

(Bridge until the harness reads the folder itself: this module only gathers the files.)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_FOLDER = Path(__file__).with_name("known_wrong")


def _rows(path: Path) -> list[tuple[str, str, str, str]]:
    spec = importlib.util.spec_from_file_location(f"known_wrong_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.KNOWN_WRONG)


KNOWN_WRONG: dict[str, list[tuple[str, str, str, str]]] = {
    path.stem: _rows(path) for path in sorted(_FOLDER.glob("*.py"))
}
