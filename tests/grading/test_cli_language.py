"""``hocso --help`` and usage errors speak the trainer's language (issue 24: Vietnamese CLI)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from grading.cli import build_parser, main
from grading.cli._language import (
    _DEFAULT,
    ARGPARSE,
    HELP,
    VARIANTS,
    _key,
    help_texts,
    translate,
    translate_error,
)


@pytest.fixture
def english_texts(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    return help_texts(build_parser())


def test_every_help_text_has_a_vietnamese_translation(english_texts):
    missing = sorted({t for t in english_texts if translate(t, lang="vi") == t})
    assert not missing, "add these to grading/cli/_language.py HELP:\n" + "\n".join(missing)


def test_no_translation_is_left_without_its_english_text(english_texts):
    used = {_key(t) for t in english_texts}
    used |= {_key(m["head"]) for t in english_texts if (m := _DEFAULT.match(t))}
    stale = sorted(k for k in HELP if _key(k) not in used and k not in VARIANTS)
    assert not stale, (
        "no option has these help texts any more: delete them from HELP\n" + "\n".join(stale)
    )


@pytest.mark.parametrize("english", sorted(HELP))
def test_a_translation_keeps_the_numbers_and_is_nfc(english):
    vietnamese = HELP[english]
    assert re.findall(r"\d+", vietnamese) == re.findall(r"\d+", english)
    assert unicodedata.normalize("NFC", vietnamese) == vietnamese
    assert vietnamese.count("%%") == english.count("%%")  # argparse formats help with %


def test_numbers_that_change_are_carried_into_the_translation():
    english = "worker processes on this machine (default: the CPUs, 64 here)"
    assert translate(english, lang="vi").endswith("ở máy này là 64)")
    # a default appended by api_option, around a catalogued head
    assert translate("at least X %% of the course's points (default: 85 %%)", lang="vi") == (
        "ít nhất X %% tổng điểm khoá học (mặc định: 85 %%)"
    )


def test_help_is_vietnamese_by_default_and_english_on_request(monkeypatch, capsys):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    with pytest.raises(SystemExit) as stop:
        main(["autograde", "--help"])
    assert stop.value.code == 0
    vi = capsys.readouterr().out
    assert vi.startswith(ARGPARSE["usage: "])
    for english in ("usage:", "default:", "show this help", "options:", "per-cell time limit"):
        assert english not in vi
    assert "thời gian tối đa cho mỗi ô" in vi

    monkeypatch.setenv("HOCSO_LANG", "en")  # the same process: nothing stays translated
    with pytest.raises(SystemExit):
        main(["autograde", "--help"])
    en = capsys.readouterr().out
    assert en.startswith("usage:")
    assert "per-cell time limit" in en
    assert "thời gian" not in en


def test_usage_errors_are_vietnamese_and_exit_2(monkeypatch, capsys):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    for argv, expected in (
        (
            ["autograde", "--workers", "0", "x"],
            "tham số --workers: phải từ 1 trở lên, không phải 0",
        ),
        (["release"], "thiếu tham số bắt buộc: ASSIGNMENT"),
        (["khong-co-lenh-nay"], "không có lựa chọn 'khong-co-lenh-nay'"),
        (["status", "--khong-co"], "không hiểu các tham số: --khong-co"),
    ):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2, argv
        err = capsys.readouterr().err
        assert expected in err, (argv, err)
        assert "error:" not in err
        assert "lỗi:" in err


def test_an_unknown_message_passes_through_unchanged():
    assert translate_error("something argparse may say one day", lang="vi") == (
        "something argparse may say one day"
    )
    assert translate_error("the following arguments are required: x", lang="en") == (
        "the following arguments are required: x"
    )
