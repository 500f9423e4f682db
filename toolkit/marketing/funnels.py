"""Conversion funnels: how many people reach each step, and where they drop off.

Step conversion is nᵢ₊₁ / nᵢ, drop-off 1 − that, overall conversion
n_last / n_first (``../shared/DOMAIN.md`` §2). The first step converts 100 %
to itself by definition.

Examples
--------
>>> import pandas as pd
>>> steps = pd.Series([1000, 400, 100, 40], index=["Xem trang", "Xem sản phẩm", "Thêm giỏ", "Đặt hàng"])
>>> table = funnel(steps)
>>> table["step_conversion"].round(2).tolist()
[1.0, 0.4, 0.25, 0.4]
>>> float(table["overall_conversion"].iloc[-1])
0.04
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from toolkit.i18n import t
from toolkit.marketing._validate import (
    MarketingError,
    check_frame,
    require_binary,
    require_non_negative,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["funnel", "funnel_counts", "plot_funnel"]


def funnel_counts(
    frame: pd.DataFrame, steps: Sequence[str], *, start: str | None = "Lượt truy cập"
) -> pd.Series:
    """Count the rows that reached each step, from 0/1 flag columns (one row per session).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per visitor or session.
    steps : list of str
        Flag columns (1 = reached the step, 0 = not; ``True``/``False`` too),
        in funnel order. Any other value is refused, naming the row.
    start : str or None, default "Lượt truy cập"
        Label of a first step that counts every row; ``None`` to leave it out.

    Returns
    -------
    pandas.Series
        Step label → number of rows that reached it (``int``).

    Examples
    --------
    >>> import pandas as pd
    >>> sessions = pd.DataFrame({"added_to_cart": [1, 1, 0, 0], "ordered": [1, 0, 0, 0]})
    >>> funnel_counts(sessions, ["added_to_cart", "ordered"]).to_dict()
    {'Lượt truy cập': 4, 'added_to_cart': 2, 'ordered': 1}
    """
    import pandas as pd

    check_frame(frame, "phễu", metric="phễu", binary=list(steps))
    counts: dict[str, int] = {}
    if start is not None:
        counts[start] = len(frame)
    for step in steps:
        counts[step] = int(require_binary(frame, step).sum())
    return pd.Series(counts, name="count", dtype="int64")


def funnel(counts: pd.Series | Mapping[str, int]) -> pd.DataFrame:
    """Step conversion, drop-off and overall conversion of a funnel.

    Parameters
    ----------
    counts : pandas.Series or mapping
        Step label → number of people, in funnel order.

    Returns
    -------
    pandas.DataFrame
        Index: the steps. Columns ``count``, ``step_conversion`` (nᵢ / nᵢ₋₁, 1 for
        the first step), ``drop_off`` (1 − step conversion) and
        ``overall_conversion`` (nᵢ / n₁). All rates are fractions.

    Raises
    ------
    MarketingError
        Fewer than 2 steps, a negative count, a first step of 0, or a step with
        more people than the step before (the steps are out of order).

    Examples
    --------
    >>> funnel({"Vào trang": 500, "Đặt hàng": 25})["drop_off"].tolist()
    [0.0, 0.95]
    >>> funnel({"Vào trang": 50, "Đặt hàng": 80})
    Traceback (most recent call last):
    ...
    toolkit.marketing._validate.MarketingError: Phễu không thể phình ra: bước “Đặt hàng” có 80 người, nhiều hơn bước trước “Vào trang” (50). Hãy kiểm tra thứ tự các bước.
    """
    import numpy as np
    import pandas as pd

    series = pd.Series(counts, dtype="float64") if isinstance(counts, Mapping) else counts
    if len(series) < 2:
        raise MarketingError(t("marketing.error.funnel_short", found=len(series)))
    frame = series.rename("count").to_frame()
    frame.index = frame.index.astype(str)
    require_non_negative(frame, ["count"])
    values = frame["count"].to_numpy(dtype=float)
    labels = list(frame.index)
    if values[0] == 0:
        raise MarketingError(
            t(
                "marketing.error.zero_denominator",
                metric="CVR",
                column="count",
                row=labels[0],
            )
        )
    for i in range(1, len(values)):
        if values[i] > values[i - 1]:
            raise MarketingError(
                t(
                    "marketing.error.funnel_grows",
                    step=labels[i],
                    count=f"{values[i]:g}",
                    previous=labels[i - 1],
                    previous_count=f"{values[i - 1]:g}",
                )
            )
    previous = np.concatenate([[values[0]], values[:-1]])
    # a step after an empty step converts 0 % (nothing left to convert), not NaN
    step = np.divide(values, previous, out=np.zeros_like(values), where=previous > 0)
    out = pd.DataFrame(
        {
            "count": series.to_numpy(),
            "step_conversion": step,
            "drop_off": 1 - step,
            "overall_conversion": values / values[0],
        },
        index=pd.Index(labels, name="step"),
    )
    return out


def plot_funnel(table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Horizontal bars of a :func:`funnel` table, each labelled with its step conversion.

    Examples
    --------
    >>> ax = plot_funnel(funnel({"Vào trang": 500, "Thêm giỏ": 60, "Đặt hàng": 25}))
    >>> [round(p.get_width()) for p in ax.patches]
    [500, 60, 25]
    >>> ax.get_title()
    'Phễu chuyển đổi'
    """
    import matplotlib.pyplot as plt

    from toolkit import vn

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.6 * len(table) + 1.5))
    labels = [str(i) for i in table.index]
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, table["count"].to_numpy(), color="#0072B2")
    ax.set_yticks(positions, labels)
    for y, (count, rate) in zip(
        positions, zip(table["count"], table["step_conversion"], strict=True), strict=True
    ):
        ax.annotate(
            f" {vn.format_number(float(count))} ({vn.format_percent(float(rate))})",
            (float(count), y),
            va="center",
        )
    ax.set_title(title or t("marketing.chart.funnel_title"))
    ax.set_xlabel(t("marketing.chart.funnel_x"))
    ax.set_ylabel(t("marketing.chart.funnel_y"))
    return ax
