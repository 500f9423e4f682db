"""Loading real-world files: orientation, colour modes, reduced decoding, bad files."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageOps

from toolkit import photo
from toolkit.photo import Photo, PhotoError, load_image, read_photo

from .helpers import png_header_only


def _halves(width: int = 40, height: int = 20) -> np.ndarray:
    """Left half red, right half blue."""
    image = np.zeros((height, width, 3), dtype=np.uint8)
    image[:, : width // 2] = (220, 20, 20)
    image[:, width // 2 :] = (20, 20, 220)
    return image


def _save(tmp_path, name: str, image: Image.Image, **options) -> object:
    path = tmp_path / name
    image.save(path, **options)
    return path


# ------------------------------------------------------------------ EXIF orientation


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_exif_orientation_is_applied(tmp_path, orientation):
    stored = Image.fromarray(_halves())
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = _save(tmp_path, f"o{orientation}.png", stored, exif=exif)
    pixels = load_image(path)
    with Image.open(path) as reference:
        expected = np.asarray(ImageOps.exif_transpose(reference).convert("RGB"))
    np.testing.assert_array_equal(pixels, expected)
    if orientation in (6, 8):
        assert pixels.shape[:2] == (40, 20)  # portrait once upright


def test_orientation_6_puts_the_left_edge_on_top(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = _save(tmp_path, "phone.png", Image.fromarray(_halves()), exif=exif)
    pixels = load_image(path)
    assert pixels[:5].mean(axis=(0, 1))[0] > 200  # red (the stored left half) is on top
    assert pixels[-5:].mean(axis=(0, 1))[2] > 200


def test_size_comes_from_the_header_after_rotation_even_when_reduced(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6
    stored = Image.new("RGB", (4000, 2000), (180, 120, 60))
    path = _save(tmp_path, "big.jpg", stored, exif=exif, quality=80)
    result = read_photo(path)
    assert (result.width, result.height) == (2000, 4000)
    assert result.pixels.shape == (1000, 500, 3)
    assert result.format == "JPEG"
    assert result.file_size == path.stat().st_size
    assert result.scale == pytest.approx(0.25)


# ------------------------------------------------------------------ colour modes


def test_cmyk_jpeg_is_converted(tmp_path):
    path = _save(tmp_path, "cmyk.jpg", Image.new("CMYK", (16, 16), (0, 255, 255, 0)), quality=95)
    pixels = load_image(path)
    assert pixels.dtype == np.uint8
    assert pixels.shape == (16, 16, 3)
    r, g, b = pixels.mean(axis=(0, 1))
    assert r > 200
    assert g < 60
    assert b < 60


def test_palette_png(tmp_path):
    rgb = Image.fromarray(_halves())
    path = _save(tmp_path, "p.png", rgb.convert("P", palette=Image.Palette.ADAPTIVE, colors=4))
    pixels = load_image(path)
    np.testing.assert_allclose(pixels.astype(int), _halves().astype(int), atol=2)


def test_palette_with_transparency_goes_on_white(tmp_path):
    image = Image.new("P", (8, 8), 0)
    image.putpalette([0, 0, 0, 200, 30, 30] + [0, 0, 0] * 254)
    image.paste(1, (0, 0, 4, 8))
    image.info["transparency"] = 0
    path = _save(tmp_path, "pt.png", image, transparency=0)
    pixels = load_image(path)
    assert pixels[:, :4].tolist() == [[[200, 30, 30]] * 4] * 8
    assert (pixels[:, 4:] == 255).all()


def test_rgba_alpha_is_composited_on_white(tmp_path):
    rgba = np.zeros((4, 4, 4), dtype=np.uint8)
    rgba[..., 3] = 0
    rgba[0, 0] = (0, 0, 0, 255)  # opaque black
    rgba[0, 1] = (0, 0, 0, 128)  # half-transparent black
    path = _save(tmp_path, "a.png", Image.fromarray(rgba))
    pixels = load_image(path)
    assert pixels[0, 0].tolist() == [0, 0, 0]
    assert pixels[0, 1].tolist() == [127, 127, 127]
    assert (pixels[1:] == 255).all()


def test_greyscale_with_alpha(tmp_path):
    path = _save(tmp_path, "la.png", Image.new("LA", (3, 3), (10, 0)))
    assert (load_image(path) == 255).all()


@pytest.mark.parametrize("mode", ["L", "1"])
def test_greyscale_modes(tmp_path, mode):
    path = _save(tmp_path, f"{mode}.png", Image.new(mode, (5, 4), 255 if mode == "L" else 1))
    pixels = load_image(path)
    assert pixels.shape == (4, 5, 3)
    assert (pixels == 255).all()


def test_16_bit_greyscale_is_scaled_not_clipped(tmp_path):
    values = np.array([[0, 257 * 100, 65535, 32896]], dtype=np.uint16)
    path = _save(tmp_path, "deep.png", Image.fromarray(values))
    with Image.open(path) as check:
        assert check.mode.startswith("I")
    pixels = load_image(path)
    assert pixels[0, :, 0].tolist() == [0, 100, 255, 128]


def test_pil_image_and_file_object_sources(tmp_path):
    image = Image.fromarray(_halves())
    assert load_image(image).tolist() == _halves().tolist()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    result = read_photo(buffer)
    assert isinstance(result, Photo)
    assert result.format == "PNG"
    assert result.file_size is None


def test_draft_decoding_matches_a_full_decode_closely(tmp_path, honey):
    big = Image.fromarray(honey).resize((3000, 3000), Image.Resampling.BICUBIC)
    path = _save(tmp_path, "big.jpg", big, quality=92)
    fast = read_photo(path).pixels.astype(float)
    slow = load_image(path, max_side=None)
    reference = np.asarray(Image.fromarray(slow).resize((1000, 1000), Image.Resampling.BOX))
    assert fast.shape == reference.shape
    assert np.abs(fast - reference).mean() < 2.0


def test_small_photos_are_never_enlarged(honey_small):
    image = Image.fromarray(honey_small)
    assert read_photo(image).pixels.shape == (500, 500, 3)


# ------------------------------------------------------------------ bad files


def _assert_names_file(error: Exception, name: str) -> None:
    message = str(error)
    assert name in message
    assert any(word in message for word in ("ảnh", "tệp")), message  # Vietnamese


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        read_photo(tmp_path / "khong-co.jpg")
    _assert_names_file(info.value, "khong-co.jpg")


def test_empty_file(tmp_path):
    path = tmp_path / "rong.jpg"
    path.write_bytes(b"")
    with pytest.raises(PhotoError) as info:
        read_photo(path)
    assert info.value.reason == "empty"
    _assert_names_file(info.value, "rong.jpg")


def test_random_bytes(tmp_path):
    path = tmp_path / "rac.jpg"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 5000, dtype=np.uint8).tobytes())
    with pytest.raises(PhotoError) as info:
        read_photo(path)
    assert info.value.reason == "not_image"
    assert isinstance(info.value, ValueError)
    _assert_names_file(info.value, "rac.jpg")


def test_text_file_renamed_jpg(tmp_path):
    path = tmp_path / "ghi-chu.jpg"
    path.write_text("Giá mật ong: 250.000 ₫\n", encoding="utf-8")
    with pytest.raises(PhotoError) as info:
        read_photo(path)
    assert info.value.reason == "not_image"
    _assert_names_file(info.value, "ghi-chu.jpg")


@pytest.mark.parametrize("max_side", [None, 100])
def test_truncated_jpeg(tmp_path, honey, max_side):
    buffer = io.BytesIO()
    Image.fromarray(honey).save(buffer, "JPEG", quality=90)
    path = tmp_path / "dang-tai.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(PhotoError) as info:
        read_photo(path, max_side=max_side)
    assert info.value.reason == "truncated"
    assert info.value.path == "dang-tai.jpg"
    _assert_names_file(info.value, "dang-tai.jpg")


@pytest.mark.parametrize("side", [12_000, 50_000])  # our limit, and beyond Pillow's own
def test_decompression_bomb(tmp_path, side):
    path = png_header_only(tmp_path / "bom.png", side, side)
    with pytest.raises(PhotoError) as info:
        read_photo(path)
    assert info.value.reason == "too_large"
    _assert_names_file(info.value, "bom.png")


def test_pixel_limit_is_a_parameter(tmp_path):
    path = _save(tmp_path, "nho.png", Image.new("RGB", (20, 20)))
    with pytest.raises(PhotoError, match=r"nho\.png"):
        read_photo(path, max_pixels=100)
    assert read_photo(path, max_pixels=400).width == 20


def test_error_messages_follow_the_language(tmp_path, monkeypatch):
    path = tmp_path / "x.jpg"
    path.write_text("not an image")
    monkeypatch.setenv("HOCSO_LANG", "en")
    with pytest.raises(PhotoError, match="not an image"):
        read_photo(path)


# ------------------------------------------------------------------ import cost


def test_importing_the_package_is_light():
    code = (
        "import sys, toolkit.photo, toolkit.photo.metrics, toolkit.photo.rules;"
        "print(sorted(m for m in ('PIL', 'pandas', 'scipy', 'ipywidgets', 'tqdm')"
        " if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_public_names_resolve():
    for name in photo.__all__:
        assert getattr(photo, name) is not None
    assert set(photo.__all__) <= set(dir(photo))
    with pytest.raises(AttributeError):
        photo.no_such_name  # noqa: B018


def test_photos_compare_by_their_facts_not_their_pixels(tmp_path):
    path = _save(tmp_path, "a.png", Image.fromarray(_halves()))
    first, second = read_photo(path), read_photo(path)
    assert first == second
    assert "pixels" not in repr(first)
