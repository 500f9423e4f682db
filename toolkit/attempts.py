"""The learner's side of a check: quiet failures and the attempt log.

In a learner's own Jupyter kernel (:func:`learner_mode`) a failed check is
shown as one short error output (no traceback; nbgrader still scores the cell
0) and does not stop "Run All"; every
self-check outcome and every hint request is appended as one JSON line to
``.hocso-attempts.jsonl`` in the assignment folder (the kernel's working
folder), which nbgrader submits with the notebook:

``{"v": 1, "time": "2026-03-01T20:15:03+07:00", "assignment": "00-lam-quen",
"question": "kiem-tra-cau-2", "event": "check", "outcome": "incorrect",
"mistake": "m1", "hint_tier": null}``

The log is for the trainer's progress view only and never trusted for
grades: a learner can edit it. Writing it never breaks the notebook: a
read-only folder, a full disk or any other ``OSError`` just skips the line.

Everywhere else (nbgrader's validate and autograde, which set
``NBGRADER_EXECUTION``; the sandboxed grader; plain Python and tests) checks
raise as usual. Either way a failed check leaves an error output, so a wrong
answer scores 0 whichever kernel ran the notebook.

Examples
--------
>>> learner_mode()  # doctests do not run in a Jupyter kernel
False
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "LOG_NAME",
    "earlier_failure",
    "learner_mode",
    "log_path",
    "read_log",
    "record",
    "record_check",
    "record_hint",
    "show_failure",
]

LOG_NAME = ".hocso-attempts.jsonl"
LOG_VERSION = 1
_MAX_LOG_BYTES = 2_000_000  # a runaway loop of checks cannot fill the learner's disk
_VIETNAM = _dt.timezone(_dt.timedelta(hours=7))
_failures: dict[int | None, BaseException] = {}


def _shell() -> Any:
    """The running IPython shell, without importing IPython when it is not loaded."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    try:
        return ipython.get_ipython()
    except Exception:  # pragma: no cover - a broken IPython install
        return None


def learner_mode() -> bool:
    """Whether checks run in a learner's interactive kernel (not graded, not a test).

    True in a Jupyter kernel unless nbgrader is validating or grading
    (``NBGRADER_EXECUTION``) or ``HOCSO_STRICT_CHECKS`` is set.
    """
    if os.environ.get("NBGRADER_EXECUTION") or os.environ.get("HOCSO_STRICT_CHECKS"):
        return False
    shell = _shell()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _run() -> int | None:
    return getattr(_shell(), "execution_count", None)


def earlier_failure() -> BaseException | None:
    """The check that already failed in the running cell, if any."""
    return _failures.get(_run())


def show_failure(failure: BaseException) -> None:
    """Show a failed check as one short error output of the running cell (no traceback).

    It is an *error output*, so nbgrader scores the cell 0 whatever ran it, but
    nothing is raised: "Run All" goes on to the next cell.
    """
    from toolkit._kernel import short_traceback

    run = _run()
    _failures[run] = failure
    while len(_failures) > 32:  # keep only recent cell runs
        _failures.pop(next(iter(_failures)))
    shell = _shell()
    if getattr(failure, "outcome", None) == "not_attempted" and shell is not None:
        _show_not_attempted(str(failure))  # amber, not the red box of a wrong answer
        return
    if shell is not None and hasattr(shell, "_showtraceback"):
        shell._showtraceback(type(failure), failure, short_traceback(str(failure)))
    else:  # pragma: no cover - learner mode implies a shell
        print(failure, file=sys.stderr)


NOT_ATTEMPTED_STYLE = (
    "background:#fff8e1;border-left:4px solid #f0ad4e;color:#5d4200;"
    "padding:6px 10px;margin:2px 0;white-space:pre-wrap;font-family:var(--jp-code-font-family)"
)


def _show_not_attempted(text: str) -> None:
    """A "not attempted yet" notice: an amber block, visibly not a wrong answer."""
    import html

    from IPython.display import display

    block = (
        f'<div class="hocso-not-attempted" style="{NOT_ATTEMPTED_STYLE}">{html.escape(text)}</div>'
    )
    display({"text/html": block, "text/plain": text}, raw=True)


def log_path(folder: str | os.PathLike[str] | None = None) -> Path:
    """Where the attempt log of the assignment in ``folder`` (default: the working folder) is."""
    return Path(folder or os.getcwd()) / LOG_NAME


def record(
    event: str,
    question: str,
    *,
    outcome: str | None = None,
    mistake: str | None = None,
    hint_tier: int | None = None,
    folder: str | os.PathLike[str] | None = None,
) -> bool:
    """Append one line to the attempt log; return whether it was written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     record("hint", "kiem-tra-cau-1", hint_tier=1, folder=folder)
    ...     [line["hint_tier"] for line in read_log(folder)]
    True
    [1]
    """
    path = log_path(folder)
    line = {
        "v": LOG_VERSION,
        "time": _dt.datetime.now(_VIETNAM).isoformat(timespec="seconds"),
        "assignment": path.parent.name,
        "question": question,
        "event": event,
        "outcome": outcome,
        "mistake": mistake,
        "hint_tier": hint_tier,
    }
    try:
        if path.exists() and path.stat().st_size > _MAX_LOG_BYTES:
            return False
        with path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError:
        return False
    return True


def record_check(spec: Mapping[str, Any], failure: BaseException | None) -> None:
    """Record a self-check's outcome (``failure`` is None when it passed)."""
    outcome = "correct" if failure is None else getattr(failure, "outcome", "incorrect")
    if outcome not in ("correct", "not_attempted"):  # "almost" is not yet right: incorrect
        outcome = "incorrect"
    record(
        "check",
        str(spec.get("question", "")),
        outcome=outcome,
        mistake=getattr(failure, "mistake_id", None),
    )


def record_hint(question: str, tier: int) -> None:
    """Record that hint ``tier`` of ``question`` was shown."""
    record("hint", question, hint_tier=tier)


def read_log(folder: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The readable lines of the attempt log (bad lines are skipped)."""
    try:
        text = log_path(folder).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    lines = []
    for raw in text.splitlines():
        try:
            line = json.loads(raw)
        except ValueError:
            continue
        if isinstance(line, dict):
            lines.append(line)
    return lines
