"""Vietnamese money, numbers, text and dates.

VND has no minor unit, so money is always an ``int``. The Vietnamese format
groups thousands with ``.``, uses ``,`` as the decimal mark and puts the
symbol ``₫`` (U+20AB) after a non-breaking space: ``1.250.000 ₫``.

Sellers type prices in many ways (``1.250.000đ``, ``1,25 triệu``, ``1tr25``,
``250k``); :func:`parse_vnd` reads all of them.

Examples
--------
>>> format_vnd(1250000)
'1.250.000\\xa0₫'
>>> parse_vnd("1,25 triệu")
1250000
>>> strip_accents("Đắk Lắk")
'Dak Lak'
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
import unicodedata

__all__ = [
    "CURRENCY_SYMBOL",
    "NBSP",
    "SHOP_TIME_ZONE",
    "VndParseError",
    "format_date",
    "format_number",
    "format_percent",
    "format_vnd",
    "local_time",
    "local_times",
    "nfc",
    "parse_vnd",
    "same_text",
    "strip_accents",
    "text_key",
]

NBSP = "\u00a0"
CURRENCY_SYMBOL = "₫"


class VndParseError(ValueError):
    """A text could not be read as an amount of money in VND."""


def _require_integer_amount(amount: object, what: str = "amount") -> int:
    if isinstance(amount, bool) or not isinstance(amount, numbers.Real):
        raise TypeError(
            f"Số tiền phải là một số nguyên (VND), nhưng nhận được {type(amount).__name__}: "
            f"{amount!r}."
        )
    if isinstance(amount, numbers.Integral):
        return int(amount)
    value = float(amount)
    if not math.isfinite(value):
        raise ValueError(f"Số tiền {amount!r} không hợp lệ (không hữu hạn).")
    if value != round(value):
        raise ValueError(
            f"Tiền Việt không có phần lẻ: {amount!r} cần được làm tròn thành số nguyên "
            f"trước (ví dụ: round({amount!r}))."
        )
    return round(value)


def format_number(value: float, *, decimals: int = 0) -> str:
    """Format a number the Vietnamese way: ``.`` for thousands, ``,`` for decimals.

    Parameters
    ----------
    value : float
        The number.
    decimals : int, default 0
        Digits after the decimal mark.

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(1234567)
    '1.234.567'
    >>> format_number(-1234.5, decimals=2)
    '-1.234,50'
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"Cần một số, nhưng nhận được {type(value).__name__}: {value!r}.")
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,d}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_vnd(amount: int) -> str:
    """Format an integer amount of đồng: ``1.250.000 ₫`` (non-breaking space).

    Parameters
    ----------
    amount : int
        Amount in VND. Floats are accepted only when they hold a whole number
        (``1250000.0``), since VND has no minor unit.

    Returns
    -------
    str
        Digits grouped by ``.``, then U+00A0 and ``₫``.

    Raises
    ------
    TypeError
        If ``amount`` is not a number (or is a bool).
    ValueError
        If ``amount`` has a fractional part or is not finite.

    Examples
    --------
    >>> format_vnd(1250000)
    '1.250.000\\xa0₫'
    >>> format_vnd(-45000)
    '-45.000\\xa0₫'
    >>> format_vnd(0)
    '0\\xa0₫'
    """
    value = _require_integer_amount(amount)
    return f"{format_number(value)}{NBSP}{CURRENCY_SYMBOL}"


def format_percent(ratio: float, *, decimals: int = 1, space: bool = True) -> str:
    """Format a ratio (0.125) as a Vietnamese percentage (``12,5 %``).

    Parameters
    ----------
    ratio : float
        The ratio; 1.0 means 100 %.
    decimals : int, default 1
        Digits after the decimal mark.
    space : bool, default True
        Put a non-breaking space before ``%`` (Vietnamese typography allows both).

    Examples
    --------
    >>> format_percent(0.125)
    '12,5\\xa0%'
    >>> format_percent(0.5, decimals=0, space=False)
    '50%'
    """
    sep = NBSP if space else ""
    return f"{format_number(float(ratio) * 100, decimals=decimals)}{sep}%"


_UNITS = {
    "k": 1_000,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "n": 1_000,
    "tr": 1_000_000,
    "triệu": 1_000_000,
    "m": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
    "ty": 1_000_000_000,
    "b": 1_000_000_000,
}
_CURRENCY_WORDS = ("₫", "vnđ", "vnd", "đồng", "đ", "d")
_NUMBER = r"\d+(?:[.,]\d+)*"
# "1tr25" = 1,25 triệu; "2k5" = 2.500.
_COMPACT = re.compile(
    rf"^(?P<int>\d+)(?P<unit>{'|'.join(sorted(_UNITS, key=len, reverse=True))})(?P<frac>\d+)$"
)
_WITH_UNIT = re.compile(
    rf"^(?P<num>{_NUMBER})(?P<unit>{'|'.join(sorted(_UNITS, key=len, reverse=True))})?$"
)


def _read_number(text: str) -> float:
    """Read ``1.250.000`` / ``1,25`` / ``1.5`` with Vietnamese separators.

    With both marks, the last one is the decimal mark. A lone ``.`` followed
    by groups of three digits groups thousands (``1.250``); a lone ``,``
    is the Vietnamese decimal mark unless it repeats (``1,250,000``).
    """
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if decimal == "," else ","
        whole, _, frac = text.rpartition(decimal)
        return float(whole.replace(group, "") + "." + frac)
    for mark in (".", ","):
        if mark not in text:
            continue
        head, *groups = text.split(mark)
        grouped = all(len(g) == 3 for g in groups)
        if grouped and (mark == "." or len(groups) > 1):
            return float(head + "".join(groups))
        if len(groups) == 1:
            return float(head + "." + groups[0])
        raise ValueError(text)
    return float(text)


def parse_vnd(text: str | int) -> int:
    """Read an amount of VND the way Vietnamese sellers write it.

    Accepts thousand separators (``1.250.000``), currency marks (``₫``,
    ``đ``, ``VND``, ``đồng``), units (``k``/``nghìn``, ``tr``/``triệu``,
    ``tỷ``) with a decimal comma (``1,25 triệu``) and the compact forms
    ``1tr25`` and ``2k5``.

    Parameters
    ----------
    text : str or int
        The amount as typed; an ``int`` is returned unchanged.

    Returns
    -------
    int
        The amount in đồng.

    Raises
    ------
    VndParseError
        If the text is not an amount of money, or is not a whole number of
        đồng. The message (Vietnamese) quotes the text and shows valid forms.

    Examples
    --------
    >>> parse_vnd("1.250.000đ")
    1250000
    >>> parse_vnd("1,25 triệu")
    1250000
    >>> parse_vnd("1250k")
    1250000
    >>> parse_vnd("1tr25")
    1250000
    >>> parse_vnd("45.000 ₫")
    45000
    >>> parse_vnd("hai trăm")
    Traceback (most recent call last):
    ...
    toolkit.vn.VndParseError: Không đọc được số tiền 'hai trăm'. Hãy viết bằng chữ số, ví dụ: 1.250.000đ, 1,25 triệu, 1250k, 1tr25.
    """
    if isinstance(text, bool):
        raise VndParseError(f"Không đọc được số tiền {text!r}: cần chữ số, không phải True/False.")
    if isinstance(text, numbers.Integral):
        return int(text)
    if not isinstance(text, str):
        raise VndParseError(
            f"Không đọc được số tiền {text!r}: cần một chuỗi chữ như '1.250.000đ' "
            f"hoặc một số nguyên, nhưng nhận được {type(text).__name__}."
        )
    original = text
    cleaned = nfc(text).strip().lower()
    cleaned = cleaned.replace(NBSP, " ").replace("\u202f", " ")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-").strip()
    for word in _CURRENCY_WORDS:
        if cleaned.endswith(word):
            cleaned = cleaned[: -len(word)].strip()
            break
    cleaned = cleaned.replace(" ", "")
    hint = "Hãy viết bằng chữ số, ví dụ: 1.250.000đ, 1,25 triệu, 1250k, 1tr25."
    value: float
    compact = _COMPACT.match(cleaned)
    try:
        if compact:
            unit = _UNITS[compact["unit"]]
            frac = compact["frac"]
            value = (int(compact["int"]) + int(frac) / 10 ** len(frac)) * unit
        else:
            match = _WITH_UNIT.match(cleaned)
            if not match:
                raise ValueError(cleaned)
            unit = _UNITS[match["unit"]] if match["unit"] else 1
            value = _read_number(match["num"]) * unit
    except ValueError:
        raise VndParseError(f"Không đọc được số tiền {original!r}. {hint}") from None
    rounded = round(value)
    if abs(value - rounded) > 1e-6 * max(1.0, abs(value)):
        raise VndParseError(
            f"Số tiền {original!r} có phần lẻ dưới 1 đồng; tiền Việt không có xu. {hint}"
        )
    return -rounded if negative else rounded


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (composed) form.

    Text typed on different keyboards (Telex/VNI, macOS) may arrive decomposed;
    compare only NFC strings.

    Examples
    --------
    >>> decomposed = "Vie\\u0302\\u0323t"
    >>> nfc(decomposed) == "Việt", len(decomposed), len(nfc(decomposed))
    (True, 6, 4)
    """
    if not isinstance(text, str):
        raise TypeError(f"Cần một chuỗi chữ (str), nhưng nhận được {type(text).__name__}.")
    return unicodedata.normalize("NFC", text)


def strip_accents(text: str) -> str:
    """Remove Vietnamese diacritics: ``Đắk Lắk`` → ``Dak Lak``.

    NFD, drop combining marks, then map ``đ``→``d`` and ``Đ``→``D`` by hand
    because ``đ`` has no decomposition.

    Examples
    --------
    >>> strip_accents("Mật ong hoa nhãn")
    'Mat ong hoa nhan'
    >>> strip_accents("ĐỒNG THÁP")
    'DONG THAP'
    """
    decomposed = unicodedata.normalize("NFD", nfc(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


# Old-style ("hoà") and new-style ("hòa") tone placement both occur in real
# text; map the old style onto the new one before comparing.
_OLD_TONE_PLACEMENT = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}  # fmt: skip


def _tone_canonical(text: str) -> str:
    for new, old in _OLD_TONE_PLACEMENT.items():
        text = text.replace(old, new).replace(old.capitalize(), new.capitalize())
    return text


def text_key(text: str, *, ignore_case: bool = True, ignore_accents: bool = False) -> str:
    """The canonical form two texts share exactly when :func:`same_text` calls them equal.

    NFC, old-style tone placement unified (``hoà`` = ``hòa``), runs of
    whitespace collapsed to one space, and case and accents dropped on request.

    Examples
    --------
    >>> text_key("  Thanh   Hoá ")
    'thanh hóa'
    >>> text_key("Đà Nẵng", ignore_accents=True, ignore_case=False)
    'Da Nang'
    """
    key = _tone_canonical(" ".join(nfc(text).split()))
    if ignore_accents:
        key = strip_accents(key)
    return key.casefold() if ignore_case else key


def same_text(a: str, b: str, *, ignore_case: bool = True, ignore_accents: bool = False) -> bool:
    """Compare two Vietnamese texts after normalisation (see :func:`text_key`).

    Both are NFC-normalised, old-style tone placement is unified (``hoà`` =
    ``hòa``), runs of whitespace collapse, and case and accents are ignored
    on request.

    Examples
    --------
    >>> same_text("Thanh Hoá", "thanh hóa")
    True
    >>> same_text("Đà Nẵng", "Da Nang")
    False
    >>> same_text("Đà Nẵng", "Da Nang", ignore_accents=True)
    True
    """
    options = {"ignore_case": ignore_case, "ignore_accents": ignore_accents}
    return text_key(a, **options) == text_key(b, **options)


_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def format_date(day: _dt.date, *, weekday: bool = False) -> str:
    """Format a date the Vietnamese way: ``24/11/2026`` (optionally with weekday).

    Examples
    --------
    >>> import datetime
    >>> format_date(datetime.date(2026, 2, 17))
    '17/02/2026'
    >>> format_date(datetime.date(2026, 2, 17), weekday=True)
    'Thứ Ba, 17/02/2026'
    """
    if not isinstance(day, _dt.date):
        raise TypeError(f"Cần một ngày (date), nhưng nhận được {type(day).__name__}.")
    text = f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{_WEEKDAYS[day.weekday()]}, {text}" if weekday else text


# --- time zones ---------------------------------------------------------------

SHOP_TIME_ZONE = "Asia/Ho_Chi_Minh"
"""The shop's time zone: UTC+7 all year (Việt Nam has no daylight saving time)."""


def _register_messages() -> None:
    from toolkit.i18n import register

    register(
        {
            "vn.error.mixed_time_zones": {
                "vi": (
                    "Cột '{column}' trộn thời điểm có múi giờ (ví dụ +07:00 hoặc Z) với thời "
                    "điểm không có múi giờ: dòng {row} ('{value}') khác dòng đầu tiên "
                    "('{first}'). Hãy ghi mọi thời điểm của cột cùng một kiểu."
                ),
                "en": (
                    "Column '{column}' mixes times with a time zone (e.g. +07:00 or Z) and "
                    "times without one: row {row} ('{value}') differs from the first row "
                    "('{first}'). Write every time of the column the same way."
                ),
            },
        }
    )


_register_messages()

_AWARE_TEXT = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$"
)


def _aware_mask(values):
    """Which entries carry a time zone (``None`` where missing): text offsets or ``tzinfo``."""
    import pandas as pd

    def aware(value: object) -> object:
        if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            return None
        if isinstance(value, _dt.datetime):
            return value.tzinfo is not None
        if isinstance(value, str):
            text = value.strip()
            return None if not text else bool(_AWARE_TEXT.search(text.upper()))
        return False

    return values.map(aware)


def local_times(
    values,
    *,
    column: str,
    tz: str = SHOP_TIME_ZONE,
    format: str = "ISO8601",
    error: type[Exception] = ValueError,
):
    """Times of a column as the shop's naive local time (``datetime64[ns]``).

    One rule for the whole toolkit: a naive time is already the shop's local
    time; an aware time (``+07:00``, ``Z``, a time-zone-aware datetime) is
    converted to ``tz`` and its zone dropped, before any calendar arithmetic
    (days, hours, months, business hours). A column that mixes the two is
    refused, naming the column and the first row of the other kind.

    Parameters
    ----------
    values : pandas.Series
        Text, datetimes or ``datetime64`` (naive or aware).
    column : str
        The column's name, for the error message.
    tz : str, default ``"Asia/Ho_Chi_Minh"``
        The shop's time zone.
    format : str, default ``"ISO8601"``
        How text is parsed (see :func:`pandas.to_datetime`).
    error : exception class, default ValueError
        The class raised for mixed input (each package passes its own).

    Returns
    -------
    pandas.Series
        Naive ``datetime64[ns]``, same index; text that is not a time and
        missing entries become ``NaT`` (the caller reports them).

    Examples
    --------
    The same moment written three ways gives one local time:

    >>> import pandas as pd
    >>> moments = pd.Series(["2026-01-05 08:00", "2026-01-05T01:00:00Z", "2026-01-05 08:00+07:00"])
    >>> [str(local_times(moments.iloc[[i]], column="t").iloc[0]) for i in range(3)]
    ['2026-01-05 08:00:00', '2026-01-05 08:00:00', '2026-01-05 08:00:00']
    >>> local_times(moments, column="created")
    Traceback (most recent call last):
    ...
    ValueError: Cột 'created' trộn thời điểm có múi giờ (ví dụ +07:00 hoặc Z) với thời điểm không có múi giờ: dòng 1 ('2026-01-05T01:00:00Z') khác dòng đầu tiên ('2026-01-05 08:00'). Hãy ghi mọi thời điểm của cột cùng một kiểu.
    """
    import numpy as np
    import pandas as pd

    from toolkit.i18n import t

    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert(tz).dt.tz_localize(None).astype("datetime64[ns]")
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("datetime64[ns]")
    kinds = _aware_mask(values)
    known = kinds.notna().to_numpy()
    flags = kinds.to_numpy()[known].astype(bool)
    if flags.size and (flags != flags[0]).any():
        positions = np.flatnonzero(known)
        first, other = positions[0], positions[int(np.flatnonzero(flags != flags[0])[0])]
        raise error(
            t(
                "vn.error.mixed_time_zones",
                column=column,
                row=values.index[other],
                value=values.iloc[other],
                first=values.iloc[first],
            )
        )
    if not flags.size or not flags[0]:
        text = values.map(lambda v: v if isinstance(v, str | _dt.datetime) else None)
        parsed = pd.to_datetime(text, errors="coerce", format=format)
        return parsed.astype("datetime64[ns]")
    text = values.map(lambda v: v.strip() if isinstance(v, str) else v)
    parsed = pd.to_datetime(text, errors="coerce", format=format, utc=True)
    return parsed.dt.tz_convert(tz).dt.tz_localize(None).astype("datetime64[ns]")


def local_time(value: object, *, tz: str = SHOP_TIME_ZONE):
    """One time as the shop's naive local :class:`pandas.Timestamp` (see :func:`local_times`).

    Examples
    --------
    >>> str(local_time("2026-01-04T20:30:00Z"))
    '2026-01-05 03:30:00'
    >>> str(local_time("2026-01-05"))
    '2026-01-05 00:00:00'
    """
    import pandas as pd

    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(tz).tz_localize(None)
    return stamp
