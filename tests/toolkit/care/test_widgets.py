"""The lesson dashboard updates with the week and the rule set."""

from __future__ import annotations

import re

import pytest

from toolkit.care import widgets


def test_panel_changes_with_rule_and_week():
    shopee = widgets.render_panel("2026-02-16", "shopee")
    lazada = widgets.render_panel("2026-02-16", "lazada")
    earlier = widgets.render_panel("2025-11-10", "shopee")
    assert "Shopee" in shopee
    assert "90 ngày" in shopee
    assert "Lazada" in lazada
    assert "30 ngày" in lazada
    assert shopee != earlier
    for panel in (shopee, lazada, earlier):
        assert "phản hồi chậm nhất" in panel
        assert "phàn nàn" in panel


def test_dashboard_widget_reacts():
    app = widgets.care_dashboard()
    week, rule = app.children[0].children
    panel = app.children[1]
    before = panel.value
    rule.value = "tiktok"
    assert panel.value != before
    assert "TikTok Shop" in panel.value
    assert week.options[0] == ("01/09/2025", "2025-09-01")  # read day first
    week.value = "2025-09-01"
    assert "01/09/2025" in panel.value


#: Words of the data's own columns and of the rule's fields, in English.
_ENGLISH = ("ticket_id", "created", "channel", "topic", "complaints", "share", "examples",
            "third-party summary", "our assumption", "official")  # fmt: skip


def _headers(panel: str) -> list[str]:
    return re.findall(r"<th>([^<]*)</th>", panel)


@pytest.mark.parametrize("rule", ["shopee", "tiktok", "lazada"])
def test_every_label_a_learner_reads_is_vietnamese(rule, monkeypatch):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    panel = widgets.render_panel("2026-02-09", rule)
    text = re.sub(r"<[^>]+>", " ", panel)
    assert [word for word in _ENGLISH if word in text] == []
    assert _headers(panel) == [
        "Mã phiếu", "Tạo lúc", "Kênh", "Chủ đề", "Giờ chờ phản hồi",
        "Chủ đề", "Số đánh giá phàn nàn", "Tỉ lệ", "Ví dụ",
    ]  # fmt: skip
    assert "Nguồn: tổng hợp của bên thứ ba" in panel
    hours = re.findall(r"<td>(\d+(?:[.,]\d+)?)</td>", panel)
    assert all("." not in h for h in hours)  # decimals with a comma, the Vietnamese way
    times = re.findall(r"<td>(\d\d/\d\d/\d{4} \d\d:\d\d)</td>", panel)
    assert times  # day first, to the minute
    assert not re.search(r"\d{4}-\d\d-\d\d", text)  # no ISO dates


def test_english_with_hocso_lang(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    panel = widgets.render_panel("2026-02-09", "shopee")
    assert _headers(panel)[:2] == ["Ticket", "Created"]
    assert "Source: third-party summary, 2025" in panel


def test_weekly_rates_are_shares():
    rates = widgets.weekly_response_rates("shopee")
    assert len(rates) == len(widgets.week_starts())
    assert ((rates.dropna() >= 0) & (rates.dropna() <= 1)).all()
