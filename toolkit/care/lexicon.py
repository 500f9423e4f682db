"""The small Vietnamese lexicon that ships with :mod:`toolkit.care`.

No offline Vietnamese sentiment model ships in a pip package (underthesea
downloads its models at run time), so sentiment and topics come from the
hand-made word lists below. They are *our choice*: short, readable and easy
to extend in class (``dict(POSITIVE, **{"xịn xò": 1.0})``).

- :data:`POSITIVE` / :data:`NEGATIVE`: words and phrases with a weight.
- :data:`NEGATORS`: words that flip the next opinion word (``không ngon``).
- :data:`INTENSIFIERS`: words that strengthen it, before (``rất``) or after
  (``quá``, ``lắm``).
- :data:`TEENCODE`: chat abbreviations expanded by
  :func:`~toolkit.care.normalize_text` (``ko`` → ``không``).
- :data:`TOPICS`: keywords of the five complaint topics.
- :data:`EMOJI_POSITIVE` / :data:`EMOJI_NEGATIVE`: emoji with a polarity.

All entries are lower case NFC with new-style tone placement (``hòa``); the
matcher also builds their accent-free forms for reviews typed without
diacritics. Words whose accent-free form is ambiguous in shop reviews
(``hư`` → ``hu`` like ``hũ``, ``vỡ`` → ``vo`` like ``vô``) appear only in
phrases (``bị hư``, ``bị vỡ``).

Examples
--------
>>> POSITIVE["ngon"], NEGATIVE["tệ"]
(1.0, -1.5)
>>> TEENCODE["ko"], TEENCODE["đc"]
('không', 'được')
>>> sorted(TOPICS)
['Chất lượng', 'Giao hàng', 'Giá', 'Phục vụ', 'Đóng gói']
"""

from __future__ import annotations

__all__ = [
    "EMOJI_NEGATIVE",
    "EMOJI_POSITIVE",
    "INTENSIFIERS",
    "NEGATIVE",
    "NEGATORS",
    "POSITIVE",
    "POST_INTENSIFIERS",
    "TEENCODE",
    "TOPICS",
]

POSITIVE: dict[str, float] = {
    "ngon": 1.0,
    "thơm": 1.0,
    "tốt": 1.0,
    "đẹp": 1.0,
    "chuẩn": 1.0,
    "ổn": 0.5,
    "ok": 0.5,
    "được": 0.25,
    "tạm được": 0.25,
    "hài lòng": 1.5,
    "ưng": 1.0,
    "ưng ý": 1.5,
    "thích": 1.0,
    "tuyệt": 1.5,
    "tuyệt vời": 2.0,
    "xuất sắc": 2.0,
    "xịn": 1.0,
    "chất lượng": 0.5,
    "đậm đà": 1.0,
    "sánh": 0.5,
    "dẻo": 1.0,
    "ngọt thanh": 1.0,
    "nguyên chất": 1.0,
    "nhanh": 1.0,
    "đúng hẹn": 1.0,
    "cẩn thận": 1.0,
    "kỹ": 0.5,
    "chắc chắn": 0.5,
    "nguyên vẹn": 1.0,
    "chu đáo": 1.5,
    "nhiệt tình": 1.5,
    "thân thiện": 1.0,
    "lịch sự": 1.0,
    "dễ thương": 1.0,
    "có tâm": 1.5,
    "rẻ": 0.5,
    "hợp lý": 1.0,
    "phải chăng": 1.0,
    "đáng tiền": 1.5,
    "xứng đáng": 1.0,
    "hời": 1.0,
    "sẽ mua lại": 1.5,
    "sẽ quay lại": 1.5,
    "ủng hộ": 1.0,
    "cảm ơn": 0.5,
    "yên tâm": 1.0,
    "đáng mua": 1.5,
    "giống hình": 1.0,
    "như mô tả": 1.0,
    "đúng mô tả": 1.0,
    "5 sao": 1.0,
}
"""Opinion words with a positive weight (our choice)."""

NEGATIVE: dict[str, float] = {
    "tệ": -1.5,
    "dở": -1.5,
    "kém": -1.5,
    "chán": -1.0,
    "thất vọng": -2.0,
    "tồi": -1.5,
    "chậm": -1.0,
    "lâu": -1.0,
    "trễ": -1.0,
    "muộn": -1.0,
    "loãng": -1.0,
    "nhạt": -1.0,
    "chua": -1.0,
    "đắng": -1.0,
    "hôi": -1.5,
    "mốc": -1.5,
    "ẩm": -1.0,
    "bị hư": -1.5,
    "hư hỏng": -1.5,
    "bị vỡ": -1.5,
    "vỡ nát": -1.5,
    "bị bể": -1.5,
    "giao chậm": -1.5,
    "giao hàng chậm": -1.5,
    "móp": -1.0,
    "móp méo": -1.0,
    "méo": -1.0,
    "rò rỉ": -1.5,
    "chảy ra": -1.0,
    "rách": -1.0,
    "sơ sài": -1.5,
    "đắt": -1.0,
    "giá cao": -1.0,
    "mắc": -0.5,
    "phí tiền": -2.0,
    "hàng giả": -2.0,
    "lừa đảo": -2.5,
    "hết hạn": -2.0,
    "sai": -1.0,
    "thiếu": -1.0,
    "cáu": -1.5,
    "thô lỗ": -2.0,
    "khó chịu": -1.5,
    "bực": -1.5,
    "không trả lời": -1.5,
    "không rep": -1.5,
    "không phản hồi": -1.5,
    "không giống": -1.5,
    "không như": -1.0,
    "chưa nhận được": -1.5,
    "không nhận được": -1.5,
    "hoàn tiền": -0.5,
    "đổi trả": -0.5,
    "không mua lại": -2.0,
    "đừng mua": -2.5,
    "1 sao": -1.5,
}
"""Opinion words with a negative weight (our choice)."""

NEGATORS: tuple[str, ...] = ("không", "chẳng", "chả", "chưa", "đâu có", "không hề", "chẳng hề")
"""Words that flip the polarity of the opinion word right after them."""

INTENSIFIERS: dict[str, float] = {"rất": 1.5, "cực": 1.8, "cực kỳ": 1.8, "siêu": 1.5, "quá": 1.5}
"""Words *before* an opinion word that multiply its weight."""

POST_INTENSIFIERS: dict[str, float] = {
    "quá": 1.5,
    "lắm": 1.5,
    "cực": 1.8,
    "ghê": 1.3,
    "quá trời": 1.8,
}
"""Words *after* an opinion word that multiply its weight (``ngon lắm``)."""

TEENCODE: dict[str, str] = {
    "ko": "không",
    "k": "không",
    "kh": "không",
    "kg": "không",
    "khg": "không",
    "hok": "không",
    "hông": "không",
    "dc": "được",
    "đc": "được",
    "dk": "được",
    "đk": "được",
    "sp": "sản phẩm",
    "shop": "shop",
    "sốp": "shop",
    "j": "gì",
    "r": "rồi",
    "vs": "với",
    "mn": "mọi người",
    "bt": "bình thường",
    "cx": "cũng",
    "cg": "cũng",
    "ntn": "như thế nào",
    "rep": "trả lời",
    "ib": "nhắn tin",
    "thik": "thích",
    "nhìu": "nhiều",
    "wá": "quá",
    "qá": "quá",
    "oke": "ok",
    "okela": "ok",
    "okie": "ok",
    "đag": "đang",
    "hàg": "hàng",
    "ship": "giao",
    "shipper": "người giao hàng",
}
"""Chat abbreviations (whole words only) and what they stand for."""

TOPICS: dict[str, tuple[str, ...]] = {
    "Giao hàng": (
        "giao",
        "người giao hàng",
        "vận chuyển",
        "nhận hàng",
        "nhận được hàng",
        "hàng về",
        "hàng đến",
        "hàng tới",
        "gửi hàng",
        "đơn hàng",
        "bưu tá",
        "chậm",
        "trễ",
        "đúng hẹn",
        "ngày mới",
    ),
    "Chất lượng": (
        "chất lượng",
        "ngon",
        "thơm",
        "mùi",
        "vị",
        "sánh",
        "đặc",
        "loãng",
        "nhạt",
        "chát",
        "chua",
        "đắng",
        "ngọt",
        "mốc",
        "ẩm",
        "dẻo",
        "nguyên chất",
        "hàng giả",
        "hạn sử dụng",
        "hết hạn",
        "sản phẩm",
        "hàng chuẩn",
        "như mô tả",
        "giống hình",
        "không giống",
    ),
    "Giá": (
        "giá",
        "rẻ",
        "đắt",
        "mắc",
        "tiền",
        "đáng tiền",
        "phí tiền",
        "hời",
        "khuyến mãi",
        "voucher",
        "giảm giá",
        "sale",
    ),
    "Đóng gói": (
        "đóng gói",
        "gói hàng",
        "gói kỹ",
        "bao bì",
        "hộp",
        "thùng",
        "chống sốc",
        "xốp",
        "bị vỡ",
        "vỡ nát",
        "bị bể",
        "móp",
        "méo",
        "rò rỉ",
        "chảy ra",
        "niêm phong",
        "nắp",
        "túi",
    ),
    "Phục vụ": (
        "chủ shop",
        "tư vấn",
        "trả lời",
        "nhắn tin",
        "phản hồi",
        "thái độ",
        "nhiệt tình",
        "chu đáo",
        "hỗ trợ",
        "chăm sóc",
        "khiếu nại",
        "lịch sự",
    ),
}
"""Keywords per complaint topic (our choice); a review may have several topics."""

EMOJI_POSITIVE: tuple[str, ...] = ("😍", "🥰", "👍", "❤", "😊", "😘", "💯", "🤩", "😋")
"""Emoji counted as +1 each."""

EMOJI_NEGATIVE: tuple[str, ...] = ("😡", "😤", "👎", "😞", "😢", "😠", "💢", "😭", "🤬")
"""Emoji counted as −1 each."""
