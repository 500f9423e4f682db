"""What nbgrader's gradebook cannot hold: why an autograde failed, which cells were
tampered with or put back. One JSON document per course, ``autograde.json`` in the
cohort's state (:mod:`grading.classroom.state`): the file ``.hocso/autograde.json``
beside a SQLite gradebook, a row of ``hocso_state`` beside PostgreSQL (changed in
one transaction holding the row's lock; the rest of this note is about the file).

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
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from grading.classroom.state import DatabaseState, FileState, State
from grading.core.errors import CohortError

__all__ = ["LedgerEntry", "ledger_lock", "read_ledger", "record", "record_many", "rename_in_ledger"]

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
    with FileState(state_dir).lock(_FILE):
        yield


def _store(state: Path | State) -> State:
    return state if isinstance(state, (FileState, DatabaseState)) else FileState(state)


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


def _corrupted(state: State, problem: str) -> CohortError:
    if isinstance(state, FileState):
        path: object = state.path(_FILE)
        backup = state.path(_FILE).with_name(f"{_FILE}.bak")
        fix = (
            f"restore the previous version, {backup}, or delete the file"
            if backup.is_file()
            else "delete the file"
        )
    else:
        path, fix = state.where(_FILE), "delete that row"
    return CohortError(
        f"{path} is not a readable autograde ledger ({problem}). It only holds why "
        f"submissions failed and which cells were edited (the grades are in the gradebook): "
        f"{fix}, then run autograde again (without it, every submission is regraded)"
    )


def _parse(text: str | None, state: State) -> dict[str, dict[str, LedgerEntry]]:
    if text is None:
        return {}
    try:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise TypeError(f"the file holds {type(raw).__name__}, not an object")
        return {
            str(assignment): {str(learner): _entry(entry) for learner, entry in learners.items()}
            for assignment, learners in raw.items()
        }
    except json.JSONDecodeError as exc:
        raise _corrupted(state, f"broken JSON at line {exc.lineno}, column {exc.colno}") from exc
    except (TypeError, AttributeError, ValueError) as exc:
        raise _corrupted(state, str(exc)) from exc


def read_ledger(state: Path | State) -> dict[str, dict[str, LedgerEntry]]:
    """``{assignment: {learner: entry}}``; empty when nothing was graded yet.

    ``state`` is the cohort's :attr:`~grading.classroom.cohort.Cohort.state`
    (or a ``.hocso`` folder).

    Raises
    ------
    CohortError
        If the ledger exists but is not one (it is left as it is).
    """
    state = _store(state)
    return _parse(_read(state), state)


def _read(state: State) -> str | None:
    try:
        return state.read(_FILE)
    except (OSError, UnicodeDecodeError) as exc:
        raise _corrupted(state, str(exc)) from exc


def _dump(ledger: dict[str, dict[str, LedgerEntry]]) -> str:
    data = {a: {k: asdict(v) for k, v in sorted(ls.items())} for a, ls in sorted(ledger.items())}
    return json.dumps(data, indent=1, ensure_ascii=False)


def record(state: Path | State, assignment: str, learner: str, entry: LedgerEntry) -> None:
    """Set ``learner``'s entry for ``assignment``, keeping every other entry.

    Raises
    ------
    CohortError
        If the ledger stored is not readable (nothing is overwritten).
    """
    record_many(state, assignment, {learner: entry})


def record_many(state: Path | State, assignment: str, entries: dict[str, LedgerEntry]) -> None:
    """Set the entries of several learners for ``assignment`` in one write (see :func:`record`)."""
    if not entries:
        return
    state = _store(state)
    _read(state)  # unreadable bytes: the clear error, before anything is locked or written

    def change(text: str | None) -> str:
        ledger = _parse(text, state)
        ledger.setdefault(assignment, {}).update(entries)
        return _dump(ledger)

    state.update(_FILE, change)


def rename_in_ledger(state: Path | State, old: str, new: str | None) -> None:
    """Move ``old``'s entries to ``new`` (None drops them); an unreadable ledger is left alone."""
    state = _store(state)
    try:
        _read(state)
    except CohortError:
        return

    def change(text: str | None) -> str | None:
        try:
            ledger = _parse(text, state)
        except CohortError:
            return text
        if text is None:
            return None
        for learners in ledger.values():
            entry = learners.pop(old, None)
            if entry is not None and new is not None:
                learners[new] = entry
        return _dump(ledger)

    state.update(_FILE, change)
