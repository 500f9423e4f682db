"""Benchmark: livestream Monte Carlo (per-minute mode) and the per-viewer event mode.

(a) ``simulate_minutes`` on 10,000 two-hour sessions (default
    :class:`~toolkit.livestream.LiveParams`), vectorised over sessions;
    target < 1 s.
(b) the per-viewer event mode on ``--sessions`` sessions of about 10,000
    views each (the arrival rate scaled so that E[views] = 10,000): seconds,
    peak traced memory (``tracemalloc``) per session, with and without
    building the event DataFrame; and, in the same process, a straightforward
    per-viewer Python loop (``random`` module, same model: arrival, watch
    time, clicks and comments minute by minute, orders served in time order
    against the stock) on a subsample. Target: ≥ 50× the loop per view.

Times are wall clock and CPU time of this process (``time.process_time``); on
a shared machine the CPU times are the ones to compare. The last line prints
the ratio of the loop's CPU time per view to the vectorised mode's::

    python benchmarks/livestream.py                 # full run, about a minute
    python benchmarks/livestream.py --sessions 10 --loop-sessions 1
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from toolkit.livestream import LiveParams, schedule, simulate, simulate_minutes  # noqa: E402


def params_for_views(views: int) -> LiveParams:
    """Default parameters with the base arrival rate scaled to ``views`` expected views."""
    p = LiveParams()
    total = float(schedule(p).arrival_rate.sum())
    return p.with_(base_rate_per_min=p.base_rate_per_min * views / total)


def bench_minute_mode(n_runs: int, seed: int) -> tuple[float, float, float]:
    simulate_minutes(LiveParams(), n_runs=100, seed=seed)  # warm the kernel cache
    start, cpu = time.perf_counter(), time.process_time()
    batch = simulate_minutes(LiveParams(), n_runs=n_runs, seed=seed)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return elapsed, cpu, float(batch.metrics["gmv_vnd"].mean())


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method (small means), normal approximation for large ones."""
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, prod = math.exp(-mean), 0, rng.random()
    while prod > limit:
        k += 1
        prod *= rng.random()
    return k


class _NumpyScalars:
    """The draws of :func:`loop_session` from a seeded ``numpy.random.Generator``, one at a time.

    This is the loop a learner or a first implementation writes under the house
    rule "every random process takes a numpy Generator".
    """

    def __init__(self, seed: int) -> None:
        self._rng = np.random.default_rng(seed)

    def random(self) -> float:
        return float(self._rng.random())

    def lognormvariate(self, mu: float, sigma: float) -> float:
        return float(self._rng.lognormal(mu, sigma))

    def poisson(self, mean: float) -> int:
        return int(self._rng.poisson(mean))


def loop_session(p: LiveParams, seed: int, *, draws: str = "random") -> dict[str, float]:
    """The same model as ``simulate(mode="viewer")``, written as a plain per-viewer loop.

    ``draws="random"`` uses Python's ``random`` module (the fastest plain
    loop); ``draws="numpy"`` draws each number from a numpy Generator.
    """
    rng: Any = random.Random(seed) if draws == "random" else _NumpyScalars(seed)
    poisson = (lambda mean: _poisson(rng, mean)) if draws == "random" else rng.poisson
    s = schedule(p)
    duration = p.duration_min
    mu = math.log(p.mean_watch_min) - p.watch_sigma**2 / 2
    clicks: list[tuple[float, int]] = []
    views = comments = watch = 0.0
    viewers: list[int] = []
    for minute in range(duration):
        for _ in range(poisson(float(s.arrival_rate[minute]))):
            arrive = minute + rng.random()
            leave = min(arrive + rng.lognormvariate(mu, p.watch_sigma), duration)
            views += 1
            watch += leave - arrive
            if viewers and rng.random() < p.return_share:
                viewers.append(viewers[int(rng.random() * len(viewers))])
            else:
                viewers.append(len(viewers))
            m = minute
            while m < leave:
                overlap = min(leave, m + 1) - max(arrive, m)
                for _ in range(poisson(overlap * float(s.click_rate[m]))):
                    clicks.append((max(arrive, m) + rng.random() * overlap, m))
                comments += poisson(overlap * float(s.comment_rate[m]))
                m += 1
    clicks.sort()
    stock, orders, gmv = p.stock, 0, 0
    for _, m in clicks:
        scarce = stock <= p.scarcity_threshold
        prob = float(s.order_prob_scarce[m] if scarce else s.order_prob[m])
        if rng.random() < prob and stock > 0:
            stock -= 1
            orders += 1
            gmv += int(s.unit_price_vnd[m])
    return {"views": views, "orders": orders, "gmv_vnd": gmv, "watch": watch}


def bench_viewer_mode(p: LiveParams, sessions: int, seed: int, *, events: bool) -> dict:
    simulate(p, seed=seed).events  # noqa: B018 - warm up (imports pandas)
    rng = np.random.default_rng(seed)  # one seeded stream for all sessions, as monte_carlo
    views = 0
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(sessions):
        run = simulate(p, seed=rng)
        if events:
            run.events  # noqa: B018 - build the per-event DataFrame too
        views += run.metrics["views"]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()
    run = simulate(p, seed=seed)
    if events:
        run.events  # noqa: B018
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": elapsed, "cpu": cpu, "views": views, "peak_mb": peak / 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000, help="(a) sessions, minute mode")
    parser.add_argument("--sessions", type=int, default=100, help="(b) per-viewer sessions")
    parser.add_argument("--views", type=int, default=10_000, help="(b) expected views each")
    parser.add_argument("--loop-sessions", type=int, default=3, help="(b) loop subsample")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (wall times include waiting)")
    elapsed, cpu, gmv = bench_minute_mode(args.runs, args.seed)
    print(
        f"(a) minute mode: {args.runs:,} two-hour sessions in {elapsed:.3f} s wall, {cpu:.3f} s "
        f"CPU ({elapsed / args.runs * 1e6:.1f} µs/session; target < 1 s); mean GMV {gmv:,.0f} đ"
    )

    p = params_for_views(args.views)
    core = bench_viewer_mode(p, args.sessions, args.seed, events=False)
    full = bench_viewer_mode(p, args.sessions, args.seed, events=True)
    for label, result in (("metrics only", core), ("with event table", full)):
        print(
            f"(b) viewer mode, {label}: {args.sessions} sessions, {result['views']:,} views "
            f"in {result['seconds']:.2f} s wall, {result['cpu']:.2f} s CPU "
            f"({result['cpu'] / result['views'] * 1e6:.2f} µs CPU/view); "
            f"peak traced memory {result['peak_mb']:.1f} MB per session"
        )

    per_view_core = core["cpu"] / core["views"]
    per_view_full = full["cpu"] / full["views"]
    vec = [simulate(p, seed=10_000 + i).metrics["orders"] for i in range(args.loop_sessions)]
    ratios = {}
    for draws in ("random", "numpy"):
        start = time.process_time()
        loop_views = 0
        loop_orders = []
        for i in range(args.loop_sessions):
            out = loop_session(p, args.seed + i, draws=draws)
            loop_views += out["views"]
            loop_orders.append(out["orders"])
        loop_seconds = time.process_time() - start
        per_view_loop = loop_seconds / loop_views
        ratios[draws] = (per_view_loop / per_view_core, per_view_loop / per_view_full)
        print(
            f"(b) Python loop ({draws} draws): {args.loop_sessions} sessions, {loop_views:,.0f} "
            f"views in {loop_seconds:.2f} s CPU ({per_view_loop * 1e6:.1f} µs/view, "
            f"{per_view_loop * core['views']:.0f} s for the {args.sessions} sessions); orders "
            f"per session {np.mean(loop_orders):.1f} (vectorised {np.mean(vec):.1f})"
        )
    print(
        "ratio loop/vectorised CPU time per view: "
        + ", ".join(
            f"{draws} loop {a:.0f}× (metrics) / {b:.0f}× (with event table)"
            for draws, (a, b) in ratios.items()
        )
        + "; target ≥ 50×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
