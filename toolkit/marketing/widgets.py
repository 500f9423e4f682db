"""An ipywidgets budget explorer for the lesson notebook (imported only by notebooks).

One slider per channel sets the ad budget for a season; the explorer shows
the orders, revenue, ROAS and profit after the cost of goods and fees it
would bring, and redraws a bar chart. The response of each channel is
estimated from the ``campaigns`` table with **diminishing returns**:
orders = orders₀ · (budget / budget₀)^e with an elasticity e < 1 (doubling
the budget of a channel gives 2^e < 2 times its orders, because the best
buyers are reached first). e = 0.7 is our assumption, not a law; the
explorer lets the learner change it.

Examples
--------
>>> import pandas as pd
>>> ads = pd.DataFrame({"channel": ["Facebook", "TikTok"], "spend_vnd": [1_000_000, 1_000_000],
...                     "orders": [10, 30], "revenue_vnd": [3_000_000, 7_000_000],
...                     "cogs_vnd": [1_500_000, 4_500_000], "fees_vnd": [200_000, 1_700_000]})
>>> response = channel_response(ads)
>>> plan = simulate_budget({"Facebook": 2_000_000, "TikTok": 0}, response)
>>> plan.loc["TikTok", ["orders", "profit_vnd"]].tolist()
[0.0, 0.0]
>>> round(float(plan.loc["Facebook", "orders"]), 2)
16.25
>>> type(budget_explorer(ads)).__name__
'VBox'
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from toolkit import vn
from toolkit.i18n import t
from toolkit.marketing import _messages  # noqa: F401  (registers the marketing.* messages)
from toolkit.marketing._validate import (
    MarketingError,
    check_fraction,
    check_positive,
    require_columns,
    require_non_negative,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["budget_explorer", "channel_response", "plot_budget", "simulate_budget"]

TOTAL = "Tổng"


def channel_response(campaigns: pd.DataFrame, *, by: str = "channel") -> pd.DataFrame:
    """Reference spend, orders, AOV and contribution margin (after goods and fees) per channel.

    Returns
    -------
    pandas.DataFrame
        Index: channel. Columns ``spend_vnd``, ``orders``, ``aov_vnd`` and
        ``margin`` = (revenue − cogs − fees) / revenue.
    """
    columns = ["spend_vnd", "orders", "revenue_vnd", "cogs_vnd", "fees_vnd"]
    require_columns(campaigns, [by, *columns], "quảng cáo")
    require_non_negative(campaigns, columns)
    sums = campaigns.groupby(by, observed=True, sort=False)[columns].sum()
    for label, row in sums.iterrows():
        for column in ("spend_vnd", "orders", "revenue_vnd"):
            if row[column] == 0:
                raise MarketingError(
                    t(
                        "marketing.error.zero_denominator",
                        metric="ROAS",
                        column=column,
                        row=str(label),
                    )
                )
    out = sums[["spend_vnd", "orders"]].astype(float)
    out["aov_vnd"] = sums["revenue_vnd"] / sums["orders"]
    out["margin"] = (sums["revenue_vnd"] - sums["cogs_vnd"] - sums["fees_vnd"]) / sums[
        "revenue_vnd"
    ]
    return out


def simulate_budget(
    budgets: Mapping[str, float], response: pd.DataFrame, *, elasticity: float = 0.7
) -> pd.DataFrame:
    """Orders, revenue, ROAS and profit after fees for a budget per channel, plus a total row.

    Parameters
    ----------
    budgets : mapping
        Channel → budget in đồng (≥ 0). Channels left out get 0.
    response : pandas.DataFrame
        From :func:`channel_response`.
    elasticity : float, default 0.7
        Diminishing returns: orders ∝ budget^elasticity, 0 < elasticity ≤ 1.

    Returns
    -------
    pandas.DataFrame
        Index: channels then ``"Tổng"``. Columns ``spend_vnd``, ``orders``,
        ``revenue_vnd``, ``roas`` (0 where nothing is spent) and ``profit_vnd``.
    """
    import numpy as np
    import pandas as pd

    e = check_fraction(elasticity, "elasticity")
    check_positive(e, "elasticity")
    unknown = sorted(set(budgets) - set(response.index))
    if unknown:
        raise MarketingError(
            t(
                "marketing.error.unknown_option",
                name="channel",
                value=unknown[0],
                options=", ".join(map(str, response.index)),
            )
        )
    spend = np.array([float(budgets.get(c, 0.0)) for c in response.index])
    frame = pd.DataFrame({"budget": spend}, index=response.index)
    require_non_negative(frame, ["budget"])
    ratio = spend / response["spend_vnd"].to_numpy()
    orders = response["orders"].to_numpy() * np.power(ratio, e)
    revenue = orders * response["aov_vnd"].to_numpy()
    profit = revenue * response["margin"].to_numpy() - spend
    out = pd.DataFrame(
        {"spend_vnd": spend, "orders": orders, "revenue_vnd": revenue, "profit_vnd": profit},
        index=pd.Index([str(c) for c in response.index], name="channel"),
    )
    out.loc[TOTAL] = out.sum()
    out["roas"] = np.divide(
        out["revenue_vnd"].to_numpy(),
        out["spend_vnd"].to_numpy(),
        out=np.zeros(len(out)),
        where=out["spend_vnd"].to_numpy() > 0,
    )
    return out[["spend_vnd", "orders", "revenue_vnd", "roas", "profit_vnd"]]


def plot_budget(plan: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Grouped bars per channel: ad spend, revenue and profit after fees."""
    import matplotlib.pyplot as plt
    import numpy as np

    from toolkit import plots

    rows = plan.drop(index=TOTAL, errors="ignore")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    x = np.arange(len(rows))
    width = 0.27
    for offset, column, key, colour in (
        (-width, "spend_vnd", "marketing.chart.spend", "#999999"),
        (0.0, "revenue_vnd", "marketing.chart.revenue", "#0072B2"),
        (width, "profit_vnd", "marketing.chart.profit", "#009E73"),
    ):
        ax.bar(x + offset, rows[column].to_numpy(), width, label=t(key), color=colour)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(x, [str(i) for i in rows.index])
    plots.format_vnd_axis(ax)
    ax.set_title(t("marketing.chart.budget_title"))
    ax.set_xlabel(t("marketing.chart.budget_x"))
    ax.set_ylabel(t("marketing.chart.budget_y"))
    ax.legend()
    return ax


def _summary_html(plan: pd.DataFrame) -> str:
    header = "<tr><th>Kênh</th><th>Chi</th><th>Đơn</th><th>Doanh thu</th><th>ROAS</th><th>Lợi nhuận sau phí</th></tr>"
    rows = []
    for label, row in plan.iterrows():
        profit = float(row["profit_vnd"])
        colour = "#b00020" if profit < 0 else "#006400"
        bold = " style='font-weight:bold'" if label == TOTAL else ""
        rows.append(
            f"<tr{bold}><td>{html.escape(str(label))}</td>"
            f"<td>{vn.format_vnd(round(float(row['spend_vnd'])))}</td>"
            f"<td>{vn.format_number(float(row['orders']))}</td>"
            f"<td>{vn.format_vnd(round(float(row['revenue_vnd'])))}</td>"
            f"<td>{vn.format_number(float(row['roas']), decimals=2)}</td>"
            f"<td style='color:{colour}'>{vn.format_vnd(round(profit))}</td></tr>"
        )
    return f"<table>{header}{''.join(rows)}</table>"


def _chart_png(plan: pd.DataFrame) -> bytes:
    """The chart as PNG bytes (drawn off-screen, so it works with any backend)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from toolkit import plots

    with plots.style():
        figure = Figure(figsize=(8, 4), dpi=80)
        FigureCanvasAgg(figure)
        plot_budget(plan, ax=figure.add_subplot())
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def budget_explorer(
    campaigns: pd.DataFrame | None = None, *, elasticity: float = 0.7, max_factor: float = 3.0
) -> Any:
    """Sliders per channel (budget in triệu đồng) → table and chart of orders, revenue, ROAS, profit.

    Parameters
    ----------
    campaigns : pandas.DataFrame, optional
        The ``campaigns`` dataset (default: the shipped one).
    elasticity : float, default 0.7
        Starting value of the diminishing-returns slider.
    max_factor : float, default 3
        Each slider goes from 0 to ``max_factor`` × the channel's past spend.

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as widgets

    if campaigns is None:
        from toolkit.marketing._datasets import read

        campaigns = read("campaigns")
    response = channel_response(campaigns)
    sliders = {
        channel: widgets.FloatSlider(
            value=round(float(row["spend_vnd"]) / 1e6, 1),
            min=0.0,
            max=round(float(row["spend_vnd"]) * max_factor / 1e6, 1),
            step=0.5,
            description=str(channel),
            continuous_update=False,
            readout_format=".1f",
            style={"description_width": "90px"},
            layout=widgets.Layout(width="460px"),
        )
        for channel, row in response.iterrows()
    }
    decay = widgets.FloatSlider(
        value=elasticity,
        min=0.3,
        max=1.0,
        step=0.05,
        description="Độ co giãn",
        continuous_update=False,
        style={"description_width": "90px"},
        layout=widgets.Layout(width="460px"),
    )
    table = widgets.HTML()
    chart = widgets.Image(format="png", layout=widgets.Layout(width="640px"))

    def update(_: object = None) -> None:
        plan = simulate_budget(
            {c: s.value * 1e6 for c, s in sliders.items()}, response, elasticity=decay.value
        )
        table.value = _summary_html(plan)
        chart.value = _chart_png(plan)

    for slider in [*sliders.values(), decay]:
        slider.observe(update, names="value")
    update()
    intro = widgets.HTML(
        "<b>Ngân sách quảng cáo cả mùa cho từng kênh (triệu ₫)</b>. Kéo thanh trượt và xem "
        "đơn hàng, doanh thu, ROAS và <i>lợi nhuận sau giá vốn và phí sàn</i> thay đổi thế nào."
    )
    return widgets.VBox([intro, *sliders.values(), decay, table, chart])
