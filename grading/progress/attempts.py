"""Learner attempt logs: parse, validate, store per submission, load for analytics.

The learner's kernel appends one JSON object per self-check or hint request to
``<assignment folder>/.hocso-attempts.jsonl`` (BRIEF point 6)::

    {"v": 1, "time": "2026-03-01T20:15:03+07:00", "assignment": "00-lam-quen",
     "question": "kiem-tra-cau-2", "event": "check", "outcome": "incorrect",
     "mistake": "m1", "hint_tier": null}

The file is submitted with the notebook, so it is hostile input: any size, any
bytes, a symlink to a secret. It is never trusted for grades. Here it is read
with hard caps (bytes, lines, line length), every field is checked, bad lines
are skipped and counted (never a crash), and only the validated events are
stored, re-serialised, at ``<course>/.hocso/attempts/<assignment>/<learner>.jsonl``
(written atomically), or, for a cohort whose gradebook is PostgreSQL, as the
document ``attempts/<assignment>/<learner>.jsonl`` of its database state
(:mod:`grading.classroom.state`).

Examples
--------
>>> text = (
...     '{"v": 1, "time": "2026-03-01T20:15:03+07:00", "assignment": "00-lam-quen",'
...     ' "question": "kiem-tra-cau-1", "event": "check", "outcome": "correct",'
...     ' "mistake": null, "hint_tier": null}\\n'
...     'not json\\n'
... )
>>> parsed = parse_attempts(text, assignment="00-lam-quen")
>>> [(e.question, e.event, e.outcome) for e in parsed.events]
[('kiem-tra-cau-1', 'check', 'correct')]
>>> parsed.problems
((2, 'not a JSON object'),)
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grading.classroom.roster import ID_PATTERN
from grading.core.safety import atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ATTEMPTS_FILE",
    "ATTEMPT_COLUMNS",
    "MAX_BYTES",
    "MAX_EVENTS",
    "MAX_LINE_CHARS",
    "AttemptEvent",
    "ParsedAttempts",
    "StoredAttempts",
    "attempts_dir",
    "load_attempts",
    "parse_attempts",
    "store_attempts",
    "summarise_attempts",
]

#: The log's name in a submitted assignment folder.
ATTEMPTS_FILE = ".hocso-attempts.jsonl"
#: At most this many bytes of a log are read; the rest is ignored.
MAX_BYTES = 1_000_000
#: At most this many events are kept per log.
MAX_EVENTS = 5_000
#: A longer line is skipped.
MAX_LINE_CHARS = 1_000
#: Columns of :func:`load_attempts`.
ATTEMPT_COLUMNS = (
    "learner",
    "assignment",
    "question",
    "time",
    "event",
    "outcome",
    "mistake",
    "hint_tier",
)

_ASSIGNMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_EVENTS = ("check", "hint")
_OUTCOMES = ("correct", "incorrect", "not_attempted")
_KEYS = {"v", "time", "assignment", "question", "event", "outcome", "mistake", "hint_tier"}
_MAX_TIER = 9


@dataclass(frozen=True)
class AttemptEvent:
    """One validated line of an attempt log; ``time`` is aware (UTC offset kept)."""

    time: dt.datetime
    assignment: str
    question: str
    event: str  # "check" or "hint"
    outcome: str | None  # "correct", "incorrect", "not_attempted" (checks), None (hints)
    mistake: str | None
    hint_tier: int | None

    def to_json(self) -> str:
        """The canonical line this event is stored as."""
        return json.dumps(
            {
                "v": 1,
                "time": self.time.isoformat(),
                "assignment": self.assignment,
                "question": self.question,
                "event": self.event,
                "outcome": self.outcome,
                "mistake": self.mistake,
                "hint_tier": self.hint_tier,
            },
            ensure_ascii=True,
        )


@dataclass(frozen=True)
class ParsedAttempts:
    """Valid events, and the skipped lines as ``(line number, reason)``."""

    events: tuple[AttemptEvent, ...]
    problems: tuple[tuple[int, str], ...]
    truncated: bool = False


@dataclass(frozen=True)
class StoredAttempts:
    """What :func:`store_attempts` kept: ``path`` is None when there was no log, or
    when the cohort keeps its state in its database (``events`` says what was kept)."""

    path: Path | None
    events: int
    problems: tuple[tuple[int, str], ...]
    truncated: bool = False


@functools.lru_cache(maxsize=4096)
def _is_name(text: str) -> bool:
    return _NAME.match(text) is not None  # ids repeat on every line: checked once each


@functools.lru_cache(maxsize=256)
def _is_assignment(text: str) -> bool:
    return _ASSIGNMENT.match(text) is not None


def _time(value: Any) -> dt.datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("time is not an ISO 8601 text")
    when = dt.datetime.fromisoformat(value)
    if when.tzinfo is None:
        raise ValueError("time has no UTC offset")
    if not 2000 <= when.year <= 2200:
        raise ValueError("time is out of range")
    return when


def _event(record: Any, assignment: str | None) -> AttemptEvent:
    """One record as an event, or ``ValueError`` saying what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    if record.get("v") != 1 or isinstance(record.get("v"), bool):
        raise ValueError(f"unknown version {str(record.get('v'))[:20]!r}")
    extra = set(record) - _KEYS
    if extra:
        raise ValueError(f"unknown field {sorted(extra)[0][:30]!r}")
    when = _time(record.get("time"))
    name = record.get("assignment")
    if not isinstance(name, str) or not _is_assignment(name):
        raise ValueError("assignment is not a valid id")
    if assignment is not None and name != assignment:
        raise ValueError(f"assignment {name!r} is not {assignment!r}")
    question = record.get("question")
    if not isinstance(question, str) or not _is_name(question):
        raise ValueError("question is not a valid cell id")
    event = record.get("event")
    if event not in _EVENTS:
        raise ValueError(f"event must be one of {', '.join(_EVENTS)}")
    outcome = record.get("outcome")
    mistake = record.get("mistake")
    tier = record.get("hint_tier")
    if mistake is not None and (not isinstance(mistake, str) or not _is_name(mistake)):
        raise ValueError("mistake is not a valid id")
    if tier is not None and (
        isinstance(tier, bool) or not isinstance(tier, int) or not 1 <= tier <= _MAX_TIER
    ):
        raise ValueError(f"hint_tier must be 1 to {_MAX_TIER} or null")
    if event == "check":
        if outcome not in _OUTCOMES:
            raise ValueError(f"a check's outcome must be one of {', '.join(_OUTCOMES)}")
        if tier is not None:
            raise ValueError("a check has no hint_tier")
    else:
        if outcome is not None or mistake is not None:
            raise ValueError("a hint has no outcome or mistake")
        if tier is None:
            raise ValueError("a hint needs its hint_tier")
    return AttemptEvent(when, name, question, event, outcome, mistake, tier)


def parse_attempts(
    text: str, *, assignment: str | None = None, max_events: int = MAX_EVENTS
) -> ParsedAttempts:
    """Validated events of an attempt log's text; bad lines are skipped, never raised.

    Parameters
    ----------
    text : str
        The log (JSON lines).
    assignment : str, optional
        When given, events of another assignment are refused.
    max_events : int
        Events after this many are dropped (``truncated`` is then True).

    Examples
    --------
    >>> parse_attempts('{"v": 2}\\n\\n[1]').problems
    ((1, "unknown version '2'"), (3, 'not a JSON object'))
    """
    events: list[AttemptEvent] = []
    problems: list[tuple[int, str]] = []
    truncated = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(events) >= max_events:
            truncated = True
            break
        if len(line) > MAX_LINE_CHARS:
            problems.append((number, f"longer than {MAX_LINE_CHARS} characters"))
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            problems.append((number, "not a JSON object"))
            continue
        try:
            events.append(_event(record, assignment))
        except (ValueError, TypeError, OverflowError) as exc:
            problems.append((number, str(exc)))
    return ParsedAttempts(tuple(events), tuple(problems), truncated)


def _read_capped(path: Path, limit: int = MAX_BYTES) -> tuple[str, bool] | None:
    """Up to ``limit`` bytes of a regular file (never through a symlink), as text.

    Returns None when there is no such regular file. A cut-off last line is dropped.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    truncated = len(data) > limit
    if truncated:
        data = data[: data.rfind(b"\n", 0, limit) + 1]
    return data.decode("utf-8", errors="replace"), truncated


def attempts_dir(course: Any) -> Path:
    """``<course>/.hocso/attempts`` for a course root path, a Course or a Cohort."""
    root = course if isinstance(course, (str, os.PathLike)) else course.root
    return Path(root) / ".hocso" / "attempts"


def store_attempts(
    course: Any, assignment: str, learner: str, submitted_dir: Path
) -> StoredAttempts:
    """Keep the validated attempt log of one submission, replacing the previous one.

    Reads ``<submitted_dir>/.hocso-attempts.jsonl`` (capped, never through a
    symlink) and writes its valid events to
    ``<course>/.hocso/attempts/<assignment>/<learner>.jsonl`` atomically. A
    submission without a log removes the stored log of an earlier submission.
    Never raises for anything in the submission.

    Raises
    ------
    ValueError
        If ``assignment`` or ``learner`` is not a valid id (they name files).
    OSError
        If ``<course>/.hocso/attempts`` cannot be written (a full disk): the
        trainer's machine, never the submission.
    """
    if not _ASSIGNMENT.match(assignment):
        raise ValueError(f"assignment id {assignment!r} is not valid")
    if not ID_PATTERN.match(learner):
        raise ValueError(f"learner id {learner!r} is not valid")
    name = f"attempts/{assignment}/{learner}.jsonl"
    database = _database_state(course)
    target = attempts_dir(course) / assignment / f"{learner}.jsonl"
    read = _read_capped(Path(submitted_dir) / ATTEMPTS_FILE)
    if read is None:
        if database is not None:
            database.delete(name)
        target.unlink(missing_ok=True)
        return StoredAttempts(None, 0, ())
    text, cut = read
    parsed = parse_attempts(text, assignment=assignment)
    stored = "".join(e.to_json() + "\n" for e in parsed.events)
    if database is not None:
        database.write(name, stored)
        target = None
    else:
        atomic_write_text(target, stored)
    return StoredAttempts(target, len(parsed.events), parsed.problems, cut or parsed.truncated)


def _database_state(course: Any) -> Any:
    """The cohort's database state (PostgreSQL), or None for files (SQLite, a plain folder)."""
    from grading.classroom.state import DatabaseState

    state = getattr(course, "state", None)
    return state if isinstance(state, DatabaseState) else None


def _rows(learner: str, events: Iterable[AttemptEvent]) -> list[tuple]:
    return [
        (
            learner,
            e.assignment,
            e.question,
            e.time.timestamp(),
            e.event,
            e.outcome,
            e.mistake,
            e.hint_tier,
        )
        for e in events
    ]


def load_attempts(course: Any) -> pd.DataFrame:
    """Every stored attempt event as a tidy DataFrame (one row per event).

    Columns: :data:`ATTEMPT_COLUMNS`; ``time`` in UTC, ``hint_tier`` a nullable
    integer. Stored files are validated again (they are on disk, editable);
    unreadable ones count as empty.
    """
    import pandas as pd

    rows: list[tuple] = []
    base = attempts_dir(course)
    database = _database_state(course)
    if database is not None:
        for name in database.names("attempts/"):
            _, assignment, file = name.split("/")
            learner = file.removesuffix(".jsonl")
            text = database.read(name)
            if text and _ASSIGNMENT.match(assignment) and ID_PATTERN.match(learner):
                text = text[:MAX_BYTES]
                rows.extend(_rows(learner, parse_attempts(text, assignment=assignment).events))
    elif base.is_dir():
        for folder in sorted(base.iterdir()):
            if not folder.is_dir() or not _ASSIGNMENT.match(folder.name):
                continue
            for path in sorted(folder.glob("*.jsonl")):
                if not ID_PATTERN.match(path.stem):
                    continue
                read = _read_capped(path)
                if read is None:
                    continue
                rows.extend(
                    _rows(path.stem, parse_attempts(read[0], assignment=folder.name).events)
                )
    frame = pd.DataFrame(rows, columns=list(ATTEMPT_COLUMNS))
    frame["time"] = pd.to_datetime(frame["time"].astype("float64"), unit="s", utc=True)
    frame["hint_tier"] = frame["hint_tier"].astype("Int64")
    for column in ("learner", "assignment", "question", "event", "outcome", "mistake"):
        frame[column] = frame[column].astype(object)
    return frame


def summarise_attempts(events: pd.DataFrame) -> pd.DataFrame:
    """Per learner × assignment × question: checks, attempts before success, hints, time.

    Columns: ``checks`` (self-checks run), ``attempts_before_success`` (checks
    before the first correct one; all checks when never correct),
    ``solved_in_self_check``, ``hints_used`` (hint requests), ``max_hint_tier``,
    ``first_check`` and ``first_success`` (UTC), ``seconds_to_success`` (first
    check to first correct check; NaN when never correct).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.Timestamp("2026-03-01 13:00", tz="UTC")
    >>> events = pd.DataFrame({
    ...     "learner": ["a"] * 4, "assignment": ["x"] * 4, "question": ["q"] * 4,
    ...     "time": [t, t + pd.Timedelta(minutes=1), t + pd.Timedelta(minutes=2),
    ...              t + pd.Timedelta(minutes=5)],
    ...     "event": ["check", "hint", "check", "check"],
    ...     "outcome": ["incorrect", None, "incorrect", "correct"],
    ...     "mistake": [None] * 4, "hint_tier": pd.array([None, 2, None, None], dtype="Int64")})
    >>> row = summarise_attempts(events).iloc[0]
    >>> int(row.attempts_before_success), int(row.hints_used), float(row.seconds_to_success)
    (2, 1, 300.0)
    """
    import numpy as np
    import pandas as pd

    keys = ["learner", "assignment", "question"]
    columns = [
        *keys,
        "checks",
        "attempts_before_success",
        "solved_in_self_check",
        "hints_used",
        "max_hint_tier",
        "first_check",
        "first_success",
        "seconds_to_success",
    ]
    if events.empty:
        return pd.DataFrame(columns=columns)
    events = events.sort_values([*keys, "time"], kind="stable")
    is_check = (events["event"] == "check").to_numpy()
    is_hint = ~is_check
    correct = is_check & (events["outcome"] == "correct").to_numpy()
    frame = events[keys].copy()
    frame["_check"] = is_check.astype(np.int64)
    frame["_hint"] = is_hint.astype(np.int64)
    frame["_tier"] = events["hint_tier"].astype("float64").where(is_hint)
    frame["_ctime"] = events["time"].where(is_check)
    frame["_stime"] = events["time"].where(correct)
    # checks strictly before the first correct one: cumulative correct count is still 0
    seen_correct = (
        pd.Series(correct.astype(np.int64), index=events.index)
        .groupby([events[k] for k in keys], sort=False)
        .cumsum()
    )
    frame["_before"] = (is_check & (seen_correct.to_numpy() == 0)).astype(np.int64)
    grouped = frame.groupby(keys, sort=True)
    out = pd.DataFrame(
        {
            "checks": grouped["_check"].sum(),
            "attempts_before_success": grouped["_before"].sum(),
            "hints_used": grouped["_hint"].sum(),
            "max_hint_tier": grouped["_tier"].max(),
            "first_check": grouped["_ctime"].min(),
            "first_success": grouped["_stime"].min(),
        }
    ).reset_index()
    out["solved_in_self_check"] = out["first_success"].notna()
    out["seconds_to_success"] = (out["first_success"] - out["first_check"]).dt.total_seconds()
    return out[columns]
