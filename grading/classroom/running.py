"""The autograde batch running now, for ``hocso status``: ``.hocso/running-<assignment>.json``.

The trainer's process (the one that saves grades) writes the file atomically
as submissions are graded and removes it when the batch ends; ``hocso status``
reads it. A file whose process is gone is shown as interrupted.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["RunningBatch", "clear_running", "read_running", "write_running"]

_PREFIX = "running-"


@dataclass(frozen=True)
class RunningBatch:
    """Where one autograde batch stands.

    Examples
    --------
    >>> b = RunningBatch("00-lam-quen", total=40, done=10, failed=1, started=0.0,
    ...                  updated=30.0, where="local", pid=1)
    >>> b.eta_seconds()
    90.0
    """

    assignment: str
    total: int
    done: int
    failed: int
    started: float  # time.time() when the batch started
    updated: float
    where: str  # "local" or the scheduler's address
    pid: int

    def eta_seconds(self) -> float | None:
        """Seconds left at the pace so far, or ``None`` before the first submission."""
        if self.done <= 0:
            return None
        pace = (self.updated - self.started) / self.done
        return max(0.0, pace * (self.total - self.done))

    def alive(self) -> bool:
        """Whether the process that runs the batch is still there (on this machine)."""
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def _path(state_dir: Path, assignment: str) -> Path:
    return state_dir / f"{_PREFIX}{assignment}.json"


def write_running(state_dir: Path, batch: RunningBatch) -> None:
    """Replace the batch's file atomically."""
    state_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=state_dir, prefix=".running-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(batch), handle)
    os.replace(tmp, _path(state_dir, batch.assignment))


def clear_running(state_dir: Path, assignment: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        _path(state_dir, assignment).unlink()


def read_running(state_dir: Path) -> tuple[RunningBatch, ...]:
    """Every batch file of the course, by assignment (unreadable files are left out)."""
    found = []
    for path in sorted(state_dir.glob(f"{_PREFIX}*.json")) if state_dir.is_dir() else ():
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            found.append(RunningBatch(**{k: raw[k] for k in RunningBatch.__dataclass_fields__}))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return tuple(found)


class Tracker:
    """Counts graded submissions into the state file, at most every ``every`` seconds."""

    def __init__(
        self, state_dir: Path, assignment: str, total: int, where: str, every: float = 1.0
    ) -> None:
        self.state_dir, self.every = state_dir, every
        now = time.time()
        self.batch = RunningBatch(assignment, total, 0, 0, now, now, where, os.getpid())
        self._written = 0.0
        self._save(force=True)

    def step(self, *, failed: bool) -> None:
        b = self.batch
        self.batch = RunningBatch(b.assignment, b.total, b.done + 1, b.failed + int(failed),
                                  b.started, time.time(), b.where, b.pid)  # fmt: skip
        self._save(force=self.batch.done == self.batch.total)

    def _save(self, *, force: bool) -> None:
        now = time.monotonic()
        if force or now - self._written >= self.every:
            self._written = now
            with contextlib.suppress(OSError):
                write_running(self.state_dir, self.batch)

    def close(self) -> None:
        clear_running(self.state_dir, self.batch.assignment)
