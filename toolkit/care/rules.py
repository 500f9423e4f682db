"""How each marketplace counts chat response, and what its shop badges ask.

Marketplaces change these numbers and rarely publish all of them, so every
number is a field of a frozen dataclass with its *source kind* (``"official"``,
``"third-party summary"`` or ``"our assumption"``) and its year, never a
constant buried in a formula. Change one for a class exercise with
``SHOPEE.replace(reply_within_hours=6)``.

Examples
--------
>>> SHOPEE.window_days, SHOPEE.reply_within_hours, SHOPEE.min_messages
(90, 12.0, 2)
>>> get_chat_rule("tiktok shop") is TIKTOK_SHOP
True
>>> SHOPEE_FAVOURITE_PLUS.min_rating, SHOPEE_FAVOURITE_PLUS.min_chat_response
(4.8, 0.9)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.i18n import t

__all__ = [
    "BADGES",
    "CHAT_RULES",
    "LAZADA",
    "SHOPEE",
    "SHOPEE_FAVOURITE_PLUS",
    "TIKTOK_SHOP",
    "BadgeRule",
    "ChatRule",
    "get_badge_rule",
    "get_chat_rule",
    "source_label",
]

_SOURCE_KEYS = {
    "official": "care.source.official",
    "third-party summary": "care.source.third_party",
    "our assumption": "care.source.ours",
}


def source_label(kind: str) -> str:
    """A rule's source kind as a learner reads it (Vietnamese unless ``HOCSO_LANG=en``).

    The field keeps its stable English value; an unknown kind is shown as it is.

    Examples
    --------
    >>> source_label("third-party summary")
    'tổng hợp của bên thứ ba (hướng dẫn cho người bán)'
    >>> source_label("sách của lớp")
    'sách của lớp'
    """
    key = _SOURCE_KEYS.get(kind)
    return t(key) if key else kind


@dataclass(frozen=True)
class ChatRule:
    """How one marketplace computes a shop's chat response rate.

    A *chat* is one conversation (one ticket). It is counted when its first
    customer message falls in the last ``window_days`` days and it holds at
    least ``min_messages`` customer messages; it is *replied* when a seller
    message (a bot's auto-reply only if ``exclude_auto_replies`` is false)
    comes within ``reply_within_hours`` of the first customer message, or
    before the end of that calendar day when ``same_day`` is true.

    Attributes
    ----------
    key, name : str
        Identifier and display name.
    window_days : int
        Length of the rolling window, in days, ending at the date of the report.
    reply_within_hours : float
        Deadline for the first reply (ignored when ``same_day``).
    min_messages : int
        Customer messages a chat needs to be counted.
    exclude_auto_replies : bool
        Bot auto-replies do not count as replies.
    same_day : bool
        The reply must come on the same calendar day.
    target : float
        Rate the marketplace expects of a good shop (0–1).
    source_kind : str
        ``"official"``, ``"third-party summary"`` or ``"our assumption"``.
    year : int
        Year of the source.
    source : str
        Where the numbers come from.
    """

    key: str
    name: str
    window_days: int
    reply_within_hours: float
    min_messages: int = 1
    exclude_auto_replies: bool = True
    same_day: bool = False
    target: float = 0.9
    source_kind: str = "our assumption"
    year: int = 2025
    source: str = ""

    @property
    def source_label(self) -> str:
        """:attr:`source_kind` in the learner's language (see :func:`source_label`)."""
        return source_label(self.source_kind)

    def replace(self, **changes: object) -> ChatRule:
        """A copy with some fields changed.

        Examples
        --------
        >>> SHOPEE.replace(reply_within_hours=6).reply_within_hours
        6
        """
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


SHOPEE = ChatRule(
    key="shopee",
    name="Shopee",
    window_days=90,
    reply_within_hours=12.0,
    min_messages=2,
    exclude_auto_replies=True,
    target=0.9,
    source_kind="third-party summary",
    year=2025,
    source=(
        "Seller guides summarising Shopee's seller centre (2024–2026): replied chats ÷ chats "
        "over the last 90 days, a reply counts within 12 h, auto-replies excluded, a chat needs "
        "≥ 2 messages to count (we read: from the customer), updated daily. 90 % is the "
        "'Shop Yêu Thích+' level quoted there (another guide says 80 %)."
    ),
)
"""Shopee Việt Nam, from third-party seller guides (2024–2026)."""

TIKTOK_SHOP = ChatRule(
    key="tiktok",
    name="TikTok Shop",
    window_days=30,
    reply_within_hours=12.0,
    min_messages=1,
    exclude_auto_replies=True,
    target=0.9,
    source_kind="third-party summary",
    year=2025,
    source=(
        "Third-party summaries of TikTok Shop seller rules (2025): ≥ 90 % of chats answered "
        "within 12 h. The window length is not stated there: 30 days is our assumption."
    ),
)
"""TikTok Shop, from third-party summaries (2025); the 30-day window is our assumption."""

LAZADA = ChatRule(
    key="lazada",
    name="Lazada",
    window_days=30,
    reply_within_hours=24.0,
    min_messages=1,
    exclude_auto_replies=True,
    same_day=True,
    target=0.85,
    source_kind="third-party summary",
    year=2025,
    source=(
        "Third-party summaries of Lazada seller rules (2025): ≥ 85 % of chats answered the "
        "same day. The window length is not stated there: 30 days is our assumption."
    ),
)
"""Lazada, from third-party summaries (2025); the 30-day window is our assumption."""

#: Every chat rule set by key.
CHAT_RULES: dict[str, ChatRule] = {r.key: r for r in (SHOPEE, TIKTOK_SHOP, LAZADA)}


@dataclass(frozen=True)
class BadgeRule:
    """What a marketplace badge asks of a shop.

    A limit set to ``None`` is not checked. Rates are shares (0–1).

    Attributes
    ----------
    key, name : str
        Identifier and display name (``"Shop Yêu Thích+"``).
    min_rating : float or None
        Average star rating at least this.
    min_chat_response : float or None
        Chat response rate at least this.
    max_preparation_days : float or None
        Average order preparation time below this many days.
    max_late_or_cancelled : float or None
        Share of cancelled or late orders below this.
    source_kind, year, source
        As in :class:`ChatRule`.
    """

    key: str
    name: str
    min_rating: float | None = None
    min_chat_response: float | None = None
    max_preparation_days: float | None = None
    max_late_or_cancelled: float | None = None
    source_kind: str = "our assumption"
    year: int = 2025
    source: str = ""

    @property
    def source_label(self) -> str:
        """:attr:`source_kind` in the learner's language (see :func:`source_label`)."""
        return source_label(self.source_kind)

    def replace(self, **changes: object) -> BadgeRule:
        """A copy with some limits changed.

        Examples
        --------
        >>> SHOPEE_FAVOURITE_PLUS.replace(min_chat_response=0.8).min_chat_response
        0.8
        """
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


SHOPEE_FAVOURITE_PLUS = BadgeRule(
    key="shopee_yeu_thich_plus",
    name="Shop Yêu Thích+ (Shopee)",
    min_rating=4.8,
    min_chat_response=0.9,
    max_preparation_days=1.5,
    max_late_or_cancelled=0.03,
    source_kind="third-party summary",
    year=2025,
    source=(
        "Seller guides quoting Shopee's 'Shop Yêu Thích+' criteria (2024–2026): rating ≥ 4.8, "
        "chat response ≥ 90 % (another guide: ≥ 80 %), preparation time < 1.5 days, "
        "cancelled or late orders < 3 %."
    ),
)
"""Shopee's "Shop Yêu Thích+", from third-party seller guides (2024–2026)."""

#: Every badge rule set by key.
BADGES: dict[str, BadgeRule] = {SHOPEE_FAVOURITE_PLUS.key: SHOPEE_FAVOURITE_PLUS}


def _key(name: object) -> str:
    return str(name).strip().lower().replace(" ", "").replace("_", "").replace("-", "")


def get_chat_rule(rule: str | ChatRule) -> ChatRule:
    """Look up a chat rule set by key (``"shopee"``, ``"tiktok"``, ``"lazada"``).

    Examples
    --------
    >>> get_chat_rule("Shopee").name
    'Shopee'
    >>> get_chat_rule("sendo")
    Traceback (most recent call last):
    ...
    ValueError: Không có bộ quy định 'sendo'. Các bộ có sẵn: shopee, tiktok, lazada.
    """
    if isinstance(rule, ChatRule):
        return rule
    key = {"tiktokshop": "tiktok"}.get(_key(rule), _key(rule))
    if key not in CHAT_RULES:
        raise ValueError(t("care.error.rules", name=rule, options=", ".join(CHAT_RULES)))
    return CHAT_RULES[key]


def get_badge_rule(rule: str | BadgeRule) -> BadgeRule:
    """Look up a badge rule set by key.

    Examples
    --------
    >>> get_badge_rule("shopee_yeu_thich_plus") is SHOPEE_FAVOURITE_PLUS
    True
    """
    if isinstance(rule, BadgeRule):
        return rule
    by_key = {_key(k): v for k, v in BADGES.items()}
    if _key(rule) not in by_key:
        raise ValueError(t("care.error.rules", name=rule, options=", ".join(BADGES)))
    return by_key[_key(rule)]
