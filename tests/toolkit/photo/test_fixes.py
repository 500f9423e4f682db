"""Each fix improves the metric it targets, and never touches its input."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from toolkit import photo
from toolkit.photo import (
    audit,
    auto_fix,
    crop_to_product,
    pad_to_square,
    resize_for,
    save_for,
    white_balance,
)
from toolkit.photo.fixes import _jpeg
from toolkit.photo.metrics import (
    aspect_ratio,
    background_whiteness,
    centre_offset,
    colour_cast,
    fill_ratio,
)
from toolkit.photo.rules import RULES

from .helpers import add_noise, product_on_white


@pytest.mark.parametrize("size", [(1200, 900), (600, 1000), (801, 800)])
def test_pad_to_square_makes_it_square(size):
    image = product_on_white(size=size, box=(100, 100, 300, 400))
    padded = pad_to_square(image)
    assert abs(aspect_ratio(padded) - 1) < abs(aspect_ratio(image) - 1)
    assert aspect_ratio(padded) == 1.0
    assert padded.shape[0] == max(size)
    added = max(size) ** 2 - size[0] * size[1]
    assert int((padded == 255).all(axis=2).sum()) == added  # the new borders are white


def test_pad_to_square_can_use_the_background_colour():
    image = product_on_white(size=(300, 200), box=(100, 50, 200, 150), background=(240, 235, 230))
    padded = pad_to_square(image, colour=None)
    assert padded[0, 0].tolist() == [240, 235, 230]


@pytest.mark.parametrize("name", ["nuoc-mam-san-pham-nho", "hat-dieu-san-pham-vua", "tra-lech-tam"])
def test_crop_to_product_raises_fill_and_centres(name):
    image = photo.load_sample(name)
    cropped = crop_to_product(image)
    assert fill_ratio(cropped) > fill_ratio(image)
    assert fill_ratio(cropped) == pytest.approx(1 / 1.16, abs=0.03)
    assert centre_offset(cropped) <= max(centre_offset(image), 0.02)
    assert cropped.shape[0] == cropped.shape[1]


def test_crop_without_square_keeps_the_product_shape():
    image = product_on_white(size=(1000, 1000), box=(400, 100, 600, 900))
    cropped = crop_to_product(image, square=False, margin=0.1)
    assert cropped.shape[0] > 2 * cropped.shape[1]
    assert fill_ratio(cropped) > fill_ratio(image)


def test_crop_of_an_empty_photo_changes_nothing():
    blank = np.full((50, 60, 3), 250, dtype=np.uint8)
    np.testing.assert_array_equal(crop_to_product(blank), blank)


@pytest.mark.parametrize("name", ["ca-phe-am-mau", "gao-am-mau-xanh"])
def test_white_balance_removes_the_cast(name):
    image = photo.load_sample(name)
    balanced = white_balance(image)
    assert colour_cast(balanced) < 0.2 * colour_cast(image)
    assert colour_cast(balanced) < RULES["postmart"].max_colour_cast


def test_white_balance_with_target_whitens_a_dim_backdrop():
    image = photo.load_sample("tra-toi")
    whitened = white_balance(image, target=250)
    assert background_whiteness(whitened) > background_whiteness(image)
    assert audit(whitened).failed_rules == ()


def test_white_balance_never_blows_out_the_product():
    image = photo.load_sample("que-nen-xam")
    result = white_balance(image, target=250)
    assert photo.exposure_clipping(result) <= RULES["postmart"].max_clipping


@pytest.mark.parametrize("market", list(RULES))
@pytest.mark.parametrize(
    ("size", "side"),
    [((480, 480), None), ((2500, 2500), None), ((1200, 900), None), ((70, 70), 2500)],
)
def test_resize_for_meets_the_size_rules(market, size, side):
    rules = RULES[market]
    resized = resize_for(np.zeros((size[1], size[0], 3), dtype=np.uint8), rules, side=side)
    height, width = resized.shape[:2]
    assert min(width, height) >= rules.min_side
    if rules.max_side is not None:
        assert max(width, height) <= rules.max_side


def test_resize_never_exceeds_the_maximum():
    rules = RULES["tiktok"].replace(min_side=50, max_side=100)
    assert resize_for(np.zeros((70, 70, 3), dtype=np.uint8), rules, side=7000).shape == (
        100,
        100,
        3,
    )


def test_resize_keeps_the_aspect_ratio():
    resized = resize_for(np.zeros((900, 1200, 3), dtype=np.uint8), "tiktok")
    assert resized.shape[1] / resized.shape[0] == pytest.approx(4 / 3, rel=0.01)


@pytest.mark.parametrize("market", ["postmart", "shopee", "tiktok"])
def test_save_for_fits_the_file_limit_at_the_best_quality(tmp_path, honey, market):
    rules = RULES[market].replace(max_file_bytes=150_000)  # tight, so the search has work
    noisy = add_noise(honey, 6)
    saved = save_for(noisy, tmp_path / f"{market}.jpg", rules)
    assert saved.path.stat().st_size == saved.file_size <= 150_000
    pixels = resize_for(noisy, rules)
    if saved.quality < 95:
        assert len(_jpeg(pixels, saved.quality + 1)) > 150_000  # the highest that fits
    with Image.open(saved.path) as written:
        assert written.format == "JPEG"
        assert written.size == (saved.width, saved.height)
    assert [p.name for p in tmp_path.iterdir()] == [f"{market}.jpg"]  # no temporary left


def test_save_for_without_a_limit_uses_the_top_quality(tmp_path, honey_small):
    saved = save_for(honey_small, tmp_path / "lazada.jpg", "lazada", resize=False)
    assert saved.quality == 95
    assert saved.width == 500


def test_save_for_refuses_an_impossible_limit(tmp_path, honey):
    impossible = RULES["postmart"].replace(max_file_bytes=1_000)
    with pytest.raises(ValueError, match="MB"):
        save_for(honey, tmp_path / "x.jpg", impossible)
    assert not (tmp_path / "x.jpg").exists()


def test_saved_photo_passes_the_audit(tmp_path):
    fixed, _ = auto_fix(photo.load_sample("nuoc-mam-san-pham-nho"))
    saved = save_for(fixed, tmp_path / "nuoc-mam.jpg", "postmart")
    assert audit(saved.path, rules="postmart").passed


@pytest.mark.parametrize("name", photo.sample_names())
def test_auto_fix_never_adds_a_failure(name):
    image = photo.load_sample(name)
    before = set(audit(image).failed_rules)
    fixed, fixes = auto_fix(image)
    after = set(audit(fixed).failed_rules)
    assert after <= before
    if before & photo.RESHOOT_RULES:  # the one rule: lost information is not "fixed"
        assert fixes == ()
        np.testing.assert_array_equal(fixed, image)
        return
    fixable = {"square", "fill", "centred", "colour_cast"}
    if fixable & before:
        assert fixes
        assert not (fixable & after)
    # what is left after the fixes, if anything, is a backdrop too grey to whiten honestly
    assert after <= {"white_background"}


def test_auto_fix_judges_size_on_the_file_not_on_its_working_copy():
    big = photo.read_photo(photo.sample_path("gao-khong-vuong"))  # 1200 × 900, read at 1000 × 750
    assert min(big.pixels.shape[:2]) < 800
    assert auto_fix(big)[1] == ("crop", "resize")
    small = photo.read_photo(photo.sample_path("tra-it-diem-anh"))  # 480 × 480: reshoot
    assert auto_fix(small)[1] == ()


def test_fixes_do_not_modify_their_input(honey):
    original = honey.copy()
    for fix in (pad_to_square, crop_to_product, white_balance, resize_for):
        fix(honey)
    auto_fix(honey)
    np.testing.assert_array_equal(honey, original)
