"""The small Vietnamese lexicon that ships with :mod:`toolkit.care`.

No offline Vietnamese sentiment model ships in a pip package (underthesea
downloads its models at run time), so sentiment and topics come from the
hand-made word lists below. They are *our choice*: short, readable and easy
to extend in class (``dict(POSITIVE, **{"xịn xò": 1.0})``).

- :data:`POSITIVE` / :data:`NEGATIVE`: words and phrases with a weight.
- :data:`PROBLEMS`: negative entries that report a fact the seller must act
  on (broken, mouldy, expired, wrong or missing item, weeks of waiting).
- :data:`EXPECTED`: neutral phrases whose *negation* is a complaint
  (``trả lời`` → ``không trả lời``, ``nhận được`` → ``chưa nhận được``).
- :data:`NEUTRAL`: compounds that contain an opinion or negation word but
  are neither (``hút chân không``, ``đánh giá``, ``chưa dùng thử``).
- :data:`NEGATORS`: words that flip the next opinion word (``không ngon``);
  :data:`HEDGES` only soften it (``không đến nỗi tệ`` is lukewarm, not praise);
  :data:`SUPERLATIVE_NEGATORS` do not flip when a comparison follows
  (``chưa bao giờ uống trà ngon như vậy``).
- :data:`INTENSIFIERS` / :data:`POST_INTENSIFIERS`: multipliers before
  (``rất``, ``hơi``) or after (``lắm``, ``một chút``) an opinion word; a
  multiplier below 1 is a softener.
- :data:`CONTRASTS`: ``nhưng``, ``tuy nhiên``, ``được cái``…: what follows
  weighs more than what precedes.
- :data:`TASTES`: taste words that describe rather than judge when
  reduplicated (``chua chua ngọt ngọt``).
- :data:`SARCASM_MARKERS`: signs that praise next to a problem is ironic.
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
    "COMPARISONS",
    "CONTRASTS",
    "DOUBTS",
    "EMOJI_NEGATIVE",
    "EMOJI_POSITIVE",
    "EXPECTED",
    "HEDGES",
    "INTENSIFIERS",
    "LUKEWARM",
    "NEGATIVE",
    "NEGATORS",
    "NEUTRAL",
    "POSITIVE",
    "POST_INTENSIFIERS",
    "PROBLEMS",
    "QUANTITIES",
    "REDUPLICATED",
    "RESOLUTIONS",
    "SARCASM_MARKERS",
    "SUPERLATIVE_NEGATORS",
    "TASTES",
    "TEENCODE",
    "TOPICS",
    "TOPIC_NEUTRAL",
]

POSITIVE: dict[str, float] = {
    # taste, smell, texture: the product itself
    "ngon": 1.0, "thơm": 1.0, "tốt": 1.0, "đẹp": 1.0, "chuẩn": 1.0, "xịn": 1.0, "xịn xò": 1.5,
    "ổn": 0.5, "ổn áp": 1.0, "ok": 0.5, "được": 0.25, "tạm được": 0.1, "cũng được": 0.1,
    "tạm ổn": 0.1, "cũng ổn": 0.1, "tạm": 0.05, "hài lòng": 1.5, "ưng": 1.0, "ưng ý": 1.5, "ưng cái bụng": 1.5, "thích": 1.0,
    "mê": 1.5, "nghiền": 1.5, "ghiền": 1.5, "nghiện": 1.5, "tuyệt": 1.5, "tuyệt vời": 2.0,
    "tuyệt cú mèo": 2.0, "xuất sắc": 2.0, "đỉnh": 1.5, "đỉnh của chóp": 2.0, "số một": 1.5,
    "hết sảy": 1.5, "hết nước chấm": 2.0, "bá cháy": 1.5, "nhức nách": 1.5, "dữ thần": 1.5,
    "đậm đà": 1.0, "sánh": 0.5, "đặc sánh": 1.0, "dẻo": 1.0, "dẻo thơm": 1.5, "ngọt thanh": 1.0,
    "ngọt dịu": 1.0, "thơm dịu": 1.0, "thơm lừng": 1.5, "thơm phức": 1.5, "thơm nức": 1.5,
    "thơm ngon": 1.5, "giòn": 0.75, "giòn rụm": 1.5, "giòn tan": 1.5, "béo": 0.5, "bùi": 0.5,
    "mềm": 0.5, "mẩy": 0.75, "chắc hạt": 0.75, "nguyên chất": 1.0, "tự nhiên": 0.5, "sạch": 0.75,
    "tươi": 0.75, "mới": 0.25, "hậu ngọt": 1.0, "vừa miệng": 1.0, "vừa phải": 0.5, "dễ uống": 1.0,
    "dễ chịu": 1.0, "dễ ăn": 1.0, "hàng thật": 1.0, "chính hãng": 1.0, "đặc sản": 0.5,
    "đúng vị": 1.0, "đúng chất": 1.0, "chất": 0.75, "hàng chất lượng": 1.0,
    "sản phẩm chất lượng": 1.0, "chất lượng cao": 1.0, "chất lượng tốt": 1.5, "rất chất lượng": 1.5,
    "nhất": 0.5, "hơn mong đợi": 1.5, "ngoài mong đợi": 1.5, "khỏe": 0.75, "mát": 0.5,
    "thư giãn": 0.75, "uy tín": 1.5, "yên tâm": 1.0, "an tâm": 1.0, "good": 1.0, "nice": 1.0,
    "great": 1.5, "perfect": 2.0, "best": 1.5, "love": 1.5, "recommend": 1.5, "like": 1.0,
    "10 điểm": 1.5, "10đ": 1.5, "5 sao": 1.0, "5*": 1.0,
    # delivery and packaging
    "nhanh": 1.0, "siêu tốc": 1.5, "thần tốc": 1.5, "nhanh như chớp": 1.5, "hỏa tốc": 0.5, "đúng hẹn": 1.0, "đúng giờ": 1.0,
    "sớm": 0.75, "cẩn thận": 1.0, "kỹ": 0.75, "kĩ": 0.75, "kỹ lưỡng": 1.0, "chắc chắn": 0.5,
    "chắc": 0.25, "nguyên vẹn": 1.0, "dày dặn": 0.75, "sang": 1.0, "sang trọng": 1.0,
    "xinh": 1.0, "lịch sự": 1.0, "thân thiện": 1.0, "chuyên nghiệp": 1.5, "tiện": 0.5,
    # service
    "chu đáo": 1.5, "nhiệt tình": 1.5, "tận tình": 1.5, "dễ thương": 1.0, "có tâm": 1.5,
    "cầu thị": 1.5, "sòng phẳng": 1.0, "nhanh gọn": 1.0, "tận nơi": 0.5, "giải quyết nhanh": 1.5,
    "xử lý nhanh": 1.5, "hỗ trợ nhiệt tình": 1.5, "tư vấn kỹ": 1.0, "cảm ơn": 0.5,
    "cám ơn": 0.5, "yêu": 1.0, "iu": 1.0, "tặng kèm": 0.5, "tặng thêm": 0.5,
    # price
    "rẻ": 0.5, "hợp lý": 1.0, "phải chăng": 1.0, "giá mềm": 0.5, "đáng tiền": 1.5,
    "đáng đồng tiền": 1.5, "đáng từng đồng": 1.5, "xứng đáng": 1.0, "xứng": 0.75,
    "tương xứng": 0.25, "hời": 1.0, "đáng mua": 1.5, "đáng giá": 1.0,
    # loyalty
    "sẽ mua lại": 1.5, "mua lại": 1.0, "sẽ quay lại": 1.5, "quay lại": 0.75, "ủng hộ": 1.0,
    "mua thêm": 1.0, "đặt thêm": 1.0, "giới thiệu": 0.75, "nên mua": 1.0, "mua đi": 1.0,
    "giống hình": 1.0, "như hình": 0.75, "y hình": 1.0, "như mô tả": 1.0, "đúng mô tả": 1.0,
    "đúng như mô tả": 1.0, "hết sạch": 0.5, "khen": 1.0, "đẹp hơn hình": 1.5,
    "khỏi chê": 1.5, "hết chê": 1.5, "miễn chê": 1.5, "không thể chê": 2.0,
    "không chê được": 2.0, "không chê vào đâu được": 2.0, "không có gì để chê": 2.0,
    "không có gì để phàn nàn": 2.0, "không hối hận": 1.5, "không thất vọng": 1.5,
    "không sao": 0.5, "không bị sao": 0.75, "không vấn đề gì": 0.5, "miễn phí": 1.0,
    "hàng xịn": 1.0, "cao cấp": 1.0, "nồng": 0.5, "thông cảm": 0.75, "không thể tin được": 1.0, "kỹ càng": 1.0,
    "kĩ càng": 1.0, "có bảo hành": 0.5, "thèm": 0.5, "nồng nàn": 1.0, "rẻ hơn": 1.0, "ngon hơn": 1.0, "thơm hơn": 1.0, "tốt hơn": 1.0, "nhanh hơn": 1.0,
    "sớm hơn": 1.0, "to hơn": 0.5, "nhiều hơn": 0.25,
    # lukewarm verdicts and no verdict yet (weight 0: they damp the review, see LUKEWARM)
    "không hơn không kém": 0.0, "không có gì để khen chê": 0.0,
    "chẳng có gì để khen chê": 0.0, "không có gì để chê cũng không có gì để khen": 0.0,
    "chưa dùng": 0.0, "chưa dùng thử": 0.0, "chưa thử": 0.0, "chưa biết": 0.0,
    "chưa ăn thử": 0.0, "chưa uống": 0.0, "chưa dùng nhiều": 0.0,
    # a problem the shop solved
    "shop gửi bù": 0.5, "đã gửi bù": 0.5, "gửi bù ngay": 0.75, "shop hoàn tiền": 0.5,
    "được hoàn tiền": 0.5, "được hoàn": 0.5, "đã hoàn tiền": 0.5, "hoàn tiền ngay": 0.75,
    "cho đổi": 0.5, "được đổi": 0.5, "đổi ngay": 0.75, "đổi lại": 0.5, "shop đổi": 0.5,
    "đồng ý hoàn tiền": 0.5, "đồng ý đổi": 0.5, "được bảo hành": 0.5, "bảo hành tận nơi": 0.75,
    "bảo hành đổi": 0.5, "đổi máy mới": 0.5, "đổi mới": 0.5, "gửi lại hàng mới": 0.5,
    "xử lý ngay": 0.75, "giải quyết ngay": 0.75, "hoàn tiền 100%": 0.75,
    "gửi bù": 0.5, "gửi bù đầy đủ": 0.75, "gửi lại": 0.5, "gửi hàng mới": 0.5,
    "gửi cái mới": 0.5, "đổi cho mình": 0.5,
}  # fmt: skip
"""Opinion words with a positive weight (our choice)."""

NEGATIVE: dict[str, float] = {
    "tệ": -1.5, "dở": -1.5, "dở ẹc": -2.0, "dở tệ": -2.0, "tệ hại": -2.0, "kém": -1.5,
    "chán": -1.0, "thất vọng": -2.0, "tồi": -1.5, "tồi tệ": -2.0, "xấu": -1.0, "dởm": -2.0,
    "đểu": -2.0, "lởm": -2.0, "fake": -2.0, "bad": -1.5, "không ra gì": -2.0,
    "chả ra gì": -2.0, "chẳng ra gì": -2.0, "bình thường": -0.15, "thường thôi": -0.2,
    "không có gì đặc biệt": -0.2, "không có gì nổi bật": -0.2, "chưa thấy gì nổi bật": -0.2,
    # taste and texture
    "loãng": -1.0, "loãng toẹt": -1.5, "nhạt": -1.0, "nhạt nhẽo": -1.5, "chua": -1.0,
    "chua lè": -1.5, "chua loét": -1.5, "đắng": -1.0, "đắng ngắt": -1.5, "chát xít": -1.5,
    "mặn chát": -1.5, "mặn": -0.5, "tanh": -1.0, "tanh lòm": -1.5, "hôi": -1.5, "khét": -1.5,
    "hắc": -1.0, "hăng": -0.75, "hăng hắc": -1.0, "khai": -1.5, "ngọt gắt": -1.0, "ngọt khé": -1.5,
    "ngọt lợ": -1.0, "khé cổ": -1.5, "ngứa cổ": -1.5, "gắt": -0.75, "mùi lạ": -1.0, "vị lạ": -0.5,
    "lạ": -0.25, "ỉu": -1.0, "dai nhách": -1.5, "cứng ngắc": -1.5, "cứng như gỗ": -2.0,
    "khô cứng": -1.0, "vụn": -0.75, "vụn nát": -1.5, "bụi": -0.75, "cám": -0.5, "sạn": -1.5,
    "lép": -1.0, "hạt lép": -1.0, "rỗng": -0.75, "vón cục": -1.0, "lợn cợn": -1.0, "cặn": -1.0,
    "đục": -0.5, "váng": -1.0, "ẩm": -1.0, "ẩm mốc": -2.0, "mốc": -1.5, "mốc meo": -2.0,
    "mọt": -1.5, "sâu": -1.0, "thối": -2.0, "lên men": -1.5, "hôi dầu": -1.5, "cận date": -1.0,
    "pha đường": -2.0, "toàn đường": -2.0, "như nước đường": -2.0, "như nước lã": -1.5,
    "hương liệu": -1.0, "hóa chất": -1.5, "xà phòng": -1.5, "pha màu": -2.0,
    "đau bụng": -2.0, "đau đầu": -1.5, "nhức đầu": -1.5, "nổi mẩn": -2.0, "đi ngoài": -2.0,
    "xót ruột": -1.5, "ghê": -0.5, "kinh khủng": -1.5, "nhục": -1.5, "kiến": -1.0,
    "bị chua": -1.5, "bị đắng": -1.5, "bị ẩm": -1.5, "bị mốc": -2.0, "bị ỉu": -1.5, "bị chảy": -1.5,
    # broken, wrong, missing
    "bị hư": -1.5, "hư hỏng": -1.5, "hỏng": -1.5, "bị hỏng": -1.5, "lỗi": -1.0, "bị lỗi": -1.5,
    "hàng lỗi": -1.5, "bị vỡ": -1.5, "vỡ": -1.5, "vỡ nát": -2.0, "vỡ tan": -2.0, "bị bể": -1.5,
    "bể": -1.0, "bể nát": -2.0, "nát bét": -2.0, "nát": -1.0, "nứt": -1.0, "bị nứt": -1.0,
    "móp": -1.0, "móp méo": -1.0, "bị móp": -1.0, "bẹp": -1.0, "méo": -1.0, "bóp méo": -1.0,
    "rò rỉ": -1.5, "rò": -1.0, "chảy ra": -1.0, "rách": -1.0, "rách toạc": -1.5, "hở": -0.75,
    "xì": -0.5, "sơ sài": -1.5, "ẩu": -1.0, "sai": -1.0, "giao sai": -1.5, "nhầm": -1.0,
    "giao nhầm": -1.5, "thiếu": -1.0, "giao thiếu": -1.5, "mất hàng": -2.0, "thất lạc": -2.0,
    "bị bóc": -1.5, "hàng giả": -2.0, "hàng nhái": -2.0, "nhái": -1.5, "lừa đảo": -2.5,
    "lừa": -2.0, "hết hạn": -2.0, "khác xa": -1.5, "khác hẳn": -1.5, "khác": -0.25,
    "xấu hơn hình": -1.5, "không giống": -1.5, "không như": -1.0, "không đúng": -1.0,
    # delivery
    "chậm": -1.0, "chậm như rùa": -2.0, "như rùa": -2.0, "như sên": -2.0, "lâu": -1.0,
    "trễ": -1.0, "muộn": -1.0, "giao chậm": -1.5, "giao hàng chậm": -1.5, "chờ mòn mỏi": -2.0,
    "mòn mỏi": -1.5, "mệt mỏi": -1.5, "mệt": -1.0, "hoãn": -1.0, "kẹt": -1.0,
    # price
    "đắt": -1.0, "đắt đỏ": -1.0, "giá cao": -1.0, "cao": -0.5, "mắc": -0.5, "chát": -0.5,
    "cắt cổ": -2.0,
    "trên trời": -1.5, "phí tiền": -2.0, "tiếc tiền": -1.5, "mất tiền": -1.5, "phí": -0.25,
    # service
    "cáu": -1.5, "cáu gắt": -1.5, "thô lỗ": -2.0, "khó chịu": -1.5, "bực": -1.5,
    "bực mình": -1.5, "bực bội": -1.5, "cộc lốc": -1.5, "thờ ơ": -1.5, "lơ": -1.5, "lờ đi": -1.5,
    "im re": -1.5, "im lặng": -1.0, "seen": -0.5, "chặn": -1.5, "quát": -1.5, "chửi": -2.0,
    "lồi lõm": -1.5, "trống không": -1.5, "đổ lỗi": -1.5, "đùn đẩy": -1.5, "lảng tránh": -1.5,
    "hẹn lần hẹn lữa": -2.0, "vô lý": -1.5, "làm khó": -1.0, "vô trách nhiệm": -2.0,
    "chê": -1.0, "phàn nàn": -1.0, "khiếu nại": -0.5, "hủy đơn": -0.75,
    # verdicts
    "không mua lại": -2.0, "không bao giờ mua lại": -2.5, "không quay lại": -2.0,
    "không bao giờ quay lại": -2.5, "đừng mua": -2.5, "đừng ai mua": -2.5, "không nên mua": -2.0,
    "cho chừa": -2.0, "bài học": -1.0, "cân nhắc": -0.5, "1 sao": -1.5, "1*": -1.5,
    "0 điểm": -2.0, "bỏ phí": -1.5,
    # asking for a refund or an exchange (the shop has not done it yet)
    "đề nghị shop hoàn tiền": -0.75, "yêu cầu shop hoàn tiền": -0.75, "mong shop hoàn tiền": -0.5,
    "muốn shop hoàn tiền": -0.5, "đề nghị hoàn tiền": -0.75, "yêu cầu hoàn tiền": -0.75,
    "đòi hoàn tiền": -1.0, "xin hoàn tiền": -0.75, "cần hoàn tiền": -0.75, "yêu cầu đổi": -0.5,
    "xin đổi": -0.5, "đề nghị đổi": -0.5, "yêu cầu trả hàng": -0.5, "muốn trả hàng": -0.5,
    "lớp đường": -1.5, "cặn đường": -1.5, "không thèm": -1.5, "mỏng": -0.5, "mỏng dính": -1.0,
    "bỏ đi": -1.0, "vứt": -1.5, "không dám": -1.5, "không ăn được": -2.0,
    "không uống được": -2.0, "không dùng được": -2.0, "ăn không nổi": -2.0,
    "không ăn nổi": -2.0, "uống không nổi": -2.0, "nhả ra": -1.5, "tiền mất tật mang": -2.5,
    "so bad": -2.0, "worst": -2.0, "ăn không được": -2.0, "uống không được": -2.0,
    "dùng không được": -2.0, "tiền nào của nấy": -0.5, "rồi bỏ": -1.5, "phải bỏ": -1.5,
    "đổ bỏ": -1.5, "vứt bỏ": -1.5, "đội lốt": -2.0, "hàng trung quốc": -1.5, "hàng chợ": -1.0,
    "bị khô": -1.0, "hạt vỡ": -1.0, "hạt mốc": -1.5, "bị mất": -2.0, "lỏng": -0.75,
    "nhỏ hơn": -0.75, "ít hơn": -0.75, "đắt hơn": -1.0, "chậm hơn": -1.0, "kém hơn": -1.5,
    "tệ hơn": -1.5, "dở hơn": -1.5, "không có gì để khen": -1.0, "so với khẩu vị": -0.25,
    "ngán": -1.0, "cố tình": -1.0, "đổ đi": -1.5, "nước lã": -1.5, "dầu máy": -1.5,
    "mùi dầu": -1.0, "cọng": -0.5, "siro": -0.5, "hạt mọt": -1.5, "bị mọt": -1.5, "là hỏng": -1.5,
    "nồng nặc": -1.5, "không hợp khẩu vị": -0.25, "tăng giá": -0.75, "giá tăng": -0.75, "nhích lên": -0.5,
}  # fmt: skip
"""Opinion words with a negative weight (our choice)."""

PROBLEMS: frozenset[str] = frozenset(
    {
        "bị hư", "hư hỏng", "hỏng", "bị hỏng", "lỗi", "bị lỗi", "hàng lỗi", "bị vỡ", "vỡ",
        "vỡ nát", "vỡ tan", "bị bể", "bể", "bể nát", "nát bét", "nứt", "bị nứt", "rò rỉ",
        "rách", "rách toạc", "giao sai", "giao nhầm", "giao thiếu", "thiếu", "mất hàng",
        "thất lạc", "hàng giả", "hàng nhái", "lừa đảo", "lừa", "hết hạn", "mốc", "ẩm mốc",
        "mốc meo", "mọt", "sâu", "thối", "lên men", "hôi", "hôi dầu", "khét", "chua lè",
        "pha đường", "toàn đường", "như nước đường", "hóa chất", "xà phòng", "đau bụng",
        "nổi mẩn", "đi ngoài", "chậm như rùa", "như rùa", "như sên", "sạn", "hạt lép",
        "khác xa", "không giống", "xấu hơn hình", "mất tiền", "phí tiền", "đừng mua",
        "kiến", "bị chua", "bị đắng", "bị ẩm", "bị mốc", "bị ỉu", "bị chảy", "cận date",
        "đội lốt", "hạt mốc", "bị mất", "đổ đi", "nước lã", "dầu máy", "móp méo", "bị móp", "lớp đường", "cặn đường", "hạt mọt", "bị mọt", "là hỏng", "ăn không được", "uống không được", "dùng không được",
    }
)  # fmt: skip
"""Negative entries that report a fact the seller must act on: they outweigh generic praise."""

EXPECTED: dict[str, float] = {
    "trả lời": -1.5, "rep": -1.5, "phản hồi": -1.5, "nghe máy": -1.5, "bắt máy": -1.5,
    "hỗ trợ": -1.5, "giải quyết": -1.5, "xử lý": -1.5, "nhận được": -1.5, "nhận được hàng": -1.5,
    "thấy hàng": -1.5, "thấy đâu": -1.5, "giống hình": -1.5, "giống ảnh": -1.5, "giống": -1.5,
    "như quảng cáo": -1.5, "như mô tả": -1.5, "như hình": -1.5, "đúng mô tả": -1.5,
    "đúng hẹn": -1.5, "đủ": -1.0, "báo": -1.0, "xin lỗi": -1.5, "chịu": -1.0,
    "đồng ý": -1.0, "nhúc nhích": -1.0, "đáng": -1.5, "ăn được": -1.5, "uống được": -1.5,
    "dùng được": -1.5, "hợp": -0.75, "quen": -0.5, "liên hệ": -1.5, "liên hệ lại": -1.5, "gửi": -1.0, "gọi": -1.0, "liên lạc được": -1.5,
}  # fmt: skip
"""Neutral phrases whose negation is a complaint, with the weight of the negated form."""

NEUTRAL: tuple[str, ...] = (
    "chất lượng", "yêu cầu", "hứa gửi bù", "hẹn gửi bù", "hứa đổi", "hẹn đổi", "chân không", "dự kiến", "ý kiến", "khen chê", "nứt vỏ", "nứt vỏ sẵn",
    "pha loãng", "lại còn", "vẫn còn", "còn nguyên", "hình dung", "như hình dung",
    "như mình nghĩ", "mình nghĩ", "như mong đợi", "chờ hoàn tiền", "chờ shop hoàn tiền",
    "đợi hoàn tiền", "đợi shop hoàn tiền", "hút chân không", "không khí", "không gian", "đánh giá", "đánh giá sau",
    "không những", "không chỉ", "không biết", "chưa biết", "không rõ", "chưa rõ",
    "chưa ăn", "chưa mở",
    "không cần", "không cần gửi trả", "mua không", "được không", "không ạ",
    "có phải", "không phải do", "được tặng", "giá trị", "giá cả", "đặt hàng", "mua hàng",
    "khách hàng", "cửa hàng", "đặc biệt là", "nhận xét",
)  # fmt: skip
"""Compounds that contain an opinion or negation word but are neither: matched and ignored."""

NEGATORS: tuple[str, ...] = (
    "không", "chẳng", "chả", "chưa", "đâu có", "không hề", "chẳng hề", "chưa hề", "không phải",
    "chẳng phải", "đâu phải", "không được", "chẳng được", "không còn", "chẳng còn", "không thấy",
    "chẳng thấy", "chả thấy", "không có", "chẳng có", "chả có", "không bao giờ", "chưa bao giờ",
    "chưa từng", "chưa thấy", "chưa gặp", "không một", "không ai", "chẳng ai", "chả ai",
    "không mấy", "chẳng mấy",
)  # fmt: skip
"""Words that flip the polarity of the opinion word after them (within a few words)."""

HEDGES: tuple[str, ...] = (
    "không đến nỗi", "chẳng đến nỗi", "không đến mức", "chưa đến mức", "không tới mức",
    "cũng không đến nỗi", "không quá", "chẳng quá", "cũng không", "cũng chẳng", "cũng chả", "không phải quá", "không hẳn",
    "chưa hẳn", "chưa thật sự", "không thật sự", "chưa thực sự", "không thực sự",
)  # fmt: skip
"""Negators that soften instead of flipping: ``không đến nỗi tệ`` is lukewarm."""

DOUBTS: tuple[str, ...] = (
    "không biết có phải",
    "không biết có",
    "có phải",
    "liệu có",
    "liệu",
    "chẳng biết có",
    "không rõ có",
    "nghi là",
    "nghi ngờ",
)
"""Words of doubt: the opinion after them is a question, not a verdict (``có phải hàng thật không``)."""

SUPERLATIVE_NEGATORS: tuple[str, ...] = (
    "chưa bao giờ",
    "chưa từng",
    "chưa thấy",
    "chưa gặp",
    "không đâu",
    "chẳng đâu",
)
"""Negators that keep the polarity when a comparison follows (``… ngon như vậy``)."""

COMPARISONS: tuple[str, ...] = (
    "như vậy",
    "như thế",
    "như thế này",
    "như này",
    "như shop này",
    "như ở đây",
    "bằng",
    "hơn thế",
    "như lần này",
)
"""What makes a sentence with a superlative negator a comparison."""

INTENSIFIERS: dict[str, float] = {
    "rất": 1.5, "rất là": 1.5, "cực": 1.8, "cực kỳ": 1.8, "cực kì": 1.8, "siêu": 1.5, "quá": 1.5,
    "quá là": 1.5, "thật sự": 1.3, "thực sự": 1.3, "vô cùng": 1.8, "hết sức": 1.5, "cực là": 1.8,
    "khá": 0.9, "khá là": 0.9, "tương đối": 0.7, "hơi": 0.5, "hơi bị": 1.3, "có vẻ": 0.7,
    "cũng": 0.9, "đặc biệt": 1.3, "quá trời": 1.8, "thật": 1.2, "rõ": 1.2, "chút": 0.6,
    "toàn": 1.5, "toàn là": 1.5,
}  # fmt: skip
"""Words *before* an opinion word that multiply its weight (below 1: a softener, ``hơi``)."""

POST_INTENSIFIERS: dict[str, float] = {
    "quá": 1.5, "lắm": 1.5, "cực": 1.8, "ghê": 1.3, "quá trời": 1.8, "quá đất": 1.8,
    "quá trời quá đất": 2.0, "xỉu": 1.8, "luôn": 1.2, "lắm luôn": 1.8, "thật": 1.2,
    "thật sự": 1.3, "vãi": 1.8, "vl": 1.8, "vcl": 1.8, "dã man": 1.8, "kinh khủng": 1.8,
    "khủng khiếp": 1.8, "tuyệt đối": 1.5, "quá đi": 1.5, "cực kỳ": 1.8, "hết mức": 1.8,
    "một chút": 0.6, "chút": 0.6, "chút xíu": 0.5, "xíu": 0.5, "tí": 0.6, "tí xíu": 0.5,
    "một tí": 0.6, "nhẹ": 0.6, "một tẹo": 0.5, "vừa phải": 0.5, "dữ": 1.5, "dữ thần": 1.8,
}  # fmt: skip
"""Words *after* an opinion word that multiply its weight (``ngon lắm``, ``chậm một chút``)."""

CONTRASTS: dict[str, float] = {
    "nhưng": 1.0, "nhưng mà": 1.0, "tuy nhiên": 1.0, "có điều": 1.0, "chỉ tiếc là": 1.0,
    "tiếc là": 1.0, "tiếc cái": 1.0, "mỗi tội": 1.0, "được cái": 1.0, "bù lại": 1.0, "song": 1.0,
    "mà": 1.0, "thế nhưng": 1.0,
}  # fmt: skip
"""Contrast words: what follows weighs more than what precedes (the value scales that shift)."""

QUANTITIES: tuple[str, ...] = ("vài", "một vài", "một ít", "một số", "lác đác", "vài ba", "dăm")
"""Words of a small amount: a problem of a few items is minor (``vài hạt bị vỡ``)."""

TASTES: frozenset[str] = frozenset(
    {
        "chua",
        "ngọt",
        "cay",
        "mặn",
        "đắng",
        "chát",
        "thơm",
        "béo",
        "bùi",
        "giòn",
        "dẻo",
        "mềm",
        "dai",
        "sánh",
    }
)
"""Taste and texture words: reduplicated (``chua chua``) they describe, not judge."""

REDUPLICATED: dict[str, str] = {
    "ngòn ngọt": "ngọt", "đăng đắng": "đắng", "mằn mặn": "mặn", "chan chát": "chát",
    "nhàn nhạt": "nhạt", "chua chua": "chua", "cay cay": "cay", "thơm thơm": "thơm",
    "ngọt ngọt": "ngọt", "béo béo": "béo", "giòn giòn": "giòn", "dẻo dẻo": "dẻo",
    "mềm mềm": "mềm", "dai dai": "dai", "bùi bùi": "bùi", "sánh sánh": "sánh",
    "thanh thanh": "thanh", "mặn mặn": "mặn", "đắng đắng": "đắng", "chát chát": "chát",
    "nhạt nhạt": "nhạt", "tanh tanh": "tanh", "ỉu ỉu": "ỉu", "hăng hăng": "hăng",
}  # fmt: skip
"""Reduplicated taste words and their base (partial reduplication included)."""

RESOLUTIONS: frozenset[str] = frozenset(
    {
        "shop gửi bù", "đã gửi bù", "gửi bù ngay", "shop hoàn tiền", "được hoàn tiền", "được hoàn",
        "đã hoàn tiền", "hoàn tiền ngay", "cho đổi", "được đổi", "đổi ngay", "đổi lại", "shop đổi",
        "đồng ý hoàn tiền", "đồng ý đổi", "được bảo hành", "bảo hành tận nơi", "bảo hành đổi",
        "đổi máy mới", "đổi mới", "gửi lại hàng mới", "xử lý ngay", "giải quyết ngay",
        "hoàn tiền 100%", "giải quyết nhanh", "xử lý nhanh", "gửi bù", "gửi bù đầy đủ", "gửi lại",
        "gửi hàng mới", "gửi cái mới", "đổi cho mình",
    }
)  # fmt: skip
"""Positive entries saying the shop solved a problem: the problem then weighs little."""

LUKEWARM: frozenset[str] = frozenset(
    {
        "bình thường", "thường thôi", "tạm", "tạm được", "tạm ổn", "cũng được", "cũng ổn",
        "không có gì đặc biệt", "không có gì nổi bật", "chưa thấy gì nổi bật",
        "tương xứng", "không hơn không kém", "không có gì để khen chê", "chẳng có gì để khen chê",
        "không có gì để chê cũng không có gì để khen", "chưa dùng", "chưa dùng thử", "chưa thử",
        "chưa biết", "chưa ăn thử", "chưa uống", "chưa dùng nhiều",
    }
)  # fmt: skip
"""Lukewarm verdicts: a review that settles on one leans neutral (its score is damped)."""

SARCASM_MARKERS: tuple[str, ...] = (
    "=))", ":))", ":)))", "=)))", "=)", ":)", "🙂", "🙃", "😏", "haha", "hihi", "hehe",
    "cảm ơn shop đã", "cám ơn shop đã", "cảm ơn bên vận chuyển đã", "đúng là", "quả là",
    "hay ghê", "giỏi ghê", "hay thật", "ghê chưa", "đến mức", "đến nỗi", "tới mức", "tới nỗi",
    "ông mặt trời", "một lời khó nói hết", "đáng khen", "mở mang tầm mắt",
)  # fmt: skip
"""Signs that praise next to a problem is ironic (``Giao nhanh ghê, có 2 tuần thôi =))``)."""

TEENCODE: dict[str, str] = {
    "ko": "không", "k": "không", "kh": "không", "kg": "không", "khg": "không", "hok": "không",
    "hông": "không", "hem": "không", "khum": "không", "khôg": "không", "k0": "không",
    "kô": "không", "hk": "không", "hog": "không", "hong": "không", "kh0": "không",
    "dc": "được", "đc": "được", "dk": "được", "đk": "được", "đươc": "được", "đx": "được",
    "sp": "sản phẩm", "spham": "sản phẩm", "shop": "shop", "sốp": "shop", "s0p": "shop",
    "ad": "shop", "j": "gì", "r": "rồi", "rùi": "rồi", "roài": "rồi", "vs": "với",
    "mn": "mọi người", "mng": "mọi người", "bt": "bình thường", "cx": "cũng", "cg": "cũng",
    "cũg": "cũng", "ntn": "như thế nào", "rep": "trả lời", "trl": "trả lời", "tl": "trả lời",
    "ib": "nhắn tin", "inbox": "nhắn tin", "nt": "nhắn tin", "thik": "thích", "thíc": "thích",
    "nhìu": "nhiều", "wá": "quá", "qá": "quá", "oke": "ok", "okela": "ok", "okie": "ok",
    "oki": "ok", "okla": "ok", "okê": "ok", "đag": "đang", "hàg": "hàng", "ship": "giao",
    "shipper": "người giao hàng", "ms": "mới", "lun": "luôn", "thui": "thôi", "bít": "biết",
    "mún": "muốn", "mk": "mình", "mik": "mình", "mh": "mình", "ng": "người", "trc": "trước",
    "nc": "nước", "cf": "cà phê", "hsd": "hạn sử dụng", "nsx": "ngày sản xuất",
    "cskh": "chăm sóc khách hàng", "chx": "chưa", "dth": "dễ thương", "z": "vậy",
    "bth": "bình thường", "iu": "yêu", "zui": "vui", "ngonnn": "ngon",
}  # fmt: skip
"""Chat abbreviations (whole words only) and what they stand for."""

TOPICS: dict[str, tuple[str, ...]] = {
    "Giao hàng": (
        "giao", "người giao hàng", "vận chuyển", "nhận hàng", "nhận được hàng", "hàng về",
        "hàng đến", "hàng tới", "gửi hàng", "đơn hàng", "bưu tá", "chậm", "trễ", "đúng hẹn",
        "ngày mới", "bưu điện", "bưu cục", "vận đơn", "hỏa tốc", "nhận được", "tới nơi",
        "đến nơi", "đến tay", "mới nhận", "mới tới", "chờ hàng", "đợi hàng", "thất lạc",
        "mất hàng", "như rùa", "như sên", "đường xa", "về nhanh", "tới sớm", "đến sớm",
        "giao nhầm", "giao sai", "giao thiếu", "ship",
    ),
    "Chất lượng": (
        "chất lượng", "ngon", "thơm", "mùi", "vị", "sánh", "đặc", "loãng", "nhạt", "chát",
        "chua", "đắng", "ngọt", "mốc", "ẩm", "dẻo", "nguyên chất", "hàng giả", "hạn sử dụng",
        "hết hạn", "sản phẩm", "hàng chuẩn", "như mô tả", "giống hình", "không giống", "dở",
        "tệ", "kém", "hôi", "tanh", "khét", "giòn", "béo", "bùi", "cay", "mặn", "hạt", "dai",
        "mọt", "sâu", "lên men", "hàng thật", "hàng nhái", "hàng lỗi", "lỗi", "hỏng", "fake",
        "dởm", "đểu", "lởm", "xịn", "hàng tốt", "hàng đẹp", "hàng xấu", "hàng kém", "hàng ngon",
        "hàng ok", "hàng ổn", "hàng chất lượng", "như hình", "y hình", "đúng mô tả",
        "cận date", "tác dụng", "uống", "ăn", "pha", "sạn", "cặn", "vụn", "lép", "ỉu", "hắc",
        "đau bụng", "nổi mẩn", "hương", "nguồn gốc", "kiểm nghiệm",
    ),
    "Giá": (
        "giá", "rẻ", "đắt", "mắc", "tiền", "đáng tiền", "phí tiền", "hời", "khuyến mãi",
        "voucher", "giảm giá", "sale", "phí", "phí ship", "thanh toán", "mua 2 tặng 1",
        "cắt cổ", "trên trời", "đồng tiền", "từng đồng", "phải chăng",
    ),
    "Đóng gói": (
        "đóng gói", "gói hàng", "gói kỹ", "bao bì", "hộp", "thùng", "chống sốc", "xốp",
        "bị vỡ", "vỡ nát", "bị bể", "móp", "méo", "rò rỉ", "chảy ra", "niêm phong", "nắp",
        "túi", "chai", "hũ", "lọ", "gói chắc", "gói đẹp", "gói ẩu", "gói cẩn thận", "gói giỏi", "bọc", "hút chân không", "túi zip", "tem", "nhãn",
        "thủy tinh", "carton", "vỡ", "bể", "nứt", "seal", "băng keo", "gói quà", "hộp quà",
    ),
    "Phục vụ": (
        "chủ shop", "tư vấn", "trả lời", "nhắn tin", "phản hồi", "thái độ", "nhiệt tình",
        "chu đáo", "hỗ trợ", "chăm sóc", "khiếu nại", "lịch sự", "đổi", "đổi hàng", "đổi trả",
        "trả hàng", "trả lại", "gửi trả", "hoàn tiền", "hoàn hàng", "hoàn", "gửi bù", "bù",
        "gửi lại", "bảo hành", "xin lỗi", "giải quyết", "xử lý", "nghe máy", "bắt máy",
        "gọi điện", "liên hệ", "tặng kèm", "quà tặng", "tặng thêm", "hủy đơn", "shop hủy",
        "uy tín", "có tâm", "dễ thương", "cầu thị", "hẹn", "hứa", "seen", "chặn", "đổ lỗi",
        "im re", "lơ", "nhân viên", "chăm sóc khách hàng", "hướng dẫn", "dặn", "shop báo",
        "không ai báo", "báo trước", "hỏi thăm", "thờ ơ", "đùn đẩy", "lảng tránh",
        "chịu trách nhiệm", "đổ qua đổ lại", "bị hủy", "shop gọi", "shop gửi", "shop nhắn",
        "shop hỏi", "shop hứa", "shop bảo", "shop nói",
    ),
}  # fmt: skip
"""Keywords per complaint topic (our choice); a review may have several topics."""

TOPIC_NEUTRAL: tuple[str, ...] = (
    "đánh giá",
    "giá trị",
    "đặt hàng",
    "mua hàng",
    "khách hàng",
    "cửa hàng",
    "chân không",
)
"""Compounds that contain a topic keyword but name no topic (``đánh giá`` is not a price)."""

EMOJI_POSITIVE: tuple[str, ...] = (
    "😍", "🥰", "👍", "❤", "😊", "😘", "💯", "🤩", "😋", "🤤", "🔥", "💝", "🎁", "🎀", "😻",
    "♥", "💕", "💖", "👏", "😁", "😄", "😆", "🙏", "<3",
)  # fmt: skip
"""Emoji counted as +1 each."""

EMOJI_NEGATIVE: tuple[str, ...] = (
    "😡", "😤", "👎", "😞", "😢", "😠", "💢", "😭", "🤬", "😩", "😫", "😒", "🙄", "🤢", "🤮",
    "😑", "😔", "😣", "💔", ":(", ":((", "T_T", "huhu",
)  # fmt: skip
"""Emoji counted as −1 each."""
