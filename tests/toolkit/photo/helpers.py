"""Helpers shared by the photo tests: synthetic photos and broken files."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np


def product_on_white(
    size: tuple[int, int] = (400, 400),
    box: tuple[int, int, int, int] = (120, 40, 280, 360),
    colour: tuple[int, int, int] = (150, 80, 20),
    background: tuple[int, int, int] = (250, 250, 250),
) -> np.ndarray:
    """A flat product rectangle ``box`` = (left, top, right, bottom) on a plain backdrop."""
    width, height = size
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[...] = background
    left, top, right, bottom = box
    image[top:bottom, left:right] = colour
    return image


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that claims ``width`` × ``height`` pixels but holds almost nothing (a bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 16)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return path


def add_noise(image: np.ndarray, sigma: float, *, seed: int = 0) -> np.ndarray:
    """Gaussian noise of ``sigma`` (0–255 scale), same on every channel, clipped to uint8."""
    rng = np.random.default_rng(seed)
    noise = rng.normal(0.0, sigma, image.shape[:2])[:, :, None]
    return np.clip(np.rint(image.astype(np.float64) + noise), 0, 255).astype(np.uint8)


def gaussian_blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """Blur each channel with scipy (the reference implementation)."""
    from scipy import ndimage

    if sigma == 0:
        return image
    out = ndimage.gaussian_filter(image.astype(np.float64), sigma=(sigma, sigma, 0))
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)
