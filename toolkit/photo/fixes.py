"""Fixes for what can be fixed after the shot; each improves the metric it targets.

- :func:`pad_to_square`: add white (or any colour) around the photo → aspect ratio 1:1;
- :func:`crop_to_product`: cut to the product with a margin → higher fill ratio,
  product centred;
- :func:`white_balance`: grey-world gains measured on the backdrop → no colour cast;
- :func:`resize_for`: scale to a marketplace's size limits;
- :func:`save_for`: save a JPEG under the marketplace's file-size limit, at the
  highest quality that fits (binary search);
- :func:`auto_fix`: the fixes a photo needs, in a sensible order.

Blur, noise, darkness and blown-out highlights cannot be repaired honestly:
the advice is to shoot again.

All functions take an image as in :mod:`toolkit.photo.metrics` and return a new
``uint8`` RGB array; the input is never modified.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from toolkit.i18n import t
from toolkit.photo import _messages  # noqa: F401  (registers the photo.* messages)
from toolkit.photo.metrics import (
    BORDER,
    _as_mask,
    _as_rgb,
    _bbox_from_small,
    _block_mean,
    _border_pixels,
    _gains,
    _is_photo,
    _mask_factor,
    _mask_small,
    measure,
)
from toolkit.photo.rules import Rules, get_rules

__all__ = [
    "SavedPhoto",
    "auto_fix",
    "crop_to_product",
    "pad_to_square",
    "resize_for",
    "save_for",
    "white_balance",
]

WHITE = (255, 255, 255)
#: Brightest product level :func:`white_balance` may produce when it brightens.
_PEAK = 245.0


def _to_uint8(rgb: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)


def _as_uint8(image: Any) -> np.ndarray:
    """``uint8`` RGB pixels, validated; photos already in that form are not copied."""
    array = np.asarray(getattr(image, "pixels", image))
    if array.dtype == np.uint8 and array.ndim == 3 and array.shape[2] == 3 and array.size:
        return array
    return _to_uint8(_as_rgb(image))


def _background_colour(rgb: np.ndarray) -> np.ndarray:
    small = _block_mean(rgb, _mask_factor(rgb.shape))
    return np.median(_border_pixels(small, BORDER), axis=0)


def _place(rgb: np.ndarray, box: tuple[int, int, int, int], fill: np.ndarray) -> np.ndarray:
    """Cut ``box`` (left, top, right, bottom) out of ``rgb``; parts outside are ``fill``."""
    left, top, right, bottom = box
    height, width = rgb.shape[:2]
    out = np.empty((bottom - top, right - left, 3), dtype=np.float32)
    out[...] = fill
    src_l, src_t = max(0, left), max(0, top)
    src_r, src_b = min(width, right), min(height, bottom)
    if src_r > src_l and src_b > src_t:
        out[src_t - top : src_b - top, src_l - left : src_r - left] = rgb[src_t:src_b, src_l:src_r]
    return out


def pad_to_square(image: Any, *, colour: tuple[int, int, int] | None = WHITE) -> np.ndarray:
    """Add borders so that the photo becomes square, the photo centred.

    Parameters
    ----------
    image : array_like
        The photo.
    colour : tuple of int or None, default white
        Colour of the added borders; ``None`` uses the photo's own background
        colour (median of its border strip), which hides the seam on an
        off-white backdrop.

    Returns
    -------
    numpy.ndarray
        ``uint8`` RGB, side = the longer side of the input.

    Examples
    --------
    >>> import numpy as np
    >>> wide = np.zeros((900, 1200, 3), dtype=np.uint8)
    >>> square = pad_to_square(wide)
    >>> square.shape, square[0, 0].tolist(), square[450, 600].tolist()
    ((1200, 1200, 3), [255, 255, 255], [0, 0, 0])
    """
    rgb = _as_rgb(image)
    height, width = rgb.shape[:2]
    side = max(height, width)
    fill = _background_colour(rgb) if colour is None else np.asarray(colour, dtype=np.float32)
    left, top = -((side - width) // 2), -((side - height) // 2)
    return _to_uint8(_place(rgb, (left, top, left + side, top + side), fill))


def crop_to_product(image: Any, *, margin: float = 0.08, square: bool = True) -> np.ndarray:
    """Cut the photo down to the product plus a margin, product centred.

    Parameters
    ----------
    image : array_like
        The photo.
    margin : float, default 0.08
        Space left on each side, as a share of the product's longer side. The
        product then fills about ``1 / (1 + 2 margin)`` of the frame (86 %),
        and the backdrop keeps a clean border wider than the 5 % strip on
        which the background rules are measured.
    square : bool, default True
        Make the crop square. Where the square reaches beyond the photo, it is
        filled with the photo's background colour.

    Returns
    -------
    numpy.ndarray
        ``uint8`` RGB. The photo unchanged when no product is found.

    Notes
    -----
    The crop has fewer pixels than the original: a small product in the
    frame may end up below a marketplace's minimum size, and enlarging it
    (:func:`resize_for`) does not add detail. Moving closer is better.

    Examples
    --------
    >>> import numpy as np
    >>> from toolkit.photo.metrics import fill_ratio
    >>> image = np.full((1000, 1000, 3), 250, dtype=np.uint8)
    >>> image[600:900, 100:300] = (120, 60, 20)  # small, in a corner
    >>> cropped = crop_to_product(image)
    >>> cropped.shape, 0.85 < fill_ratio(cropped) < 0.9
    ((348, 348, 3), True)
    """
    rgb = _as_rgb(image)
    small, factor = _mask_small(rgb)
    bbox = _bbox_from_small(small, factor, rgb.shape)
    if bbox is None:
        return _to_uint8(rgb)
    left, top, right, bottom = bbox
    bw, bh = right - left, bottom - top
    pad = margin * max(bw, bh)
    if square:
        side = round(max(bw, bh) + 2 * pad)
        width = height = side
    else:
        width, height = round(bw + 2 * pad), round(bh + 2 * pad)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    x0, y0 = round(cx - width / 2), round(cy - height / 2)
    return _to_uint8(_place(rgb, (x0, y0, x0 + width, y0 + height), _background_colour(rgb)))


def white_balance(image: Any, *, mask: Any = None, target: float | None = None) -> np.ndarray:
    """Remove a colour cast with grey-world gains measured on the backdrop.

    Parameters
    ----------
    image : array_like
        The photo.
    mask : array_like of bool, optional
        Pixels assumed neutral; by default the background (outside the product).
    target : float, optional
        Also bring the backdrop to this grey level (e.g. 250 for a white
        backdrop shot a little dark), as far as the product allows: the gain
        is lowered so that the product's highlights (99.5th percentile) stay
        at or below 245. By default the mean level is kept.

    Returns
    -------
    numpy.ndarray
        ``uint8`` RGB.

    Notes
    -----
    Gains g_C = grey / C̄ for C ∈ {R, G, B}, with C̄ the backdrop's channel
    means and grey their mean (or ``target``), applied to every pixel
    (von Kries scaling). See :func:`~toolkit.photo.colour_cast`.

    Examples
    --------
    >>> import numpy as np
    >>> from toolkit.photo.metrics import colour_cast
    >>> warm = np.empty((50, 50, 3), dtype=np.uint8)
    >>> warm[...] = (250, 235, 190)  # a yellow lamp on white paper
    >>> round(colour_cast(warm), 3), round(colour_cast(white_balance(warm)), 3)
    (0.156, 0.0)
    >>> white_balance(warm, target=250)[0, 0].tolist()
    [250, 250, 250]
    """
    from toolkit.photo.metrics import _product_mask

    rgb = _as_rgb(image)
    background = ~_product_mask(rgb) if mask is None else _as_mask(mask, rgb.shape)
    gains = np.asarray(_gains(rgb, background), dtype=np.float32)
    if target is not None:
        pixels = rgb[background] if background.any() else rgb.reshape(-1, 3)
        grey = float(pixels.mean(dtype=np.float64))
        gains = gains * (float(target) / max(grey, 1e-6))
        product = ~background
        if product.any():  # never blow out the product to whiten the backdrop
            peak = float(np.percentile((rgb[product] * gains).max(axis=1), 99.5))
            if peak > _PEAK:
                gains = gains * (_PEAK / peak)
    return _to_uint8(rgb * gains)


def _target_size(width: int, height: int, rules: Rules, side: int | None) -> tuple[int, int]:
    longest = side if side is not None else rules.recommended_side
    scale = longest / max(width, height)
    scale = max(scale, rules.min_side / min(width, height))  # both sides reach the minimum
    if rules.max_side is not None:
        scale = min(scale, rules.max_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def resize_for(
    image: Any, rules: str | Rules = "postmart", *, side: int | None = None
) -> np.ndarray:
    """Scale a photo to a marketplace's size rules.

    Parameters
    ----------
    image : array_like
        The photo.
    rules : str or Rules, default "postmart"
        The marketplace.
    side : int, optional
        Longest side wanted; by default the rule set's ``recommended_side``.
        The result is then enlarged if a side would fall below ``min_side``
        and shrunk if one would exceed ``max_side``.

    Returns
    -------
    numpy.ndarray
        ``uint8`` RGB (Lanczos resampling).

    Examples
    --------
    >>> import numpy as np
    >>> resize_for(np.zeros((3000, 3000, 3), dtype=np.uint8), "lazada").shape
    (1000, 1000, 3)
    >>> resize_for(np.zeros((900, 1200, 3), dtype=np.uint8), "postmart").shape  # short side ≥ 800
    (800, 1067, 3)
    """
    from PIL import Image

    pixels = _as_uint8(image)
    height, width = pixels.shape[:2]
    size = _target_size(width, height, get_rules(rules), side)
    if size == (width, height):
        return pixels.copy()
    return np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.LANCZOS))


@dataclass(frozen=True)
class SavedPhoto:
    """What :func:`save_for` wrote.

    Attributes
    ----------
    path : pathlib.Path
        The JPEG file.
    quality : int
        JPEG quality used (the highest that fits under the limit).
    file_size : int
        Bytes written.
    width, height : int
        Pixel size saved.
    """

    path: Path
    quality: int
    file_size: int
    width: int
    height: int


def _jpeg(pixels: np.ndarray, quality: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def save_for(
    image: Any,
    path: str | os.PathLike[str],
    rules: str | Rules = "postmart",
    *,
    resize: bool = True,
    min_quality: int = 40,
    max_quality: int = 95,
) -> SavedPhoto:
    """Save a photo as a JPEG that fits a marketplace's size and file-size limits.

    Parameters
    ----------
    image : array_like
        The photo.
    path : path
        Where to write (written atomically: a crash never leaves half a file).
    rules : str or Rules, default "postmart"
        The marketplace.
    resize : bool, default True
        First scale with :func:`resize_for`.
    min_quality, max_quality : int, default 40 and 95
        Range searched for the highest JPEG quality whose file fits.

    Returns
    -------
    SavedPhoto

    Raises
    ------
    ValueError
        If even ``min_quality`` does not fit under the limit.

    Notes
    -----
    File size grows with quality, so a binary search over the quality finds
    the best one in about 6 encodings instead of 55.

    Examples
    --------
    >>> import numpy as np, tempfile, pathlib
    >>> rng = np.random.default_rng(0)
    >>> noisy = rng.integers(0, 256, (1500, 1500, 3), dtype=np.uint8)  # hard to compress
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     saved = save_for(noisy, pathlib.Path(folder) / "anh.jpg", "postmart", resize=False)
    >>> saved.file_size <= 2_000_000, saved.width, saved.quality < 95
    (True, 1500, True)
    """
    rule_set = get_rules(rules)
    pixels = resize_for(image, rule_set) if resize else _as_uint8(image)
    limit = rule_set.max_file_bytes
    if limit is None:
        quality, data = max_quality, _jpeg(pixels, max_quality)
    else:
        best: tuple[int, bytes] | None = None
        low, high = min_quality, max_quality
        while low <= high:
            middle = (low + high) // 2
            encoded = _jpeg(pixels, middle)
            if len(encoded) <= limit:
                best, low = (middle, encoded), middle + 1
            else:
                high = middle - 1
        if best is None:
            from toolkit.vn import format_number

            limit_text = f"{format_number(limit / 1e6, decimals=1)} MB"
            raise ValueError(t("photo.error.quality", limit=limit_text, quality=min_quality))
        quality, data = best
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as handle:
        handle.write(data)
        temporary = Path(handle.name)
    os.replace(temporary, target)
    return SavedPhoto(
        path=target,
        quality=quality,
        file_size=len(data),
        width=int(pixels.shape[1]),
        height=int(pixels.shape[0]),
    )


def auto_fix(image: Any, *, rules: str | Rules = "postmart") -> tuple[np.ndarray, tuple[str, ...]]:
    """Apply the fixes a photo needs for a marketplace, in order.

    1. colour cast or off-white (but plain) backdrop → :func:`white_balance`
       with the backdrop brought to 250;
    2. product too small, off-centre, or photo not square → :func:`crop_to_product`;
    3. size outside the limits → :func:`resize_for`.

    A photo that fails a rule of :data:`~toolkit.photo.RESHOOT_RULES` (blurred,
    grainy, dark, blown out, too few pixels, busy backdrop, product not found)
    is returned unchanged with no fix: brightening a dark photo shows its grain
    and enlarging a small one invents no detail, so the honest fix is a new
    photo. This is the course's one "fix or reshoot" rule
    (:func:`~toolkit.photo.decision`).

    Parameters
    ----------
    image : array_like or Photo
        The photo. Pass the :class:`~toolkit.photo.Photo` from
        :func:`~toolkit.photo.read_photo` rather than its reduced pixels, so
        that the size rule sees the file's real size.
    rules : str or Rules, default "postmart"
        The marketplace.

    Returns
    -------
    pixels : numpy.ndarray
        The fixed photo (``uint8`` RGB). Check it again with
        :func:`~toolkit.photo.audit`: a fix may not be enough (a grey backdrop
        cannot always be made white without burning the product), and then
        the photo must be taken again.
    fixes : tuple of str
        Keys of the fixes applied: ``"white_balance"``, ``"crop"``, ``"resize"``.

    Examples
    --------
    >>> from toolkit.photo import load_sample
    >>> fixed, fixes = auto_fix(load_sample("nuoc-mam-san-pham-nho"))
    >>> fixes
    ('crop', 'resize')
    >>> auto_fix(load_sample("tra-toi"))[1]  # dark: take the photo again
    ()
    """
    from toolkit.photo.listing import audit

    rule_set = get_rules(rules)
    pixels = _as_uint8(image)
    # judged on the Photo when there is one: its working copy is smaller than the file
    if audit(image if _is_photo(image) else pixels, rules=rule_set).decision == "chụp lại":
        return pixels.copy(), ()
    m = measure(pixels)
    applied: list[str] = []
    plain = (
        rule_set.max_background_std is None or m["background_std"] <= rule_set.max_background_std
    )
    cast = rule_set.max_colour_cast is not None and m["colour_cast"] > rule_set.max_colour_cast
    off_white = rule_set.white_background and m["whiteness"] < rule_set.min_whiteness
    if plain and (cast or off_white):
        pixels = white_balance(pixels, target=250.0)
        applied.append("white_balance")
    too_small = rule_set.min_fill is not None and m["fill"] < rule_set.min_fill
    off_centre = (
        rule_set.max_centre_offset is not None and m["centre_offset"] > rule_set.max_centre_offset
    )
    not_square = (
        rule_set.square_tolerance is not None
        and abs(m["aspect_ratio"] - 1.0) > rule_set.square_tolerance
    )
    if too_small or off_centre or not_square:
        pixels = crop_to_product(pixels, square=rule_set.square_tolerance is not None)
        applied.append("crop")
    height, width = pixels.shape[:2]
    if min(width, height) < rule_set.min_side or (
        rule_set.max_side is not None and max(width, height) > rule_set.max_side
    ):
        pixels = resize_for(pixels, rule_set)
        applied.append("resize")
    return pixels, tuple(applied)
