"""A/B tests of two versions (A, B) of a page: is the difference real, or luck?

Formulas (``../shared/DOMAIN.md`` §2):

- pooled two-proportion z-test: z = (p̂₁ − p̂₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)) with
  p̂ = (x₁ + x₂) / (n₁ + n₂); two-sided p-value 2·(1 − Φ(|z|));
- Wilson score interval (Wilson 1927): (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n);
- sample size per group to detect p₁ → p₂ (Fleiss, *Statistical Methods for
  Rates and Proportions*): n = [z₁₋α/₂ √(2 p̄(1 − p̄)) + z₁₋β √(p₁(1 − p₁) + p₂(1 − p₂))]² / (p₁ − p₂)².

Normal quantiles come from the standard library (``statistics.NormalDist``;
two-sided p-values as ``math.erfc(|z| / √2)``, exact in the tails). :func:`ab_verdict` writes a
plain Vietnamese verdict and never calls a test a win before each group has
the planned sample size, nor when the results were looked at more than once
(peeking inflates false wins).

Examples
--------
>>> test = ztest_two_proportions(60, 1_000, 40, 1_000)
>>> round(test.z, 3), round(test.p_value, 4)
(2.052, 0.0402)
>>> [round(x, 4) for x in wilson_interval(60, 1_000)]
[0.0469, 0.0765]
>>> sample_size_per_group(0.04, 0.06)
1863
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING

from toolkit import vn
from toolkit.i18n import t
from toolkit.marketing._validate import (
    MarketingError,
    check_fraction,
    check_frame,
    check_positive,
    require_binary,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Verdict",
    "ZTest",
    "ab_counts",
    "ab_verdict",
    "cumulative_ab",
    "sample_size_per_group",
    "wilson_interval",
    "ztest_two_proportions",
]


@dataclass(frozen=True)
class ZTest:
    """Result of :func:`ztest_two_proportions` (group 1 minus group 2)."""

    z: float
    p_value: float
    rate_1: float
    rate_2: float
    difference: float
    pooled_rate: float


@dataclass(frozen=True)
class Verdict:
    """A decision about an A/B test: a code, the winner (or ``None``) and the sentence to read."""

    decision: str  # "win", "no_difference", "underpowered", "peeked"
    winner: str | None
    text: str
    test: ZTest
    needed_per_group: int


_NORMAL = NormalDist()


def _two_sided_p(z: float) -> float:
    """2·(1 − Φ(|z|)), computed as erfc(|z|/√2) so tiny p-values keep their digits.

    Examples
    --------
    >>> round(_two_sided_p(1.959964), 4), _two_sided_p(0.0)
    (0.05, 1.0)
    """
    return float(math.erfc(abs(z) / math.sqrt(2)))


def _count(value: object, group: str, conversions: object, n: object) -> int:
    whole = (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
        and float(value) == int(value)
    )
    if not whole:
        raise MarketingError(t("marketing.error.counts", group=group, conversions=conversions, n=n))
    return int(value)


def _counts(conversions: object, n: object, group: str) -> tuple[int, int]:
    x = _count(conversions, group, conversions, n)
    size = _count(n, group, conversions, n)
    if size <= 0 or not 0 <= x <= size:
        raise MarketingError(t("marketing.error.counts", group=group, conversions=conversions, n=n))
    return x, size


def ztest_two_proportions(conversions_1: int, n_1: int, conversions_2: int, n_2: int) -> ZTest:
    """Pooled two-proportion z-test, two-sided.

    Parameters
    ----------
    conversions_1, n_1 : int
        Conversions (buyers) and people in group 1: **counts**, not rates.
    conversions_2, n_2 : int
        The same for group 2.

    Returns
    -------
    ZTest
        ``z`` > 0 when group 1 converts better; ``p_value`` two-sided.

    Raises
    ------
    MarketingError
        Counts that are not whole numbers in 0..n (a rate passed as a count),
        or both groups at 0 % or 100 % (no variance).

    Examples
    --------
    >>> ztest_two_proportions(40, 1_000, 60, 1_000).z == -ztest_two_proportions(60, 1_000, 40, 1_000).z
    True
    >>> ztest_two_proportions(0.06, 1_000, 0.04, 1_000)
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: Nhóm 1: số chuyển đổi (0.06) phải là số nguyên từ 0 đến số người (1000); số người phải lớn hơn 0. Hãy truyền số đếm, không phải tỉ lệ.
    """
    x1, m1 = _counts(conversions_1, n_1, "1")
    x2, m2 = _counts(conversions_2, n_2, "2")
    p1, p2 = x1 / m1, x2 / m2
    pooled = (x1 + x2) / (m1 + m2)
    if pooled in (0.0, 1.0):
        raise MarketingError(t("marketing.error.degenerate", p=vn.format_percent(pooled)))
    se = math.sqrt(pooled * (1 - pooled) * (1 / m1 + 1 / m2))
    z = (p1 - p2) / se
    p_value = _two_sided_p(z)
    return ZTest(float(z), p_value, p1, p2, p1 - p2, pooled)


def wilson_interval(conversions: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a conversion rate (better than p̂ ± 1.96·SE for small counts).

    Examples
    --------
    >>> low, high = wilson_interval(0, 20)
    >>> low, round(high, 4)
    (0.0, 0.1611)
    """
    x, m = _counts(conversions, n, "mẫu")
    level = check_fraction(confidence, "confidence", allow_one=False)
    z = float(_NORMAL.inv_cdf(1 - (1 - level) / 2))
    p = x / m
    denominator = 1 + z * z / m
    centre = (p + z * z / (2 * m)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / m + z * z / (4 * m * m))
    return (max(0.0, centre - half), min(1.0, centre + half))


def sample_size_per_group(
    rate_1: float, rate_2: float, *, alpha: float = 0.05, power: float = 0.8
) -> int:
    """People needed in **each** group to detect a change from ``rate_1`` to ``rate_2``.

    Parameters
    ----------
    rate_1, rate_2 : float
        Conversion rates as fractions (0.03 for 3 %), e.g. today's rate and the
        smallest improved rate worth detecting.
    alpha : float, default 0.05
        Two-sided significance level.
    power : float, default 0.8
        Chance of detecting the change if it is real.

    Returns
    -------
    int
        Rounded up.

    Examples
    --------
    >>> sample_size_per_group(0.03, 0.036)
    13914
    >>> sample_size_per_group(3, 3.6)
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: rate_1 cần là một tỉ lệ từ 0 đến 1 (ví dụ 0,35 cho 35 %), nhưng bạn truyền 3.
    """
    p1 = check_fraction(rate_1, "rate_1")
    p2 = check_fraction(rate_2, "rate_2")
    a = check_fraction(alpha, "alpha", allow_one=False)
    b = check_fraction(power, "power", allow_one=False)
    if p1 == p2:
        raise MarketingError(t("marketing.error.same_rates", p1=rate_1, p2=rate_2))
    check_positive(a, "alpha")
    check_positive(b, "power")
    z_alpha = float(_NORMAL.inv_cdf(1 - a / 2))
    z_beta = float(_NORMAL.inv_cdf(b))
    mean = (p1 + p2) / 2
    top = z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_beta * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2)
    )
    return math.ceil(top * top / (p1 - p2) ** 2 - 1e-9)


def ab_verdict(
    conversions_a: int,
    n_a: int,
    conversions_b: int,
    n_b: int,
    *,
    min_effect: float,
    alpha: float = 0.05,
    power: float = 0.8,
    looks: int = 1,
    baseline: float | None = None,
) -> Verdict:
    """Decide an A/B test in plain Vietnamese, honestly.

    In order: if either group has fewer people than
    :func:`sample_size_per_group` needs to detect ``min_effect`` from A's rate,
    the verdict is *underpowered* (no winner, whatever the p-value); if the
    results were looked at more than once (``looks > 1``), *peeked* (no winner);
    otherwise a *win* when p < ``alpha``, else *no difference*.

    Parameters
    ----------
    conversions_a, n_a, conversions_b, n_b : int
        Counts per variant (A is the current version).
    min_effect : float
        The smallest absolute rise worth acting on, as a fraction (0.006 = 0.6 point).
    alpha, power : float
        Significance level and power of the planned test.
    looks : int, default 1
        How many times the results were checked to decide whether to stop.
    baseline : float, optional
        The conversion rate of A assumed when the test was planned (a fraction);
        defaults to A's observed rate.

    Examples
    --------
    >>> ab_verdict(30, 600, 48, 600, min_effect=0.01).decision
    'underpowered'
    >>> verdict = ab_verdict(500, 10_000, 620, 10_000, min_effect=0.01)
    >>> verdict.decision, verdict.winner
    ('win', 'B')
    >>> ab_verdict(500, 10_000, 620, 10_000, min_effect=0.01, looks=5).winner is None
    True
    """
    test = ztest_two_proportions(conversions_b, n_b, conversions_a, n_a)
    effect = check_fraction(min_effect, "min_effect")
    check_positive(effect, "min_effect")
    base = test.rate_2 if baseline is None else check_fraction(baseline, "baseline")
    target = min(base + effect, 1.0)
    needed = sample_size_per_group(base, target, alpha=alpha, power=power)
    have = min(n_a, n_b)
    fmt = lambda p: vn.format_percent(p, decimals=2)  # noqa: E731
    if have < needed:
        text = t(
            "marketing.verdict.underpowered",
            needed=vn.format_number(needed),
            effect=vn.format_percent(effect, decimals=2),
            have=vn.format_number(have),
        )
        return Verdict("underpowered", None, text, test, needed)
    if isinstance(looks, bool) or not isinstance(looks, int) or looks < 1:
        raise MarketingError(t("marketing.error.not_positive", name="looks", value=looks))
    if looks > 1:
        return Verdict("peeked", None, t("marketing.verdict.peeked", looks=looks), test, needed)
    p_text = vn.format_number(test.p_value, decimals=3)
    if test.p_value < alpha:
        better = "B" if test.difference > 0 else "A"
        rates = (test.rate_1, test.rate_2) if better == "B" else (test.rate_2, test.rate_1)
        text = t(
            "marketing.verdict.win",
            better=better,
            rate_better=fmt(rates[0]),
            rate_worse=fmt(rates[1]),
            p_value=p_text,
            have=vn.format_number(have),
        )
        return Verdict("win", better, text, test, needed)
    text = t(
        "marketing.verdict.no_difference",
        rate_a=fmt(test.rate_2),
        rate_b=fmt(test.rate_1),
        p_value=p_text,
    )
    return Verdict("no_difference", None, text, test, needed)


def ab_counts(
    log: pd.DataFrame, *, variant: str = "variant", converted: str = "converted"
) -> pd.DataFrame:
    """People, conversions and conversion rate per variant of an A/B log (one row per visitor).

    ``converted`` must hold 0 or 1 per visitor (``True``/``False`` too): a
    count of orders would let one visitor convert twice and push the rate
    above 100 %, so it is refused, naming the first bad row.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"variant": ["A", "A", "B", "B"], "converted": [0, 1, 1, 1]})
    >>> ab_counts(log).to_dict("index")
    {'A': {'visitors': 2, 'conversions': 1, 'rate': 0.5}, 'B': {'visitors': 2, 'conversions': 2, 'rate': 1.0}}
    """
    check_frame(log, "A/B", metric="A/B", columns=[variant], binary=[converted])
    clean = log.assign(**{converted: require_binary(log, converted)})
    grouped = clean.groupby(variant, observed=True, sort=True)[converted]
    out = grouped.agg(visitors="size", conversions="sum")
    out = out.astype("int64")
    out["rate"] = out["conversions"] / out["visitors"]
    out.index.name = variant
    return out


def cumulative_ab(
    log: pd.DataFrame,
    *,
    date: str = "date",
    variant: str = "variant",
    converted: str = "converted",
    a: str = "A",
    b: str = "B",
) -> pd.DataFrame:
    """Running totals per day and the p-value one would have seen by stopping that day (peeking).

    Returns
    -------
    pandas.DataFrame
        Index: day. Columns ``visitors_a``, ``conversions_a``, ``visitors_b``,
        ``conversions_b``, ``rate_a``, ``rate_b``, ``z`` (B − A), ``p_value``.
    """
    import numpy as np
    import pandas as pd

    parsed = check_frame(
        log, "A/B", metric="A/B", columns=[variant], binary=[converted], dates=[date]
    )
    days = parsed[date].dt.normalize()
    x = require_binary(log, converted)
    frame = pd.DataFrame({"day": days, "variant": log[variant].astype(str), "x": x})
    daily = frame.pivot_table(
        index="day", columns="variant", values="x", aggfunc=["size", "sum"], fill_value=0
    ).rename(columns={"size": "n", "sum": "x"}, level=0)
    running = daily.cumsum()
    out = pd.DataFrame(index=running.index)
    for key, name in ((a, "a"), (b, "b")):
        if ("n", key) not in running.columns:
            raise MarketingError(
                t(
                    "marketing.error.unknown_option",
                    name=variant,
                    value=key,
                    options=sorted(set(frame["variant"])),
                )
            )
        out[f"visitors_{name}"] = running[("n", key)].astype("int64")
        out[f"conversions_{name}"] = running[("x", key)].astype("int64")
    na, nb = out["visitors_a"].to_numpy(float), out["visitors_b"].to_numpy(float)
    xa, xb = out["conversions_a"].to_numpy(float), out["conversions_b"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["rate_a"] = np.where(na > 0, xa / na, 0.0)  # no visitor yet: 0, not NaN
        out["rate_b"] = np.where(nb > 0, xb / nb, 0.0)
        pooled = (xa + xb) / (na + nb)
        se = np.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
        z = (xb / nb - xa / na) / se
    valid = (na > 0) & (nb > 0) & (se > 0)
    out["z"] = np.where(valid, z, 0.0)
    out["p_value"] = np.where(valid, [_two_sided_p(v) for v in out["z"].to_numpy()], 1.0)
    out.index.name = date
    return out
