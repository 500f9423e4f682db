"""LiveParams: defaults are valid, bad values get a Vietnamese error naming the parameter."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from toolkit import livestream
from toolkit.livestream import LiveParamError, LiveParams, schedule


def test_defaults_are_valid_and_frozen():
    p = LiveParams()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.stock = 10  # type: ignore[misc]
    assert p.with_(stock=10).stock == 10
    assert p.stock == 50


@pytest.mark.parametrize(
    "field", ["base_rate_per_min", "click_rate_per_min", "comment_rate_per_min", "promo_lift"]
)
def test_negative_rates_are_refused(field):
    with pytest.raises(LiveParamError, match=f"`{field}` không được âm"):
        LiveParams(**{field: -1.0})


@pytest.mark.parametrize("field", ["discount", "flash_discount", "ctor", "return_share"])
@pytest.mark.parametrize("value", [-0.1, 1.5, 30])
def test_probabilities_outside_0_1_are_refused(field, value):
    with pytest.raises(LiveParamError, match=f"`{field}` là một tỉ lệ"):
        LiveParams(**{field: value})


def test_flash_sale_after_the_end_is_refused():
    with pytest.raises(LiveParamError, match="sau khi phiên livestream 120 phút đã kết thúc"):
        LiveParams(flash_start_min=115)
    with pytest.raises(LiveParamError, match="sau khi phiên livestream 60 phút"):
        LiveParams(duration_min=60)  # the default flash sale at minute 60 no longer fits
    assert LiveParams(flash_start_min=110).flash_start_min == 110  # ends exactly at the end


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"stock": 10.5}, "số nguyên"),
        ({"stock": -1}, "không được âm"),
        ({"discount": True}, "cần là một số"),
        ({"discount": float("nan")}, "cần là một số"),
        ({"mean_watch_min": 0}, "phải lớn hơn 0"),
        ({"watch_dist": "normal"}, "exponential, lognormal, pareto"),
        ({"watch_dist": "pareto", "pareto_shape": 1.0}, "lớn hơn 1"),
        ({"commission_rate": 0.6, "payment_fee_rate": 0.6}, "commission_rate + payment_fee_rate"),
        ({"flash_start_min": -5}, "không được âm"),
        ({"first_pitch_min": 200}, "nằm ngoài phiên livestream"),
    ],
)
def test_other_bad_values(changes, fragment):
    with pytest.raises(LiveParamError, match=fragment.replace("+", r"\+")):
        LiveParams(**changes)


def test_with_names_unknown_fields_in_vietnamese():
    with pytest.raises(LiveParamError, match="Không có tham số “stok”"):
        LiveParams().with_(stok=3)


def test_errors_have_english_text(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    with pytest.raises(LiveParamError, match="cannot be negative"):
        LiveParams(stock=-3)


def test_bad_simulation_arguments():
    with pytest.raises(LiveParamError, match="viewer"):
        livestream.simulate(mode="second")
    with pytest.raises(LiveParamError, match="seed"):
        livestream.simulate(seed="2026")
    with pytest.raises(LiveParamError, match="n_runs"):
        livestream.simulate_minutes(LiveParams(), n_runs=0)


def test_schedule_applies_each_lever_in_its_window():
    p = LiveParams(duration_min=40, flash_start_min=20, flash_min=5, promo_min=3, warmup_min=0)
    s = schedule(p)
    assert s.flash.sum() == 5
    assert s.flash[20]
    assert not s.flash[25]
    assert np.flatnonzero(s.pitch).tolist() == [5, 6, 7, 20, 21, 22, 35, 36, 37]
    assert s.arrival_rate[0] == 2 * p.base_rate_per_min  # promotion doubles arrivals
    assert s.arrival_rate[10] == p.base_rate_per_min
    assert s.unit_price_vnd[21] == round(p.price_vnd * 0.7)
    assert s.order_prob[21] > s.order_prob[5] > s.order_prob[10]
    assert s.pitch_strength[5] == 1.0
    assert 0 < s.pitch_strength[20] < 1  # the second pitch is worn out a little
    assert s.order_prob[35] < s.order_prob[5]
    assert (s.order_prob_scarce >= s.order_prob).all()
    assert (s.order_prob_scarce <= 1).all()


def test_warm_up_raises_arrivals_to_the_base_rate():
    s = schedule(LiveParams(promo_lift=0.0, pitch_min=0, warmup_min=20))
    assert s.arrival_rate[0] < s.arrival_rate[10] < s.arrival_rate[19] < s.arrival_rate[20]
    assert s.arrival_rate[20] == s.arrival_rate[30]
    assert s.arrival_rate[30] == LiveParams().base_rate_per_min


def test_close_pitches_sell_less_than_well_spaced_ones():
    from toolkit.livestream import sweep

    table = sweep(LiveParams(), "pitch_every_min", [5, 15], metric="orders", n_runs=2000, seed=4)
    assert table.loc[15, "ci_low"] > table.loc[5, "ci_high"]


def test_default_product_is_the_shops_honey_in_the_bundled_catalogue():
    from toolkit import data

    products = data.load("products").set_index("product_id")
    p = LiveParams()
    assert products.loc[p.product_id, "shop"] == "Trà & Mật ong Nhà Lan"
    assert products.loc[p.product_id, "price_vnd"] == p.price_vnd
    assert products.loc[p.product_id, "cost_vnd"] == p.cost_vnd
