"""Input checks shared by :mod:`toolkit.marketing`: each failure names the column and the row.

Every check raises :class:`MarketingError` (a :class:`ValueError`) with a
translated message, so a learner never gets a silent ``NaN`` or ``inf``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from toolkit.i18n import t
from toolkit.marketing import _messages  # noqa: F401  (registers the marketing.* messages)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MarketingError",
    "check_fraction",
    "check_frame",
    "check_option",
    "check_positive",
    "require_binary",
    "require_columns",
    "require_dates",
    "require_frame",
    "require_non_negative",
    "require_not_empty",
    "require_numeric",
    "require_unique",
    "safe_divide",
]


class MarketingError(ValueError):
    """Bad input to a :mod:`toolkit.marketing` function; the message is for the learner."""


def _plain(value: object) -> object:
    """A numpy scalar as the Python value it holds (so messages show ``2``, not ``np.int64(2)``)."""
    item = getattr(value, "item", None)
    return item() if callable(item) and getattr(value, "ndim", None) == 0 else value


def _row_label(frame: pd.DataFrame, position: int) -> str:
    label = frame.index[position]
    return str(label)


def require_frame(frame: object, what: str) -> pd.DataFrame:
    """``frame`` is a DataFrame, or a :class:`MarketingError`."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise MarketingError(t("marketing.error.not_frame", what=what, found=type(frame).__name__))
    return frame


def require_columns(frame: object, columns: Iterable[str | None], what: str) -> pd.DataFrame:
    """``frame`` is a DataFrame that has every column in ``columns`` (``None`` entries skipped)."""
    frame = require_frame(frame, what)
    wanted = [c for c in columns if c is not None]
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise MarketingError(
            t(
                "marketing.error.missing_columns",
                what=what,
                missing=", ".join(f"“{c}”" for c in missing),
                found=", ".join(f"“{c}”" for c in map(str, frame.columns)) or "(không có)",
            )
        )
    return frame


def require_not_empty(frame: pd.DataFrame, what: str, metric: str) -> None:
    if len(frame) == 0:
        raise MarketingError(t("marketing.error.empty", what=what, metric=metric))


def require_numeric(frame: pd.DataFrame, column: str) -> Any:
    """The column as a float ndarray; raises on text or NaN, naming the first bad row."""
    import numpy as np
    import pandas as pd

    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna().to_numpy()
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raw = frame[column].iloc[position]
        if raw is None or (isinstance(raw, float) and math.isnan(raw)) or raw is pd.NA:
            raise MarketingError(
                t("marketing.error.missing_value", column=column, row=_row_label(frame, position))
            )
        raise MarketingError(
            t(
                "marketing.error.not_numeric",
                column=column,
                value=raw,
                row=_row_label(frame, position),
            )
        )
    array = values.to_numpy(dtype=float)
    infinite = np.flatnonzero(np.isinf(array))
    if infinite.size:
        position = int(infinite[0])
        raise MarketingError(
            t(
                "marketing.error.not_finite",
                column=column,
                value=frame[column].iloc[position],
                row=_row_label(frame, position),
            )
        )
    return array


def require_binary(frame: pd.DataFrame, column: str) -> Any:
    """The column as an int ndarray of 0/1 (``True``/``False`` allowed); names the first bad row."""
    import numpy as np

    values = require_numeric(frame, column)
    bad = np.flatnonzero((values != 0) & (values != 1))
    if bad.size:
        position = int(bad[0])
        raise MarketingError(
            t(
                "marketing.error.not_binary",
                column=column,
                value=_plain(frame[column].iloc[position]),
                row=_row_label(frame, position),
            )
        )
    return values.astype(np.int64)


def require_unique(frame: pd.DataFrame, column: str | None = None) -> None:
    """Every value of ``column`` (the index when ``None``) appears once; names the first repeat."""
    import numpy as np
    import pandas as pd

    values = pd.Series(frame.index) if column is None else frame[column]
    repeated = np.flatnonzero(values.duplicated().to_numpy())
    if repeated.size:
        position = int(repeated[0])
        raise MarketingError(
            t(
                "marketing.error.duplicate_id",
                column=column if column is not None else (frame.index.name or "index"),
                value=_plain(values.iloc[position]),
                row=_row_label(frame, position),
            )
        )


def check_frame(
    frame: object,
    what: str,
    *,
    metric: str,
    columns: Sequence[str | None] = (),
    non_negative: Sequence[str | None] = (),
    binary: Sequence[str] = (),
    dates: Sequence[str] = (),
    unique: Sequence[str | None] = (),
) -> dict[str, pd.Series]:
    """The one input check of the package: a non-empty table whose columns are what they claim.

    Checks, in order, and raises :class:`MarketingError` at the first failure
    with a Vietnamese message naming the column and the first bad row:
    a DataFrame with every column of ``columns`` (and of the other lists),
    at least one row, numbers that are finite and ≥ 0 in ``non_negative``
    (counts, money), only 0/1 in ``binary``, parseable dates in ``dates``
    (time zones per :func:`toolkit.vn.local_times`), no repeated value in
    ``unique`` (``None`` means the index).

    Returns
    -------
    dict
        Each column of ``dates`` parsed to the shop's naive local time.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"variant": ["A", "B"], "converted": [1, 2]})
    >>> check_frame(log, "A/B", metric="A/B", binary=["converted"])
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: Cột “converted” chỉ được có 0 (không mua) hoặc 1 (có mua), nhưng có giá trị 2 ở dòng 1. Hãy đổi về 0/1 (ví dụ số đơn > 0 thành 1).
    """
    named = [*columns, *non_negative, *binary, *dates, *(c for c in unique if c is not None)]
    frame = require_columns(frame, list(dict.fromkeys(c for c in named if c is not None)), what)
    require_not_empty(frame, what, metric)
    require_non_negative(frame, non_negative)
    for column in binary:
        require_binary(frame, column)
    parsed = {column: require_dates(frame, column) for column in dates}
    for column in unique:
        require_unique(frame, column)
    return parsed


def require_non_negative(frame: pd.DataFrame, columns: Sequence[str | None]) -> None:
    """Every listed column is numeric, without NaN, and ≥ 0."""
    import numpy as np

    for column in columns:
        if column is None:
            continue
        values = require_numeric(frame, column)
        negative = np.flatnonzero(values < 0)
        if negative.size:
            position = int(negative[0])
            raise MarketingError(
                t(
                    "marketing.error.negative",
                    column=column,
                    value=frame[column].iloc[position],
                    row=_row_label(frame, position),
                )
            )


def require_dates(frame: pd.DataFrame, column: str) -> pd.Series:
    """The column as naive local ``datetime64``; raises on text that is not a date, or a missing one.

    Times with a zone (``+07:00``, ``Z``) are converted to the shop's time
    (Asia/Ho_Chi_Minh) before any day or month is taken; naive times are
    already local; a column mixing both is refused (:func:`toolkit.vn.local_times`).
    """
    import numpy as np
    import pandas as pd

    from toolkit.vn import local_times

    values = local_times(frame[column], column=column, format="mixed", error=MarketingError)
    bad = values.isna().to_numpy()
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raw = frame[column].iloc[position]
        if pd.isna(raw):
            raise MarketingError(
                t("marketing.error.missing_value", column=column, row=_row_label(frame, position))
            )
        raise MarketingError(
            t(
                "marketing.error.not_dates",
                column=column,
                value=raw,
                row=_row_label(frame, position),
            )
        )
    return values


def safe_divide(
    numerator: Any, denominator: Any, *, metric: str, column: str, labels: Sequence[object]
) -> Any:
    """``numerator / denominator`` elementwise; a zero denominator names its group (``labels``)."""
    import numpy as np

    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    zero = np.flatnonzero(den == 0)
    if zero.size:
        raise MarketingError(
            t(
                "marketing.error.zero_denominator",
                metric=metric,
                column=column,
                row=str(labels[int(zero[0])]),
            )
        )
    return num / den


def check_fraction(value: object, name: str, *, allow_one: bool = True) -> float:
    """A real number in [0, 1] (or [0, 1) without ``allow_one``); percentages are refused."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    number = float(value) if ok else math.nan  # type: ignore[arg-type]
    if not ok or math.isnan(number) or number < 0 or number > 1 or (not allow_one and number == 1):
        raise MarketingError(t("marketing.error.not_fraction", name=name, value=value))
    return number


def check_positive(value: object, name: str) -> float:
    """A finite real number > 0."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    number = float(value) if ok else math.nan  # type: ignore[arg-type]
    if not ok or not math.isfinite(number) or number <= 0:
        raise MarketingError(t("marketing.error.not_positive", name=name, value=value))
    return number


def check_option(value: object, options: Sequence[str], name: str) -> str:
    if value not in options:
        raise MarketingError(
            t(
                "marketing.error.unknown_option",
                name=name,
                value=value,
                options=", ".join(map(repr, options)),
            )
        )
    return str(value)
