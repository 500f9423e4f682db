"""What nbgrader's gradebook cannot hold: why an autograde failed, which cells were
tampered with or put back. One JSON file per course, ``.hocso/autograde.json``,
rewritten atomically after every submission."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from grading.workspace import atomic_write_text

__all__ = ["LedgerEntry", "read_ledger", "record"]

_FILE = "autograde.json"


@dataclass(frozen=True)
class LedgerEntry:
    """The last autograde of one learner's assignment."""

    status: str  # "graded" or "failed"
    timestamp: str | None = None  # the submission's timestamp.txt, as written
    reason: str = ""
    restored: tuple[str, ...] = field(default=())
    tampered: tuple[str, ...] = field(default=())


def read_ledger(state_dir: Path) -> dict[str, dict[str, LedgerEntry]]:
    """``{assignment: {learner: entry}}``; empty when nothing was graded yet."""
    path = state_dir / _FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # only explanations live here; the grades are in the gradebook
    return {
        assignment: {
            learner: LedgerEntry(
                status=entry.get("status", ""),
                timestamp=entry.get("timestamp"),
                reason=entry.get("reason", ""),
                restored=tuple(entry.get("restored", ())),
                tampered=tuple(entry.get("tampered", ())),
            )
            for learner, entry in learners.items()
        }
        for assignment, learners in raw.items()
    }


def record(state_dir: Path, assignment: str, learner: str, entry: LedgerEntry) -> None:
    ledger = read_ledger(state_dir)
    ledger.setdefault(assignment, {})[learner] = entry
    data = {a: {k: asdict(v) for k, v in sorted(ls.items())} for a, ls in sorted(ledger.items())}
    atomic_write_text(state_dir / _FILE, json.dumps(data, indent=1, ensure_ascii=False))
