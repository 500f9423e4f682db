"""The ipywidgets photo checker (runs headless)."""

from __future__ import annotations

import ipywidgets as w
import pytest

from toolkit import photo
from toolkit.photo.widgets import photo_checker, render_panel


def _find(widget, kind):
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found.extend(_find(child, kind))
    return found


def test_checker_builds_and_updates():
    app = photo_checker(rules="lazada")
    photos, market = _find(app, w.Dropdown)
    images = _find(app, w.Image)
    assert market.value == "lazada"
    assert len(photos.options) == len(photo.sample_names())
    first = bytes(images[0].value)
    assert first.startswith(b"\x89PNG")
    photos.value = str(photo.sample_path("gao-khong-vuong"))
    assert bytes(images[0].value) != first
    html = " ".join(h.value for h in _find(app, w.HTML))
    assert "Độ nét" in html
    assert "Lazada" in html
    market.value = "postmart"
    html = " ".join(h.value for h in _find(app, w.HTML))
    assert "Ảnh vuông" in html
    assert "cắt sát sản phẩm" in html


def test_checker_on_a_folder(tmp_path):
    for name in ("mat-ong-chuan", "tra-toi"):
        (tmp_path / f"{name}.jpg").write_bytes(photo.sample_path(name).read_bytes())
    (tmp_path / "ghi-chu.txt").write_text("x")
    app = photo_checker(folder=tmp_path)
    photos = _find(app, w.Dropdown)[0]
    assert [label for label, _ in photos.options] == ["mat-ong-chuan.jpg", "tra-toi.jpg"]


@pytest.mark.parametrize(
    ("name", "fix_word"),
    [
        ("ca-phe-am-mau", "cân bằng trắng"),
        ("nuoc-mam-san-pham-nho", "cắt sát"),
        ("mat-ong-mo", "chụp lại"),
    ],
)
def test_panel_explains_the_fix(name, fix_word):
    panel = render_panel(photo.sample_path(name))
    assert fix_word in panel["fixes"]
    assert panel["after"].startswith(b"\x89PNG")
    assert "<table>" in panel["metrics"]
