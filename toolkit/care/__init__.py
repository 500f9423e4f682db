"""Customer care: ticket KPIs, satisfaction surveys and Vietnamese review text.

Marketplaces rank a shop by how fast and how well it answers. This package
measures that from the shop's own data:

- tickets and chat messages (:mod:`~toolkit.care.tickets`): first response
  time (bots do not stop the clock), resolution time in calendar or business
  hours (:mod:`~toolkit.care.hours`, Vietnamese public holidays as a
  parameter), SLA breach rate, backlog, first-contact resolution, and the
  chat response rate as each marketplace counts it
  (:mod:`~toolkit.care.rules`);
- surveys (:mod:`~toolkit.care.surveys`): CSAT, NPS, CES;
- the shop-badge check (:func:`check_badge`);
- review text (:mod:`~toolkit.care.text`): normalisation (NFC, tone
  placement, teen-code), lexicon sentiment with negation and intensifiers,
  topic tags and the top complaints with quotes.

The datasets (tickets, chat messages, surveys, reviews and a hand-labelled
review set) come from a seeded generator linked to the shop world of
:mod:`toolkit.data`: ``data.load("tickets")``.

Names are loaded lazily: ``import toolkit.care`` imports neither pandas nor
numpy. The ipywidgets dashboard lives in :mod:`toolkit.care.widgets`.

Examples
--------
>>> from toolkit import care
>>> care.csat([5, 4, None, 2])
0.6666666666666666
>>> care.nps([10, 9, 7, 3])
25.0
>>> care.sentiment_label("sp ko ngon, giao chậm quá")
'tiêu cực'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

_EXPORTS = {
    # hours
    "ALL_DAYS": "hours",
    "OFFICE_HOURS": "hours",
    "BusinessHours": "hours",
    "business_hours": "hours",
    "calendar_hours": "hours",
    "vn_holiday_names": "hours",
    "vn_holidays": "hours",
    # rules
    "BADGES": "rules",
    "CHAT_RULES": "rules",
    "LAZADA": "rules",
    "SHOPEE": "rules",
    "SHOPEE_FAVOURITE_PLUS": "rules",
    "TIKTOK_SHOP": "rules",
    "BadgeRule": "rules",
    "ChatRule": "rules",
    "get_badge_rule": "rules",
    "get_chat_rule": "rules",
    # tickets
    "AUTHORS": "tickets",
    "CareDataError": "tickets",
    "backlog": "tickets",
    "chat_response_detail": "tickets",
    "chat_response_rate": "tickets",
    "check_messages": "tickets",
    "check_tickets": "tickets",
    "fcr": "tickets",
    "first_response_hours": "tickets",
    "kpi_table": "tickets",
    "median_p90": "tickets",
    "resolution_hours": "tickets",
    "sla_breach_rate": "tickets",
    "slowest_tickets": "tickets",
    # surveys
    "ces": "surveys",
    "csat": "surveys",
    "nps": "surveys",
    "nps_groups": "surveys",
    # badge
    "BADGE_STATS": "badge",
    "BadgeCheck": "badge",
    "BadgeResult": "badge",
    "check_badge": "badge",
    # text
    "AMBIGUOUS_WITHOUT_ACCENTS": "text",
    "SENTIMENTS": "text",
    "TOPIC_NAMES": "text",
    "normalize_text": "text",
    "sentiment_label": "text",
    "sentiment_score": "text",
    "tag_reviews": "text",
    "topic_flags": "text",
    "topic_labels": "text",
    "top_complaints": "text",
    # datasets (read them with toolkit.data.load)
    "DATA_DIR": "_datasets",
    "dataset_names": "_datasets",
}
_SUBMODULES = frozenset(
    {"badge", "tickets", "hours", "widgets", "surveys", "rules", "text", "lexicon"}
)

__all__ = [
    "ALL_DAYS",
    "AMBIGUOUS_WITHOUT_ACCENTS",
    "AUTHORS",
    "BADGES",
    "BADGE_STATS",
    "CHAT_RULES",
    "DATA_DIR",
    "LAZADA",
    "OFFICE_HOURS",
    "SENTIMENTS",
    "SHOPEE",
    "SHOPEE_FAVOURITE_PLUS",
    "TIKTOK_SHOP",
    "TOPIC_NAMES",
    "BadgeCheck",
    "BadgeResult",
    "BadgeRule",
    "BusinessHours",
    "CareDataError",
    "ChatRule",
    "backlog",
    "badge",
    "business_hours",
    "calendar_hours",
    "ces",
    "chat_response_detail",
    "chat_response_rate",
    "check_badge",
    "check_messages",
    "check_tickets",
    "csat",
    "dataset_names",
    "fcr",
    "first_response_hours",
    "get_badge_rule",
    "get_chat_rule",
    "hours",
    "kpi_table",
    "lexicon",
    "median_p90",
    "normalize_text",
    "nps",
    "nps_groups",
    "resolution_hours",
    "rules",
    "sentiment_label",
    "sentiment_score",
    "sla_breach_rate",
    "slowest_tickets",
    "surveys",
    "tag_reviews",
    "text",
    "tickets",
    "top_complaints",
    "topic_flags",
    "topic_labels",
    "vn_holiday_names",
    "vn_holidays",
    "widgets",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from toolkit.care import badge, hours, lexicon, rules, surveys, text, tickets, widgets
    from toolkit.care._datasets import DATA_DIR, dataset_names
    from toolkit.care.badge import BADGE_STATS, BadgeCheck, BadgeResult, check_badge
    from toolkit.care.hours import (
        ALL_DAYS,
        OFFICE_HOURS,
        BusinessHours,
        business_hours,
        calendar_hours,
        vn_holiday_names,
        vn_holidays,
    )
    from toolkit.care.rules import (
        BADGES,
        CHAT_RULES,
        LAZADA,
        SHOPEE,
        SHOPEE_FAVOURITE_PLUS,
        TIKTOK_SHOP,
        BadgeRule,
        ChatRule,
        get_badge_rule,
        get_chat_rule,
    )
    from toolkit.care.surveys import ces, csat, nps, nps_groups
    from toolkit.care.text import (
        AMBIGUOUS_WITHOUT_ACCENTS,
        SENTIMENTS,
        TOPIC_NAMES,
        normalize_text,
        sentiment_label,
        sentiment_score,
        tag_reviews,
        top_complaints,
        topic_flags,
        topic_labels,
    )
    from toolkit.care.tickets import (
        AUTHORS,
        CareDataError,
        backlog,
        chat_response_detail,
        chat_response_rate,
        check_messages,
        check_tickets,
        fcr,
        first_response_hours,
        kpi_table,
        median_p90,
        resolution_hours,
        sla_breach_rate,
        slowest_tickets,
    )


__getattr__, __dir__ = lazy_names(__name__, _EXPORTS, _SUBMODULES, __all__)
