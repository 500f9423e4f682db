"""An ipywidgets photo checker for the lesson notebook (imported only by notebooks).

Pick a photo and a marketplace; see the measured metrics, the audit, and the
photo before and after the automatic fixes (:func:`~toolkit.photo.auto_fix`).
The detected product is framed in red on the original.

Examples
--------
>>> app = photo_checker()
>>> type(app).__name__
'VBox'
"""

from __future__ import annotations

import html
import io
import os
from pathlib import Path
from typing import Any

import numpy as np

from toolkit.i18n import t
from toolkit.photo import _messages  # noqa: F401  (registers the photo.* messages)
from toolkit.photo._load import IMAGE_SUFFIXES, read_photo
from toolkit.photo._samples import DEFECTS, PRODUCTS, SAMPLES, sample_path
from toolkit.photo.fixes import auto_fix
from toolkit.photo.listing import audit
from toolkit.photo.metrics import _as_rgb, _bbox_from_small, _mask_small
from toolkit.photo.rules import RULES, get_rules

__all__ = ["METRIC_ROWS", "photo_checker", "render_panel"]

THUMBNAIL = 360
#: Metrics shown in the table, with their number of decimals.
METRIC_ROWS = (
    ("brightness", 0),
    ("rms_contrast", 2),
    ("sharpness", 0),
    ("tenengrad", 0),
    ("noise", 1),
    ("colourfulness", 0),
    ("colour_cast", 3),
    ("clipping", 3),
    ("whiteness", 2),
    ("background_std", 1),
    ("background_brightness", 0),
    ("fill", 2),
    ("fill_area", 2),
    ("centre_offset", 2),
)


def _png(pixels: np.ndarray, *, frame: tuple[int, int, int, int] | None = None) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.fromarray(pixels)
    scale = THUMBNAIL / max(image.size)
    if scale < 1:
        image = image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            Image.Resampling.BOX,
        )
    else:
        scale = 1.0
    if frame is not None:
        left, top, right, bottom = (round(v * scale) for v in frame)
        ImageDraw.Draw(image).rectangle((left, top, right - 1, bottom - 1), outline=(220, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _metrics_table(metrics: dict[str, Any]) -> str:
    from toolkit.vn import format_number

    rows = [
        f"<tr><td style='text-align:left;padding:1px 8px'>{html.escape(t('photo.metric.width'))}"
        f" × {html.escape(t('photo.metric.height'))}</td>"
        f"<td style='text-align:right;padding:1px 8px'>{metrics['width']}×{metrics['height']}</td></tr>"
    ]
    for key, decimals in METRIC_ROWS:
        label = html.escape(t(f"photo.metric.{key}"))
        value = format_number(float(metrics[key]), decimals=decimals)
        rows.append(
            f"<tr><td style='text-align:left;padding:1px 8px'>{label}</td>"
            f"<td style='text-align:right;padding:1px 8px'>{value}</td></tr>"
        )
    title = html.escape(t("photo.widget.metrics"))
    return f"<p><b>{title}</b></p><table>{''.join(rows)}</table>"


def render_panel(path: str | os.PathLike[str], *, rules: str = "postmart") -> dict[str, Any]:
    """Everything the checker shows for one photo, without any widget.

    Parameters
    ----------
    path : path
        The photo file.
    rules : str, default "postmart"
        The marketplace.

    Returns
    -------
    dict
        ``before`` and ``after`` (PNG bytes), ``metrics`` (HTML table),
        ``audit`` (HTML of the :class:`~toolkit.photo.AuditResult`), ``fixes``
        (HTML line naming the fixes applied and the result after them) and
        ``result`` (the :class:`~toolkit.photo.AuditResult` itself).

    Examples
    --------
    >>> from toolkit.photo import sample_path
    >>> panel = render_panel(sample_path("gao-khong-vuong"))
    >>> panel["before"][:4], panel["result"].failed_rules
    (b'\\x89PNG', ('square',))
    """
    photo = read_photo(path)
    result = audit(photo, rules=rules)
    small, factor = _mask_small(_as_rgb(photo.pixels))
    frame = _bbox_from_small(small, factor, photo.pixels.shape)
    fixed, fixes = auto_fix(photo, rules=rules)
    after = audit(fixed, rules=rules)
    line = result.decision_text()
    if fixes:
        names = ", ".join(t(f"photo.fix.{f}") for f in fixes)
        line += f" {t('photo.widget.fixes', fixes=names)} → {after.summary()}"
    elif result.decision == "sửa":
        line += " " + t("photo.widget.no_fix")
    return {
        "before": _png(photo.pixels, frame=frame),
        "after": _png(fixed),
        "metrics": _metrics_table(dict(result.metrics)),
        "audit": result._repr_html_(),
        "fixes": f"<p>{html.escape(line)}</p>",
        "result": result,
    }


def _options(folder: str | os.PathLike[str] | None) -> list[tuple[str, str]]:
    if folder is None:
        return [
            (
                f"{PRODUCTS[s.product][1]} — {DEFECTS[s.defect][1]} ({s.name})",
                str(sample_path(s.name)),
            )
            for s in SAMPLES
        ]
    root = Path(folder)
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    return [(p.name, str(p)) for p in files]


def photo_checker(*, folder: str | os.PathLike[str] | None = None, rules: str = "postmart") -> Any:
    """Build the photo checker.

    Parameters
    ----------
    folder : path, optional
        Folder of photos to choose from; by default the shipped sample photos.
    rules : str, default "postmart"
        Marketplace selected at the start.

    Returns
    -------
    ipywidgets.VBox
        Display it as the last expression of a cell.
    """
    import ipywidgets as w

    photos = w.Dropdown(
        options=_options(folder),
        description=t("photo.widget.photo"),
        layout=w.Layout(width="560px"),
        style={"description_width": "80px"},
    )
    market = w.Dropdown(
        options=[(r.name, r.key) for r in RULES.values()],
        value=get_rules(rules).key,
        description=t("photo.widget.market"),
        style={"description_width": "80px"},
    )
    before = w.Image(format="png", layout=w.Layout(max_width=f"{THUMBNAIL}px"))
    after = w.Image(format="png", layout=w.Layout(max_width=f"{THUMBNAIL}px"))
    metrics = w.HTML()
    report = w.HTML()
    fixes = w.HTML()

    def update(_: object = None) -> None:
        if photos.value is None:
            return
        panel = render_panel(photos.value, rules=market.value)
        before.value, after.value = panel["before"], panel["after"]
        metrics.value, report.value, fixes.value = panel["metrics"], panel["audit"], panel["fixes"]

    photos.observe(update, names="value")
    market.observe(update, names="value")
    update()
    pictures = w.HBox(
        [
            w.VBox([w.HTML(f"<b>{html.escape(t('photo.widget.before'))}</b>"), before]),
            w.VBox([w.HTML(f"<b>{html.escape(t('photo.widget.after'))}</b>"), after]),
            metrics,
        ]
    )
    return w.VBox([w.HBox([photos, market]), pictures, fixes, report])
