"""The expect helpers: three outcomes, known mistakes, and cheats that must never pass."""

import datetime

import numpy as np
import pandas as pd
import pytest

from toolkit.checks import CHECKS, CheckFailed, NotAttempted, expect, run_check, to_plain


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class EqualFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class EqualInt(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class EqualStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class EqualFrame(pd.DataFrame):
    def equals(self, other):
        return True


class EqualSeries(pd.Series):
    def equals(self, other):
        return True


# ---- the three outcomes -------------------------------------------------------------


def test_correct_prints_a_vietnamese_success_line(capsys):
    expect.number(0.125, 0.125, name="ti_le")
    out = capsys.readouterr().out
    assert out.startswith("✅ Chính xác!")
    assert "`ti_le` = 0,125" in out


@pytest.mark.parametrize("placeholder", [..., None])
@pytest.mark.parametrize("check", ["number", "integer", "text", "sequence", "series", "frame"])
def test_placeholder_is_not_attempted(placeholder, check):
    expected = {
        "number": 1.0,
        "integer": 1,
        "text": "a",
        "sequence": [1],
        "series": pd.Series([1]),
        "frame": pd.DataFrame({"a": [1]}),
    }[check]
    with pytest.raises(NotAttempted, match="chưa làm câu này") as info:
        run_check(check, placeholder, expected, name="x")
    assert info.value.outcome == "not_attempted"
    assert isinstance(info.value, AssertionError)  # nbgrader scores it 0


def test_incorrect_is_an_assertion_error_without_revealing_the_answer():
    with pytest.raises(CheckFailed) as info:
        expect.integer(1_000, 1_234_567, name="doanh_thu")
    message = str(info.value)
    assert info.value.outcome == "incorrect"
    assert "1.000" in message
    assert "1.234.567" not in message  # hidden checks never give the answer away


def test_reveal_shows_expected_for_public_checks():
    with pytest.raises(CheckFailed, match="cần là 5"):
        expect.integer(4, 5, name="n", reveal=True)


# ---- known mistakes and hints -----------------------------------------------------


def test_known_mistake_message_for_numbers():
    with pytest.raises(CheckFailed, match="Lỗi hay gặp: Bạn đã nhân với 10") as info:
        expect.number(
            3.42, 0.342, name="x", mistakes={3.42: "Bạn đã nhân với 10."}, hint="Chia cho tổng."
        )
    assert "Gợi ý: Chia cho tổng." in str(info.value)


def test_mistake_not_shown_for_other_wrong_values():
    with pytest.raises(CheckFailed) as info:
        expect.number(7.0, 0.342, name="x", mistakes={3.42: "Bạn đã nhân với 10."})
    assert "Lỗi hay gặp" not in str(info.value)


def test_known_mistake_for_text_ignores_case_and_tone_placement():
    with pytest.raises(CheckFailed, match="số đơn"):
        expect.text(
            "thanh hoá", "Hà Nội", name="tinh", mistakes={"Thanh Hóa": "Bạn đã đếm số đơn."}
        )


def test_known_mistake_for_series():
    right = pd.Series({"Huế": 5, "Hà Nội": 10})
    counted = pd.Series({"Huế": 1, "Hà Nội": 2})
    with pytest.raises(CheckFailed, match="đếm"):
        expect.series(counted, right, name="s", mistakes=[(counted, "Bạn đã đếm thay vì cộng.")])


# ---- cheats: objects that claim equality ---------------------------------------------


@pytest.mark.parametrize(
    ("check", "cheat", "expected"),
    [
        ("number", AlwaysEqual(), 1.0),
        ("number", EqualFloat(2.0), 1.0),
        ("number", EqualFloat(1.0), 1.0),  # even with the right value: wrong type
        ("integer", EqualInt(5), 5),
        ("integer", True, 1),
        ("number", True, 1.0),
        ("number", np.bool_(True), 1.0),
        ("number", "1", 1.0),
        ("number", np.array([1.0]), 1.0),
        ("text", EqualStr("x"), "y"),
        ("text", AlwaysEqual(), "y"),
        ("sequence", AlwaysEqual(), [1, 2]),
        ("sequence", [EqualFloat(9.0)], [1.0]),
        ("series", EqualSeries([1, 2]), pd.Series([1, 2])),
        ("frame", EqualFrame({"a": [1]}), pd.DataFrame({"a": [1]})),
        ("frame", AlwaysEqual(), pd.DataFrame({"a": [1]})),
        ("series", pd.Series([AlwaysEqual()]), pd.Series([1])),
        ("frame", pd.DataFrame({"a": [EqualStr("x")]}), pd.DataFrame({"a": ["y"]})),
    ],
)
def test_cheats_never_pass(check, cheat, expected):
    with pytest.raises(CheckFailed):
        run_check(check, cheat, expected, name="x")


def test_bool_message_says_why():
    with pytest.raises(CheckFailed, match="không phải True/False"):
        expect.number(True, 1.0, name="x")


# ---- plain conversion -----------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [np.int64(3), np.int32(3), np.float64(3.0), np.float32(3.0), np.uint8(3), 3, 3.0],
)
def test_numpy_and_builtin_numbers_are_accepted(value):
    assert to_plain(value, "number") == 3
    assert type(to_plain(value, "number")) in (int, float)


def test_frame_to_plain_has_only_plain_values():
    df = pd.DataFrame(
        {
            "n": [1, 2],
            "x": [0.5, np.nan],
            "s": ["Hà Nội", None],
            "d": pd.to_datetime(["2025-01-29", "2025-11-11"]),
            "c": pd.Categorical(["a", "b"]),
            "b": [True, False],
        }
    )
    plain = to_plain(df, "frame")
    assert plain["columns"] == ["n", "x", "s", "d", "c", "b"]
    assert plain["data"]["d"] == ["2025-01-29T00:00:00", "2025-11-11T00:00:00"]
    assert plain["data"]["c"] == ["a", "b"]
    assert plain["data"]["s"] == ["Hà Nội", None]

    def walk(obj):
        if isinstance(obj, dict):
            for v in obj.values():
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)
        else:
            assert type(obj) in (int, float, str, bool, type(None)), type(obj)

    walk(plain)


def test_frame_with_unsupported_dtype_is_refused():
    df = pd.DataFrame({"p": pd.period_range("2025-01", periods=2, freq="M")})
    with pytest.raises(CheckFailed, match="Cột `p`"):
        to_plain(df, "frame", name="bang")


def test_dates_in_a_list_become_iso_text():
    assert to_plain([datetime.date(2025, 1, 29)], "sequence") == ["2025-01-29"]


def test_every_check_converts_to_a_known_plain_kind():
    from toolkit.checks import _Expect
    from toolkit.plain import KINDS

    for name, spec in CHECKS.items():
        if name == "self_check":
            kind = spec.plain_kind({"check": "series"})
        else:
            kind = spec.plain_kind("frame") if callable(spec.kind) else spec.kind
        assert kind in KINDS, name
        assert callable(getattr(_Expect, name)), f"expect.{name} is missing"
    assert spec_kinds_of_public_methods() <= set(CHECKS)


def spec_kinds_of_public_methods() -> set[str]:
    from toolkit.checks import _Expect

    return {n for n in vars(_Expect) if not n.startswith("_")}


# ---- comparisons ---------------------------------------------------------------------


def test_number_tolerance_is_relative():
    expect.number(1_000_000.5, 1_000_000, name="x")
    with pytest.raises(CheckFailed):
        expect.number(1_000_100, 1_000_000, name="x")
    expect.number(1_000_100, 1_000_000, name="x", rel=1e-3)


def test_integer_accepts_whole_floats_and_rejects_fractions():
    expect.integer(5.0, 5, name="n")
    with pytest.raises(CheckFailed, match="số nguyên"):
        expect.integer(5.5, 5, name="n")
    with pytest.raises(CheckFailed):
        expect.integer(6, 5, name="n")


def test_nan_never_equals_a_number():
    with pytest.raises(CheckFailed):
        expect.number(float("nan"), 1.0, name="x")


def test_text_comparison_normalises():
    expect.text("  thanh hoá ", "Thanh Hóa", name="t")
    with pytest.raises(CheckFailed):
        expect.text("Thanh Hoa", "Thanh Hóa", name="t")
    expect.text("Thanh Hoa", "Thanh Hóa", name="t", ignore_accents=True)


def test_series_order_checked_only_on_request():
    right = pd.Series({"Hà Nội": 10, "Huế": 5})
    expect.series(right.iloc[::-1], right, name="s")
    with pytest.raises(CheckFailed, match="thứ tự"):
        expect.series(right.iloc[::-1], right, name="s", check_order=True)
    with pytest.raises(CheckFailed, match="Nhãn") as info:
        expect.series(pd.Series({"Hà Nội": 10, "Huế ": 5}), right, name="s")
    assert "'Huế '" in str(info.value)  # names the learner's wrong label
    assert "'Huế'" not in str(info.value)  # never the expected one
    with pytest.raises(CheckFailed, match="có 1 phần tử") as info:
        expect.series(right.iloc[:1], right, name="s")
    assert "2" not in str(info.value)  # a hidden check never tells the expected length


def test_frame_columns_and_rows():
    right = pd.DataFrame({"tinh": ["Huế", "Hà Nội"], "doanh_thu": [5, 10]})
    expect.frame(right.iloc[::-1].reset_index(drop=True), right, name="b")
    with pytest.raises(CheckFailed, match="thiếu cột"):
        expect.frame(right[["tinh"]], right, name="b")
    with pytest.raises(CheckFailed, match="chưa đúng"):
        expect.frame(right.assign(doanh_thu=[5, 11]), right, name="b")


def test_sequence_ordered_and_unordered():
    expect.sequence([3, 1, 2], [1, 2, 3], ordered=False, name="l")
    with pytest.raises(CheckFailed, match="thứ tự"):
        expect.sequence([3, 1, 2], [1, 2, 3], name="l")
    expect.sequence(np.array([1, 2, 3]), [1, 2, 3], name="l")


def test_public_sanity_checks():
    expect.in_range(5, 0, 10, name="x")
    with pytest.raises(CheckFailed, match="ngoài khoảng"):
        expect.in_range(11, 0, 10, name="x")
    expect.one_of("hà nội", ["Hà Nội", "Huế"], name="t")
    with pytest.raises(CheckFailed, match="không nằm trong"):
        expect.one_of("Paris", ["Hà Nội", "Huế"], name="t")
    expect.columns(pd.DataFrame({"a": [1], "b": [2]}), ["a"], name="d")
    with pytest.raises(CheckFailed, match="thiếu cột"):
        expect.columns(pd.DataFrame({"a": [1]}), ["b"], name="d")
    expect.has_type(pd.Series([1]), "series", name="s")
    with pytest.raises(CheckFailed, match="pandas Series"):
        expect.has_type([1], "series", name="s")
    expect.length([1, 2], 2, name="l")
    with pytest.raises(CheckFailed):
        expect.length([1], 2, name="l")


# ---- charts ----------------------------------------------------------------------------


@pytest.fixture
def bar_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["Hà Nội", "Huế"], [10, 5])
    yield fig, ax
    plt.close(fig)


def test_chart_needs_title_and_labels(bar_axes):
    _, ax = bar_axes
    with pytest.raises(CheckFailed, match="tiêu đề") as info:
        expect.chart(ax, name="bd")
    assert "nhãn trục hoành" in str(info.value)
    ax.set_title("Doanh thu")
    ax.set_xlabel("Tỉnh")
    ax.set_ylabel("Doanh thu (₫)")
    expect.chart(ax, name="bd")


@pytest.mark.parametrize("loc", ["left", "center", "right", "suptitle"])
def test_chart_title_anywhere_counts(bar_axes, loc):
    fig, ax = bar_axes
    if loc == "suptitle":
        fig.suptitle("Doanh thu")
    else:
        ax.set_title("Doanh thu", loc=loc)
    expect.chart(ax, name="bd", xlabel=False, ylabel=False)


def test_chart_accepts_figure_and_checks_bars(bar_axes):
    fig, _ = bar_axes
    expect.bars(fig, pd.Series({"Huế": 5, "Hà Nội": 10}), name="bd")
    with pytest.raises(CheckFailed):
        expect.bars(fig, pd.Series({"Huế": 6, "Hà Nội": 10}), name="bd")


def test_horizontal_bars(bar_axes):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    pd.Series({"Hà Nội": 10, "Huế": 5, "Cần Thơ": 2}).plot.barh(ax=ax)
    expect.bars(ax, pd.Series({"Huế": 5, "Hà Nội": 10, "Cần Thơ": 2}), name="bd")
    plt.close(fig)


def test_empty_chart_fails(bar_axes):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    with pytest.raises(CheckFailed, match="dữ liệu"):
        expect.chart(ax, name="bd", title=False, xlabel=False, ylabel=False)
    plt.close(fig)
    with pytest.raises(CheckFailed, match="biểu đồ matplotlib"):
        expect.chart("a chart", name="bd")


def test_english_messages(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    with pytest.raises(NotAttempted, match="Not attempted"):
        expect.number(..., 1.0, name="x")
