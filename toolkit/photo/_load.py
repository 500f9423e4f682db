"""Reading photos the way phones and shops actually produce them.

This module is the only place in the project that imports Pillow, and it
does so lazily, inside the functions, so that ``import toolkit.photo`` stays
fast.

What it handles:

- EXIF orientation (phones store portrait photos sideways and set a flag);
- CMYK, palette, greyscale, 16-bit and transparent images (transparency is
  composited on white, like a marketplace page);
- reduced-size JPEG decoding with :meth:`PIL.Image.Image.draft` (DCT scaling)
  when only a working copy for metrics is needed; the pixel size reported is
  still the original's;
- a guard against decompression bombs (a tiny file that claims billions of
  pixels);
- truncated, corrupt or non-image files, rejected with :class:`PhotoError`
  (a :class:`ValueError`) whose Vietnamese message names the file.
"""

from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Union

import numpy as np

from toolkit.i18n import t
from toolkit.photo import _messages  # noqa: F401  (registers the photo.* messages)

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

__all__ = [
    "IMAGE_SUFFIXES",
    "MAX_PIXELS",
    "WORKING_SIDE",
    "Photo",
    "PhotoError",
    "load_image",
    "read_photo",
]

#: Longest side, in pixels, of the working copy on which metrics are computed.
WORKING_SIDE = 1000
#: Largest image accepted, in pixels (a 108-megapixel phone photo fits).
MAX_PIXELS = 120_000_000
#: File extensions treated as photos when auditing a folder.
IMAGE_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".jpe",
    ".jfif",
    ".png",
    ".webp",
    ".bmp",
    ".gif",
    ".tif",
    ".tiff",
    ".heic",
    ".heif",
    ".avif",
)
#: EXIF tag holding the orientation flag.
_ORIENTATION = 0x0112

PathOrFile = Union[str, "os.PathLike[str]", IO[bytes]]


class PhotoError(ValueError):
    """A file that cannot be read as a photo.

    Parameters
    ----------
    message : str
        Vietnamese (or, with ``HOCSO_LANG=en``, English) explanation naming the file.
    path : str
        The file concerned.
    reason : str
        Machine-readable cause: ``"empty"``, ``"not_image"``, ``"truncated"``,
        ``"too_large"`` or ``"unsupported"``.
    """

    def __init__(self, message: str, *, path: str, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Photo:
    """A decoded photo: pixels plus what the file says about itself.

    Attributes
    ----------
    pixels : numpy.ndarray
        ``(height, width, 3)`` ``uint8`` RGB pixels, upright, transparency on
        white. When the photo was read with ``max_side``, this is the reduced
        working copy, not the full-size image.
    width, height : int
        Size of the original photo in pixels, after EXIF rotation.
    name : str
        File name (or ``"ảnh"`` for in-memory images).
    format : str or None
        Pillow's format name (``"JPEG"``, ``"PNG"``…); ``None`` for arrays.
    file_size : int or None
        Size of the file in bytes; ``None`` when there is no file.
    """

    pixels: np.ndarray = field(repr=False, compare=False)
    width: int
    height: int
    name: str = "ảnh"
    format: str | None = None
    file_size: int | None = None

    @property
    def scale(self) -> float:
        """Width of :attr:`pixels` divided by the original width (1.0 when full size)."""
        return self.pixels.shape[1] / self.width


def _name_of(source: Any) -> str:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return str(getattr(source, "name", None) or "ảnh")


def _error(reason: str, name: str, **fields: object) -> PhotoError:
    return PhotoError(t(f"photo.error.{reason}", name=name, **fields), path=name, reason=reason)


def _open(source: PathOrFile, name: str, max_pixels: int) -> Image.Image:
    """Open (header only) with our own decompression-bomb guard."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(t("photo.error.missing", name=str(path)))
        if path.stat().st_size == 0:
            raise _error("empty", name)
    try:
        with warnings.catch_warnings():
            # We apply our own limit below, with a Vietnamese message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(source)
    except Image.DecompressionBombError as exc:
        raise _error("too_large", name, pixels="> 179", limit=_millions(max_pixels)) from exc
    except UnidentifiedImageError as exc:
        raise _error("not_image", name) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise _error("truncated", name, detail=str(exc)) from exc
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise _error(
            "too_large", name, pixels=_millions(width * height), limit=_millions(max_pixels)
        )
    return image


def _millions(pixels: int) -> str:
    from toolkit.vn import format_number

    return format_number(pixels / 1e6, decimals=1)


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(_ORIENTATION, 1))
    except Exception:  # a broken EXIF block must not make the photo unreadable
        return 1


def _to_rgb(image: Image.Image, name: str) -> np.ndarray:
    """Convert any Pillow mode to an ``uint8`` RGB array, alpha composited on white."""
    mode = image.mode
    if mode in {"I", "F"} or mode.startswith("I;16"):
        grey = np.asarray(image).astype(np.float64)
        if mode.startswith("I;16") or (mode == "I" and grey.max(initial=0) > 255):
            grey = grey / 257.0  # 16-bit → 8-bit, 65535 ↦ 255
        grey = np.clip(np.rint(grey), 0, 255).astype(np.uint8)
        return np.repeat(grey[:, :, None], 3, axis=2)
    has_alpha = mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info
    try:
        if has_alpha:
            rgba = np.asarray(image.convert("RGBA"), dtype=np.float32)
            alpha = rgba[:, :, 3:4] / 255.0
            rgb = rgba[:, :, :3] * alpha + 255.0 * (1.0 - alpha)
            return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
        return np.asarray(image.convert("RGB"))
    except ValueError as exc:  # modes Pillow cannot convert (e.g. LAB without a profile)
        raise _error("unsupported", name, mode=mode) from exc


def _resize(pixels: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Area-average resize of an ``uint8`` RGB array or a float grey array to ``(w, h)``."""
    from PIL import Image

    if pixels.ndim == 2:
        image = Image.fromarray(np.ascontiguousarray(pixels, dtype=np.float32))
        return np.asarray(image.resize(size, Image.Resampling.BOX), dtype=np.float32)
    image = Image.fromarray(np.ascontiguousarray(pixels, dtype=np.uint8))
    return np.asarray(image.resize(size, Image.Resampling.BOX))


def _fit(width: int, height: int, max_side: int) -> tuple[int, int]:
    """Size with longest side ``max_side`` and the same aspect ratio."""
    scale = max_side / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _reduce(pixels: np.ndarray, max_side: int | None) -> np.ndarray:
    height, width = pixels.shape[:2]
    if max_side is None or max(width, height) <= max_side:
        return pixels
    return _resize(pixels, _fit(width, height, max_side))


def read_photo(
    source: PathOrFile | Image.Image,
    *,
    max_side: int | None = WORKING_SIDE,
    max_pixels: int = MAX_PIXELS,
) -> Photo:
    """Read a photo file into a :class:`Photo` (pixels plus original size and file facts).

    Parameters
    ----------
    source : path, binary file or PIL.Image.Image
        The photo.
    max_side : int or None, default :data:`WORKING_SIDE`
        Reduce the pixels so that their longest side is at most this many
        pixels (JPEG files are then decoded at reduced size, which is several
        times faster than a full decode). ``None`` keeps the full size.
    max_pixels : int, default :data:`MAX_PIXELS`
        Refuse images with more pixels than this (decompression bombs).

    Returns
    -------
    Photo

    Raises
    ------
    FileNotFoundError
        If the path does not exist.
    PhotoError
        If the file is empty, not an image, truncated or corrupt, too large,
        or in a colour mode that cannot be converted. The message names the file.

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> buffer = io.BytesIO()
    >>> Image.new("RGB", (4000, 3000), (200, 150, 100)).save(buffer, "JPEG")
    >>> _ = buffer.seek(0)
    >>> photo = read_photo(buffer)
    >>> photo.width, photo.height, photo.pixels.shape, photo.format
    (4000, 3000, (750, 1000, 3), 'JPEG')
    """
    from PIL import Image, ImageOps

    if isinstance(source, Image.Image):
        image, file_size, own = source, None, False
        name = _name_of(getattr(source, "filename", "") or "ảnh")
        image_format = source.format
    else:
        name = _name_of(source)
        image = _open(source, name, max_pixels)
        file_size = Path(source).stat().st_size if isinstance(source, (str, os.PathLike)) else None
        image_format, own = image.format, True
    try:
        orientation = _orientation(image)
        width, height = image.size
        if orientation in {5, 6, 7, 8}:
            width, height = height, width
        if own and max_side is not None and image.format == "JPEG" and max(image.size) > max_side:
            # DCT scaling: the decoder produces 1/2, 1/4 or 1/8 of the size directly,
            # never smaller than requested.
            scale = max_side / max(image.size)
            image.draft("RGB", (math.ceil(image.size[0] * scale), math.ceil(image.size[1] * scale)))
        try:
            image.load()
            upright = ImageOps.exif_transpose(image)
        except (OSError, SyntaxError, ValueError, IndexError) as exc:
            raise _error("truncated", name, detail=str(exc)) from exc
        pixels = _to_rgb(upright, name)
    finally:
        if own:
            image.close()
    return Photo(
        pixels=_reduce(pixels, max_side),
        width=width,
        height=height,
        name=name,
        format=image_format,
        file_size=file_size,
    )


def load_image(
    source: PathOrFile | Image.Image,
    *,
    max_side: int | None = None,
    max_pixels: int = MAX_PIXELS,
) -> np.ndarray:
    """Read a photo as an ``uint8`` RGB numpy array (upright, transparency on white).

    Parameters
    ----------
    source : path, binary file or PIL.Image.Image
        The photo.
    max_side : int, optional
        Reduce the image so that its longest side is at most this many pixels.
        By default the full size is kept.
    max_pixels : int, default :data:`MAX_PIXELS`
        Refuse images with more pixels than this.

    Returns
    -------
    numpy.ndarray
        ``(height, width, 3)`` array of ``uint8``.

    Raises
    ------
    FileNotFoundError, PhotoError
        As :func:`read_photo`.

    Examples
    --------
    >>> from PIL import Image
    >>> pixels = load_image(Image.new("LA", (3, 2), (0, 0)))  # fully transparent
    >>> pixels.shape, int(pixels.min())
    ((2, 3, 3), 255)
    """
    return read_photo(source, max_side=max_side, max_pixels=max_pixels).pixels
