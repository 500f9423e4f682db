"""The renderer of the sample photos: drawing primitives, products, backdrops, defects.

:func:`render` turns a recipe of :mod:`toolkit.photo._samples` (a
:class:`~toolkit.photo._samples.Sample`: product, backdrop, defect, size,
seed) into pixels, deterministically; ``_samples`` encodes, writes and checks
the shipped files. Kept apart so the catalogue of samples stays short to read.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence

import numpy as np

from toolkit.photo._samples import Sample, _sample

__all__ = ["render"]


# ============================================================================ drawing

Colour = tuple[float, float, float]


def _rgb(hex_colour: str) -> np.ndarray:
    value = int(hex_colour.lstrip("#"), 16)
    return np.array([(value >> 16) & 255, (value >> 8) & 255, value & 255], dtype=np.float32)


class _Canvas:
    """A float RGB image with anti-aliased shape painting in local windows."""

    def __init__(self, pixels: np.ndarray) -> None:
        self.pixels = pixels
        self.height, self.width = pixels.shape[:2]

    def window(self, x0: float, y0: float, x1: float, y1: float, pad: float = 2.0):
        """Slices and pixel-centre coordinate grids covering a box."""
        c0 = max(0, math.floor(x0 - pad))
        r0 = max(0, math.floor(y0 - pad))
        c1 = min(self.width, math.ceil(x1 + pad))
        r1 = min(self.height, math.ceil(y1 + pad))
        if c1 <= c0 or r1 <= r0:
            return None
        ys = np.arange(r0, r1, dtype=np.float32) + 0.5
        xs = np.arange(c0, c1, dtype=np.float32) + 0.5
        return (slice(r0, r1), slice(c0, c1)), xs[None, :], ys[:, None]

    def paint(
        self,
        box: tuple[float, float, float, float],
        sdf: Callable[[np.ndarray, np.ndarray], np.ndarray],
        colour: Colour | np.ndarray | Callable[[np.ndarray, np.ndarray], np.ndarray],
        *,
        opacity: float = 1.0,
        softness: float = 1.0,
    ) -> None:
        win = self.window(*box, pad=2.0 + 2 * softness)
        if win is None:
            return
        (rows, cols), xs, ys = win
        coverage = np.clip(0.5 - sdf(xs, ys) / softness, 0.0, 1.0) * opacity
        if callable(colour):
            paint = colour(xs, ys)
        else:
            paint = np.asarray(colour, dtype=np.float32)
        target = self.pixels[rows, cols]
        cov = coverage[:, :, None]
        target[...] = target * (1.0 - cov) + paint * cov

    def shade(
        self,
        box: tuple[float, float, float, float],
        sdf: Callable[[np.ndarray, np.ndarray], np.ndarray],
        factor: Callable[[np.ndarray, np.ndarray], np.ndarray] | float,
        *,
        softness: float = 1.0,
    ) -> None:
        """Multiply the pixels under a shape by ``factor`` (shadows, shading)."""
        win = self.window(*box, pad=2.0 + 2 * softness)
        if win is None:
            return
        (rows, cols), xs, ys = win
        coverage = np.clip(0.5 - sdf(xs, ys) / softness, 0.0, 1.0)
        f = factor(xs, ys) if callable(factor) else factor
        f = np.asarray(f, dtype=np.float32)
        if f.ndim == 2:
            f = f[:, :, None]
        target = self.pixels[rows, cols]
        cov = coverage[:, :, None]
        target[...] = target * (1.0 - cov + cov * f)


def _rounded_rect(cx: float, cy: float, hw: float, hh: float, r: float):
    r = min(r, hw, hh)

    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        qx = np.abs(x - cx) - (hw - r)
        qy = np.abs(y - cy) - (hh - r)
        outside = np.hypot(np.maximum(qx, 0.0), np.maximum(qy, 0.0))
        inside = np.minimum(np.maximum(qx, qy), 0.0)
        return outside + inside - r

    return (cx - hw, cy - hh, cx + hw, cy + hh), sdf


def _ellipse(cx: float, cy: float, a: float, b: float, angle: float = 0.0):
    cos, sin = math.cos(angle), math.sin(angle)
    extent = max(a, b)

    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        dx, dy = x - cx, y - cy
        u = dx * cos + dy * sin
        v = -dx * sin + dy * cos
        return (np.sqrt((u / a) ** 2 + (v / b) ** 2) - 1.0) * min(a, b)

    return (cx - extent, cy - extent, cx + extent, cy + extent), sdf


def _polygon(points: Sequence[tuple[float, float]]):
    """Convex polygon (points counter-clockwise in image coordinates or clockwise)."""
    pts = np.asarray(points, dtype=np.float32)
    centre = pts.mean(axis=0)
    edges = []
    for (x0, y0), (x1, y1) in zip(pts, np.roll(pts, -1, axis=0), strict=True):
        nx, ny = y1 - y0, -(x1 - x0)
        norm = math.hypot(nx, ny)
        nx, ny = nx / norm, ny / norm
        if (centre[0] - x0) * nx + (centre[1] - y0) * ny > 0:  # make normals point outwards
            nx, ny = -nx, -ny
        edges.append((x0, y0, nx, ny))

    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        out = None
        for x0, y0, nx, ny in edges:
            d = (x - x0) * nx + (y - y0) * ny
            out = d if out is None else np.maximum(out, d)
        return out

    box = (pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max())
    return tuple(float(v) for v in box), sdf


def _star(cx: float, cy: float, outer: float, inner: float, points: int = 5):
    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        dx, dy = x - cx, y - cy
        rho = np.hypot(dx, dy)
        theta = np.arctan2(dx, -dy)  # 0 at the top
        sector = 2 * math.pi / points
        phase = np.abs(((theta % sector) / sector) * 2.0 - 1.0)  # 1 at tips, 0 between
        radius = inner + (outer - inner) * phase**1.5
        return rho - radius

    return (cx - outer, cy - outer, cx + outer, cy + outer), sdf


def _intersect(a, b):
    (box_a, sdf_a), (_, sdf_b) = a, b

    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.maximum(sdf_a(x, y), sdf_b(x, y))

    return box_a, sdf


def _union(a, b):
    (box_a, sdf_a), (box_b, sdf_b) = a, b
    box = (
        min(box_a[0], box_b[0]),
        min(box_a[1], box_b[1]),
        max(box_a[2], box_b[2]),
        max(box_a[3], box_b[3]),
    )

    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.minimum(sdf_a(x, y), sdf_b(x, y))

    return box, sdf


def _cylinder(base: np.ndarray, cx: float, hw: float, *, gloss: float = 0.0, ambient=0.62):
    """Colour function of a vertical cylinder lit from the front-left."""

    def colour(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        u = np.clip((x - cx) / max(hw, 1.0), -1.0, 1.0)
        light = ambient + (1.0 - ambient) * np.sqrt(1.0 - u * u) * (1.0 - 0.25 * u)
        out = base[None, None, :] * light[:, :, None]
        if gloss:
            spec = gloss * np.exp(-(((u + 0.5) / 0.09) ** 2))
            out = out + (255.0 - out) * spec[:, :, None]
        return np.broadcast_to(out, (y.shape[0], x.shape[1], 3))

    return colour


def _flat(base: np.ndarray, cx: float, hw: float, *, amount: float = 0.12):
    """Colour function of a slightly curved flat surface (bags, labels)."""

    def colour(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        u = np.clip((x - cx) / max(hw, 1.0), -1.0, 1.0)
        light = 1.0 - amount * (u * u) - 0.04 * u
        out = base[None, None, :] * light[:, :, None]
        return np.broadcast_to(out, (y.shape[0], x.shape[1], 3))

    return colour


# ---------------------------------------------------------------------- bitmap font

_GLYPHS = {
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "C": (".####", "#....", "#....", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "Đ": (".###.", ".#..#", ".#..#", "###.#", ".#..#", ".#..#", ".###."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "G": (".####", "#....", "#....", "#..##", "#...#", "#...#", ".###."),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "I": (".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "Q": (".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "X": ("#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    " ": (".....",) * 7,
}
_MARKS_ABOVE = {
    "\u0302": ("..#..", ".#.#."),  # circumflex
    "\u0306": ("#...#", ".###."),  # breve
    "\u0301": ("...#.", "..#.."),  # acute
    "\u0300": (".#...", "..#.."),  # grave
    "\u0303": (".##.#", "#..#."),  # tilde
    "\u0309": (".##..", "..#.."),  # hook above
}
_DOT_BELOW = "\u0323"
_HORN = "\u031b"
_CELL_W, _CELL_H, _TOP = 6, 14, 5  # glyph cell: 5 rows of marks, 7 of letter, 2 below


def _text_bitmap(text: str) -> np.ndarray:
    """Bitmap (rows × columns of 0/1) of an upper-case Vietnamese text."""
    chars = [c for c in unicodedata.normalize("NFC", text.upper())]
    bitmap = np.zeros((_CELL_H, _CELL_W * len(chars)), dtype=np.float32)
    for i, char in enumerate(chars):
        base = char if char in _GLYPHS else unicodedata.normalize("NFD", char)[0]
        marks = "" if char in _GLYPHS else unicodedata.normalize("NFD", char)[1:]
        x0 = i * _CELL_W
        for r, row in enumerate(_GLYPHS.get(base, _GLYPHS[" "])):
            for c, bit in enumerate(row):
                if bit == "#":
                    bitmap[_TOP + r, x0 + c] = 1.0
        level, shift = _TOP - 3, 0
        for mark in marks:
            if mark in _MARKS_ABOVE:
                for r, row in enumerate(_MARKS_ABOVE[mark]):
                    for c, bit in enumerate(row):
                        if bit == "#" and x0 + c + shift < bitmap.shape[1]:
                            bitmap[level + r, x0 + c + shift] = 1.0
                # a tone mark after a circumflex sits above it and to the right
                level, shift = level - 2, (1 if mark == "\u0302" else 0)
            elif mark == _DOT_BELOW:
                bitmap[_TOP + 8, x0 + 2] = 1.0
            elif mark == _HORN:
                bitmap[_TOP - 1, x0 + 5] = 1.0
                bitmap[_TOP, x0 + 4] = 1.0
    return bitmap[:, : _CELL_W * len(chars) - 1]


def _draw_text(
    canvas: _Canvas, text: str, cx: float, cy: float, width: float, colour: np.ndarray
) -> float:
    """Draw text centred at (cx, cy) fitting ``width``; returns the pixel size used."""
    bitmap = _text_bitmap(text)
    rows, cols = bitmap.shape
    px = width / cols
    x0, y0 = cx - cols * px / 2, cy - rows * px / 2
    win = canvas.window(x0, y0, x0 + cols * px, y0 + rows * px, pad=1.0)
    if win is None:
        return px
    (rs, cs), xs, ys = win
    # Coverage by 4×4 supersampling of the bitmap, each dot grown by 0.15 of a cell
    # on every side so that strokes look bold and slightly rounded.
    padded = np.pad(bitmap, 1)
    cov = np.zeros((ys.shape[0], xs.shape[1]), dtype=np.float32)
    for oy in (-0.375, -0.125, 0.125, 0.375):
        for ox in (-0.375, -0.125, 0.125, 0.375):
            u = (xs + ox - x0) / px + 1.0
            v = (ys + oy - y0) / px + 1.0
            hit = np.zeros_like(cov)
            for du, dv in ((-0.15, 0.0), (0.15, 0.0), (0.0, -0.15), (0.0, 0.15)):
                uu = np.clip(np.floor(u + du).astype(int), 0, cols + 1)
                vv = np.clip(np.floor(v + dv).astype(int), 0, rows + 1)
                hit = np.maximum(hit, padded[vv, uu])
            cov += hit
    cov = (cov / 16.0)[:, :, None]
    target = canvas.pixels[rs, cs]
    target[...] = target * (1.0 - cov) + colour * cov
    return px


def _text_lines(canvas: _Canvas, cx: float, top: float, width: float, n: int, colour) -> None:
    """Grey bars that read as small print (ingredients, weight)."""
    height = max(1.5, width * 0.035)
    for i in range(n):
        w = width * (0.9 - 0.18 * (i % 2))
        y = top + i * height * 2.2
        box, sdf = _rounded_rect(cx, y, w / 2, height / 2, height / 2)
        canvas.paint(box, sdf, colour, opacity=0.8)


def _ocop_badge(canvas: _Canvas, cx: float, cy: float, r: float) -> None:
    box, sdf = _ellipse(cx, cy, r, r)
    canvas.paint(box, sdf, _rgb("#c8102e"))
    box, sdf = _star(cx, cy, r * 0.72, r * 0.3)
    canvas.paint(box, sdf, _rgb("#ffd24a"))


# ---------------------------------------------------------------------- products
# Each drawer gets the product's box (left, top, width, height) and a seeded rng.

ASPECT = {
    "mat-ong": 0.74,
    "tra": 0.6,
    "ca-phe": 0.7,
    "gao": 0.72,
    "nuoc-mam": 0.34,
    "xoai-say": 0.72,
    "que": 0.66,
    "hat-dieu": 0.95,
    "mat-ong-nhan": 0.74,
    "tra-hop-trang": 0.78,
    "mat-ong-chai": 0.5,
    "ca-phe-hop-den": 0.86,
}


def _honey(c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator) -> None:
    cx = x + w / 2
    body_top = y + 0.15 * h
    box, sdf = _rounded_rect(cx, (body_top + y + h) / 2, w / 2, (y + h - body_top) / 2, 0.14 * w)
    honey = _rgb("#c9780f")

    def body(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        base = _cylinder(honey, cx, w / 2, gloss=0.55, ambient=0.55)(xs, ys)
        depth = 1.0 - 0.35 * np.clip((ys - body_top) / (y + h - body_top), 0, 1)
        return base * depth[:, :, None]

    c.paint(box, sdf, body)
    # lid with ridges
    box, sdf = _rounded_rect(cx, y + 0.08 * h, 0.43 * w, 0.075 * h, 0.02 * w)
    gold = _rgb("#c9a23a")

    def lid(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        base = _cylinder(gold, cx, 0.43 * w, gloss=0.35)(xs, ys)
        ridges = 0.88 + 0.12 * (np.sin((xs - cx) / (0.012 * w)) > 0)
        return base * ridges[:, :, None]

    c.paint(box, sdf, lid)
    # label
    top, bottom = y + 0.4 * h, y + 0.86 * h
    box, sdf = _rounded_rect(cx, (top + bottom) / 2, 0.44 * w, (bottom - top) / 2, 0.02 * w)
    c.paint(box, sdf, _flat(_rgb("#f2e5cb"), cx, 0.5 * w, amount=0.25))
    _, sdf2 = _rounded_rect(cx, (top + bottom) / 2, 0.41 * w, (bottom - top) / 2 - 0.03 * w, 0)

    def ring(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        return np.abs(sdf2(xs, ys)) - 0.006 * w

    c.paint(box, ring, _rgb("#8a4b0b"))
    _draw_text(c, "MẬT ONG", cx, top + 0.34 * (bottom - top), 0.66 * w, _rgb("#6b3a06"))
    _ocop_badge(c, cx, top + 0.13 * (bottom - top), 0.05 * w)
    _text_lines(c, cx, top + 0.62 * (bottom - top), 0.5 * w, 4, _rgb("#a07a4a"))


def _tea(c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator) -> None:
    cx = x + w / 2
    green = _rgb("#2f7d4a")
    box, sdf = _rounded_rect(cx, y + 0.55 * h, w / 2, 0.45 * h, 0.03 * w)
    c.paint(box, sdf, _cylinder(green, cx, w / 2, gloss=0.25))
    box, sdf = _rounded_rect(cx, y + 0.06 * h, 0.5 * w, 0.06 * h, 0.04 * w)
    c.paint(box, sdf, _cylinder(_rgb("#1f4f30"), cx, w / 2, gloss=0.3))
    box, sdf = _rounded_rect(cx, y + 0.125 * h, 0.5 * w, 0.012 * h, 0.0)
    c.paint(box, sdf, _cylinder(_rgb("#d4b04c"), cx, w / 2, gloss=0.4))
    top, bottom = y + 0.34 * h, y + 0.78 * h
    box, sdf = _rounded_rect(cx, (top + bottom) / 2, 0.5 * w, (bottom - top) / 2, 0)
    c.paint(box, sdf, _cylinder(_rgb("#f3efd8"), cx, w / 2, ambient=0.75))
    _draw_text(c, "TRÀ XANH", cx, top + 0.28 * (bottom - top), 0.78 * w, _rgb("#1f5f34"))
    for i, angle in enumerate((-0.6, 0.0, 0.6)):
        lx = cx + (i - 1) * 0.16 * w
        box, sdf = _ellipse(lx, top + 0.62 * (bottom - top), 0.06 * w, 0.13 * w, angle)
        c.paint(box, sdf, _rgb("#4c9a3c"))
        box, sdf = _rounded_rect(lx, top + 0.62 * (bottom - top), 0.004 * w, 0.1 * w, 0)
        c.paint(box, sdf, _rgb("#2d6b25"), opacity=0.7)
    _ocop_badge(c, cx + 0.3 * w, top + 0.86 * (bottom - top), 0.06 * w)


def _pouch(
    c: _Canvas,
    x: float,
    y: float,
    w: float,
    h: float,
    colour: np.ndarray,
    *,
    seal: np.ndarray,
    texture: np.ndarray | None = None,
) -> tuple[float, float]:
    """A stand-up pouch; returns its centre x and the seal's bottom y."""
    cx = x + w / 2
    points = [
        (x + 0.04 * w, y + 0.06 * h),
        (x + 0.96 * w, y + 0.06 * h),
        (x + w, y + h),
        (x, y + h),
    ]
    box, sdf = _polygon(points)
    base = _flat(colour, cx, w / 2, amount=0.3)

    def body(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        out = base(xs, ys)
        if texture is not None:
            r0 = int(max(0, ys[0, 0] - 0.5))
            c0 = int(max(0, xs[0, 0] - 0.5))
            tex = texture[r0 : r0 + ys.shape[0], c0 : c0 + xs.shape[1]]
            out = out * tex[:, :, None]
        # bottom gusset shadow
        g = 1.0 - 0.18 * np.clip((ys - (y + 0.9 * h)) / (0.1 * h), 0, 1)
        return out * g[:, :, None]

    c.paint(box, sdf, body)
    box, sdf = _rounded_rect(cx, y + 0.07 * h, 0.47 * w, 0.05 * h, 0.01 * w)

    def seal_colour(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        lines = 0.9 + 0.1 * (np.sin((ys - y) / (0.004 * h)) > 0)
        return _flat(seal, cx, w / 2)(xs, ys) * lines[:, :, None]

    c.paint(box, sdf, seal_colour)
    return cx, y + 0.12 * h


def _paper_texture(shape: tuple[int, int], rng: np.random.Generator, amount: float) -> np.ndarray:
    coarse = rng.normal(0.0, 1.0, (shape[0] // 8 + 2, shape[1] // 8 + 2)).astype(np.float32)
    coarse = np.kron(coarse, np.ones((8, 8), dtype=np.float32))[: shape[0], : shape[1]]
    coarse = _box_blur(coarse, 6)
    fine = rng.normal(0.0, 1.0, shape).astype(np.float32)
    return 1.0 + amount * (0.6 * coarse / max(float(coarse.std()), 1e-6) + 0.4 * fine)


def _coffee(c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator) -> None:
    texture = _paper_texture((c.height, c.width), rng, 0.05)
    cx, seal_bottom = _pouch(c, x, y, w, h, _rgb("#4a3226"), seal=_rgb("#2e1f18"), texture=texture)
    box, sdf = _ellipse(cx + 0.3 * w, seal_bottom + 0.08 * h, 0.045 * w, 0.045 * w)
    c.paint(box, sdf, _rgb("#1d1410"))
    box, sdf = _ellipse(cx + 0.3 * w, seal_bottom + 0.08 * h, 0.02 * w, 0.02 * w)
    c.paint(box, sdf, _rgb("#6b5444"))
    top, bottom = y + 0.3 * h, y + 0.8 * h
    box, sdf = _rounded_rect(cx, (top + bottom) / 2, 0.36 * w, (bottom - top) / 2, 0.03 * w)
    c.paint(box, sdf, _flat(_rgb("#d9b98a"), cx, 0.5 * w))
    _draw_text(c, "CÀ PHÊ", cx, top + 0.2 * (bottom - top), 0.56 * w, _rgb("#3a2418"))
    for i in range(3):
        bx = cx + (i - 1) * 0.15 * w
        by = top + 0.52 * (bottom - top)
        box, sdf = _ellipse(bx, by, 0.055 * w, 0.075 * w, 0.4 * (i - 1))
        c.paint(box, sdf, _cylinder(_rgb("#5c3a22"), bx, 0.055 * w, gloss=0.2))
        box, sdf = _ellipse(bx, by, 0.008 * w, 0.06 * w, 0.4 * (i - 1))
        c.paint(box, sdf, _rgb("#2a180d"))
    _text_lines(c, cx, top + 0.78 * (bottom - top), 0.4 * w, 3, _rgb("#7a5c44"))


def _rice(c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator) -> None:
    cx = x + w / 2
    box, sdf = _rounded_rect(cx, y + h / 2, w / 2, h / 2, 0.12 * w)
    c.paint(box, sdf, _flat(_rgb("#bfe0a2"), cx, w / 2, amount=0.35))
    for band_y, colour in ((0.14, "#2e7d32"), (0.86, "#2e7d32")):
        box, sdf = _rounded_rect(cx, y + band_y * h, 0.5 * w, 0.05 * h, 0.0)
        clipped = _intersect((box, sdf), _rounded_rect(cx, y + h / 2, w / 2, h / 2, 0.12 * w))
        c.paint(clipped[0], clipped[1], _flat(_rgb(colour), cx, w / 2, amount=0.35))
    _draw_text(c, "GẠO ST25", cx, y + 0.3 * h, 0.74 * w, _rgb("#b71c1c"))
    # window with grains of rice
    wx, wy, wa, wb = cx, y + 0.6 * h, 0.3 * w, 0.16 * h
    box, sdf = _ellipse(wx, wy, wa, wb)
    c.paint(box, sdf, _rgb("#d8d4c4"))
    n = 420
    gx = rng.uniform(-1, 1, n)
    gy = rng.uniform(-1, 1, n)
    keep = gx**2 + gy**2 < 0.85
    angles = rng.uniform(0, math.pi, n)
    tones = rng.uniform(0.9, 1.0, n)
    size = 0.022 * w
    for px, py, angle, tone in zip(gx[keep], gy[keep], angles[keep], tones[keep], strict=True):
        gbox, gsdf = _ellipse(wx + px * wa, wy + py * wb, size, size * 0.42, angle)
        c.paint(gbox, gsdf, _rgb("#ece8da") * tone)
    ring_box, ring_sdf = _ellipse(wx, wy, wa, wb)
    c.paint(ring_box, lambda xs, ys: np.abs(ring_sdf(xs, ys)) - 0.006 * w, _rgb("#2e7d32"))
    _ocop_badge(c, cx - 0.3 * w, y + 0.86 * h, 0.06 * w)


def _fish_sauce(
    c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator
) -> None:
    cx = x + w / 2
    amber = _rgb("#8a4a16")
    glass = _cylinder(amber, cx, w / 2, gloss=0.6, ambient=0.45)
    body = _rounded_rect(cx, y + 0.66 * h, w / 2, 0.34 * h, 0.12 * w)
    shoulder = _ellipse(cx, y + 0.34 * h, w / 2, 0.1 * h)
    neck = _rounded_rect(cx, y + 0.2 * h, 0.19 * w, 0.16 * h, 0.05 * w)
    shape = _union(_union(body, shoulder), neck)
    c.paint(shape[0], shape[1], glass)
    box, sdf = _rounded_rect(cx, y + 0.055 * h, 0.22 * w, 0.055 * h, 0.04 * w)
    c.paint(box, sdf, _cylinder(_rgb("#c62828"), cx, 0.22 * w, gloss=0.3))
    top, bottom = y + 0.5 * h, y + 0.86 * h
    box, sdf = _rounded_rect(cx, (top + bottom) / 2, 0.5 * w, (bottom - top) / 2, 0)
    c.paint(box, sdf, _cylinder(_rgb("#f2e4cf"), cx, w / 2, ambient=0.7))
    box, sdf = _rounded_rect(cx, top + 0.02 * h, 0.5 * w, 0.012 * h, 0)
    c.paint(box, sdf, _cylinder(_rgb("#c62828"), cx, w / 2, ambient=0.7))
    box, sdf = _rounded_rect(cx, bottom - 0.02 * h, 0.5 * w, 0.012 * h, 0)
    c.paint(box, sdf, _cylinder(_rgb("#c62828"), cx, w / 2, ambient=0.7))
    _draw_text(c, "NƯỚC", cx, top + 0.3 * (bottom - top), 0.78 * w, _rgb("#b71c1c"))
    _draw_text(c, "MẮM", cx, top + 0.58 * (bottom - top), 0.6 * w, _rgb("#b71c1c"))
    _text_lines(c, cx, top + 0.8 * (bottom - top), 0.6 * w, 2, _rgb("#8d6e63"))


def _mango(c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator) -> None:
    cx, _ = _pouch(c, x, y, w, h, _rgb("#f2b233"), seal=_rgb("#d9951c"))
    _draw_text(c, "XOÀI SẤY", cx, y + 0.27 * h, 0.78 * w, _rgb("#1b6e2f"))
    wx, wy = cx, y + 0.6 * h
    box, sdf = _rounded_rect(wx, wy, 0.32 * w, 0.2 * h, 0.08 * w)
    c.paint(box, sdf, _rgb("#eedcb8"))
    for _ in range(9):
        angle = rng.uniform(-0.8, 0.8)
        px = wx + rng.uniform(-0.22, 0.22) * w
        py = wy + rng.uniform(-0.12, 0.12) * h
        sbox, ssdf = _ellipse(px, py, 0.11 * w, 0.05 * w, angle)
        clip = _intersect((sbox, ssdf), (box, sdf))
        c.paint(clip[0], clip[1], _rgb("#f08a12") * rng.uniform(0.9, 1.05))
        ibox, isdf = _ellipse(px, py, 0.08 * w, 0.028 * w, angle)
        clip = _intersect((ibox, isdf), (box, sdf))
        c.paint(clip[0], clip[1], _rgb("#f6a93b"), opacity=0.8)
    c.paint(box, lambda xs, ys: np.abs(sdf(xs, ys)) - 0.005 * w, _rgb("#c77d0a"))
    _ocop_badge(c, cx + 0.3 * w, y + 0.87 * h, 0.055 * w)


def _cinnamon(c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator) -> None:
    cx = x + w / 2
    box_top = y + 0.22 * h
    for i in range(7):
        sx = cx + (i - 3) * 0.11 * w + rng.uniform(-0.01, 0.01) * w
        top = y + rng.uniform(0.0, 0.06) * h
        sbox, ssdf = _rounded_rect(
            sx, (top + box_top + 0.1 * h) / 2, 0.045 * w, (box_top + 0.1 * h - top) / 2, 0.02 * w
        )
        c.paint(sbox, ssdf, _cylinder(_rgb("#8b4a22"), sx, 0.045 * w, gloss=0.1))
        ebox, esdf = _ellipse(sx, top + 0.01 * h, 0.04 * w, 0.012 * h)
        c.paint(ebox, esdf, _rgb("#5a2d12"))
    texture = _paper_texture((c.height, c.width), rng, 0.04)
    kraft = _rgb("#caa274")
    box, sdf = _rounded_rect(cx, (box_top + y + h) / 2, w / 2, (y + h - box_top) / 2, 0.01 * w)

    def paper(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        r0, c0 = int(max(0, ys[0, 0] - 0.5)), int(max(0, xs[0, 0] - 0.5))
        tex = texture[r0 : r0 + ys.shape[0], c0 : c0 + xs.shape[1]]
        return _flat(kraft, cx, w / 2, amount=0.15)(xs, ys) * tex[:, :, None]

    c.paint(box, sdf, paper)
    band_top, band_bottom = box_top + 0.18 * h, box_top + 0.52 * h
    bbox, bsdf = _rounded_rect(
        cx, (band_top + band_bottom) / 2, 0.5 * w, (band_bottom - band_top) / 2, 0
    )
    c.paint(bbox, bsdf, _flat(_rgb("#8e1b1b"), cx, w / 2, amount=0.15))
    _draw_text(c, "QUẾ", cx, (band_top + band_bottom) / 2, 0.5 * w, _rgb("#f6e7c8"))
    _text_lines(c, cx, band_bottom + 0.07 * h, 0.6 * w, 3, _rgb("#7a5a3a"))


def _cashew(c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator) -> None:
    cx = x + w / 2
    jar = _rounded_rect(cx, y + 0.58 * h, w / 2, 0.42 * h, 0.1 * w)
    c.paint(jar[0], jar[1], _cylinder(_rgb("#e9dcc0"), cx, w / 2, ambient=0.7))
    for _ in range(150):
        px = cx + rng.uniform(-0.46, 0.46) * w
        py = y + rng.uniform(0.2, 0.97) * h
        angle = rng.uniform(0, 2 * math.pi)
        nut = _ellipse(px, py, 0.065 * w, 0.04 * w, angle)
        bite = _ellipse(
            px + 0.036 * w * math.sin(angle),
            py - 0.036 * w * math.cos(angle),
            0.03 * w,
            0.016 * w,
            angle,
        )
        crescent = (nut[0], lambda xs, ys, a=nut[1], b=bite[1]: np.maximum(a(xs, ys), -b(xs, ys)))
        clipped = _intersect(crescent, jar)
        tone = _rgb("#d9a55f") * rng.uniform(0.85, 1.05)
        c.paint(clipped[0], clipped[1], _cylinder(tone, px, 0.06 * w, ambient=0.8))
    box, sdf = _rounded_rect(cx, y + 0.08 * h, 0.46 * w, 0.08 * h, 0.02 * w)
    c.paint(box, sdf, _cylinder(_rgb("#c62828"), cx, 0.46 * w, gloss=0.35))
    top, bottom = y + 0.44 * h, y + 0.76 * h
    box, sdf = _rounded_rect(cx, (top + bottom) / 2, 0.5 * w, (bottom - top) / 2, 0)
    c.paint(box, sdf, _cylinder(_rgb("#f1e8d4"), cx, w / 2, ambient=0.75))
    _draw_text(c, "HẠT ĐIỀU", cx, top + 0.4 * (bottom - top), 0.7 * w, _rgb("#8e1b1b"))
    _ocop_badge(c, cx, top + 0.8 * (bottom - top), 0.04 * w)
    # glass highlight over everything
    hl = _rounded_rect(cx - 0.3 * w, y + 0.58 * h, 0.03 * w, 0.34 * h, 0.03 * w)
    c.paint(hl[0], hl[1], _rgb("#ffffff"), opacity=0.35, softness=4.0)


def _honey_white_label(
    c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator
) -> None:
    """The shop's own longan honey: an amber jar with a large near-white label."""
    cx = x + w / 2
    body_top = y + 0.15 * h
    box, sdf = _rounded_rect(cx, (body_top + y + h) / 2, w / 2, (y + h - body_top) / 2, 0.14 * w)
    c.paint(box, sdf, _cylinder(_rgb("#b86a0c"), cx, w / 2, gloss=0.5, ambient=0.55))
    box, sdf = _rounded_rect(cx, y + 0.08 * h, 0.43 * w, 0.075 * h, 0.02 * w)
    c.paint(box, sdf, _cylinder(_rgb("#f4f4f0"), cx, 0.43 * w, ambient=0.8))
    top, bottom = y + 0.3 * h, y + 0.9 * h
    box, sdf = _rounded_rect(cx, (top + bottom) / 2, 0.47 * w, (bottom - top) / 2, 0.02 * w)
    # White paper under good light: about 238–251 with the curve of the jar, not saturated.
    c.paint(box, sdf, _flat(_rgb("#f9f9f6"), cx, 0.5 * w, amount=0.05))
    _draw_text(c, "MẬT ONG", cx, top + 0.3 * (bottom - top), 0.7 * w, _rgb("#b3620a"))
    _draw_text(c, "HOA NHÃN", cx, top + 0.48 * (bottom - top), 0.6 * w, _rgb("#5d4a2a"))
    _ocop_badge(c, cx, top + 0.12 * (bottom - top), 0.05 * w)
    _text_lines(c, cx, top + 0.68 * (bottom - top), 0.5 * w, 4, _rgb("#9a9a94"))


def _tea_white_box(
    c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator
) -> None:
    """White packaging on white: a white gift box seen slightly from the side."""
    front_w = 0.8 * w
    left = x
    side = 0.2 * w
    top_h = 0.1 * h
    # top face (lit from above), front face, side face in shade
    box, sdf = _polygon(
        [
            (left, y + top_h),
            (left + side, y),
            (left + side + front_w, y),
            (left + front_w, y + top_h),
        ]
    )
    c.paint(box, sdf, _rgb("#f1f1ee"))
    box, sdf = _rounded_rect(
        left + front_w / 2, y + top_h + (h - top_h) / 2, front_w / 2, (h - top_h) / 2, 0.005 * w
    )
    c.paint(box, sdf, _flat(_rgb("#f7f7f4"), left + front_w / 2, front_w / 2, amount=0.03))
    box, sdf = _polygon(
        [
            (left + front_w, y + top_h),
            (left + front_w + side, y),
            (left + front_w + side, y + h - top_h),
            (left + front_w, y + h),
        ]
    )
    c.paint(box, sdf, _rgb("#d6d6d0"))
    fx = left + front_w / 2
    _draw_text(c, "TRÀ", fx, y + 0.38 * h, 0.42 * front_w, _rgb("#2e6b3a"))
    _draw_text(c, "SHAN TUYẾT", fx, y + 0.52 * h, 0.7 * front_w, _rgb("#2e6b3a"))
    for i, angle in enumerate((-0.6, 0.0, 0.6)):
        lx = fx + (i - 1) * 0.12 * front_w
        box, sdf = _ellipse(lx, y + 0.7 * h, 0.05 * front_w, 0.1 * front_w, angle)
        c.paint(box, sdf, _rgb("#5a9a4a"))
    _ocop_badge(c, fx + 0.3 * front_w, y + 0.86 * h, 0.05 * front_w)


def _honey_clear_bottle(
    c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator
) -> None:
    """A transparent glass bottle, half full of honey: the backdrop shows through the glass."""
    cx = x + w / 2
    body = _rounded_rect(cx, y + 0.62 * h, w / 2, 0.38 * h, 0.1 * w)
    neck = _rounded_rect(cx, y + 0.17 * h, 0.2 * w, 0.12 * h, 0.04 * w)
    shoulder = _ellipse(cx, y + 0.27 * h, w / 2, 0.08 * h)
    glass = _union(_union(body, shoulder), neck)
    # clear glass: the backdrop, a little darker and cooler
    c.shade(glass[0], glass[1], lambda xs, ys: np.full_like(xs + ys, 0.96), softness=1.0)
    honey_top = y + 0.48 * h
    fill = _intersect(
        _rounded_rect(cx, (honey_top + y + h) / 2, w / 2, (y + h - honey_top) / 2, 0), body
    )
    c.paint(fill[0], fill[1], _cylinder(_rgb("#d08a1c"), cx, w / 2, gloss=0.3, ambient=0.6))
    # glass edges refract the light: thin dark outline
    c.paint(glass[0], lambda xs, ys: np.abs(glass[1](xs, ys)) - 0.006 * w, _rgb("#7c7a74"))
    # specular streak on the glass
    hl = _rounded_rect(cx - 0.28 * w, y + 0.6 * h, 0.025 * w, 0.3 * h, 0.02 * w)
    c.paint(hl[0], hl[1], _rgb("#ffffff"), opacity=0.9, softness=2.0)
    box, sdf = _rounded_rect(cx, y + 0.04 * h, 0.24 * w, 0.04 * h, 0.02 * w)
    c.paint(box, sdf, _cylinder(_rgb("#7a4a12"), cx, 0.24 * w, gloss=0.3))
    top, bottom = y + 0.62 * h, y + 0.82 * h
    box, sdf = _rounded_rect(cx, (top + bottom) / 2, 0.36 * w, (bottom - top) / 2, 0.02 * w)
    c.paint(box, sdf, _flat(_rgb("#f2e5cb"), cx, 0.5 * w, amount=0.15))
    _draw_text(c, "MẬT ONG", cx, (top + bottom) / 2, 0.56 * w, _rgb("#6b3a06"))


def _coffee_black_box(
    c: _Canvas, x: float, y: float, w: float, h: float, rng: np.random.Generator
) -> None:
    """A dark product on white: a matte black gift box of coffee with gold print."""
    cx = x + w / 2
    box, sdf = _rounded_rect(cx, y + h / 2, w / 2, h / 2, 0.02 * w)
    c.paint(box, sdf, _flat(_rgb("#262422"), cx, w / 2, amount=0.2))
    box, sdf = _rounded_rect(cx, y + 0.1 * h, 0.5 * w, 0.012 * h, 0)
    c.paint(box, sdf, _rgb("#b8963e"))
    _draw_text(c, "CÀ PHÊ", cx, y + 0.36 * h, 0.6 * w, _rgb("#c9a54a"))
    for i in range(3):
        bx = cx + (i - 1) * 0.14 * w
        by = y + 0.58 * h
        box, sdf = _ellipse(bx, by, 0.05 * w, 0.07 * w, 0.4 * (i - 1))
        c.paint(box, sdf, _cylinder(_rgb("#6b4426"), bx, 0.05 * w, gloss=0.2))
    _text_lines(c, cx, y + 0.78 * h, 0.45 * w, 3, _rgb("#8a7a5a"))
    _ocop_badge(c, cx + 0.33 * w, y + 0.9 * h, 0.045 * w)


DRAWERS: dict[str, Callable[..., None]] = {
    "mat-ong": _honey,
    "tra": _tea,
    "ca-phe": _coffee,
    "gao": _rice,
    "nuoc-mam": _fish_sauce,
    "xoai-say": _mango,
    "que": _cinnamon,
    "hat-dieu": _cashew,
    "mat-ong-nhan": _honey_white_label,
    "tra-hop-trang": _tea_white_box,
    "mat-ong-chai": _honey_clear_bottle,
    "ca-phe-hop-den": _coffee_black_box,
}


# ---------------------------------------------------------------------- backdrops


def _box_blur(a: np.ndarray, radius: int) -> np.ndarray:
    """Separable box blur of a 2-D array (edges replicated)."""
    if radius < 1:
        return a
    size = 2 * radius + 1
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (radius + 1, radius)
        padded = np.pad(a, pad, mode="edge")
        csum = np.cumsum(padded, axis=axis, dtype=np.float64)
        if axis == 0:
            a = ((csum[size:] - csum[:-size]) / size).astype(np.float32)
        else:
            a = ((csum[:, size:] - csum[:, :-size]) / size).astype(np.float32)
    return a


def _backdrop(kind: str, width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    ys = (np.arange(height, dtype=np.float32) + 0.5)[:, None]
    xs = (np.arange(width, dtype=np.float32) + 0.5)[None, :]
    unit = min(width, height) / 1000.0
    if kind in {"white", "grey"}:
        top, bottom = (255.0, 249.0) if kind == "white" else (206.0, 198.0)
        ramp = top + (bottom - top) * (ys / height)
        vignette = 1.0 - 0.015 * (((xs / width) - 0.5) ** 2 * 4)
        grey = np.broadcast_to(ramp * vignette, (height, width))
        return np.repeat(grey[:, :, None], 3, axis=2).astype(np.float32)
    if kind == "gingham":
        period = 70.0 * unit
        soft = 1.5 * unit
        vx = np.clip((np.abs(((xs / period) % 1.0) - 0.5) * period - period / 4) / soft + 0.5, 0, 1)
        vy = np.clip((np.abs(((ys / period) % 1.0) - 0.5) * period - period / 4) / soft + 0.5, 0, 1)
        red = _rgb("#c62828")
        white = _rgb("#f4efe6")
        amount = (0.45 * vx + 0.45 * vy)[:, :, None]
        amount = np.broadcast_to(amount, (height, width, 1))
        return (white * (1 - amount) + red * amount).astype(np.float32)
    if kind == "wood":
        plank = 170.0 * unit
        wobble = 9.0 * unit * np.sin(xs / (140.0 * unit)) + 4.0 * unit * np.sin(xs / (37.0 * unit))
        grain = 0.5 + 0.5 * np.sin((ys + wobble) / (6.0 * unit))
        seam = (np.abs(((ys / plank) % 1.0) - 0.5) * plank > plank / 2 - 2.5 * unit).astype(
            np.float32
        )
        tone = 0.78 + 0.22 * grain - 0.45 * seam
        idx = np.floor(ys / plank).astype(int) % 3
        base = np.stack([_rgb("#a8703f"), _rgb("#b98250"), _rgb("#9a6535")])[idx[:, 0]]
        return (base[:, None, :] * tone[:, :, None]).astype(np.float32)
    raise ValueError(f"unknown backdrop {kind!r}")


# ---------------------------------------------------------------------- defects


def _gaussian_blur(rgb: np.ndarray, sigma: float) -> np.ndarray:
    radius = max(1, math.ceil(3 * sigma))
    taps = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2).astype(np.float32)
    taps /= taps.sum()
    out = rgb
    for axis in (0, 1):
        pad = [(0, 0)] * 3
        pad[axis] = (radius, radius)
        padded = np.pad(out, pad, mode="edge")
        acc = np.zeros_like(out)
        n = out.shape[axis]
        for i, weight in enumerate(taps):
            sl = [slice(None)] * 3
            sl[axis] = slice(i, i + n)
            acc += weight * padded[tuple(sl)]
        out = acc
    return out


def _apply_defect(rgb: np.ndarray, defect: str, rng: np.random.Generator) -> np.ndarray:
    unit = min(rgb.shape[:2]) / 1000.0
    if defect == "blurred":
        rgb = _gaussian_blur(rgb, 4.0 * unit)
    elif defect in {"dark", "night"}:
        rgb = 255.0 * (rgb / 255.0) ** 1.15 * 0.52
    elif defect == "overexposed":
        rgb = rgb * 1.75 + 30.0
    elif defect == "colour_cast":
        rgb = rgb * np.array([1.0, 0.93, 0.76], dtype=np.float32)
    if defect in {"noisy", "night"}:
        sigma = 13.0 if defect == "noisy" else 10.0
        luminance = rng.normal(0.0, sigma, rgb.shape[:2]).astype(np.float32)[:, :, None]
        chroma = rng.normal(0.0, sigma * 0.5, rgb.shape).astype(np.float32)
        rgb = rgb + luminance + chroma
    return rgb


def render(name: str | Sample) -> np.ndarray:
    """Render a sample photo from its recipe.

    Parameters
    ----------
    name : str or Sample
        A name from :func:`sample_names`, or a recipe of one's own (for
        instance the same photo at another size:
        ``dataclasses.replace(SAMPLES[0], size=(4000, 4000))``).

    Returns
    -------
    numpy.ndarray
        ``(height, width, 3)`` ``uint8`` pixels, before JPEG compression.
    """
    sample = name if isinstance(name, Sample) else _sample(name)
    width, height = sample.size
    rng = np.random.default_rng(sample.seed)
    canvas = _Canvas(_backdrop(sample.background, width, height, rng))
    aspect = ASPECT[sample.product]
    ph = sample.fill * height
    pw = ph * aspect
    cx, cy = sample.centre[0] * width, sample.centre[1] * height
    x, y = cx - pw / 2, cy - ph / 2
    # soft contact shadow
    box, sdf = _ellipse(cx, y + ph * 0.985, pw * 0.56, ph * 0.035)
    canvas.shade(box, sdf, 0.95, softness=max(2.0, 0.02 * ph))
    DRAWERS[sample.product](canvas, x, y, pw, ph, rng)
    rgb = canvas.pixels
    if sample.defect == "colour_cast" and sample.variant == "xanh":
        rgb = rgb * np.array([0.8, 0.9, 1.0], dtype=np.float32)
    else:
        rgb = _apply_defect(rgb, sample.defect, rng)
    rgb = rgb + rng.normal(0.0, 1.2, rgb.shape[:2]).astype(np.float32)[:, :, None]
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
