"""Monte Carlo summaries, comparisons, sweeps and charts."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from toolkit.livestream import LiveParamError, LiveParams, simulate
from toolkit.livestream.experiments import (
    compare,
    monte_carlo,
    plot_compare,
    plot_run,
    summarise,
    sweep,
)

P = LiveParams(duration_min=60, flash_start_min=30)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_summary_interval_contains_the_mean_and_shrinks_with_runs():
    rng = np.random.default_rng(0)
    small, large = summarise(rng.normal(10, 2, 100)), summarise(rng.normal(10, 2, 10_000))
    for s in (small, large):
        assert s["ci_low"] < s["mean"] < s["ci_high"]
    assert large["ci_high"] - large["ci_low"] < (small["ci_high"] - small["ci_low"]) / 5
    assert large["ci_low"] < 10 < large["ci_high"]


def test_compare_and_sweep_tables():
    table = compare({"a": P, "b": P.with_(discount=0.3)}, metric="orders", n_runs=200, seed=1)
    assert table.index.tolist() == ["a", "b"]
    assert table.loc["b", "mean"] > table.loc["a", "mean"]
    swept = sweep(P, "flash_start_min", [10, 40], metric="gmv_vnd", n_runs=200, seed=1)
    assert swept.index.name == "flash_start_min"
    assert (swept["n_runs"] == 200).all()
    with pytest.raises(LiveParamError, match="Không có chỉ số “gpm”"):
        compare({"a": P}, metric="gpm")


def test_one_run_is_not_the_mean_of_many():
    many = monte_carlo(P, n_runs=500, seed=2)["gmv_vnd"]
    assert many.std() > 0
    assert many.iloc[0] != many.mean()


def test_viewer_mode_monte_carlo():
    runs = monte_carlo(P, n_runs=5, seed=1, mode="viewer")
    assert len(runs) == 5
    assert runs["views"].nunique() > 1


def test_profit_falls_with_a_very_deep_discount():
    table = sweep(
        P.with_(stock=10_000), "discount", [0.1, 0.5], metric="profit_vnd", n_runs=500, seed=3
    )
    assert table.loc[0.5, "mean"] < table.loc[0.1, "mean"]


def test_charts_are_labelled():
    ax = plot_compare(sweep(P, "stock", [10, 40], n_runs=50, seed=1), metric="gmv_vnd")
    assert ax.get_title()
    assert ax.get_xlabel() == "stock"
    assert ax.get_ylabel() == "Doanh số (GMV)"
    assert len(ax.patches) == 2
    top, bottom = plot_run(simulate(P, seed=1))
    assert top.get_ylabel() == "Người xem cùng lúc"
    assert bottom.get_xlabel() == "Phút thứ"
    plot_run(simulate(P, seed=1, mode="minute"))


def test_default_mode_is_per_viewer_for_peaks_and_spread():
    runs = monte_carlo(P, n_runs=20, seed=1)
    assert runs.attrs["mode"] == "viewer"
    assert monte_carlo(P, n_runs=20, seed=1, mode="minute").attrs["mode"] == "minute"
    peaks = compare({"a": P}, metric="peak_viewers", n_runs=20, seed=1)
    assert peaks.attrs["mode"] == "viewer"
    assert compare({"a": P}, metric="gmv_vnd", n_runs=20, seed=1).attrs["mode"] == "minute"
    swept = sweep(P, "stock", [10, 40], metric="avg_watch_min", n_runs=20, seed=1)
    assert swept.attrs["mode"] == "viewer"
    forced = sweep(P, "stock", [10, 40], metric="avg_watch_min", n_runs=20, seed=1, mode="minute")
    assert forced.attrs["mode"] == "minute"
    with pytest.raises(LiveParamError, match="chế độ"):
        monte_carlo(P, n_runs=5, mode="second")


def test_per_minute_mode_understates_peaks_and_watch_time_spread():
    viewer = monte_carlo(P, n_runs=300, seed=5, mode="viewer")
    minute = monte_carlo(P, n_runs=300, seed=5, mode="minute")
    # the default runs the model whose peaks and spread are right
    assert monte_carlo(P, n_runs=300, seed=5)["peak_viewers"].equals(viewer["peak_viewers"])
    assert viewer["peak_viewers"].mean() > minute["peak_viewers"].mean()
    assert viewer["avg_watch_min"].std() > 3 * minute["avg_watch_min"].std()
    # sales agree between the models within a few per cent
    assert abs(viewer["gmv_vnd"].mean() / minute["gmv_vnd"].mean() - 1) < 0.05


def test_the_first_run_is_the_single_run_of_the_same_seed():
    runs = monte_carlo(P, n_runs=30, seed=7)
    assert runs["gmv_vnd"].iloc[0] == simulate(P, seed=7).metrics["gmv_vnd"]
    assert runs["views"].iloc[1:].ne(runs["views"].iloc[0]).any()  # later runs differ
    assert runs.equals(monte_carlo(P, n_runs=30, seed=7))  # deterministic
