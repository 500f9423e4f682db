"""KPIs: known answers on tiny frames, bad input named, break-even ROAS."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit import marketing as mk
from toolkit.marketing import MarketingError


@pytest.fixture
def ads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "channel": ["Facebook", "Facebook", "TikTok", "Zalo"],
            "campaign": ["fb-1", "fb-2", "tt-1", "za-1"],
            "spend_vnd": [400_000, 600_000, 1_000_000, 200_000],
            "impressions": [20_000, 30_000, 250_000, 8_000],
            "clicks": [500, 500, 5_000, 400],
            "orders": [10, 15, 100, 20],
            "new_customers": [8, 12, 90, 5],
            "revenue_vnd": [1_500_000, 2_500_000, 8_000_000, 1_200_000],
            "cogs_vnd": [800_000, 1_200_000, 5_600_000, 600_000],
            "fees_vnd": [100_000, 150_000, 1_500_000, 60_000],
        }
    )


def test_scalar_known_answers():
    assert mk.ctr(30, 1_000) == pytest.approx(0.03)
    assert mk.cvr(6, clicks=30) == pytest.approx(0.2)
    assert mk.cvr(6, sessions=60) == pytest.approx(0.1)
    assert mk.cvr(6, impressions=6_000) == pytest.approx(0.001)
    assert mk.cpc(90_000, 30) == 3_000
    assert mk.cpm(50_000, 10_000) == 5_000
    assert mk.cpa(90_000, 6) == 15_000
    assert mk.cac(300_000, 4) == 75_000
    assert mk.aov(900_000, 6) == 150_000
    assert mk.roas(900_000, 300_000) == 3.0
    assert mk.roi(1_500_000, 1_000_000) == pytest.approx(0.5)
    assert mk.break_even_roas(0.5) == pytest.approx(2.0)
    assert mk.break_even_roas(0.40, fees=0.15) == pytest.approx(4.0)
    assert mk.profit_after_fees(1_000_000, 200_000, 0.4, 0.1) == pytest.approx(100_000)


def test_break_even_is_where_profit_is_zero():
    margin, fees, spend = 0.37, 0.12, 1_000_000
    revenue = mk.break_even_roas(margin, fees) * spend
    assert mk.profit_after_fees(revenue, spend, margin, fees) == pytest.approx(0, abs=1e-6)
    assert mk.profit_after_fees(revenue * 1.01, spend, margin, fees) > 0


def test_cvr_needs_exactly_one_named_denominator():
    with pytest.raises(MarketingError, match="denominator"):
        mk.cvr(3)
    with pytest.raises(MarketingError, match="denominator"):
        mk.cvr(3, clicks=10, sessions=20)


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: mk.ctr(5, 0), "“impressions” bằng 0"),
        (lambda: mk.cpc(5, 0), "“clicks” bằng 0"),
        (lambda: mk.cpa(-5, 2), "âm"),
        (lambda: mk.roas(5, 0), "ROAS"),
        (lambda: mk.break_even_roas(35), "tỉ lệ từ 0 đến 1"),
        (lambda: mk.break_even_roas(0.2, fees=0.25), "không còn dương"),
        (lambda: mk.ctr("nhiều", 10), "cần là một số"),
        (lambda: mk.ctr(True, 10), "cần là một số"),
    ],
)
def test_scalar_bad_input(call, fragment):
    with pytest.raises(MarketingError, match=fragment):
        call()


def test_kpi_table_by_channel_known_answers(ads):
    table = mk.kpi_table(ads, by="channel", new_customers="new_customers")
    fb = table.loc["Facebook"]
    assert fb["spend_vnd"] == 1_000_000
    assert fb["ctr"] == pytest.approx(1_000 / 50_000)
    assert fb["cvr_clicks"] == pytest.approx(25 / 1_000)
    assert fb["cpc"] == pytest.approx(1_000)
    assert fb["cpm"] == pytest.approx(20_000)
    assert fb["cpa"] == pytest.approx(40_000)
    assert fb["aov"] == pytest.approx(160_000)
    assert fb["roas"] == pytest.approx(4.0)
    assert fb["cac"] == pytest.approx(50_000)
    assert list(table.index) == ["Facebook", "TikTok", "Zalo"]


def test_kpi_table_profit_from_cost_columns(ads):
    table = mk.kpi_table(ads, by="channel", cogs="cogs_vnd", fees="fees_vnd")
    tiktok = table.loc["TikTok"]
    # best ROAS but a loss: 8 000 000 − 5 600 000 − 1 500 000 − 1 000 000 = −100 000
    assert tiktok["roas"] == table["roas"].max()
    assert tiktok["profit_vnd"] == pytest.approx(-100_000)
    assert tiktok["roi"] == pytest.approx(-0.1)
    assert tiktok["break_even_roas"] == pytest.approx(8_000_000 / 900_000)
    assert (table["roas"] < table["break_even_roas"]).loc["TikTok"]
    assert (table["profit_vnd"] > 0).loc[["Facebook", "Zalo"]].all()


def test_kpi_table_profit_from_margin_matches_scalar(ads):
    table = mk.kpi_table(ads, by="campaign", margin=0.4, fee_rate=0.1)
    for campaign, row in table.iterrows():
        expected = mk.profit_after_fees(row["revenue_vnd"], row["spend_vnd"], 0.4, 0.1)
        assert row["profit_vnd"] == pytest.approx(expected), campaign
    assert table["break_even_roas"].tolist() == pytest.approx([1 / 0.3] * 4)


def test_kpi_table_total_and_multi_key(ads):
    total = mk.kpi_table(ads)
    assert list(total.index) == ["Tổng"]
    assert total.loc["Tổng", "roas"] == pytest.approx(13_200_000 / 2_200_000)
    both = mk.kpi_table(ads, by=["channel", "campaign"])
    assert len(both) == 4


def test_kpi_table_sum_of_ratios_is_not_ratio_of_sums(ads):
    # CTR of a group is total clicks / total impressions, not the mean of daily CTRs
    table = mk.kpi_table(ads, by="channel")
    daily_mean = (ads["clicks"] / ads["impressions"])[ads["channel"] == "Facebook"].mean()
    assert not math.isclose(table.loc["Facebook", "ctr"], daily_mean)


def test_kpi_table_columns_left_out(ads):
    table = mk.kpi_table(ads[["channel", "spend_vnd", "revenue_vnd"]], by="channel",
                         impressions=None, clicks=None, orders=None)  # fmt: skip
    assert list(table.columns) == ["spend_vnd", "revenue_vnd", "roas"]


def test_kpi_table_missing_column(ads):
    with pytest.raises(MarketingError, match="thiếu cột “clicks”"):
        mk.kpi_table(ads.drop(columns="clicks"), by="channel")


def test_kpi_table_negative_spend_names_row(ads):
    bad = ads.copy()
    bad.loc[2, "spend_vnd"] = -5
    with pytest.raises(MarketingError, match=r"“spend_vnd” có giá trị âm \(-5\) ở dòng 2"):
        mk.kpi_table(bad, by="channel")


def test_kpi_table_zero_clicks_names_group(ads):
    bad = ads.copy()
    bad.loc[3, "clicks"] = 0
    with pytest.raises(MarketingError, match="cho Zalo: “clicks” bằng 0"):
        mk.kpi_table(bad, by="channel")


def test_kpi_table_zero_impressions_names_group(ads):
    bad = ads.copy()
    bad.loc[3, "impressions"] = 0
    with pytest.raises(MarketingError, match="CTR cho Zalo: “impressions” bằng 0"):
        mk.kpi_table(bad, by="channel")


def test_kpi_table_nan_and_text_named(ads):
    bad = ads.astype({"orders": "float64"})
    bad.loc[1, "orders"] = float("nan")
    with pytest.raises(MarketingError, match=r"“orders” bị trống .* dòng 1"):
        mk.kpi_table(bad, by="channel")
    text = ads.astype({"clicks": object})
    text.loc[0, "clicks"] = "500 lượt"
    with pytest.raises(MarketingError, match=r"“clicks” cần chứa số.*dòng 0"):
        mk.kpi_table(text, by="channel")


def test_kpi_table_empty(ads):
    with pytest.raises(MarketingError, match="không có dòng nào"):
        mk.kpi_table(ads.iloc[0:0], by="channel")


def test_kpi_table_not_a_frame():
    with pytest.raises(MarketingError, match="DataFrame"):
        mk.kpi_table([1, 2, 3])
