"""The seeded generator of the bundled shop datasets.

``generate(SEED)`` rebuilds ``products``, ``customers`` and ``orders`` in
memory; ``write()`` stores them as the CSV files that ship with the package;
``python -m toolkit.data --check`` proves the shipped files equal the
generator's output byte for byte.

The world
---------
Five fictional shops of young sellers offer 30 OCOP products from several
provinces (21 rated 3★, 8 rated 4★, one 5★, close to the national mix of
about 74 % / 25 % / a few dozen 5★ in 2024). ``orders`` holds the orders of
one of them, the learner's own: *Trà & Mật ong Nhà Lan* (:data:`SHOP`), run
by chị Nguyễn Thị Lan, 24, in Hưng Yên. Her family keeps bees in the longan
orchards (SP001, SP002); she also sells Thái Nguyên green tea (SP005, SP006)
and, from partner co-operatives, mint-flower honey and shan tuyết tea from
Hà Giang (SP003, SP007; Hà Giang is part of Tuyên Quang since the 2025
merger) and artichoke tea from Đà Lạt (SP008). About 1500 customers buy
from 1 January 2025 to 28 February 2026 on Postmart, Facebook, Zalo, TikTok
Shop and in livestreams. One row of ``orders`` is one order of one product.
All money is whole đồng; every name is invented. Provinces use names that
exist both before and after the 2025 merger into 34 provinces; a product's
traditional origin may appear in its name (``Gạo ST25 Sóc Trăng``) while
``origin_province`` holds today's province (Cần Thơ).

How orders arise (parameters are *our choice*, tuned for a readable story):

- a daily order rate that grows about 45 % over the 14 months, higher at
  weekends;
- Tết (29 January 2025, 17 February 2026): buying rises through the three
  weeks before, bigger baskets of gifts, then a lull of about a week. Before
  Tết 2025 a post of the shop went viral on Facebook: a rush of orders, many
  cash on delivery, many never delivered;
- double days 3.3 … 12.12 (9.9 and 10.10 larger, 11.11 and 12.12 largest),
  Black Friday (28 November 2025), 8 March and 20 October: more orders of
  cheaper products, sale prices and vouchers;
- customers join over time (a quarter before 2025) and only order after
  joining; a few loyal customers order often; buyers in TP. Hồ Chí Minh buy
  larger quantities and dearer products;
- channels differ: Zalo (friends, repeat buyers, gifts by the box, mostly
  bank transfer), Postmart (steady, cheaper shipping), Facebook (mostly cash
  on delivery), TikTok Shop (cheap items, vouchers, a 9 % fee) and
  livestreams (live prices, impulse buys, most COD);
- status: cancelled (``Đã hủy``) before shipping, or returned (``Hoàn
  trả``) after: for COD mostly parcels refused at the door ("bom hàng"),
  more often far from Hưng Yên and for the 1-litre glass jar; all rates
  fall over time as the shop starts to confirm COD orders by phone;
- costs: ``goods_cost_vnd`` = quantity × the product's ``cost_vnd``;
  ``shipping_fee_vnd`` is what the shop pays the carrier (free delivery for
  the buyer): by parcel weight (``weight_g`` × quantity + 100 g packing)
  and distance, 30 % less on Postmart, nothing for a cancelled order, there
  and back for a returned one; ``channel_fee_vnd`` is the channel's cut of a
  delivered order (Postmart 4 %, TikTok Shop 9 %, none on Facebook, Zalo and
  the shop's own livestreams). Profit of a delivered order = revenue − goods
  − shipping − channel fee.

The story a learner can discover (asserted in ``tests/toolkit/test_data.py``)
--------------------------------------------------------------------------------
- Forgetting to drop undelivered orders changes every ranking: over all rows
  the best product is the 1-litre jar (SP002), the best province TP. Hồ Chí
  Minh and the best month January 2025; among delivered orders they are the
  500 ml jar (SP001), Hà Nội and February 2026 (Tết 2026).
- Counting rows instead of summing ``revenue_vnd`` gives other answers again:
  Thái Nguyên tea 200g (SP005) has the most orders, November 2025 (11.11)
  the most orders of any month. Grouping by month number (``.dt.month``)
  mixes January 2025 with January 2026 and points at January.
- About 28 % of COD orders are not delivered, against 3–4 % of prepaid ones;
  most of them are refused parcels, whose shipping the shop pays twice.
- Zalo has the largest baskets, the fewest failed orders and the best
  margin; livestreams the smallest baskets, the most failed orders and the
  thinnest margin; Postmart brings the most profit.

Key figures of the shipped files (seed 2024), checked as doctests:

>>> tables = generate()
>>> orders = tables["orders"]
>>> delivered = orders[orders["status"] == "Đã giao"]
>>> len(tables["products"]), len(tables["customers"]), len(orders), len(delivered)
(30, 1500, 6302, 5223)
>>> sorted(orders["product_id"].unique())
['SP001', 'SP002', 'SP003', 'SP005', 'SP006', 'SP007', 'SP008']
>>> orders.groupby("product_id")["revenue_vnd"].sum().nlargest(2).to_dict()
{'SP002': 502913000, 'SP001': 450686000}
>>> delivered.groupby("product_id")["revenue_vnd"].sum().nlargest(2).to_dict()
{'SP001': 373349000, 'SP005': 348611000}
>>> delivered["product_id"].value_counts().head(2).to_dict()
{'SP005': 1695, 'SP001': 1117}
>>> orders.groupby("province")["revenue_vnd"].sum().nlargest(2).to_dict()
{'TP. Hồ Chí Minh': 543585000, 'Hà Nội': 470815000}
>>> delivered.groupby("province")["revenue_vnd"].sum().nlargest(2).to_dict()
{'Hà Nội': 418582000, 'TP. Hồ Chí Minh': 346649000}
>>> month = orders["order_date"].dt.strftime("%Y-%m")
>>> orders.groupby(month)["revenue_vnd"].sum().nlargest(2).to_dict()
{'2025-01': 286783000, '2026-02': 214978000}
>>> month = delivered["order_date"].dt.strftime("%Y-%m")
>>> delivered.groupby(month)["revenue_vnd"].sum().nlargest(2).to_dict()
{'2026-02': 197631000, '2025-12': 155175000}
>>> delivered.groupby(month).size().nlargest(2).to_dict()
{'2025-11': 575, '2025-12': 491}
>>> failed = orders["status"] != "Đã giao"
>>> failed.groupby(orders["payment"]).mean().round(3).to_dict()
{'COD': 0.28, 'Chuyển khoản': 0.032, 'Ví điện tử': 0.039}
>>> int(orders["revenue_vnd"].sum()), int(delivered["revenue_vnd"].sum())
(2176986000, 1739430000)
>>> profit = (delivered["revenue_vnd"] - delivered["goods_cost_vnd"]
...           - delivered["shipping_fee_vnd"] - delivered["channel_fee_vnd"])
>>> profit.groupby(delivered["channel"]).sum().sort_values(ascending=False).to_dict()
{'Postmart': 155573000, 'Facebook': 137669000, 'Zalo': 126904000, 'TikTok Shop': 54458000, 'Livestream': 19493000}
>>> delivered.groupby("channel")["revenue_vnd"].mean().round(-3).astype(int).to_dict()
{'Postmart': 324000, 'Facebook': 347000, 'Zalo': 395000, 'TikTok Shop': 291000, 'Livestream': 256000}

Reproducibility
---------------
Randomness comes only from ``numpy.random.Generator(PCG64(seed))`` through
``random`` and ``integers``; sampling from a distribution is done here by
inverse CDF on uniform numbers, and weights use only ``+ - * /``, so the
output does not depend on platform maths libraries. Every value written is an
integer, a date or a string, so the CSV text is exact.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.data import (
    ACQUISITION_CHANNELS,
    CHANNELS,
    PAYMENTS,
    STATUSES,
    _typed,
)
from toolkit.data._files import check_tables, to_csv_bytes, write_tables

__all__ = ["SEED", "SHOP", "check", "generate", "to_csv_bytes", "write"]

SEED = 2024
"""The seed of the shipped files."""

START = dt.date(2025, 1, 1)
END = dt.date(2026, 2, 28)
TET = (dt.date(2025, 1, 29), dt.date(2026, 2, 17))
# Before Tết 2025 a post of the shop's was shared widely on Facebook: a rush of
# orders, many of them cash on delivery, that the new shop could not all pack
# in time (our story).
_TET_LIFT = {TET[0]: 1.5, TET[1]: 1.0}
BLACK_FRIDAY = dt.date(2025, 11, 28)
N_CUSTOMERS = 1500

# ---------------------------------------------------------------------------
# Shops (fictional), by the initials of their names.
_HG = "Nông sản Sạch Hà Giang"
_NL = "Trà & Mật ong Nhà Lan"
SHOP = _NL
"""The learner's shop: every order in ``orders`` is one of its products."""
_ND = "Cà phê Nhà Đắk"
_UH = "Đặc sản Miền Tây Út Hiền"
_MT = "Quà quê Miền Trung"

# The catalogue: (name, category, OCOP stars, price, weight_g, origin_province,
# shop, base popularity). Prices are rounded to 1.000 ₫; popularity is relative.
_CATALOGUE: tuple[tuple[str, str, int, int, int, str, str, float], ...] = (
    ("Mật ong hoa nhãn Hưng Yên 500ml", "Mật ong", 3, 185_000, 700, "Hưng Yên", _NL, 4.0),
    ("Mật ong hoa nhãn Hưng Yên 1 lít", "Mật ong", 4, 340_000, 1400, "Hưng Yên", _NL, 2.2),
    ("Mật ong bạc hà Hà Giang 500ml", "Mật ong", 4, 260_000, 700, "Tuyên Quang", _NL, 1.2),
    ("Mật ong rừng U Minh 500ml", "Mật ong", 3, 230_000, 700, "Cà Mau", _UH, 1.5),
    ("Trà xanh Tân Cương Thái Nguyên 200g", "Trà", 4, 120_000, 200, "Thái Nguyên", _NL, 5.0),
    ("Trà xanh Tân Cương Thái Nguyên 500g", "Trà", 3, 280_000, 500, "Thái Nguyên", _NL, 1.5),
    ("Trà shan tuyết cổ thụ Hà Giang 200g", "Trà", 5, 420_000, 200, "Tuyên Quang", _NL, 0.6),
    ("Trà atisô Đà Lạt 100 túi lọc", "Trà", 3, 95_000, 200, "Lâm Đồng", _NL, 3.0),
    ("Cà phê Robusta Buôn Ma Thuột 500g", "Cà phê", 3, 150_000, 500, "Đắk Lắk", _ND, 5.0),
    ("Cà phê Arabica Cầu Đất 250g", "Cà phê", 4, 165_000, 250, "Lâm Đồng", _ND, 2.0),
    ("Cà phê phin giấy Buôn Ma Thuột hộp 10 gói", "Cà phê", 3, 75_000, 150, "Đắk Lắk", _ND, 5.0),
    ("Gạo ST25 Sóc Trăng 5kg", "Gạo", 4, 205_000, 5000, "Cần Thơ", _UH, 4.5),
    ("Gạo nếp cái hoa vàng Hải Hậu 2kg", "Gạo", 3, 95_000, 2000, "Ninh Bình", _HG, 2.0),
    ("Gạo lứt đỏ Điện Biên 2kg", "Gạo", 3, 90_000, 2000, "Điện Biên", _HG, 2.0),
    ("Nước mắm Phú Quốc 40 độ đạm 500ml", "Nước mắm", 4, 125_000, 650, "An Giang", _UH, 4.0),
    ("Nước mắm cá cơm Cửa Việt 500ml", "Nước mắm", 3, 85_000, 650, "Quảng Trị", _MT, 2.0),
    ("Nước mắm Cát Hải 30 độ đạm 500ml", "Nước mắm", 3, 70_000, 650, "Hải Phòng", _MT, 2.0),
    ("Quế Văn Yên Lào Cai 200g", "Gia vị", 3, 55_000, 200, "Lào Cai", _HG, 2.0),
    ("Hồ tiêu Gia Lai 250g", "Gia vị", 3, 85_000, 250, "Gia Lai", _ND, 3.0),
    ("Hạt mắc khén Sơn La 100g", "Gia vị", 3, 65_000, 100, "Sơn La", _HG, 1.5),
    ("Muối tôm Tây Ninh 200g", "Gia vị", 3, 45_000, 200, "Tây Ninh", _UH, 4.5),
    ("Tỏi cô đơn Lý Sơn 500g", "Gia vị", 4, 180_000, 500, "Quảng Ngãi", _MT, 1.5),
    ("Xoài sấy dẻo Đồng Tháp 250g", "Trái cây sấy", 3, 59_000, 250, "Đồng Tháp", _UH, 10.0),
    ("Bưởi da xanh sấy Bến Tre 200g", "Trái cây sấy", 3, 65_000, 200, "Vĩnh Long", _UH, 4.0),
    ("Mít sấy giòn Đắk Lắk 250g", "Trái cây sấy", 3, 55_000, 250, "Đắk Lắk", _ND, 5.0),
    ("Mứt gừng Huế 300g", "Trái cây sấy", 3, 60_000, 300, "Huế", _MT, 3.0),
    ("Vải sấy Lục Ngạn 500g", "Trái cây sấy", 3, 120_000, 500, "Bắc Ninh", _HG, 2.0),
    ("Hạt điều rang muối Bình Phước 500g", "Hạt", 4, 195_000, 500, "Đồng Nai", _MT, 3.5),
    ("Hạt mắc ca Lâm Đồng 500g", "Hạt", 3, 230_000, 500, "Lâm Đồng", _ND, 2.0),
    ("Đậu phộng rang tỏi ớt Quảng Nam 300g", "Hạt", 3, 45_000, 300, "Đà Nẵng", _MT, 4.0),
)  # fmt: skip

# Tết gifts: bought more, and in bigger baskets, in the weeks before Tết.
_TET_GIFT_BOOST = {
    "Mật ong": 2.2,
    "Trà": 2.0,
    "Cà phê": 1.6,
    "Hạt": 2.2,
    "Gạo nếp cái hoa vàng Hải Hậu 2kg": 3.0,
    "Mứt gừng Huế 300g": 3.0,
}

# ---------------------------------------------------------------------------
# Provinces (names valid before and after the 2025 merger), their region and
# the share of customers living there.
_PROVINCES: tuple[tuple[str, str, float], ...] = (
    ("Hà Nội", "Miền Bắc", 24.0),
    ("Hải Phòng", "Miền Bắc", 5.0),
    ("Quảng Ninh", "Miền Bắc", 2.5),
    ("Bắc Ninh", "Miền Bắc", 3.5),
    ("Hưng Yên", "Miền Bắc", 2.5),
    ("Ninh Bình", "Miền Bắc", 2.0),
    ("Thái Nguyên", "Miền Bắc", 2.0),
    ("Phú Thọ", "Miền Bắc", 2.0),
    ("Lào Cai", "Miền Bắc", 1.0),
    ("Tuyên Quang", "Miền Bắc", 1.0),
    ("Lạng Sơn", "Miền Bắc", 0.8),
    ("Sơn La", "Miền Bắc", 0.8),
    ("Cao Bằng", "Miền Bắc", 0.5),
    ("Điện Biên", "Miền Bắc", 0.5),
    ("Lai Châu", "Miền Bắc", 0.4),
    ("Thanh Hóa", "Miền Trung", 3.0),
    ("Nghệ An", "Miền Trung", 3.0),
    ("Hà Tĩnh", "Miền Trung", 1.5),
    ("Quảng Trị", "Miền Trung", 1.2),
    ("Huế", "Miền Trung", 2.0),
    ("Đà Nẵng", "Miền Trung", 4.5),
    ("Quảng Ngãi", "Miền Trung", 1.5),
    ("Gia Lai", "Miền Trung", 1.5),
    ("Đắk Lắk", "Miền Trung", 2.0),
    ("Khánh Hòa", "Miền Trung", 2.0),
    ("Lâm Đồng", "Miền Trung", 2.0),
    ("TP. Hồ Chí Minh", "Miền Nam", 17.0),
    ("Đồng Nai", "Miền Nam", 3.5),
    ("Tây Ninh", "Miền Nam", 2.0),
    ("Cần Thơ", "Miền Nam", 3.5),
    ("Vĩnh Long", "Miền Nam", 1.8),
    ("Đồng Tháp", "Miền Nam", 1.8),
    ("An Giang", "Miền Nam", 2.0),
    ("Cà Mau", "Miền Nam", 1.2),
)
_BIG_BASKET_PROVINCE = "TP. Hồ Chí Minh"

# Family names with rough national shares (per cent); Hoàng/Vũ are the northern
# forms of Huỳnh/Võ, so the region decides which of the pair is used.
_FAMILY_NAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 5.0),
    ("Phan", 4.5),
    ("Vũ", 4.0),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
)
_SOUTHERN_FORM = {"Hoàng": "Huỳnh", "Vũ": "Võ"}
_MIDDLE_NAMES = {
    "Nam": ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Công", "Gia", "Hoàng", "Tuấn"),
    "Nữ": ("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Bảo", "Khánh", "Thùy", "Mỹ"),
}
_GIVEN_NAMES = {
    "Nam": (
        "An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Huy", "Hùng",
        "Khang", "Khoa", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tâm",
        "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh", "Lộc", "Kiên",
    ),
    "Nữ": (
        "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hương",
        "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương",
        "Quỳnh", "Thảo", "Trang", "Trâm", "Uyên", "Vy", "Yến", "Ngọc",
    ),
}  # fmt: skip

# Birth-year bands (first, last, share).
_BIRTH_BANDS = ((2001, 2007, 0.25), (1991, 2000, 0.40), (1981, 1990, 0.22), (1965, 1980, 0.13))
_ACQUISITION_SHARES = (0.22, 0.24, 0.18, 0.12, 0.08, 0.10, 0.06)  # order of ACQUISITION_CHANNELS
# The order channel a customer prefers, by how they found the shop.
_PREFERRED_CHANNEL = {
    "Postmart": "Postmart",
    "Facebook": "Facebook",
    "TikTok Shop": "TikTok Shop",
    "Zalo": "Zalo",
    "Livestream": "Livestream",
    "Bưu cục": "Postmart",
    "Người quen giới thiệu": "Zalo",
}
_CHANNEL_SHARES = (0.35, 0.25, 0.12, 0.18, 0.10)  # order of CHANNELS
_STICKINESS = 0.55
# Payment mix per channel (order of CHANNELS; shares in the order of PAYMENTS):
# social channels and livestreams are mostly cash on delivery.
_PAYMENT_BY_CHANNEL = (
    (0.45, 0.35, 0.20),  # Postmart
    (0.75, 0.20, 0.05),  # Facebook
    (0.30, 0.65, 0.05),  # Zalo
    (0.55, 0.05, 0.40),  # TikTok Shop
    (0.85, 0.10, 0.05),  # Livestream
)
# Status rates (COD, prepaid) before the multipliers below.
_CANCEL = (0.06, 0.025)
_RETURN = (0.07, 0.01)
# Channel risk multiplier on both rates (order of CHANNELS).
_CHANNEL_RISK = (0.75, 1.15, 0.45, 1.3, 1.7)
# Parcels refused at the door grow with distance from Hưng Yên (COD only).
_REGION_REFUSAL = {"Miền Bắc": 0.8, "Miền Trung": 1.5, "Miền Nam": 2.0}
_HCM_REFUSAL = 2.1
# The 1-litre glass jar (SP002) is returned more: breakage and big COD amounts.
_JAR = 1
_JAR_RETURN = 2.5
# From the first months to the last the rates fall: the shop starts to confirm
# COD orders by phone.
_EARLY_RISK, _LATE_RISK = 1.5, 0.7
# Before her first Tết the shop could not pack every order in time and many
# buyers from the viral post refused their parcels; by Tết 2026 she had help.
_FIRST_TET_RISK = 2.0
_FIRST_TET_FACEBOOK = 0.5  # share of those orders moved to Facebook
_ZALO_EXTRA_ITEM = 0.35
_TIKTOK_VOUCHER_LIFT = 1.8
_CHEAP = 150_000  # sale days favour items under this price
_SALE_BOOST_CHEAP = 1.6
_IMPULSE_CHEAP = 1.8  # TikTok Shop and livestream buyers favour cheap items
# Shipping (our choice): base fee for the
# first 500 g within the province, the region, the country; each further
# 500 g; packing weight; the Postmart shipping discount for youth start-ups
# (the size of the discount is our choice).
_HOME_PROVINCE, _HOME_REGION = "Hưng Yên", "Miền Bắc"
_SHIP_BASE = (16_000, 22_000, 32_000)
_SHIP_STEP = 5_000
_PACKING_G = 100
_POSTMART_SHIP_DISCOUNT = 30
# Channel fee on delivered orders, per cent of revenue (our choice; real fees
# change often): Postmart, Facebook, Zalo, TikTok Shop, Livestream.
_CHANNEL_FEE_PERCENT = (4, 0, 0, 9, 0)

# Day kinds decide basket behaviour.
_NORMAL, _PRE_TET, _SALE = 0, 1, 2
_QUANTITY_SHARES = {  # P(quantity = 1..5)
    (_NORMAL, False): (0.62, 0.25, 0.07, 0.04, 0.02),
    (_PRE_TET, False): (0.35, 0.30, 0.15, 0.10, 0.10),
    (_SALE, False): (0.72, 0.21, 0.04, 0.02, 0.01),
    (_NORMAL, True): (0.30, 0.30, 0.18, 0.12, 0.10),
    (_PRE_TET, True): (0.20, 0.28, 0.20, 0.16, 0.16),
    (_SALE, True): (0.40, 0.30, 0.15, 0.10, 0.05),
}
_VOUCHERS = {  # (share of orders with a voucher, voucher values in đồng)
    _NORMAL: (0.15, (5_000, 10_000, 15_000, 20_000)),
    _PRE_TET: (0.30, (10_000, 20_000, 30_000)),
    _SALE: (0.65, (10_000, 15_000, 20_000, 30_000, 50_000)),
}
_SALE_PRICE_SHARE = 0.5  # share of sale-day orders at a sale price
_SALE_PERCENTS = (5, 10, 15)


# ---------------------------------------------------------------------------
# Sampling helpers: only rng.random and rng.integers, weights by + - * /.
def _pick(u: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Indices drawn from ``weights`` by inverse CDF on uniform numbers ``u``."""
    cdf = np.cumsum(np.asarray(weights, dtype=np.float64))
    return np.minimum(np.searchsorted(cdf, u * cdf[-1], side="right"), len(cdf) - 1)


def _quota(rng: np.random.Generator, n: int, shares: np.ndarray) -> np.ndarray:
    """``n`` category indices in exact proportion to ``shares``, in random order.

    Counts are the floors of ``n * share`` plus one for the largest remainders,
    so the mix does not depend on luck; the order is shuffled by sorting
    uniform numbers.
    """
    exact = n * shares / shares.sum()
    counts = exact.astype(np.int64)
    remainders = exact - counts
    counts[np.argsort(-remainders, kind="stable")[: n - counts.sum()]] += 1
    labels = np.repeat(np.arange(len(shares)), counts)
    return labels[np.argsort(rng.random(n), kind="stable")]


def _days() -> list[dt.date]:
    return [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]


def _day_profile(day: dt.date) -> tuple[float, int]:
    """Relative order rate and day kind of ``day`` (before growth and noise)."""
    rate = 1.0
    kind = _NORMAL
    if day.weekday() == 5:
        rate *= 1.10
    elif day.weekday() == 6:
        rate *= 1.15
    for tet in TET:
        before = (tet - day).days
        after = (day - tet).days
        if 1 <= before <= 21:
            kind = _PRE_TET
            rate *= _TET_LIFT[tet]
            if before <= 2:  # shipping cut-off
                rate *= 1.2
            elif before <= 4:
                rate *= 1.6
            elif before <= 14:
                rate *= 2.0
            else:
                rate *= 1.5
        elif 0 <= after <= 3:
            rate *= 0.12
        elif 4 <= after <= 7:
            rate *= 0.5
    if day.month == day.day and day.month >= 3:
        kind = _SALE
        rate *= {9: 3.5, 10: 3.5, 11: 14.0, 12: 7.0}.get(day.month, 1.8)
    elif day.month >= 9 and abs(day.day - day.month) == 1:
        kind = _SALE
        rate *= 1.5
    elif day.month == 11 and 8 <= day.day <= 9:  # 11.11 warm-up
        kind = _SALE
        rate *= 1.5
    elif day == BLACK_FRIDAY:
        kind = _SALE
        rate *= 4.0
    elif day in (BLACK_FRIDAY + dt.timedelta(days=1), BLACK_FRIDAY + dt.timedelta(days=2)):
        kind = _SALE
        rate *= 1.5
    elif (day.month, day.day) in ((3, 8), (10, 20)):  # Women's days: gifts
        rate *= 1.6
    return rate, kind


def _daily_rates(days: list[dt.date]) -> tuple[np.ndarray, np.ndarray]:
    base = 10.0
    growth = np.linspace(1.0, 1.45, len(days))
    profile = [_day_profile(day) for day in days]
    rates = base * growth * np.array([rate for rate, _ in profile])
    kinds = np.array([kind for _, kind in profile], dtype=np.int64)
    return rates, kinds


# ---------------------------------------------------------------------------
def _products(rng: np.random.Generator) -> pd.DataFrame:
    prices = np.array([row[3] for row in _CATALOGUE], dtype=np.int64)
    margin_percent = rng.integers(50, 71, size=len(prices))  # cost = 50–70 % of price
    costs = (prices // 1000) * margin_percent // 100 * 1000
    return pd.DataFrame(
        {
            "product_id": [f"SP{i + 1:03d}" for i in range(len(_CATALOGUE))],
            "name": [row[0] for row in _CATALOGUE],
            "category": [row[1] for row in _CATALOGUE],
            "ocop_stars": np.array([row[2] for row in _CATALOGUE], dtype=np.int64),
            "price_vnd": prices,
            "cost_vnd": costs,
            "weight_g": np.array([row[4] for row in _CATALOGUE], dtype=np.int64),
            "origin_province": [row[5] for row in _CATALOGUE],
            "shop": [row[6] for row in _CATALOGUE],
        }
    )


def _customers(
    rng: np.random.Generator, rates: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Customers sorted by signup day, their signup day index and order weight.

    Signup day indices are relative to ``START`` (negative before 2025).
    """
    n = N_CUSTOMERS
    before_2025 = rng.random(n) < 0.25
    early = -rng.integers(1, 367, size=n)  # a day of 2024
    joined = _pick(rng.random(n), rates)  # new customers arrive with the orders
    signup = np.sort(np.where(before_2025, early, joined))

    province_idx = _quota(rng, n, np.array([row[2] for row in _PROVINCES]))
    provinces = [_PROVINCES[i][0] for i in province_idx]
    regions = [_PROVINCES[i][1] for i in province_idx]
    genders = np.where(rng.random(n) < 0.64, "Nữ", "Nam")

    family_idx = _pick(rng.random(n), np.array([share for _, share in _FAMILY_NAMES]))
    u_middle, u_given = rng.random(n), rng.random(n)
    names = []
    for i in range(n):
        family = _FAMILY_NAMES[family_idx[i]][0]
        if regions[i] != "Miền Bắc":
            family = _SOUTHERN_FORM.get(family, family)
        middles, givens = _MIDDLE_NAMES[genders[i]], _GIVEN_NAMES[genders[i]]
        middle = middles[int(u_middle[i] * len(middles))]
        given = givens[int(u_given[i] * len(givens))]
        names.append(f"{family} {middle} {given}")

    band_idx = _pick(rng.random(n), np.array([share for *_, share in _BIRTH_BANDS]))
    offsets = rng.random(n)
    birth_years = np.array(
        [
            _BIRTH_BANDS[b][0] + int(o * (_BIRTH_BANDS[b][1] - _BIRTH_BANDS[b][0] + 1))
            for b, o in zip(band_idx, offsets, strict=True)
        ],
        dtype=np.int64,
    )
    acquisition_idx = _pick(rng.random(n), np.array(_ACQUISITION_SHARES))
    # A few loyal customers order often: weights 1 (55 %), 3 (30 %), 8 (15 %).
    weights = np.array([1.0, 3.0, 8.0])[_pick(rng.random(n), np.array([0.55, 0.30, 0.15]))]

    signup_dates = np.datetime64(START, "D") + signup.astype("timedelta64[D]")
    customers = pd.DataFrame(
        {
            "customer_id": [f"KH{i + 1:04d}" for i in range(n)],
            "full_name": names,
            "gender": genders,
            "birth_year": birth_years,
            "province": provinces,
            "region": regions,
            "signup_date": signup_dates,
            "acquisition_channel": [ACQUISITION_CHANNELS[i] for i in acquisition_idx],
        }
    )
    return customers, signup, weights


def _orders(
    rng: np.random.Generator,
    products: pd.DataFrame,
    customers: pd.DataFrame,
    signup: np.ndarray,
    customer_weights: np.ndarray,
    rates: np.ndarray,
    kinds: np.ndarray,
) -> pd.DataFrame:
    # Orders per day: the rate times ±15 % noise, rounded at random.
    noisy = rates * (0.85 + 0.3 * rng.random(len(rates)))
    per_day = (noisy + rng.random(len(rates))).astype(np.int64)
    day = np.repeat(np.arange(len(rates)), per_day)
    kind = kinds[day]
    n = len(day)
    time = day / max(len(rates) - 1, 1)  # 0 on the first day, 1 on the last

    # Customer: any customer who has joined by that day, by loyalty weight.
    cum_weight = np.cumsum(customer_weights)
    joined = np.searchsorted(signup, day, side="right")  # customers 0..joined-1
    customer = np.searchsorted(cum_weight, rng.random(n) * cum_weight[joined - 1], side="right")
    province = customers["province"].to_numpy()[customer]
    region = customers["region"].astype(str).to_numpy()[customer]
    big_basket = province == _BIG_BASKET_PROVINCE

    # Channel: the customer's preferred channel, or any channel.
    preferred = np.array(
        [
            CHANNELS.index(_PREFERRED_CHANNEL[a])
            for a in customers["acquisition_channel"].astype(str)
        ]
    )[customer]
    sticky = rng.random(n) < _STICKINESS
    any_channel = _pick(rng.random(n), np.array(_CHANNEL_SHARES))
    channel = np.where(sticky, preferred, any_channel)
    first_tet = np.array(
        [1 <= (TET[0] - (START + dt.timedelta(days=i))).days <= 21 for i in range(len(rates))]
    )[day]
    viral = first_tet & (rng.random(n) < _FIRST_TET_FACEBOOK)
    channel = np.where(viral, CHANNELS.index("Facebook"), channel)

    # Product: only the shop's own catalogue, by popularity, lifted by Tết gifts,
    # sale-day impulse buys of cheap items, and dearer products for big baskets.
    popularity = np.array([row[7] if row[6] == SHOP else 0.0 for row in _CATALOGUE])
    prices = products["price_vnd"].to_numpy()
    categories = products["category"].astype(str).to_numpy()
    product_names = products["name"].astype(str).to_numpy()
    tet_boost = np.array(
        [
            _TET_GIFT_BOOST.get(name, _TET_GIFT_BOOST.get(category, 1.0))
            for name, category in zip(product_names, categories, strict=True)
        ]
    )
    sale_boost = np.where(prices < _CHEAP, _SALE_BOOST_CHEAP, 1.0)
    dear_boost = 1.0 + prices / 150_000
    u_product = rng.random(n)
    product = np.empty(n, dtype=np.int64)
    u_quantity = rng.random(n)
    quantity = np.empty(n, dtype=np.int64)
    impulse = np.isin(channel, [CHANNELS.index("TikTok Shop"), CHANNELS.index("Livestream")])
    for day_kind in (_NORMAL, _PRE_TET, _SALE):
        for big in (False, True):
            for quick in (False, True):
                rows = (kind == day_kind) & (big_basket == big) & (impulse == quick)
                lift = {_NORMAL: 1.0, _PRE_TET: tet_boost, _SALE: sale_boost}[day_kind]
                weights = popularity * lift
                if big:
                    weights = weights * dear_boost
                if quick:  # short videos and livestreams sell the cheap items
                    weights = weights * np.where(prices < _CHEAP, _IMPULSE_CHEAP, 1.0)
                product[rows] = _pick(u_product[rows], weights)
                shares = np.array(_QUANTITY_SHARES[day_kind, big])
                quantity[rows] = _pick(u_quantity[rows], shares) + 1
    # Zalo buyers are friends and repeat customers who buy gifts by the box.
    extra = (channel == CHANNELS.index("Zalo")) & (rng.random(n) < _ZALO_EXTRA_ITEM)
    quantity = np.minimum(quantity + extra, 5)

    # Price: list price, or a sale price (5–15 % off, rounded to 1.000 ₫) on sale
    # days; livestreams always sell at a "giá live".
    list_price = prices[product]
    live = channel == CHANNELS.index("Livestream")
    on_sale = ((kind == _SALE) & (rng.random(n) < _SALE_PRICE_SHARE)) | live
    percent = np.array(_SALE_PERCENTS)[_pick(rng.random(n), np.ones(len(_SALE_PERCENTS)))]
    sale_price = ((list_price // 1000) * (100 - percent) + 50) // 100 * 1000
    unit_price = np.where(on_sale, sale_price, list_price)
    gross = quantity * unit_price

    # Voucher discount, never more than half the order; TikTok Shop hands out more.
    u_has, u_value = rng.random(n), rng.random(n)
    voucher_share = np.where(channel == CHANNELS.index("TikTok Shop"), _TIKTOK_VOUCHER_LIFT, 1.0)
    discount = np.zeros(n, dtype=np.int64)
    for day_kind, (share, values) in _VOUCHERS.items():
        rows = (kind == day_kind) & (u_has < share * voucher_share)
        choice = _pick(u_value[rows], np.ones(len(values)))
        discount[rows] = np.array(values, dtype=np.int64)[choice]
    discount = np.minimum(discount, gross // 2 // 1000 * 1000)
    revenue = gross - discount

    # Payment depends on the channel.
    u_payment = rng.random(n)
    payment = np.empty(n, dtype=np.int64)
    for index, shares in enumerate(_PAYMENT_BY_CHANNEL):
        rows = channel == index
        payment[rows] = _pick(u_payment[rows], np.array(shares))
    cod = payment == PAYMENTS.index("COD")

    # Status. Cancelled ("Đã hủy") before shipping; returned ("Hoàn trả") after:
    # for COD mostly parcels refused at the door ("bom hàng"). COD, impulse
    # channels, far provinces, the big glass jar and the shop's first months
    # (before it confirmed COD orders by phone) all raise the rates.
    trend = _EARLY_RISK + (_LATE_RISK - _EARLY_RISK) * time
    trend = np.where(first_tet, trend * _FIRST_TET_RISK, trend)
    channel_risk = np.array(_CHANNEL_RISK)[channel]
    far = np.array([_REGION_REFUSAL.get(r, 1.0) for r in region])
    far = np.where(province == _BIG_BASKET_PROVINCE, far * _HCM_REFUSAL, far)
    jar = np.where(product == _JAR, _JAR_RETURN, 1.0)
    cancel_rate = np.where(cod, _CANCEL[0], _CANCEL[1]) * channel_risk * trend
    return_rate = np.where(cod, _RETURN[0] * far, _RETURN[1]) * channel_risk * trend * jar
    u_status = rng.random(n)
    status = np.where(
        u_status < cancel_rate, 1, np.where(u_status < cancel_rate + return_rate, 2, 0)
    )
    delivered = status == 0
    returned = status == 2

    # Costs of the order. Goods: the unit cost times the quantity. Shipping, paid
    # by the shop (free delivery for the buyer): by parcel weight and distance
    # from Hưng Yên, with the Postmart discount for youth start-ups; nothing
    # for an order cancelled before shipping, the way there and back for a
    # returned one. Channel fee: a share of the revenue of delivered orders.
    goods_cost = quantity * products["cost_vnd"].to_numpy()[product]
    weight = quantity * products["weight_g"].to_numpy()[product] + _PACKING_G
    zone_fee = np.where(
        province == _HOME_PROVINCE,
        _SHIP_BASE[0],
        np.where(region == _HOME_REGION, _SHIP_BASE[1], _SHIP_BASE[2]),
    )
    steps = np.maximum(0, (weight - 1) // 500)  # each 500 g above the first
    fee = zone_fee + _SHIP_STEP * steps
    postmart = channel == CHANNELS.index("Postmart")
    fee = np.where(
        postmart, (fee * (100 - _POSTMART_SHIP_DISCOUNT) // 100 + 500) // 1000 * 1000, fee
    )
    shipping = np.where(delivered, fee, np.where(returned, 2 * fee, 0))
    fee_percent = np.array(_CHANNEL_FEE_PERCENT)[channel]
    platform_fee = np.where(delivered, (revenue * fee_percent // 100 + 500) // 1000 * 1000, 0)

    dates = np.datetime64(START, "D") + day.astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "order_id": [f"DH{i + 1:06d}" for i in range(n)],
            "order_date": dates,
            "customer_id": customers["customer_id"].to_numpy()[customer],
            "product_id": products["product_id"].to_numpy()[product],
            "quantity": quantity,
            "unit_price_vnd": unit_price.astype(np.int64),
            "discount_vnd": discount,
            "revenue_vnd": revenue.astype(np.int64),
            "channel": [CHANNELS[i] for i in channel],
            "province": province,
            "status": [STATUSES[i] for i in status],
            "payment": [PAYMENTS[i] for i in payment],
            "goods_cost_vnd": goods_cost.astype(np.int64),
            "shipping_fee_vnd": shipping.astype(np.int64),
            "channel_fee_vnd": platform_fee.astype(np.int64),
        }
    )


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Build the three shop tables from ``seed``.

    Parameters
    ----------
    seed : int, default 2024
        Seed of ``numpy.random.PCG64``. The shipped files use :data:`SEED`.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``{"products": …, "customers": …, "orders": …}``, with the same dtypes
        as :func:`toolkit.data.load` gives.

    Examples
    --------
    >>> tables = generate()
    >>> sorted(tables)
    ['customers', 'orders', 'products']
    >>> tables["products"].shape
    (30, 9)
    >>> tables["orders"].equals(generate()["orders"])
    True
    """
    rng = np.random.Generator(np.random.PCG64(seed))
    rates, kinds = _daily_rates(_days())
    products = _products(rng)
    customers, signup, weights = _customers(rng, rates)
    orders = _orders(rng, products, customers, signup, weights, rates, kinds)
    tables = {"products": products, "customers": customers, "orders": orders}
    return {name: _typed(frame, name) for name, frame in tables.items()}


def _directory(directory: str | os.PathLike[str] | None) -> Path:
    return Path(__file__).parent if directory is None else Path(directory)


def write(directory: str | os.PathLike[str] | None = None, *, seed: int = SEED) -> list[Path]:
    """Write every dataset as ``<name>.csv`` into ``directory`` (default: the package), atomically."""
    return write_tables(generate(seed), _directory(directory))


def check(directory: str | os.PathLike[str] | None = None, *, seed: int = SEED) -> list[str]:
    """Compare the CSV files in ``directory`` with the generator's output (one line per problem).

    Examples
    --------
    >>> check()
    []
    """
    return check_tables(generate(seed), _directory(directory))
