"""Marketplace rule sets."""

from __future__ import annotations

import dataclasses

import pytest

from toolkit.photo.listing import RULE_ORDER
from toolkit.photo.rules import (
    FIXABLE_RULES,
    LAZADA,
    POSTMART,
    RESHOOT_RULES,
    RULES,
    SHOPEE,
    TIKTOK_SHOP,
    Rules,
    decision,
    get_rules,
)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("postmart", POSTMART),
        ("Postmart.vn", POSTMART),
        ("SHOPEE", SHOPEE),
        ("lazada", LAZADA),
        ("tiktok", TIKTOK_SHOP),
        ("TikTok Shop", TIKTOK_SHOP),
        ("tiktok_shop", TIKTOK_SHOP),
    ],
)
def test_lookup(key, expected):
    assert get_rules(key) is expected


def test_rules_object_passes_through():
    custom = POSTMART.replace(min_fill=0.9)
    assert get_rules(custom) is custom


def test_unknown_marketplace_lists_the_known_ones():
    with pytest.raises(ValueError, match="postmart, shopee, lazada, tiktok") as info:
        get_rules("amazon")
    assert "amazon" in str(info.value)


def test_rules_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        POSTMART.min_side = 10  # type: ignore[misc]


def test_every_rule_set_names_its_source():
    for rules in RULES.values():
        assert isinstance(rules, Rules)
        assert len(rules.source) > 40
        assert rules.key in RULES


def test_published_numbers():
    assert (LAZADA.min_side, LAZADA.max_side, LAZADA.min_fill) == (500, 2000, 0.8)
    assert LAZADA.white_background
    assert LAZADA.square_tolerance is None
    assert (SHOPEE.min_side, SHOPEE.min_fill, SHOPEE.max_file_bytes) == (800, 0.6, 2_000_000)
    assert not SHOPEE.white_background
    assert (TIKTOK_SHOP.min_side, TIKTOK_SHOP.max_side, TIKTOK_SHOP.max_file_bytes) == (
        600,
        6000,
        5_000_000,
    )


def test_postmart_follows_the_strictest_common_rule():
    others = [SHOPEE, LAZADA, TIKTOK_SHOP]
    assert POSTMART.min_side >= max(r.min_side for r in others)
    assert POSTMART.min_fill >= max(r.min_fill for r in others)
    assert POSTMART.max_file_bytes <= min(r.max_file_bytes for r in others if r.max_file_bytes)
    assert POSTMART.white_background
    assert POSTMART.square_tolerance is not None
    assert "course's own rule" in POSTMART.source.lower()


def test_quality_thresholds_are_shared():
    fields = ("min_sharpness", "min_brightness", "max_clipping", "max_colour_cast", "max_noise")
    for name in fields:
        assert len({getattr(r, name) for r in RULES.values()}) == 1, name


def test_every_rule_set_says_the_kind_and_year_of_its_source():
    assert POSTMART.source_label == "quy tắc của lớp (2026)"
    assert LAZADA.source_label == "khuyến nghị của Lazada (2017)"
    assert SHOPEE.source_label == "tổng hợp của bên thứ ba (2025)"
    assert TIKTOK_SHOP.source_label == "tổng hợp của bên thứ ba (2025)"
    for rules in (SHOPEE, TIKTOK_SHOP):
        assert "not confirmed" in rules.source
    for rules in RULES.values():
        assert "yêu cầu" not in rules.source_label  # never stated as a requirement


def test_fix_or_reshoot_covers_every_rule_once():
    assert RESHOOT_RULES | FIXABLE_RULES == set(RULE_ORDER)
    assert not RESHOOT_RULES & FIXABLE_RULES
    # lost at the moment of taking the photo: no software brings it back
    assert {"sharpness", "noise", "size", "exposure", "brightness"} <= RESHOOT_RULES
    assert {"square", "colour_cast", "fill", "centred", "file_size"} <= FIXABLE_RULES


@pytest.mark.parametrize(
    ("failed", "expected"),
    [
        ((), "đạt"),
        ("", "đạt"),
        (("square",), "sửa"),
        ("square;colour_cast;fill", "sửa"),
        (("square", "brightness"), "chụp lại"),
        ("noise", "chụp lại"),
        ("product", "chụp lại"),
        (["white_background"], "sửa"),
    ],
)
def test_decision(failed, expected):
    assert decision(failed) == expected
