"""Run notebook cells in-process, fast, to prove checks behave (not a grader).

Cells run with ``exec`` in one namespace, as a kernel would run them; the
outcome of each graded test cell is recorded: ``"passed"``, ``"not_attempted"``,
``"incorrect"`` (a :class:`toolkit.checks.CheckFailed`) or ``"error"`` (any
other exception), with its message.
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grading.core.cells import is_test, source
from grading.core.cells import metadata as nbgrader_meta
from toolkit.checks import CheckFailed, NotAttempted

__all__ = ["Outcome", "is_test", "nbgrader_meta", "read_cells", "run_cells", "source"]


@dataclass(frozen=True)
class Outcome:
    grade_id: str
    status: str
    message: str
    stdout: str


def read_cells(path: Path) -> list[dict[str, Any]]:
    """The cells of a notebook; its self-check specs are then the ones ``expect`` uses."""
    from toolkit.selfcheck import SPECS_KEY, use_specs

    nb = json.loads(path.read_text(encoding="utf-8"))
    use_specs(nb.get("metadata", {}).get("hocso", {}).get(SPECS_KEY))
    return nb["cells"]


def run_cells(
    cells: list[dict[str, Any]], *, replace: dict[str, str] | None = None
) -> dict[str, Outcome]:
    """Run code cells top to bottom; ``replace`` maps grade ids to substitute sources."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    replace = replace or {}
    namespace: dict[str, Any] = {"__name__": "__main__"}
    outcomes: dict[str, Outcome] = {}
    try:
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            grade_id = nbgrader_meta(cell).get("grade_id", f"cell-{index}")
            code = replace.get(grade_id, source(cell))
            buffer = io.StringIO()
            status, message = "passed", ""
            try:
                with contextlib.redirect_stdout(buffer):
                    exec(compile(code, f"<{grade_id}>", "exec"), namespace)
            except NotAttempted as exc:
                status, message = "not_attempted", str(exc)
            except CheckFailed as exc:
                status, message = "incorrect", str(exc)
            except Exception as exc:
                status, message = "error", f"{type(exc).__name__}: {exc}"
            outcomes[grade_id] = Outcome(grade_id, status, message, buffer.getvalue())
    finally:
        plt.close("all")
    return outcomes
