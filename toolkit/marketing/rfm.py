"""RFM: score each customer 1–5 on Recency, Frequency and Monetary value, then name segments.

Scores are quintiles (``../shared/DOMAIN.md`` §2; Hughes, *Strategic Database
Marketing*, 1994): each score holds a fifth of the customers. Recency is
reversed (the most recent buyers get 5). Many customers share a value (one
order, the same last day), so ``pandas.qcut`` on raw values would fail on
duplicate bin edges; each column is first ranked with ``method="first"`` (ties
broken by the table's order, customers sorted by id), then cut into 5 equal
groups.

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
['Khách VIP', 'Đã mất', 'Cần chăm sóc', 'Đã mất', 'Khách trung thành']
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
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SEGMENTS", "rfm_scores", "rfm_segments", "rfm_table"]

SEGMENTS = (
    "Khách VIP",
    "Khách trung thành",
    "Có nguy cơ mất",
    "Đã mất",
    "Khách mới",
    "Cần chăm sóc",
)


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
        the day after the last order in the data.

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
    reference = dates.max() + pd.Timedelta(days=1) if as_of is None else pd.Timestamp(as_of)
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


def _quintile(values: pd.Series, *, reverse: bool) -> pd.Series:
    import numpy as np
    import pandas as pd

    ranks = values.rank(method="first")
    labels = [5, 4, 3, 2, 1] if reverse else [1, 2, 3, 4, 5]
    return pd.qcut(ranks, 5, labels=labels).astype(np.int64)


def rfm_scores(
    table: pd.DataFrame,
    *,
    recency: str = "recency_days",
    frequency: str = "frequency",
    monetary: str = "monetary_vnd",
) -> pd.DataFrame:
    """Quintile scores 1–5 (``R``, ``F``, ``M``), the code ``"RFM"`` (e.g. ``"545"``) and the segment.

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
    out = table.copy()
    out["R"] = _quintile(table[recency], reverse=True)
    out["F"] = _quintile(table[frequency], reverse=False)
    out["M"] = _quintile(table[monetary], reverse=False)
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
