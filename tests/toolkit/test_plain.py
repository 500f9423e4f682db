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
