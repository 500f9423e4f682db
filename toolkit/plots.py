"""One chart style for Học Số, with Vietnamese money and percentage axes.

Every chart in the courses looks the same: DejaVu Sans (it ships with
matplotlib and has every Vietnamese glyph and ``₫``), a colour-blind-safe
palette (Okabe & Ito 2008), a light grid behind the data, no top or right
frame, a bold centred title (``ax.get_title()``, which the checks read, only
sees centred titles). Money axes read the Vietnamese way (``1,5 tr ₫``,
``500 N ₫``, or in full ``1.250.000 ₫``) and percentages ``12,5 %``: ``.``
groups thousands, ``,`` is the decimal mark, and a non-breaking space
(U+00A0) keeps a number with its unit.

matplotlib is imported only inside the functions that draw, so importing
this module stays fast.

Examples
--------
>>> format_vnd_short(1_250_000)
'1,25\\xa0tr\\xa0₫'
>>> format_vnd_short(500_000)
'500\\xa0N\\xa0₫'
>>> formatter = percent_formatter(decimals=1)
>>> formatter(0.125)
'12,5\\xa0%'
"""

from __future__ import annotations

import contextlib
import functools
import math
import numbers
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from toolkit import i18n, vn

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.ticker import Formatter, FuncFormatter

__all__ = [
    "FONT",
    "PALETTE",
    "bar_chart",
    "format_percent_axis",
    "format_vnd_axis",
    "format_vnd_short",
    "percent_formatter",
    "rc_params",
    "style",
    "use_style",
    "vnd_formatter",
]

FONT = "DejaVu Sans"
"""The one font of every chart (bundled with matplotlib; full Vietnamese coverage)."""

PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
"""Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), in cycle order."""

# Compact money units, largest first: (size, abbreviation).
_UNITS = ((1_000_000_000, "tỷ"), (1_000_000, "tr"), (1_000, "N"))
_MAX_DECIMALS = 3
_NBSP = vn.NBSP

i18n.register(
    {
        "plots.missing_label": {
            "vi": (
                'Biểu đồ nào cũng cần {what}: hãy truyền {param}="..." bằng tiếng Việt, '
                "không để trống."
            ),
            "en": 'Every chart needs {what}: pass {param}="..." (not empty).',
        },
        "plots.empty_data": {
            "vi": (
                "Không có dữ liệu để vẽ: dãy số đang rỗng. Hãy xem lại bước lọc hoặc nhóm "
                "dữ liệu ngay trước đó."
            ),
            "en": "Nothing to draw: the series is empty. Check the filter or group-by just before.",
        },
        "plots.not_numeric": {
            "vi": (
                "Chiều cao của cột phải là số, nhưng dữ liệu đang có kiểu {dtype}. Hãy chuyển "
                "sang số trước (ví dụ pd.to_numeric)."
            ),
            "en": "Bar heights must be numbers, but the data has type {dtype}. Convert it first "
            "(e.g. pd.to_numeric).",
        },
        "plots.money_and_percent": {
            "vi": "Chỉ chọn một trong hai: money=True (tiền ₫) hoặc percent=True (phần trăm).",
            "en": "Choose one of money=True (VND) or percent=True (percentage), not both.",
        },
        "plots.bad_axis": {
            "vi": 'Tham số axis chỉ nhận "x" hoặc "y", không nhận {axis}.',
            "en": 'axis must be "x" or "y", not {axis}.',
        },
    }
)


# ---------------------------------------------------------------------------
# Style
def rc_params() -> dict[str, Any]:
    """The matplotlib settings of the Học Số style.

    Returns
    -------
    dict
        Keys and values for ``matplotlib.rcParams``.

    Examples
    --------
    >>> params = rc_params()
    >>> params["font.sans-serif"][0]
    'DejaVu Sans'
    >>> params["axes.spines.top"]
    False
    """
    from matplotlib import cycler

    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "axes.unicode_minus": True,
        "figure.figsize": (8.0, 4.5),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",  # keep rotated tick labels inside saved images
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "axes.titlesize": 14,
        "axes.titleweight": "bold",
        "axes.titlepad": 10.0,
        "axes.labelsize": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.color": "#d9d9d9",
        "grid.linewidth": 0.8,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "legend.frameon": False,
    }


def use_style() -> None:
    """Apply the Học Số style to every chart drawn from now on.

    Call it once at the top of a notebook. To style only a few charts, use
    :func:`style` instead.

    Examples
    --------
    >>> import matplotlib
    >>> with matplotlib.rc_context():
    ...     use_style()
    ...     matplotlib.rcParams["axes.titleweight"]
    'bold'
    """
    import matplotlib

    matplotlib.rcParams.update(rc_params())


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager: the Học Số style inside the ``with`` block only.

    Examples
    --------
    >>> import matplotlib
    >>> with style():
    ...     matplotlib.rcParams["axes.spines.right"]
    False
    """
    import matplotlib

    with matplotlib.rc_context(rc_params()):
        yield


# ---------------------------------------------------------------------------
# Number formats
def _decimal_text(value: float, max_decimals: int) -> str:
    """``value`` Vietnamese-style with at most ``max_decimals`` decimals, no trailing zeros."""
    text = vn.format_number(value, decimals=max_decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return "0" if text in ("-0", "") else text


def _compact(amount: float, size: int, unit: str, max_decimals: int) -> str:
    if size == 1:
        return f"{_decimal_text(amount, 0)}{_NBSP}₫"
    return f"{_decimal_text(amount / size, max_decimals)}{_NBSP}{unit}{_NBSP}₫"


def _unit_for(magnitude: float) -> tuple[int, str]:
    for size, unit in _UNITS:
        if magnitude >= size:
            return size, unit
    return 1, ""


def _require_real(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}: {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be finite, not {value!r}")
    return number


def format_vnd_short(amount: float, *, decimals: int = 2) -> str:
    """An amount of đồng in short form, as on a chart: ``1,25 tr ₫``.

    Units: ``tỷ`` (10⁹), ``tr`` (triệu, 10⁶), ``N`` (nghìn, 10³); the unit is
    the largest not above the amount. Trailing zeros are dropped.

    Parameters
    ----------
    amount : int or float
        Amount in VND.
    decimals : int, default 2
        At most this many digits after the decimal mark.

    Returns
    -------
    str
        Number, non-breaking space, unit, non-breaking space, ``₫``.

    Examples
    --------
    >>> format_vnd_short(1_250_000)
    '1,25\\xa0tr\\xa0₫'
    >>> format_vnd_short(2_000_000_000)
    '2\\xa0tỷ\\xa0₫'
    >>> format_vnd_short(45_000)
    '45\\xa0N\\xa0₫'
    >>> format_vnd_short(999_999)  # rounds up into the next unit
    '1\\xa0tr\\xa0₫'
    >>> format_vnd_short(750)
    '750\\xa0₫'
    """
    value = _require_real(amount, "amount")
    size, unit = _unit_for(abs(value))
    # Rounding can carry into the next unit: 999.999 N -> 1.000 N -> 1 tr.
    if size > 1 and round(abs(value) / size, decimals) >= 1000 and size < _UNITS[0][0]:
        size, unit = _unit_for(size * 1000)
    elif size == 1 and round(abs(value)) >= 1000:
        size, unit = _UNITS[-1]
    return _compact(value, size, unit, decimals)


@functools.cache
def _vnd_formatter_class() -> type[Formatter]:
    """The tick formatter class for đồng, built on first use (matplotlib is heavy)."""
    from matplotlib.ticker import Formatter

    class VndFormatter(Formatter):
        """Ticks in đồng; in compact mode one unit for the whole axis."""

        def __init__(self, *, compact: bool = True) -> None:
            self.compact = compact
            self._ticks: tuple[float, ...] = ()

        def set_locs(self, locs: Any) -> None:
            super().set_locs(locs)
            self._ticks = tuple(float(loc) for loc in locs if math.isfinite(float(loc)))

        def __call__(self, x: float, pos: int | None = None) -> str:
            if not self.compact:
                return vn.format_vnd(round(x))
            if not self._ticks:
                return format_vnd_short(x, decimals=_MAX_DECIMALS)
            if x == 0:
                return f"0{_NBSP}₫"
            size, unit = _unit_for(max(abs(tick) for tick in self._ticks))
            return _compact(x, size, unit, _MAX_DECIMALS)

    return VndFormatter


def vnd_formatter(*, compact: bool = True) -> Formatter:
    """A matplotlib tick formatter for amounts of đồng.

    Parameters
    ----------
    compact : bool, default True
        ``True``: short labels with one unit for the whole axis, chosen from
        the largest tick (``0 ₫``, ``0,5 tr ₫``, ``1 tr ₫``, ``1,5 tr ₫``).
        ``False``: full amounts (``1.250.000 ₫``), as :func:`toolkit.vn.format_vnd`.

    Returns
    -------
    matplotlib.ticker.Formatter

    Examples
    --------
    >>> vnd_formatter().format_ticks([0, 500_000, 1_000_000, 1_500_000])
    ['0\\xa0₫', '0,5\\xa0tr\\xa0₫', '1\\xa0tr\\xa0₫', '1,5\\xa0tr\\xa0₫']
    >>> vnd_formatter().format_ticks([0, 250_000, 500_000])
    ['0\\xa0₫', '250\\xa0N\\xa0₫', '500\\xa0N\\xa0₫']
    >>> vnd_formatter(compact=False)(1_250_000)
    '1.250.000\\xa0₫'
    """
    return _vnd_formatter_class()(compact=compact)


def percent_formatter(*, decimals: int = 0, xmax: float = 1.0) -> FuncFormatter:
    """A matplotlib tick formatter for percentages: ``12,5 %``.

    Parameters
    ----------
    decimals : int, default 0
        Digits after the decimal mark.
    xmax : float, default 1.0
        The data value that means 100 %: ``1.0`` for ratios (0.125 → 12,5 %),
        ``100`` for data already in per cent.

    Returns
    -------
    matplotlib.ticker.FuncFormatter

    Examples
    --------
    >>> percent_formatter()(0.25)
    '25\\xa0%'
    >>> percent_formatter(decimals=1)(0.125)
    '12,5\\xa0%'
    >>> percent_formatter(xmax=100)(40)
    '40\\xa0%'
    """
    from matplotlib.ticker import FuncFormatter

    if xmax == 0:
        raise ValueError("xmax must not be 0")

    def label(x: float, pos: int | None = None) -> str:
        return vn.format_percent(x / xmax, decimals=decimals)

    return FuncFormatter(label)


def _axis(ax: Axes, axis: str) -> Any:
    if axis not in ("x", "y"):
        raise ValueError(i18n.t("plots.bad_axis", axis=repr(axis)))
    return ax.xaxis if axis == "x" else ax.yaxis


def format_vnd_axis(ax: Axes, axis: str = "y", *, compact: bool = True) -> Axes:
    """Label the ticks of one axis of ``ax`` in đồng.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    axis : {"y", "x"}, default "y"
    compact : bool, default True
        Short labels (``1,5 tr ₫``) or full amounts (``1.500.000 ₫``); see
        :func:`vnd_formatter`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, for chaining.
    """
    _axis(ax, axis).set_major_formatter(vnd_formatter(compact=compact))
    return ax


def format_percent_axis(ax: Axes, axis: str = "y", decimals: int = 0, *, xmax: float = 1.0) -> Axes:
    """Label the ticks of one axis of ``ax`` as percentages (``12,5 %``).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    axis : {"y", "x"}, default "y"
    decimals : int, default 0
    xmax : float, default 1.0
        The data value meaning 100 %; see :func:`percent_formatter`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, for chaining.
    """
    _axis(ax, axis).set_major_formatter(percent_formatter(decimals=decimals, xmax=xmax))
    return ax


# ---------------------------------------------------------------------------
# Charts
def _require_label(value: object, param: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(i18n.t("plots.missing_label", what=i18n.t(f"chart.{param}"), param=param))
    return vn.nfc(value)


def bar_chart(
    series: pd.Series | Mapping[Any, float],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    money: bool = False,
    percent: bool = False,
    horizontal: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw a labelled bar chart of ``series`` (label → height) in the Học Số style.

    Parameters
    ----------
    series : pandas.Series or mapping
        Bar labels (the index) and heights, drawn in the given order.
    title, xlabel, ylabel : str
        Title and axis labels; required and non-empty, since a chart without
        them cannot be read.
    money : bool, default False
        Label the value axis in đồng (``1,5 tr ₫``).
    percent : bool, default False
        Label the value axis as percentages of 1.0 (``12 %``).
    horizontal : bool, default False
        Horizontal bars, first item at the top: better for long product names.
        ``xlabel`` still names the horizontal axis (the values).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a label is missing or empty, ``series`` is empty, or both
        ``money`` and ``percent`` are set.
    TypeError
        If the heights are not numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> revenue = pd.Series({"Postmart": 5_200_000, "Facebook": 3_100_000, "Zalo": 900_000})
    >>> ax = bar_chart(revenue, title="Doanh thu theo kênh", xlabel="Kênh bán",
    ...                ylabel="Doanh thu", money=True)
    >>> ax.get_title(), ax.get_xlabel(), ax.get_ylabel()
    ('Doanh thu theo kênh', 'Kênh bán', 'Doanh thu')
    >>> [float(bar.get_height()) for bar in ax.patches]
    [5200000.0, 3100000.0, 900000.0]
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import pandas as pd

    title = _require_label(title, "title")
    xlabel = _require_label(xlabel, "xlabel")
    ylabel = _require_label(ylabel, "ylabel")
    if money and percent:
        raise ValueError(i18n.t("plots.money_and_percent"))
    data = series if isinstance(series, pd.Series) else pd.Series(series)
    if data.empty:
        raise ValueError(i18n.t("plots.empty_data"))
    if not pd.api.types.is_numeric_dtype(data) or pd.api.types.is_bool_dtype(data):
        raise TypeError(i18n.t("plots.not_numeric", dtype=str(data.dtype)))

    labels = [vn.nfc(str(label)) for label in data.index]
    heights = data.to_numpy(dtype=float)
    positions = list(range(len(labels)))
    with style():
        if ax is None:
            import matplotlib.pyplot as plt

            # Constrained layout keeps long labels inside the figure, also in savefig.
            _, ax = plt.subplots(layout="constrained")
        if horizontal:
            ax.barh(positions, heights, color=PALETTE[0])
            ax.set_yticks(positions, labels)
            ax.invert_yaxis()
            ax.grid(axis="y", visible=False)
            value_axis = "x"
        else:
            ax.bar(positions, heights, color=PALETTE[0])
            ax.set_xticks(positions, labels)
            ax.grid(axis="x", visible=False)
            if max(len(label) for label in labels) * len(labels) > 60:  # would overlap
                for tick in ax.get_xticklabels():
                    tick.set_rotation(30)
                    tick.set_horizontalalignment("right")
                    tick.set_rotation_mode("anchor")
            value_axis = "y"
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if money:
            format_vnd_axis(ax, value_axis)
        elif percent:
            format_percent_axis(ax, value_axis)
    return ax
