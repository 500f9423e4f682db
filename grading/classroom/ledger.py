"""What nbgrader's gradebook cannot hold: why an autograde failed, which cells were
tampered with or put back. One JSON file per course, ``.hocso/autograde.json``.

Every change is a read-modify-write under an exclusive lock
(``fcntl.flock`` on ``autograde.json.lock``), so two autogrades of one course
running at once never lose each other's entries; the new file replaces the old
one atomically (written next to it, flushed, then ``os.replace``), so a reader
never sees half a file, and the version it replaces is kept as
``autograde.json.bak``. A file that is not a ledger (cut short by a full disk,
edited by hand) is never read as empty, which would regrade everything and
lose every failure reason: reading it raises :class:`~grading.core.errors.CohortError`
naming the file and the backup.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from grading.core.errors import CohortError

__all__ = ["LedgerEntry", "ledger_lock", "read_ledger", "record"]

_FILE = "autograde.json"


@dataclass(frozen=True)
class LedgerEntry:
    """The last autograde of one learner's assignment."""

    status: str  # "graded" or "failed"
    timestamp: str | None = None  # the submission's timestamp.txt, as written
    reason: str = ""
    restored: tuple[str, ...] = field(default=())
    tampered: tuple[str, ...] = field(default=())


@contextlib.contextmanager
def ledger_lock(state_dir: Path) -> Iterator[None]:
    """Hold the course's ledger lock (exclusive, released on exit, even on a crash)."""
    import fcntl

    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / f"{_FILE}.lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _entry(raw: Any) -> LedgerEntry:
    if not isinstance(raw, dict):
        raise TypeError(f"an entry is {type(raw).__name__}, not an object")
    return LedgerEntry(
        status=str(raw.get("status", "")),
        timestamp=raw.get("timestamp"),
        reason=str(raw.get("reason", "")),
        restored=tuple(raw.get("restored", ())),
        tampered=tuple(raw.get("tampered", ())),
    )


def _corrupted(path: Path, problem: str) -> CohortError:
    backup = path.with_name(f"{_FILE}.bak")
    fix = (
        f"restore the previous version, {backup}, or delete the file"
        if backup.is_file()
        else "delete the file"
    )
    return CohortError(
        f"{path} is not a readable autograde ledger ({problem}). It only holds why "
        f"submissions failed and which cells were edited (the grades are in the gradebook): "
        f"{fix}, then run autograde again (without it, every submission is regraded)"
    )


def read_ledger(state_dir: Path) -> dict[str, dict[str, LedgerEntry]]:
    """``{assignment: {learner: entry}}``; empty when nothing was graded yet.

    Raises
    ------
    CohortError
        If the file exists but is not a ledger (it is left as it is).
    """
    path = state_dir / _FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise _corrupted(path, str(exc)) from exc
    try:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise TypeError(f"the file holds {type(raw).__name__}, not an object")
        return {
            str(assignment): {str(learner): _entry(entry) for learner, entry in learners.items()}
            for assignment, learners in raw.items()
        }
    except json.JSONDecodeError as exc:
        raise _corrupted(path, f"broken JSON at line {exc.lineno}, column {exc.colno}") from exc
    except (TypeError, AttributeError, ValueError) as exc:
        raise _corrupted(path, str(exc)) from exc


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, keeping the version it replaces as ``.bak``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.is_file():
            backup = path.with_name(f"{_FILE}.bak")
            link = f"{tmp}.bak"
            os.link(path, link)  # the current version, under a second name: no copy
            os.replace(link, backup)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def record(state_dir: Path, assignment: str, learner: str, entry: LedgerEntry) -> None:
    """Set ``learner``'s entry for ``assignment``, keeping every other entry.

    Raises
    ------
    CohortError
        If the ledger on disk is not readable (nothing is overwritten).
    """
    with ledger_lock(state_dir):
        ledger = read_ledger(state_dir)
        ledger.setdefault(assignment, {})[learner] = entry
        data = {
            a: {k: asdict(v) for k, v in sorted(ls.items())} for a, ls in sorted(ledger.items())
        }
        _replace(state_dir / _FILE, json.dumps(data, indent=1, ensure_ascii=False))
