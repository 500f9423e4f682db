"""Marketing analytics for a small online shop: KPIs, funnels, cohorts, RFM, attribution, A/B, UTM, CLV.

A young seller spends scarce money on ads around Tết and the double-day
sales. This package turns the shop's tables into the numbers that decide
where the next đồng goes:

- :mod:`~toolkit.marketing.kpis`: CTR, CVR (with its denominator named), CPC,
  CPM, CPA, CAC, AOV, ROAS, ROI and break-even ROAS per group (:func:`kpi_table`);
- :mod:`~toolkit.marketing.funnels`: step and overall conversion, drop-off, chart;
- :mod:`~toolkit.marketing.cohorts`: monthly retention matrix and heat map;
- :mod:`~toolkit.marketing.rfm`: quintile scores and named segments;
- :mod:`~toolkit.marketing.attribution`: last/first click, linear, time decay,
  position-based, vectorised over journeys;
- :mod:`~toolkit.marketing.ab`: z-test, Wilson intervals, sample size and an
  honest verdict;
- :mod:`~toolkit.marketing.utm` and :mod:`~toolkit.marketing.clv`.

Every function takes DataFrames or numbers and returns new ones; bad input
raises :class:`MarketingError` with a Vietnamese message naming the column
and row. Names load lazily: ``import toolkit.marketing`` imports neither
pandas nor scipy. The budget explorer for notebooks is
:mod:`toolkit.marketing.widgets`.

Examples
--------
>>> from toolkit import marketing
>>> marketing.roas(revenue=6_000_000, spend=1_000_000)
6.0
>>> round(marketing.break_even_roas(margin=0.30, fees=0.16), 2)
7.14
>>> marketing.ab_verdict(30, 600, 48, 600, min_effect=0.01).winner is None
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

_EXPORTS = {
    "MarketingError": "_validate",
    # kpis
    "aov": "kpis",
    "break_even_roas": "kpis",
    "cac": "kpis",
    "cpa": "kpis",
    "cpc": "kpis",
    "cpm": "kpis",
    "ctr": "kpis",
    "cvr": "kpis",
    "kpi_table": "kpis",
    "profit_after_fees": "kpis",
    "roas": "kpis",
    "roi": "kpis",
    # funnel
    "funnel": "funnels",
    "funnel_counts": "funnels",
    "plot_funnel": "funnels",
    # cohorts
    "cohort_counts": "cohorts",
    "cohort_months": "cohorts",
    "plot_retention": "cohorts",
    "retention_matrix": "cohorts",
    # rfm
    "SEGMENTS": "rfm",
    "quintile_scores": "rfm",
    "rfm_scores": "rfm",
    "rfm_segments": "rfm",
    "rfm_table": "rfm",
    # attribution
    "MODELS": "attribution",
    "attribute": "attribution",
    "attribution_table": "attribution",
    "model_weights": "attribution",
    # A/B
    "Verdict": "ab",
    "ZTest": "ab",
    "ab_counts": "ab",
    "ab_verdict": "ab",
    "cumulative_ab": "ab",
    "sample_size_per_group": "ab",
    "wilson_interval": "ab",
    "ztest_two_proportions": "ab",
    # utm
    "UTM_KEYS": "utm",
    "build_utm": "utm",
    "parse_utm": "utm",
    "parse_utm_column": "utm",
    # clv
    "clv_retention": "clv",
    "clv_simple": "clv",
}
_SUBMODULES = frozenset(
    {"ab", "attribution", "clv", "cohorts", "funnels", "kpis", "rfm", "utm", "widgets"}
)

__all__ = [
    "MODELS",
    "SEGMENTS",
    "UTM_KEYS",
    "MarketingError",
    "Verdict",
    "ZTest",
    "ab",
    "ab_counts",
    "ab_verdict",
    "aov",
    "attribute",
    "attribution",
    "attribution_table",
    "break_even_roas",
    "build_utm",
    "cac",
    "clv",
    "clv_retention",
    "clv_simple",
    "cohort_counts",
    "cohort_months",
    "cohorts",
    "cpa",
    "cpc",
    "cpm",
    "ctr",
    "cumulative_ab",
    "cvr",
    "funnel",
    "funnel_counts",
    "funnels",
    "kpi_table",
    "kpis",
    "model_weights",
    "parse_utm",
    "parse_utm_column",
    "plot_funnel",
    "plot_retention",
    "profit_after_fees",
    "quintile_scores",
    "retention_matrix",
    "rfm",
    "rfm_scores",
    "rfm_segments",
    "rfm_table",
    "roas",
    "roi",
    "sample_size_per_group",
    "utm",
    "widgets",
    "wilson_interval",
    "ztest_two_proportions",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from toolkit.marketing import ab, attribution, clv, cohorts, funnels, kpis, rfm, utm, widgets
    from toolkit.marketing._validate import MarketingError
    from toolkit.marketing.ab import (
        Verdict,
        ZTest,
        ab_counts,
        ab_verdict,
        cumulative_ab,
        sample_size_per_group,
        wilson_interval,
        ztest_two_proportions,
    )
    from toolkit.marketing.attribution import MODELS, attribute, attribution_table, model_weights
    from toolkit.marketing.clv import clv_retention, clv_simple
    from toolkit.marketing.cohorts import (
        cohort_counts,
        cohort_months,
        plot_retention,
        retention_matrix,
    )
    from toolkit.marketing.funnels import funnel, funnel_counts, plot_funnel
    from toolkit.marketing.kpis import (
        aov,
        break_even_roas,
        cac,
        cpa,
        cpc,
        cpm,
        ctr,
        cvr,
        kpi_table,
        profit_after_fees,
        roas,
        roi,
    )
    from toolkit.marketing.rfm import (
        SEGMENTS,
        quintile_scores,
        rfm_scores,
        rfm_segments,
        rfm_table,
    )
    from toolkit.marketing.utm import UTM_KEYS, build_utm, parse_utm, parse_utm_column


__getattr__, __dir__ = lazy_names(__name__, _EXPORTS, _SUBMODULES, __all__)
