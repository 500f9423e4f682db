"""The budget explorer: the simulation's arithmetic, and the widget reacts to its sliders."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import data
from toolkit.marketing import MarketingError
from toolkit.marketing.widgets import budget_explorer, channel_response, simulate_budget


@pytest.fixture(scope="module")
def campaigns() -> pd.DataFrame:
    return data.load("campaigns")


def test_past_budget_reproduces_the_past(campaigns):
    response = channel_response(campaigns)
    plan = simulate_budget(response["spend_vnd"].to_dict(), response)
    sums = campaigns.groupby("channel", observed=True)[["revenue_vnd", "orders"]].sum()
    for channel in response.index:
        assert plan.loc[channel, "revenue_vnd"] == pytest.approx(sums.loc[channel, "revenue_vnd"])
        assert plan.loc[channel, "orders"] == pytest.approx(sums.loc[channel, "orders"])
    assert plan.loc["Tổng", "spend_vnd"] == pytest.approx(campaigns["spend_vnd"].sum())
    assert plan.loc["TikTok", "profit_vnd"] < 0


def test_diminishing_returns(campaigns):
    response = channel_response(campaigns)
    base = response.loc["Zalo", "spend_vnd"]
    one = simulate_budget({"Zalo": base}, response)
    two = simulate_budget({"Zalo": 2 * base}, response)
    assert one.loc["Zalo", "orders"] < two.loc["Zalo", "orders"] < 2 * one.loc["Zalo", "orders"]
    assert two.loc["Zalo", "roas"] < one.loc["Zalo", "roas"]
    linear = simulate_budget({"Zalo": 2 * base}, response, elasticity=1.0)
    assert linear.loc["Zalo", "orders"] == pytest.approx(2 * one.loc["Zalo", "orders"])


def test_bad_budgets(campaigns):
    response = channel_response(campaigns)
    with pytest.raises(MarketingError, match="Shopee"):
        simulate_budget({"Shopee": 1_000_000}, response)
    with pytest.raises(MarketingError, match="âm"):
        simulate_budget({"Zalo": -1}, response)


def test_widget_updates(campaigns):
    app = budget_explorer(campaigns)
    sliders = [w for w in app.children if type(w).__name__ == "FloatSlider"]
    table = next(w for w in app.children if type(w).__name__ == "HTML" and "<table>" in w.value)
    image = next(w for w in app.children if type(w).__name__ == "Image")
    assert len(sliders) == 5  # four channels and the elasticity
    before, png = table.value, bytes(image.value)
    assert png.startswith(b"\x89PNG")
    tiktok = next(s for s in sliders if s.description == "TikTok")
    tiktok.value = 0.0
    assert table.value != before
    assert bytes(image.value) != png
