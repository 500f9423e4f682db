"""Product photos: metrics, the listing-readiness audit, fixes and sample photos.

A seller's first job on Postmart is a cover photo that passes the
marketplace's rules and makes a buyer stop scrolling. This package measures a
photo (:mod:`~toolkit.photo.metrics`), checks it against a marketplace's rules
(:func:`audit`, :func:`audit_folder`, :mod:`~toolkit.photo.rules`), repairs
what can be repaired (:mod:`~toolkit.photo.fixes`) and ships photos of the
shop's products with known defects (:func:`sample_names`, :func:`load_sample`).

Names are loaded lazily: ``import toolkit.photo`` imports neither Pillow nor
pandas; they are imported the first time a function needs them. The
ipywidgets photo checker lives in :mod:`toolkit.photo.widgets`, for notebooks.

Examples
--------
>>> from toolkit import photo
>>> result = photo.audit(photo.sample_path("mat-ong-chuan"), rules="postmart")
>>> result.passed
True
>>> photo.audit(photo.sample_path("mat-ong-mo"), rules="postmart").failed_rules
('sharpness',)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

_EXPORTS = {
    # loading
    "MAX_PIXELS": "_load",
    "WORKING_SIDE": "_load",
    "Photo": "_load",
    "PhotoError": "_load",
    "load_image": "_load",
    "read_photo": "_load",
    # metrics
    "aspect_ratio": "metrics",
    "background_std": "metrics",
    "background_whiteness": "metrics",
    "brightness": "metrics",
    "centre_offset": "metrics",
    "colour_cast": "metrics",
    "colourfulness": "metrics",
    "exposure_clipping": "metrics",
    "fill_area_ratio": "metrics",
    "fill_ratio": "metrics",
    "grey_world_gains": "metrics",
    "luma": "metrics",
    "measure": "metrics",
    "noise_sigma": "metrics",
    "pixel_size": "metrics",
    "product_bbox": "metrics",
    "product_found": "metrics",
    "product_mask": "metrics",
    "rms_contrast": "metrics",
    "sharpness": "metrics",
    "tenengrad": "metrics",
    # rules and audit
    "LAZADA": "rules",
    "POSTMART": "rules",
    "RULES": "rules",
    "SHOPEE": "rules",
    "TIKTOK_SHOP": "rules",
    "Rules": "rules",
    "get_rules": "rules",
    "FIXABLE_RULES": "rules",
    "RESHOOT_RULES": "rules",
    "decision": "rules",
    "AuditResult": "listing",
    "Check": "listing",
    "audit": "listing",
    "audit_folder": "listing",
    # fixes
    "SavedPhoto": "fixes",
    "auto_fix": "fixes",
    "crop_to_product": "fixes",
    "pad_to_square": "fixes",
    "resize_for": "fixes",
    "save_for": "fixes",
    "white_balance": "fixes",
    # sample photos
    "SAMPLES_DIR": "_samples",
    "load_sample": "_samples",
    "sample_manifest": "_samples",
    "sample_names": "_samples",
    "sample_path": "_samples",
    "shop_folder": "_samples",
    "own_photo": "_samples",
}
_SUBMODULES = frozenset({"fixes", "listing", "metrics", "rules", "widgets"})

__all__ = [
    "FIXABLE_RULES",
    "LAZADA",
    "MAX_PIXELS",
    "POSTMART",
    "RESHOOT_RULES",
    "RULES",
    "SAMPLES_DIR",
    "SHOPEE",
    "TIKTOK_SHOP",
    "WORKING_SIDE",
    "AuditResult",
    "Check",
    "Photo",
    "PhotoError",
    "Rules",
    "SavedPhoto",
    "aspect_ratio",
    "audit",
    "audit_folder",
    "auto_fix",
    "background_std",
    "background_whiteness",
    "brightness",
    "centre_offset",
    "colour_cast",
    "colourfulness",
    "crop_to_product",
    "decision",
    "exposure_clipping",
    "fill_area_ratio",
    "fill_ratio",
    "fixes",
    "get_rules",
    "grey_world_gains",
    "listing",
    "load_image",
    "load_sample",
    "luma",
    "measure",
    "metrics",
    "noise_sigma",
    "own_photo",
    "pad_to_square",
    "pixel_size",
    "product_bbox",
    "product_found",
    "product_mask",
    "read_photo",
    "resize_for",
    "rms_contrast",
    "rules",
    "sample_manifest",
    "sample_names",
    "sample_path",
    "save_for",
    "sharpness",
    "shop_folder",
    "tenengrad",
    "white_balance",
    "widgets",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from toolkit.photo import fixes, listing, metrics, rules, widgets
    from toolkit.photo._load import (
        MAX_PIXELS,
        WORKING_SIDE,
        Photo,
        PhotoError,
        load_image,
        read_photo,
    )
    from toolkit.photo._samples import (
        SAMPLES_DIR,
        load_sample,
        own_photo,
        sample_manifest,
        sample_names,
        sample_path,
        shop_folder,
    )
    from toolkit.photo.fixes import (
        SavedPhoto,
        auto_fix,
        crop_to_product,
        pad_to_square,
        resize_for,
        save_for,
        white_balance,
    )
    from toolkit.photo.listing import AuditResult, Check, audit, audit_folder
    from toolkit.photo.metrics import (
        aspect_ratio,
        background_std,
        background_whiteness,
        brightness,
        centre_offset,
        colour_cast,
        colourfulness,
        exposure_clipping,
        fill_area_ratio,
        fill_ratio,
        grey_world_gains,
        luma,
        measure,
        noise_sigma,
        pixel_size,
        product_bbox,
        product_found,
        product_mask,
        rms_contrast,
        sharpness,
        tenengrad,
    )
    from toolkit.photo.rules import (
        FIXABLE_RULES,
        LAZADA,
        POSTMART,
        RESHOOT_RULES,
        RULES,
        SHOPEE,
        TIKTOK_SHOP,
        Rules,
        decision,
        get_rules,
    )


__getattr__, __dir__ = lazy_names(__name__, _EXPORTS, _SUBMODULES, __all__)
