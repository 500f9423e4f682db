"""Does the shop qualify for a marketplace badge? One check per criterion.

Examples
--------
>>> result = check_badge({"rating": 4.9, "chat_response_rate": 0.86,
...                       "preparation_days": 1.2, "late_or_cancelled_rate": 0.02})
>>> result.passed, result.failed
(False, ('chat_response_rate',))
>>> print(result)
❌ Chưa đạt Shop Yêu Thích+ (Shopee): tỉ lệ phản hồi chat 86,0 % (cần ≥ 90,0 %).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from toolkit import vn
from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.care.rules import SHOPEE_FAVOURITE_PLUS, BadgeRule, get_badge_rule
from toolkit.i18n import t

__all__ = ["BADGE_STATS", "BadgeCheck", "BadgeResult", "check_badge"]

#: statistic -> (rule field, "min" or "max", Vietnamese label, shown as percent)
BADGE_STATS: dict[str, tuple[str, str, str, bool]] = {
    "rating": ("min_rating", "min", "điểm đánh giá", False),
    "chat_response_rate": ("min_chat_response", "min", "tỉ lệ phản hồi chat", True),
    "preparation_days": ("max_preparation_days", "max", "thời gian chuẩn bị hàng (ngày)", False),
    "late_or_cancelled_rate": ("max_late_or_cancelled", "max", "tỉ lệ đơn hủy hoặc giao trễ", True),
}


@dataclass(frozen=True)
class BadgeCheck:
    """One criterion: the shop's value, the limit and whether it passes."""

    stat: str
    label: str
    value: float
    limit: float
    kind: str
    passed: bool
    percent: bool

    def describe(self) -> str:
        """Vietnamese one-liner, e.g. ``tỉ lệ phản hồi chat 86,0 % (cần ≥ 90,0 %)``."""

        def show(x: float) -> str:
            return vn.format_percent(x) if self.percent else vn.format_number(x, decimals=2)

        sign = "≥" if self.kind == "min" else "<"
        return f"{self.label} {show(self.value)} (cần {sign} {show(self.limit)})"


@dataclass(frozen=True)
class BadgeResult:
    """The outcome of :func:`check_badge`."""

    badge: str
    checks: tuple[BadgeCheck, ...]

    @property
    def passed(self) -> bool:
        """True when every criterion passes."""
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> tuple[str, ...]:
        """Statistics that fail, in rule order."""
        return tuple(c.stat for c in self.checks if not c.passed)

    def __str__(self) -> str:
        if self.passed:
            return t("care.badge.passed", badge=self.badge)
        failed = "; ".join(c.describe() for c in self.checks if not c.passed)
        return t("care.badge.failed", badge=self.badge, failed=failed)


def check_badge(
    stats: Mapping[str, float], rules: str | BadgeRule = SHOPEE_FAVOURITE_PLUS
) -> BadgeResult:
    """Check a shop's statistics against a badge's rule set.

    Parameters
    ----------
    stats : mapping
        ``rating`` (average stars), ``chat_response_rate`` (0–1),
        ``preparation_days`` and ``late_or_cancelled_rate`` (0–1); only the
        ones the rule set limits are needed.
    rules : str or BadgeRule, default SHOPEE_FAVOURITE_PLUS
        The badge (:data:`~toolkit.care.rules.BADGES`).

    Returns
    -------
    BadgeResult
        ``passed``, ``failed`` and one :class:`BadgeCheck` per criterion.
        A minimum passes at or above the limit; a maximum passes strictly below.

    Raises
    ------
    KeyError
        When a statistic the rule set needs is missing (Vietnamese message).

    Examples
    --------
    >>> check_badge({"rating": 4.8, "chat_response_rate": 0.9, "preparation_days": 1.4,
    ...              "late_or_cancelled_rate": 0.029}).passed
    True
    >>> check_badge({"rating": 4.8})
    Traceback (most recent call last):
    ...
    KeyError: "Thiếu chỉ số 'chat_response_rate' để xét huy hiệu Shop Yêu Thích+ (Shopee). Cần có: rating, chat_response_rate, preparation_days, late_or_cancelled_rate."
    """
    rule = get_badge_rule(rules)
    needed = [s for s, (field, *_) in BADGE_STATS.items() if getattr(rule, field) is not None]
    checks = []
    for stat in needed:
        field, kind, label, percent = BADGE_STATS[stat]
        if stat not in stats:
            raise KeyError(
                t("care.error.badge_stat", stat=stat, badge=rule.name, required=", ".join(needed))
            )
        value = float(stats[stat])
        limit = float(getattr(rule, field))
        passed = value >= limit if kind == "min" else value < limit
        checks.append(BadgeCheck(stat, label, value, limit, kind, passed, percent))
    return BadgeResult(rule.name, tuple(checks))
