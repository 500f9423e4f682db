"""Sample product photos of the shop, rendered by code, each with a known defect.

The photos in ``toolkit/photo/samples/`` are drawn by :func:`render` with
numpy only (signed-distance shapes with anti-aliased edges, a tiny bitmap
font with Vietnamese diacritics, seeded noise), then saved as JPEG by
Pillow. ``manifest.csv`` lists each photo's product, its defect and the audit
outcome we expect on every marketplace; the tests check that the audit agrees.

Regenerate or verify from the repository root::

    python -m toolkit.photo._samples --write   # rewrite the photos and manifest
    python -m toolkit.photo._samples --check   # exit 1 if any file differs

Real photos are not shipped: none that we could redistribute come with a
dependency offline.

Examples
--------
>>> len(sample_names()) >= 24
True
>>> sample_path("mat-ong-chuan").name
'mat-ong-chuan.jpg'
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from toolkit.i18n import t
from toolkit.photo import _messages  # noqa: F401  (registers the photo.* messages)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "OWN_PHOTO_DIR",
    "SAMPLES",
    "SAMPLES_DIR",
    "SHOP_PHOTOS",
    "Sample",
    "check",
    "encode",
    "load_sample",
    "manifest_rows",
    "own_photo",
    "render",
    "sample_manifest",
    "sample_names",
    "sample_path",
    "shop_folder",
    "write",
]

SAMPLES_DIR = Path(__file__).with_name("samples")
MANIFEST = "manifest.csv"
JPEG_QUALITY = 90
MARKETS = ("postmart", "shopee", "lazada", "tiktok")

# ============================================================================ catalogue

PRODUCTS = {
    "mat-ong": ("honey", "Mật ong"),
    "tra": ("tea", "Trà xanh Thái Nguyên"),
    "ca-phe": ("coffee", "Cà phê Robusta"),
    "gao": ("rice", "Gạo ST25"),
    "nuoc-mam": ("fish_sauce", "Nước mắm Phú Quốc"),
    "xoai-say": ("dried_mango", "Xoài sấy dẻo"),
    "que": ("cinnamon", "Quế Trà My"),
    "hat-dieu": ("cashew", "Hạt điều rang muối"),
    # hard cases for the audit: good photos that once raised false alarms
    "mat-ong-nhan": ("honey_white_label", "Mật ong hoa nhãn (nhãn trắng)"),
    "tra-hop-trang": ("tea_white_box", "Trà shan tuyết (hộp trắng)"),
    "mat-ong-chai": ("honey_clear_bottle", "Mật ong (chai thủy tinh trong)"),
    "ca-phe-hop-den": ("coffee_black_box", "Cà phê (hộp đen)"),
}

DEFECTS = {
    "none": ("chuan", "Không lỗi"),
    "blurred": ("mo", "Ảnh mờ"),
    "dark": ("toi", "Ảnh tối"),
    "overexposed": ("chay-sang", "Cháy sáng"),
    "colour_cast": ("am-mau", "Ám màu"),
    "off_centre": ("lech-tam", "Lệch tâm"),
    "small_product": ("san-pham-nho", "Sản phẩm quá nhỏ trong khung"),
    "medium_product": ("san-pham-vua", "Sản phẩm hơi nhỏ (70 % khung)"),
    "busy_background": ("nen-roi", "Nền rối"),
    "grey_background": ("nen-xam", "Nền xám thay vì trắng"),
    "noisy": ("nhieu", "Nhiễu hạt"),
    "not_square": ("khong-vuong", "Ảnh không vuông"),
    "low_resolution": ("it-diem-anh", "Quá ít điểm ảnh"),
    "night": ("ban-dem", "Chụp ban đêm: tối và nhiễu"),
}

ALL_FAIL: dict[str, tuple[str, ...]] = {m: () for m in MARKETS}


def _same(*rules: str) -> dict[str, tuple[str, ...]]:
    """The same failures on every marketplace (Shopee does not ask for a white backdrop)."""
    return {
        m: tuple(r for r in rules if not (m == "shopee" and r == "white_background"))
        for m in MARKETS
    }


@dataclass(frozen=True)
class Sample:
    """How one sample photo is made, and what the audit should say about it.

    Attributes
    ----------
    product : str
        Key of :data:`PRODUCTS` (``"mat-ong"``).
    defect : str
        Key of :data:`DEFECTS` (``"blurred"``).
    expected : dict
        Rule keys expected to fail, per marketplace key.
    size : tuple of int
        ``(width, height)`` in pixels.
    fill : float
        Product's share of the frame height.
    centre : tuple of float
        Product centre as a share of width and height.
    background : str
        ``"white"``, ``"grey"``, ``"gingham"`` or ``"wood"``.
    seed : int
        Seed of the photo's noise.
    variant : str
        Extra word in the file name, to tell apart two photos with the same
        product and defect.
    """

    product: str
    defect: str
    expected: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(ALL_FAIL))
    size: tuple[int, int] = (1000, 1000)
    fill: float = 0.86
    centre: tuple[float, float] = (0.5, 0.5)
    background: str = "white"
    seed: int = 0
    variant: str = ""

    @property
    def name(self) -> str:
        """File stem, e.g. ``"mat-ong-mo"``."""
        parts = [self.product, DEFECTS[self.defect][0], self.variant]
        return "-".join(p for p in parts if p)


SAMPLES: tuple[Sample, ...] = (
    # eight good photos, one per product
    Sample("mat-ong", "none", seed=1),
    Sample("tra", "none", seed=2),
    Sample("ca-phe", "none", seed=3),
    Sample("gao", "none", seed=4),
    Sample("nuoc-mam", "none", seed=5),
    Sample("xoai-say", "none", seed=6),
    Sample("que", "none", seed=7),
    Sample("hat-dieu", "none", seed=8, fill=0.84),
    # one defect each
    Sample("mat-ong", "blurred", _same("sharpness"), seed=11),
    Sample("ca-phe", "blurred", _same("sharpness"), seed=12),
    Sample("tra", "dark", _same("white_background", "brightness"), seed=13),
    Sample("gao", "dark", _same("white_background", "brightness"), seed=14),
    Sample("nuoc-mam", "overexposed", _same("exposure"), seed=15),
    Sample("xoai-say", "overexposed", _same("exposure"), seed=16),
    Sample("ca-phe", "colour_cast", _same("white_background", "colour_cast"), seed=17),
    Sample(
        "gao",
        "colour_cast",
        _same("white_background", "colour_cast"),
        seed=18,
        variant="xanh",
    ),
    Sample("tra", "off_centre", _same("centred"), centre=(0.68, 0.5), fill=0.84, seed=19),
    Sample("nuoc-mam", "off_centre", _same("centred"), centre=(0.3, 0.52), fill=0.84, seed=20),
    Sample("nuoc-mam", "small_product", _same("fill"), fill=0.45, seed=21),
    Sample(
        "hat-dieu",
        "medium_product",
        {"postmart": ("fill",), "shopee": (), "lazada": ("fill",), "tiktok": ("fill",)},
        fill=0.68,
        seed=22,
    ),
    Sample(
        "mat-ong",
        "busy_background",
        _same("white_background", "plain_background", "product"),
        background="gingham",
        seed=23,
    ),
    Sample(
        "xoai-say",
        "busy_background",
        _same("white_background", "plain_background", "product"),
        background="wood",
        seed=24,
    ),
    Sample(
        "que",
        "grey_background",
        {
            "postmart": ("white_background",),
            "shopee": (),
            "lazada": ("white_background",),
            "tiktok": ("white_background",),
        },
        background="grey",
        seed=25,
    ),
    Sample("que", "noisy", _same("noise"), seed=26),
    Sample("ca-phe", "noisy", _same("noise"), seed=27),
    Sample(
        "gao",
        "not_square",
        {"postmart": ("square",), "shopee": ("square",), "lazada": (), "tiktok": ("square",)},
        size=(1200, 900),
        seed=28,
    ),
    Sample("tra", "low_resolution", _same("size"), size=(480, 480), seed=29),
    Sample(
        "xoai-say",
        "low_resolution",
        {"postmart": ("size",), "shopee": ("size",), "lazada": (), "tiktok": ()},
        size=(640, 640),
        seed=30,
        variant="640",
    ),
    Sample("hat-dieu", "night", _same("white_background", "brightness", "noise"), seed=31),
    # hard cases: white label, white packaging, transparent bottle, dark product
    Sample("mat-ong-nhan", "none", seed=32),
    Sample("tra-hop-trang", "none", seed=33, fill=0.84),
    Sample("mat-ong-chai", "none", seed=34),
    Sample("ca-phe-hop-den", "none", seed=35, fill=0.88),
    Sample(
        "mat-ong-nhan",
        "overexposed",  # the white lid burns into the backdrop: the jar looks shorter
        {m: ("exposure",) if m == "shopee" else ("fill", "exposure") for m in MARKETS},
        seed=36,
    ),
    Sample("ca-phe-hop-den", "dark", _same("white_background", "brightness"), seed=37),
    Sample(
        "mat-ong-nhan",
        "not_square",
        {"postmart": ("square",), "shopee": ("square",), "lazada": (), "tiktok": ("square",)},
        size=(1200, 900),
        seed=38,
    ),
    Sample(
        "tra-hop-trang", "colour_cast", _same("white_background", "colour_cast"), fill=0.84, seed=39
    ),
    Sample("mat-ong-chai", "noisy", _same("noise"), seed=40),
    # fixable by the rule, yet still failing after auto_fix: white balance cannot
    # turn a grey backdrop white (01 câu 7 rewards the re-audit that finds it)
    Sample(
        "tra",
        "grey_background",
        {
            "postmart": ("white_background",),
            "shopee": (),
            "lazada": ("white_background",),
            "tiktok": ("white_background",),
        },
        background="grey",
        seed=41,
    ),
)

#: The shop's photo folder used by graded questions (:func:`shop_folder`): neutral
#: file names, in an order that follows no defect, so a name never gives an answer away.
SHOP_PHOTOS: tuple[tuple[str, str], ...] = (
    ("anh-01.jpg", "tra-lech-tam"),
    ("anh-02.jpg", "mat-ong-nhan-chuan"),
    ("anh-03.jpg", "mat-ong-mo"),
    ("anh-04.jpg", "tra-hop-trang-am-mau"),
    ("anh-05.jpg", "mat-ong-nen-roi"),
    ("anh-06.jpg", "tra-nen-xam"),
    ("anh-07.jpg", "mat-ong-nhan-chay-sang"),
    ("anh-08.jpg", "tra-it-diem-anh"),
    ("anh-09.jpg", "mat-ong-nhan-khong-vuong"),
    ("anh-10.jpg", "tra-toi"),
    ("anh-11.jpg", "mat-ong-chai-chuan"),
    ("anh-12.jpg", "mat-ong-chai-nhieu"),
)
#: The photo a learner works on when they have not dropped one of their own.
OWN_PHOTO_FALLBACK = "anh-04.jpg"
OWN_PHOTO_DIR = "anh-cua-toi"


# ============================================================================ public API


def sample_names() -> list[str]:
    """Names of the shipped sample photos, in manifest order.

    Examples
    --------
    >>> sample_names()[:2]
    ['mat-ong-chuan', 'tra-chuan']
    """
    return [s.name for s in SAMPLES]


def _sample(name: str) -> Sample:
    stem = Path(name).stem
    for sample in SAMPLES:
        if sample.name == stem:
            return sample
    raise ValueError(t("photo.error.sample", name=name, options=", ".join(sample_names())))


def sample_path(name: str) -> Path:
    """Path of a shipped sample photo.

    Parameters
    ----------
    name : str
        A name from :func:`sample_names` (with or without ``.jpg``).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        For an unknown name, listing the known ones.
    """
    return SAMPLES_DIR / f"{_sample(name).name}.jpg"


def load_sample(name: str, *, max_side: int | None = None) -> np.ndarray:
    """Pixels of a shipped sample photo as an ``uint8`` RGB array.

    Parameters
    ----------
    name : str
        A name from :func:`sample_names`.
    max_side : int, optional
        Reduce so that the longest side is at most this.

    Examples
    --------
    >>> load_sample("gao-khong-vuong").shape
    (900, 1200, 3)
    """
    from toolkit.photo._load import load_image

    return load_image(sample_path(name), max_side=max_side)


def sample_manifest() -> pd.DataFrame:
    """The manifest: one row per sample photo with its defect and expected audit.

    Returns
    -------
    pandas.DataFrame
        Columns ``file``, ``product``, ``product_vi``, ``defect``,
        ``defect_vi``, ``width``, ``height`` and, for each marketplace key
        ``m``, ``m_pass`` (bool) and ``m_failed`` (rule keys separated by ``;``,
        empty when the photo passes).

    Examples
    --------
    >>> df = sample_manifest()
    >>> df.loc[df["file"] == "tra-it-diem-anh.jpg", ["width", "postmart_failed"]].values.tolist()
    [[480, 'size']]
    """
    import pandas as pd

    frame = pd.read_csv(SAMPLES_DIR / MANIFEST, dtype=str, keep_default_na=False)
    for column in ("width", "height"):
        frame[column] = frame[column].astype(int)
    for market in MARKETS:
        frame[f"{market}_pass"] = frame[f"{market}_pass"] == "True"
    return frame


_SHOP_CACHE: dict[str, Path] = {}


def shop_folder() -> Path:
    """A folder of the shop's photos with neutral names (``anh-01.jpg`` …), for exercises.

    The files are copies of shipped samples (:data:`SHOP_PHOTOS`), written once
    per process into a temporary folder (again if it was deleted). The names
    say nothing about the photos, so an exercise that asks "which photo must be
    taken again?" is answered by measuring, not by reading the file name.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> folder = shop_folder()
    >>> sorted(p.name for p in folder.glob("*.jpg"))[:3]
    ['anh-01.jpg', 'anh-02.jpg', 'anh-03.jpg']
    >>> (folder / "anh-02.jpg").read_bytes() == sample_path("mat-ong-nhan-chuan").read_bytes()
    True
    """
    import shutil
    import tempfile

    folder = _SHOP_CACHE.get("folder")
    if folder is None or not all((folder / name).is_file() for name, _ in SHOP_PHOTOS):
        folder = Path(tempfile.mkdtemp(prefix="hocso-anh-shop-"))
        for name, sample in SHOP_PHOTOS:
            shutil.copyfile(sample_path(sample), folder / name)
        _SHOP_CACHE["folder"] = folder
    return folder


def own_photo(folder: str | Path = OWN_PHOTO_DIR) -> Path:
    """The learner's own photo: the first photo in ``folder``, else a photo of the shop.

    Parameters
    ----------
    folder : path, default ``"anh-cua-toi"``
        Where the learner drops a photo of their own product (next to the
        notebook). Files are taken in name order; hidden files are ignored.

    Returns
    -------
    pathlib.Path
        The learner's photo, or ``anh-04.jpg`` of :func:`shop_folder` when the
        folder is missing or holds no photo.

    Examples
    --------
    >>> own_photo("khong-co-thu-muc-nay").name
    'anh-04.jpg'
    """
    from toolkit.photo._load import IMAGE_SUFFIXES

    root = Path(folder)
    if root.is_dir():
        photos = sorted(
            p
            for p in root.iterdir()
            if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")
        )
        if photos:
            return photos[0]
    return shop_folder() / OWN_PHOTO_FALLBACK


def render(name: str | Sample) -> np.ndarray:
    """Render a sample photo from its recipe (see :func:`toolkit.photo._render.render`)."""
    from toolkit.photo._render import render as _render

    return _render(name)


def encode(pixels: np.ndarray) -> bytes:
    """JPEG bytes of the pixels as shipped (quality 90, no metadata)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def manifest_rows() -> list[dict[str, str]]:
    """Rows of ``manifest.csv``, from the recipes in :data:`SAMPLES`."""
    from toolkit.photo.listing import RULE_ORDER

    rows = []
    for sample in SAMPLES:
        product, product_vi = PRODUCTS[sample.product]
        row = {
            "file": f"{sample.name}.jpg",
            "product": product,
            "product_vi": product_vi,
            "defect": sample.defect,
            "defect_vi": DEFECTS[sample.defect][1],
            "width": str(sample.size[0]),
            "height": str(sample.size[1]),
        }
        for market in MARKETS:
            failed = sorted(sample.expected[market], key=RULE_ORDER.index)
            row[f"{market}_pass"] = str(not failed)
            row[f"{market}_failed"] = ";".join(failed)
        rows.append(row)
    return rows


def _manifest_text() -> str:
    rows = manifest_rows()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write(directory: Path | str = SAMPLES_DIR, *, names: Sequence[str] | None = None) -> list[Path]:
    """Render the samples (all, or ``names``) and write them, with the manifest, into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names if names is not None else sample_names():
        path = directory / f"{name}.jpg"
        path.write_bytes(encode(render(name)))
        written.append(path)
    manifest = directory / MANIFEST
    manifest.write_text(_manifest_text(), encoding="utf-8")
    written.append(manifest)
    return written


def check(directory: Path | str = SAMPLES_DIR, *, names: Sequence[str] | None = None) -> list[str]:
    """Compare shipped files with the generator's output.

    A photo matches when its bytes equal the re-encoded render, or, should a
    different libjpeg encode differently, when the decoded pixels differ by at
    most 3 levels anywhere (and 0.1 on average).

    Returns
    -------
    list of str
        One line per mismatch; empty when everything matches.
    """
    from PIL import Image

    directory = Path(directory)
    problems = []
    for name in names if names is not None else sample_names():
        path = directory / f"{name}.jpg"
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        expected = encode(render(name))
        shipped = path.read_bytes()
        if shipped == expected:
            continue
        a = np.asarray(Image.open(io.BytesIO(shipped)).convert("RGB"), dtype=np.int16)
        b = np.asarray(Image.open(io.BytesIO(expected)).convert("RGB"), dtype=np.int16)
        if a.shape != b.shape:
            problems.append(f"{path}: size {a.shape} != generated {b.shape}")
            continue
        diff = np.abs(a - b)
        if diff.max() > 3 or diff.mean() > 0.1:
            problems.append(
                f"{path}: pixels differ from the generator (max {diff.max()}, mean {diff.mean():.3f})"
            )
    if names is None:
        manifest = directory / MANIFEST
        if not manifest.is_file() or manifest.read_text(encoding="utf-8") != _manifest_text():
            problems.append(f"{manifest}: differs from the recipes")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``--write`` regenerates the files, ``--check`` verifies them."""
    parser = argparse.ArgumentParser(prog="python -m toolkit.photo._samples", description=__doc__)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="render and write every sample")
    group.add_argument("--check", action="store_true", help="verify the shipped files")
    parser.add_argument("--dir", type=Path, default=SAMPLES_DIR, help="samples folder")
    args = parser.parse_args(argv)
    if args.write:
        for path in write(args.dir):
            print(path)
        return 0
    problems = check(args.dir)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{len(SAMPLES)} sample photos: {'OK' if not problems else f'{len(problems)} differ'}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
