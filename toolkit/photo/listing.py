"""Listing-readiness audit: does a photo pass a marketplace's rules?

:func:`audit` checks one photo and returns an :class:`AuditResult` (each
rule, pass or fail, the measured value and Vietnamese advice), which renders
as a table in a notebook. :func:`audit_folder` checks every photo of a shop's
folder and returns a DataFrame, one row per file; files that cannot be read
become rows with their error instead of stopping the batch.

Examples
--------
>>> import numpy as np
>>> image = np.full((1000, 1000, 3), 250, dtype=np.uint8)
>>> image[80:920, 300:700] = (150, 80, 20)  # a plain amber bottle: no detail, so not sharp
>>> result = audit(image, rules="lazada")
>>> result.failed_rules
('sharpness',)
>>> result["fill"].passed, round(result["fill"].value, 2)
(True, 0.84)
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from toolkit.i18n import t
from toolkit.photo import _messages  # noqa: F401  (registers the photo.* messages)
from toolkit.photo._load import IMAGE_SUFFIXES, Photo, PhotoError, read_photo
from toolkit.photo.metrics import measure
from toolkit.photo.rules import RESHOOT_RULES, Rules, decision, get_rules

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["METRIC_COLUMNS", "RULE_ORDER", "AuditResult", "Check", "audit", "audit_folder"]

#: Every rule key, in the order the audit reports them.
RULE_ORDER = (
    "size",
    "max_size",
    "square",
    "format",
    "file_size",
    "white_background",
    "plain_background",
    "product",
    "fill",
    "centred",
    "sharpness",
    "brightness",
    "exposure",
    "colour_cast",
    "noise",
)

#: Metric columns of :func:`audit_folder`, in order.
METRIC_COLUMNS = (
    "width",
    "height",
    "file_size",
    "aspect_ratio",
    "brightness",
    "rms_contrast",
    "sharpness",
    "tenengrad",
    "noise",
    "colourfulness",
    "colour_cast",
    "clipping",
    "whiteness",
    "background_std",
    "background_brightness",
    "fill",
    "fill_area",
    "centre_offset",
)


@dataclass(frozen=True)
class Check:
    """One rule applied to one photo.

    Attributes
    ----------
    rule : str
        Rule key (see :data:`RULE_ORDER`).
    label : str
        The rule's name for learners.
    passed : bool or None
        ``None`` when the rule cannot be checked (no file for a file-size rule).
    value : float or None
        The measured number the rule compares.
    measured : str
        The value formatted for reading (``"84 %"``).
    limit : str
        The requirement formatted for reading (``"≥ 80 %"``).
    advice : str
        What to do, in Vietnamese; ``"Đạt."`` when passed.
    """

    rule: str
    label: str
    passed: bool | None
    value: float | None
    measured: str
    limit: str
    advice: str


@dataclass(frozen=True)
class AuditResult:
    """The audit of one photo against one rule set.

    Attributes
    ----------
    name : str
        The photo's file name (or ``"ảnh"``).
    rules : Rules
        The rule set applied.
    checks : tuple of Check
        One per rule that the rule set enables, in :data:`RULE_ORDER`.
    metrics : dict
        Everything :func:`~toolkit.photo.measure` returned, plus ``file_size``.
    """

    name: str
    rules: Rules
    checks: tuple[Check, ...]
    metrics: Mapping[str, float | int | None] = field(repr=False, hash=False, compare=False)

    @property
    def passed(self) -> bool:
        """``True`` when no rule failed (skipped rules do not count)."""
        return not self.failed

    @property
    def failed(self) -> tuple[Check, ...]:
        """The checks that failed."""
        return tuple(c for c in self.checks if c.passed is False)

    @property
    def failed_rules(self) -> tuple[str, ...]:
        """Keys of the rules that failed, in :data:`RULE_ORDER`."""
        return tuple(c.rule for c in self.failed)

    @property
    def decision(self) -> str:
        """``"đạt"``, ``"sửa"`` or ``"chụp lại"`` (:func:`~toolkit.photo.decision`)."""
        return decision(self.failed_rules)

    def decision_text(self) -> str:
        """The decision as one Vietnamese sentence, naming the rules that force a reshoot."""
        lost = ", ".join(c.label.lower() for c in self.failed if c.rule in RESHOOT_RULES)
        return t(f"photo.decision.{self.decision}", rules=lost)

    def __getitem__(self, rule: str) -> Check:
        for check in self.checks:
            if check.rule == rule:
                return check
        raise KeyError(rule)

    def summary(self) -> str:
        """One Vietnamese sentence: ready, or which rules fail."""
        if self.passed:
            return t("photo.report.passed", total=len(self.checks), market=self.rules.name)
        return t(
            "photo.report.failed",
            failed=len(self.failed),
            total=len(self.checks),
            market=self.rules.name,
            rules=", ".join(c.label.lower() for c in self.failed),
        )

    def to_frame(self) -> pd.DataFrame:
        """The checks as a DataFrame, one row per rule."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "rule": c.rule,
                    "label": c.label,
                    "passed": c.passed,
                    "value": c.value,
                    "measured": c.measured,
                    "limit": c.limit,
                    "advice": c.advice,
                }
                for c in self.checks
            ]
        )

    def __str__(self) -> str:
        lines = [t("photo.report.title", name=self.name, market=self.rules.name), self.summary()]
        for c in self.checks:
            mark = {True: "✅", False: "❌", None: "➖"}[c.passed]
            lines.append(f"{mark} {c.label}: {c.measured} ({c.limit})")
            if c.passed is False:
                lines.append(f"   → {c.advice}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(
            f"<th style='text-align:left;padding:2px 8px'>{esc(t(f'photo.report.{k}'))}</th>"
            for k in ("rule", "result", "measured", "limit", "advice")
        )
        rows = []
        for c in self.checks:
            mark, key, colour = {
                True: ("✅", "ok", "#1b5e20"),
                False: ("❌", "fail", "#b71c1c"),
                None: ("➖", "na", "#616161"),
            }[c.passed]
            advice = "" if c.passed else esc(c.advice)
            cells = (
                esc(c.label),
                f"<span style='color:{colour}'>{mark} {esc(t(f'photo.report.{key}'))}</span>",
                esc(c.measured),
                esc(c.limit),
                advice,
            )
            styles = ("", "white-space:nowrap;", "white-space:nowrap;", "white-space:nowrap;", "")
            rows.append(
                "<tr>"
                + "".join(
                    f"<td style='text-align:left;padding:2px 8px;{style}'>{x}</td>"
                    for style, x in zip(styles, cells, strict=True)
                )
                + "</tr>"
            )
        title = esc(t("photo.report.title", name=self.name, market=self.rules.name))
        return (
            f"<div><p><b>{title}</b><br>{esc(self.summary())}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )


# ------------------------------------------------------------------------ formatting


def _num(value: float, decimals: int = 0) -> str:
    from toolkit.vn import format_number

    return format_number(value, decimals=decimals)


def _pct(value: float) -> str:
    from toolkit.vn import format_percent

    return format_percent(value, decimals=0)


def _mb(size: int) -> str:
    return f"{_num(size / 1e6, 2)} MB"


def _check(
    rule: str,
    passed: bool | None,
    value: float | None,
    measured: str,
    requirement: str,
    market: str,
    **advice_fields: object,
) -> Check:
    if passed is None:
        advice = t("photo.advice.not_applicable")
    elif passed:
        advice = t("photo.advice.pass")
    else:
        fields = {"found": measured, "limit": requirement.lstrip("≥≤ "), "market": market}
        fields.update(advice_fields)
        advice = t(f"photo.advice.{rule}", **fields)
    return Check(
        rule=rule,
        label=t(f"photo.rule.{rule}"),
        passed=None if passed is None else bool(passed),
        value=None if value is None else float(value),
        measured=measured,
        limit=requirement,
        advice=advice,
    )


def _checks(m: Mapping[str, Any], r: Rules) -> tuple[Check, ...]:
    """Apply every enabled rule of ``r`` to the metrics ``m``, in :data:`RULE_ORDER`."""
    width, height, market = int(m["width"]), int(m["height"]), r.name
    size_text = f"{width}×{height} px"
    out: list[Check] = []
    out.append(
        _check(
            "size",
            min(width, height) >= r.min_side,
            min(width, height),
            size_text,
            f"≥ {r.min_side}×{r.min_side} px",
            market,
            width=width,
            height=height,
            limit=r.min_side,
        )
    )
    if r.max_side is not None:
        out.append(
            _check(
                "max_size",
                max(width, height) <= r.max_side,
                max(width, height),
                size_text,
                f"≤ {r.max_side}×{r.max_side} px",
                market,
                width=width,
                height=height,
                limit=r.max_side,
            )
        )
    if r.square_tolerance is not None:
        ratio = width / height
        out.append(
            _check(
                "square",
                abs(ratio - 1.0) <= r.square_tolerance,
                ratio,
                f"{_num(ratio, 2)} ({size_text})",
                f"1:1 (± {_pct(r.square_tolerance)})",
                market,
                ratio=_num(ratio, 2),
            )
        )
    if r.formats is not None:
        fmt = m.get("format")
        out.append(
            _check(
                "format",
                None if fmt is None else fmt in r.formats,
                None,
                fmt or "—",
                ", ".join(r.formats),
                market,
                formats=", ".join(r.formats),
            )
        )
    if r.max_file_bytes is not None:
        size = m.get("file_size")
        out.append(
            _check(
                "file_size",
                None if size is None else size <= r.max_file_bytes,
                size,
                "—" if size is None else _mb(size),
                f"≤ {_mb(r.max_file_bytes)}",
                market,
            )
        )
    if r.white_background:
        out.append(
            _check(
                "white_background",
                m["whiteness"] >= r.min_whiteness,
                m["whiteness"],
                _pct(m["whiteness"]),
                f"≥ {_pct(r.min_whiteness)}",
                market,
            )
        )
    plain = r.max_background_std is None or m["background_std"] <= r.max_background_std
    if r.max_background_std is not None:
        out.append(_limit("plain_background", m["background_std"], r.max_background_std, "max",
                          _num, market))  # fmt: skip
    found = bool(m.get("product_found", True))
    out.append(
        _check(
            "product",
            found,
            None,
            t("photo.measured.found") if found else t("photo.measured.not_found"),
            t("photo.limit.found"),
            market,
        )
    )
    for rule, metric, limit, kind, fmt in (
        ("fill", "fill", r.min_fill, "min", _pct),
        ("centred", "centre_offset", r.max_centre_offset, "max", _pct),
    ):
        if limit is not None:
            out.append(_limit(rule, m[metric], limit, kind, fmt, market, measurable=found))
    if r.min_sharpness is not None:
        out.append(_limit("sharpness", m["sharpness"], r.min_sharpness, "min", _num, market))
    out.extend(_brightness(m, r, found=found, plain=plain))
    if r.max_clipping is not None:
        out.append(
            _limit("exposure", m["clipping"], r.max_clipping, "max", _pct, market, measurable=found)
        )
    if r.max_colour_cast is not None:
        out.append(
            _limit(
                "colour_cast", m["colour_cast"], r.max_colour_cast, "max", _pct, market,
                measurable=plain, reason="photo.advice.busy_background",
            )
        )  # fmt: skip
    if r.max_noise is not None:
        out.append(_limit("noise", m["noise"], r.max_noise, "max", lambda v: _num(v, 1), market))
    return tuple(out)


def _limit(
    rule: str,
    value: float,
    limit: float,
    kind: str,
    fmt: Any,
    market: str,
    *,
    measurable: bool = True,
    reason: str = "photo.advice.no_product",
) -> Check:
    """A rule comparing one metric with a limit; not checked (``None``) when not measurable."""
    sign = "≥" if kind == "min" else "≤"
    if not measurable:
        return Check(
            rule=rule,
            label=t(f"photo.rule.{rule}"),
            passed=None,
            value=None,
            measured="—",
            limit=f"{sign} {fmt(limit)}",
            advice=t(reason),
        )
    value = float(value)
    passed = value >= limit if kind == "min" else value <= limit
    return _check(rule, passed, value, fmt(value), f"{sign} {fmt(limit)}", market)


def _brightness(m: Mapping[str, Any], r: Rules, *, found: bool, plain: bool) -> list[Check]:
    """The light: on a plain backdrop when the product is found, else on the whole photo.

    A dark product on a white backdrop lowers the photo's mean although the
    photo is well lit; the backdrop tells the truth about the light.
    """
    on_backdrop = found and plain and r.min_background_brightness is not None
    if on_backdrop:
        value, limit = float(m["background_brightness"]), float(r.min_background_brightness)
        where = "backdrop"
    elif r.min_brightness is not None:
        value, limit = float(m["brightness"]), float(r.min_brightness)
        where = "photo"
    else:
        return []
    measured = t(f"photo.measured.{where}", value=_num(value))
    requirement = t(f"photo.limit.{where}", limit=_num(limit))
    return [
        _check(
            "brightness",
            value >= limit,
            value,
            measured,
            requirement,
            r.name,
            found=_num(value),
            limit=_num(limit),
            where=t(f"photo.where.{where}"),
        )
    ]


# ------------------------------------------------------------------------ audit


#: Metrics of photo files already measured in this process, by (path, size, mtime).
_MEASURED: dict[tuple[str, int, int], tuple[str, dict[str, Any]]] = {}
_MEASURED_MAX = 512


def _metrics_of(photo: Any) -> tuple[str, dict[str, Any]]:
    """Read (if needed) and measure; returns the display name and the metrics.

    A file is measured once per process: the metrics of an unchanged file (same
    path, size and modification time) are reused, so auditing a folder again
    with other rules, or in the next question of a notebook, costs nothing.
    """
    if isinstance(photo, (str, os.PathLike)):
        path = Path(photo)
        try:
            stat = path.stat()
        except OSError:
            stat = None
        if stat is not None:
            key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
            if key not in _MEASURED:
                if len(_MEASURED) >= _MEASURED_MAX:
                    _MEASURED.clear()
                _MEASURED[key] = _metrics_of(read_photo(path))
            name, metrics = _MEASURED[key]
            return name, dict(metrics)
    if isinstance(photo, (str, os.PathLike)) or hasattr(photo, "read"):
        photo = read_photo(photo)
    elif type(photo).__module__.startswith("PIL."):
        photo = read_photo(photo)
    if isinstance(photo, Photo):
        metrics: dict[str, Any] = dict(measure(photo))
        metrics["format"], metrics["file_size"] = photo.format, photo.file_size
        return photo.name, metrics
    metrics = dict(measure(np.asarray(photo)))
    metrics["format"], metrics["file_size"] = None, None
    return "ảnh", metrics


def audit(photo: Any, *, rules: str | Rules = "postmart") -> AuditResult:
    """Check one photo against a marketplace's rules.

    Parameters
    ----------
    photo : path, Photo, PIL.Image.Image or array_like
        The photo. From a file, the size and format are read from the file's
        header and the metrics from a reduced working copy; from an array,
        the file-size and format rules are skipped.
    rules : str or Rules, default "postmart"
        ``"postmart"``, ``"shopee"``, ``"lazada"``, ``"tiktok"`` or a :class:`Rules`.

    Returns
    -------
    AuditResult

    Raises
    ------
    FileNotFoundError, PhotoError
        If the file cannot be read.
    ValueError
        For an unknown rule set or an array that is not an image.

    Examples
    --------
    >>> from toolkit.photo import sample_path
    >>> result = audit(sample_path("tra-it-diem-anh"), rules="tiktok")
    >>> result.passed, result.failed_rules
    (False, ('size',))
    >>> print(result["size"].advice)  # doctest: +ELLIPSIS
    Ảnh chỉ 480×480 px, nhỏ hơn mức tối thiểu 600×600 px của TikTok Shop. ...
    """
    rule_set = get_rules(rules)
    name, metrics = _metrics_of(photo)
    return AuditResult(
        name=name, rules=rule_set, checks=_checks(metrics, rule_set), metrics=metrics
    )


def _photo_files(folder: Path, recursive: bool) -> list[Path]:
    pattern = "**/*" if recursive else "*"
    return sorted(
        p
        for p in folder.glob(pattern)
        if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")
    )


def audit_folder(
    folder: str | os.PathLike[str],
    *,
    rules: str | Rules = "postmart",
    progress: bool = True,
    recursive: bool = False,
) -> pd.DataFrame:
    """Audit every photo in a folder; one row per file, never stopping on a bad file.

    Parameters
    ----------
    folder : path
        The shop's photo folder. Files whose extension is that of an image
        (``.jpg``, ``.jpeg``, ``.png``, ``.webp``, …) are audited.
    rules : str or Rules, default "postmart"
        The rule set.
    progress : bool, default True
        Show a progress bar (tqdm) with counts and time left.
    recursive : bool, default False
        Include sub-folders.

    Returns
    -------
    pandas.DataFrame
        Columns ``file`` (path relative to ``folder``), ``passed``,
        ``n_failed``, ``failed_rules`` (keys separated by ``;``), ``error``
        (Vietnamese message, empty when the file was read), then the metrics
        of :data:`METRIC_COLUMNS` (missing for unreadable files). A file that
        cannot be read has ``passed`` False and its message in ``error``.

    Raises
    ------
    FileNotFoundError
        If ``folder`` is not a folder.

    Examples
    --------
    >>> from toolkit.photo import SAMPLES_DIR
    >>> df = audit_folder(SAMPLES_DIR, rules="shopee", progress=False)
    >>> len(df) >= 24, bool(df["error"].eq("").all())
    (True, True)
    """
    import pandas as pd
    from tqdm.auto import tqdm

    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(t("photo.error.folder", name=str(root)))
    rule_set = get_rules(rules)
    files = _photo_files(root, recursive)
    rows = []
    for path in tqdm(files, desc=t("photo.report.progress"), unit=" ảnh", disable=not progress):
        row: dict[str, Any] = {"file": path.relative_to(root).as_posix()}
        try:
            _, metrics = _metrics_of(path)
            checks = _checks(metrics, rule_set)
        except (PhotoError, OSError, ValueError) as exc:
            row.update(passed=False, n_failed=np.nan, failed_rules="", error=str(exc))
            rows.append(row)
            continue
        failed = [c.rule for c in checks if c.passed is False]
        row.update(passed=not failed, n_failed=len(failed), failed_rules=";".join(failed), error="")
        row.update({k: metrics.get(k) for k in METRIC_COLUMNS})
        rows.append(row)
    columns = ["file", "passed", "n_failed", "failed_rules", "error", *METRIC_COLUMNS]
    frame = pd.DataFrame(rows, columns=columns)
    frame["passed"] = frame["passed"].astype(bool)
    frame["n_failed"] = frame["n_failed"].astype("Int64")
    for column in ("width", "height", "file_size"):
        frame[column] = frame[column].astype("Int64")
    for column in METRIC_COLUMNS[3:]:
        frame[column] = frame[column].astype(float)
    return frame
