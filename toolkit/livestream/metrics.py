"""Livestream metrics, computed one way for a simulated run and for a session log.

The marketplaces' LIVE dashboards (DOMAIN.md §4, TikTok Shop's seller help
pages) judge a session by:

====================  =====================================================
``views``             number of views (entries; one person can enter twice)
``unique_viewers``    number of different people
``peak_viewers``      most people present at the same second
``avg_viewers``       average concurrent viewers = total watch time / length
``avg_watch_min``     average watch time per view, in minutes
``product_clicks``    clicks on the product card
``ctr``               product click-through rate = product clicks / views
``orders``            orders (one item each)
``ctor``              click-to-order rate = orders / product clicks
``gmv_vnd``           GMV: money of all orders, whole đồng
``gpm_vnd``           GPM = GMV × 1000 / views (GMV per 1,000 views)
``value_per_viewer``  GMV / unique viewers (key ``value_per_viewer_vnd``)
``comments_per_min``  comments / length in minutes
====================  =====================================================

plus ``duration_min`` and ``comments``. :func:`session_metrics` accepts a
:class:`~toolkit.livestream.simulation.LiveRun` or a log DataFrame
(:mod:`~toolkit.livestream.log`); both end in :func:`core_metrics`, so a
simulated session exported as a log gives exactly the simulator's numbers.

Examples
--------
A tiny hand-made session: 10 minutes; viewer A watches minutes 0–4 and
orders once, viewer B watches minutes 2–6 and clicks twice, then A comes back
for the last minute.

>>> m = core_metrics(
...     duration_s=600,
...     join_s=np.array([0, 120, 540]),
...     leave_s=np.array([300, 420, 600]),
...     viewer=np.array([0, 1, 0]),
...     clicks=3, orders=1, gmv_vnd=166500, comments=5,
... )
>>> m["views"], m["unique_viewers"], m["peak_viewers"], m["avg_viewers"]
(3, 2, 2, 1.1)
>>> m["ctr"], m["ctor"], m["gpm_vnd"], m["value_per_viewer_vnd"]
(1.0, 0.3333333333333333, 55500000.0, 83250.0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from toolkit.i18n import t
from toolkit.livestream import _messages  # noqa: F401  (registers the messages)

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.livestream.params import LiveParams

__all__ = [
    "METRICS",
    "core_metrics",
    "metrics_table",
    "minute_table",
    "money",
    "session_metrics",
]

METRICS = (
    "duration_min",
    "views",
    "unique_viewers",
    "peak_viewers",
    "avg_viewers",
    "avg_watch_min",
    "product_clicks",
    "ctr",
    "orders",
    "ctor",
    "gmv_vnd",
    "gpm_vnd",
    "value_per_viewer_vnd",
    "comments",
    "comments_per_min",
)
"""Keys of the metrics dict, in display order."""


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator / denominator) if denominator else 0.0


def presence(duration_s: int, join_s: np.ndarray, leave_s: np.ndarray) -> np.ndarray:
    """Viewers present in each second ``s`` (a view is present on ``[join, leave)``).

    Examples
    --------
    >>> presence(5, np.array([0, 1]), np.array([2, 5])).tolist()
    [1, 2, 1, 1, 1]
    """
    size = duration_s + 1
    change = (
        np.bincount(join_s, minlength=size)[:size] - np.bincount(leave_s, minlength=size)[:size]
    )
    return np.cumsum(change)[:duration_s]


def core_metrics(
    *,
    duration_s: int,
    join_s: np.ndarray,
    leave_s: np.ndarray,
    viewer: np.ndarray,
    clicks: int,
    orders: int,
    gmv_vnd: int,
    comments: int,
    present: np.ndarray | None = None,
) -> dict[str, Any]:
    """The metrics from per-view join/leave seconds and session totals.

    Parameters
    ----------
    duration_s : int
        Length of the session in seconds.
    join_s, leave_s : ndarray of int
        Second of each view's arrival and departure (0 ≤ join ≤ leave ≤ duration).
    viewer : ndarray
        Who made each view (any labels; equal labels = the same person).
    clicks, orders, gmv_vnd, comments : int
        Session totals.
    present : ndarray, optional
        :func:`presence` of these views, if already computed.

    Returns
    -------
    dict
        The keys of :data:`METRICS`; counts and money are ``int``, rates ``float``.
    """
    views = int(join_s.size)
    if present is None:
        present = presence(duration_s, join_s, leave_s)
    watch_s = int(present.sum())
    duration_min = duration_s / 60
    viewer = np.asarray(viewer)
    if viewer.size and np.issubdtype(viewer.dtype, np.integer) and viewer.min() >= 0:
        unique = int(np.count_nonzero(np.bincount(viewer)))
    else:
        unique = int(np.unique(viewer).size)
    return {
        "duration_min": float(duration_min),
        "views": views,
        "unique_viewers": unique,
        "peak_viewers": int(present.max()) if present.size else 0,
        "avg_viewers": _ratio(watch_s, duration_s),
        "avg_watch_min": _ratio(watch_s / 60, views),
        "product_clicks": int(clicks),
        "ctr": _ratio(clicks, views),
        "orders": int(orders),
        "ctor": _ratio(orders, clicks),
        "gmv_vnd": int(gmv_vnd),
        "gpm_vnd": _ratio(gmv_vnd * 1000, views),
        "value_per_viewer_vnd": _ratio(gmv_vnd, unique),
        "comments": int(comments),
        "comments_per_min": _ratio(comments, duration_min),
    }


def session_metrics(source: Any) -> dict[str, Any]:
    """The metrics of a simulated run or of a session log.

    Parameters
    ----------
    source : LiveRun or pandas.DataFrame
        The result of :func:`~toolkit.livestream.simulate` or a log read with
        :func:`~toolkit.livestream.read_log` / :func:`~toolkit.livestream.load_log`.

    Returns
    -------
    dict
        See the module docstring (keys :data:`METRICS`).

    Examples
    --------
    >>> from toolkit import livestream
    >>> m = session_metrics(livestream.load_log())
    >>> m["views"], m["orders"], m["gmv_vnd"]
    (2485, 15, 2312500)
    """
    from toolkit.livestream.simulation import LiveRun

    if isinstance(source, LiveRun):
        return dict(source.metrics)
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        from toolkit.livestream.log import log_arrays

        arrays = log_arrays(source)
        return core_metrics(**arrays.core())
    raise TypeError(t("livestream.error.log_type", found=type(source).__name__))


def money(metrics: dict[str, Any], params: LiveParams) -> dict[str, int]:
    """Net revenue after marketplace fees, and profit after the cost of goods.

    net = GMV × (1 − commission − payment fee) − orders × per-order fee;
    profit = net − orders × cost (DOMAIN.md: fees are parameters).

    Examples
    --------
    >>> from toolkit.livestream import LiveParams
    >>> money({"gmv_vnd": 1_665_000, "orders": 10}, LiveParams())
    {'net_revenue_vnd': 1393575, 'profit_vnd': 383575}
    """
    gmv, orders = metrics["gmv_vnd"], metrics["orders"]
    net = round(gmv * (1 - params.commission_rate - params.payment_fee_rate)) - (
        orders * params.order_fee_vnd
    )
    return {"net_revenue_vnd": int(net), "profit_vnd": int(net - orders * params.cost_vnd)}


def minute_table(source: Any) -> pd.DataFrame:
    """Minute-by-minute table of a run or a log.

    Columns: ``minute``, ``new_viewers`` (views starting), ``viewers``
    (average concurrent viewers in the minute), ``product_clicks``,
    ``orders``, ``gmv_vnd``, ``comments``; a simulated run adds
    ``unit_price_vnd``, ``pitch``, ``flash``, ``stock_left``.

    Examples
    --------
    >>> from toolkit import livestream
    >>> table = minute_table(livestream.load_log())
    >>> list(table.columns)
    ['minute', 'new_viewers', 'viewers', 'product_clicks', 'orders', 'gmv_vnd', 'comments']
    >>> len(table)
    90
    """
    from toolkit.livestream.simulation import LiveRun

    if isinstance(source, LiveRun):
        return source.minutes.copy()
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        from toolkit.livestream.log import log_arrays

        return log_arrays(source).minutes()
    raise TypeError(t("livestream.error.log_type", found=type(source).__name__))


def _show(key: str, value: Any) -> str:
    from toolkit import vn

    if key.endswith("_vnd"):
        return vn.format_vnd(round(value))
    if key in ("ctr", "ctor"):
        return vn.format_percent(value, decimals=1)
    if isinstance(value, int):
        return vn.format_number(value)
    return vn.format_number(value, decimals=1 if key != "avg_watch_min" else 2)


def metrics_table(metrics: dict[str, Any]) -> pd.DataFrame:
    """The metrics as a two-column table with Vietnamese labels and formatted values.

    Examples
    --------
    >>> m = {"views": 2500, "ctr": 0.0912, "gmv_vnd": 5635500}
    >>> metrics_table(m)["Giá trị"].tolist()
    ['2.500', '9,1\\xa0%', '5.635.500\\xa0₫']
    """
    import pandas as pd

    rows = [
        (t(f"livestream.metric.{key}"), _show(key, value))
        for key, value in metrics.items()
        if f"livestream.metric.{key}"
    ]
    return pd.DataFrame(rows, columns=[t("livestream.table.metric"), t("livestream.table.value")])
