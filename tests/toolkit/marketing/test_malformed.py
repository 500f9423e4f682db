"""Malformed frames at every public table function: one MarketingError naming column and row.

Each case starts from a valid table, breaks one cell of one column in a way
that column cannot hold (text in a number, a negative amount, infinity, 2 in a
0/1 flag, a non-date, a time zone on one row only, a repeated id, a missing
value), at a row drawn by a seeded generator, and asserts that the function
refuses it with :class:`MarketingError` whose message names the column and
the row: never a raw pandas/numpy error, never a silent answer.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import pytest

from toolkit import marketing as mk
from toolkit.marketing import MarketingError

N = 12


def _orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [f"K{i % 7}" for i in range(N)],
            "order_id": [f"D{i:02d}" for i in range(N)],
            "order_date": [f"2026-01-{i + 2:02d} 10:00" for i in range(N)],
            "revenue_vnd": [100_000 + 1_000 * i for i in range(N)],
        }
    )


def _ab() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": [f"2026-03-{i // 2 + 1:02d}" for i in range(N)],
            "variant": ["A", "B"] * (N // 2),
            "converted": [i % 3 == 0 for i in range(N)],
        }
    )


def _sessions() -> pd.DataFrame:
    return pd.DataFrame(
        {"viewed_product": [1] * N, "added_to_cart": [i % 2 for i in range(N)], "ordered": [0] * N}
    )


def _ads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "channel": ["Facebook", "TikTok"] * (N // 2),
            "spend_vnd": [50_000] * N,
            "impressions": [10_000] * N,
            "clicks": [200] * N,
            "orders": [5] * N,
            "revenue_vnd": [900_000] * N,
        }
    )


def _rfm() -> pd.DataFrame:
    return mk.rfm_table(_orders().assign(order_date=lambda f: pd.to_datetime(f["order_date"])))


def _touches() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": [f"D{i:02d}" for i in range(N)],
            "touch_time": [f"2026-01-{i + 1:02d} 09:00" for i in range(N)],
            "channel": ["Zalo"] * N,
        }
    )


# function, valid-table factory, {column: kinds of breakage that column must refuse}
MONEY = ("text", "negative", "infinite", "missing")
CASES = {
    "ab_counts": (mk.ab_counts, _ab, {"converted": ("text", "two", "negative", "missing")}),
    "cumulative_ab": (
        mk.cumulative_ab,
        _ab,
        {"converted": ("two", "text"), "date": ("not_date", "mixed_tz", "missing")},
    ),
    "funnel_counts": (
        lambda f: mk.funnel_counts(f, ["viewed_product", "added_to_cart", "ordered"]),
        _sessions,
        {"added_to_cart": ("two", "text", "negative", "missing")},
    ),
    "rfm_table": (
        mk.rfm_table,
        _orders,
        {"revenue_vnd": MONEY, "order_date": ("not_date", "mixed_tz", "missing")},
    ),
    "rfm_scores": (
        mk.rfm_scores,
        _rfm,
        {"monetary_vnd": MONEY, "frequency": ("negative", "text"), "index": ("duplicate",)},
    ),
    "cohort_counts": (mk.cohort_counts, _orders, {"order_date": ("not_date", "mixed_tz")}),
    "kpi_table": (
        lambda f: mk.kpi_table(f, by="channel"),
        _ads,
        {"spend_vnd": MONEY, "clicks": ("negative", "text", "infinite")},
    ),
    "attribute": (
        lambda f: mk.attribute(f, _orders()),
        _touches,
        {"touch_time": ("not_date", "mixed_tz", "missing")},
    ),
    "attribute_orders": (
        lambda f: mk.attribute(_touches(), f),
        _orders,
        {"revenue_vnd": MONEY, "order_id": ("duplicate",)},
    ),
}


def _break(frame: pd.DataFrame, column: str, kind: str, row: int) -> tuple[pd.DataFrame, object]:
    """A copy of ``frame`` with one bad cell; returns it and the row label the error must name."""
    out = frame.copy()
    if column == "index":
        labels = list(out.index)
        labels[row] = labels[row - 1]
        out.index = pd.Index(labels, name=out.index.name)
        return out, labels[row]
    out[column] = out[column].astype(object)
    label = out.index[row]
    if kind == "duplicate":
        out.loc[label, column] = out[column].iloc[row - 1]
        return out, label
    value = {
        "text": "mười",
        "negative": -5,
        "infinite": float("inf"),
        "missing": None,
        "two": 2,
        "not_date": "31/02/2026 ngày mai",
        "mixed_tz": "2026-01-05T03:00:00Z",
    }[kind]
    out.loc[label, column] = value
    return out, label


_PARAMS = [
    (name, column, kind)
    for name, (_, _, columns) in CASES.items()
    for column, kinds in columns.items()
    for kind in kinds
]


@pytest.mark.parametrize(("name", "column", "kind"), _PARAMS)
def test_malformed_cell_is_refused_naming_column_and_row(name, column, kind):
    function, factory, _ = CASES[name]
    valid = factory()
    function(valid)  # the untouched table works
    rng = np.random.default_rng(zlib.crc32(f"{name}/{column}/{kind}".encode()))
    for row in rng.choice(np.arange(1, len(valid)), size=3, replace=False):
        broken, label = _break(valid, column, kind, int(row))
        with pytest.raises(MarketingError) as caught:
            function(broken)
        message = str(caught.value)
        shown = valid.index.name if column == "index" else column
        assert shown in message, message
        assert str(label) in message, message


@pytest.mark.parametrize("name", list(CASES))
def test_structurally_wrong_input_is_refused(name):
    function, factory, _ = CASES[name]
    valid = factory()
    with pytest.raises(MarketingError):
        function(valid.iloc[0:0])
    with pytest.raises(MarketingError):
        function(valid.to_dict())
    column = next(iter(CASES[name][2]))
    if column != "index":
        with pytest.raises(MarketingError, match=column):
            function(valid.drop(columns=column))
