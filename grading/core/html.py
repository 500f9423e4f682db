"""Inactive HTML: what a learner's outputs and markdown may show a trainer or a learner.

Feedback pages, Formgrader and the autograded notebook render HTML that came
from learner code (``display(HTML(...))``, a DataFrame's ``_repr_html_``, a
markdown cell). :func:`sanitize_html` keeps formatting (tables, lists,
emphasis, images embedded as ``data:image/...``) and removes everything
active: ``<script>``, ``<style>``, ``<iframe srcdoc>``, ``<object>``, SVG,
forms, every ``on*`` event handler, ``javascript:``/``data:text/html`` links.
:func:`sanitize_output` applies it to one nbformat output (active MIME types
such as ``application/javascript`` are dropped); :func:`active_html` says
whether a page still holds any of it (the last check before feedback is returned).
"""

from __future__ import annotations

import re
from typing import Any

from grading.core.safety import terminal_safe  # one rule; importable here too

__all__ = ["active_html", "inert_markdown", "sanitize_html", "sanitize_output", "terminal_safe"]

_TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
     "details", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
     "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
     "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
     "var"}
)  # fmt: skip
_COMMON = ("class", "title", "align", "colspan", "rowspan", "border", "width", "height")
#: Removed with everything inside them (their text is code, not prose).
_DEAD = frozenset(
    {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "template",
     "noscript", "svg", "math", "form", "textarea", "select", "button", "base", "link", "meta",
     "title", "xmp", "noembed", "noframes", "plaintext"}
)  # fmt: skip
_ATTRIBUTES = {"*": set(_COMMON), "a": {"href"}, "img": {"src", "alt"}, "details": {"open"}}
_IMAGE_DATA = re.compile(r"^data:image/(png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]*$", re.I)
_LINK = re.compile(r"^(https?:|mailto:|#|[^:]*$)", re.I)
_ACTIVE = re.compile(
    r"<\s*(script|iframe|object|embed|svg|form|base|meta|link)\b|\son[a-z]+\s*=|javascript\s*:|"
    r"srcdoc\s*=|data\s*:\s*text/html|vbscript\s*:",
    re.IGNORECASE,
)
_SAFE_MIME = ("text/plain", "text/latex", "application/json", "image/png", "image/jpeg",
              "image/gif", "image/webp")  # fmt: skip
_HTML_MIME = ("text/html", "text/markdown")


def _keep(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: the value to keep, or None to drop the attribute."""
    bare = re.sub(r"[\x00-\x20]+", "", value)
    if name in _COMMON:
        return None if _ACTIVE.search(bare) else value
    if tag == "a" and name == "href":
        return value if _LINK.match(bare) else None
    if tag == "img" and name == "src":
        return value if _IMAGE_DATA.match(bare) else None
    return value if (tag, name) in {("img", "alt"), ("details", "open")} else None


def sanitize_html(text: str) -> str:
    """``text`` with every active part of its HTML removed (an allow-list, by nh3).

    Tags outside the allow-list are dropped but keep their text; tags whose
    content is code (``<script>``, ``<style>``, ``<iframe>``, SVG, forms …) go
    with their content. Links keep only ``http(s):``, ``mailto:``, anchors and
    relative paths; images only ``data:image/…`` (nothing is fetched).

    Examples
    --------
    >>> sanitize_html('<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>')
    '<a>x</a><img>'
    >>> sanitize_html('<iframe srcdoc="<script>a()</script>"></iframe><b>đậm</b>')
    '<b>đậm</b>'
    >>> sanitize_html('<table class="dataframe"><tr><td>1</td></tr></table>')
    '<table class="dataframe"><tbody><tr><td>1</td></tr></tbody></table>'
    >>> sanitize_html('<a href="jav&#x09;ascript:x()">y</a><a href="https://postmart.vn">z</a>')
    '<a>y</a><a href="https://postmart.vn">z</a>'
    """
    import nh3

    if not isinstance(text, str):
        text = str(text)
    return nh3.clean(
        text,
        tags=set(_TAGS),
        clean_content_tags=set(_DEAD),
        attributes={k: set(v) for k, v in _ATTRIBUTES.items()},
        attribute_filter=_keep,
        url_schemes={"http", "https", "mailto", "data"},
        strip_comments=True,
        link_rel=None,
    )


def sanitize_output(output: dict[str, Any]) -> dict[str, Any]:
    """A copy of a display/execute_result output with only inert MIME data left.

    Examples
    --------
    >>> out = {"output_type": "display_data", "metadata": {},
    ...        "data": {"application/javascript": "alert(1)", "text/html": "<b onclick=x>1</b>"}}
    >>> sanitize_output(out)["data"]
    {'text/html': '<b>1</b>'}
    """
    data = output.get("data")
    if (
        output.get("output_type") not in ("display_data", "execute_result")
        or type(data) is not dict
    ):
        return output
    clean: dict[str, Any] = {}
    for mime, value in data.items():
        if mime in _HTML_MIME:
            text = "".join(value) if isinstance(value, list) else value
            clean[mime] = sanitize_html(text if isinstance(text, str) else str(text))
        elif mime in _SAFE_MIME:
            clean[mime] = value
    if not clean:
        clean["text/plain"] = "[hocso: an output of a type that can run code was removed]"
    metadata = output.get("metadata")
    return {**output, "data": clean, "metadata": metadata if type(metadata) is dict else {}}


def active_html(text: str) -> list[str]:
    """The active pieces (script tags, handlers, ``javascript:`` links) found in ``text``.

    Examples
    --------
    >>> active_html('<p>ok</p><img src=x onerror=alert(1)>')
    [' onerror=']
    """
    return [m.group(0) for m in _ACTIVE.finditer(text)]


def inert_markdown(source: str) -> str:
    r"""A markdown cell's source that renders with nothing active, as nbconvert renders it.

    The markdown is rendered (nbconvert's mistune renderer, as Formgrader and
    feedback pages do) and checked, entities decoded; when anything active
    appears (a ``javascript:`` link in any markdown form, an event handler),
    the cell becomes the sanitised HTML of its rendering. Harmless cells are
    returned unchanged, so tables, math and formatting stay as written.

    Examples
    --------
    >>> inert_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    '| a | b |\n|---|---|\n| 1 | 2 |'
    >>> for bad in ("[bấm](javascript:alert(1))", "[x][1]\n\n[1]: javascript:alert(1)",
    ...             "[x](java&#115;cript:alert(1))", "<javascript:alert(1)>"):
    ...     assert "href" not in inert_markdown(bad), bad  # the text stays, the link goes
    """
    import html as _html

    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    text = source if isinstance(source, str) else "".join(source)
    rendered = markdown2html_mistune(text)
    decoded = _html.unescape(re.sub(r"[\x00-\x20]+", "", _html.unescape(rendered)))
    if not _ACTIVE.search(rendered) and not _ACTIVE.search(decoded) and not _ACTIVE.search(text):
        return text
    return sanitize_html(rendered)
