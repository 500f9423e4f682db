"""Livestream selling: a session simulator, log analytics and Monte Carlo experiments.

Before spending real evenings on LIVE, a seller can try the levers on a
simulator (:func:`simulate`, :class:`LiveParams`: promotion, the host's pitch
moments, the flash sale, discount, stock and "còn N sản phẩm", session
length), read the same metrics as the marketplaces' LIVE dashboards
(:func:`session_metrics`: views, peak and average concurrent viewers,
average watch time, CTR, CTOR, GMV, GPM, …) from a simulated run or from a
real session log (:func:`read_log`, :func:`load_log`), and compare
strategies over many runs with confidence intervals (:func:`compare`,
:func:`sweep`). Model and evidence: ``../shared/DOMAIN.md`` §4.

Names are loaded lazily: ``import toolkit.livestream`` imports neither
pandas nor matplotlib. The ipywidgets simulator lives in
:mod:`toolkit.livestream.widgets`, for notebooks.

Examples
--------
>>> from toolkit import livestream
>>> run = livestream.simulate(livestream.LiveParams(stock=30), seed=7)
>>> run.metrics["orders"] <= 30
True
>>> m = livestream.session_metrics(livestream.load_log())
>>> m["gpm_vnd"] == m["gmv_vnd"] * 1000 / m["views"]
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

_EXPORTS = {
    # parameters
    "WATCH_DISTRIBUTIONS": "params",
    "LiveParamError": "params",
    "LiveParams": "params",
    "Schedule": "params",
    "schedule": "params",
    # simulation
    "EVENT_KINDS": "simulation",
    "MODES": "simulation",
    "LiveRun": "simulation",
    "MinuteBatch": "simulation",
    "simulate": "simulation",
    "simulate_minutes": "simulation",
    # metrics
    "METRICS": "metrics",
    "core_metrics": "metrics",
    "metrics_table": "metrics",
    "minute_table": "metrics",
    "money": "metrics",
    "session_metrics": "metrics",
    # logs
    "COMMENT_TEXTS": "log",
    "LOG_COLUMNS": "log",
    "LOG_PATH": "log",
    "load_log": "log",
    "read_log": "log",
    "to_log": "log",
    "write_log": "log",
    # experiments
    "VIEWER_METRICS": "experiments",
    "compare": "experiments",
    "default_mode": "experiments",
    "expected_viewers": "experiments",
    "monte_carlo": "experiments",
    "plot_compare": "experiments",
    "plot_run": "experiments",
    "steady_state_viewers": "experiments",
    "summarise": "experiments",
    "sweep": "experiments",
}
_SUBMODULES = frozenset({"experiments", "log", "metrics", "params", "simulation", "widgets"})

__all__ = [
    "COMMENT_TEXTS",
    "EVENT_KINDS",
    "LOG_COLUMNS",
    "LOG_PATH",
    "METRICS",
    "MODES",
    "VIEWER_METRICS",
    "WATCH_DISTRIBUTIONS",
    "LiveParamError",
    "LiveParams",
    "LiveRun",
    "MinuteBatch",
    "Schedule",
    "compare",
    "core_metrics",
    "default_mode",
    "expected_viewers",
    "experiments",
    "load_log",
    "log",
    "metrics",
    "metrics_table",
    "minute_table",
    "money",
    "monte_carlo",
    "params",
    "plot_compare",
    "plot_run",
    "read_log",
    "schedule",
    "session_metrics",
    "simulate",
    "simulate_minutes",
    "simulation",
    "steady_state_viewers",
    "summarise",
    "sweep",
    "to_log",
    "widgets",
    "write_log",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from toolkit.livestream import experiments, log, metrics, params, simulation, widgets
    from toolkit.livestream.experiments import (
        VIEWER_METRICS,
        compare,
        default_mode,
        expected_viewers,
        monte_carlo,
        plot_compare,
        plot_run,
        steady_state_viewers,
        summarise,
        sweep,
    )
    from toolkit.livestream.log import (
        COMMENT_TEXTS,
        LOG_COLUMNS,
        LOG_PATH,
        load_log,
        read_log,
        to_log,
        write_log,
    )
    from toolkit.livestream.metrics import (
        METRICS,
        core_metrics,
        metrics_table,
        minute_table,
        money,
        session_metrics,
    )
    from toolkit.livestream.params import (
        WATCH_DISTRIBUTIONS,
        LiveParamError,
        LiveParams,
        Schedule,
        schedule,
    )
    from toolkit.livestream.simulation import (
        EVENT_KINDS,
        MODES,
        LiveRun,
        MinuteBatch,
        simulate,
        simulate_minutes,
    )


__getattr__, __dir__ = lazy_names(__name__, _EXPORTS, _SUBMODULES, __all__)
