"""Business hours, Vietnamese public holidays and durations in working time.

A ticket that arrives on Friday evening and is answered on Monday morning
waited about 62 calendar hours but only a few *business* hours. Which hours
count is a shop's choice, so it is a parameter (:class:`BusinessHours`), and
so are the holidays: Việt Nam's public holidays come from the maintained
``holidays`` package (:func:`vn_holidays`, lunar Tết included, any year it
covers) and the shop adds its own days off.

Times follow one rule (:func:`toolkit.vn.local_times`): a naive time is the
shop's local time; a time with a zone (``+07:00``, ``Z``) is converted to the
shop's zone (``Asia/Ho_Chi_Minh`` unless :attr:`BusinessHours.tz` says
otherwise) before days and opening hours are counted.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.i18n import t
from toolkit.vn import SHOP_TIME_ZONE

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ALL_DAYS",
    "OFFICE_HOURS",
    "BusinessHours",
    "business_hours",
    "calendar_hours",
    "vn_holiday_names",
    "vn_holidays",
]

_HOLIDAY_SOURCE_YEARS = (1901, 2100)
"""Years the ``holidays`` package's Vietnam calendar covers (its lunar table)."""


def _check_year(year: object) -> int:
    first, last = _HOLIDAY_SOURCE_YEARS
    if isinstance(year, bool) or not isinstance(year, int) or not first <= year <= last:
        raise ValueError(t("care.error.holiday_year", year=year, first=first, last=last))
    return year


def vn_holiday_names(year: int) -> dict[dt.date, str]:
    """Việt Nam's public holidays of ``year`` with their Vietnamese names.

    Source: the `holidays <https://pypi.org/project/holidays/>`_ package's
    Vietnam calendar (maintained; it computes the lunar dates of Tết and Giỗ
    Tổ Hùng Vương and lists the days off swapped by each year's decision).
    Weekend days inside Tết are listed too; they change nothing for
    :func:`business_hours`, which skips rest days anyway.

    Raises
    ------
    ValueError
        A year the source does not cover (before 1901 or after 2100): never
        an empty, silently wrong calendar.

    Examples
    --------
    >>> names = vn_holiday_names(2027)
    >>> names[dt.date(2027, 2, 6)]
    'Tết Nguyên Đán'
    >>> vn_holiday_names(2200)
    Traceback (most recent call last):
    ...
    ValueError: Không có lịch nghỉ lễ của năm 2200: nguồn ngày lễ Việt Nam (gói holidays) chỉ có các năm 1901–2100. Hãy tự nhập ngày nghỉ của năm này (tham số holidays của BusinessHours).
    """
    import holidays

    year = _check_year(year)
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    return dict(sorted(calendar.items()))


def vn_holidays(*years: int, extra: Iterable[dt.date] = ()) -> tuple[dt.date, ...]:
    """Public holidays of Việt Nam in ``years``, plus the shop's own days off, sorted.

    Parameters
    ----------
    *years : int
        One or more years, 1901–2100 (see :func:`vn_holiday_names`).
    extra : iterable of datetime.date, optional
        The shop's own days off (e.g. the owner's family Tết days or a
        stock-taking day), added to the public ones.

    Raises
    ------
    ValueError
        No year given, or a year the source does not cover.

    Examples
    --------
    Tết Đinh Mùi 2027 (lunar new year on 6 February) is known, like any year:

    >>> tet = [d.isoformat() for d in vn_holidays(2027) if d.month == 2]
    >>> tet[0], tet[-1]
    ('2027-02-04', '2027-02-10')
    >>> own = vn_holidays(2027, extra=[dt.date(2027, 2, 11)])
    >>> len(own) - len(vn_holidays(2027))
    1
    """
    if not years:
        raise ValueError(t("care.error.holiday_no_year"))
    days = {day for year in years for day in vn_holiday_names(year)}
    for day in extra:
        if not isinstance(day, dt.date):
            raise ValueError(t("care.error.holiday_not_date", value=day))
        days.add(day.date() if isinstance(day, dt.datetime) else day)
    return tuple(sorted(days))


def _clock(text: str) -> int:
    hours, _, minutes = text.partition(":")
    return int(hours) * 3600 + int(minutes or 0) * 60


@dataclass(frozen=True)
class BusinessHours:
    """When a shop counts as open for customer care.

    Attributes
    ----------
    start, end : str
        Opening and closing time each working day, ``"HH:MM"`` (24 h), in
        the shop's local time.
    weekdays : tuple of int
        Working days, Monday = 0 … Sunday = 6.
    holidays : tuple of datetime.date
        The shop's own days off on top of the weekly rest days (or a fixed
        list such as ``vn_holidays(2026)``).
    public_holidays : bool, default False
        Also skip Việt Nam's public holidays of every year the times fall in
        (:func:`vn_holidays`, computed when needed, any year 1901–2100).
    tz : str, default ``"Asia/Ho_Chi_Minh"``
        The shop's time zone: times with a zone (``+07:00``, ``Z``) are
        converted to it, naive times are taken as already local.

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
    public_holidays: bool = False
    tz: str = SHOP_TIME_ZONE

    def __post_init__(self) -> None:
        if _clock(self.start) >= _clock(self.end):
            raise ValueError(t("care.error.business_hours", start=self.start, end=self.end))
        for day in self.holidays:
            if not isinstance(day, dt.date):
                raise ValueError(t("care.error.holiday_not_date", value=day))

    @property
    def seconds_per_day(self) -> int:
        """Open seconds on one working day."""
        return _clock(self.end) - _clock(self.start)

    @property
    def weekmask(self) -> str:
        """The ``numpy.busday`` week mask, e.g. ``"1111100"``."""
        return "".join("1" if day in self.weekdays else "0" for day in range(7))

    def days_off(self, first_year: int, last_year: int) -> tuple[dt.date, ...]:
        """Holidays to skip between two years (inclusive): own days, plus public ones if asked.

        Examples
        --------
        >>> len(BusinessHours().days_off(2027, 2027))
        0
        >>> dt.date(2027, 2, 8) in OFFICE_HOURS.days_off(2027, 2027)
        True
        """
        own = tuple(d.date() if isinstance(d, dt.datetime) else d for d in self.holidays)
        if not self.public_holidays:
            return own
        return vn_holidays(*range(first_year, last_year + 1), extra=own)


OFFICE_HOURS = BusinessHours(public_holidays=True)
"""08:00–17:00, Monday to Friday, Vietnamese public holidays of any year off (*our choice*)."""

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
    from toolkit.vn import local_times

    start = local_times(_as_series(start), column="start")
    end = local_times(_as_series(end), column="end")
    return (end - start).dt.total_seconds() / 3600.0


def _as_series(times: object) -> pd.Series:
    import pandas as pd

    return times if isinstance(times, pd.Series) else pd.Series(times)


def _business_clock(times: pd.Series, hours: BusinessHours, origin, holidays) -> object:
    import numpy as np

    values = times.to_numpy(dtype="datetime64[s]")
    missing = np.isnat(values)
    safe = np.where(missing, origin, values)
    days = safe.astype("datetime64[D]")
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
            Same length; ``NaT`` gives ``NaN``. Naive times are the shop's local
            time; aware times (``+07:00``, UTC) are converted to ``hours.tz`` first.
        hours : BusinessHours, default OFFICE_HOURS
            Opening hours, working days and holidays (OFFICE_HOURS skips the
            public holidays of whatever years the times fall in).

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

    The same Monday 08:00–10:00 written in UTC is still two business hours:

        >>> s = pd.Series(pd.to_datetime(["2026-01-05 01:00"])).dt.tz_localize("UTC")
        >>> e = pd.Series(pd.to_datetime(["2026-01-05 03:00"])).dt.tz_localize("UTC")
        >>> float(business_hours(s, e).iloc[0])
        2.0
    """
    import numpy as np
    import pandas as pd

    from toolkit.vn import local_times

    start = local_times(_as_series(start), column="start", tz=hours.tz)
    end = local_times(_as_series(end), column="end", tz=hours.tz)
    both = pd.concat([start, end], ignore_index=True).to_numpy(dtype="datetime64[s]")
    valid = both[~np.isnat(both)]
    origin = valid.min().astype("datetime64[D]") if len(valid) else np.datetime64("2000-01-01")
    years = valid.astype("datetime64[Y]").astype(int) + 1970 if len(valid) else np.array([2000])
    days_off = hours.days_off(int(years.min()), int(years.max()))
    holidays = np.array(days_off, dtype="datetime64[D]")
    seconds = _business_clock(end, hours, origin, holidays) - _business_clock(
        start, hours, origin, holidays
    )
    return pd.Series(seconds / 3600.0, index=start.index, dtype="float64")
