"""Advertising KPIs, one number at a time or per group of a DataFrame.

Formulas (``../shared/DOMAIN.md`` §2; e.g. Farris et al., *Marketing Metrics*, 2010):

=================  ==========================================================
CTR                clicks / impressions
CVR                orders / *denominator* (clicks, sessions or impressions:
                   always say which; :func:`cvr` makes you name it)
CPC                spend / clicks
CPM                1000 · spend / impressions
CPA                spend / orders
CAC                acquisition spend / new customers
AOV                revenue / orders
ROAS               revenue from ads / ad spend (**not** profit)
ROI                (return − cost) / cost; for ads: profit after margin,
                   fees and ad spend, divided by ad spend
break-even ROAS    1 / (gross margin − fee rate): below it, ads lose money
=================  ==========================================================

Every ratio refuses a zero denominator and negative inputs with a Vietnamese
message that names the column and the row (or group), never a silent ``NaN``.

Examples
--------
>>> ctr(30, 1_000)
0.03
>>> cvr(6, clicks=30)
0.2
>>> roas(revenue=4_000_000, spend=1_000_000)
4.0
>>> round(break_even_roas(margin=0.40, fees=0.15), 2)
4.0
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING

from toolkit.i18n import t
from toolkit.marketing._validate import (
    MarketingError,
    check_fraction,
    require_columns,
    require_non_negative,
    require_not_empty,
    safe_divide,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "aov",
    "break_even_roas",
    "cac",
    "cpa",
    "cpc",
    "cpm",
    "ctr",
    "cvr",
    "kpi_table",
    "profit_after_fees",
    "roas",
    "roi",
]


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(float(value)):
        raise MarketingError(t("marketing.error.not_number_scalar", column=name, value=value))
    number = float(value)
    if number < 0:
        raise MarketingError(t("marketing.error.negative_scalar", column=name, value=value))
    return number


def _ratio(num: object, den: object, *, metric: str, num_name: str, den_name: str) -> float:
    top, bottom = _number(num, num_name), _number(den, den_name)
    if bottom == 0:
        raise MarketingError(t("marketing.error.zero_scalar", metric=metric, column=den_name))
    return top / bottom


def ctr(clicks: float, impressions: float) -> float:
    """Click-through rate: clicks / impressions, a fraction (0.03 means 3 %).

    Examples
    --------
    >>> ctr(45, 1_500)
    0.03
    >>> ctr(1, 0)
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: Không tính được CTR: “impressions” bằng 0 (không chia được cho 0).
    """
    return _ratio(clicks, impressions, metric="CTR", num_name="clicks", den_name="impressions")


def cvr(
    orders: float,
    *,
    clicks: float | None = None,
    sessions: float | None = None,
    impressions: float | None = None,
) -> float:
    """Conversion rate over a **named** denominator: give exactly one of ``clicks``, ``sessions``, ``impressions``.

    CVR over clicks (orders / clicks) is the usual ad metric; over sessions it
    is the shop's page conversion; over impressions it mixes CTR into it and
    looks tiny. Naming the denominator stops that mix-up.

    Examples
    --------
    >>> cvr(12, clicks=400)
    0.03
    >>> cvr(12, sessions=600)
    0.02
    >>> cvr(12)
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: denominator = None không hợp lệ. Hãy chọn một trong: 'clicks', 'sessions', 'impressions'.
    """
    given = {
        name: value
        for name, value in (
            ("clicks", clicks),
            ("sessions", sessions),
            ("impressions", impressions),
        )
        if value is not None
    }
    if len(given) != 1:
        raise MarketingError(
            t(
                "marketing.error.unknown_option",
                name="denominator",
                value=None if not given else tuple(given),
                options="'clicks', 'sessions', 'impressions'",
            )
        )
    ((name, value),) = given.items()
    return _ratio(orders, value, metric=f"CVR ({name})", num_name="orders", den_name=name)


def cpc(spend: float, clicks: float) -> float:
    """Cost per click: spend / clicks (đồng).

    Examples
    --------
    >>> cpc(1_200_000, 400)
    3000.0
    """
    return _ratio(spend, clicks, metric="CPC", num_name="spend", den_name="clicks")


def cpm(spend: float, impressions: float) -> float:
    """Cost per thousand impressions: 1000 · spend / impressions (đồng).

    Examples
    --------
    >>> cpm(1_200_000, 60_000)
    20000.0
    """
    return 1000 * _ratio(spend, impressions, metric="CPM", num_name="spend", den_name="impressions")


def cpa(spend: float, orders: float) -> float:
    """Cost per acquisition (per order): spend / orders (đồng).

    Examples
    --------
    >>> cpa(1_200_000, 12)
    100000.0
    """
    return _ratio(spend, orders, metric="CPA", num_name="spend", den_name="orders")


def cac(acquisition_spend: float, new_customers: float) -> float:
    """Customer acquisition cost: acquisition spend / **new** customers (đồng).

    Examples
    --------
    >>> cac(3_000_000, 40)
    75000.0
    """
    return _ratio(
        acquisition_spend,
        new_customers,
        metric="CAC",
        num_name="acquisition_spend",
        den_name="new_customers",
    )


def aov(revenue: float, orders: float) -> float:
    """Average order value: revenue / orders (đồng).

    Examples
    --------
    >>> aov(3_600_000, 12)
    300000.0
    """
    return _ratio(revenue, orders, metric="AOV", num_name="revenue", den_name="orders")


def roas(revenue: float, spend: float) -> float:
    """Return on ad spend: revenue from ads / ad spend. A ROAS of 4 is **not** a profit of 4×.

    Examples
    --------
    >>> roas(3_600_000, 1_200_000)
    3.0
    """
    return _ratio(revenue, spend, metric="ROAS", num_name="revenue", den_name="spend")


def roi(gain: float, cost: float) -> float:
    """Return on investment: (gain − cost) / cost; 0 means you got your money back, no more.

    For ads, ``gain`` is the contribution (revenue × (margin − fee rate)) and
    ``cost`` the ad spend, so ``roi < 0`` means the campaign lost money even if
    its ROAS is above 1.

    Examples
    --------
    >>> roi(gain=1_500_000, cost=1_200_000)
    0.25
    """
    return _ratio(gain, cost, metric="ROI", num_name="gain", den_name="cost") - 1.0


def break_even_roas(margin: float, fees: float = 0.0) -> float:
    """The ROAS at which ads exactly pay for themselves: 1 / (margin − fees).

    Parameters
    ----------
    margin : float
        Gross margin as a fraction of revenue, (price − cost) / price, e.g. 0.40.
    fees : float, default 0
        Marketplace commission, payment and shipping fees as a fraction of revenue.

    Raises
    ------
    MarketingError
        If a value is not a fraction (35 instead of 0.35), or fees eat the whole margin.

    Examples
    --------
    >>> round(break_even_roas(0.40), 2)
    2.5
    >>> round(break_even_roas(0.40, fees=0.15), 2)
    4.0
    >>> break_even_roas(40)
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: margin cần là một tỉ lệ từ 0 đến 1 (ví dụ 0,35 cho 35 %), nhưng bạn truyền 40.
    """
    m = check_fraction(margin, "margin")
    f = check_fraction(fees, "fees")
    if m - f <= 0:
        raise MarketingError(t("marketing.error.no_margin_left", margin=margin, fees=fees))
    return 1.0 / (m - f)


def profit_after_fees(revenue: float, spend: float, margin: float, fees: float = 0.0) -> float:
    """Profit left after the product's cost, the fees and the ad spend: revenue · (margin − fees) − spend.

    Examples
    --------
    >>> profit_after_fees(revenue=5_000_000, spend=1_000_000, margin=0.30, fees=0.12)
    -100000.0
    """
    m = check_fraction(margin, "margin")
    f = check_fraction(fees, "fees")
    return _number(revenue, "revenue") * (m - f) - _number(spend, "spend")


def kpi_table(
    frame: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    spend: str = "spend_vnd",
    impressions: str | None = "impressions",
    clicks: str | None = "clicks",
    orders: str | None = "orders",
    revenue: str | None = "revenue_vnd",
    new_customers: str | None = None,
    cogs: str | None = None,
    fees: str | None = None,
    margin: float | None = None,
    fee_rate: float = 0.0,
) -> pd.DataFrame:
    """Sum the counts per group and compute every KPI the columns allow.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per day × campaign (or any grain); counts and money in columns.
    by : str or list of str, optional
        Column(s) to group by (``"channel"``, ``"campaign"``, …); ``None`` gives one
        row labelled ``"Tổng"``.
    spend, impressions, clicks, orders, revenue, new_customers : str or None
        Column names; pass ``None`` for a column the table lacks (its KPIs are left out).
    cogs, fees : str, optional
        Columns of cost of goods sold and fees in đồng. With both, the profit is
        ``revenue − cogs − fees − spend`` and break-even ROAS is
        ``revenue / (revenue − cogs − fees)``.
    margin, fee_rate : float, optional
        Instead of ``cogs``/``fees``: fractions of revenue (``margin=0.4``).

    Returns
    -------
    pandas.DataFrame
        Index: the groups. Columns: the summed inputs, then ``ctr``, ``cvr_clicks``,
        ``cpc``, ``cpm``, ``cpa``, ``aov``, ``roas``, ``cac``, and with costs
        ``profit_vnd``, ``roi``, ``break_even_roas``. Rates are fractions.

    Raises
    ------
    MarketingError
        Missing column, negative or non-numeric value (naming the row), a group
        with zero impressions, clicks, orders or spend (naming the group), no rows.

    Examples
    --------
    >>> import pandas as pd
    >>> ads = pd.DataFrame({
    ...     "channel": ["Facebook", "Facebook", "TikTok"],
    ...     "spend_vnd": [500_000, 500_000, 1_000_000],
    ...     "impressions": [40_000, 60_000, 200_000],
    ...     "clicks": [800, 1_200, 4_000],
    ...     "orders": [20, 20, 50],
    ...     "revenue_vnd": [2_000_000, 2_000_000, 6_000_000],
    ... })
    >>> table = kpi_table(ads, by="channel", margin=0.40, fee_rate=0.10)
    >>> table[["ctr", "cvr_clicks", "roas", "profit_vnd"]]  # doctest: +NORMALIZE_WHITESPACE
               ctr  cvr_clicks  roas  profit_vnd
    channel
    Facebook  0.02      0.0200   4.0    200000.0
    TikTok    0.02      0.0125   6.0    800000.0
    >>> float(table.loc["TikTok", "break_even_roas"].round(3))
    3.333
    """
    import numpy as np
    import pandas as pd

    keys = [by] if isinstance(by, str) else list(by or [])
    counts = [impressions, clicks, orders, revenue, new_customers, cogs, fees]
    require_columns(frame, [*keys, spend, *counts], "quảng cáo")
    require_not_empty(frame, "quảng cáo", "KPI")
    require_non_negative(frame, [spend, *counts])
    if (cogs is None) != (fees is None):
        raise MarketingError(
            t(
                "marketing.error.missing_columns",
                what="quảng cáo",
                missing="“cogs” + “fees”",
                found=str(cogs or fees),
            )
        )
    if cogs is not None and margin is not None:
        raise MarketingError(
            t(
                "marketing.error.unknown_option",
                name="margin",
                value=margin,
                options="None (khi đã có cột cogs/fees)",
            )
        )
    value_columns = [spend, *[c for c in counts if c is not None]]
    data = frame[keys + value_columns].copy()
    for column in value_columns:
        data[column] = pd.to_numeric(data[column])
    if keys:
        sums = data.groupby(keys, observed=True, sort=True)[value_columns].sum()
    else:
        sums = pd.DataFrame([data[value_columns].sum()], index=pd.Index(["Tổng"], name=None))
    labels = [str(i) for i in sums.index]
    out = sums.copy()

    def ratio(num: str, den: str, metric: str) -> np.ndarray:
        return safe_divide(sums[num], sums[den], metric=metric, column=den, labels=labels)

    if impressions and clicks:
        out["ctr"] = ratio(clicks, impressions, "CTR")
    if clicks and orders:
        out["cvr_clicks"] = ratio(orders, clicks, "CVR (clicks)")
    if clicks:
        out["cpc"] = ratio(spend, clicks, "CPC")
    if impressions:
        out["cpm"] = 1000 * ratio(spend, impressions, "CPM")
    if orders:
        out["cpa"] = ratio(spend, orders, "CPA")
    if orders and revenue:
        out["aov"] = ratio(revenue, orders, "AOV")
    if revenue:
        out["roas"] = ratio(revenue, spend, "ROAS")
    if new_customers:
        out["cac"] = ratio(spend, new_customers, "CAC")
    contribution = None
    if revenue and cogs and fees:
        contribution = sums[revenue] - sums[cogs] - sums[fees]
    elif revenue and margin is not None:
        m, f = check_fraction(margin, "margin"), check_fraction(fee_rate, "fee_rate")
        contribution = sums[revenue] * (m - f)
    if contribution is not None:
        out["profit_vnd"] = (contribution - sums[spend]).astype(float)
        out["roi"] = safe_divide(
            out["profit_vnd"], sums[spend], metric="ROI", column=spend, labels=labels
        )
        no_margin = np.flatnonzero(contribution.to_numpy() <= 0)
        if no_margin.size:
            i = int(no_margin[0])
            raise MarketingError(
                t(
                    "marketing.error.no_margin_left",
                    margin=f"{labels[i]}: {float(contribution.iloc[i]):.0f} ₫",
                    fees="0",
                )
            )
        out["break_even_roas"] = (sums[revenue] / contribution).astype(float)
    return out
