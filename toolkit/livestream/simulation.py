"""Simulate a livestream selling session, per viewer or per minute.

The model (DOMAIN.md §4)
------------------------
- **Arrivals**: views arrive as a non-homogeneous Poisson process whose rate
  λ(t) is constant within each minute (:func:`~toolkit.livestream.params.schedule`:
  promotion at the start, pitch moments, the flash sale raise it).
- **Watch time**: each view stays W minutes, W exponential, lognormal or
  Pareto with mean E[W] (:class:`~toolkit.livestream.params.LiveParams`); it
  leaves at min(arrival + W, end). A share ``return_share`` of views comes
  from people who already watched (views ≥ unique viewers).
- **Clicks and comments**: while present, a view clicks the product card and
  comments as Poisson processes whose per-minute intensities rise during a
  pitch and the flash sale.
- **Orders**: each click becomes an order with a probability lifted by the
  pitch, the discount, the countdown of the flash sale and, once at most
  ``scarcity_threshold`` items are left ("còn N sản phẩm"), by scarcity.
  Clicks are served in time order; once the stock is gone a would-be order
  is lost (``lost_orders``). One item per order, so orders ≤ stock.

Two modes
---------
``mode="viewer"`` draws every view and event (vectorised numpy, no loop over
viewers) and records them in whole seconds; its metrics come from those
events exactly as from a session log.

``mode="minute"`` draws counts per minute and is vectorised over many runs
(:func:`simulate_minutes`), for Monte Carlo. It is equal in distribution to
the per-viewer model for arrivals per minute (Poisson(λₘ), independent
minutes), views and unique viewers. It differs in these ways:

- *presence* is the conditional expectation given the arrivals: viewers in
  minute k = Σₘ Aₘ e(k − m) (the exposure kernel of
  :func:`~toolkit.livestream._watch.exposure_kernel`), so total and average
  watch time have the right mean but too little spread;
- clicks in minute k are Poisson(rate × presence), and a run's comments
  Poisson(Σₖ rate × presence) (split over minutes multinomially for a single
  run), so their means are exact, their variance slightly too small;
- *peak viewers* is the highest minute average of that expected presence,
  which is below the per-second peak of the per-viewer mode (a max of
  noisy values is larger than the max of their means) — compare peaks
  within one mode only;
- scarcity starts at the first minute that begins with at most
  ``scarcity_threshold`` items left, not at the exact click, so orders differ
  slightly when the stock runs low.

Examples
--------
>>> run = simulate(LiveParams(), seed=2026)
>>> run.metrics["views"], run.metrics["orders"] <= LiveParams().stock
(3982, True)
>>> batch = simulate_minutes(LiveParams(), n_runs=1000, seed=1)
>>> batch.metrics["views"].shape
(1000,)
"""

from __future__ import annotations

import functools
import numbers
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from toolkit.i18n import t
from toolkit.livestream import _messages  # noqa: F401  (registers the messages)
from toolkit.livestream._watch import draw_watch, exposure_kernel
from toolkit.livestream.metrics import METRICS, core_metrics, money, presence
from toolkit.livestream.params import LiveParamError, LiveParams, Schedule, schedule

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EVENT_KINDS",
    "MODES",
    "LiveRun",
    "MinuteBatch",
    "as_generator",
    "simulate",
    "simulate_minutes",
]

MODES = ("viewer", "minute")
EVENT_KINDS = ("start", "join", "click", "order", "comment", "leave", "end")
"""Event kinds, in the order used to sort events of the same second."""
_JOIN, _CLICK, _ORDER, _COMMENT, _LEAVE = 1, 2, 3, 4, 5
N_COMMENT_TEXTS = 24
"""Comment texts are drawn as codes 0 … N − 1 (see :mod:`toolkit.livestream.log`)."""


def as_generator(seed: int | np.random.Generator) -> np.random.Generator:
    """A ``numpy.random.Generator`` from an integer seed (PCG64), or the generator itself."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0:
        return np.random.Generator(np.random.PCG64(int(seed)))
    raise LiveParamError(t("livestream.error.seed", found=repr(seed)))


def _check_params(params: object) -> LiveParams:
    if not isinstance(params, LiveParams):
        raise LiveParamError(
            t("livestream.error.not_number", field="params", found=type(params).__name__)
        )
    return params


@dataclass(frozen=True)
class ViewerEvents:
    """Arrays of one per-viewer run (views sorted by arrival; events by time)."""

    duration_s: int
    join_s: np.ndarray
    leave_s: np.ndarray
    viewer: np.ndarray
    click_s: np.ndarray
    click_view: np.ndarray
    order_s: np.ndarray
    order_view: np.ndarray
    order_price: np.ndarray
    order_stock_left: np.ndarray
    lost_orders: int
    comment_s: np.ndarray
    comment_view: np.ndarray
    comment_text: np.ndarray

    def core(self) -> dict[str, Any]:
        return {
            "duration_s": self.duration_s,
            "join_s": self.join_s,
            "leave_s": self.leave_s,
            "viewer": self.viewer,
            "clicks": int(self.click_s.size),
            "orders": int(self.order_s.size),
            "gmv_vnd": int(self.order_price.sum()),
            "comments": int(self.comment_s.size),
        }


@dataclass(frozen=True)
class LiveRun:
    """One simulated session.

    Attributes
    ----------
    params : LiveParams
    mode : {"viewer", "minute"}
    seed : int or None
        The integer seed, when one was given.
    metrics : dict
        :data:`~toolkit.livestream.metrics.METRICS` plus ``lost_orders``,
        ``net_revenue_vnd`` and ``profit_vnd``.
    minutes : pandas.DataFrame
        Minute-by-minute table (see :func:`~toolkit.livestream.minute_table`).
    viewers, events : pandas.DataFrame or None
        Per-view table and time-ordered event table (``mode="viewer"`` only).
    """

    params: LiveParams
    mode: str
    seed: int | None
    metrics: dict[str, Any]
    _minutes: dict[str, np.ndarray] = field(repr=False)
    _events: ViewerEvents | None = field(default=None, repr=False)

    @functools.cached_property
    def minutes(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self._minutes)

    @functools.cached_property
    def viewers(self) -> pd.DataFrame | None:
        if self._events is None:
            return None
        import pandas as pd

        ev = self._events
        n = ev.join_s.size
        return pd.DataFrame(
            {
                "view": np.arange(n),
                "viewer": ev.viewer,
                "join_s": ev.join_s,
                "leave_s": ev.leave_s,
                "watch_min": (ev.leave_s - ev.join_s) / 60,
                "clicks": np.bincount(ev.click_view, minlength=n),
                "orders": np.bincount(ev.order_view, minlength=n),
                "comments": np.bincount(ev.comment_view, minlength=n),
            }
        )

    @functools.cached_property
    def events(self) -> pd.DataFrame | None:
        if self._events is None:
            return None
        import pandas as pd

        ev = self._events
        n = ev.join_s.size
        second = np.concatenate(
            [[0], ev.join_s, ev.click_s, ev.order_s, ev.comment_s, ev.leave_s, [ev.duration_s]]
        )
        kind = np.concatenate(
            [
                [0],
                np.full(n, _JOIN),
                np.full(ev.click_s.size, _CLICK),
                np.full(ev.order_s.size, _ORDER),
                np.full(ev.comment_s.size, _COMMENT),
                np.full(n, _LEAVE),
                [6],
            ]
        )
        view = np.concatenate(
            [[-1], np.arange(n), ev.click_view, ev.order_view, ev.comment_view, np.arange(n), [-1]]
        )
        price = np.zeros(second.size, dtype=np.int64)
        start = 1 + n + ev.click_s.size
        price[start : start + ev.order_s.size] = ev.order_price
        text = np.full(second.size, -1)
        start += ev.order_s.size
        text[start : start + ev.comment_s.size] = ev.comment_text
        order = np.lexsort((view, kind, second))
        viewer = np.where(view >= 0, ev.viewer[np.maximum(view, 0)], -1)
        return pd.DataFrame(
            {
                "second": second[order],
                "event": pd.Categorical.from_codes(kind[order], categories=list(EVENT_KINDS)),
                "view": view[order],
                "viewer": viewer[order],
                "price_vnd": price[order],
                "text_id": text[order],
            }
        )


def _position(x: np.ndarray, duration: int) -> tuple[np.ndarray, np.ndarray]:
    """Minute index and fraction of each time ``x`` in [0, duration] (the end is minute − 1 + 1)."""
    minute = np.minimum(x.astype(np.int64), duration - 1)
    return minute, x - minute


def _hazard_times(
    rng: np.random.Generator,
    rate: np.ndarray,
    start: tuple[np.ndarray, np.ndarray],
    stop: tuple[np.ndarray, np.ndarray],
    *,
    in_order: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Event times of a Poisson process with per-minute ``rate`` over each view's stay.

    ``start`` and ``stop`` are the :func:`_position` of each view's arrival and
    departure. Returns the times (minutes) and the index of the view each
    belongs to, sorted by time (unless ``in_order=False``). Each view's count
    is Poisson(∫ rate over its stay); given the count, times are drawn by
    inverting the cumulative rate (piecewise linear between minutes).
    """
    last = rate.size - 1
    cumulative = np.concatenate([[0.0], np.cumsum(rate)])
    low = cumulative[start[0]] + start[1] * rate[start[0]]
    high = cumulative[stop[0]] + stop[1] * rate[stop[0]]
    # Superposition: the events of all views form one Poisson process, so draw the
    # total count, then each event's view with probability ∝ its expected count
    # (equal in distribution to one Poisson count per view, and much cheaper).
    mass = np.cumsum(high - low)
    total = float(mass[-1]) if mass.size else 0.0
    count = int(rng.poisson(total)) if total > 0 else 0
    keys = rng.random(count) * total
    keys.sort()  # sorted keys make the search cache-friendly; the order is redrawn below
    owner = np.minimum(np.searchsorted(mass, keys, side="right"), mass.size - 1)
    u = low[owner] + rng.random(count) * (high - low)[owner]
    minute = np.clip(np.searchsorted(cumulative, u, side="right") - 1, 0, last)
    step = rate[minute]
    offset = np.divide(u - cumulative[minute], step, out=np.zeros_like(u), where=step > 0)
    begin = start[0][owner] + start[1][owner]
    times = np.clip(minute + offset, begin, stop[0][owner] + stop[1][owner])
    if not in_order:
        return times, owner
    order = np.argsort(times, kind="stable")
    return times[order], owner[order]


def _serve_orders(
    rng: np.random.Generator, p: LiveParams, sched: Schedule, click_minute: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int]:
    """Which clicks (in time order) become orders, and the stock left after each order.

    Each click draws one uniform U; it wants to order if U < the order
    probability at that time, with the scarcity probability once at most
    ``scarcity_threshold`` items are left. The sequential rule is solved with
    cumulative sums: before the banner shows, orders follow the plain
    probability; from the click after the order that brings the stock down to
    the threshold, the scarce one; orders beyond the stock are lost.
    """
    u = rng.random(click_minute.size)
    plain = u < sched.order_prob[click_minute]
    scarce = u < sched.order_prob_scarce[click_minute]
    switch_at = max(p.stock - p.scarcity_threshold, 0)
    wanted = plain.copy()
    if switch_at == 0:
        first_scarce = 0
    else:
        running = np.cumsum(plain)
        reached = np.searchsorted(running, switch_at, side="left")
        first_scarce = reached + 1 if reached < running.size else running.size
    wanted[first_scarce:] = scarce[first_scarce:]
    running = np.cumsum(wanted)
    served = wanted & (running <= p.stock)
    lost = int(wanted.sum() - served.sum())
    stock_left = p.stock - running[served]
    return served, stock_left, lost


def _simulate_viewers(p: LiveParams, sched: Schedule, rng: np.random.Generator) -> ViewerEvents:
    duration = p.duration_min
    counts = rng.poisson(sched.arrival_rate)
    n = int(counts.sum())
    arrive = np.repeat(np.arange(duration, dtype=float), counts) + rng.random(n)
    arrive.sort()
    leave = np.minimum(arrive + draw_watch(p, rng, n), duration)
    new = rng.random(n) >= p.return_share
    if n:
        new[0] = True
    known = np.cumsum(new)
    pick = np.floor(rng.random(n) * known).astype(np.int64)
    viewer = np.where(new, known - 1, pick)

    start, stop = _position(arrive, duration), _position(leave, duration)
    # Clicks and comments in one pass: the superposed process has the summed rate,
    # and each of its events is a click with probability click rate / summed rate at
    # its time (marking; equal in distribution to two independent processes).
    both = sched.click_rate + sched.comment_rate
    event_t, event_view = _hazard_times(rng, both, start, stop, in_order=False)
    event_minute = np.minimum(event_t.astype(np.int64), duration - 1)
    is_click = rng.random(event_t.size) * both[event_minute] < sched.click_rate[event_minute]
    order = np.argsort(event_t[is_click], kind="stable")
    click_t, click_view = event_t[is_click][order], event_view[is_click][order]
    click_minute = event_minute[is_click][order]
    served, stock_left, lost = _serve_orders(rng, p, sched, click_minute)
    comment_t, comment_view = event_t[~is_click], event_view[~is_click]
    comment_text = rng.integers(0, N_COMMENT_TEXTS, comment_t.size)

    def seconds(x: np.ndarray) -> np.ndarray:
        return np.floor(x * 60).astype(np.int64)

    click_s = seconds(click_t)
    return ViewerEvents(
        duration_s=duration * 60,
        join_s=seconds(arrive),
        leave_s=seconds(leave),
        viewer=viewer,
        click_s=click_s,
        click_view=click_view,
        order_s=click_s[served],
        order_view=click_view[served],
        order_price=sched.unit_price_vnd[click_minute[served]],
        order_stock_left=stock_left,
        lost_orders=lost,
        comment_s=seconds(comment_t),
        comment_view=comment_view,
        comment_text=comment_text,
    )


def _viewer_minutes(
    p: LiveParams, sched: Schedule, ev: ViewerEvents, present: np.ndarray
) -> dict[str, np.ndarray]:
    duration = p.duration_min

    def per_minute(seconds: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        minute = np.minimum(seconds // 60, duration - 1)
        return np.bincount(minute, weights=weights, minlength=duration)[:duration]

    orders = per_minute(ev.order_s).astype(np.int64)
    return {
        "minute": np.arange(duration),
        "new_viewers": per_minute(ev.join_s).astype(np.int64),
        "viewers": present.reshape(duration, 60).mean(axis=1),
        "product_clicks": per_minute(ev.click_s).astype(np.int64),
        "orders": orders,
        "gmv_vnd": per_minute(ev.order_s, ev.order_price.astype(float)).round().astype(np.int64),
        "comments": per_minute(ev.comment_s).astype(np.int64),
        "unit_price_vnd": sched.unit_price_vnd,
        "pitch": sched.pitch,
        "flash": sched.flash,
        "stock_left": p.stock - np.cumsum(orders),
    }


@dataclass(frozen=True)
class MinuteBatch:
    """Many per-minute runs at once (arrays with one row per run).

    Attributes
    ----------
    params : LiveParams
    arrivals, viewers, clicks, orders, gmv_vnd, stock_left : ndarray
        Shape ``(n_runs, duration_min)``: views starting, expected viewers
        present, product clicks, orders, GMV and stock left at the end of
        each minute.
    comments : ndarray
        Shape ``(n_runs,)``: comments of each run (only totals are drawn;
        the metrics need no more).
    metrics : dict of ndarray
        Each metric of :data:`~toolkit.livestream.metrics.METRICS` plus
        ``lost_orders``, ``net_revenue_vnd`` and ``profit_vnd``, one value per
        run.
    """

    params: LiveParams
    arrivals: np.ndarray
    viewers: np.ndarray
    clicks: np.ndarray
    orders: np.ndarray
    comments: np.ndarray
    gmv_vnd: np.ndarray
    stock_left: np.ndarray
    metrics: dict[str, np.ndarray]

    def frame(self) -> pd.DataFrame:
        """The per-run metrics as a DataFrame (one row per run)."""
        import pandas as pd

        return pd.DataFrame(self.metrics)


def _exposure_matrix(p: LiveParams) -> np.ndarray:
    kernel = exposure_kernel(p)
    duration = p.duration_min
    lag = np.arange(duration)[None, :] - np.arange(duration)[:, None]
    return np.where(lag >= 0, kernel[np.clip(lag, 0, None)], 0.0)


def simulate_minutes(
    params: LiveParams, *, n_runs: int = 1000, seed: int | np.random.Generator = 0
) -> MinuteBatch:
    """Run ``n_runs`` sessions in per-minute mode, vectorised over runs.

    See the module docstring for where this mode is not equal in
    distribution to the per-viewer model.

    Parameters
    ----------
    params : LiveParams
    n_runs : int, default 1000
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    MinuteBatch

    Examples
    --------
    >>> batch = simulate_minutes(LiveParams(stock=20), n_runs=200, seed=3)
    >>> bool((batch.metrics["orders"] <= 20).all()), bool((batch.stock_left >= 0).all())
    (True, True)
    """
    p = _check_params(params)
    if isinstance(n_runs, bool) or not isinstance(n_runs, numbers.Integral) or n_runs < 1:
        raise LiveParamError(t("livestream.error.runs", found=repr(n_runs)))
    rng = as_generator(seed)
    sched = schedule(p)
    duration = p.duration_min
    arrivals = rng.poisson(sched.arrival_rate, size=(n_runs, duration))
    viewers = arrivals @ _exposure_matrix(p)
    clicks = rng.poisson(viewers * sched.click_rate)
    comments = rng.poisson(viewers @ sched.comment_rate)
    orders = np.zeros_like(clicks)
    stock_left = np.empty_like(clicks)
    remaining = np.full(n_runs, p.stock, dtype=np.int64)
    lost = np.zeros(n_runs, dtype=np.int64)
    for minute in range(duration):
        prob = np.where(
            remaining <= p.scarcity_threshold,
            sched.order_prob_scarce[minute],
            sched.order_prob[minute],
        )
        wanted = rng.binomial(clicks[:, minute], prob)
        served = np.minimum(wanted, remaining)
        lost += wanted - served
        remaining -= served
        orders[:, minute] = served
        stock_left[:, minute] = remaining
    gmv = orders * sched.unit_price_vnd
    views = arrivals.sum(axis=1)
    repeat = rng.binomial(np.maximum(views - 1, 0), p.return_share)
    watch_min = viewers.sum(axis=1)
    total = {
        "clicks": clicks.sum(axis=1),
        "orders": orders.sum(axis=1),
        "gmv": gmv.sum(axis=1),
        "comments": comments,
    }
    safe_views = np.maximum(views, 1)
    unique = views - repeat
    safe_unique = np.maximum(unique, 1)
    metrics: dict[str, np.ndarray] = {
        "duration_min": np.full(n_runs, float(duration)),
        "views": views,
        "unique_viewers": unique,
        "peak_viewers": viewers.max(axis=1),
        "avg_viewers": watch_min / duration,
        "avg_watch_min": np.where(views > 0, watch_min / safe_views, 0.0),
        "product_clicks": total["clicks"],
        "ctr": np.where(views > 0, total["clicks"] / safe_views, 0.0),
        "orders": total["orders"],
        "ctor": np.where(
            total["clicks"] > 0, total["orders"] / np.maximum(total["clicks"], 1), 0.0
        ),
        "gmv_vnd": total["gmv"],
        "gpm_vnd": np.where(views > 0, total["gmv"] * 1000 / safe_views, 0.0),
        "value_per_viewer_vnd": np.where(unique > 0, total["gmv"] / safe_unique, 0.0),
        "comments": total["comments"],
        "comments_per_min": total["comments"] / duration,
    }
    assert tuple(metrics) == METRICS
    metrics["lost_orders"] = lost
    net = np.round(total["gmv"] * (1 - p.commission_rate - p.payment_fee_rate)).astype(np.int64) - (
        total["orders"] * p.order_fee_vnd
    )
    metrics["net_revenue_vnd"] = net
    metrics["profit_vnd"] = net - total["orders"] * p.cost_vnd
    return MinuteBatch(
        params=p,
        arrivals=arrivals,
        viewers=viewers,
        clicks=clicks,
        orders=orders,
        comments=comments,
        gmv_vnd=gmv,
        stock_left=stock_left,
        metrics=metrics,
    )


def simulate(
    params: LiveParams | None = None,
    *,
    seed: int | np.random.Generator = 0,
    mode: str = "viewer",
) -> LiveRun:
    """Simulate one session.

    Parameters
    ----------
    params : LiveParams, optional
        The levers; the defaults of :class:`LiveParams` if omitted.
    seed : int or numpy.random.Generator, default 0
        Same seed, same session (byte for byte).
    mode : {"viewer", "minute"}, default "viewer"
        Per-viewer events, or counts per minute (see the module docstring).

    Returns
    -------
    LiveRun

    Examples
    --------
    >>> a = simulate(seed=5)
    >>> b = simulate(seed=5)
    >>> a.metrics == b.metrics
    True
    >>> simulate(seed=5, mode="minute").events is None
    True
    """
    p = LiveParams() if params is None else _check_params(params)
    if mode not in MODES:
        raise LiveParamError(t("livestream.error.mode", found=mode))
    integer_seed = seed if isinstance(seed, numbers.Integral) else None
    rng = as_generator(seed)
    if mode == "minute":
        batch = simulate_minutes(p, n_runs=1, seed=rng)
        metrics = {key: _plain(value[0]) for key, value in batch.metrics.items()}
        sched = schedule(p)
        minutes = {
            "minute": np.arange(p.duration_min),
            "new_viewers": batch.arrivals[0],
            "viewers": batch.viewers[0],
            "product_clicks": batch.clicks[0],
            "orders": batch.orders[0],
            "gmv_vnd": batch.gmv_vnd[0],
            "comments": _split(rng, int(batch.comments[0]), batch.viewers[0] * sched.comment_rate),
            "unit_price_vnd": sched.unit_price_vnd,
            "pitch": sched.pitch,
            "flash": sched.flash,
            "stock_left": batch.stock_left[0],
        }
        return LiveRun(p, mode, integer_seed, metrics, minutes)
    sched = schedule(p)
    events = _simulate_viewers(p, sched, rng)
    present = presence(events.duration_s, events.join_s, events.leave_s)
    metrics = core_metrics(**events.core(), present=present)
    metrics["lost_orders"] = events.lost_orders
    metrics.update(money(metrics, p))
    minutes = _viewer_minutes(p, sched, events, present)
    return LiveRun(p, mode, integer_seed, metrics, minutes, events)


def _split(rng: np.random.Generator, total: int, weights: np.ndarray) -> np.ndarray:
    """Spread ``total`` events over minutes ∝ ``weights`` (a Poisson total split this way
    gives independent Poisson counts per minute)."""
    if total == 0 or weights.sum() <= 0:
        return np.zeros(weights.size, dtype=np.int64)
    return rng.multinomial(total, weights / weights.sum())


def _plain(value: Any) -> int | float:
    return int(value) if np.issubdtype(np.asarray(value).dtype, np.integer) else float(value)
