"""Marketplace rules for the main product photo, one frozen dataclass per marketplace.

Two kinds of numbers live here:

- **marketplace** numbers (size, aspect ratio, background, fill, file size,
  formats). Each rule set says what kind of source they come from and its
  year (:attr:`Rules.source_label`): Lazada's own guideline for sellers
  (2017) is a *recommendation*; the Shopee and TikTok Shop numbers are
  *third-party summaries* of their seller centres, not confirmed on an
  official page; Postmart publishes no photo rules we could find, so its
  numbers are *the course's own rule*. Marketplaces change their rules:
  check the seller centre before a course run;
- **quality thresholds** (sharpness, brightness, clipping, colour cast,
  noise, centring) that no marketplace publishes. They are *the course's
  own rule*, calibrated on the shipped sample photos, and shared by every
  rule set: a blurred photo is blurred on every marketplace.

One decision follows from a failed rule, the same in the lesson, the
assignment and the widget: rules in :data:`RESHOOT_RULES` lost information
when the photo was taken (blur, noise, too few pixels, blown-out or dark
light, a busy backdrop, a product that cannot be told from it), so the
photo must be **taken again**; every other failure can be **fixed** by
software (pad, white balance, crop, resize, save smaller), after which the
photo is checked again, and taken again if it still fails.

Examples
--------
>>> POSTMART.min_side, POSTMART.min_fill, POSTMART.max_file_bytes
(800, 0.8, 2000000)
>>> LAZADA.source_label
'khuyến nghị của Lazada (2017)'
>>> decision(["square", "colour_cast"]), decision(["square", "sharpness"]), decision([])
('sửa', 'chụp lại', 'đạt')
>>> get_rules("lazada") is LAZADA
True
>>> LAZADA.square_tolerance is None  # Lazada recommends 1:1 but accepts other ratios
True
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from toolkit.i18n import t
from toolkit.photo import _messages  # noqa: F401  (registers the photo.* messages)

__all__ = [
    "FIXABLE_RULES",
    "LAZADA",
    "POSTMART",
    "RESHOOT_RULES",
    "RULES",
    "SHOPEE",
    "TIKTOK_SHOP",
    "Rules",
    "decision",
    "get_rules",
]

#: Failures that need a new photo: the information was lost when it was taken.
RESHOOT_RULES = frozenset(
    {"size", "plain_background", "product", "sharpness", "brightness", "exposure", "noise"}
)
#: Failures that software can fix honestly (the fix named in each rule's advice).
FIXABLE_RULES = frozenset(
    {"max_size", "square", "format", "file_size", "white_background", "fill", "centred",
     "colour_cast"}
)  # fmt: skip


@dataclass(frozen=True)
class Rules:
    """What a marketplace asks of a main product photo.

    A limit set to ``None`` is not checked.

    Attributes
    ----------
    key : str
        Short identifier (``"postmart"``).
    name : str
        Display name (``"Postmart"``).
    min_side : int
        Both width and height must be at least this many pixels.
    max_side : int or None
        Neither side may exceed this.
    square_tolerance : float or None
        The photo must be square: ``|width / height − 1| ≤ square_tolerance``.
    white_background : bool
        The border strip must be white (:func:`~toolkit.photo.background_whiteness`
        ≥ ``min_whiteness``).
    min_whiteness : float
        Share of the border strip that must be white.
    max_background_std : float or None
        Plain backdrop: std of the border strip's luma at most this.
    min_fill : float or None
        Product's share of the frame on its longest axis
        (:func:`~toolkit.photo.fill_ratio`).
    max_centre_offset : float or None
        Product centre at most this far from the photo centre
        (:func:`~toolkit.photo.centre_offset`).
    max_file_bytes : int or None
        Largest file accepted, in bytes (1 MB = 1 000 000 bytes).
    formats : tuple of str or None
        Accepted Pillow format names.
    min_sharpness : float or None
        Variance of the Laplacian on the product (:func:`~toolkit.photo.sharpness`).
    min_brightness : float or None
        Mean luma of the whole photo (:func:`~toolkit.photo.brightness`),
        used when the backdrop cannot be measured (busy, or no product found).
    min_background_brightness : float or None
        Mean luma of a plain backdrop. A dark product on a white backdrop
        makes the whole photo's mean low although the photo is well lit, so
        when the backdrop is plain and the product found, the light is judged
        on the backdrop.
    max_clipping : float or None
        Share of blown-out or crushed product pixels
        (:func:`~toolkit.photo.exposure_clipping`).
    max_colour_cast : float or None
        Grey-world cast of the backdrop (:func:`~toolkit.photo.colour_cast`).
    max_noise : float or None
        Immerkær noise σ (:func:`~toolkit.photo.noise_sigma`).
    recommended_side : int
        Side used by :func:`~toolkit.photo.resize_for`.
    source : str
        Where the marketplace numbers come from (English, for trainers).
    source_kind : str
        Kind of source in Vietnamese: ``"khuyến nghị của Lazada"``,
        ``"tổng hợp của bên thứ ba"``, ``"quy tắc của lớp"``.
    source_year : int
        Year of the source (for summaries and the course's rule: the year
        they were collected or set).
    """

    key: str
    name: str
    min_side: int
    max_side: int | None = None
    square_tolerance: float | None = 0.01
    white_background: bool = True
    min_whiteness: float = 0.95
    max_background_std: float | None = 10.0
    min_fill: float | None = 0.8
    max_centre_offset: float | None = 0.1
    max_file_bytes: int | None = None
    formats: tuple[str, ...] | None = ("JPEG", "PNG")
    min_sharpness: float | None = 50.0
    min_brightness: float | None = 120.0
    min_background_brightness: float | None = 170.0
    max_clipping: float | None = 0.1
    max_colour_cast: float | None = 0.05
    max_noise: float | None = 4.0
    recommended_side: int = 1000
    source: str = ""
    source_kind: str = "quy tắc của lớp"
    source_year: int = 2026

    @property
    def source_label(self) -> str:
        """Kind and year of the source, for learners: ``"tổng hợp của bên thứ ba (2025)"``."""
        return f"{self.source_kind} ({self.source_year})"

    def replace(self, **changes: object) -> Rules:
        """A copy with some limits changed (e.g. for a class exercise).

        Examples
        --------
        >>> strict = POSTMART.replace(min_fill=0.9)
        >>> strict.min_fill, POSTMART.min_fill
        (0.9, 0.8)
        """
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


POSTMART = Rules(
    key="postmart",
    name="Postmart",
    min_side=800,
    max_file_bytes=2_000_000,
    source=(
        "The course's own rule (Postmart.vn publishes no photo rules we could find): "
        "the strictest common rule of the marketplaces below — at least 800×800 px, "
        "square, white background, product ≥ 80 % of the frame, file ≤ 2 MB, JPEG/PNG."
    ),
    source_kind="quy tắc của lớp",
    source_year=2026,
)
"""Postmart.vn, *the course's own rule* ("quy tắc của lớp").

Postmart (Vietnam Post's marketplace) publishes no photo rules that we could
find, so we follow the strictest common rule of the big marketplaces:
≥ 800 × 800 px (Shopee's cover size), 1:1, white background and product
≥ 80 % of the frame on its longest axis (Lazada, TikTok Shop), file
≤ 2 MB (Shopee), JPEG or PNG.
"""

SHOPEE = Rules(
    key="shopee",
    name="Shopee",
    min_side=800,
    white_background=False,
    min_fill=0.6,
    max_file_bytes=2_000_000,
    source=(
        "Third-party summaries of Shopee's seller centre (not confirmed at an official "
        "page): cover ≥ 800×800 px, 1:1, plain (preferably white) background, "
        "product ≥ 60 % of the frame, ≤ 2 MB, JPG/PNG."
    ),
    source_kind="tổng hợp của bên thứ ba",
    source_year=2025,
)
"""Shopee (Vietnam), from third-party summaries of the seller centre.

≥ 800 × 800 px for the cover, 1:1, plain background (white preferred, not
required: only evenness is checked), product ≥ 60 % of the frame (some
summaries say 80 %), file ≤ 2 MB, JPG or PNG. *Not confirmed against an
official Shopee page.*
"""

LAZADA = Rules(
    key="lazada",
    name="Lazada",
    min_side=500,
    max_side=2000,
    square_tolerance=None,
    formats=None,
    source=(
        "Lazada 'Image & Content Guideline' (seller training, 2017): minimum 500×500 px, "
        "maximum 2000×2000 px, 850×850 and above recommended, 1:1 recommended, white "
        "background, product covers more than 80 % of the canvas on the longest axis."
    ),
    source_kind="khuyến nghị của Lazada",
    source_year=2017,
)
"""Lazada, from Lazada's *Image & Content Guideline* for sellers (2017).

Minimum 500 × 500 px, maximum 2000 × 2000 px (850 × 850 recommended);
1:1 is *recommended*, so other ratios are accepted; white background;
"product should cover more than 80 % of the canvas of the longest axis".
The guideline gives no file-size limit or format list, so neither is checked.
"""

TIKTOK_SHOP = Rules(
    key="tiktok",
    name="TikTok Shop",
    min_side=600,
    max_side=6000,
    max_file_bytes=5_000_000,
    source=(
        "Third-party summaries of TikTok Shop seller guidance (not confirmed at an "
        "official page): ≥ 600×600 px (800 recommended), ≤ 6000 px, square, pure white "
        "main image, product ≥ 80 % of the frame, ≤ 5 MB, JPG/PNG, ≤ 9 images."
    ),
    source_kind="tổng hợp của bên thứ ba",
    source_year=2025,
)
"""TikTok Shop, from third-party summaries of the seller guidance.

≥ 600 × 600 px (800 recommended), at most 6000 px a side, square, white
background on the main image, product ≥ 80 % of the frame, file ≤ 5 MB,
JPG or PNG. *Not confirmed against an official TikTok Shop page.*
"""

#: Every rule set by key.
RULES: dict[str, Rules] = {r.key: r for r in (POSTMART, SHOPEE, LAZADA, TIKTOK_SHOP)}


def get_rules(rules: str | Rules) -> Rules:
    """Look up a rule set by key (``"postmart"``, ``"shopee"``, ``"lazada"``, ``"tiktok"``).

    Parameters
    ----------
    rules : str or Rules
        A key (case and spaces ignored; ``"tiktok shop"`` works) or a :class:`Rules`.

    Returns
    -------
    Rules

    Raises
    ------
    ValueError
        For an unknown key, with the list of known ones.

    Examples
    --------
    >>> get_rules("TikTok Shop").name
    'TikTok Shop'
    >>> get_rules(SHOPEE) is SHOPEE
    True
    """
    if isinstance(rules, Rules):
        return rules
    key = str(rules).strip().lower().replace(" ", "").replace("_", "")
    key = {"tiktokshop": "tiktok", "postmartvn": "postmart", "postmart.vn": "postmart"}.get(
        key, key
    )
    try:
        return RULES[key]
    except KeyError:
        raise ValueError(t("photo.error.rules", name=rules, options=", ".join(RULES))) from None


def decision(failed_rules: object) -> str:
    """What to do with a photo, from the rules it fails: ``"đạt"``, ``"sửa"`` or ``"chụp lại"``.

    The one "fix or reshoot" rule of the course: a photo that fails any rule
    of :data:`RESHOOT_RULES` must be taken again; one that fails only other
    rules can be fixed by software; one that fails nothing is ready.

    Parameters
    ----------
    failed_rules : iterable of str, str or AuditResult
        Rule keys (``("square", "noise")``), the ``failed_rules`` text of
        :func:`~toolkit.photo.audit_folder` (``"square;noise"``) or an audit
        result.

    Returns
    -------
    str

    Examples
    --------
    >>> decision("fill;centred")
    'sửa'
    >>> decision("fill;noise")
    'chụp lại'
    """
    failed = getattr(failed_rules, "failed_rules", failed_rules)
    if isinstance(failed, str):
        failed = [rule for rule in failed.split(";") if rule]
    failed = set(failed)
    if not failed:
        return "đạt"
    return "chụp lại" if failed & RESHOOT_RULES else "sửa"
