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
    assert scores.loc["K4", ["R", "F", "M"]].tolist() == [2, 4, 4]  # 3 orders like K1: same F
    assert scores.loc["K3", "R"] == 5
    assert scores.loc["K2", ["R", "F", "M"]].tolist() == [1, 1, 1]
    # frequency ties (K2, K3, K5 have 1 order) stay ties: all F = 1
    assert scores.loc[["K2", "K3", "K5"], "F"].tolist() == [1, 1, 1]
    assert scores.loc["K1", "segment"] == "Khách VIP"
    assert scores.loc["K4", "segment"] == "Có nguy cơ mất"
    assert scores.loc["K2", "segment"] == "Đã mất"
    assert scores.loc["K3", "segment"] == "Khách mới"
    assert scores.loc["K1", "RFM"] == "445"
    assert list(scores["segment"].cat.categories) == list(mk.SEGMENTS)


def _random_orders(seed: int, n: int = 4_000) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "customer_id": [f"KH{i:04d}" for i in rng.integers(0, 1_003, n)],
            "order_date": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 400, n), unit="D"),
            "revenue_vnd": rng.integers(20, 900, n) * 1_000,
        }
    )


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_properties_on_random_customers(seed):
    scores = mk.rfm_scores(mk.rfm_table(_random_orders(seed)))
    for column, value in (("R", "recency_days"), ("F", "frequency"), ("M", "monetary_vnd")):
        assert scores[column].between(1, 5).all()
        # ties are ties: one value, one score
        spread = scores.groupby(value)[column].agg(["min", "max"])
        assert (spread["min"] == spread["max"]).all()
        # a score never holds more than a fifth of the customers plus its tied group
        share = scores[column].value_counts() / len(scores)
        biggest_tie = scores[value].value_counts().max() / len(scores)
        assert (share <= 0.2 + biggest_tie + 1e-9).all()
    # recency reversed: a more recent buyer never has a lower R
    by_recency = scores.sort_values("recency_days", kind="stable")
    assert by_recency["R"].is_monotonic_decreasing
    assert scores.sort_values("frequency", kind="stable")["F"].is_monotonic_increasing
    assert scores.sort_values("monetary_vnd", kind="stable")["M"].is_monotonic_increasing
    # one-order customers are all F = 1; identical customers share a segment
    assert (scores.loc[scores["frequency"] == 1, "F"] == 1).all()
    same = scores.groupby(["recency_days", "frequency", "monetary_vnd"])["segment"].nunique()
    assert (same == 1).all()


def test_scores_do_not_depend_on_row_order_or_ids():
    orders = _random_orders(7)
    scores = mk.rfm_scores(mk.rfm_table(orders))
    # new ids in the reverse alphabetical order, rows shuffled
    new_id = {old: f"Z{9999 - int(old[2:]):04d}" for old in orders["customer_id"].unique()}
    renamed = orders.assign(customer_id=orders["customer_id"].map(new_id))
    again = mk.rfm_scores(mk.rfm_table(renamed.sample(frac=1, random_state=1)))
    back = again.loc[[new_id[c] for c in scores.index], ["R", "F", "M"]]
    assert back.to_numpy().tolist() == scores[["R", "F", "M"]].to_numpy().tolist()


def test_without_ties_each_score_is_a_fifth():
    values = pd.Series(np.random.default_rng(0).permutation(1_000))
    sizes = mk.quintile_scores(values).value_counts()
    assert sizes.tolist() == [200] * 5
    assert mk.quintile_scores(values, reverse=True).equals(6 - mk.quintile_scores(values))


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


@pytest.mark.parametrize("kind", ["naive", "+07:00", "UTC"])
def test_recency_counts_local_days_whatever_the_time_zone(kind):
    # 2026-02-27 00:30 and 06:59 local (Asia/Ho_Chi_Minh) are still 2026-02-26 in UTC
    local = pd.to_datetime(["2026-02-27 00:30", "2026-02-27 06:59", "2026-02-20 12:00"])
    times = {
        "naive": local,
        "+07:00": local.tz_localize("Asia/Ho_Chi_Minh"),
        "UTC": local.tz_localize("Asia/Ho_Chi_Minh").tz_convert("UTC"),
    }[kind]
    orders = pd.DataFrame(
        {"customer_id": ["A", "B", "C"], "order_date": times, "revenue_vnd": [1, 2, 3]}
    )
    for as_of in ("2026-02-28", "2026-02-28T00:00:00+07:00", "2026-02-27T17:00:00Z"):
        table = mk.rfm_table(orders, as_of=as_of)
        assert table["recency_days"].tolist() == [1, 1, 8]
    text = orders.assign(order_date=[str(t) for t in times])
    assert mk.rfm_table(text, as_of="2026-02-28")["recency_days"].tolist() == [1, 1, 8]


def test_mixed_time_zones_and_bad_as_of_are_refused():
    orders = pd.DataFrame(
        {
            "customer_id": ["A", "B"],
            "order_date": ["2026-02-27 00:30", "2026-02-27T06:59:00+07:00"],
            "revenue_vnd": [1, 2],
        }
    )
    with pytest.raises(MarketingError, match=r"Cột 'order_date' trộn .* dòng 1"):
        mk.rfm_table(orders)
    with pytest.raises(MarketingError, match="as_of"):
        mk.rfm_table(orders.iloc[:1], as_of="hôm qua")
