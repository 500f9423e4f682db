"""``import toolkit.marketing`` is cheap and its names resolve lazily; messages are complete."""

from __future__ import annotations

import string
import subprocess
import sys

from toolkit import i18n, marketing


def test_import_loads_no_heavy_library():
    code = "import toolkit.marketing, sys; print(' '.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    heavy = {m.split(".")[0] for m in out} & {"pandas", "numpy", "scipy", "matplotlib"}
    assert not heavy


def test_all_names_resolve():
    for name in marketing.__all__:
        assert getattr(marketing, name) is not None, name
    assert callable(marketing.funnel)


def test_messages_have_both_languages_and_same_fields():
    from toolkit.marketing import _messages  # noqa: F401

    keys = [k for k in i18n._CATALOGUE if k.startswith("marketing.")]
    assert len(keys) > 30
    fields = string.Formatter()
    for key in keys:
        texts = i18n._CATALOGUE[key]
        assert set(texts) == {"vi", "en"}, key
        vi = {f for _, f, _, _ in fields.parse(texts["vi"]) if f}
        en = {f for _, f, _, _ in fields.parse(texts["en"]) if f}
        assert vi == en, key
