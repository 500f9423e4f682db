"""Attribution: every model on hand-built journeys, credits sum to revenue, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import marketing as mk
from toolkit.marketing import MarketingError


@pytest.fixture
def journeys() -> tuple[pd.DataFrame, pd.DataFrame]:
    touches = pd.DataFrame(
        {
            "order_id": ["D1", "D2", "D1", "D2", "D1", "D3", "D1"],
            "channel": ["Zalo", "TikTok", "Facebook", "Zalo", "Postmart", "Facebook", "Zalo"],
            "touch_time": pd.to_datetime(
                [
                    "2026-01-08 09:00",
                    "2026-01-02 10:00",
                    "2026-01-01 08:00",
                    "2026-01-03 10:00",
                    "2026-01-05 20:00",
                    "2026-01-04 12:00",
                    "2026-01-09 09:00",
                ]
            ),
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": ["D1", "D2", "D3", "D4"],  # D4 has no touchpoints
            "order_date": pd.to_datetime(["2026-01-09", "2026-01-03", "2026-01-04", "2026-01-04"]),
            "revenue_vnd": [1_000_000, 400_000, 300_000, 999_000],
        }
    )
    return touches, orders


def _credit(table: pd.DataFrame, model: str) -> dict[str, float]:
    return {k: round(v) for k, v in table[model].items()}


def test_models_known_answers(journeys):
    touches, orders = journeys
    table = mk.attribution_table(touches, orders)
    # D1: Facebook(1/1) → Postmart(1/5) → Zalo(1/8) → Zalo(1/9); D2: TikTok → Zalo; D3: Facebook
    assert _credit(table, "last_click") == {
        "Facebook": 300_000, "Postmart": 0, "TikTok": 0, "Zalo": 1_400_000
    }  # fmt: skip
    assert _credit(table, "first_click") == {
        "Facebook": 1_300_000, "Postmart": 0, "TikTok": 400_000, "Zalo": 0
    }  # fmt: skip
    assert _credit(table, "linear") == {
        "Facebook": 550_000, "Postmart": 250_000, "TikTok": 200_000, "Zalo": 700_000
    }  # fmt: skip
    # position based: D1 40/10/10/40, D2 50/50, D3 100
    assert _credit(table, "position_based") == {
        "Facebook": 700_000, "Postmart": 100_000, "TikTok": 200_000, "Zalo": 700_000
    }  # fmt: skip


def test_time_decay_half_life(journeys):
    touches, _orders = journeys
    one = touches[touches["order_id"] == "D2"]
    weights = mk.model_weights(one, model="time_decay", half_life_days=1)
    # TikTok one day before Zalo: weight ½ relative → 1/3 and 2/3
    assert weights.tolist() == pytest.approx([1 / 3, 2 / 3])
    w7 = mk.model_weights(one, model="time_decay")
    assert w7.tolist() == pytest.approx(
        [2 ** (-1 / 7) / (1 + 2 ** (-1 / 7)), 1 / (1 + 2 ** (-1 / 7))]
    )
    # a longer half-life moves weight towards equal shares
    long = mk.model_weights(one, model="time_decay", half_life_days=1_000)
    assert long.tolist() == pytest.approx([0.5, 0.5], abs=1e-3)


def test_position_based_special_cases():
    t = pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"])
    one = pd.DataFrame({"order_id": ["X"], "touch_time": t[:1]})
    two = pd.DataFrame({"order_id": ["X", "X"], "touch_time": t[:2]})
    three = pd.DataFrame({"order_id": ["X"] * 3, "touch_time": t})
    assert mk.model_weights(one, model="position_based").tolist() == [1.0]
    assert mk.model_weights(two, model="position_based").tolist() == [0.5, 0.5]
    assert mk.model_weights(three, model="position_based").tolist() == pytest.approx(
        [0.4, 0.2, 0.4]
    )


def _random_journeys(seed: int, n_orders: int = 300):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 7, n_orders)
    order_ids = np.repeat([f"D{i:04d}" for i in range(n_orders)], sizes)
    start = pd.Timestamp("2026-01-01")
    touch_time = start + pd.to_timedelta(rng.integers(0, 30 * 24 * 60, sizes.sum()), unit="min")
    touches = pd.DataFrame(
        {
            "order_id": order_ids,
            "channel": rng.choice(["Facebook", "Zalo", "TikTok", "Postmart"], sizes.sum()),
            "touch_time": touch_time,
        }
    ).sample(frac=1.0, random_state=seed)  # rows in any order
    orders = pd.DataFrame(
        {
            "order_id": [f"D{i:04d}" for i in range(n_orders)],
            "revenue_vnd": rng.integers(50, 2_000, n_orders) * 1_000,
            "order_date": pd.Timestamp("2026-02-01"),
        }
    )
    return touches, orders


@pytest.mark.parametrize("model", mk.MODELS)
@pytest.mark.parametrize("seed", [1, 2])
def test_credits_sum_to_each_orders_revenue(model, seed):
    touches, orders = _random_journeys(seed)
    credited = mk.attribute(touches, orders, model=model)
    per_order = credited.groupby("order_id")["credit_vnd"].sum()
    expected = orders.set_index("order_id")["revenue_vnd"]
    assert per_order.to_numpy() == pytest.approx(expected.loc[per_order.index].to_numpy())
    assert credited["weight"].between(0, 1).all()
    table = mk.attribution_table(touches, orders, models=[model])
    assert table[model].sum() == pytest.approx(orders["revenue_vnd"].sum())


def test_agrees_with_a_per_journey_loop():
    touches, orders = _random_journeys(5, n_orders=80)
    table = mk.attribution_table(touches, orders, half_life_days=3)
    revenue = orders.set_index("order_id")["revenue_vnd"]
    expected = {m: {} for m in mk.MODELS}
    for order_id, group in touches.sort_values("touch_time", kind="stable").groupby("order_id"):
        channels = list(group["channel"])
        times = list(group["touch_time"])
        n = len(channels)
        r = revenue[order_id]
        decay = [2 ** (-((times[-1] - x).total_seconds() / 86_400) / 3) for x in times]
        if n == 1:
            position = [1.0]
        elif n == 2:
            position = [0.5, 0.5]
        else:
            position = [0.4] + [0.2 / (n - 2)] * (n - 2) + [0.4]
        shares = {
            "last_click": [0.0] * (n - 1) + [1.0],
            "first_click": [1.0] + [0.0] * (n - 1),
            "linear": [1 / n] * n,
            "time_decay": [d / sum(decay) for d in decay],
            "position_based": position,
        }
        for model, weights in shares.items():
            for channel, w in zip(channels, weights, strict=True):
                expected[model][channel] = expected[model].get(channel, 0.0) + w * r
    for model in mk.MODELS:
        for channel, value in expected[model].items():
            assert table.loc[channel, model] == pytest.approx(value), (model, channel)


def test_input_row_order_does_not_matter(journeys):
    touches, orders = journeys
    a = mk.attribution_table(touches, orders)
    b = mk.attribution_table(touches.iloc[::-1], orders)
    pd.testing.assert_frame_equal(a, b)


def test_touch_after_order_is_refused(journeys):
    touches, orders = journeys
    bad = touches.copy()
    bad.loc[5, "touch_time"] = pd.Timestamp("2026-01-06 08:00")  # D3 ordered on 4 January
    with pytest.raises(MarketingError, match=r"dòng 5 .* sau khi đơn D3"):
        mk.attribute(bad, orders, model="linear")
    # with exact order times, a touch one minute late is refused too
    exact = orders.assign(order_time=pd.to_datetime(["2026-01-09 10:00"] * 4))
    late = touches.copy()
    late.loc[6, "touch_time"] = pd.Timestamp("2026-01-09 10:01")
    with pytest.raises(MarketingError, match="không đúng thứ tự thời gian"):
        mk.attribute(late, exact, model="linear", order_time="order_time")


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda t, o: (t.drop(columns="touch_time"), o), "thiếu cột “touch_time”"),
        (lambda t, o: (t, o.drop(columns="revenue_vnd")), "thiếu cột “revenue_vnd”"),
        (lambda t, o: (t.replace({"order_id": {"D3": "D9"}}), o), "đơn “D9”"),
        (lambda t, o: (t, pd.concat([o, o.iloc[:1]])), "xuất hiện nhiều lần"),
        (lambda t, o: (t.iloc[0:0], o), "không có dòng nào"),
        (lambda t, o: (t, o.assign(revenue_vnd=-o["revenue_vnd"])), "âm"),
    ],
)
def test_bad_input(journeys, mutate, fragment):
    touches, orders = mutate(*journeys)
    with pytest.raises(MarketingError, match=fragment):
        mk.attribution_table(touches, orders)


def test_unknown_model_and_half_life(journeys):
    touches, orders = journeys
    with pytest.raises(MarketingError, match="model = 'u_shape'"):
        mk.attribute(touches, orders, model="u_shape")
    with pytest.raises(MarketingError, match="half_life_days"):
        mk.attribute(touches, orders, model="time_decay", half_life_days=0)


@pytest.mark.parametrize("resolution", ["min", "s", "ms", "ns"])
def test_journey_order_is_stable_at_any_time_resolution(resolution):
    from toolkit.marketing.attribution import _journey_order

    rng = np.random.default_rng(11)
    n = 2_000
    code = rng.integers(0, 50, n)
    step = pd.Timedelta(1, unit=resolution).value
    times = (rng.integers(0, 40, n) * step + 10**18).astype(np.int64)  # many exact ties
    order = _journey_order(code, times)
    expected = np.lexsort((np.arange(n), times, code))
    assert (order == expected).all()


def test_journey_order_fallbacks_agree():
    from toolkit.marketing.attribution import _journey_order

    rng = np.random.default_rng(12)
    n = 3_000
    code = rng.integers(0, 40, n)
    # nanosecond times spread over centuries: the packed key cannot fit, the rank path runs
    times = rng.integers(0, 2**62, n, dtype=np.int64)
    times[::7] = times[0]  # ties
    order = _journey_order(code, times)
    assert (order == np.lexsort((np.arange(n), times, code))).all()
