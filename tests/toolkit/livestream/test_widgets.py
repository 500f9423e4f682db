"""The ipywidgets livestream simulator (runs headless)."""

from __future__ import annotations

import ipywidgets as w

from toolkit.livestream import LiveParams
from toolkit.livestream.widgets import live_simulator


def _find(widget, kind):
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found.extend(_find(child, kind))
    return found


def test_simulator_builds_and_reacts_to_sliders():
    app = live_simulator(LiveParams(duration_min=60, flash_start_min=30), runs=20)
    sliders = {s.description: s for s in _find(app, (w.IntSlider, w.FloatSlider))}
    (chart,) = _find(app, w.Image)
    first = bytes(chart.value)
    assert first.startswith(b"\x89PNG")
    html = " ".join(h.value for h in _find(app, w.HTML))
    assert "Lượt xem" in html
    assert "95 %" in html
    sliders["Số hàng mang lên live"].value = 5
    html = " ".join(h.value for h in _find(app, w.HTML))
    assert bytes(chart.value) != first
    assert "Đơn bị lỡ vì hết hàng" in html
    # the flash-sale slider cannot pass the end of a shorter session
    sliders["Độ dài phiên (phút)"].value = 30
    assert sliders["Flash sale bắt đầu ở phút"].max == 20


def test_invalid_combination_shows_a_vietnamese_message():
    app = live_simulator(LiveParams(duration_min=60, flash_start_min=30), runs=20)
    sliders = {s.description: s for s in _find(app, (w.IntSlider, w.FloatSlider))}
    sliders["Giảm giá thường"].max = 2.0
    sliders["Giảm giá thường"].value = 1.5
    html = " ".join(h.value for h in _find(app, w.HTML))
    assert "là một tỉ lệ" in html
