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


# ---- completeness: every package's messages, both languages, same placeholders -----------

import re  # noqa: E402
import string  # noqa: E402

_VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
_QUOTED = re.compile(r"`[^`]*`|\"[^\"]*\"|'[^']*'|“[^”]*”|\{[^}]*\}|\([^)]*[ăâđêôơư][^)]*\)")
_ENGLISH_WORDS = re.compile(r"\b(the|is|should|but|and|not|with|your|check)\b")


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def _all_messages() -> dict[str, dict[str, str]]:
    packages = i18n.discover_all()
    assert {"photo"} <= set(packages)
    return {key: i18n.templates(key) for key in i18n.keys() if not key.startswith("test.")}


def test_every_package_message_has_both_languages_with_the_same_placeholders():
    for key, texts in _all_messages().items():
        assert set(texts) == set(i18n.LANGUAGES), f"{key}: languages {sorted(texts)}"
        assert _fields(texts["vi"]) == _fields(texts["en"]), key


def test_english_text_has_no_vietnamese_outside_quoted_examples():
    for key, texts in _all_messages().items():
        bare = _QUOTED.sub("", texts["en"]).replace("đồng", "")  # the currency keeps its name
        assert not _VIETNAMESE_LETTERS.search(bare), f"{key}: {texts['en']!r}"


def test_vietnamese_text_has_no_english_sentence_words():
    for key, texts in _all_messages().items():
        bare = _QUOTED.sub("", texts["vi"])
        assert not _ENGLISH_WORDS.search(bare), f"{key}: {texts['vi']!r}"


def test_a_key_of_a_package_is_found_without_importing_the_package_first():
    import subprocess
    import sys

    code = "from toolkit.i18n import t\nprint(t('photo.error.missing', name='x.jpg', lang='vi'))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "x.jpg" in out


def test_check_messages_follow_the_language(monkeypatch):
    from toolkit.checks import CheckFailed, expect

    monkeypatch.setenv("HOCSO_LANG", "en")
    with pytest.raises(CheckFailed) as failure:
        expect.has_type((0, 299), "number", name="x")
    assert "tuple" in str(failure.value)
    assert not _VIETNAMESE_LETTERS.search(_QUOTED.sub("", str(failure.value)))
    monkeypatch.setenv("HOCSO_LANG", "vi")
    with pytest.raises(CheckFailed) as failure:
        expect.has_type((0, 299), "number", name="x")
    assert "dấu phẩy" in str(failure.value)
