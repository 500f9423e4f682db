"""Self-checks tell the truth at the graded tolerance and hold no readable answer."""

from __future__ import annotations

import math
import unicodedata

import numpy as np
import pandas as pd
import pytest

from toolkit.checks import CHECKS, CheckFailed, NotAttempted, expect, run_check
from toolkit.plain import to_plain
from toolkit.selfcheck import GRIDS, _quantum, make_spec


@pytest.fixture(autouse=True)
def fast_digests(monkeypatch):
    """The verdicts do not depend on the hash's cost; the tests should not pay it."""
    import toolkit.selfcheck

    monkeypatch.setattr(toolkit.selfcheck, "ITERATIONS", 10)


def spec_of(check, expected, **kwargs):
    return make_spec(check, (expected,), kwargs, question="kiem-tra-cau-1", salt="00ff")


def verdict(spec, value):
    """'correct', the mistake id, or 'incorrect' (also 'not_attempted')."""
    try:
        run_check("self_check", value, spec)
    except NotAttempted:
        return "not_attempted"
    except CheckFailed as failure:
        return getattr(failure, "mistake_id", None) or "incorrect"
    return "correct"


def hidden(check, expected, value, **kwargs):
    try:
        run_check(check, value, expected, **kwargs)
    except CheckFailed:
        return False
    return True


# ---- numbers at the graded tolerance ------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_public_correct_implies_hidden_correct_and_near_values_always_pass(seed, capsys):
    rng = np.random.default_rng(seed)
    for _ in range(40):
        expected = float(rng.uniform(-1e6, 1e6) * 10.0 ** rng.integers(-8, 2))
        rel, abs_ = 10.0 ** -float(rng.integers(2, 8)), 10.0 ** -float(rng.integers(3, 12))
        spec = spec_of("number", expected, rel=rel, abs=abs_, name="x")
        tol = max(rel * abs(expected), abs_)
        q = _quantum(tol)
        for factor in (0.0, 1e-12, 0.1, 0.3, 0.37, 0.6, 0.99, 1.01, 1.5, 3.0):
            for sign in (-1, 1):
                value = expected + sign * factor * q
                public = verdict(spec, value) == "correct"
                if public:
                    assert hidden("number", expected, value, rel=rel, abs=abs_, name="x")
                if factor * q < 3 * q / 8 * 0.999:
                    assert public, (expected, value, tol)
                if abs(value - expected) > tol * 1.000001:
                    assert not public
    capsys.readouterr()


def test_a_float_on_a_grid_edge_is_still_right(capsys):
    q = _quantum(1e-6 * 8.0)
    expected = 8.0  # exactly on an edge of grid 0
    spec = spec_of("number", expected, rel=1e-6, abs=0.0, name="x")
    for value in (
        expected,
        math.nextafter(expected, 0),
        math.nextafter(expected, 10),
        8.0 - q / 10,
    ):
        assert verdict(spec, value) == "correct"
    assert GRIDS >= 2
    capsys.readouterr()


def test_integer_is_exact_and_accepts_numpy_and_whole_floats(capsys):
    spec = spec_of("integer", 8016, name="n", mistakes={12: "Bạn đã đếm số cột."})
    assert verdict(spec, 8016) == "correct"
    assert verdict(spec, np.int64(8016)) == "correct"
    assert verdict(spec, 8016.0) == "correct"
    assert verdict(spec, 8017) == "incorrect"
    assert verdict(spec, np.int32(12)) == "m1"
    assert verdict(spec, ...) == "not_attempted"
    with pytest.raises(CheckFailed, match="số nguyên"):
        run_check("self_check", 8016.5, spec)
    capsys.readouterr()


def test_bools_and_always_equal_objects_are_refused(capsys):
    class AlwaysEqual(float):
        def __eq__(self, other):
            return True

        __hash__ = float.__hash__

    spec = spec_of("number", 1.0, name="x")
    assert verdict(spec, AlwaysEqual(1.0)) == "incorrect"
    assert verdict(spec, True) == "incorrect"
    capsys.readouterr()


# ---- text ---------------------------------------------------------------------------------


def test_text_ignores_unicode_form_tone_placement_case_and_spaces(capsys):
    spec = spec_of(
        "text", "Thanh Hóa", name="tinh", mistakes={"Hà Nội": "Đó là tỉnh có nhiều đơn nhất."}
    )
    assert verdict(spec, unicodedata.normalize("NFD", "Thanh Hóa")) == "correct"
    assert verdict(spec, "  thanh   hoá ") == "correct"
    assert verdict(spec, np.str_("Thanh Hóa")) == "correct"
    assert verdict(spec, "Thanh Hoa") == "incorrect"  # accents matter unless the check says so
    assert verdict(spec, unicodedata.normalize("NFD", "Hà Nội")) == "m1"
    capsys.readouterr()


# ---- containers ---------------------------------------------------------------------------


def test_series_order_labels_and_values(capsys):
    expected = pd.Series([300, 200, 100], index=["Huế", "Hà Nội", "Cần Thơ"])
    spec = spec_of(
        "series",
        expected,
        check_order=True,
        name="s",
        mistakes=[(pd.Series([3, 2, 1], index=expected.index), "Bạn đã đếm số đơn.")],
    )
    assert verdict(spec, expected.copy()) == "correct"
    assert verdict(spec, expected.astype("float64") + 1e-9) == "correct"
    with pytest.raises(CheckFailed, match="thứ tự"):
        run_check("self_check", expected.sort_values(), spec)
    with pytest.raises(CheckFailed, match="đúng các nhãn"):
        run_check("self_check", expected + 1, spec)
    assert verdict(spec, pd.Series([1, 3, 2], index=["Cần Thơ", "Huế", "Hà Nội"])) == "m1"
    assert verdict(spec, expected.to_frame()) == "incorrect"
    capsys.readouterr()


def test_frame_extra_columns_allowed_missing_columns_named(capsys):
    expected = pd.DataFrame({"kenh": ["Zalo", "Postmart"], "ti_le": [0.125, 0.0421]})
    spec = spec_of("frame", expected, name="bang")
    assert verdict(spec, expected.iloc[::-1].assign(them=1)) == "correct"
    with pytest.raises(CheckFailed, match="thiếu cột"):
        run_check("self_check", expected[["kenh"]], spec)
    capsys.readouterr()


def test_sequence_and_bars(capsys):
    spec = spec_of("sequence", [0.5, 0.25], name="xs")
    assert verdict(spec, np.array([0.5, 0.25])) == "correct"
    with pytest.raises(CheckFailed, match="thứ tự"):
        run_check("self_check", [0.25, 0.5], spec)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["Huế", "Hà Nội"], [300.0, 200.0])
    spec = spec_of("bars", pd.Series([200, 300], index=["Hà Nội", "Huế"]), name="bd")
    assert verdict(spec, ax) == "correct"
    plt.close(fig)
    capsys.readouterr()


def test_empty_result_gets_the_filter_hint(capsys):
    spec = spec_of("integer", 1665383000, name="doanh_thu")
    with pytest.raises(CheckFailed, match="Đã giao"):
        run_check("self_check", 0, spec)


# ---- nothing to read ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "expected", "forms"),
    [
        ("integer", 1665383000, ["1665383000", "1.665.383.000", "1,665,383,000"]),
        ("number", 0.12345678, ["0.1234", "0,1234"]),
        ("number", 0.0006, ["0.0006", "6e-04"]),
        ("text", "TP. Hồ Chí Minh", ["Hồ Chí Minh", "Ho Chi Minh"]),
    ],
)
def test_spec_holds_no_value(check, expected, forms):
    spec = spec_of(check, expected, name="x", rel=1e-3, abs=0.002)
    text = repr(spec)
    assert not [f for f in forms if f in text]
    assert "digests" in spec["answer"]


def test_self_check_is_a_registered_check_with_the_spec_kind():
    spec = spec_of("series", pd.Series([1], index=["a"]), name="s")
    assert CHECKS["self_check"].plain_kind(spec) == "series"
    assert to_plain(pd.Series([1], index=["a"]), "series")["index"] == ["a"]
    assert callable(expect.self_check)
