"""RFM: score each customer 1–5 on Recency, Frequency and Monetary value, then name segments.

Scores are quintiles (``../shared/DOMAIN.md`` §2; Hughes, *Strategic Database
Marketing*, 1994): each score holds about a fifth of the customers. Recency
is reversed (the most recent buyers get 5). Ties are ties: customers with
the same value get the same score, so every score can be explained from the
value alone (see :func:`quintile_scores`). Where many customers share a value
(one order, the same last day) a score can therefore hold more or fewer than
a fifth of them.

Segments (first rule that matches):

=====================  ================================
``Khách VIP``          R ≥ 4, F ≥ 4, M ≥ 4 (Champions)
``Khách trung thành``  R ≥ 3, F ≥ 4 (Loyal)
``Có nguy cơ mất``     R ≤ 2, F ≥ 4 (At risk)
``Đã mất``             R ≤ 2, F ≤ 2 (Lost)
``Khách mới``          R ≥ 4, F ≤ 2 (New)
``Cần chăm sóc``       everyone else (Needs attention)
=====================  ================================

Examples
--------
>>> import pandas as pd
>>> orders = pd.DataFrame({
...     "customer_id": ["A", "A", "A", "B", "C", "C", "D", "E", "E"],
...     "order_date": pd.to_datetime(["2025-12-01", "2025-12-20", "2026-01-30", "2025-03-01",
...                                   "2026-01-02", "2026-01-25", "2025-06-10", "2025-05-01",
...                                   "2025-11-11"]),
...     "revenue_vnd": [300_000, 250_000, 400_000, 90_000, 150_000, 200_000, 120_000,
...                     100_000, 80_000],
... })
>>> scores = rfm_scores(rfm_table(orders, as_of="2026-02-01"))
>>> scores[["R", "F", "M"]].to_dict("index")["A"]
{'R': 5, 'F': 5, 'M': 5}
>>> scores["segment"].tolist()
['Khách VIP', 'Đã mất', 'Cần chăm sóc', 'Đã mất', 'Cần chăm sóc']

C and E both ordered twice, so they share ``F = 3`` (ties are ties):

>>> scores["F"].tolist()
[5, 1, 3, 1, 3]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.i18n import t
from toolkit.marketing._validate import (
    MarketingError,
    require_columns,
    require_dates,
    require_non_negative,
    require_not_empty,
    require_unique,
)
from toolkit.vn import local_time

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SEGMENTS", "quintile_scores", "rfm_scores", "rfm_segments", "rfm_table"]

SEGMENTS = (
    "Khách VIP",
    "Khách trung thành",
    "Có nguy cơ mất",
    "Đã mất",
    "Khách mới",
    "Cần chăm sóc",
)


def _as_of(value: object) -> pd.Timestamp:
    """``as_of`` as the shop's local time, or a :class:`MarketingError` naming it."""
    import pandas as pd

    try:
        stamp = local_time(value)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if stamp is pd.NaT:
        raise MarketingError(t("marketing.error.not_dates", column="as_of", value=value, row="-"))
    return stamp


def rfm_table(
    orders: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "order_date",
    revenue: str = "revenue_vnd",
    as_of: object = None,
) -> pd.DataFrame:
    """Recency (days), frequency (orders) and monetary value (đồng) per customer.

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order (filter to delivered orders first if that is what you mean).
    customer, date, revenue : str
        Column names.
    as_of : date-like, optional
        The reference day; recency = as_of − last order, in days. Defaults to
        the day after the last order in the data. Days are the shop's local
        days: aware order times and ``as_of`` are converted to
        Asia/Ho_Chi_Minh first, naive ones are taken as local.

    Returns
    -------
    pandas.DataFrame
        Index: customer id (sorted). Columns ``recency_days``, ``frequency``, ``monetary_vnd``.
    """
    import numpy as np
    import pandas as pd

    require_columns(orders, [customer, date, revenue], "đơn hàng")
    require_not_empty(orders, "đơn hàng", "RFM")
    dates = require_dates(orders, date)
    require_non_negative(orders, [revenue])
    reference = dates.max() + pd.Timedelta(days=1) if as_of is None else _as_of(as_of)
    late = np.flatnonzero((dates > reference).to_numpy())
    if late.size:
        i = int(late[0])
        raise MarketingError(
            t(
                "marketing.error.future_order",
                row=str(orders.index[i]),
                date=str(dates.iloc[i].date()),
                as_of=str(reference.date()),
            )
        )
    # factorize unsorted (hashing), then sort only the distinct ids: much faster than sort=True
    codes, uniques = pd.factorize(orders[customer], sort=False)
    if (codes < 0).any():
        i = int(np.flatnonzero(codes < 0)[0])
        raise MarketingError(
            t("marketing.error.missing_value", column=customer, row=str(orders.index[i]))
        )
    days = dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    last = np.full(len(uniques), np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, codes, days)
    frequency = np.bincount(codes, minlength=len(uniques))
    money = np.bincount(
        codes, weights=pd.to_numeric(orders[revenue]).to_numpy(float), minlength=len(uniques)
    )
    ref_day = np.datetime64(reference.normalize().date(), "D").astype(np.int64)
    order = np.argsort(np.asarray(uniques), kind="stable")
    return pd.DataFrame(
        {
            "recency_days": (ref_day - last[order]).astype(np.int64),
            "frequency": frequency[order].astype(np.int64),
            "monetary_vnd": money[order],
        },
        index=pd.Index(np.asarray(uniques)[order], name=customer),
    )


def quintile_scores(values: pd.Series, *, reverse: bool = False) -> pd.Series:
    """Scores 1–5 by quintile of ``values``, equal values getting equal scores.

    The method, step by step:

    1. rank the values from smallest to largest, tied values all taking the
       *lowest* rank of their group (``rank(method="min")``): for
       ``[1, 1, 1, 2, 3, 5, 8, 8, 10, 12]`` the ranks are
       ``[1, 1, 1, 4, 5, 6, 7, 7, 9, 10]``;
    2. score = ⌈5 × rank ÷ n⌉, n the number of customers: rank 1 of 10 →
       ⌈0,5⌉ = 1, rank 4 → ⌈2⌉ = 2, rank 5 → ⌈2,5⌉ = 3, rank 9 → ⌈4,5⌉ = 5.

    Without ties this is exactly "each fifth gets one score"; with ties a
    whole group gets the score of its lowest member (one-order customers all
    get ``F = 1``), never a score decided by row order or customer id. With ``reverse=True`` (recency: fewer days is
    better) the values are ranked from largest to smallest instead.

    Parameters
    ----------
    values : pandas.Series
        Numbers, one per customer.
    reverse : bool, default False
        Give 5 to the smallest values.

    Returns
    -------
    pandas.Series of int64
        Scores 1–5, same index.

    Examples
    --------
    >>> import pandas as pd
    >>> quintile_scores(pd.Series([1, 1, 1, 2, 3, 5, 8, 8, 10, 12])).tolist()
    [1, 1, 1, 2, 3, 3, 4, 4, 5, 5]

    Recency in days, reversed: the two customers who bought yesterday share a 5.

    >>> quintile_scores(pd.Series([1, 1, 5, 30, 60, 90, 120, 200, 365, 400]), reverse=True).tolist()
    [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]

    A tied group larger than a fifth keeps the score of its lowest member, so a
    score can stay empty: here nobody gets 2 or 4.

    >>> quintile_scores(pd.Series([1, 1, 1, 1, 1, 2, 2, 2, 3, 3])).tolist()
    [1, 1, 1, 1, 1, 3, 3, 3, 5, 5]
    """
    import numpy as np
    import pandas as pd

    ranks = values.rank(method="min", ascending=not reverse).to_numpy(dtype=np.int64)
    n = len(values)
    scores = (5 * ranks + n - 1) // n  # ⌈5 × rank ÷ n⌉ in whole numbers
    return pd.Series(scores.astype(np.int64), index=values.index, name=values.name)


def rfm_scores(
    table: pd.DataFrame,
    *,
    recency: str = "recency_days",
    frequency: str = "frequency",
    monetary: str = "monetary_vnd",
) -> pd.DataFrame:
    """Quintile scores 1–5 (``R``, ``F``, ``M``), the code ``"RFM"`` (e.g. ``"545"``) and the segment.

    Each score comes from :func:`quintile_scores`: equal values get equal
    scores (customers with one order all get ``F = 1``; customers whose last
    order was on the same day all get the same ``R``), so identical customers
    always land in the same segment.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer, e.g. from :func:`rfm_table`.

    Returns
    -------
    pandas.DataFrame
        ``table`` plus int columns ``R``, ``F``, ``M``, text ``RFM`` and a
        categorical ``segment`` (categories :data:`SEGMENTS`).

    Raises
    ------
    MarketingError
        Fewer than 5 customers (no quintiles), a missing column, negative values.
    """
    require_columns(table, [recency, frequency, monetary], "RFM")
    if len(table) < 5:
        raise MarketingError(t("marketing.error.rfm_too_few", found=len(table)))
    require_non_negative(table, [recency, frequency, monetary])
    require_unique(table)  # one row per customer
    out = table.copy()
    out["R"] = quintile_scores(table[recency], reverse=True)
    out["F"] = quintile_scores(table[frequency])
    out["M"] = quintile_scores(table[monetary])
    out["RFM"] = out["R"].astype(str) + out["F"].astype(str) + out["M"].astype(str)
    out["segment"] = rfm_segments(out)
    return out


def rfm_segments(scores: pd.DataFrame) -> pd.Series:
    """Name the segment of each row from its ``R``, ``F``, ``M`` scores (rules in the module doc).

    Examples
    --------
    >>> import pandas as pd
    >>> rfm_segments(pd.DataFrame({"R": [5, 1, 2, 5], "F": [5, 5, 1, 1], "M": [4, 5, 1, 1]})).tolist()
    ['Khách VIP', 'Có nguy cơ mất', 'Đã mất', 'Khách mới']
    """
    import numpy as np
    import pandas as pd

    require_columns(scores, ["R", "F", "M"], "RFM")
    r, f, m = (scores[c].to_numpy() for c in ("R", "F", "M"))
    conditions = [
        (r >= 4) & (f >= 4) & (m >= 4),
        (r >= 3) & (f >= 4),
        (r <= 2) & (f >= 4),
        (r <= 2) & (f <= 2),
        (r >= 4) & (f <= 2),
    ]
    names = np.select(conditions, list(SEGMENTS[:-1]), default=SEGMENTS[-1])
    return pd.Series(
        pd.Categorical(names, categories=list(SEGMENTS)), index=scores.index, name="segment"
    )
