"""Product-photo metrics: pure functions from a numpy image to a number.

Every function takes an image as a numpy array, ``(height, width)`` grey,
``(height, width, 3)`` RGB or ``(height, width, 4)`` RGBA (transparency is put
on white), of ``uint8`` (0–255) or of floats in [0, 1] like scikit-image, and
returns plain Python numbers. Formulas and sources are in each docstring and
in ``shared/DOMAIN.md``.

Scale: intensities are on the 0–255 scale unless a docstring says otherwise.
Measures that depend on resolution (sharpness, Tenengrad, noise) are taken on
a working copy whose longest side is at most :data:`WORKING_SIDE` pixels, so
that a 12-megapixel photo and the same photo at 2 megapixels score alike.
Images smaller than that are measured as they are: enlarging would invent
blur, and their size is judged by the pixel-size rule instead.

The product is found without any model: the background colour is the median
of a border strip, pixels that differ from it by more than ``tolerance`` are
the product, and background regions enclosed by the product (a white label, a
blown-out highlight) are given back to the product.

Examples
--------
>>> import numpy as np
>>> image = np.full((100, 100, 3), 255, dtype=np.uint8)
>>> image[20:80, 30:70] = (180, 120, 40)  # an amber jar on white
>>> product_bbox(image)
(30, 20, 70, 80)
>>> fill_ratio(image), background_whiteness(image)
(0.6, 1.0)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from toolkit.i18n import t
from toolkit.photo import _messages  # noqa: F401  (registers the photo.* messages)
from toolkit.photo._load import WORKING_SIDE, _fit, _resize

__all__ = [
    "BORDER",
    "CLIP_FLAT",
    "CLIP_HIGH",
    "CLIP_LOW",
    "MASK_TOLERANCE",
    "WORKING_SIDE",
    "aspect_ratio",
    "background_std",
    "background_whiteness",
    "brightness",
    "centre_offset",
    "colour_cast",
    "colourfulness",
    "exposure_clipping",
    "fill_area_ratio",
    "fill_ratio",
    "grey_world_gains",
    "luma",
    "measure",
    "noise_sigma",
    "pixel_size",
    "product_bbox",
    "product_found",
    "product_mask",
    "rms_contrast",
    "sharpness",
    "tenengrad",
]

#: Width of the border strip taken as background, as a share of the shorter side.
BORDER = 0.05
#: How far (0–255, any channel) a pixel must be from the background colour to be product.
MASK_TOLERANCE = 30.0
#: Longest side of the reduced copy on which the product mask is computed.
_MASK_SIDE = 256
#: Clipping thresholds on max(R, G, B): floor, ceiling, and the flatness of a clipped area.
CLIP_LOW, CLIP_HIGH, CLIP_FLAT = 2.0, 253.0, 3.0
#: A product is not found when more of the border strip than this looks like product.
MAX_BORDER_PRODUCT = 0.3
#: BT.601 luma weights (Pillow ``convert("L")``, OpenCV ``COLOR_RGB2GRAY``).
_BT601 = (0.299, 0.587, 0.114)

BBox = tuple[int, int, int, int]


# --------------------------------------------------------------------------- input


def _as_rgb(image: Any) -> np.ndarray:
    """Validate an image once and return it as float32 RGB on the 0–255 scale."""
    array = np.asarray(getattr(image, "pixels", image))
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise ValueError(t("photo.error.shape", shape=array.shape))
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(t("photo.error.shape", shape=array.shape))
    if array.dtype == np.uint8:
        rgb = array.astype(np.float32)
    elif array.dtype == np.bool_:
        rgb = array.astype(np.float32) * 255.0
    elif array.dtype == np.uint16:
        rgb = array.astype(np.float32) / 257.0
    elif np.issubdtype(array.dtype, np.integer):
        low, high = int(array.min()), int(array.max())
        if low < 0 or high > 255:
            raise ValueError(t("photo.error.int_range", low=low, high=high))
        rgb = array.astype(np.float32)
    elif np.issubdtype(array.dtype, np.floating):
        low, high = float(np.min(array)), float(np.max(array))
        if not (math.isfinite(low) and math.isfinite(high) and low >= 0.0 and high <= 1.0):
            raise ValueError(t("photo.error.range", low=low, high=high))
        rgb = array.astype(np.float32) * 255.0
    else:
        raise ValueError(t("photo.error.dtype", dtype=array.dtype))
    if rgb.ndim == 2:
        return np.repeat(rgb[:, :, None], 3, axis=2)
    if rgb.shape[2] == 4:
        alpha = rgb[:, :, 3:4] / 255.0
        return rgb[:, :, :3] * alpha + 255.0 * (1.0 - alpha)
    return rgb


def _is_photo(image: Any) -> bool:
    return hasattr(image, "pixels") and hasattr(image, "width") and hasattr(image, "height")


def _as_mask(mask: Any, shape: tuple[int, ...]) -> np.ndarray:
    array = np.asarray(mask, dtype=bool)
    if array.shape != tuple(shape[:2]):
        raise ValueError(t("photo.error.mask", expected=tuple(shape[:2]), found=array.shape))
    return array


def _luma(rgb: np.ndarray) -> np.ndarray:
    r, g, b = _BT601
    return rgb[:, :, 0] * r + rgb[:, :, 1] * g + rgb[:, :, 2] * b


def _working_grey(grey: np.ndarray, side: int | None) -> np.ndarray:
    height, width = grey.shape
    if side is None or max(height, width) <= side:
        return grey
    return _resize(grey, _fit(width, height, side))


def _working(image: Any, side: int | None) -> np.ndarray:
    """Validated float32 RGB working copy, reduced to ``side``.

    Large ``uint8`` RGB arrays (what photos are) are reduced before the
    conversion to floats, which saves most of the time and memory.
    """
    array = np.asarray(getattr(image, "pixels", image))
    if (
        side is not None
        and array.dtype == np.uint8
        and array.ndim == 3
        and array.shape[2] == 3
        and max(array.shape[:2]) > side
    ):
        height, width = array.shape[:2]
        return _resize(array, _fit(width, height, side)).astype(np.float32)
    return _working_rgb(_as_rgb(image), side)


def _working_rgb(rgb: np.ndarray, side: int | None) -> np.ndarray:
    height, width = rgb.shape[:2]
    if side is None or max(height, width) <= side:
        return rgb
    pixels = np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
    return _resize(pixels, _fit(width, height, side)).astype(np.float32)


# ------------------------------------------------------------------ size and tone


def pixel_size(image: Any) -> tuple[int, int]:
    """Width and height in pixels.

    Parameters
    ----------
    image : array_like
        Grey ``(h, w)``, RGB ``(h, w, 3)`` or RGBA ``(h, w, 4)`` image.

    Returns
    -------
    tuple of int
        ``(width, height)``, the order in which marketplaces state sizes.

    Examples
    --------
    >>> import numpy as np
    >>> pixel_size(np.zeros((600, 800, 3), dtype=np.uint8))
    (800, 600)
    """
    if _is_photo(image):  # the original size, not that of the working copy
        return int(image.width), int(image.height)
    height, width = _as_rgb(image).shape[:2]
    return int(width), int(height)


def aspect_ratio(image: Any) -> float:
    """Width divided by height (1.0 for a square photo).

    Examples
    --------
    >>> import numpy as np
    >>> aspect_ratio(np.zeros((900, 1200), dtype=np.uint8))
    1.3333333333333333
    """
    width, height = pixel_size(image)
    return width / height


def luma(image: Any) -> np.ndarray:
    """Grey level of each pixel, BT.601 luma: Y = 0.299 R + 0.587 G + 0.114 B.

    These are the weights of Pillow's ``convert("L")`` and OpenCV; note that
    :func:`skimage.color.rgb2gray` uses the BT.709 weights instead.

    Returns
    -------
    numpy.ndarray
        ``(h, w)`` float array on the 0–255 scale.

    Examples
    --------
    >>> import numpy as np
    >>> luma(np.array([[[255, 0, 0], [0, 255, 0]]], dtype=np.uint8)).round(2).tolist()
    [[76.24, 149.68]]
    """
    return _luma(_as_rgb(image).astype(np.float64))


def brightness(image: Any) -> float:
    """Mean luma (0 black … 255 white).

    Notes
    -----
    Brightness = mean(Y) with Y the BT.601 luma (see :func:`luma`).

    Examples
    --------
    >>> import numpy as np
    >>> grey = np.full((4, 4, 3), 200, dtype=np.uint8)
    >>> brightness(grey)
    200.0
    >>> brightness((grey * 0.5).astype(np.uint8))  # half the light
    100.0
    """
    return float(_luma(_as_rgb(image)).mean(dtype=np.float64))


def rms_contrast(image: Any) -> float:
    """Root-mean-square contrast: the standard deviation of luma scaled to [0, 1].

    Notes
    -----
    C = std(Y / 255) (Peli 1990, "Contrast in complex images", JOSA A 7(10)).
    0 for a uniform image, 0.5 for half black and half white.

    Examples
    --------
    >>> import numpy as np
    >>> half = np.zeros((2, 2), dtype=np.uint8)
    >>> half[:, 1] = 255
    >>> rms_contrast(half)
    0.5
    >>> rms_contrast(np.full((2, 2), 90, dtype=np.uint8))
    0.0
    """
    return float((_luma(_as_rgb(image)) / 255.0).std(dtype=np.float64))


# --------------------------------------------------------------------- sharpness


def _laplacian_variance(grey: np.ndarray) -> float:
    if min(grey.shape) < 3:
        return 0.0
    lap = (
        grey[:-2, 1:-1] + grey[2:, 1:-1] + grey[1:-1, :-2] + grey[1:-1, 2:] - 4.0 * grey[1:-1, 1:-1]
    )
    return float(lap.var(dtype=np.float64))


def _tenengrad(grey: np.ndarray) -> float:
    if min(grey.shape) < 3:
        return 0.0
    # Sobel by separable sums: smoothing [1, 2, 1] across, difference [-1, 0, 1] along.
    rows = grey[:-2] + 2.0 * grey[1:-1] + grey[2:]
    cols = grey[:, :-2] + 2.0 * grey[:, 1:-1] + grey[:, 2:]
    gx = rows[:, 2:] - rows[:, :-2]
    gy = cols[2:, :] - cols[:-2, :]
    return float(np.mean(gx * gx + gy * gy, dtype=np.float64))


def _immerkaer(grey: np.ndarray) -> float:
    height, width = grey.shape
    if height < 3 or width < 3:
        return 0.0
    # N = [1, -2, 1]ᵀ [1, -2, 1]: two second differences.
    across = grey[:, :-2] - 2.0 * grey[:, 1:-1] + grey[:, 2:]
    both = across[:-2] - 2.0 * across[1:-1] + across[2:]
    total = float(np.abs(both).sum(dtype=np.float64))
    return math.sqrt(math.pi / 2.0) * total / (6.0 * (width - 2) * (height - 2))


def sharpness(image: Any, *, working_side: int | None = WORKING_SIDE) -> float:
    """Variance of the Laplacian: high for crisp edges, low for blur.

    Parameters
    ----------
    image : array_like
        The image (or the product's region of it).
    working_side : int or None, default :data:`WORKING_SIDE`
        Images larger than this are first reduced (area average) so that the
        longest side equals it; the score then does not depend on the camera's
        resolution. ``None`` measures at full size.

    Returns
    -------
    float
        Var(Y ∗ L) on the 0–255 luma scale; 0.0 for images smaller than 3×3.

    Notes
    -----
    Pech-Pacheco et al. (2000), "Diatom autofocusing in brightfield
    microscopy: a comparative study", ICPR. Kernel
    L = [[0, 1, 0], [1, −4, 1], [0, 1, 0]], applied where it fits (no border
    padding). The common rule of thumb "below 100 is blurry" assumes this
    scale and a working size near 1000 px.

    Examples
    --------
    >>> import numpy as np
    >>> stripes = np.zeros((8, 8), dtype=np.uint8)
    >>> stripes[:, ::2] = 255
    >>> soft = np.tile(np.array([0, 128, 255, 128], dtype=np.uint8), (8, 2))
    >>> sharpness(stripes) > sharpness(soft) > sharpness(np.full((8, 8), 128, np.uint8))
    True
    >>> sharpness(np.full((8, 8), 128, dtype=np.uint8))
    0.0
    """
    return _laplacian_variance(_working_grey(_luma(_working(image, working_side)), working_side))


def tenengrad(image: Any, *, working_side: int | None = WORKING_SIDE) -> float:
    """Tenengrad focus measure: mean squared Sobel gradient magnitude.

    Parameters
    ----------
    image : array_like
        The image.
    working_side : int or None, default :data:`WORKING_SIDE`
        As in :func:`sharpness`.

    Returns
    -------
    float
        mean(Gx² + Gy²) with 3×3 Sobel gradients on 0–255 luma, where the
        kernel fits.

    Notes
    -----
    Tenenbaum (1970), "Accommodation in computer vision", PhD thesis,
    Stanford; the same as ``scipy.ndimage.sobel`` along each axis, squared
    and summed, away from the border.

    Examples
    --------
    >>> import numpy as np
    >>> edge = np.zeros((5, 5), dtype=np.uint8)
    >>> edge[:, 3:] = 255
    >>> tenengrad(edge)
    693600.0
    >>> tenengrad(np.full((5, 5), 7, dtype=np.uint8))
    0.0
    """
    return _tenengrad(_working_grey(_luma(_working(image, working_side)), working_side))


def noise_sigma(image: Any, *, working_side: int | None = WORKING_SIDE) -> float:
    """Standard deviation of the noise, estimated with Immerkær's fast method.

    Parameters
    ----------
    image : array_like
        The image.
    working_side : int or None, default :data:`WORKING_SIDE`
        Measure on a copy reduced to this longest side: noise as the buyer sees
        it on a product page. ``None`` measures at full size.

    Returns
    -------
    float
        σ on the 0–255 luma scale.

    Notes
    -----
    Immerkær (1996), "Fast noise variance estimation", Computer Vision and
    Image Understanding 64(2):
    σ = √(π/2) / (6 (W − 2)(H − 2)) · Σ |Y ∗ N| with
    N = [[1, −2, 1], [−2, 4, −2], [1, −2, 1]]. N cancels flat areas and
    straight ramps; strong edges and fine texture add to the estimate.

    Examples
    --------
    >>> import numpy as np
    >>> flat = np.full((64, 64), 128.0)
    >>> noise_sigma(flat.astype(np.uint8))
    0.0
    >>> rng = np.random.default_rng(0)
    >>> noisy = np.clip(flat + rng.normal(0, 10, flat.shape), 0, 255).astype(np.uint8)
    >>> 8 < noise_sigma(noisy) < 12
    True
    """
    return _immerkaer(_working_grey(_luma(_working(image, working_side)), working_side))


# ------------------------------------------------------------------------- colour


def _colourfulness(rgb: np.ndarray) -> float:
    rg = rgb[:, :, 0] - rgb[:, :, 1]
    yb = 0.5 * (rgb[:, :, 0] + rgb[:, :, 1]) - rgb[:, :, 2]
    spread = math.hypot(float(rg.std(dtype=np.float64)), float(yb.std(dtype=np.float64)))
    centre = math.hypot(float(rg.mean(dtype=np.float64)), float(yb.mean(dtype=np.float64)))
    return spread + 0.3 * centre


def colourfulness(image: Any) -> float:
    """Hasler and Süsstrunk's colourfulness (signed opponent channels).

    Notes
    -----
    rg = R − G, yb = ½ (R + G) − B,
    M = √(σ_rg² + σ_yb²) + 0.3 √(μ_rg² + μ_yb²)
    (Hasler & Süsstrunk 2003, "Measuring colourfulness in natural images",
    Proc. SPIE 5007). Their scale: 0 not colourful, 15 slightly, 33
    moderately, 45 averagely, 59 quite, 82 highly, 109 extremely. This is the
    signed form of the paper; code that takes ``|R − G|`` gives other values.

    Examples
    --------
    >>> import numpy as np
    >>> colourfulness(np.full((4, 4, 3), 120, dtype=np.uint8))  # grey
    0.0
    >>> red = np.zeros((4, 4, 3), dtype=np.uint8)
    >>> red[..., 0] = 255
    >>> round(colourfulness(red), 1)
    85.5
    """
    return _colourfulness(_as_rgb(image))


def _gains(rgb: np.ndarray, background: np.ndarray) -> tuple[float, float, float]:
    pixels = rgb[background] if background.any() else rgb.reshape(-1, 3)
    means = pixels.mean(axis=0, dtype=np.float64)
    grey = float(means.mean())
    if grey <= 0.0:
        return (1.0, 1.0, 1.0)
    return tuple(grey / max(float(m), 1e-6) for m in means)  # type: ignore[return-value]


def _cast(rgb: np.ndarray, background: np.ndarray) -> float:
    pixels = rgb[background] if background.any() else rgb.reshape(-1, 3)
    means = pixels.mean(axis=0, dtype=np.float64)
    grey = float(means.mean())
    if grey <= 0.0:
        return 0.0
    return float(np.abs(means - grey).max() / grey)


def grey_world_gains(image: Any, *, mask: Any = None) -> tuple[float, float, float]:
    """Channel gains that make the background grey (grey-world white balance).

    Parameters
    ----------
    image : array_like
        The image.
    mask : array_like of bool, optional
        Pixels to balance on. By default the background (everything outside
        :func:`product_mask`): the grey-world assumption fails on a one-colour
        product, but holds for a white or grey backdrop.

    Returns
    -------
    tuple of float
        ``(g_R, g_G, g_B)`` = grey / (R̄, Ḡ, B̄), grey = (R̄ + Ḡ + B̄) / 3.

    Examples
    --------
    >>> import numpy as np
    >>> warm = np.empty((4, 4, 3), dtype=np.uint8)
    >>> warm[...] = (240, 220, 200)
    >>> [round(g, 3) for g in grey_world_gains(warm)]
    [0.917, 1.0, 1.1]
    """
    rgb = _as_rgb(image)
    if mask is None:
        reduced = _block_mean(rgb, _mask_factor(rgb.shape))
        return _gains(reduced, ~_mask_from_reduced(reduced))
    return _gains(rgb, _as_mask(mask, rgb.shape))


def colour_cast(image: Any, *, mask: Any = None) -> float:
    """Grey-world colour cast of the background: 0 for neutral, larger when tinted.

    Parameters
    ----------
    image : array_like
        The image.
    mask : array_like of bool, optional
        Pixels to measure; by default the background (outside :func:`product_mask`,
        on the block means of its reduced copy).

    Returns
    -------
    float
        max |C̄ − grey| / grey over the channels C ∈ {R, G, B}, with C̄ the
        channel means and grey their mean.

    Notes
    -----
    Grey-world assumption (Buchsbaum 1980, "A spatial processor model for
    object colour perception", J. Franklin Inst. 310): a neutral scene averages
    to grey. It fails on one-colour scenes, so we measure it on the backdrop.

    Examples
    --------
    >>> import numpy as np
    >>> white = np.full((4, 4, 3), 250, dtype=np.uint8)
    >>> colour_cast(white)
    0.0
    >>> yellowish = white.copy()
    >>> yellowish[..., 2] = 200  # less blue: a warm lamp
    >>> round(colour_cast(yellowish), 3)
    0.143
    """
    rgb = _as_rgb(image)
    if mask is None:
        reduced = _block_mean(rgb, _mask_factor(rgb.shape))
        return _cast(reduced, ~_mask_from_reduced(reduced))
    return _cast(rgb, _as_mask(mask, rgb.shape))


# --------------------------------------------------------------------- background


def _border_width(shape: tuple[int, ...], border: float) -> int:
    return max(1, round(border * min(shape[0], shape[1])))


def _border_pixels(array: np.ndarray, border: float) -> np.ndarray:
    """Pixels of the border strip (top, bottom, left, right), as ``(n, channels)``."""
    b = _border_width(array.shape, border)
    height = array.shape[0]
    if 2 * b >= height or 2 * b >= array.shape[1]:
        return array.reshape(-1, *array.shape[2:])
    parts = (array[:b], array[-b:], array[b:-b, :b], array[b:-b, -b:])
    return np.concatenate([p.reshape(-1, *array.shape[2:]) for p in parts])


def background_whiteness(image: Any, *, border: float = BORDER, level: float = 235.0) -> float:
    """Share of the border strip that is white.

    Measured on block means of the reduced copy used by :func:`product_mask`
    (about 256 px), so that sensor noise does not count as colour.

    Parameters
    ----------
    image : array_like
        The image.
    border : float, default :data:`BORDER`
        Width of the strip as a share of the shorter side.
    level : float, default 235
        A pixel is white when every channel is at least this (0–255). Marketplaces
        ask for pure white (255); a phone photo of white paper reaches about
        240–250, hence 235 *(our choice)*.

    Returns
    -------
    float
        Between 0 (no white) and 1 (all white).

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((20, 20, 3), 250, dtype=np.uint8)
    >>> background_whiteness(image)
    1.0
    >>> image[:10] = (230, 210, 190)  # a wooden table behind the product
    >>> background_whiteness(image)
    0.5
    """
    rgb = _as_rgb(image)
    strip = _border_pixels(_block_mean(rgb, _mask_factor(rgb.shape)), border)
    return float((strip.min(axis=1) >= level).mean())


def background_std(image: Any, *, border: float = BORDER) -> float:
    """Uniformity of the background: standard deviation of luma on the border strip.

    0 for a perfectly even backdrop; clutter, patterns and uneven light raise it.
    Measured on the same reduced copy as :func:`background_whiteness`, so noise
    is averaged away and only the backdrop's own variation counts.

    Parameters
    ----------
    image : array_like
        The image.
    border : float, default :data:`BORDER`
        Width of the strip as a share of the shorter side.

    Returns
    -------
    float
        std(Y) over the strip, 0–255 scale.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((20, 20, 3), 250, dtype=np.uint8)
    >>> background_std(image)
    0.0
    >>> image[::2] = 150  # stripes
    >>> background_std(image)
    50.0
    """
    rgb = _as_rgb(image)
    strip = _border_pixels(_luma(_block_mean(rgb, _mask_factor(rgb.shape))), border)
    return float(strip.std(dtype=np.float64))


# ------------------------------------------------------------------------ product


def _mask_factor(shape: tuple[int, ...]) -> int:
    """Block size that brings the longest side to about :data:`_MASK_SIDE`."""
    return max(1, math.ceil(max(shape[:2]) / _MASK_SIDE))


def _block_mean(rgb: np.ndarray, factor: int) -> np.ndarray:
    """Means of ``factor`` × ``factor`` blocks (partial blocks at the edges), float32 RGB."""
    if factor == 1:
        return rgb
    from PIL import Image

    pixels = rgb if rgb.dtype == np.uint8 else np.clip(rgb + 0.5, 0, 255).astype(np.uint8)
    return np.asarray(Image.fromarray(pixels).reduce(factor), dtype=np.float32)


def _shift_or(mask: np.ndarray) -> np.ndarray:
    """4-neighbour dilation."""
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    out[:, 1:] |= mask[:, :-1]
    out[:, :-1] |= mask[:, 1:]
    return out


def _shift_and(mask: np.ndarray) -> np.ndarray:
    """4-neighbour erosion (outside the image counts as set)."""
    out = mask.copy()
    out[1:] &= mask[:-1]
    out[:-1] &= mask[1:]
    out[:, 1:] &= mask[:, :-1]
    out[:, :-1] &= mask[:, 1:]
    return out


def _mask_small(
    rgb: np.ndarray, *, tolerance: float = MASK_TOLERANCE, border: float = BORDER
) -> tuple[np.ndarray, int]:
    """Product mask on a reduced copy (block means of ``factor`` × ``factor`` pixels)."""
    factor = _mask_factor(rgb.shape)
    return _mask_from_reduced(_block_mean(rgb, factor), tolerance=tolerance, border=border), factor


def _mask_from_reduced(
    small: np.ndarray, *, tolerance: float = MASK_TOLERANCE, border: float = BORDER
) -> np.ndarray:
    background = np.median(_border_pixels(small, border), axis=0)
    foreground = np.abs(small - background).max(axis=2) > tolerance
    foreground = _shift_or(_shift_and(foreground))  # opening: drop isolated specks
    free = ~foreground
    # Background reachable from the border along a straight line…
    outside = (
        np.logical_and.accumulate(free, axis=1)
        | np.logical_and.accumulate(free[:, ::-1], axis=1)[:, ::-1]
        | np.logical_and.accumulate(free, axis=0)
        | np.logical_and.accumulate(free[::-1], axis=0)[::-1]
    )
    # …then around corners; what stays unreached is enclosed by the product.
    for _ in range(max(small.shape[:2])):
        grown = _shift_or(outside) & free
        if np.array_equal(grown, outside):
            break
        outside = grown
    return ~outside


def _bbox_from_small(small: np.ndarray, factor: int, shape: tuple[int, ...]) -> BBox | None:
    rows = np.flatnonzero(small.any(axis=1))
    cols = np.flatnonzero(small.any(axis=0))
    if rows.size == 0:
        return None
    height, width = shape[:2]
    return (
        int(cols[0] * factor),
        int(rows[0] * factor),
        int(min(width, (cols[-1] + 1) * factor)),
        int(min(height, (rows[-1] + 1) * factor)),
    )


def _upscale(small: np.ndarray, factor: int, shape: tuple[int, ...]) -> np.ndarray:
    rows = np.arange(shape[0]) // factor
    cols = np.arange(shape[1]) // factor
    return small[rows][:, cols]


def _product_mask(rgb: np.ndarray, **options: float) -> np.ndarray:
    small, factor = _mask_small(rgb, **options)
    return _upscale(small, factor, rgb.shape)


def product_mask(
    image: Any, *, tolerance: float = MASK_TOLERANCE, border: float = BORDER
) -> np.ndarray:
    """Which pixels belong to the product (``True``) rather than the backdrop.

    Parameters
    ----------
    image : array_like
        The image.
    tolerance : float, default :data:`MASK_TOLERANCE`
        A pixel is product when some channel differs from the background colour
        by more than this (0–255) *(our choice)*.
    border : float, default :data:`BORDER`
        Width of the border strip whose median colour is the background.

    Returns
    -------
    numpy.ndarray
        ``(h, w)`` boolean mask.

    Notes
    -----
    Computed on a copy reduced to about 256 px (block means, which also
    average away noise); specks are removed by a morphological opening, and
    background regions not connected to the image border (a white label, a
    highlight) are counted as product.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((60, 60, 3), 255, dtype=np.uint8)
    >>> image[10:50, 20:40] = (40, 90, 40)  # a green tea tin…
    >>> image[25:35, 25:35] = 255  # …with a white label
    >>> mask = product_mask(image)
    >>> bool(mask[30, 30]), bool(mask[20, 30]), bool(mask[5, 30])
    (True, True, False)
    """
    rgb = _as_rgb(image)
    return _product_mask(rgb, tolerance=tolerance, border=border)


def product_bbox(
    image: Any, *, tolerance: float = MASK_TOLERANCE, border: float = BORDER
) -> BBox | None:
    """Bounding box of the product: ``(left, top, right, bottom)``, right/bottom exclusive.

    Parameters
    ----------
    image : array_like
        The image.
    tolerance, border : float
        As in :func:`product_mask`.

    Returns
    -------
    tuple of int or None
        ``None`` when no product stands out from the background.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((40, 40, 3), 255, dtype=np.uint8)
    >>> print(product_bbox(image))
    None
    >>> image[5:25, 10:30] = (200, 120, 30)
    >>> product_bbox(image)
    (10, 5, 30, 25)
    """
    rgb = _as_rgb(image)
    small, factor = _mask_small(rgb, tolerance=tolerance, border=border)
    return _bbox_from_small(small, factor, rgb.shape)


def _found(small: np.ndarray, border: float = BORDER) -> bool:
    """Whether the reduced mask ``small`` holds a product told apart from the backdrop."""
    if not small.any():
        return False
    rows, cols = small.any(axis=1), small.any(axis=0)
    if (rows[0] and rows[-1]) or (cols[0] and cols[-1]):
        return False  # "product" from edge to edge: the backdrop's own pattern
    return float(_border_pixels(small, border).mean()) <= MAX_BORDER_PRODUCT


def product_found(image: Any, *, tolerance: float = MASK_TOLERANCE, border: float = BORDER) -> bool:
    """Whether a product stands out from a backdrop that can be told apart from it.

    The product is found by its difference from the colour of the border strip
    (:func:`product_mask`). When the strip itself is busy (a checked cloth, a
    wooden table) much of it differs from its own median colour, or "the
    product" runs from one edge of the photo to the opposite one; when
    nothing differs, there is no product to see. In both cases the measures taken on the product (fill,
    centring, clipping) mean nothing and the audit says so.

    Returns
    -------
    bool
        ``True`` when something differs from the backdrop, does not reach two
        opposite edges, and at most :data:`MAX_BORDER_PRODUCT` of the border
        strip looks like product.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((100, 100, 3), 250, dtype=np.uint8)
    >>> product_found(image)
    False
    >>> image[20:80, 30:70] = (180, 120, 40)
    >>> product_found(image)
    True
    >>> image[np.arange(100) % 20 < 8] = (200, 30, 30)  # a striped cloth behind it
    >>> product_found(image)
    False
    """
    rgb = _as_rgb(image)
    small, _ = _mask_small(rgb, tolerance=tolerance, border=border)
    return _found(small, border)


def _fill(bbox: BBox | None, shape: tuple[int, ...]) -> tuple[float, float, float]:
    """(long-axis fill, area fill, centre offset) from a bounding box."""
    if bbox is None:
        return 0.0, 0.0, 0.0
    height, width = shape[:2]
    left, top, right, bottom = bbox
    bw, bh = right - left, bottom - top
    long_axis = max(bw / width, bh / height)
    area = (bw * bh) / (width * height)
    offset = max(abs(left + right - width) / (2 * width), abs(top + bottom - height) / (2 * height))
    return float(long_axis), float(area), float(offset)


def fill_ratio(image: Any, *, tolerance: float = MASK_TOLERANCE, border: float = BORDER) -> float:
    """How much of the frame the product fills along its longest axis.

    Notes
    -----
    With the product's bounding box (bw, bh) in a W × H photo:
    fill = max(bw / W, bh / H). Lazada asks for ≥ 0.8 ("product should cover
    more than 80 % of the canvas on the longest axis"); Amazon ≥ 0.85.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((100, 100, 3), 255, dtype=np.uint8)
    >>> image[10:90, 40:60] = (120, 60, 20)  # a tall bottle
    >>> fill_ratio(image)
    0.8
    """
    rgb = _as_rgb(image)
    small, factor = _mask_small(rgb, tolerance=tolerance, border=border)
    return _fill(_bbox_from_small(small, factor, rgb.shape), rgb.shape)[0]


def fill_area_ratio(
    image: Any, *, tolerance: float = MASK_TOLERANCE, border: float = BORDER
) -> float:
    """Share of the frame's area taken by the product's bounding box: bw · bh / (W · H).

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((100, 100, 3), 255, dtype=np.uint8)
    >>> image[10:90, 40:60] = (120, 60, 20)
    >>> fill_area_ratio(image)
    0.16
    """
    rgb = _as_rgb(image)
    small, factor = _mask_small(rgb, tolerance=tolerance, border=border)
    return _fill(_bbox_from_small(small, factor, rgb.shape), rgb.shape)[1]


def centre_offset(
    image: Any, *, tolerance: float = MASK_TOLERANCE, border: float = BORDER
) -> float:
    """How far the product's centre sits from the photo's centre.

    Notes
    -----
    offset = max(|cx / W − ½|, |cy / H − ½|) with (cx, cy) the centre of the
    product's bounding box: 0 when centred, 0.5 at the edge *(our measure)*.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((100, 100, 3), 255, dtype=np.uint8)
    >>> image[30:70, 60:100] = (30, 30, 30)  # pushed to the right edge
    >>> centre_offset(image)
    0.3
    """
    rgb = _as_rgb(image)
    small, factor = _mask_small(rgb, tolerance=tolerance, border=border)
    return _fill(_bbox_from_small(small, factor, rgb.shape), rgb.shape)[2]


def exposure_clipping(
    image: Any,
    *,
    mask: Any = None,
    low: float = CLIP_LOW,
    high: float = CLIP_HIGH,
    flat: float = CLIP_FLAT,
) -> float:
    """Share of the product's pixels whose detail is lost: blown out or crushed, and flat.

    A pixel has lost its detail when two things hold: its brightest channel
    sits at the ceiling (≥ ``high``) or at the floor (≤ ``low``) of the
    0–255 scale, *and* its 5 × 5 neighbourhood is flat there (the brightest
    channel varies by at most ``flat`` levels). Brightness alone is not
    enough: a white or cream label under good light is bright, yet its paper
    texture, print and shading are all still there.

    Parameters
    ----------
    image : array_like
        The image.
    mask : array_like of bool, optional
        Pixels to measure; by default the product (:func:`product_mask`): a white
        backdrop is 255 by design and must not count as overexposure.
    low, high : float, default 2 and 253
        Floor and ceiling on max(R, G, B) *(our choice: within a few levels of
        0 and 255, where JPEG leaves a clipped area)*.
    flat : float, default 3
        Largest spread of max(R, G, B) in the 5 × 5 neighbourhood of a flat
        pixel *(our choice: about the noise of a phone photo)*.

    Returns
    -------
    float
        Between 0 and 1; 0.0 when the mask is empty.

    Notes
    -----
    With v = max(R, G, B), N(p) the 5 × 5 neighbourhood of p, extreme pixels
    E = {p : v ≥ high or v ≤ low} and flat cores C = {p ∈ E : max_N(p) v −
    min_N(p) v ≤ flat}: clipping = #{p ∈ E ∩ product : N(p) meets C} /
    #product (the cores are grown back by the neighbourhood, so the rim of a
    blown-out patch counts too). A burnt-out patch that touches the backdrop and is as white
    as it cannot be told apart from it by :func:`product_mask`; patches
    inside the product's outline are counted.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((40, 40, 3), 255, dtype=np.uint8)
    >>> image[10:30, 10:30] = (200, 140, 60)
    >>> exposure_clipping(image)
    0.0
    >>> image[15:25, 15:25] = 255  # a burnt-out patch in the middle: bright and flat
    >>> round(exposure_clipping(image), 2)
    0.25

    A near-white label with its paper texture still visible is bright, not clipped:

    >>> rng = np.random.default_rng(0)
    >>> image[15:25, 15:25] = 246 + rng.integers(-4, 5, size=(10, 10, 1))
    >>> exposure_clipping(image)
    0.0
    """
    rgb = _as_rgb(image)
    selected = _product_mask(rgb) if mask is None else _as_mask(mask, rgb.shape)
    return _clipping(rgb, selected, low, high, flat)


def _local_max(values: np.ndarray, radius: int = 2) -> np.ndarray:
    """Maximum over the (2·radius + 1)² neighbourhood of each pixel (edges replicated)."""
    out = values
    for axis in (0, 1):
        pad = [(radius, radius) if a == axis else (0, 0) for a in (0, 1)]
        padded = np.pad(out, pad, mode="edge")
        n = values.shape[axis]
        result = out.copy()
        for shift in range(2 * radius + 1):
            part = [slice(None), slice(None)]
            part[axis] = slice(shift, shift + n)
            np.maximum(result, padded[tuple(part)], out=result)
        out = result
    return out


def _local_range(values: np.ndarray, radius: int = 2) -> np.ndarray:
    """max − min over the (2·radius + 1)² neighbourhood of each pixel (edges replicated)."""
    return _local_max(values, radius) + _local_max(-values, radius)


def _clipping(rgb: np.ndarray, selected: np.ndarray, low: float, high: float, flat: float) -> float:
    count = int(np.count_nonzero(selected))
    if count == 0:
        return 0.0
    value = np.maximum(np.maximum(rgb[:, :, 0], rgb[:, :, 1]), rgb[:, :, 2])
    extreme = ((value <= low) | (value >= high)) & selected
    rows, cols = np.flatnonzero(extreme.any(axis=1)), np.flatnonzero(extreme.any(axis=0))
    if rows.size == 0:
        return 0.0
    # work only around the extreme pixels (few on a good photo); 4 px covers both 5 × 5 passes
    top, bottom = max(0, rows[0] - 4), rows[-1] + 5
    left, right = max(0, cols[0] - 4), cols[-1] + 5
    value, extreme = value[top:bottom, left:right], extreme[top:bottom, left:right]
    # flat cores of clipped areas, grown back to the areas' edges
    core = extreme & (_local_range(value) <= flat)
    clipped = extreme & _local_max(core)
    return float(np.count_nonzero(clipped) / count)


# ------------------------------------------------------------------------ all at once


def measure(image: Any, *, working_side: int | None = WORKING_SIDE) -> dict[str, float | int]:
    """Every metric of the photo at once, sharing the work between them.

    Parameters
    ----------
    image : array_like or Photo
        The image, or a :class:`~toolkit.photo.Photo` from
        :func:`~toolkit.photo.read_photo` (its original width and height are
        reported, not those of its working copy).
    working_side : int or None, default :data:`WORKING_SIDE`
        Size of the working copy (see :func:`sharpness`).

    Returns
    -------
    dict
        ``width``, ``height`` (int) and the floats ``aspect_ratio``,
        ``brightness``, ``rms_contrast``, ``sharpness``, ``tenengrad``,
        ``noise``, ``colourfulness``, ``colour_cast``, ``clipping``,
        ``whiteness``, ``background_std``, ``background_brightness`` (mean
        luma of the border strip), ``fill``, ``fill_area`` and
        ``centre_offset``, and the bool ``product_found`` (:func:`product_found`).

    Notes
    -----
    ``sharpness`` and ``tenengrad`` are measured on the product's bounding
    box, so a sharp product on a large empty backdrop is not called blurred;
    ``noise`` on the whole working copy; ``colour_cast`` on the background;
    ``clipping`` on the product.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.full((100, 100, 3), 255, dtype=np.uint8)
    >>> image[10:90, 30:70] = (150, 90, 30)
    >>> m = measure(image)
    >>> m["width"], m["fill"], m["whiteness"], m["colourfulness"] > 0
    (100, 0.8, 1.0, True)
    """
    work = _working(image, working_side)
    if _is_photo(image):
        width, height = int(image.width), int(image.height)
    else:
        height, width = np.shape(getattr(image, "pixels", image))[:2]
    grey = _luma(work)
    factor = _mask_factor(work.shape)
    source = np.asarray(getattr(image, "pixels", image))
    same = source.dtype == np.uint8 and source.shape == work.shape  # skip a float round trip
    reduced = _block_mean(source if same else work, factor)
    small = _mask_from_reduced(reduced)
    mask = _upscale(small, factor, work.shape)
    bbox = _bbox_from_small(small, factor, work.shape)
    if bbox is not None and min(bbox[2] - bbox[0], bbox[3] - bbox[1]) >= 3:
        rows, cols = slice(bbox[1], bbox[3]), slice(bbox[0], bbox[2])
    else:
        rows, cols = slice(None), slice(None)
    region = grey[rows, cols]
    fill, fill_area, offset = _fill(bbox, work.shape)
    clipping = _clipping(work[rows, cols], mask[rows, cols], CLIP_LOW, CLIP_HIGH, CLIP_FLAT)
    strip = _border_pixels(reduced, BORDER)
    strip_luma = _luma(strip[None])
    return {
        "width": width,
        "height": height,
        "aspect_ratio": width / height,
        "brightness": float(grey.mean(dtype=np.float64)),
        "rms_contrast": float((grey / 255.0).std(dtype=np.float64)),
        "sharpness": _laplacian_variance(region),
        "tenengrad": _tenengrad(region),
        "noise": _immerkaer(grey),
        "colourfulness": _colourfulness(work),
        "colour_cast": _cast(reduced, ~small),
        "clipping": clipping,
        "whiteness": float((strip.min(axis=1) >= 235.0).mean()),
        "background_std": float(strip_luma.std(dtype=np.float64)),
        "background_brightness": float(strip_luma.mean(dtype=np.float64)),
        "product_found": _found(small),
        "fill": fill,
        "fill_area": fill_area,
        "centre_offset": offset,
    }
