"""RFM: hand-built scores, scores in 1..5, equal quintiles, ties, segments, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import marketing as mk
from toolkit.marketing import MarketingError


@pytest.fixture
def orders() -> pd.DataFrame:
    rows = [
        # customer, date, revenue
        ("K1", "2026-02-20", 500_000),
        ("K1", "2026-01-10", 500_000),
        ("K1", "2025-12-01", 500_000),
        ("K2", "2025-03-01", 50_000),
        ("K3", "2026-02-25", 80_000),
        ("K4", "2025-06-01", 300_000),
        ("K4", "2025-07-01", 300_000),
        ("K4", "2025-08-01", 300_000),
        ("K5", "2025-10-10", 120_000),
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "order_date", "revenue_vnd"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    return frame


def test_rfm_table_known(orders):
    table = mk.rfm_table(orders, as_of="2026-03-01")
    assert table.loc["K1"].tolist() == [9, 3, 1_500_000]
    assert table.loc["K2", "recency_days"] == 365
    assert table.loc["K3", "frequency"] == 1
    # default reference: the day after the last order
    assert mk.rfm_table(orders).loc["K3", "recency_days"] == 1


def test_scores_known_and_segments(orders):
    scores = mk.rfm_scores(mk.rfm_table(orders, as_of="2026-03-01"))
    assert scores.loc["K1", ["R", "F", "M"]].tolist() == [4, 4, 5]
    assert scores.loc["K4", ["R", "F", "M"]].tolist() == [2, 5, 4]  # tie with K1 broken by order
    assert scores.loc["K3", "R"] == 5
    assert scores.loc["K2", ["R", "F", "M"]].tolist() == [1, 1, 1]
    # frequency ties (K2, K3, K5 have 1 order) are broken by order, not left equal
    assert sorted(scores["F"]) == [1, 2, 3, 4, 5]
    assert scores.loc["K1", "segment"] == "Khách VIP"
    assert scores.loc["K4", "segment"] == "Có nguy cơ mất"
    assert scores.loc["K2", "segment"] == "Đã mất"
    assert scores.loc["K1", "RFM"] == "445"
    assert list(scores["segment"].cat.categories) == list(mk.SEGMENTS)


def test_properties_on_random_customers():
    rng = np.random.default_rng(3)
    n = 4_000
    orders = pd.DataFrame(
        {
            "customer_id": [f"KH{i:04d}" for i in rng.integers(0, 1_003, n)],
            "order_date": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 400, n), unit="D"),
            "revenue_vnd": rng.integers(20, 900, n) * 1_000,
        }
    )
    scores = mk.rfm_scores(mk.rfm_table(orders))
    for column in ("R", "F", "M"):
        assert scores[column].between(1, 5).all()
        sizes = scores[column].value_counts()
        assert sizes.max() - sizes.min() <= 1  # quintiles: equal fifths
    # recency reversed: a more recent buyer never has a lower R
    by_recency = scores.sort_values("recency_days", kind="stable")
    assert by_recency["R"].is_monotonic_decreasing
    assert scores.sort_values("monetary_vnd", kind="stable")["M"].is_monotonic_increasing
    assert scores["segment"].notna().all()


def test_segment_rules_exhaustive():
    grid = pd.DataFrame(
        [(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)],
        columns=["R", "F", "M"],
    )
    seg = mk.rfm_segments(grid)
    vip = (grid["R"] >= 4) & (grid["F"] >= 4) & (grid["M"] >= 4)
    assert (seg[vip] == "Khách VIP").all()
    lost = (grid["R"] <= 2) & (grid["F"] <= 2)
    assert (seg[lost] == "Đã mất").all()
    at_risk = (grid["R"] <= 2) & (grid["F"] >= 4)
    assert (seg[at_risk] == "Có nguy cơ mất").all()
    assert seg.notna().all()


def test_bad_input(orders):
    with pytest.raises(MarketingError, match="ít nhất 5 khách"):
        mk.rfm_scores(mk.rfm_table(orders.iloc[:4]))
    with pytest.raises(MarketingError, match="thiếu cột “revenue_vnd”"):
        mk.rfm_table(orders.drop(columns="revenue_vnd"))
    negative = orders.copy()
    negative.loc[4, "revenue_vnd"] = -80_000
    with pytest.raises(MarketingError, match=r"âm .* dòng 4"):
        mk.rfm_table(negative)
    with pytest.raises(MarketingError, match="sau ngày tính RFM"):
        mk.rfm_table(orders, as_of="2026-01-01")
    with pytest.raises(MarketingError, match="không có dòng nào"):
        mk.rfm_table(orders.iloc[0:0])
