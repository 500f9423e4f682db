"""The levers of a livestream session, as one frozen dataclass, and its minute schedule.

:class:`LiveParams` holds every number the simulator uses. Each default says
where it comes from: ``DOMAIN.md §4`` (``../shared/DOMAIN.md``, section
"Livestream selling", which quotes a field study of livestream commerce and
TikTok Shop's LIVE dashboard) or ``DOMAIN.md fees`` (the programme section on
marketplace fees), or *our choice* when no source gives the number; teach
those as scenario settings, not as facts.

:func:`schedule` turns the parameters into per-minute arrays (arrival rate,
pitch and flash-sale flags, unit price, click, order and comment intensities),
the one place where the levers' effects are written down; both simulation
modes read it.

Examples
--------
>>> p = LiveParams()
>>> p.duration_min, p.price_vnd, p.flash_start_min
(120, 185000, 60)
>>> s = schedule(p)
>>> int(s.unit_price_vnd[0]), int(s.unit_price_vnd[60])
(166500, 129500)
>>> LiveParams(discount=30)
Traceback (most recent call last):
...
toolkit.livestream.params.LiveParamError: Tham số `discount` là một tỉ lệ nên phải nằm trong khoảng từ 0 đến 1 (bạn đưa vào 30). Ví dụ giảm 30 % thì viết 0.3, không viết 30.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from toolkit.i18n import t
from toolkit.livestream import _messages  # noqa: F401  (registers the messages)

__all__ = ["WATCH_DISTRIBUTIONS", "LiveParamError", "LiveParams", "Schedule", "schedule"]

WATCH_DISTRIBUTIONS = ("exponential", "lognormal", "pareto")


class LiveParamError(ValueError):
    """A parameter of :class:`LiveParams` (or of a simulation call) is not valid."""


@dataclass(frozen=True)
class LiveParams:
    """Every lever of one livestream session (time unit: minutes; money: whole đồng).

    Change a copy with :func:`dataclasses.replace` (or :meth:`with_`); the
    copy is validated again. Invalid values raise :class:`LiveParamError`
    with a Vietnamese message that names the parameter.

    Attributes
    ----------
    duration_min : int, default 120
        Length of the session. *Our choice* (a two-hour evening session);
        DOMAIN.md §4: duration raises sales.
    base_rate_per_min : float, default 30.0
        Viewers arriving per minute with no promotion, pitch or flash sale.
        *Our choice* (a small shop: about a hundred people watching at once).
    warmup_min : int, default 20
        The platform shows a new LIVE to more people as it runs: arrivals
        × (0.5 + 0.5 · min(1, (m + ½) / ``warmup_min``)) in minute m
        (0: no warm-up). *Our choice* (DOMAIN.md §4: views and previous sales
        momentum raise sales).
    promo_lift, promo_min : float, int, default 1.0, 10
        Promotion before and at the start (links shared in Zalo groups, a
        paid boost): arrivals × (1 + ``promo_lift``) in the first
        ``promo_min`` minutes. DOMAIN.md §4 (promotion raises λ(t)); size
        *our choice*.
    watch_dist : {"exponential", "lognormal", "pareto"}, default "lognormal"
        Distribution of a view's watch time. DOMAIN.md §4: exponential or
        heavier-tailed; lognormal is *our choice* (most viewers leave within
        a minute or two, a few stay very long).
    mean_watch_min : float, default 3.0
        Mean watch time E[W] of every distribution (they are scaled to it).
        *Our choice*.
    watch_sigma : float, default 1.0
        σ of log W for the lognormal. *Our choice*.
    pareto_shape : float, default 2.5
        Shape α > 1 of the Pareto (Lomax) distribution. *Our choice*.
    return_share : float, default 0.15
        Share of views (after the first) by a viewer who already watched
        earlier in the session; views − unique viewers. *Our choice*.
    first_pitch_min, pitch_every_min, pitch_min : int, default 5, 15, 3
        The host's sales pitch ("chốt đơn") starts at ``first_pitch_min``,
        lasts ``pitch_min`` minutes and repeats every ``pitch_every_min``
        minutes (0: only one pitch; set ``pitch_min=0`` for none). *Our
        choice*.
    pitch_recovery_min : float, default 10.0
        Pitches wear out: a pitch that starts g minutes after the previous
        one ended has its lifts × (1 − exp(−g / ``pitch_recovery_min``)); the
        first pitch has its full effect (0: no wear-out). *Our choice*.
    pitch_arrival_lift : float, default 0.3
        Arrivals × (1 + lift) during a pitch (the platform pushes a lively
        LIVE). DOMAIN.md §4 (pitches raise λ(t)); size *our choice*.
    pitch_click_lift : float, default 0.21
        Clicks × (1 + lift) during a pitch. DOMAIN.md §4: a pitch raised
        browsing by ≈ 1.9 points on a 9 % base (1.9 / 9 ≈ 0.21).
    pitch_order_lift : float, default 0.89
        Click-to-order probability × (1 + lift) during a pitch. DOMAIN.md §4:
        buying rose ≈ 0.9 points on a 0.7 % base while browsing rose to
        10.9 %, so CTOR went from 0.7/9 to 1.6/10.9 (× 1.89).
    flash_start_min, flash_min : int or None, int, default 60, 10
        The flash sale ("giảm giá chớp nhoáng") runs from minute
        ``flash_start_min`` for ``flash_min`` minutes with a countdown on
        screen; ``None`` means no flash sale. *Our choice*.
    flash_arrival_lift : float, default 0.5
        Arrivals × (1 + lift) during the flash sale. DOMAIN.md §4 (flash
        sales raise λ(t)); size *our choice*.
    flash_discount : float, default 0.30
        Discount (share of the list price) during the flash sale. *Our choice*.
    countdown_lift : float, default 0.15
        Order probability × (1 + lift) while the flash-sale countdown runs.
        DOMAIN.md §4: time pressure raises impulse buying; size *our choice*.
    product_id, price_vnd, cost_vnd : str, int, int, default "SP001", 185000, 101000
        The product sold: *Mật ong hoa nhãn Hưng Yên 500ml* of the shop "Trà &
        Mật ong Nhà Lan" (``data.load("products")``).
    discount : float, default 0.10
        Discount outside the flash sale. *Our choice*.
    discount_elasticity : float, default 2.0
        Order probability × (1 + elasticity × discount). *Our choice*
        (DOMAIN.md §4: price discounts help, less than limited quantity).
    stock : int, default 50
        Items on hand; one item per order; orders stop when it runs out.
        *Our choice*.
    scarcity_threshold : int, default 10
        "Còn N sản phẩm" is shown once at most this many items are left.
        *Our choice*.
    scarcity_lift : float, default 0.3
        Order probability × (1 + lift) while "còn N sản phẩm" is shown.
        DOMAIN.md §4: quantity-limited offers beat time-limited ones, so it is
        larger than ``countdown_lift``; size *our choice*.
    click_rate_per_min : float, default 0.03
        Product clicks per minute by one viewer present. With E[W] = 3 min,
        about 9 % clicks per view: the browsing base of DOMAIN.md §4.
    ctor : float, default 0.078
        Click-to-order probability with no discount or lift. DOMAIN.md §4:
        0.7 % buying on a 9 % browsing base (0.7 / 9).
    comment_rate_per_min, pitch_comment_lift, flash_comment_lift : float, default 0.08, 0.5, 1.0
        Comments per minute by one viewer present, and their lifts during a
        pitch and a flash sale. *Our choice*.
    commission_rate, payment_fee_rate, order_fee_vnd : float, float, int, default 0.10, 0.045, 3000
        Marketplace fees. DOMAIN.md fees: Shopee fixed fee up to 10 % from
        April 2025, payment fee ≈ 4–5 %, a per-order fee of a few thousand
        đồng. Fees change often: parameters, never constants.

    Examples
    --------
    >>> p = LiveParams(stock=40)
    >>> p.with_(discount=0.2).discount
    0.2
    >>> LiveParams(flash_start_min=115)
    Traceback (most recent call last):
    ...
    toolkit.livestream.params.LiveParamError: Flash sale bắt đầu ở phút 115 và kéo dài 10 phút, tức là kết thúc ở phút 125, sau khi phiên livestream 120 phút đã kết thúc. Hãy cho flash sale bắt đầu sớm hơn hoặc kéo dài phiên live.
    """

    duration_min: int = 120
    base_rate_per_min: float = 30.0
    warmup_min: int = 20
    promo_lift: float = 1.0
    promo_min: int = 10
    watch_dist: str = "lognormal"
    mean_watch_min: float = 3.0
    watch_sigma: float = 1.0
    pareto_shape: float = 2.5
    return_share: float = 0.15
    first_pitch_min: int = 5
    pitch_every_min: int = 15
    pitch_min: int = 3
    pitch_recovery_min: float = 10.0
    pitch_arrival_lift: float = 0.3
    pitch_click_lift: float = 0.21
    pitch_order_lift: float = 0.89
    flash_start_min: int | None = 60
    flash_min: int = 10
    flash_arrival_lift: float = 0.5
    flash_discount: float = 0.30
    countdown_lift: float = 0.15
    product_id: str = "SP001"
    price_vnd: int = 185_000
    cost_vnd: int = 101_000
    discount: float = 0.10
    discount_elasticity: float = 2.0
    stock: int = 50
    scarcity_threshold: int = 10
    scarcity_lift: float = 0.3
    click_rate_per_min: float = 0.03
    ctor: float = 0.078
    comment_rate_per_min: float = 0.08
    pitch_comment_lift: float = 0.5
    flash_comment_lift: float = 1.0
    commission_rate: float = 0.10
    payment_fee_rate: float = 0.045
    order_fee_vnd: int = 3000

    def __post_init__(self) -> None:
        _validate(self)

    def with_(self, **changes: Any) -> LiveParams:
        """A validated copy with ``changes`` (like :func:`dataclasses.replace`).

        Unknown names get a Vietnamese error listing the parameters.
        """
        names = [f.name for f in dataclasses.fields(self)]
        for name in changes:
            if name not in names:
                raise LiveParamError(
                    t("livestream.error.unknown_field", field=name, options=", ".join(names))
                )
        return dataclasses.replace(self, **changes)


_INTEGERS = (
    "duration_min",
    "promo_min",
    "warmup_min",
    "first_pitch_min",
    "pitch_every_min",
    "pitch_min",
    "flash_min",
    "price_vnd",
    "cost_vnd",
    "stock",
    "scarcity_threshold",
    "order_fee_vnd",
)
_SHARES = (
    "return_share",
    "flash_discount",
    "discount",
    "ctor",
    "commission_rate",
    "payment_fee_rate",
)
_NON_NEGATIVE = (
    "base_rate_per_min",
    "promo_lift",
    "pitch_arrival_lift",
    "pitch_click_lift",
    "pitch_order_lift",
    "pitch_recovery_min",
    "flash_arrival_lift",
    "countdown_lift",
    "discount_elasticity",
    "scarcity_lift",
    "click_rate_per_min",
    "comment_rate_per_min",
    "pitch_comment_lift",
    "flash_comment_lift",
)
_POSITIVE = ("mean_watch_min", "watch_sigma", "pareto_shape")


def _fail(key: str, **fields: object) -> LiveParamError:
    return LiveParamError(t(key, **fields))


def _number(p: LiveParams, name: str, *, integer: bool = False) -> float:
    value = getattr(p, name)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _fail("livestream.error.not_number", field=name, found=repr(value))
    if not math.isfinite(float(value)):
        raise _fail("livestream.error.not_number", field=name, found=repr(value))
    if integer and not isinstance(value, numbers.Integral):
        raise _fail("livestream.error.not_integer", field=name, found=repr(value))
    return float(value)


def _validate(p: LiveParams) -> None:
    for name in _INTEGERS:
        if _number(p, name, integer=True) < 0:
            raise _fail("livestream.error.negative", field=name, found=getattr(p, name))
    for name in _NON_NEGATIVE:
        if _number(p, name) < 0:
            raise _fail("livestream.error.negative", field=name, found=getattr(p, name))
    for name in _SHARES:
        if not 0 <= _number(p, name) <= 1:
            raise _fail("livestream.error.probability", field=name, found=getattr(p, name))
    for name in _POSITIVE:
        if _number(p, name) <= 0:
            raise _fail("livestream.error.not_positive", field=name, found=getattr(p, name))
    if p.duration_min < 1:
        raise _fail("livestream.error.not_positive", field="duration_min", found=p.duration_min)
    if p.watch_dist not in WATCH_DISTRIBUTIONS:
        raise _fail(
            "livestream.error.watch_dist",
            found=p.watch_dist,
            options=", ".join(WATCH_DISTRIBUTIONS),
        )
    if p.watch_dist == "pareto" and p.pareto_shape <= 1:
        raise _fail("livestream.error.pareto_shape", found=p.pareto_shape)
    if p.commission_rate + p.payment_fee_rate > 1:
        raise _fail(
            "livestream.error.probability",
            field="commission_rate + payment_fee_rate",
            found=p.commission_rate + p.payment_fee_rate,
        )
    if p.first_pitch_min >= p.duration_min and p.pitch_min > 0:
        raise _fail(
            "livestream.error.window_after_end",
            field="first_pitch_min",
            found=p.first_pitch_min,
            duration=p.duration_min,
        )
    if p.flash_start_min is not None:
        start = _number(p, "flash_start_min", integer=True)
        if start < 0:
            raise _fail("livestream.error.negative", field="flash_start_min", found=start)
        if start + p.flash_min > p.duration_min:
            raise _fail(
                "livestream.error.flash_after_end",
                start=p.flash_start_min,
                length=p.flash_min,
                end=p.flash_start_min + p.flash_min,
                duration=p.duration_min,
            )


@dataclass(frozen=True)
class Schedule:
    """Per-minute intensities of one session (arrays of length ``duration_min``).

    Attributes
    ----------
    arrival_rate : ndarray of float
        λ for each minute (λ(t) is constant within a minute).
    pitch, flash : ndarray of bool
        Whether the host pitches / the flash sale runs in that minute.
    pitch_strength : ndarray of float
        Share of the full pitch lifts in that minute (0 outside pitches; less
        than 1 for a pitch that follows the previous one closely).
    unit_price_vnd : ndarray of int64
        Price paid per item: list price × (1 − discount), rounded to đồng.
    click_rate : ndarray of float
        Product clicks per present viewer per minute.
    order_prob, order_prob_scarce : ndarray of float
        Probability that a click becomes an order, without and with the
        "còn N sản phẩm" banner (capped at 1).
    comment_rate : ndarray of float
        Comments per present viewer per minute.
    """

    arrival_rate: np.ndarray
    pitch: np.ndarray
    pitch_strength: np.ndarray
    flash: np.ndarray
    unit_price_vnd: np.ndarray
    click_rate: np.ndarray
    order_prob: np.ndarray
    order_prob_scarce: np.ndarray
    comment_rate: np.ndarray


def pitch_minutes(p: LiveParams) -> np.ndarray:
    """Boolean array: minutes in which the host pitches.

    Examples
    --------
    >>> np.flatnonzero(pitch_minutes(LiveParams(duration_min=30, flash_start_min=None))).tolist()
    [5, 6, 7, 20, 21, 22]
    """
    minute = np.arange(p.duration_min)
    since = minute - p.first_pitch_min
    if p.pitch_min == 0:
        return np.zeros(p.duration_min, dtype=bool)
    if p.pitch_every_min == 0:
        return (since >= 0) & (since < p.pitch_min)
    return (since >= 0) & (since % p.pitch_every_min < p.pitch_min)


def pitch_strength(p: LiveParams, pitch: np.ndarray | None = None) -> np.ndarray:
    """Share of the full pitch lifts in each minute (wear-out of close pitches).

    Examples
    --------
    >>> p = LiveParams(duration_min=40, flash_start_min=None, pitch_every_min=10)
    >>> np.round(pitch_strength(p)[[5, 15, 25]], 3).tolist()
    [1.0, 0.503, 0.503]
    """
    pitch = pitch_minutes(p) if pitch is None else pitch
    strength = pitch.astype(float)
    starts = np.flatnonzero(pitch & ~np.concatenate([[False], pitch[:-1]]))
    if p.pitch_recovery_min == 0 or starts.size < 2:
        return strength
    ends = np.flatnonzero(pitch & ~np.concatenate([pitch[1:], [False]])) + 1
    factor = np.ones(starts.size)
    factor[1:] = 1 - np.exp(-(starts[1:] - ends[:-1]) / p.pitch_recovery_min)
    which = np.cumsum(np.isin(np.arange(pitch.size), starts)) - 1
    return np.where(pitch, factor[np.maximum(which, 0)], 0.0)


@functools.lru_cache(maxsize=256)
def schedule(p: LiveParams) -> Schedule:
    """The per-minute intensities implied by ``p`` (see :class:`Schedule`; cached, read-only).

    Notes
    -----
    With indicators for promotion and flash sale in minute m, the warm-up
    factor w_m and the pitch strength s_m (0 outside pitches, see
    ``pitch_recovery_min``), writing *pitch* for s_m:

    - λ_m = base · w_m · (1 + promo_lift·promo) · (1 + pitch_arrival_lift·pitch)
      · (1 + flash_arrival_lift·flash)
    - discount_m = flash_discount during the flash sale, else discount
    - click rate = click_rate_per_min · (1 + pitch_click_lift·pitch)
    - order probability = ctor · (1 + discount_elasticity·discount_m)
      · (1 + pitch_order_lift·pitch) · (1 + countdown_lift·flash), and
      × (1 + scarcity_lift) while "còn N sản phẩm" shows; capped at 1.

    Examples
    --------
    >>> s = schedule(LiveParams(duration_min=20, flash_start_min=None, warmup_min=0))
    >>> s.arrival_rate[:6].tolist()
    [60.0, 60.0, 60.0, 60.0, 60.0, 78.0]
    >>> round(float(s.order_prob[0]), 4), round(float(s.order_prob[5]), 4)
    (0.0936, 0.1769)
    """
    duration = p.duration_min
    minute = np.arange(duration)
    promo = minute < p.promo_min
    pitch_on = pitch_minutes(p)
    pitch = pitch_strength(p, pitch_on)
    warm = (
        0.5 + 0.5 * np.minimum(1.0, (minute + 0.5) / p.warmup_min)
        if p.warmup_min
        else np.ones(duration)
    )
    flash = np.zeros(duration, dtype=bool)
    if p.flash_start_min is not None:
        flash = (minute >= p.flash_start_min) & (minute < p.flash_start_min + p.flash_min)
    arrival = (
        p.base_rate_per_min
        * warm
        * (1 + p.promo_lift * promo)
        * (1 + p.pitch_arrival_lift * pitch)
        * (1 + p.flash_arrival_lift * flash)
    )
    discount = np.where(flash, p.flash_discount, p.discount)
    unit_price = np.round(p.price_vnd * (1 - discount)).astype(np.int64)
    click = p.click_rate_per_min * (1 + p.pitch_click_lift * pitch)
    order = (
        p.ctor
        * (1 + p.discount_elasticity * discount)
        * (1 + p.pitch_order_lift * pitch)
        * (1 + p.countdown_lift * flash)
    )
    comment = p.comment_rate_per_min * (
        1 + p.pitch_comment_lift * pitch + p.flash_comment_lift * flash
    )
    arrays = dict(
        arrival_rate=arrival.astype(float),
        pitch=pitch_on,
        pitch_strength=pitch,
        flash=flash,
        unit_price_vnd=unit_price,
        click_rate=click.astype(float),
        order_prob=np.minimum(order, 1.0),
        order_prob_scarce=np.minimum(order * (1 + p.scarcity_lift), 1.0),
        comment_rate=comment.astype(float),
    )
    for array in arrays.values():
        array.flags.writeable = False  # cached and shared: read-only
    return Schedule(**arrays)
