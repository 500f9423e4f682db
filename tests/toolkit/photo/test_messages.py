"""The photo.* messages: both languages, NFC, same placeholders."""

from __future__ import annotations

import string
import unicodedata

from toolkit import i18n
from toolkit.photo import _messages  # noqa: F401


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_photo_messages_are_complete():
    keys = [k for k in i18n._CATALOGUE if k.startswith("photo.")]
    assert len(keys) > 60
    for key in keys:
        texts = i18n._CATALOGUE[key]
        assert set(texts) == {"vi", "en"}, key
        for text in texts.values():
            assert unicodedata.normalize("NFC", text) == text, key
        assert _fields(texts["vi"]) == _fields(texts["en"]), key


def test_rule_labels_use_the_course_vocabulary():
    t = i18n.t
    assert t("photo.rule.sharpness", lang="vi") == "Độ nét"
    assert t("photo.rule.brightness", lang="vi") == "Độ sáng"
    assert t("photo.rule.noise", lang="vi") == "Độ nhiễu"
    assert t("photo.rule.white_background", lang="vi") == "Nền trắng"
    assert t("photo.rule.fill", lang="vi") == "Tỉ lệ lấp đầy khung hình"
    assert t("photo.metric.rms_contrast", lang="vi") == "Độ tương phản"
