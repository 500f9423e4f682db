"""UTM tags: read them from a link, or build a tagged link for an ad.

The five tags (``../shared/DOMAIN.md`` §2) say where a visitor came from:
``utm_source`` (facebook, zalo…), ``utm_medium`` (cpc, social, email…),
``utm_campaign`` (tet-2026…), ``utm_term`` (keyword) and ``utm_content``
(which ad). Reading is lenient (missing tags become ``missing``; key case is
ignored); building is strict (source, medium and campaign are required).

Examples
--------
>>> link = build_utm("https://postmart.vn/shop/nha-lan", source="facebook", medium="cpc",
...                  campaign="tet-2026", content="video-mat-ong")
>>> link
'https://postmart.vn/shop/nha-lan?utm_source=facebook&utm_medium=cpc&utm_campaign=tet-2026&utm_content=video-mat-ong'
>>> parse_utm(link)["utm_campaign"]
'tet-2026'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.i18n import t
from toolkit.marketing._validate import MarketingError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["UTM_KEYS", "build_utm", "parse_utm", "parse_utm_column"]

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


def parse_utm(url: str, *, missing: str = "") -> dict[str, str]:
    """The five UTM tags of a link (``missing`` for an absent tag; the first value wins).

    Examples
    --------
    >>> parse_utm("https://nhalan.vn/?UTM_Source=zalo&utm_medium=message")["utm_source"]
    'zalo'
    >>> parse_utm("https://nhalan.vn/mat-ong")["utm_medium"]
    ''
    """
    from urllib.parse import parse_qsl, urlsplit

    if not isinstance(url, str):
        raise MarketingError(t("marketing.error.bad_url", url=url))
    found = dict.fromkeys(UTM_KEYS, missing)
    seen: set[str] = set()
    for key, value in parse_qsl(urlsplit(url.strip()).query, keep_blank_values=True):
        name = key.strip().lower()
        if name in found and name not in seen:
            seen.add(name)
            found[name] = value.strip() or missing
    return found


def parse_utm_column(urls: pd.Series, *, missing: str = "") -> pd.DataFrame:
    """Parse a column of links into five UTM columns (same index as ``urls``).

    Each distinct link is parsed once, so a column of 100 000 visits with a
    few hundred distinct links is fast.

    Examples
    --------
    >>> import pandas as pd
    >>> links = pd.Series(["https://a.vn/?utm_source=zalo&utm_campaign=tet", "https://a.vn/"])
    >>> parse_utm_column(links)["utm_source"].tolist()
    ['zalo', '']
    """
    import pandas as pd

    codes, uniques = pd.factorize(urls, use_na_sentinel=True)
    parsed = [parse_utm(u, missing=missing) for u in uniques]
    table = pd.DataFrame(parsed, columns=list(UTM_KEYS))
    if (codes < 0).any():
        table.loc[len(table)] = [missing] * len(UTM_KEYS)
    out = table.iloc[codes].reset_index(drop=True)
    out.index = urls.index
    return out


def build_utm(
    url: str,
    *,
    source: str,
    medium: str,
    campaign: str,
    term: str | None = None,
    content: str | None = None,
) -> str:
    """Add UTM tags to a link (replacing any it already has; other parameters kept).

    Raises
    ------
    MarketingError
        If the link is not a full http(s) link, or source, medium or campaign is empty.

    Examples
    --------
    >>> build_utm("https://nhalan.vn/?sp=SP001", source="zalo", medium="message", campaign="tết 2026")
    'https://nhalan.vn/?sp=SP001&utm_source=zalo&utm_medium=message&utm_campaign=t%E1%BA%BFt+2026'
    >>> build_utm("nhalan.vn", source="zalo", medium="message", campaign="tet")
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: “nhalan.vn” không phải một đường link đầy đủ (cần bắt đầu bằng http:// hoặc https://).
    """
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    if not isinstance(url, str):
        raise MarketingError(t("marketing.error.bad_url", url=url))
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MarketingError(t("marketing.error.bad_url", url=url))
    tags = {}
    for key, value in (
        ("utm_source", source),
        ("utm_medium", medium),
        ("utm_campaign", campaign),
        ("utm_term", term),
        ("utm_content", content),
    ):
        text = value.strip() if isinstance(value, str) else value
        if key in UTM_KEYS[:3] and (not isinstance(text, str) or not text):
            raise MarketingError(t("marketing.error.utm_required", name=key))
        if text:
            tags[key] = str(text)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.strip().lower() not in UTM_KEYS
    ]
    query = urlencode(kept + list(tags.items()))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, parts.fragment))
