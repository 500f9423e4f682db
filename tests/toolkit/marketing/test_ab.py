"""A/B: z-test vs reference formulas and scipy, antisymmetry, Wilson, sample size, verdicts."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats

from toolkit import marketing as mk
from toolkit.marketing import MarketingError


def test_ztest_reference_formula():
    x1, n1, x2, n2 = 120, 2_400, 90, 2_300
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    test = mk.ztest_two_proportions(x1, n1, x2, n2)
    assert test.z == pytest.approx(z)
    assert test.p_value == pytest.approx(2 * (1 - stats.norm.cdf(abs(z))))
    assert test.rate_1 == p1
    assert test.rate_2 == p2
    assert test.pooled_rate == pooled


def test_ztest_squared_is_chi_square_without_correction():
    table = [[120, 2_400 - 120], [90, 2_300 - 90]]
    chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
    test = mk.ztest_two_proportions(120, 2_400, 90, 2_300)
    assert test.z**2 == pytest.approx(chi2)
    assert test.p_value == pytest.approx(p)


@pytest.mark.parametrize(("x1", "n1", "x2", "n2"), [(5, 50, 9, 60), (300, 1000, 280, 990)])
def test_ztest_antisymmetric(x1, n1, x2, n2):
    a = mk.ztest_two_proportions(x1, n1, x2, n2)
    b = mk.ztest_two_proportions(x2, n2, x1, n1)
    assert a.z == pytest.approx(-b.z)
    assert a.p_value == pytest.approx(b.p_value)


def test_ztest_refuses_rates_and_impossible_counts():
    with pytest.raises(MarketingError, match="số đếm, không phải tỉ lệ"):
        mk.ztest_two_proportions(0.05, 1000, 0.04, 1000)
    with pytest.raises(MarketingError, match="Nhóm 2"):
        mk.ztest_two_proportions(5, 100, 101, 100)
    with pytest.raises(MarketingError, match="Nhóm 1"):
        mk.ztest_two_proportions(0, 0, 1, 10)
    with pytest.raises(MarketingError, match="kiểm định z không dùng được"):
        mk.ztest_two_proportions(0, 10, 0, 20)


@pytest.mark.parametrize(("x", "n"), [(0, 20), (3, 40), (57, 1_000), (20, 20)])
def test_wilson_matches_scipy(x, n):
    expected = stats.binomtest(x, n).proportion_ci(confidence_level=0.95, method="wilson")
    low, high = mk.wilson_interval(x, n)
    assert low == pytest.approx(expected.low)
    assert high == pytest.approx(expected.high)
    assert 0 <= low <= x / n <= high <= 1


def test_wilson_narrows_with_n():
    widths = [
        (lambda ci: ci[1] - ci[0])(mk.wilson_interval(n // 20, n)) for n in (100, 1_000, 10_000)
    ]
    assert widths[0] > widths[1] > widths[2]


def test_sample_size_reference_and_monotone():
    p1, p2 = 0.03, 0.036
    z_a, z_b = stats.norm.ppf(0.975), stats.norm.ppf(0.8)
    mean = (p1 + p2) / 2
    n = (
        z_a * math.sqrt(2 * mean * (1 - mean)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    ) ** 2 / (p1 - p2) ** 2
    assert mk.sample_size_per_group(p1, p2) == math.ceil(n)
    sizes = [mk.sample_size_per_group(0.03, 0.03 + d) for d in (0.002, 0.005, 0.01, 0.02, 0.05)]
    assert sizes == sorted(sizes, reverse=True)
    assert len(set(sizes)) == len(sizes)
    assert mk.sample_size_per_group(0.03, 0.04, power=0.9) > mk.sample_size_per_group(0.03, 0.04)
    assert mk.sample_size_per_group(0.03, 0.04, alpha=0.01) > mk.sample_size_per_group(0.03, 0.04)


def test_sample_size_bad_input():
    with pytest.raises(MarketingError, match="rate_2 cần là một tỉ lệ"):
        mk.sample_size_per_group(0.03, 3.6)
    with pytest.raises(MarketingError, match="bằng nhau"):
        mk.sample_size_per_group(0.03, 0.03)


def test_verdicts():
    underpowered = mk.ab_verdict(30, 600, 48, 600, min_effect=0.01)
    assert underpowered.decision == "underpowered"
    assert underpowered.winner is None
    assert underpowered.test.p_value < 0.05  # "significant", yet too small to call
    assert "Chưa kết luận" in underpowered.text
    win = mk.ab_verdict(500, 10_000, 620, 10_000, min_effect=0.01)
    assert (win.decision, win.winner) == ("win", "B")
    assert "Phương án B tốt hơn" in win.text
    a_wins = mk.ab_verdict(620, 10_000, 500, 10_000, min_effect=0.01)
    assert a_wins.winner == "A"
    peeked = mk.ab_verdict(500, 10_000, 620, 10_000, min_effect=0.01, looks=7)
    assert (peeked.decision, peeked.winner) == ("peeked", None)
    assert "7 lần" in peeked.text
    same = mk.ab_verdict(500, 10_000, 520, 10_000, min_effect=0.01)
    assert same.decision == "no_difference"
    assert same.winner is None


def test_verdict_never_calls_an_underpowered_test_a_win():
    for x_b in range(10, 80, 5):
        verdict = mk.ab_verdict(20, 500, x_b, 500, min_effect=0.01)
        assert verdict.winner is None


def test_counts_and_cumulative():
    log = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-01"] * 4 + ["2026-01-02"] * 4),
            "variant": ["A", "B", "A", "B", "A", "B", "A", "B"],
            "converted": [0, 1, 0, 1, 1, 0, 0, 0],
        }
    )
    counts = mk.ab_counts(log)
    assert counts.loc["A"].tolist() == [4, 1, 0.25]
    running = mk.cumulative_ab(log)
    assert running["visitors_b"].tolist() == [2, 4]
    assert running["conversions_a"].tolist() == [0, 1]
    last = mk.ztest_two_proportions(2, 4, 1, 4)
    assert running["p_value"].iloc[-1] == pytest.approx(last.p_value)
    assert running["z"].iloc[-1] == pytest.approx(last.z)
    with pytest.raises(MarketingError, match="thiếu cột “converted”"):
        mk.ab_counts(log.drop(columns="converted"))
