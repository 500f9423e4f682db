"""Read the customer-care datasets shipped in ``toolkit/care/data/``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.i18n import t

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DATA_DIR", "dataset_names", "load", "typed"]

DATA_DIR = Path(__file__).with_name("data")


def dataset_names() -> tuple[str, ...]:
    """Names of the customer-care datasets.

    Examples
    --------
    >>> dataset_names()
    ('chat_messages', 'csat_survey', 'nps_survey', 'review_labels', 'reviews', 'tickets')
    """
    from toolkit.care._datasets import SCHEMAS

    return tuple(sorted(SCHEMAS))


def typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Give ``frame`` the columns and dtypes of dataset ``name`` (text read from CSV or built).

    Kinds: ``"str"``, ``"int"``, ``"float"`` (empty = ``NaN``), ``"date"``,
    ``"datetime"`` (empty = ``NaT``), or a tuple of labels (categorical).
    """
    import pandas as pd

    from toolkit.care._datasets import SCHEMAS

    schema = SCHEMAS[name]
    if list(frame.columns) != list(schema):
        raise ValueError(
            f"dataset {name!r}: columns {list(frame.columns)} differ from {list(schema)}"
        )
    columns = {}
    for column, kind in schema.items():
        values = frame[column].reset_index(drop=True)
        if isinstance(kind, tuple):
            typed_values = pd.Series(pd.Categorical(values.astype(str), categories=list(kind)))
            if typed_values.isna().any():
                unknown = sorted(set(values.astype(str)) - set(kind))
                raise ValueError(
                    f"dataset {name!r}: column {column!r} has unknown labels {unknown}"
                )
        elif kind == "int":
            typed_values = values.astype("int64")
        elif kind == "float":
            typed_values = pd.to_numeric(values.replace("", None)).astype("float64")
        elif kind in ("date", "datetime"):
            if not pd.api.types.is_datetime64_any_dtype(values):
                fmt = "%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M:%S"
                values = pd.to_datetime(values.replace("", None), format=fmt)
            typed_values = values.astype("datetime64[ns]")
        elif kind == "str":
            typed_values = values.astype("str")
        else:  # pragma: no cover - a programming error in SCHEMAS
            raise ValueError(f"unknown column kind {kind!r}")
        columns[column] = typed_values
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))


_CACHE: dict[str, tuple[tuple[int, int], pd.DataFrame]] = {}


def load(name: str) -> pd.DataFrame:
    """Read a customer-care dataset as a typed DataFrame (a fresh copy each call).

    Once ``toolkit.data.load`` finds every ``toolkit/*/_datasets.py``,
    ``data.load(name)`` gives the same frame.

    Parameters
    ----------
    name : str
        One of :func:`dataset_names` (case and a trailing ``.csv`` ignored).

    Examples
    --------
    >>> tickets = load("tickets")
    >>> list(tickets.columns[:3]), str(tickets["created"].dtype)
    (['ticket_id', 'customer_id', 'product_id'], 'datetime64[ns]')
    >>> load("ticket")
    Traceback (most recent call last):
    ...
    KeyError: "Không có bộ dữ liệu chăm sóc khách hàng 'ticket'. Có sẵn: chat_messages, csat_survey, nps_survey, review_labels, reviews, tickets."
    """
    import pandas as pd

    key = str(name).strip().lower().removesuffix(".csv") if isinstance(name, str) else None
    if key not in dataset_names():
        raise KeyError(t("care.error.dataset", name=name, available=", ".join(dataset_names())))
    file = DATA_DIR / f"{key}.csv"
    stat = file.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(key)
    if cached is None or cached[0] != stamp:
        raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
        cached = _CACHE[key] = (stamp, typed(raw, key))
    return cached[1].copy(deep=True)
