"""An ipywidgets livestream simulator for the lesson notebook (imported only by notebooks).

Sliders for the levers (session length, arrivals, pitch spacing, flash-sale
time and depth, discount, stock, watch-time distribution, seed); every change
redraws one simulated session (viewers over time, orders and stock left),
its metrics table, and the mean with a 95 % confidence interval over many
per-minute runs of the same strategy.

Examples
--------
>>> app = live_simulator(LiveParams(duration_min=60, flash_start_min=30), runs=20)
>>> type(app).__name__
'VBox'
"""

from __future__ import annotations

import html
import io
from typing import Any

from toolkit.i18n import t
from toolkit.livestream import _messages  # noqa: F401  (registers the messages)
from toolkit.livestream.experiments import plot_run, summarise
from toolkit.livestream.metrics import metrics_table
from toolkit.livestream.params import WATCH_DISTRIBUTIONS, LiveParamError, LiveParams
from toolkit.livestream.simulation import simulate, simulate_minutes

__all__ = ["SLIDERS", "live_simulator", "render"]

SLIDERS = (
    # (parameter, Vietnamese label, min, max, step)
    ("duration_min", "Độ dài phiên (phút)", 30, 180, 15),
    ("base_rate_per_min", "Người vào mỗi phút", 5.0, 80.0, 5.0),
    ("pitch_every_min", "Chốt đơn mỗi … phút", 5, 40, 5),
    ("flash_start_min", "Flash sale bắt đầu ở phút", 0, 170, 5),
    ("flash_discount", "Giảm giá flash sale", 0.0, 0.6, 0.05),
    ("discount", "Giảm giá thường", 0.0, 0.5, 0.05),
    ("stock", "Số hàng mang lên live", 5, 200, 5),
)
"""The levers shown as sliders."""


def _chart_png(run: Any) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    axes = plot_run(run)
    figure = axes[0].figure
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _table_html(metrics: dict[str, Any]) -> str:
    table = metrics_table(metrics)
    rows = "".join(
        f"<tr><td style='text-align:left;padding:1px 8px'>{html.escape(str(a))}</td>"
        f"<td style='text-align:right;padding:1px 8px'>{html.escape(str(b))}</td></tr>"
        for a, b in table.itertuples(index=False)
    )
    return f"<table>{rows}</table>"


def _summary_html(params: LiveParams, runs: int, seed: int) -> str:
    from toolkit import vn

    batch = simulate_minutes(params, n_runs=runs, seed=seed)
    lines = []
    for key in ("gmv_vnd", "orders", "profit_vnd", "lost_orders"):
        s = summarise(batch.metrics[key])
        if key.endswith("_vnd"):
            shown = [vn.format_vnd(round(s[k])) for k in ("mean", "ci_low", "ci_high")]
        else:
            shown = [vn.format_number(s[k], decimals=1) for k in ("mean", "ci_low", "ci_high")]
        lines.append(
            f"<li>{html.escape(t(f'livestream.metric.{key}'))}: <b>{shown[0]}</b> "
            f"(95 %: {shown[1]} – {shown[2]})</li>"
        )
    title = f"Trung bình {runs} lần mô phỏng (chế độ từng phút)"
    return f"<b>{html.escape(title)}</b><ul>{''.join(lines)}</ul>"


def render(params: LiveParams, *, seed: int = 2026, runs: int = 200) -> dict[str, Any]:
    """Everything the app shows for ``params``: chart PNG, metrics and Monte Carlo HTML.

    Keys: ``chart`` (PNG bytes of :func:`~toolkit.livestream.plot_run`),
    ``metrics`` and ``summary`` (HTML), ``run`` (the :class:`LiveRun`).
    """
    run = simulate(params, seed=seed)
    return {
        "chart": _chart_png(run),
        "metrics": _table_html(run.metrics),
        "summary": _summary_html(params, runs, seed),
        "run": run,
    }


def live_simulator(params: LiveParams | None = None, *, seed: int = 2026, runs: int = 200) -> Any:
    """The simulator app: sliders on the left, charts and metrics on the right.

    Parameters
    ----------
    params : LiveParams, optional
        Starting values (the defaults of :class:`LiveParams` if omitted).
    seed : int, default 2026
        Seed of the session shown (change it to see another evening).
    runs : int, default 200
        Per-minute runs behind the confidence intervals.

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as w

    base = params or LiveParams()
    sliders: dict[str, Any] = {}
    style = {"description_width": "170px"}
    layout = w.Layout(width="420px")
    for name, label, low, high, step in SLIDERS:
        value = getattr(base, name)
        if name == "flash_start_min" and value is None:
            value = low
        kind = w.FloatSlider if isinstance(step, float) else w.IntSlider
        sliders[name] = kind(
            value=value,
            min=low,
            max=high,
            step=step,
            description=label,
            continuous_update=False,
            style=style,
            layout=layout,
        )
    flash_on = w.Checkbox(value=base.flash_start_min is not None, description="Có flash sale")
    watch = w.Dropdown(
        options=list(WATCH_DISTRIBUTIONS),
        value=base.watch_dist,
        description="Thời gian xem",
        style=style,
        layout=layout,
    )
    seed_box = w.IntText(value=seed, description="Hạt giống (seed)", style=style, layout=layout)
    chart = w.Image(format="png")
    metrics = w.HTML()
    summary = w.HTML()
    message = w.HTML()

    def current() -> LiveParams:
        changes = {name: slider.value for name, slider in sliders.items()}
        if not flash_on.value:
            changes["flash_start_min"] = None
        changes["watch_dist"] = watch.value
        return base.with_(**changes)

    def update(_: Any = None) -> None:
        sliders["flash_start_min"].max = max(0, sliders["duration_min"].value - base.flash_min)
        try:
            params_now = current()
        except LiveParamError as error:
            message.value = f"<span style='color:#b00'>⚠️ {html.escape(str(error))}</span>"
            return
        message.value = ""
        out = render(params_now, seed=seed_box.value, runs=runs)
        chart.value = out["chart"]
        metrics.value = out["metrics"]
        summary.value = out["summary"]

    for widget in (*sliders.values(), flash_on, watch, seed_box):
        widget.observe(update, names="value")
    update()
    controls = w.VBox([*sliders.values(), flash_on, watch, seed_box, message])
    return w.VBox([w.HBox([controls, w.VBox([metrics, summary])]), chart])
