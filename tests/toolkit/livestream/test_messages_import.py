"""The livestream.* messages are complete; importing the package stays light."""

from __future__ import annotations

import string
import subprocess
import sys
import unicodedata

from toolkit import i18n
from toolkit.livestream import METRICS, _messages  # noqa: F401


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_livestream_messages_are_complete():
    keys = [k for k in i18n._CATALOGUE if k.startswith("livestream.")]
    assert len(keys) > 50
    for key in keys:
        texts = i18n._CATALOGUE[key]
        assert set(texts) == {"vi", "en"}, key
        for text in texts.values():
            assert unicodedata.normalize("NFC", text) == text, key
        assert _fields(texts["vi"]) == _fields(texts["en"]), key
    for metric in (*METRICS, "lost_orders", "net_revenue_vnd", "profit_vnd"):
        assert f"livestream.metric.{metric}" in i18n._CATALOGUE, metric


def test_course_vocabulary():
    t = i18n.t
    assert t("livestream.metric.views", lang="vi") == "Lượt xem"
    assert t("livestream.metric.orders", lang="vi") == "Đơn hàng"
    assert t("livestream.chart.flash", lang="vi") == "Flash sale"


def _loaded_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return {m.split(".")[0] for m in result.stdout.split()}


def test_import_is_light():
    assert not {"numpy", "pandas", "matplotlib", "scipy"} & _loaded_after(
        "import toolkit.livestream"
    )
    # parameters and simulation need numpy only; pandas comes with the first table
    after = _loaded_after("from toolkit import livestream\nlivestream.simulate_minutes")
    assert not {"pandas", "matplotlib", "scipy", "ipywidgets"} & after
