"""The lesson dashboard updates with the week and the rule set."""

from __future__ import annotations

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
    week.value = week.options[0]
    assert "01/09/2025" in panel.value


def test_weekly_rates_are_shares():
    rates = widgets.weekly_response_rates("shopee")
    assert len(rates) == len(widgets.week_starts())
    assert ((rates.dropna() >= 0) & (rates.dropna() <= 1)).all()
