"""Cohorts: hand-built answers, period 0 is 100 %, counts bounded by cohort size, bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from toolkit import marketing as mk
from toolkit.marketing import MarketingError


@pytest.fixture
def orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "B", "B", "C", "D", "D"],
            "order_date": pd.to_datetime(
                [
                    "2025-11-03",
                    "2025-11-20",  # same month twice: counts once
                    "2026-01-05",
                    "2025-11-30",
                    "2025-12-01",
                    "2025-12-15",
                    "2025-12-31",
                    "2026-01-01",
                ]
            ),
        }
    )


def test_known_counts(orders):
    counts = mk.cohort_counts(orders)
    assert list(counts.index) == ["2025-11", "2025-12"]
    assert counts.loc["2025-11"].tolist() == [2, 1, 1]
    assert counts.loc["2025-12", [0, 1]].tolist() == [2, 1]
    assert np.isnan(counts.loc["2025-12", 2])  # January + 1 is not observed


def test_period_zero_is_one_and_bounded(orders):
    matrix = mk.retention_matrix(orders)
    assert (matrix[0] == 1.0).all()
    values = matrix.to_numpy()
    assert np.nanmax(values) <= 1.0
    assert np.nanmin(values) >= 0.0


def test_random_orders_properties():
    rng = np.random.default_rng(7)
    n = 5_000
    orders = pd.DataFrame(
        {
            "customer_id": rng.integers(0, 600, n).astype(str),
            "order_date": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 420, n), unit="D"),
        }
    )
    counts = mk.cohort_counts(orders)
    matrix = mk.retention_matrix(orders)
    assert (matrix[0] == 1).all()
    assert int(counts[0].sum()) == orders["customer_id"].nunique()
    # every observed cell is at most the cohort's size
    assert (counts.fillna(0).to_numpy() <= counts[[0]].to_numpy()).all()
    # reference: a straightforward per-customer count
    first = orders.groupby("customer_id")["order_date"].transform("min")
    period = (orders["order_date"].dt.year - first.dt.year) * 12 + (
        orders["order_date"].dt.month - first.dt.month
    )
    ref = (
        pd.DataFrame({"c": first.dt.strftime("%Y-%m"), "k": period, "id": orders["customer_id"]})
        .drop_duplicates()
        .groupby(["c", "k"])
        .size()
    )
    for (cohort, k), value in ref.items():
        assert counts.loc[cohort, k] == value


def test_cohort_months(orders):
    months = mk.cohort_months(orders)
    assert months["cohort"].tolist()[:3] == ["2025-11"] * 3
    assert months["period"].tolist() == [0, 0, 2, 0, 1, 0, 0, 1]


def test_bad_input(orders):
    with pytest.raises(MarketingError, match="thiếu cột “order_date”"):
        mk.cohort_counts(orders.drop(columns="order_date"))
    bad = orders.astype({"order_date": object})
    bad.loc[3, "order_date"] = "hôm qua"
    with pytest.raises(MarketingError, match=r"“order_date” cần là ngày/giờ.*dòng 3"):
        mk.retention_matrix(bad)
    with pytest.raises(MarketingError, match="không có dòng nào"):
        mk.cohort_counts(orders.iloc[0:0])
    missing = orders.copy()
    missing.loc[2, "customer_id"] = None
    with pytest.raises(MarketingError, match=r"“customer_id” bị trống .* dòng 2"):
        mk.cohort_counts(missing)


def test_heat_map(orders):
    ax = mk.plot_retention(mk.retention_matrix(orders))
    assert ax.get_title()
    assert ax.get_xlabel()
    assert ax.get_ylabel()
    assert "100%" in [text.get_text() for text in ax.texts]
    plt.close("all")


@pytest.mark.parametrize("zone", ["Asia/Ho_Chi_Minh", "UTC"])
def test_cohort_months_use_the_shops_local_month(zone):
    # 1 February 2026 at 03:00 in Hà Nội is still 31 January in UTC
    local = pd.to_datetime(["2026-01-15 10:00", "2026-02-01 03:00"])
    orders = pd.DataFrame({"customer_id": ["A", "A"], "order_date": local})
    aware = orders.assign(order_date=local.tz_localize("Asia/Ho_Chi_Minh").tz_convert(zone))
    expected = mk.cohort_months(orders)
    assert expected["period"].tolist() == [0, 1]
    assert mk.cohort_months(aware).equals(expected)
    as_text = aware.assign(order_date=aware["order_date"].map(lambda t: t.isoformat()))
    assert mk.cohort_months(as_text).equals(expected)
