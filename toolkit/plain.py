"""Plain data: the one registry of answer kinds a check can compare.

A check never compares a learner's object directly. It first turns it into
*plain data* (``int``, ``float``, ``str``, ``bool``, ``None`` and lists and
dicts of those) with :func:`to_plain`, refusing objects of unexpected type: an
object whose ``__eq__`` always returns ``True``, a ``float`` subclass or a
``bool`` where a number is due can never pass.

Each kind is one :class:`PlainKind`: its *converter* (runs in the learner's
process) and its *validator* (runs in the trusted grader, on the JSON the
learner's process sent back) are defined side by side, so a new kind cannot
be added to one side only. Skill packages add kinds with :func:`register_kind`.

Examples
--------
>>> to_plain(3, "number")
3
>>> is_plain("number", 3), is_plain("number", True), is_plain("text", 3)
(True, False, False)
>>> import pandas as pd
>>> to_plain(pd.Series([1, 2], index=["a", "b"], name="n"), "series")
{'name': 'n', 'index': ['a', 'b'], 'values': [1, 2]}
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from toolkit import vn
from toolkit.i18n import t

__all__ = [
    "DEFAULT_NAME",
    "KINDS",
    "CheckFailed",
    "NotAttempted",
    "PlainKind",
    "describe_type",
    "is_plain",
    "mistake_items",
    "register_kind",
    "show",
    "to_plain",
]

DEFAULT_NAME = "đáp án"
MAX_ITEMS_SHOWN = 8
MAX_TEXT_SHOWN = 80


class CheckFailed(AssertionError):
    """The learner's answer is wrong (or of the wrong type)."""

    outcome = "incorrect"


class NotAttempted(CheckFailed):
    """The answer cell still holds the placeholder (``...`` or ``None``)."""

    outcome = "not_attempted"


# Their public home is toolkit.checks (what test cells import); tracebacks say so.
CheckFailed.__module__ = NotAttempted.__module__ = "toolkit.checks"


@dataclass(frozen=True)
class PlainKind:
    """One kind of answer: how the learner side converts it and the trusted side checks it.

    ``convert(value, name)`` returns plain data or raises :class:`CheckFailed`;
    ``validate(plain)`` says whether JSON read back from an untrusted process
    has exactly the shape ``convert`` returns.
    """

    name: str
    convert: Callable[[object, str], Any]
    validate: Callable[[Any], bool]


KINDS: dict[str, PlainKind] = {}


def register_kind(kind: PlainKind) -> None:
    """Add an answer kind (both sides at once).

    Raises
    ------
    ValueError
        If another kind of that name is registered.
    """
    if kind.name in KINDS and KINDS[kind.name] != kind:
        raise ValueError(f"plain kind {kind.name!r} is already registered")
    KINDS[kind.name] = kind


# --------------------------------------------------------------------------
# showing values and types to a learner
# --------------------------------------------------------------------------


def describe_type(value: object) -> str:
    """Say in the learner's language what kind of object ``value`` is.

    Examples
    --------
    >>> describe_type(3)
    'một số nguyên (int)'
    >>> describe_type((0, 299)).split(" (")[0]
    'một bộ giá trị tuple'
    >>> describe_type(object())
    'kiểu object'
    """
    kind = type(value)
    key = {
        "tuple": "tuple",
        "list": "list",
        "dict": "dict",
        "str": "str",
        "str_": "str",
        "int": "int",
        "float": "float",
        "bool": "bool",
        "bool_": "bool",
        "NoneType": "none",
        "DataFrame": "frame",
        "Series": "series",
        "ndarray": "ndarray",
        "function": "function",
        "method": "function",
        "builtin_function_or_method": "function",
        "ellipsis": "none",
    }.get(kind.__name__)
    if key is None and kind.__module__ == "numpy":
        key = "numpy_number" if kind.__name__[:3] in ("int", "uin", "flo") else None
    if key is None:
        return t("type.other", name=kind.__name__)
    return t(f"type.{key}", name=kind.__name__)


def show(value: object) -> str:
    """Show a plain value to a learner, in Vietnamese number format, shortened.

    Examples
    --------
    >>> show(1250000), show(0.125), show("Huế"), show([1, 2])
    ('1.250.000', '0,125', "'Huế'", '[1, 2]')
    """
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return vn.format_number(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return str(value)
        if value == round(value) and abs(value) < 1e15:
            return vn.format_number(value)
        text = f"{value:.6g}"
        return text.replace(".", ",") if "e" not in text else text
    if isinstance(value, str):
        shown = value if len(value) <= MAX_TEXT_SHOWN else value[:MAX_TEXT_SHOWN] + "…"
        return f"'{shown}'"
    if isinstance(value, list):
        shown = ", ".join(show(v) for v in value[:MAX_ITEMS_SHOWN])
        return f"[{shown}{', …' if len(value) > MAX_ITEMS_SHOWN else ''}]"
    text = str(value)
    return text if len(text) <= MAX_TEXT_SHOWN else text[:MAX_TEXT_SHOWN] + "…"


def _wrong_type(name: str, kind: str, value: object) -> CheckFailed:
    return CheckFailed(
        t("check.wrong_type", name=name, expected=t(f"kind.{kind}"), found=describe_type(value))
    )


def mistake_items(mistakes: Any) -> list[tuple[Any, str]]:
    """A check's ``mistakes`` (a dict or ``(wrong value, message)`` pairs) as a list of pairs.

    >>> mistake_items({3: "a"}), mistake_items([([1], "b")]), mistake_items(None)
    ([(3, 'a')], [([1], 'b')], [])
    """
    if mistakes is None:
        return []
    if isinstance(mistakes, Mapping):
        return list(mistakes.items())
    return list(mistakes)


def is_placeholder(value: object) -> bool:
    """``...`` or ``None``: the answer cell was not changed yet."""
    return value is Ellipsis or value is None


# --------------------------------------------------------------------------
# converters (learner side)
# --------------------------------------------------------------------------


def _numpy_scalar_types() -> tuple[type, ...]:
    import numpy as np

    return (
        np.int8, np.int16, np.int32, np.int64,
        np.uint8, np.uint16, np.uint32, np.uint64,
        np.float16, np.float32, np.float64,
    )  # fmt: skip


def _plain_number(value: object, name: str) -> int | float:
    """Exact built-in or numpy number types only; bools are refused."""
    kind = type(value)
    if kind is int:
        return int(value)  # type: ignore[call-overload]
    if kind is float:
        return float(value)  # type: ignore[arg-type]
    if kind in _numpy_scalar_types():
        item = value.item()  # type: ignore[attr-defined]
        return int(item) if isinstance(item, int) else float(item)
    if kind is bool or kind.__name__ == "bool" or kind.__name__ == "bool_":
        raise _wrong_type(name, "bool_not_number", value)
    raise _wrong_type(name, "number", value)


def _plain_scalar(value: object, name: str) -> object:
    """A cell of a table or list: number, text, bool, None or date (as ISO text)."""
    kind = type(value)
    if kind in (str, bool, type(None)):
        return vn.nfc(value) if kind is str else value  # type: ignore[arg-type]
    if kind.__module__ == "numpy" and kind.__name__ in ("str_", "bool", "bool_"):
        return str(value) if kind.__name__ == "str_" else bool(value)  # type: ignore[call-overload]
    if kind in (_dt.date, _dt.datetime) or kind.__name__ == "Timestamp":
        return value.isoformat()  # type: ignore[attr-defined]
    if isinstance(value, float) and kind is not float and kind.__module__ != "numpy":
        raise _wrong_type(name, "number", value)
    return _plain_number(value, name)


def _plain_text(value: object, name: str) -> str:
    kind = type(value)
    if kind is str or (kind.__module__ == "numpy" and kind.__name__ == "str_"):
        return vn.nfc(str(value))
    raise _wrong_type(name, "text", value)


_ALLOWED_DTYPE_KINDS = frozenset("biufOU")  # bool, int, uint, float, object, str


def _texts(values: Any, name: str) -> list[object]:
    """``_plain_scalar`` of each value, each distinct text normalised once (columns repeat)."""
    seen: dict[str, object] = {}
    out: list[object] = []
    for v in values:
        if type(v) is str:
            plain = seen.get(v)
            if plain is None:
                plain = seen[v] = vn.nfc(v)
            out.append(plain)
        else:
            out.append(_plain_scalar(v, name))
    return out


def _plain_column(values: Any, dtype: Any, *, name: str, column: str) -> list[object]:
    """Convert one pandas column/index to a list of plain scalars, dtype whitelisted.

    Whole columns are converted at once where numpy/pandas can (numbers,
    dates); texts are normalised once per distinct value. The result is the
    same as converting value by value (``tests/toolkit/test_plain.py`` keeps
    that definition and compares): the learner's process pays for a big
    table once per check, not once per cell.
    """
    import pandas as pd

    def items(values: Any) -> list[Any]:  # tolist: far faster than iterating a Series
        return values.tolist() if hasattr(values, "tolist") else list(values)

    if isinstance(dtype, pd.CategoricalDtype):
        values = values.astype(str) if hasattr(values, "astype") else values
        return _texts([str(v) for v in items(values)], name)
    if isinstance(dtype, pd.StringDtype):
        return _texts(
            [None if v is None or v is pd.NA or (type(v) is float and math.isnan(v)) else str(v)
             for v in items(values)],
            name,
        )  # fmt: skip
    if isinstance(dtype, pd.DatetimeTZDtype) or getattr(dtype, "kind", "") == "M":
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        iso = [pd.Timestamp(u).isoformat() for u in uniques]
        return [iso[c] if c >= 0 else None for c in codes.tolist()]
    import numpy as np

    kind = getattr(dtype, "kind", None)
    numpy_ok = isinstance(dtype, np.dtype) and kind in _ALLOWED_DTYPE_KINDS
    # Nullable pandas numbers/booleans (Int64, Float64, boolean) are fine too.
    masked_ok = isinstance(dtype, pd.api.extensions.ExtensionDtype) and kind in "biuf"
    if not (numpy_ok or masked_ok):
        raise CheckFailed(t("check.bad_dtype", name=name, column=column, found=str(dtype)))
    plain = items(values)
    if numpy_ok and kind in "biuf":
        return plain  # numpy's tolist gives exactly bool, int and float (NaN stays a float)
    if kind in "OU":
        plain = [None if v is pd.NA or (type(v) is float and math.isnan(v)) else v for v in plain]
        return _texts(plain, name)
    return [None if v is pd.NA else _plain_scalar(v, name) for v in plain]


def _plain_series(value: object, name: str) -> dict[str, Any]:
    import pandas as pd

    if type(value) is not pd.Series:
        raise _wrong_type(name, "series", value)
    series: pd.Series = value  # type: ignore[assignment]
    return {
        "name": None if series.name is None else str(series.name),
        "index": _plain_column(series.index, series.index.dtype, name=name, column="index"),
        "values": _plain_column(series, series.dtype, name=name, column=str(series.name)),
    }


def _plain_frame(value: object, name: str) -> dict[str, Any]:
    import pandas as pd

    if type(value) is not pd.DataFrame:
        raise _wrong_type(name, "frame", value)
    frame: pd.DataFrame = value  # type: ignore[assignment]
    columns = [str(c) for c in frame.columns]
    if len(set(columns)) != len(columns):
        raise CheckFailed(t("check.duplicate_columns", name=name, found=show(columns)))
    return {
        "columns": columns,
        "index": _plain_column(frame.index, frame.index.dtype, name=name, column="index"),
        "data": {
            str(c): _plain_column(frame[c], frame[c].dtype, name=name, column=str(c))
            for c in frame.columns
        },
    }


def _plain_sequence(value: object, name: str) -> list[object]:
    kind = type(value)
    if kind in (list, tuple):
        return [_plain_scalar(v, name) for v in value]  # type: ignore[attr-defined]
    if kind.__module__ == "numpy" and kind.__name__ == "ndarray" and value.ndim == 1:  # type: ignore[attr-defined]
        return _plain_column(value, value.dtype, name=name, column=name)  # type: ignore[attr-defined]
    if kind.__module__.startswith("pandas") and kind.__name__ in ("Series", "Index"):
        return _plain_column(value, value.dtype, name=name, column=name)  # type: ignore[attr-defined]
    raise _wrong_type(name, "sequence", value)


def _plain_chart(value: object, name: str) -> dict[str, Any]:
    """Describe a matplotlib chart as plain data: labels and the drawn data."""
    kind = type(value)
    if not kind.__module__.startswith("matplotlib."):
        raise _wrong_type(name, "chart", value)
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(value, Figure):
        axes = [ax for ax in value.get_axes() if ax.has_data()] or value.get_axes()
        if not axes:
            raise _wrong_type(name, "chart", value)
        ax = axes[0]
    elif isinstance(value, Axes):
        ax = value
    else:
        raise _wrong_type(name, "chart", value)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = ax.get_figure()
    if not isinstance(figure.canvas, FigureCanvasAgg):  # tick labels are set when drawn
        FigureCanvasAgg(figure)
    figure.canvas.draw()
    bars = [p for p in ax.patches if type(p).__name__ == "Rectangle"]
    vertical = len({round(p.get_x(), 6) for p in bars}) > 1 or len(bars) == 1
    if vertical:
        labels = [tick.get_text() for tick in ax.get_xticklabels()]
        sizes = [float(p.get_height()) for p in bars]
    else:
        labels = [tick.get_text() for tick in ax.get_yticklabels()]
        sizes = [float(p.get_width()) for p in bars]
    return {
        # A title may sit left, centre or right of the axes, or above the whole figure.
        "title": vn.nfc(
            next(
                (ax.get_title(loc) for loc in ("center", "left", "right") if ax.get_title(loc)), ""
            )
            or (figure._suptitle.get_text() if figure._suptitle else "")
        ),
        "xlabel": vn.nfc(ax.get_xlabel()),
        "ylabel": vn.nfc(ax.get_ylabel()),
        "bar_labels": [vn.nfc(x) for x in labels] if len(labels) == len(bars) else [],
        "bar_sizes": sizes,
        "n_lines": len(ax.get_lines()),
        "n_collections": len(ax.collections),
    }


# --------------------------------------------------------------------------
# validators (trusted side): exact shapes of what the converters return
# --------------------------------------------------------------------------


def _is_scalar(value: object) -> bool:
    return value is None or type(value) in (int, float, str, bool)


def _scalars(value: object) -> bool:
    return type(value) is list and all(_is_scalar(v) for v in value)


def _is_number(value: object) -> bool:
    return type(value) in (int, float)


def _valid_series(value: Any) -> bool:
    return (
        type(value) is dict
        and set(value) == {"name", "index", "values"}
        and (value["name"] is None or type(value["name"]) is str)
        and _scalars(value["index"])
        and _scalars(value["values"])
        and len(value["index"]) == len(value["values"])
    )


def _valid_frame(value: Any) -> bool:
    if type(value) is not dict or set(value) != {"columns", "index", "data"}:
        return False
    columns, data = value["columns"], value["data"]
    return (
        type(columns) is list
        and all(type(c) is str for c in columns)
        and len(set(columns)) == len(columns)
        and _scalars(value["index"])
        and type(data) is dict
        and list(data) == columns
        and all(_scalars(data[c]) and len(data[c]) == len(value["index"]) for c in columns)
    )


_CHART_TEXTS = ("title", "xlabel", "ylabel")


def _valid_chart(value: Any) -> bool:
    return (
        type(value) is dict
        and set(value) == {*_CHART_TEXTS, "bar_labels", "bar_sizes", "n_lines", "n_collections"}
        and all(type(value[k]) is str for k in _CHART_TEXTS)
        and type(value["bar_labels"]) is list
        and all(type(v) is str for v in value["bar_labels"])
        and type(value["bar_sizes"]) is list
        and all(_is_number(v) for v in value["bar_sizes"])
        and type(value["n_lines"]) is int
        and type(value["n_collections"]) is int
    )


for _kind in (
    PlainKind("number", _plain_number, _is_number),
    PlainKind("text", _plain_text, lambda value: type(value) is str),
    PlainKind("sequence", _plain_sequence, _scalars),
    PlainKind("series", _plain_series, _valid_series),
    PlainKind("frame", _plain_frame, _valid_frame),
    PlainKind("chart", _plain_chart, _valid_chart),
):
    register_kind(_kind)


# --------------------------------------------------------------------------
# the two entry points
# --------------------------------------------------------------------------


def to_plain(value: object, kind: str, *, name: str = DEFAULT_NAME) -> Any:
    """Convert a learner's value to plain data for the checks, or refuse it.

    Parameters
    ----------
    value : object
        The learner's value.
    kind : str
        A name of :data:`KINDS`: ``"number"``, ``"text"``, ``"sequence"``,
        ``"series"``, ``"frame"``, ``"chart"`` or one a skill package added.
    name : str
        The answer's variable name, used in messages.

    Returns
    -------
    plain data
        ``int``/``float`` (number), ``str`` (text, NFC), ``list`` (sequence),
        ``dict`` of lists (series, frame, chart).

    Raises
    ------
    NotAttempted
        If ``value`` is ``...`` or ``None``.
    CheckFailed
        If ``value`` has a type the check cannot accept.

    Examples
    --------
    >>> class AlwaysEqual(float):
    ...     def __eq__(self, other):
    ...         return True
    >>> to_plain(AlwaysEqual(1.0), "number", name="x")
    Traceback (most recent call last):
    ...
    toolkit.checks.CheckFailed: ❌ `x` cần là một số, nhưng bạn đang có kiểu AlwaysEqual.
    >>> to_plain(True, "number", name="x")
    Traceback (most recent call last):
    ...
    toolkit.checks.CheckFailed: ❌ `x` cần là một số (không phải True/False), nhưng bạn đang có True/False (kiểu bool).
    """
    if is_placeholder(value):
        raise NotAttempted(t("check.not_attempted", name=name))
    try:
        converter = KINDS[kind].convert
    except KeyError:
        raise ValueError(f"unknown plain kind {kind!r}; expected one of {sorted(KINDS)}") from None
    return converter(value, name)


def is_plain(kind: str, value: Any) -> bool:
    """Whether ``value`` has exactly the shape ``to_plain(..., kind)`` returns.

    The trusted grader calls this on data read back from the learner's
    process before comparing it. An unknown kind is never plain.

    Examples
    --------
    >>> is_plain("series", {"name": None, "index": ["a"], "values": [1]})
    True
    >>> is_plain("series", {"name": None, "index": ["a"], "values": [1, 2]})
    False
    >>> is_plain("no-such-kind", 1)
    False
    """
    spec = KINDS.get(kind)
    try:
        return spec is not None and bool(spec.validate(value))
    except (TypeError, KeyError, AttributeError, RecursionError):
        return False
