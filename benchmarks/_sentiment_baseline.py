"""The care sentiment lexicon as it was before issue 25 (frozen copy: the benchmark's baseline).

Copied verbatim from ``toolkit/care/lexicon.py`` and the scoring part of
``toolkit/care/text.py`` at commit 85ca483, so ``benchmarks/sentiment.py``
can compare the current lexicon with the old one in the same run.
Topic tagging is frozen too (``flags`` from :func:`analyse`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from toolkit import vn

if TYPE_CHECKING:
    import pandas as pd

SENTIMENTS = ("tích cực", "trung tính", "tiêu cực")

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


TOPIC_NAMES = tuple(TOPICS)

AMBIGUOUS_WITHOUT_ACCENTS = frozenset(
    {
        "do", "dat", "am", "hoi", "cau", "muon", "toi", "xin", "nhat", "dang", "cham",
        "chua", "cha", "be", "vi", "tui", "hop", "chat", "mac",
    }
)  # fmt: skip
"""Accent-free forms not matched in text typed without diacritics (they are other words too).

``do`` (dở / do), ``dat`` (đắt / đặt), ``am`` (ẩm / ấm), ``hoi`` (hời, hôi / hơi),
``cau`` (cáu / câu), ``muon`` (muộn / muốn), ``toi`` (tồi / tôi), ``xin`` (xịn / xin),
``nhat`` (nhạt / nhất), ``dang`` (đắng / đang), ``cham`` (chậm / chấm), ``chua``
(chua / chưa), ``cha`` (chả / cha), ``be`` (bể / bé), ``vi`` (vị / vì), ``tui``
(túi / tui), ``hop`` (hộp / hợp), ``chat`` (chát / chat), ``mac`` (mắc / mặc).
"""

_VIET_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")
_TONE = {old: new for new, old in vn._OLD_TONE_PLACEMENT.items()}
_TONE_RE = "|".join(map(re.escape, _TONE))


def _canon(text: str) -> str:
    """NFC, lower case, one tone placement (for single strings and lexicon entries)."""
    text = vn.nfc(text).lower()
    return re.sub(_TONE_RE, lambda m: _TONE[m.group()], text)


def _alternation(words) -> str:
    """A regular expression matching any of ``words``, longest first, as a prefix trie.

    ``re`` tries alternatives one by one; factoring common prefixes
    (``ngon|ngọt`` → ``ng(?:on|ọt)``) lets it fail on the first letter instead.

    >>> pattern = re.compile(_alternation(["ngon", "ngọt", "ngon lắm"]))
    >>> pattern.pattern.startswith("ng(?:"), pattern.match("ngon lắm").group()
    (True, 'ngon lắm')
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # the longer words first: the optional group is greedy
            return "(?:" + "|".join(branches) + ")?" if len(branches) > 1 else f"(?:{branches[0]})?"
        return body

    return build(trie)


@lru_cache(maxsize=1)
def _matchers() -> dict[str, object]:
    """Compiled patterns and weight tables, built once from the lexicon."""
    weights = {_canon(k): v for k, v in {**POSITIVE, **NEGATIVE}.items()}
    plain_weights: dict[str, float] = {}
    for word, weight in weights.items():
        plain = vn.strip_accents(word)
        if plain in AMBIGUOUS_WITHOUT_ACCENTS:
            continue
        if plain in plain_weights and plain_weights[plain] * weight < 0:
            plain_weights[plain] = 0.0  # opposite meanings: ignore without accents
        elif plain not in plain_weights or plain == word:
            plain_weights[plain] = weight
    pre = {_canon(k): v for k, v in INTENSIFIERS.items()}
    post = {_canon(k): v for k, v in POST_INTENSIFIERS.items()}
    negators = [_canon(n) for n in NEGATORS]
    fillers = ["được", "phải", "có", "thấy", "hề", "bị"]

    def sentiment_pattern(terms, negs, pres, posts, fill) -> re.Pattern[str]:
        return re.compile(
            rf"(?<!\w)(?:(?P<neg>{_alternation(negs)})\s+(?:(?:{_alternation(fill)})\s+)?)?"
            rf"(?:(?P<pre>{_alternation(pres)})\s+)?"
            rf"(?P<term>{_alternation(terms)})(?!\w)"
            rf"(?:\s+(?P<post>{_alternation(posts)})(?!\w))?"
        )

    strip = vn.strip_accents
    topics = {name: [_canon(w) for w in words] for name, words in TOPICS.items()}
    return {
        "weights": weights,
        "plain_weights": plain_weights,
        "pre": {**pre, **{strip(k): v for k, v in pre.items()}},
        "post": {**post, **{strip(k): v for k, v in post.items()}},
        "accented": sentiment_pattern(weights, negators, pre, post, fillers),
        "plain": sentiment_pattern(
            plain_weights,
            [strip(n) for n in negators if strip(n) not in AMBIGUOUS_WITHOUT_ACCENTS],
            [strip(p) for p in pre],
            [strip(p) for p in post],
            [strip(f) for f in fillers],
        ),
        "topics": _topic_matcher(topics, lambda w: w),
        "plain_topics": _topic_matcher(
            topics, lambda w: None if strip(w) in AMBIGUOUS_WITHOUT_ACCENTS else strip(w)
        ),
        "teencode": (
            re.compile(rf"(?<!\w)(?:{_alternation(TEENCODE)})(?!\w)"),
            {_canon(k): _canon(v) for k, v in TEENCODE.items()},
        ),
        "emoji_pos": "[" + "".join(map(re.escape, EMOJI_POSITIVE)) + "]",
        "emoji_neg": "[" + "".join(map(re.escape, EMOJI_NEGATIVE)) + "]",
    }


def _topic_matcher(topics: dict[str, list[str]], form) -> tuple[re.Pattern[str], dict]:
    """One pattern for every topic keyword, and keyword -> topic numbers."""
    owners: dict[str, list[int]] = {}
    for number, words in enumerate(topics.values()):
        for word in words:
            key = form(word)
            if key is not None:
                owners.setdefault(key, []).append(number)
    return re.compile(rf"(?<!\w)(?:{_alternation(owners)})(?!\w)"), owners


def _prepare(series: pd.Series) -> tuple[pd.Series, pd.Series, object]:
    """(normalised text, text to match, accented mask) for a Series of reviews."""
    text = series.astype("string").fillna("").astype(object)
    text = text.str.normalize("NFC").str.lower()
    accented = text.str.contains(_VIET_LETTER).to_numpy(dtype=bool)
    text = text.str.replace(_TONE_RE, lambda m: _TONE[m.group()], regex=True)
    pattern, table = _matchers()["teencode"]
    text = text.str.replace(pattern, lambda m: table[m.group()], regex=True)
    text = text.str.replace(r"\s+", " ", regex=True).str.strip()
    match = text.copy()
    if (~accented).any():
        match[~accented] = text[~accented].map(vn.strip_accents)
    return text, match, accented


def _analyse(series: pd.Series) -> tuple[object, object]:
    """Sentiment scores and topic flags (n × 5) of a Series, computed once per distinct text."""
    import numpy as np
    import pandas as pd

    m = _matchers()
    codes, uniques = pd.factorize(series.astype("string").fillna("").astype(object))
    distinct = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    _, match, accented = _prepare(distinct)
    total = np.zeros(len(distinct))
    flags = np.zeros((len(distinct), len(TOPIC_NAMES)), dtype=bool)
    for mask, pattern, weights, (topic_re, owners) in (
        (accented, m["accented"], m["weights"], m["topics"]),
        (~accented, m["plain"], m["plain_weights"], m["plain_topics"]),
    ):
        if not mask.any():
            continue
        found = match[mask].str.extractall(pattern)
        if not found.empty:
            weight = found["term"].map(weights).astype("float64")
            weight = weight * found["pre"].map(m["pre"]).fillna(1.0)
            weight = weight * found["post"].map(m["post"]).fillna(1.0)
            negated = found["neg"].notna()
            weight = weight.where(~negated, np.where(weight > 0, -weight, -0.5 * weight))
            per_row = weight.groupby(level=0).sum()
            total[per_row.index.to_numpy()] += per_row.to_numpy()
        words = match[mask].str.findall(topic_re).explode().dropna()
        if len(words):
            topic = words.map(owners).explode()
            flags[topic.index.to_numpy(), topic.to_numpy(dtype=int)] = True
    emoji = (
        distinct.str.count(m["emoji_pos"]).to_numpy()
        - distinct.str.count(m["emoji_neg"]).to_numpy()
    )
    total = np.round(total + emoji, 6)
    return total[codes], flags[codes]


def _label(scores: pd.Series, neutral: float) -> pd.Series:
    import numpy as np
    import pandas as pd

    values = np.select(
        [scores > neutral, scores < -neutral], [SENTIMENTS[0], SENTIMENTS[2]], SENTIMENTS[1]
    )
    return pd.Series(
        pd.Categorical(values, categories=SENTIMENTS), index=scores.index, name="sentiment"
    )


def analyse(texts):
    """(scores, topic flags) of a sequence of texts with the old lexicon."""
    import pandas as pd

    return _analyse(pd.Series(list(texts), dtype=object))


def labels(texts, neutral: float = 0.25):
    """Old sentiment labels of a sequence of texts."""
    import pandas as pd

    scores, _ = analyse(texts)
    return _label(pd.Series(scores), neutral).astype(str).tolist()
