"""Multi-touch attribution: share each order's revenue among the ads the buyer saw before buying.

A *journey* is the time-ordered list of touchpoints (ad clicks, messages, …)
that led to one order. Each model gives each touch a weight; the weights of a
journey sum to 1, so the credits of an order sum to its revenue
(``../shared/DOMAIN.md`` §2; Google Analytics attribution models):

==================  =============================================================
``last_click``      100 % to the last touch
``first_click``     100 % to the first touch
``linear``          1/n to each of the n touches
``time_decay``      ∝ 2^(−Δt / half-life), Δt = time from the touch to the order
                    (half-life 7 days by default), normalised per journey
``position_based``  40 % first, 40 % last, 20 % shared by the middle touches;
                    n = 1 → 100 %, n = 2 → 50 % / 50 %
==================  =============================================================

For time decay the weights are normalised within each journey, so the
reference time cancels out: Δt is measured from the journey's last touch,
which is exact and avoids underflow for old touches.

Everything is vectorised (one stable sort, then ``numpy.bincount`` per
journey): three million touchpoints take about a second per model
(``benchmarks/marketing.py``).

Examples
--------
>>> import pandas as pd
>>> touches = pd.DataFrame({
...     "order_id": ["D1", "D1", "D1", "D2"],
...     "channel": ["Facebook", "Zalo", "Postmart", "Zalo"],
...     "touch_time": pd.to_datetime(["2026-01-01", "2026-01-05", "2026-01-08", "2026-01-03"]),
... })
>>> orders = pd.DataFrame({"order_id": ["D1", "D2"], "revenue_vnd": [1_000_000, 200_000],
...                        "order_date": pd.to_datetime(["2026-01-08", "2026-01-03"])})
>>> attribution_table(touches, orders, models=["last_click", "first_click", "position_based"])  # doctest: +NORMALIZE_WHITESPACE
          last_click  first_click  position_based
channel
Facebook         0.0    1000000.0        400000.0
Postmart   1000000.0          0.0        400000.0
Zalo        200000.0     200000.0        400000.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from toolkit.i18n import t
from toolkit.marketing._validate import (
    MarketingError,
    check_option,
    check_positive,
    require_columns,
    require_dates,
    require_non_negative,
    require_not_empty,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["MODELS", "attribute", "attribution_table", "model_weights"]

MODELS = ("last_click", "first_click", "linear", "time_decay", "position_based")
_DAY_NS = 86_400 * 10**9


class _Journeys:
    """Touchpoints sorted by (journey, time), with each touch's journey and position."""

    def __init__(
        self,
        touchpoints: pd.DataFrame,
        orders: pd.DataFrame,
        *,
        journey: str,
        time: str,
        revenue: str,
        order_time: str | None,
    ) -> None:
        import numpy as np
        import pandas as pd

        require_columns(touchpoints, [journey, time], "điểm chạm")
        require_columns(orders, [journey, revenue, order_time], "đơn hàng")
        require_not_empty(touchpoints, "điểm chạm", "phân bổ doanh thu")
        require_not_empty(orders, "đơn hàng", "phân bổ doanh thu")
        require_non_negative(orders, [revenue])
        order_keys = pd.Index(orders[journey])
        if not order_keys.is_unique:
            dup = order_keys.duplicated()
            i = int(np.flatnonzero(dup)[0])
            raise MarketingError(
                t(
                    "marketing.error.duplicate_key",
                    column=journey,
                    what="đơn hàng",
                    value=order_keys[i],
                    row=str(orders.index[i]),
                )
            )
        code = order_keys.get_indexer(touchpoints[journey])
        unknown = np.flatnonzero(code < 0)
        if unknown.size:
            i = int(unknown[0])
            raise MarketingError(
                t(
                    "marketing.error.unknown_journey",
                    row=str(touchpoints.index[i]),
                    journey=touchpoints[journey].iloc[i],
                    column=journey,
                )
            )
        times = require_dates(touchpoints, time).to_numpy().astype("datetime64[ns]").view(np.int64)
        if order_time is not None:
            ordered_at = require_dates(orders, order_time)
            limit = ordered_at.to_numpy().astype("datetime64[ns]").view(np.int64)
            date_only = bool((ordered_at == ordered_at.dt.normalize()).all())
            # a date without a time of day means "some time that day": touches that day are fine
            late = times >= (limit[code] + _DAY_NS) if date_only else times > limit[code]
            if late.any():
                i = int(np.flatnonzero(late)[0])
                shown = ordered_at.iloc[int(code[i])]
                raise MarketingError(
                    t(
                        "marketing.error.touch_after_order",
                        row=str(touchpoints.index[i]),
                        column=time,
                        time=str(touchpoints[time].iloc[i]),
                        journey=touchpoints[journey].iloc[i],
                        order_time=str(shown.date()) if date_only else str(shown),
                    )
                )
        sorted_already = bool(
            np.all((np.diff(code) > 0) | ((np.diff(code) == 0) & (np.diff(times) >= 0)))
        )
        self.order = np.arange(len(code)) if sorted_already else _journey_order(code, times)
        self.code = code[self.order]
        self.times = times[self.order]
        n_orders = len(order_keys)
        self.counts = np.bincount(self.code, minlength=n_orders)
        starts = np.cumsum(self.counts) - self.counts
        self.n = self.counts[self.code]
        self.position = np.arange(len(self.code)) - starts[self.code]
        self.last_time = np.zeros(n_orders, dtype=np.int64)
        self.last_time[self.code] = self.times  # sorted, so the last write per journey wins
        self.revenue = pd.to_numeric(orders[revenue]).to_numpy(float)
        self.n_orders = n_orders


def _journey_order(code: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Stable order by (journey, time); equal (journey, time) pairs keep their row order.

    Times are usually whole seconds or minutes, so ``journey · span + time`` in
    the coarsest exact unit fits in an int64 with room for the row number in
    the low bits: one value sort then gives the order. Otherwise a stable
    argsort of that key; or rank the times, then sort ``journey · n + rank``;
    ``numpy.lexsort`` if even that could overflow.
    """
    import numpy as np

    n = len(code)
    if n == 0:
        return np.arange(0)
    rel = times - times.min()
    for unit in (60 * 10**9, 10**9, 10**6, 10**3, 1):  # minute, second, ms, µs, ns
        if not (rel % unit).any():
            break
    span = int(rel.max()) // unit + 1
    journeys = int(code.max()) + 1
    bits = max(1, (n - 1).bit_length())
    if journeys * span < 2**62:
        key = code.astype(np.int64) * span + rel // unit
        if journeys * span << bits < 2**63:
            # pack the row number into the low bits and sort the values: a value sort is
            # many times faster than an argsort, and the row number breaks ties stably
            packed = (key << bits) | np.arange(n, dtype=np.int64)
            packed.sort()
            return packed & ((1 << bits) - 1)
        return np.argsort(key, kind="stable")
    if journeys * n >= 2**62:  # pragma: no cover - astronomically many rows
        return np.lexsort((times, code))
    by_time = np.argsort(times, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[by_time] = np.arange(n, dtype=np.int64)
    return np.argsort(code.astype(np.int64) * n + rank)


def _weights(journeys: _Journeys, model: str, half_life_days: float) -> np.ndarray:
    import numpy as np

    pos, n = journeys.position, journeys.n
    if model == "last_click":
        return (pos == n - 1).astype(float)
    if model == "first_click":
        return (pos == 0).astype(float)
    if model == "linear":
        return 1.0 / n
    if model == "time_decay":
        age_days = (journeys.last_time[journeys.code] - journeys.times) / _DAY_NS
        raw = np.exp2(-age_days / half_life_days)
        total = np.bincount(journeys.code, weights=raw, minlength=journeys.n_orders)
        return raw / total[journeys.code]
    # position_based
    middle = np.where(n > 2, 0.2 / np.maximum(n - 2, 1), 0.0)
    ends = np.where(n == 1, 1.0, np.where(n == 2, 0.5, 0.4))
    is_end = (pos == 0) | (pos == n - 1)
    return np.where(is_end, ends, middle)


def model_weights(
    touchpoints: pd.DataFrame,
    *,
    model: str,
    journey: str = "order_id",
    time: str = "touch_time",
    half_life_days: float = 7.0,
) -> pd.Series:
    """Each touch's share of its journey's order (weights of a journey sum to 1).

    Examples
    --------
    >>> import pandas as pd
    >>> touches = pd.DataFrame({"order_id": ["D1"] * 4,
    ...                         "touch_time": pd.to_datetime(["2026-01-01", "2026-01-02",
    ...                                                       "2026-01-03", "2026-01-04"])})
    >>> model_weights(touches, model="position_based").round(2).tolist()
    [0.4, 0.1, 0.1, 0.4]
    >>> model_weights(touches, model="time_decay", half_life_days=1).round(4).tolist()
    [0.0667, 0.1333, 0.2667, 0.5333]
    """
    import pandas as pd

    require_columns(touchpoints, [journey, time], "điểm chạm")
    keys = pd.DataFrame({journey: pd.unique(touchpoints[journey]), "_revenue": 1.0})
    out = attribute(
        touchpoints,
        keys,
        model=model,
        journey=journey,
        time=time,
        revenue="_revenue",
        order_time=None,
        half_life_days=half_life_days,
    )
    return out["weight"]


def attribute(
    touchpoints: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    model: str = "last_click",
    journey: str = "order_id",
    time: str = "touch_time",
    revenue: str = "revenue_vnd",
    order_time: str | None = "order_date",
    half_life_days: float = 7.0,
) -> pd.DataFrame:
    """Credit each touchpoint with its share of the order's revenue under one model.

    Parameters
    ----------
    touchpoints : pandas.DataFrame
        One row per touch: the journey (order) id and a time stamp (any other
        columns, such as ``channel`` or ``campaign``, are kept).
    orders : pandas.DataFrame
        One row per order: id, revenue and (optionally) the order time.
    model : {"last_click", "first_click", "linear", "time_decay", "position_based"}
    journey, time, revenue, order_time : str
        Column names; ``order_time=None`` skips the time-order check. A date
        without a time of day allows touches during that day.
    half_life_days : float, default 7
        Time decay: a touch this many days before the order counts half as much
        as one at the order.

    Returns
    -------
    pandas.DataFrame
        The touchpoints sorted by journey then time (original index kept),
        plus ``weight`` (sums to 1 per journey) and ``credit_vnd``.
        Orders without any touchpoint get no credit anywhere.

    Raises
    ------
    MarketingError
        Missing columns, a touch of an unknown order, a touch after its order
        (journey out of time order), duplicate order ids, negative revenue,
        an unknown model.
    """
    check_option(model, MODELS, "model")
    check_positive(half_life_days, "half_life_days")
    journeys = _Journeys(
        touchpoints, orders, journey=journey, time=time, revenue=revenue, order_time=order_time
    )
    weights = _weights(journeys, model, float(half_life_days))
    out = touchpoints.iloc[journeys.order].copy()
    out["weight"] = weights
    out["credit_vnd"] = weights * journeys.revenue[journeys.code]
    return out


def attribution_table(
    touchpoints: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    models: Sequence[str] = MODELS,
    by: str = "channel",
    journey: str = "order_id",
    time: str = "touch_time",
    revenue: str = "revenue_vnd",
    order_time: str | None = "order_date",
    half_life_days: float = 7.0,
) -> pd.DataFrame:
    """Revenue credited to each value of ``by`` (channel, campaign…) under each model.

    The journeys are sorted once and reused by every model.

    Returns
    -------
    pandas.DataFrame
        Index: the values of ``by`` (sorted); one column per model (đồng, float).
        Each column sums to the revenue of the orders that have touchpoints.
    """
    import numpy as np
    import pandas as pd

    for model in models:
        check_option(model, MODELS, "model")
    check_positive(half_life_days, "half_life_days")
    require_columns(touchpoints, [by], "điểm chạm")
    journeys = _Journeys(
        touchpoints, orders, journey=journey, time=time, revenue=revenue, order_time=order_time
    )
    codes, labels = pd.factorize(touchpoints[by], sort=True)  # categorical: uses its codes
    groups = codes[journeys.order]
    if (groups < 0).any():
        i = int(journeys.order[np.flatnonzero(groups < 0)[0]])
        raise MarketingError(
            t("marketing.error.missing_value", column=by, row=str(touchpoints.index[i]))
        )
    revenue_per_touch = journeys.revenue[journeys.code]
    columns: dict[str, Any] = {}
    for model in models:
        credit = _weights(journeys, model, float(half_life_days)) * revenue_per_touch
        columns[model] = np.bincount(groups, weights=credit, minlength=len(labels))
    return pd.DataFrame(columns, index=pd.Index(np.asarray(labels), name=by))
