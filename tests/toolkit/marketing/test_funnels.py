"""Funnels: known answers, monotone overall conversion, bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from toolkit import marketing as mk
from toolkit.marketing import MarketingError


def test_known_answers():
    table = mk.funnel({"Vào trang": 1000, "Xem SP": 500, "Thêm giỏ": 100, "Đặt": 50})
    assert table["count"].tolist() == [1000, 500, 100, 50]
    assert table["step_conversion"].tolist() == pytest.approx([1, 0.5, 0.2, 0.5])
    assert table["drop_off"].tolist() == pytest.approx([0, 0.5, 0.8, 0.5])
    assert table["overall_conversion"].tolist() == pytest.approx([1, 0.5, 0.1, 0.05])


def test_overall_is_product_of_steps_and_decreasing():
    table = mk.funnel(pd.Series([900, 300, 120, 30, 30], index=list("abcde")))
    assert table["overall_conversion"].iloc[-1] == pytest.approx(table["step_conversion"].prod())
    assert table["overall_conversion"].is_monotonic_decreasing


def test_empty_step_gives_zero_not_nan():
    table = mk.funnel({"a": 10, "b": 0, "c": 0})
    assert table["step_conversion"].tolist() == [1.0, 0.0, 0.0]
    assert not table.isna().to_numpy().any()


def test_counts_from_flags():
    sessions = pd.DataFrame({"viewed": [1, 1, 1, 0], "cart": [1, 1, 0, 0], "ordered": [1, 0, 0, 0]})
    counts = mk.funnel_counts(sessions, ["viewed", "cart", "ordered"])
    assert counts.to_dict() == {"Lượt truy cập": 4, "viewed": 3, "cart": 2, "ordered": 1}
    assert mk.funnel_counts(sessions, ["cart"], start=None).to_dict() == {"cart": 2}


@pytest.mark.parametrize(
    ("counts", "fragment"),
    [
        ({"a": 10, "b": 20}, "phình ra: bước “b”"),
        ({"a": 10}, "ít nhất 2 bước"),
        ({"a": 0, "b": 0}, "“count” bằng 0"),
        ({"a": 10, "b": -1}, "âm"),
    ],
)
def test_bad_funnels(counts, fragment):
    with pytest.raises(MarketingError, match=fragment):
        mk.funnel(counts)


def test_counts_missing_column():
    with pytest.raises(MarketingError, match="thiếu cột “ordered”"):
        mk.funnel_counts(pd.DataFrame({"cart": [1]}), ["cart", "ordered"])


def test_chart_has_labels():
    ax = mk.plot_funnel(mk.funnel({"a": 10, "b": 5}))
    assert ax.get_title()
    assert ax.get_xlabel()
    assert ax.get_ylabel()
    assert [p.get_width() for p in ax.patches] == [10, 5]
    plt.close("all")
