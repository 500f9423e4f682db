import unicodedata

import pytest

from toolkit import i18n


def test_default_is_vietnamese(monkeypatch):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    assert i18n.current_language() == "vi"
    assert i18n.t("check.correct", detail="x").startswith("✅ Chính xác")


def test_english_with_env(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    assert i18n.t("check.correct", detail="x") == "✅ Correct! x"


def test_unknown_language_falls_back_to_vietnamese(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "fr")
    assert i18n.current_language() == "vi"


def test_every_message_is_nfc_and_has_both_languages():
    for key, texts in i18n._CATALOGUE.items():
        assert "vi" in texts, key
        for text in texts.values():
            assert unicodedata.normalize("NFC", text) == text, key


def test_register_rejects_conflicts_and_missing_vietnamese():
    i18n.register({"test.same": {"vi": "một"}})
    i18n.register({"test.same": {"vi": "một"}})  # same text again is fine
    with pytest.raises(ValueError, match="already registered"):
        i18n.register({"test.same": {"vi": "hai"}})
    with pytest.raises(ValueError, match="Vietnamese"):
        i18n.register({"test.en_only": {"en": "one"}})


def test_unknown_key():
    with pytest.raises(KeyError, match="no message"):
        i18n.t("no.such.key")
