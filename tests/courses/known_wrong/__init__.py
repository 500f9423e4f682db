"""Known-wrong answer tables, one file per assignment: ``known_wrong/<assignment>.py``.

Each file defines ``KNOWN_WRONG``: rows ``(answer cell id, learner code for that
cell, test cell id, text the failure message must contain)``. A new assignment
adds its file; nothing else lists it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["known_wrong"]

_HERE = Path(__file__).parent


def known_wrong(assignment: str) -> list[tuple[str, str, str, str]]:
    """The rows of ``assignment`` (empty when it has no table yet)."""
    file = _HERE / f"{assignment}.py"
    if not file.is_file():
        return []
    spec = importlib.util.spec_from_file_location(f"known_wrong_{assignment}", file)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return list(module.KNOWN_WRONG)
