"""UTM parse/build round trip, CLV forms, bad input."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import marketing as mk
from toolkit.marketing import MarketingError


def test_build_then_parse_round_trip():
    link = mk.build_utm(
        "https://postmart.vn/shop/nha-lan?ref=abc&utm_source=old",
        source="facebook",
        medium="cpc",
        campaign="Tết 2026",
        term="mật ong",
        content="video",
    )
    tags = mk.parse_utm(link)
    assert tags == {
        "utm_source": "facebook",
        "utm_medium": "cpc",
        "utm_campaign": "Tết 2026",
        "utm_term": "mật ong",
        "utm_content": "video",
    }
    assert "ref=abc" in link
    assert "old" not in link


def test_parse_lenient():
    tags = mk.parse_utm("https://a.vn/x?utm_source=zalo&utm_source=other&UTM_MEDIUM=message")
    assert tags["utm_source"] == "zalo"
    assert tags["utm_medium"] == "message"
    assert mk.parse_utm("https://a.vn/", missing="(không có)")["utm_campaign"] == "(không có)"


def test_parse_column_keeps_index():
    links = pd.Series(
        ["https://a.vn/?utm_source=zalo", None, "https://a.vn/?utm_source=tiktok"], index=[5, 6, 7]
    )
    table = mk.parse_utm_column(links)
    assert list(table.index) == [5, 6, 7]
    assert table["utm_source"].tolist() == ["zalo", "", "tiktok"]
    assert list(table.columns) == list(mk.UTM_KEYS)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"url": "postmart.vn"}, "đường link đầy đủ"),
        ({"source": " "}, "utm_source"),
        ({"campaign": ""}, "utm_campaign"),
    ],
)
def test_build_bad_input(kwargs, fragment):
    args = {"url": "https://a.vn", "source": "zalo", "medium": "message", "campaign": "tet"}
    args.update(kwargs)
    url = args.pop("url")
    with pytest.raises(MarketingError, match=fragment):
        mk.build_utm(url, **args)


def test_clv():
    assert mk.clv_simple(250_000, 4, 2, 0.35) == pytest.approx(700_000)
    assert mk.clv_retention(100_000, 0.5, 0.0) == pytest.approx(100_000)
    # higher retention, higher value; higher discount rate, lower value
    assert mk.clv_retention(100_000, 0.7) > mk.clv_retention(100_000, 0.6)
    assert mk.clv_retention(100_000, 0.6, 0.2) < mk.clv_retention(100_000, 0.6, 0.1)
    # the closed form equals the discounted sum m·Σ rᵏ/(1+i)ᵏ, k ≥ 1
    m, r, i = 80_000, 0.65, 0.08
    series = sum(m * r**k / (1 + i) ** k for k in range(1, 400))
    assert mk.clv_retention(m, r, i) == pytest.approx(series)


def test_clv_bad_input():
    with pytest.raises(MarketingError, match="margin cần là một tỉ lệ"):
        mk.clv_simple(250_000, 4, 2, 35)
    with pytest.raises(MarketingError, match="giữ chân"):
        mk.clv_retention(100_000, 60)
    with pytest.raises(MarketingError, match="lớn hơn 0"):
        mk.clv_simple(0, 4, 2, 0.3)
