"""Due dates and submission times: nbgrader stores naive UTC; trainers read local time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

__all__ = ["parse_due", "read_timestamp", "show_time"]


def parse_due(text: str | dt.datetime) -> dt.datetime:
    """A due date as nbgrader stores it (naive UTC).

    Text without a UTC offset is read in this computer's time zone.

    Examples
    --------
    >>> parse_due("2026-03-01 23:59 +07:00")
    datetime.datetime(2026, 3, 1, 16, 59)
    """
    if isinstance(text, dt.datetime):
        when = text
    else:
        from dateutil import parser

        try:
            when = parser.parse(text)
        except (ValueError, OverflowError) as exc:
            raise ValueError(
                f"cannot read the date {text!r}; write e.g. '2026-03-01 23:59' or "
                "'2026-03-01T23:59+07:00'"
            ) from exc
    if when.tzinfo is None:
        when = when.astimezone()  # local time
    return when.astimezone(dt.timezone.utc).replace(tzinfo=None)


def read_timestamp(folder: Path) -> dt.datetime | None:
    """The submission time in ``folder/timestamp.txt`` (naive UTC), or None."""
    path = folder / "timestamp.txt"
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not text:
        return None
    from grading.cohort import skip_slow_optional_imports

    skip_slow_optional_imports()
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(text)
    except (ValueError, OverflowError):
        return None


def show_time(when: dt.datetime | None) -> str:
    """Naive UTC shown in this computer's time zone, to the minute."""
    if when is None:
        return "-"
    return when.replace(tzinfo=dt.timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M %z")
