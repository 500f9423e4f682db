"""Business hours, Vietnamese public holidays and durations in working time.

A ticket that arrives on Friday evening and is answered on Monday morning
waited about 62 calendar hours but only a few *business* hours. Which hours
count is a shop's choice, so it is a parameter (:class:`BusinessHours`), and
so are the public holidays (:data:`VN_PUBLIC_HOLIDAYS`).

Durations are computed for whole columns at once: the business seconds since
a reference day are ``business days before the day × seconds per day +
the part of the day inside opening hours`` (``numpy.busday_count``), and a
duration is the difference of two such clocks.

Examples
--------
>>> import pandas as pd
>>> start = pd.Series(pd.to_datetime(["2026-01-02 16:00"]))  # a Friday
>>> end = pd.Series(pd.to_datetime(["2026-01-05 09:00"]))  # the Monday after
>>> float(calendar_hours(start, end).iloc[0])
65.0
>>> float(business_hours(start, end, OFFICE_HOURS).iloc[0])
2.0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.i18n import t

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ALL_DAYS",
    "OFFICE_HOURS",
    "VN_PUBLIC_HOLIDAYS",
    "BusinessHours",
    "business_hours",
    "calendar_hours",
    "vn_holidays",
]

_D = dt.date

VN_PUBLIC_HOLIDAYS: dict[int, tuple[dt.date, ...]] = {
    2025: (
        _D(2025, 1, 1),  # Tết Dương lịch
        _D(2025, 1, 27),  # Tết Nguyên đán (Ất Tỵ): 27/1–31/1 (weekdays of 25/1–2/2)
        _D(2025, 1, 28),
        _D(2025, 1, 29),
        _D(2025, 1, 30),
        _D(2025, 1, 31),
        _D(2025, 4, 7),  # Giỗ Tổ Hùng Vương (10/3 âm lịch)
        _D(2025, 4, 30),  # Giải phóng miền Nam
        _D(2025, 5, 1),  # Quốc tế Lao động
        _D(2025, 5, 2),  # swapped day (worked on Saturday 26/4)
        _D(2025, 9, 1),  # Quốc khánh: 1/9 and 2/9
        _D(2025, 9, 2),
    ),
    2026: (
        _D(2026, 1, 1),  # Tết Dương lịch
        _D(2026, 2, 16),  # Tết Nguyên đán (Bính Ngọ): 16/2–20/2 (weekdays of 14/2–22/2)
        _D(2026, 2, 17),
        _D(2026, 2, 18),
        _D(2026, 2, 19),
        _D(2026, 2, 20),
        _D(2026, 4, 27),  # Giỗ Tổ Hùng Vương falls on Sunday 26/4, taken on Monday
        _D(2026, 4, 30),
        _D(2026, 5, 1),
        _D(2026, 9, 1),  # Quốc khánh: 2/9 and an adjacent day
        _D(2026, 9, 2),
    ),
}
"""Weekday public holidays in Việt Nam, by year.

Source kind: *our summary* of the Labour Code 2019, article 112 (the list of
holidays: 1 day Tết Dương lịch, 5 days Tết Nguyên đán, Giỗ Tổ Hùng Vương,
30/4, 1/5, 2/9 and one adjacent day) and of the yearly government notices
for civil servants that fix the dates and swapped days (2025, 2026). Private
shops may choose other Tết days; check the notice of the year and pass your
own dates to :class:`BusinessHours` where they differ. Weekends are left out:
they are excluded by the working days already.
"""


def vn_holidays(*years: int) -> tuple[dt.date, ...]:
    """Vietnamese public holidays of the given years (all known years if none).

    Examples
    --------
    >>> len(vn_holidays(2025)), vn_holidays(2026)[1].isoformat()
    (12, '2026-02-16')
    """
    chosen = years or tuple(VN_PUBLIC_HOLIDAYS)
    return tuple(day for year in chosen for day in VN_PUBLIC_HOLIDAYS.get(year, ()))


def _clock(text: str) -> int:
    hours, _, minutes = text.partition(":")
    return int(hours) * 3600 + int(minutes or 0) * 60


@dataclass(frozen=True)
class BusinessHours:
    """When a shop counts as open for customer care.

    Attributes
    ----------
    start, end : str
        Opening and closing time each working day, ``"HH:MM"`` (24 h).
    weekdays : tuple of int
        Working days, Monday = 0 … Sunday = 6.
    holidays : tuple of datetime.date
        Days off on top of the weekly rest days (see :func:`vn_holidays`).

    Examples
    --------
    >>> BusinessHours().seconds_per_day
    32400
    >>> BusinessHours(start="18:00", end="08:00")
    Traceback (most recent call last):
    ...
    ValueError: Giờ làm việc không hợp lệ: giờ mở cửa 18:00 phải sớm hơn giờ đóng cửa 08:00.
    """

    start: str = "08:00"
    end: str = "17:00"
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    holidays: tuple[dt.date, ...] = field(default=())

    def __post_init__(self) -> None:
        if _clock(self.start) >= _clock(self.end):
            raise ValueError(t("care.error.business_hours", start=self.start, end=self.end))

    @property
    def seconds_per_day(self) -> int:
        """Open seconds on one working day."""
        return _clock(self.end) - _clock(self.start)

    @property
    def weekmask(self) -> str:
        """The ``numpy.busday`` week mask, e.g. ``"1111100"``."""
        return "".join("1" if day in self.weekdays else "0" for day in range(7))


OFFICE_HOURS = BusinessHours(holidays=vn_holidays())
"""08:00–17:00, Monday to Friday, Vietnamese public holidays off (*our choice*)."""

ALL_DAYS = BusinessHours(start="00:00", end="23:59", weekdays=tuple(range(7)))
"""Every minute of every day but the last of each day (close to calendar time)."""


def calendar_hours(start: pd.Series, end: pd.Series) -> pd.Series:
    """Hours from ``start`` to ``end`` (``NaN`` where either is missing).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.Series(pd.to_datetime(["2026-01-05 08:00", None]))
    >>> b = pd.Series(pd.to_datetime(["2026-01-05 09:30", "2026-01-05 10:00"]))
    >>> calendar_hours(a, b).tolist()
    [1.5, nan]
    """
    return (end - start).dt.total_seconds() / 3600.0


def _business_clock(times: pd.Series, hours: BusinessHours, origin) -> object:
    import numpy as np

    values = times.to_numpy(dtype="datetime64[s]")
    missing = np.isnat(values)
    safe = np.where(missing, origin, values)
    days = safe.astype("datetime64[D]")
    holidays = np.array(hours.holidays, dtype="datetime64[D]")
    before = np.busday_count(origin, days, weekmask=hours.weekmask, holidays=holidays)
    open_today = np.is_busday(days, weekmask=hours.weekmask, holidays=holidays)
    second = (safe - days).astype("int64")
    inside = np.clip(second, _clock(hours.start), _clock(hours.end)) - _clock(hours.start)
    clock = before.astype("float64") * hours.seconds_per_day + np.where(open_today, inside, 0)
    return np.where(missing, np.nan, clock)


def business_hours(
    start: pd.Series, end: pd.Series, hours: BusinessHours = OFFICE_HOURS
) -> pd.Series:
    """Working hours between ``start`` and ``end``, skipping nights, rest days and holidays.

    Parameters
    ----------
    start, end : pandas.Series of datetime64
        Same length; ``NaT`` gives ``NaN``.
    hours : BusinessHours, default OFFICE_HOURS
        Opening hours, working days and holidays.

    Returns
    -------
    pandas.Series of float
        Hours, indexed like ``start``. Negative when ``end`` is before ``start``.

    Examples
    --------
    A message on Friday 30 January 2026 at 16:30, answered on Monday at 08:30:

    >>> import pandas as pd
    >>> s = pd.Series(pd.to_datetime(["2026-01-30 16:30"]))
    >>> e = pd.Series(pd.to_datetime(["2026-02-02 08:30"]))
    >>> float(business_hours(s, e).iloc[0])
    1.0

    Counting the weekend as working time gives a very different answer:

    >>> seven = BusinessHours(weekdays=(0, 1, 2, 3, 4, 5, 6))
    >>> float(business_hours(s, e, seven).iloc[0])
    19.0

    Tết 2026 (16–20 February) is skipped with the holidays of 2026:

    >>> s = pd.Series(pd.to_datetime(["2026-02-13 16:00"]))
    >>> e = pd.Series(pd.to_datetime(["2026-02-23 09:00"]))
    >>> float(business_hours(s, e, BusinessHours(holidays=vn_holidays(2026))).iloc[0])
    2.0
    >>> float(business_hours(s, e, BusinessHours()).iloc[0])
    47.0
    """
    import numpy as np
    import pandas as pd

    both = pd.concat([start, end], ignore_index=True).to_numpy(dtype="datetime64[s]")
    valid = both[~np.isnat(both)]
    origin = valid.min().astype("datetime64[D]") if len(valid) else np.datetime64("2000-01-01")
    seconds = _business_clock(end, hours, origin) - _business_clock(start, hours, origin)
    return pd.Series(seconds / 3600.0, index=start.index, dtype="float64")
