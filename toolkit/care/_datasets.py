"""The seeded generator of the customer-care datasets of chị Lan's shop.

"Trà & Mật ong Nhà Lan" (Nguyễn Thị Lan, 24) sells honey, tea, sticky rice,
fish sauce and dried lychee (the shop's products in :mod:`toolkit.data`).
From September 2025 to February 2026 her customers write to her on
Postmart, TikTok Shop, Facebook and Zalo. The generator builds:

``tickets``        one row per conversation: customer, product, channel, topic,
                   ``created``, ``first_resolved`` (the first resolution; equal to
                   ``resolved`` unless reopened), ``reopened`` (empty unless the
                   customer reopened it) and ``resolved`` (empty while open)
``chat_messages``  every message: ``sent``, ``author`` (customer / bot / seller), text
``csat_survey``    the survey sent after a resolved ticket: ``csat`` 1–5 and ``ces``
                   1–7, empty when the customer did not answer
``nps_survey``     the January 2026 "would you recommend us?" survey, 0–10
``reviews``        about 2 000 product reviews with stars, in natural Vietnamese:
                   with and without diacritics, NFC and NFD (macOS keyboards),
                   old and new tone placement, teen-code, emoji
``review_labels``  a hand-labelled held-out set (sentiment and topics), written
                   independently of the lexicon and of the review templates

The story (parameters are *our choice*): Lan answers quickly by day and not
at night; Postmart and TikTok Shop send an automatic reply within seconds
(which must not count as an answer); Sundays are slower and during Tết 2026
(14–22 February) she answers little; a few chats are never answered. Most
complaints are about delivery (peaks after 11.11 and before Tết), then about
honey jars broken in transit (packaging).

Times are local (Asia/Ho_Chi_Minh) and whole seconds; scores are whole
numbers stored as floats so that empty answers stay empty. Randomness comes
from ``numpy.random.Generator(PCG64(seed))``.

>>> tables = generate()
>>> {name: len(frame) for name, frame in tables.items()}  # doctest: +NORMALIZE_WHITESPACE
{'tickets': 612, 'chat_messages': 2617, 'csat_survey': 576, 'nps_survey': 400,
 'reviews': 2000, 'review_labels': 118}
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.care._heldout import HELD_OUT

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["DATA_DIR", "SCHEMAS", "SEED", "dataset_names", "generate"]

DATA_DIR = Path(__file__).with_name("data")

SEED = 2603
"""The seed of the shipped files."""

SHOP = "Trà & Mật ong Nhà Lan"
START = dt.date(2025, 9, 1)
END = dt.date(2026, 2, 28)
TET = (dt.date(2026, 2, 14), dt.date(2026, 2, 22))  # days off around Tết Bính Ngọ

CHANNELS = ("Postmart", "TikTok Shop", "Facebook", "Zalo")
TOPICS = ("Giao hàng", "Chất lượng", "Giá", "Đóng gói", "Phục vụ")
AUTHORS = ("customer", "bot", "seller")
SENTIMENTS = ("tích cực", "trung tính", "tiêu cực")

SCHEMAS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "tickets": {
        "ticket_id": "str",
        "customer_id": "str",
        "product_id": "str",
        "channel": CHANNELS,
        "topic": TOPICS,
        "created": "datetime",
        "first_resolved": "datetime",
        "reopened": "datetime",
        "resolved": "datetime",
    },
    "chat_messages": {
        "message_id": "str",
        "ticket_id": "str",
        "sent": "datetime",
        "author": AUTHORS,
        "text": "str",
    },
    "csat_survey": {
        "response_id": "str",
        "ticket_id": "str",
        "sent": "datetime",
        "csat": "float",
        "ces": "float",
    },
    "nps_survey": {
        "response_id": "str",
        "customer_id": "str",
        "answered": "date",
        "score": "int",
    },
    "reviews": {
        "review_id": "str",
        "product_id": "str",
        "customer_id": "str",
        "created": "datetime",
        "stars": "int",
        "text": "str",
    },
    "review_labels": {
        "label_id": "str",
        "text": "str",
        "sentiment": SENTIMENTS,
        "topics": "str",
    },
}
"""Dataset name -> {column: kind}; see the BRIEF's dataset convention."""

# --------------------------------------------------------------------------- texts
_FIRST = {
    "Giao hàng": (
        "Shop ơi đơn của mình bao giờ giao vậy ạ?",
        "Mình đặt hàng mấy hôm rồi mà chưa thấy giao, shop kiểm tra giúp mình với.",
        "Cho mình hỏi mã vận đơn với ạ.",
        "Shop ơi, mình muốn đổi địa chỉ nhận hàng được không?",
    ),
    "Chất lượng": (
        "Mật ong mình nhận bị kết tinh ở đáy, vậy có sao không shop?",
        "Trà mình mua lần này vị khác lần trước, shop xem giúp mình.",
        "Sản phẩm này hạn sử dụng đến bao giờ ạ?",
        "Mật ong này có phải nguyên chất không shop?",
    ),
    "Giá": (
        "Shop có giảm giá khi mua 3 hũ không ạ?",
        "Sao giá trên Postmart khác trên Facebook vậy shop?",
        "Mã giảm giá của shop mình nhập không được.",
    ),
    "Đóng gói": (
        "Hũ mật ong bị vỡ khi nhận, mật chảy hết ra hộp rồi shop ơi 😢",
        "Chai nước mắm bị rò, thùng hàng ướt hết.",
        "Shop gói quà giúp mình được không ạ? Mình mua để biếu.",
    ),
    "Phục vụ": (
        "Shop tư vấn giúp mình nên mua trà loại nào để biếu bố mẹ?",
        "Mình nhắn mấy lần rồi mà chưa ai trả lời.",
        "Cho mình xuất hóa đơn được không shop?",
    ),
}
_MORE = (
    "Shop trả lời giúp mình sớm nhé.",
    "Mình cần gấp ạ.",
    "Cảm ơn shop.",
    "Alo shop ơi",
    "?",
)
_BOT = (
    "Cảm ơn bạn đã nhắn tin cho Trà & Mật ong Nhà Lan! Shop sẽ trả lời bạn sớm nhất có thể.",
    "Xin chào! Đây là tin nhắn tự động. Chị Lan sẽ phản hồi bạn trong giờ làm việc.",
)
_SELLER_ASK = (
    "Dạ chị Lan đây ạ. Bạn gửi giúp shop mã đơn hàng và ảnh sản phẩm nhé.",
    "Dạ shop đã nhận được tin nhắn. Bạn cho shop xin số điện thoại nhận hàng ạ.",
    "Dạ bạn cho shop biết bạn mua sản phẩm nào để shop kiểm tra nhé.",
)
_SELLER_SOLVE = (
    "Dạ shop đã kiểm tra và xử lý xong, cảm ơn bạn đã kiên nhẫn ạ.",
    "Dạ shop gửi lại hàng mới cho bạn ngay hôm nay, mong bạn thông cảm.",
    "Dạ đơn của bạn đang trên đường giao, dự kiến 1–2 ngày nữa bạn nhận được ạ.",
    "Dạ shop hoàn tiền phần hàng lỗi cho bạn rồi nhé, xin lỗi bạn vì sự bất tiện.",
    "Dạ loại này hợp làm quà lắm ạ, bạn đặt trước 5 giờ chiều là shop gửi trong ngày.",
)
_CUSTOMER_REPLY = (
    "Mã đơn của mình đây ạ, mình gửi kèm ảnh.",
    "Số của mình là 09xx xxx xxx.",
    "Mình mua mật ong hoa nhãn 500ml.",
    "Vâng, shop xem giúp mình nhé.",
)
_REOPEN = (
    "Shop ơi mình vẫn chưa nhận được hàng gửi lại.",
    "Hàng gửi lại vẫn bị vỡ shop ạ.",
    "Mình chưa thấy tiền hoàn về tài khoản.",
)

# Review clauses: (topic, positive clauses, negative clauses). Product words come from
# the category so that honey reviews talk about honey.
_QUALITY_POS = {
    "Mật ong": ("mật ong sánh, thơm mùi hoa nhãn", "vị ngọt dịu, pha chanh uống rất ngon",
                "mật ong chuẩn nguyên chất, cả nhà đều thích"),
    "Trà": ("trà thơm, nước xanh, hậu ngọt", "cánh trà đều, pha được nhiều nước",
            "trà ngon, hương vị hoà quyện"),
    "Gạo": ("gạo nếp dẻo thơm, nấu xôi rất ngon", "hạt nếp tròn đều, chất lượng tốt"),
    "Nước mắm": ("nước mắm đậm đà, thơm mùi cá", "nước mắm ngon, chấm gì cũng hợp"),
    "Trái cây sấy": ("vải sấy ngọt tự nhiên, ăn rất thích", "vải sấy dẻo, thơm, chất lượng tốt"),
}  # fmt: skip
_QUALITY_NEG = {
    "Mật ong": ("mật ong hơi loãng, không thơm như quảng cáo", "mật ong có vị chua, không ngon",
                "mật ong bị lên men, thất vọng"),
    "Trà": ("trà bị ẩm, có mùi lạ", "trà nhiều vụn, vị nhạt", "trà không thơm như mô tả"),
    "Gạo": ("gạo bị mọt, chất lượng kém", "nếp không dẻo như mô tả"),
    "Nước mắm": ("nước mắm mặn chát, không ngon", "nước mắm có mùi hôi, chất lượng kém"),
    "Trái cây sấy": ("vải sấy bị mốc vài quả", "vải sấy cứng, không ngon"),
}  # fmt: skip
_CLAUSES = {
    "Giao hàng": (
        ("giao hàng nhanh", "ship nhanh, hai ngày đã nhận được hàng", "giao đúng hẹn, shipper thân thiện"),
        ("giao hàng chậm quá", "đợi cả tuần mới nhận được hàng", "giao trễ hơn hẹn 4 ngày",
         "shipper giao sai địa chỉ, phải tự đi lấy"),
    ),
    "Giá": (
        ("giá hợp lý", "giá rẻ hơn ngoài chợ mà chất lượng tốt", "đáng tiền, sẽ mua lại"),
        ("giá hơi đắt so với chất lượng", "phí ship đắt quá", "giá cao mà hàng bình thường"),
    ),
    "Đóng gói": (
        ("đóng gói cẩn thận, bọc nhiều lớp xốp", "hộp đẹp, làm quà biếu rất sang",
         "gói hàng kỹ, không bị móp méo gì"),
        ("đóng gói sơ sài, hộp bị móp", "chai bị rò rỉ, thùng hàng ướt hết"),
    ),
    "Phục vụ": (
        ("shop tư vấn nhiệt tình", "chị chủ shop trả lời tin nhắn nhanh",
         "shop hỗ trợ đổi hàng rất chu đáo", "shop phục vụ tận tình, khoẻ re"),
        ("nhắn tin shop không trả lời", "thái độ phục vụ chưa tốt",
         "khiếu nại mãi không thấy shop phản hồi"),
    ),
}  # fmt: skip
_BROKEN_JAR = ("hũ thuỷ tinh bị vỡ, mật chảy ra hết", "hũ mật ong bị nứt, dính hết cả hộp",
               "nắp hũ lỏng, mật ong tràn ra ngoài")  # fmt: skip
_CLOSE_POS = ("sẽ ủng hộ shop tiếp", "5 sao cho shop", "mọi người nên mua nha",
              "cảm ơn shop nhiều", "rất hài lòng", "quý khách yên tâm mua nhé")  # fmt: skip
_CLOSE_NEG = ("thất vọng", "sẽ không mua lại nữa", "mong shop xem lại", "1 sao",
              "rất không hài lòng")  # fmt: skip
_EMOJI_POS = ("😍", "🥰", "👍", "❤️", "😊", "💯")
_EMOJI_NEG = ("😡", "😤", "👎", "😞", "😢")
_TEEN = (
    ("không", ("ko", "k", "hông", "kh")),
    ("được", ("đc", "dc")),
    ("sản phẩm", ("sp",)),
    ("rồi", ("r",)),
    ("với", ("vs",)),
    ("mọi người", ("mn",)),
    ("trả lời", ("rep",)),
    ("quá", ("wá",)),
    ("nhiều", ("nhìu",)),
    ("giao hàng", ("ship hàng",)),
)
_OLD_TONE = (("hòa", "hoà"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"), ("quý", "quí"), ("hóa", "hoá"))
_NEW_TONE = tuple((old, new) for new, old in _OLD_TONE)


# --------------------------------------------------------------------------- helpers
def _pick(rng: np.random.Generator, items):
    return items[int(rng.integers(len(items)))]


def _choice(rng: np.random.Generator, weights) -> int:
    import numpy as np

    cum = np.cumsum(np.asarray(weights, dtype="float64"))
    return int(np.searchsorted(cum / cum[-1], rng.random(), side="right"))


def _lognormal_minutes(rng: np.random.Generator, median: float, spread: float) -> float:
    import math

    # Box–Muller on two uniforms; rounded to whole seconds by the callers
    u1, u2 = max(rng.random(), 1e-12), rng.random()
    z = math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
    return median * math.exp(spread * z)


def _seconds(x: dt.datetime) -> dt.datetime:
    return x.replace(microsecond=0)


def _in_tet(moment: dt.datetime) -> bool:
    return TET[0] <= moment.date() < TET[1]


def _next_working(moment: dt.datetime) -> dt.datetime:
    """Lan answers from 07:30 to 22:00; in the Tết days off she answers from 22/2."""
    if _in_tet(moment):
        return dt.datetime.combine(TET[1], dt.time(8, 0))
    start = dt.datetime.combine(moment.date(), dt.time(7, 30))
    if moment < start:
        return start
    if moment.time() >= dt.time(22, 0):
        return start + dt.timedelta(days=1)
    return moment


def _seller_reply(rng: np.random.Generator, after: dt.datetime) -> dt.datetime:
    moment = after
    if _in_tet(after) and rng.random() < 0.3:
        moment = after  # she checks her phone now and then during Tết
    else:
        moment = _next_working(after)
    median = 35.0 if moment.weekday() < 5 else (90.0 if moment.weekday() == 5 else 200.0)
    if moment.date() in (dt.date(2025, 11, 11), dt.date(2025, 11, 12), dt.date(2025, 12, 12)):
        median *= 4  # 11.11 and 12.12: the inbox overflows
    delay = dt.timedelta(minutes=_lognormal_minutes(rng, median, 1.0) + 0.5)
    return _seconds(moment + delay)


# --------------------------------------------------------------------------- world
def _base_world() -> tuple[pd.DataFrame, pd.DataFrame]:
    from toolkit.data import _generate

    tables = _generate.generate()
    products = tables["products"]
    products = products.loc[products["shop"] == SHOP, ["product_id", "name", "category"]]
    orders = tables["orders"]
    orders = orders.loc[orders["product_id"].isin(products["product_id"])]
    return products.reset_index(drop=True), orders.reset_index(drop=True)


def _tickets(rng: np.random.Generator, orders: pd.DataFrame, products: pd.DataFrame):
    import pandas as pd

    window = orders.loc[
        (orders["order_date"] >= pd.Timestamp(START - dt.timedelta(days=5)))
        & (orders["order_date"] <= pd.Timestamp(END - dt.timedelta(days=2)))
    ].reset_index(drop=True)
    channel_of = {"Postmart": 0, "TikTok Shop": 1, "Facebook": 2, "Zalo": 3, "Livestream": 2}
    bot_share = (0.92, 0.9, 0.5, 0.0)
    tickets, messages = [], []
    last_day = dt.datetime.combine(END, dt.time(23, 59, 59))
    n = 612
    for i in range(n):
        row = window.iloc[int(rng.integers(len(window)))]
        topic = _choice(rng, (0.34, 0.2, 0.1, 0.16, 0.2))
        days = int(rng.integers(0, 6)) if topic in (0, 1, 3) else int(rng.integers(-2, 2))
        day = row["order_date"].date() + dt.timedelta(days=days)
        day = min(max(day, START), END)
        hour = _choice(
            rng, (0, 0, 0, 0, 0, 0, 1, 3, 4, 4, 4, 4, 5, 4, 4, 4, 4, 4, 4, 5, 7, 8, 7, 3)
        )
        created = _seconds(
            dt.datetime.combine(day, dt.time(hour)) + dt.timedelta(seconds=int(rng.integers(3600)))
        )
        channel = channel_of[str(row["channel"])]
        tid = f"TK{i + 1:04d}"
        msgs = [(created, "customer", _pick(rng, _FIRST[TOPICS[topic]]))]
        if rng.random() < 0.45:
            msgs.append(
                (
                    created + dt.timedelta(seconds=int(rng.integers(20, 300))),
                    "customer",
                    _pick(rng, _MORE),
                )
            )
        if rng.random() < bot_share[channel]:
            msgs.append(
                (created + dt.timedelta(seconds=int(rng.integers(1, 9))), "bot", _pick(rng, _BOT))
            )
        first_resolved = reopened = resolved = None
        never = rng.random() < 0.04
        if not never:
            reply = _seller_reply(rng, created)
            if reply <= last_day:
                asks = rng.random() < 0.55
                msgs.append((reply, "seller", _pick(rng, _SELLER_ASK if asks else _SELLER_SOLVE)))
                last = reply
                if asks:
                    back = _seconds(
                        reply + dt.timedelta(minutes=_lognormal_minutes(rng, 150, 1.1) + 1)
                    )
                    msgs.append((back, "customer", _pick(rng, _CUSTOMER_REPLY)))
                    last = _seller_reply(rng, back)
                    msgs.append((last, "seller", _pick(rng, _SELLER_SOLVE)))
                resolved = _seconds(last + dt.timedelta(minutes=int(rng.integers(0, 90))))
                if rng.random() < 0.08:
                    again = _seconds(
                        resolved
                        + dt.timedelta(
                            hours=int(rng.integers(20, 120)), minutes=int(rng.integers(60))
                        )
                    )
                    answer = _seller_reply(rng, again)
                    msgs.append((again, "customer", _pick(rng, _REOPEN)))
                    msgs.append((answer, "seller", _pick(rng, _SELLER_SOLVE)))
                    first_resolved, reopened = resolved, again
                    resolved = _seconds(answer + dt.timedelta(minutes=int(rng.integers(5, 240))))
                if resolved > last_day:
                    resolved = first_resolved = reopened = None
                    msgs = [m for m in msgs if m[0] <= last_day]
        if resolved is not None and first_resolved is None:
            first_resolved = resolved
        tickets.append(
            (tid, row["customer_id"], row["product_id"], CHANNELS[channel], TOPICS[topic],
             created, first_resolved, reopened, resolved)
        )  # fmt: skip
        messages.extend((tid, *m) for m in sorted(msgs, key=lambda m: m[0]))
    tickets_frame = pd.DataFrame(tickets, columns=list(SCHEMAS["tickets"]))
    tickets_frame = tickets_frame.sort_values(["created", "ticket_id"], kind="stable")
    ids = {old: f"TK{k + 1:04d}" for k, old in enumerate(tickets_frame["ticket_id"])}
    tickets_frame["ticket_id"] = tickets_frame["ticket_id"].map(ids)
    message_frame = pd.DataFrame(messages, columns=["ticket_id", "sent", "author", "text"])
    message_frame["ticket_id"] = message_frame["ticket_id"].map(ids)
    message_frame = message_frame.sort_values(["sent", "ticket_id"], kind="stable").reset_index(
        drop=True
    )
    message_frame.insert(0, "message_id", [f"TN{k + 1:05d}" for k in range(len(message_frame))])
    return tickets_frame.reset_index(drop=True), message_frame


def _surveys(rng: np.random.Generator, tickets: pd.DataFrame, messages: pd.DataFrame, orders):
    import numpy as np
    import pandas as pd

    from toolkit.care.tickets import first_response_hours

    frt = first_response_hours(tickets, messages).to_numpy()
    rows = []
    k = 0
    for i, ticket in tickets.iterrows():
        if pd.isna(ticket["resolved"]):
            continue
        k += 1
        slow = 0 if np.isnan(frt[i]) else min(frt[i] / 12.0, 2.0)
        penalty = slow + (1.2 if pd.notna(ticket["reopened"]) else 0.0)
        penalty += 0.6 if ticket["topic"] == "Đóng gói" else 0.0
        csat = ces = float("nan")
        if rng.random() < 0.62:
            csat = float(min(5, max(1, round(5.2 - penalty - 1.6 * rng.random()))))
            if rng.random() < 0.85:
                ces = float(min(7, max(1, round(7.0 - 1.5 * penalty - 2.2 * rng.random()))))
        sent = ticket["resolved"] + pd.Timedelta(minutes=int(rng.integers(1, 30)))
        rows.append((f"KS{k:04d}", ticket["ticket_id"], sent, csat, ces))
    csat_frame = pd.DataFrame(rows, columns=list(SCHEMAS["csat_survey"]))
    customers = sorted(
        orders.loc[orders["order_date"] >= pd.Timestamp("2025-07-01"), "customer_id"].unique()
    )
    chosen = sorted(rng.choice(len(customers), size=400, replace=False).tolist())
    weights = (2, 1, 1, 2, 2, 4, 6, 9, 14, 17, 20)  # 0..10
    nps_rows = []
    for k, idx in enumerate(chosen):
        day = dt.date(2026, 1, 5) + dt.timedelta(days=int(rng.integers(0, 21)))
        nps_rows.append(
            (f"NPS{k + 1:03d}", customers[idx], pd.Timestamp(day), _choice(rng, weights))
        )
    nps_frame = pd.DataFrame(nps_rows, columns=list(SCHEMAS["nps_survey"]))
    return csat_frame, nps_frame


def _noisy(rng: np.random.Generator, text: str) -> str:
    """Type the review the way buyers do: teen-code, tone placement, accents, NFD."""
    from toolkit import vn

    if rng.random() < 0.3:
        for word, short in _TEEN:
            if word in text and rng.random() < 0.7:
                text = text.replace(word, _pick(rng, short))
    swaps = _OLD_TONE if rng.random() < 0.5 else _NEW_TONE
    for a, b in swaps:
        text = text.replace(a, b)
    style = rng.random()
    if style < 0.14:
        text = vn.strip_accents(text)
    elif style < 0.3:
        text = unicodedata.normalize("NFD", text)
    if rng.random() < 0.25:
        text = text.lower()
    return text


def _reviews(rng: np.random.Generator, orders: pd.DataFrame, products: pd.DataFrame):
    import pandas as pd

    delivered = orders.loc[orders["status"] == "Đã giao"].reset_index(drop=True)
    category = dict(zip(products["product_id"], products["category"].astype(str), strict=True))
    star_weights = (9, 6, 10, 20, 55)  # 1..5 stars
    rows = []
    for k in range(2000):
        order = delivered.iloc[int(rng.integers(len(delivered)))]
        product = str(order["product_id"])
        cat = category[product]
        stars = _choice(rng, star_weights) + 1
        created = order["order_date"] + pd.Timedelta(
            days=int(rng.integers(2, 12)), seconds=int(rng.integers(6 * 3600, 23 * 3600))
        )
        honey = cat == "Mật ong"
        if stars >= 4:
            tone = "pos"
        elif stars <= 2:
            tone = "neg"
        else:
            tone = "mixed"
        n_clauses = 1 + _choice(rng, (5, 4, 1))
        topics = []
        while len(topics) < n_clauses:
            if tone == "pos":
                topic = _choice(rng, (3, 5, 2, 2, 3))
            else:
                # honey jars break and tea bags get crushed: packaging is the second complaint
                topic = _choice(rng, (6, 3, 1.5, 5 if honey else 2.5, 2.5))
            if topic not in topics:
                topics.append(topic)
        clauses = []
        for j, topic in enumerate(topics):
            negative = tone == "neg" or (tone == "mixed" and j == 1)
            if topic == 1:
                pool = _QUALITY_NEG[cat] if negative else _QUALITY_POS[cat]
            elif topic == 3 and negative and honey and rng.random() < 0.7:
                pool = _BROKEN_JAR
            else:
                pool = _CLAUSES[TOPICS[topic]][1 if negative else 0]
            clauses.append(_pick(rng, pool))
        if tone == "mixed" and len(clauses) > 1:
            text = f"{clauses[0]} nhưng {clauses[1]}"
        else:
            text = ", ".join(clauses)
        text = text[0].upper() + text[1:]
        if rng.random() < 0.5:
            text += ". " + _pick(rng, _CLOSE_NEG if tone == "neg" else _CLOSE_POS).capitalize()
        text += _pick(rng, (".", "!", "!!", "...", ""))
        if rng.random() < 0.22:
            text += " " + _pick(rng, _EMOJI_NEG if tone == "neg" else _EMOJI_POS) * int(
                rng.integers(1, 4)
            )
        rows.append(
            (f"DG{k + 1:04d}", product, order["customer_id"], created, stars, _noisy(rng, text))
        )
    frame = pd.DataFrame(rows, columns=list(SCHEMAS["reviews"]))
    frame = frame.sort_values(["created", "review_id"], kind="stable").reset_index(drop=True)
    frame["review_id"] = [f"DG{k + 1:04d}" for k in range(len(frame))]
    return frame


def _labels() -> pd.DataFrame:
    import pandas as pd

    rows = [
        (f"NH{k + 1:03d}", text, sentiment, topics)
        for k, (text, sentiment, topics) in enumerate(HELD_OUT)
    ]
    return pd.DataFrame(rows, columns=list(SCHEMAS["review_labels"]))


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Build every customer-care table from ``seed``.

    Returns
    -------
    dict of str to pandas.DataFrame
        One frame per :data:`SCHEMAS` entry, with exactly its columns and the
        dtypes :func:`toolkit.data.load` gives.

    Examples
    --------
    >>> tables = generate()
    >>> sorted(tables) == sorted(SCHEMAS)
    True
    >>> tables["tickets"]["ticket_id"].is_unique
    True
    """
    import numpy as np

    from toolkit.data import _typed as typed

    rng = np.random.Generator(np.random.PCG64(seed))
    products, orders = _base_world()
    tickets, messages = _tickets(rng, orders, products)
    csat_frame, nps_frame = _surveys(rng, tickets, messages, orders)
    reviews = _reviews(rng, orders, products)
    tables = {
        "tickets": tickets,
        "chat_messages": messages,
        "csat_survey": csat_frame,
        "nps_survey": nps_frame,
        "reviews": reviews,
        "review_labels": _labels(),
    }
    return {name: typed(frame, name) for name, frame in tables.items()}


def dataset_names() -> tuple[str, ...]:
    """Names of the customer-care datasets (load them with ``toolkit.data.load``).

    Examples
    --------
    >>> dataset_names()
    ('chat_messages', 'csat_survey', 'nps_survey', 'review_labels', 'reviews', 'tickets')
    """
    return tuple(sorted(SCHEMAS))
