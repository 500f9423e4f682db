"""Customer lifetime value (CLV): what a customer is worth over the time they keep buying.

Two textbook forms (``../shared/DOMAIN.md`` §2; Gupta & Lehmann 2003):

- simple: AOV × purchases per period × periods × margin;
- retention-based: m · r / (1 + i − r), where m is the margin a customer
  brings per period, r the share of customers who stay each period and i the
  discount rate per period (money later is worth less than money now).

Compare CLV with CAC: paying more to win a customer than they will ever bring
in margin loses money however good the ROAS looks.

Examples
--------
>>> clv_simple(aov=250_000, purchases_per_period=4, periods=2, margin=0.35)
700000.0
>>> round(clv_retention(margin_per_period=87_500, retention=0.6, discount_rate=0.1))
105000
"""

from __future__ import annotations

from toolkit.i18n import t
from toolkit.marketing._validate import (
    MarketingError,
    check_fraction,
    check_positive,
)

__all__ = ["clv_retention", "clv_simple"]


def clv_simple(aov: float, purchases_per_period: float, periods: float, margin: float) -> float:
    """Simple CLV: AOV × purchases per period × number of periods × gross margin (đồng).

    Examples
    --------
    >>> clv_simple(200_000, 3, 2, margin=35)
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: margin cần là một tỉ lệ từ 0 đến 1 (ví dụ 0,35 cho 35 %), nhưng bạn truyền 35.
    """
    return (
        check_positive(aov, "aov")
        * check_positive(purchases_per_period, "purchases_per_period")
        * check_positive(periods, "periods")
        * check_fraction(margin, "margin")
    )


def clv_retention(margin_per_period: float, retention: float, discount_rate: float = 0.1) -> float:
    """Retention-based CLV m · r / (1 + i − r) for an infinite horizon (đồng).

    Parameters
    ----------
    margin_per_period : float
        Margin (đồng) an active customer brings per period.
    retention : float
        Share of customers still buying next period, a fraction in [0, 1).
    discount_rate : float, default 0.1
        Discount rate per period, a fraction.

    Examples
    --------
    >>> clv_retention(100_000, retention=0.0)
    0.0
    >>> clv_retention(100_000, retention=1.0)
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: Tỉ lệ giữ chân 1.0 cần nằm trong [0, 1) và nhỏ hơn 1 + lãi suất chiết khấu.
    """
    m = check_positive(margin_per_period, "margin_per_period")
    i = check_fraction(discount_rate, "discount_rate")
    try:
        r = check_fraction(retention, "retention", allow_one=False)
    except MarketingError:
        raise MarketingError(t("marketing.error.retention_range", value=retention)) from None
    return m * r / (1 + i - r)
