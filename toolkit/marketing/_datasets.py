"""The seeded generator of the marketing datasets of chị Lan's shop "Trà & Mật ong Nhà Lan".

Five tables, linked to the base world (``toolkit.data``: customers ``KH…``,
products ``SP…`` of the shop, orders ``DH…``):

==================  ==========================================================
``campaigns``       one row per day × ad campaign, 2025-11-01 … 2026-02-14:
                    spend, impressions, clicks, orders and revenue the ad
                    platform reports, cost of goods and fees of those orders
``sessions``        visits to the shop page, 2026-01-05 … 2026-02-14, with the
                    landing link (UTM tags) and how far each visit went
``touchpoints``     the ads each buyer met before an order of the shop in the
                    base ``orders`` table (delivered, 2025-11-01 … 2026-02-14)
``ab_test``         a 21-day test of two product pages (A: today's, B: a new one)
``member_orders``   orders of the shop's Zalo members, 2025-01 … 2026-02 (RFM,
                    cohorts), including the 11.11 "giảm 50 %" voucher cohort
==================  ==========================================================

The stories a learner can discover (asserted in
``tests/toolkit/marketing/test_datasets.py``)
--------------------------------------------------------------------------
- TikTok has the best ROAS of the four channels, but after the cost of the
  (flash-sale priced) goods and the platform's fees it **loses** money: its
  ROAS is below its break-even ROAS. Zalo and Postmart make the most profit.
- ``zalo-nhac-gio-hang`` (Zalo messages to people who left a full cart) is the
  top campaign by last click and the bottom one by first click: it closes
  sales that other ads started. ``fb-video-tet`` is the reverse.
- Variant B of the A/B test is significantly better after 3 days
  (p < 0.05), but not at the planned end (21 days, about 7 500 visitors per
  variant, enough to detect 4 % → 5 %): stopping early would have been luck.
- The 2025-11 member cohort (won with the 11.11 50 % voucher) is the largest,
  and its month-1 retention collapses to a fraction of the other cohorts'.

Reproducibility
---------------
Randomness comes only from ``numpy.random.Generator(PCG64(seed))`` through
``random`` and ``integers``, with ``+ − × ÷`` and rounding to whole numbers;
every value written is an integer, a date or a text, so the CSV bytes are
exact (``toolkit.data._generate.to_csv_bytes``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["DATA_DIR", "SCHEMAS", "SEED", "generate"]

SEED = 2026
SHOP = "Trà & Mật ong Nhà Lan"
DATA_DIR = Path(__file__).with_name("data")

AD_CHANNELS = ("Facebook", "TikTok", "Zalo", "Postmart")
VARIANTS = ("A", "B")

# campaign -> (channel, utm_source, utm_medium)
CAMPAIGNS = {
    "fb-video-tet": ("Facebook", "facebook", "paid_social"),
    "tiktok-flash-sale": ("TikTok", "tiktok", "paid_social"),
    "zalo-nhac-gio-hang": ("Zalo", "zalo", "message"),
    "postmart-tu-khoa": ("Postmart", "postmart", "cpc"),
}
SHOP_URL = "https://postmart.vn/shop/tra-mat-ong-nha-lan"

SCHEMAS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "campaigns": {
        "date": "date",
        "channel": AD_CHANNELS,
        "campaign": "str",
        "spend_vnd": "int",
        "impressions": "int",
        "clicks": "int",
        "orders": "int",
        "revenue_vnd": "int",
        "cogs_vnd": "int",
        "fees_vnd": "int",
    },
    "sessions": {
        "session_id": "str",
        "session_start": "datetime",
        "landing_url": "str",
        "viewed_product": "int",
        "added_to_cart": "int",
        "checkout": "int",
        "ordered": "int",
    },
    "touchpoints": {
        "touch_id": "str",
        "order_id": "str",
        "customer_id": "str",
        "touch_time": "datetime",
        "channel": AD_CHANNELS,
        "campaign": "str",
    },
    "ab_test": {
        "visitor_id": "str",
        "date": "date",
        "variant": VARIANTS,
        "converted": "int",
    },
    "member_orders": {
        "order_id": "str",
        "order_date": "date",
        "customer_id": "str",
        "product_id": "str",
        "quantity": "int",
        "revenue_vnd": "int",
        "voucher": "str",
    },
}

# Per channel: daily spend (đồng) at the start, CPM, CTR ‰, CVR over clicks ‰, AOV,
# cost of goods ‰ of revenue, fees ‰ of revenue. Our choice, tuned for the story.
_CAMPAIGN_PARAMS = {
    "fb-video-tet": (400_000, 30_000, 12, 30, 300_000, 520, 60),
    "tiktok-flash-sale": (500_000, 14_000, 20, 25, 200_000, 640, 240),
    "zalo-nhac-gio-hang": (150_000, 220_000, 70, 50, 320_000, 480, 40),
    "postmart-tu-khoa": (300_000, 40_000, 30, 25, 280_000, 500, 110),
}
_CAMPAIGN_START = dt.date(2025, 11, 1)
_CAMPAIGN_END = dt.date(2026, 2, 14)
_TET_2026 = dt.date(2026, 2, 17)


def _rng(seed: int) -> np.random.Generator:
    import numpy as np

    return np.random.Generator(np.random.PCG64(seed))


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _noisy(rng: np.random.Generator, mean: float, spread: float = 0.25) -> int:
    """A whole number near ``mean`` (uniform ± ``spread``·mean), never below 0."""
    return max(0, round(mean * (1 - spread + 2 * spread * float(rng.random()))))


def _season(day: dt.date) -> float:
    """Spend multiplier: double days and the run-up to Tết."""
    days_to_tet = (_TET_2026 - day).days
    factor = 1.0
    if 3 <= days_to_tet <= 24:
        factor = 1.8 + (24 - days_to_tet) * 0.06
    if (day.month, day.day) in ((11, 11), (12, 12)):
        factor = 2.5
    return factor


def _campaigns(rng: np.random.Generator) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for day in _days(_CAMPAIGN_START, _CAMPAIGN_END):
        for campaign, (channel, _, _) in CAMPAIGNS.items():
            base, cpm, ctr_pm, cvr_pm, aov, cogs_pm, fees_pm = _CAMPAIGN_PARAMS[campaign]
            spend = _noisy(rng, base * _season(day), 0.15) // 1000 * 1000
            impressions = _noisy(rng, spend * 1000 / cpm, 0.10)
            clicks = _noisy(rng, impressions * ctr_pm / 1000, 0.15)
            orders = _noisy(rng, clicks * cvr_pm / 1000, 0.35)
            revenue = sum(_noisy(rng, aov, 0.30) // 1000 * 1000 for _ in range(orders))
            rows.append(
                (
                    day,
                    channel,
                    campaign,
                    spend,
                    impressions,
                    clicks,
                    orders,
                    revenue,
                    revenue * cogs_pm // 1000,
                    revenue * fees_pm // 1000,
                )
            )
    frame = pd.DataFrame(rows, columns=list(SCHEMAS["campaigns"]))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def _pick(rng: np.random.Generator, options: tuple[str, ...], weights: tuple[int, ...]) -> str:
    u = float(rng.random()) * sum(weights)
    total = 0
    for option, weight in zip(options, weights, strict=True):
        total += weight
        if u < total:
            return option
    return options[-1]


_FB, _TT, _ZA, _PM = CAMPAIGNS  # campaign names in the order above
_NAMES = (_FB, _TT, _ZA, _PM)
# journeys: length weights for 1..5 touches; first / middle / last campaign weights
_LENGTHS = (20, 25, 25, 18, 12)
_SINGLE = (10, 35, 10, 45)
_FIRST = (58, 20, 2, 20)
_MIDDLE = (30, 30, 10, 30)
_LAST = (4, 18, 56, 22)


def _touchpoints(rng: np.random.Generator, base: dict[str, pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    products = base["products"]
    shop_products = set(products.loc[products["shop"] == SHOP, "product_id"])
    orders = base["orders"]
    chosen = orders[
        orders["product_id"].isin(shop_products)
        & (orders["status"] == "Đã giao")
        & (orders["order_date"] >= pd.Timestamp(_CAMPAIGN_START))
        & (orders["order_date"] <= pd.Timestamp(_CAMPAIGN_END))
    ]
    rows = []
    for order_id, customer_id, order_date in zip(
        chosen["order_id"], chosen["customer_id"], chosen["order_date"], strict=True
    ):
        n = int(_pick(rng, ("1", "2", "3", "4", "5"), _LENGTHS))
        if n == 1:
            path = [_pick(rng, _NAMES, _SINGLE)]
        else:
            path = [_pick(rng, _NAMES, _FIRST)]
            path += [_pick(rng, _NAMES, _MIDDLE) for _ in range(n - 2)]
            path.append(_pick(rng, _NAMES, _LAST))
        # last touch on the order day (08:00–20:59), earlier ones 2 h – 4 days apart
        minute = 8 * 60 + int(rng.integers(0, 13 * 60))
        times = [order_date + pd.Timedelta(minutes=minute)]
        for _ in range(n - 1):
            gap = 120 + int(rng.integers(0, 4 * 24 * 60 - 120))
            times.append(times[-1] - pd.Timedelta(minutes=gap))
        times.reverse()
        for campaign, time in zip(path, times, strict=True):
            rows.append((order_id, customer_id, time, CAMPAIGNS[campaign][0], campaign))
    frame = pd.DataFrame(
        rows, columns=["order_id", "customer_id", "touch_time", "channel", "campaign"]
    )
    frame = frame.sort_values(["touch_time", "order_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "touch_id", [f"CT{i + 1:05d}" for i in range(len(frame))])
    return frame


# sessions: source weights (the four campaigns, then untagged visits) and step rates ‰
_SESSION_SOURCES = (*_NAMES, "")
_SESSION_WEIGHTS = (26, 34, 8, 20, 12)
_STEP_RATES = {  # viewed product, added to cart | viewed, checkout | cart, ordered | checkout
    _FB: (620, 160, 600, 700),
    _TT: (700, 140, 520, 640),
    _ZA: (900, 420, 720, 820),
    _PM: (820, 260, 640, 780),
    "": (600, 180, 600, 740),
}


def _sessions(rng: np.random.Generator) -> pd.DataFrame:
    import pandas as pd

    rows = []
    start = dt.datetime(2026, 1, 5)
    count = 0
    for day in range(41):
        base = dt.datetime.combine(start.date() + dt.timedelta(days=day), dt.time())
        for _ in range(_noisy(rng, 90 + 2 * day, 0.2)):
            count += 1
            source = _pick(rng, _SESSION_SOURCES, _SESSION_WEIGHTS)
            if source:
                _, utm_source, medium = CAMPAIGNS[source]
                content = _pick(rng, ("a", "b"), (1, 1))
                url = (
                    f"{SHOP_URL}?utm_source={utm_source}&utm_medium={medium}"
                    f"&utm_campaign={source}&utm_content=mau-{content}"
                )
            else:
                url = SHOP_URL
            rates = _STEP_RATES[source]
            reached = []
            alive = True
            for rate in rates:
                alive = alive and float(rng.random()) * 1000 < rate
                reached.append(int(alive))
            when = base + dt.timedelta(seconds=int(rng.integers(6 * 3600, 24 * 3600)))
            rows.append((when, url, *reached))
    frame = pd.DataFrame(rows, columns=list(SCHEMAS["sessions"])[1:])
    frame = frame.sort_values("session_start", kind="stable").reset_index(drop=True)
    frame.insert(0, "session_id", [f"PH{i + 1:05d}" for i in range(len(frame))])
    frame["session_start"] = pd.to_datetime(frame["session_start"])
    return frame


_AB_START = dt.date(2026, 1, 5)
_AB_DAYS = 21
# exact conversions: first 3 days (B far ahead), then the whole test (B barely ahead)
_AB_EARLY = {"A": 27, "B": 58}
_AB_TOTAL = {"A": 316, "B": 339}


def _ab_test(rng: np.random.Generator) -> pd.DataFrame:
    import pandas as pd

    visitors = {v: [int(rng.integers(330, 391)) for _ in range(_AB_DAYS)] for v in VARIANTS}
    rows = []
    for variant in VARIANTS:
        daily = visitors[variant]
        early_n = sum(daily[:3])
        late_n = sum(daily[3:])
        # choose exactly k converters among n visitors, by sampling without replacement
        flags_early = _exactly(rng, early_n, _AB_EARLY[variant])
        flags_late = _exactly(rng, late_n, _AB_TOTAL[variant] - _AB_EARLY[variant])
        flags = flags_early + flags_late
        position = 0
        for day_index, n in enumerate(daily):
            day = _AB_START + dt.timedelta(days=day_index)
            for _ in range(n):
                rows.append((day, variant, flags[position], float(rng.random())))
                position += 1
    frame = pd.DataFrame(rows, columns=["date", "variant", "converted", "_order"])
    frame = frame.sort_values(["date", "_order"], kind="stable").drop(columns="_order")
    frame = frame.reset_index(drop=True)
    frame.insert(0, "visitor_id", [f"KT{i + 1:05d}" for i in range(len(frame))])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["variant"] = pd.Categorical(frame["variant"], categories=list(VARIANTS))
    return frame


def _exactly(rng: np.random.Generator, n: int, k: int) -> list[int]:
    """A list of ``n`` flags with exactly ``k`` ones at random places (Fisher–Yates)."""
    flags = [1] * k + [0] * (n - k)
    for i in range(n - 1, 0, -1):
        j = int(rng.integers(0, i + 1))
        flags[i], flags[j] = flags[j], flags[i]
    return flags


_MEMBER_MONTHS = [(2025, m) for m in range(1, 13)] + [(2026, 1), (2026, 2)]
_VOUCHER_MONTH = (2025, 11)
_VOUCHER = "GIAM50-1111"


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _member_orders(rng: np.random.Generator, base: dict[str, pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    products = base["products"]
    shop = products[products["shop"] == SHOP].sort_values("product_id")
    product_ids = tuple(shop["product_id"])
    prices = dict(zip(shop["product_id"], shop["price_vnd"], strict=True))
    product_weights = tuple(12 if p in ("SP001", "SP005") else 6 for p in product_ids)
    customers = base["customers"].sort_values(["signup_date", "customer_id"], kind="stable")
    pool = list(zip(customers["customer_id"], customers["signup_date"], strict=True))
    used: set[str] = set()
    rows = []
    last = _month_index(*_MEMBER_MONTHS[-1])
    for year, month in _MEMBER_MONTHS:
        first_index = _month_index(year, month)
        voucher_cohort = (year, month) == _VOUCHER_MONTH
        size = _noisy(rng, 150 if voucher_cohort else 45, 0.2)
        month_start = pd.Timestamp(year, month, 1)
        candidates = [c for c, signup in pool if c not in used and signup < month_start]
        # pick `size` members at random among the candidates
        picked = []
        for _ in range(min(size, len(candidates))):
            i = int(rng.integers(0, len(candidates)))
            picked.append(candidates.pop(i))
        used.update(picked)
        for customer in picked:
            for index in range(first_index, last + 1):
                k = index - first_index
                if k == 0:
                    active = True
                elif voucher_cohort:
                    active = float(rng.random()) < (0.06 if k == 1 else 0.04)
                else:
                    tet = index in (_month_index(2025, 1), _month_index(2026, 2))
                    rate = max(0.12, 0.38 - 0.02 * k) + (0.10 if tet else 0.0)
                    active = float(rng.random()) < rate
                if not active:
                    continue
                y, m0 = divmod(index, 12)
                days_in_month = (pd.Timestamp(y, m0 + 1, 1) + pd.offsets.MonthEnd(0)).day
                if (y, m0 + 1) == (2026, 2):
                    days_in_month = 28
                n_orders = 1 + int(float(rng.random()) < 0.2)
                for _ in range(n_orders):
                    day = 1 + int(rng.integers(0, days_in_month))
                    if voucher_cohort and k == 0:
                        day = 11  # the 11.11 sale
                    product = _pick(rng, product_ids, product_weights)
                    quantity = 1 + int(float(rng.random()) < 0.3)
                    gross = prices[product] * quantity
                    voucher = _VOUCHER if voucher_cohort and k == 0 else ""
                    revenue = gross // 2 if voucher else gross
                    rows.append(
                        (
                            pd.Timestamp(y, m0 + 1, day),
                            customer,
                            product,
                            quantity,
                            revenue,
                            voucher,
                        )
                    )
    frame = pd.DataFrame(
        rows,
        columns=["order_date", "customer_id", "product_id", "quantity", "revenue_vnd", "voucher"],
    )
    frame = frame.sort_values(["order_date", "customer_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "order_id", [f"TV{i + 1:05d}" for i in range(len(frame))])
    return frame


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Build every marketing dataset in memory, from ``seed`` and the base world.

    Examples
    --------
    >>> tables = generate()
    >>> sorted(tables)
    ['ab_test', 'campaigns', 'member_orders', 'sessions', 'touchpoints']
    >>> list(tables["campaigns"].columns) == list(SCHEMAS["campaigns"])
    True
    """
    from toolkit.data import _generate as base_world

    base = base_world.generate()
    rng = _rng(seed)
    tables = {
        "campaigns": _campaigns(rng),
        "sessions": _sessions(rng),
        "touchpoints": _touchpoints(rng, base),
        "ab_test": _ab_test(rng),
        "member_orders": _member_orders(rng, base),
    }
    from toolkit.data import _typed

    return {name: _typed(frame, name) for name, frame in tables.items()}
