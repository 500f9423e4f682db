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
    "check_option",
    "check_positive",
    "require_columns",
    "require_dates",
    "require_frame",
    "require_non_negative",
    "require_not_empty",
    "require_numeric",
    "safe_divide",
]


class MarketingError(ValueError):
    """Bad input to a :mod:`toolkit.marketing` function; the message is for the learner."""


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
    return values.to_numpy(dtype=float)


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
