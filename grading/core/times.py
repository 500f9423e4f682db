"""Due dates and submission times: nbgrader stores naive UTC; trainers read the class's time.

Dates are written the Vietnamese way, day first (``01/03/2026 23:59`` is the
1st of March), or in ISO form (``2026-03-01 23:59``). Anything else, including
a month-first date such as ``3/31/2026``, is refused rather than guessed.
A date without a time means the end of that day (23:59). A time without a UTC
offset is read in the class's time zone: ``$HOCSO_TZ``, else
:data:`DEFAULT_TZ` (Asia/Ho_Chi_Minh, UTC+7), whatever the computer's own zone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

__all__ = [
    "DEFAULT_TZ",
    "FORMGRADER_TIME_FORMAT",
    "TZ_ENV",
    "class_timezone",
    "class_timezone_name",
    "now_utc",
    "parse_due",
    "read_timestamp",
    "show_local",
    "show_time",
]

#: The learners' time zone (Vietnam has one, without daylight saving).
DEFAULT_TZ = "Asia/Ho_Chi_Minh"
TZ_ENV = "HOCSO_TZ"
#: How Formgrader (``NbGraderAPI.timestamp_format``) shows a time: as :func:`show_time`.
FORMGRADER_TIME_FORMAT = "%d/%m/%Y %H:%M %Z"

_TIME = r"(?:[ T]+(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
_OFFSET = r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?"
_DAY_FIRST = re.compile(
    r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})" + _TIME + _OFFSET + "$"
)
_YEAR_FIRST = re.compile(
    r"^(?P<year>\d{4})[/.-](?P<month>\d{1,2})[/.-](?P<day>\d{1,2})" + _TIME + _OFFSET + "$"
)


def _say(key: str, **fields: object) -> str:
    from grading.core.messages import say

    return say(key, **fields)


def class_timezone(name: str | None = None) -> dt.tzinfo:
    """The time zone ``name``, else ``$HOCSO_TZ``, else Asia/Ho_Chi_Minh.

    Raises
    ------
    ValueError
        If the name is not a known IANA time zone.

    Examples
    --------
    >>> class_timezone("Asia/Ho_Chi_Minh").utcoffset(dt.datetime(2026, 3, 1))
    datetime.timedelta(seconds=25200)
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = name or os.environ.get(TZ_ENV) or DEFAULT_TZ
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name such as {DEFAULT_TZ!r}"
        ) from exc


def class_timezone_name(name: str | None = None) -> str:
    """The IANA name of :func:`class_timezone` (checked), for nbgrader's ``timezone`` option.

    Examples
    --------
    >>> class_timezone_name("Asia/Ho_Chi_Minh")
    'Asia/Ho_Chi_Minh'
    """
    return str(class_timezone(name))


def _offset(text: str) -> dt.timezone:
    if text == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_due(text: str | dt.datetime, *, tz: str | None = None) -> dt.datetime:
    """A due date as nbgrader stores it (naive UTC).

    Parameters
    ----------
    text
        Day first (``01/03/2026 23:59``, ``1/3/2026``, ``1.3.2026 23h59``) or
        year first (``2026-03-01 23:59``, ``2026-03-01T23:59+07:00``). A date
        alone means 23:59 that day. An aware ``datetime`` is converted; a naive
        one is read in the class's time zone.
    tz
        Time zone of a date without offset (default: see :func:`class_timezone`).

    Raises
    ------
    ValueError
        If the text is not one of these forms or not a real date; the message
        shows the accepted forms.

    Examples
    --------
    >>> parse_due("01/03/2026 23:59")
    datetime.datetime(2026, 3, 1, 16, 59)
    >>> parse_due("1/3/2026") == parse_due("2026-03-01 23:59")
    True
    >>> parse_due("2026-03-01T23:59+00:00")
    datetime.datetime(2026, 3, 1, 23, 59)
    >>> parse_due("3/31/2026")
    Traceback (most recent call last):
    ...
    ValueError: không đọc được hạn nộp '3/31/2026': không có tháng 31 (ngày viết trước: ngày/tháng/năm); hãy viết ví dụ '01/03/2026 23:59' (ngày/tháng/năm), '1/3/2026' hoặc '2026-03-01 23:59'
    """
    zone = class_timezone(tz)
    if isinstance(text, dt.datetime):
        when = text if text.tzinfo is not None else text.replace(tzinfo=zone)
        return when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    cleaned = " ".join(str(text).split())
    match = _DAY_FIRST.match(cleaned) or _YEAR_FIRST.match(cleaned)
    if match is None:
        raise ValueError(_say("hocso.error.due_unreadable", text=text, detail="-"))
    parts = match.groupdict()
    year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
    if not 1 <= month <= 12:
        raise ValueError(_say("hocso.error.due_bad_month", text=text, month=month))
    has_time = parts["hour"] is not None
    try:
        when = dt.datetime(
            year,
            month,
            day,
            int(parts["hour"]) if has_time else 23,
            int(parts["minute"]) if has_time else 59,
            int(parts["second"] or 0),
        )
    except ValueError as exc:
        raise ValueError(_say("hocso.error.due_unreadable", text=text, detail=exc)) from exc
    when = when.replace(tzinfo=_offset(parts["offset"]) if parts["offset"] else zone)
    return when.astimezone(dt.timezone.utc).replace(tzinfo=None)


def now_utc() -> dt.datetime:
    """The current time as naive UTC (how nbgrader stores times)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def read_timestamp(folder: Path) -> dt.datetime | None:
    """The submission time in ``folder/timestamp.txt`` (naive UTC), or None.

    The file may be hostile (a link, a FIFO, huge, not text, not a date): any
    of these gives None, never an error, so one folder never stops another's step.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "timestamp.txt").write_bytes(bytes([255, 254]) + b" garbage")
    >>> read_timestamp(d) is None
    True
    >>> _ = (d / "timestamp.txt").write_text("2026-03-01 10:00:00.000000 UTC")
    >>> read_timestamp(d)
    datetime.datetime(2026, 3, 1, 10, 0)
    """
    from grading.core.files import read_regular

    try:
        text = read_regular(Path(folder) / "timestamp.txt", 256).decode("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text:
        return None
    from grading.core.nbgrader_env import skip_slow_optional_imports

    skip_slow_optional_imports()
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(text)
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        return None


def show_time(when: dt.datetime | None, *, tz: str | None = None) -> str:
    """Naive UTC shown in the class's time zone, to the minute, day first.

    Examples
    --------
    >>> show_time(dt.datetime(2026, 3, 1, 16, 59), tz="Asia/Ho_Chi_Minh")
    '01/03/2026 23:59 +07'
    >>> show_time(None)
    '-'
    """
    if when is None:
        return "-"
    local = when.replace(tzinfo=dt.timezone.utc).astimezone(class_timezone(tz))
    offset = local.strftime("%z")
    offset = offset[:3] if offset.endswith("00") else f"{offset[:3]}:{offset[3:]}"
    return local.strftime("%d/%m/%Y %H:%M ") + offset


def show_local(when: dt.datetime | None, *, tz: str | None = None) -> str:
    """Naive UTC as a learner reads it: day first, to the minute, the zone in words.

    Examples
    --------
    >>> show_local(dt.datetime(2026, 12, 20, 16, 59), tz="Asia/Ho_Chi_Minh")
    '20/12/2026 23:59 (giờ Việt Nam)'
    >>> show_local(dt.datetime(2026, 12, 20, 16, 59), tz="Asia/Bangkok")
    '20/12/2026 23:59 (UTC+07)'
    """
    if when is None:
        return "-"
    zone = class_timezone(tz)
    local = when.replace(tzinfo=dt.timezone.utc).astimezone(zone)
    if getattr(zone, "key", None) == DEFAULT_TZ:
        label = "giờ Việt Nam"
    else:
        offset = local.strftime("%z")
        label = "UTC" + (offset[:3] if offset.endswith("00") else f"{offset[:3]}:{offset[3:]}")
    return local.strftime("%d/%m/%Y %H:%M") + f" ({label})"
