"""Every answer kind round-trips: learner value -> plain data -> JSON -> accepted by the grader."""

from __future__ import annotations

import datetime
import json

import numpy as np
import pandas as pd
import pytest

from toolkit.plain import KINDS, PlainKind, is_plain, register_kind, to_plain


def _chart():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _fig, ax = plt.subplots()
    ax.bar(["Huế", "Hà Nội"], [3.0, 2.0])
    ax.set_title("Doanh thu")
    return ax


EXAMPLES = {
    "number": [3, -2.5, np.int64(7), np.float32(0.5), np.uint8(255)],
    "text": ["Đã giao", np.str_("Huế"), ""],
    "sequence": [
        [1, 2.5, "a", None, True],
        (3, 4),
        np.array([1.0, 2.0]),
        pd.Index(["a", "b"]),
        [datetime.date(2025, 1, 29)],
    ],
    "series": [
        pd.Series([1, 2], index=["a", "b"], name="n"),
        pd.Series([0.5, None], index=pd.to_datetime(["2025-01-01", "2025-01-02"])),
        pd.Series(["x", "y"], dtype="category"),
    ],
    "frame": [
        pd.DataFrame({"kenh": ["Zalo", "Postmart"], "ti_le": [0.12, 0.04], "so_don": [3, 4]}),
        pd.DataFrame({"ngay": pd.to_datetime(["2025-01-01"]), "ok": [True]}),
    ],
    "chart": [_chart],
}


def test_every_registered_kind_has_examples():
    assert set(EXAMPLES) == set(KINDS)


@pytest.mark.parametrize(
    ("kind", "value"), [(k, v) for k, values in EXAMPLES.items() for v in values]
)
def test_round_trip_through_json_is_accepted_by_the_grader(kind, value):
    value = value() if callable(value) else value
    plain = to_plain(value, kind, name="x")
    assert is_plain(kind, plain)
    again = json.loads(json.dumps(plain))  # what the sandboxed child sends back
    assert json.dumps(again) == json.dumps(plain)  # (NaN != NaN, so compare the JSON)
    assert is_plain(kind, again)


@pytest.mark.parametrize(
    ("kind", "shape"),
    [
        ("number", True),
        ("number", "3"),
        ("text", 3),
        ("sequence", [[1]]),
        ("series", {"name": None, "index": ["a"], "values": [1, 2]}),
        ("frame", {"columns": ["a"], "index": [0], "data": {"a": [1, 2]}}),
        ("chart", {"title": "t"}),
        ("series", {"name": None, "index": ["a"], "values": [{"deep": 1}]}),
    ],
)
def test_bad_shapes_are_refused(kind, shape):
    assert not is_plain(kind, shape)


def test_a_skill_adds_a_kind_on_both_sides_at_once():
    kind = PlainKind(
        "test-pair", lambda v, name: list(v), lambda p: type(p) is list and len(p) == 2
    )
    register_kind(kind)
    try:
        assert to_plain((1, 2), "test-pair") == [1, 2]
        assert is_plain("test-pair", [1, 2])
        assert not is_plain("test-pair", [1])
        with pytest.raises(ValueError, match="already registered"):
            register_kind(PlainKind("test-pair", list, bool))
    finally:
        KINDS.pop("test-pair")


# --------------------------------------------------------------------------
# whole-column conversion = the value-by-value definition
# --------------------------------------------------------------------------


def _by_value(values, dtype):
    """The definition: each value converted on its own (``_plain_column`` before it was
    vectorised). The fast converter must return exactly this, type for type."""
    import math

    from toolkit import vn
    from toolkit.plain import _plain_scalar

    if isinstance(dtype, pd.CategoricalDtype):
        return [_plain_scalar(str(v), "x") for v in values.astype(str)]
    if isinstance(dtype, pd.StringDtype):
        return [None if v is None or v is pd.NA or (type(v) is float and math.isnan(v))
                else vn.nfc(str(v)) for v in values]  # fmt: skip
    if isinstance(dtype, pd.DatetimeTZDtype) or getattr(dtype, "kind", "") == "M":
        return [None if pd.isna(v) else pd.Timestamp(v).isoformat() for v in values]
    kind = dtype.kind
    return [
        None if v is pd.NA or (type(v) is float and math.isnan(v) and kind in "OU")
        else _plain_scalar(v, "x")
        for v in values.tolist()
    ]  # fmt: skip


def _columns(rng: np.random.Generator, n: int) -> dict[str, pd.Series]:
    """Columns of every dtype a learner's table can hold, with gaps, repeats and odd values."""
    texts = np.array(["Huế", "Hu\u00ea\u0301", "Đã giao", "", "a b", "Hà Nội"], dtype=object)
    pick = lambda pool: pool[rng.integers(0, len(pool), n)]  # noqa: E731
    gaps = rng.random(n) < 0.2
    floats = rng.normal(0, 1e6, n)
    floats[gaps] = np.nan
    floats[rng.random(n) < 0.1] = -0.0
    days = pd.to_datetime("2025-01-01") + pd.to_timedelta(rng.integers(0, 400, n), unit="h")
    stamps = pd.Series(days)
    stamps[gaps] = pd.NaT
    objects = pick(np.array(["x", 1, 2.5, None, True, np.nan, "Huế"], dtype=object))
    return {
        "int": pd.Series(rng.integers(-(2**62), 2**62, n)),
        "uint": pd.Series(rng.integers(0, 2**63, n).astype(np.uint64) * 2),
        "float": pd.Series(floats),
        "float32": pd.Series(floats.astype(np.float32)),
        "bool": pd.Series(rng.random(n) < 0.5),
        "Int64": pd.Series(rng.integers(0, 9, n), dtype="Int64").mask(gaps),
        "boolean": pd.Series(rng.random(n) < 0.5, dtype="boolean").mask(gaps),
        "str": pd.Series(pick(texts), dtype="str").mask(gaps),
        "string": pd.Series(pick(texts), dtype="string").mask(gaps),
        "object": pd.Series(objects, dtype=object),
        "category": pd.Series(pick(texts), dtype="category").mask(gaps),
        "datetime": stamps,
        "datetime-tz": stamps.dt.tz_localize("Asia/Ho_Chi_Minh"),
        "date-index": pd.Series(pd.DatetimeIndex(stamps).as_unit("s")),
    }


@pytest.mark.parametrize("seed", range(6))
def test_whole_column_conversion_equals_value_by_value(seed):
    from toolkit.plain import _plain_column

    rng = np.random.default_rng(seed)
    for label, column in _columns(rng, int(rng.integers(0, 300))).items():
        for values in (column, pd.Index(column), column.to_numpy()):
            if isinstance(values, np.ndarray) and values.dtype == object and label != "object":
                continue  # an extension column's numpy copy is not a column a learner holds
            fast = _plain_column(values, values.dtype, name="x", column=label)
            slow = _by_value(values, values.dtype)
            assert json.dumps(fast) == json.dumps(slow), label
            assert [type(v) for v in fast] == [type(v) for v in slow], label


def test_repeated_texts_are_each_normalised():
    from toolkit.plain import _plain_column

    column = pd.Series(["Hu\u00ea\u0301", "Huế", "Hu\u00ea\u0301", None], dtype=object)
    assert _plain_column(column, column.dtype, name="x", column="c") == ["Huế", "Huế", "Huế", None]
