"""The review scorer behind :mod:`toolkit.care.text`: lexicon phrases, scope rules, clauses.

A review is normalised (:func:`toolkit.care.text.normalize_text`), cut into
sentences (``. ! ?``) and clauses (``, ; :`` and the contrast words of
:data:`~toolkit.care.lexicon.CONTRASTS`), and read left to right, matching the
longest lexicon phrase at each word. The rules, each a small function below:

1. **Negation scope** (:func:`_negated`): a negator flips the first opinion
   word within three words after it, in the same clause (``không thấy thơm``);
   hedges soften instead (``không đến nỗi tệ`` is lukewarm); ``chưa bao giờ
   … ngon như vậy`` is a comparison, not a negation; a negated expectation is
   a complaint (``không trả lời``, ``chưa nhận được``).
2. **Degree** (:func:`_read_clause`): intensifiers and softeners before
   (``rất``, ``hơi``) or after (``lắm``, ``một chút``) multiply the weight;
   ``thơm ơi là thơm`` is very fragrant.
3. **Reduplication** (:func:`_reduplicated`): ``chua chua ngọt ngọt``
   describes a taste: a sour or bitter word doubled is not a complaint.
4. **Contrast** (:func:`_combine`): in a sentence with ``nhưng`` (``mà``,
   ``được cái``, ``tiếc là``…) what follows the last contrast weighs 1.3, what
   precedes 0.7.
5. **Problems** (:data:`~toolkit.care.lexicon.PROBLEMS`) weigh 1.5: a broken
   jar is not cancelled by "giao nhanh".
6. **Sarcasm** (:func:`_sarcastic`): praise beside a problem and a marker
   (``=))``, ``cảm ơn shop đã``, ``đến mức``, quotes), or delivery praise in a
   sentence that counts weeks of waiting, is read as blame.

Words whose accent-free form means something else (``dat`` is *đắt* and
*đặt*) are matched only with diacritics, or inside longer phrases.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit import vn
from toolkit.care import lexicon as _lex

_TOKEN = re.compile(r"\w+|[^\w\s]")
_CLAUSE_BREAKS = frozenset(",;:()[]-–—/\n")
_SENTENCE_BREAKS = frozenset(".!?…")
_SCOPE = 3  # words a negator reaches
_PROBLEM_WEIGHT = 1.5
_BEFORE_CONTRAST, _AFTER_CONTRAST = 0.7, 1.3
_MAX_PHRASE = 6

AMBIGUOUS_WITHOUT_ACCENTS = frozenset(
    {
        "do", "dat", "am", "hoi", "cau", "muon", "toi", "xin", "nhat", "dang", "cham",
        "chua", "cha", "be", "vi", "tui", "hop", "chat", "mac", "de", "mat", "ma", "sau",
        "lo", "no", "nat", "rach", "ghe", "che", "loi", "bi", "hu", "vo", "ban", "moc",
        "hon", "bo", "ho", "au", "bep", "cam", "can", "chan", "chui", "hang", "hoan", "hong",
        "ket", "khai", "ki", "kien", "la", "long", "man", "may", "me", "moi", "mot", "nham",
        "nhai", "nut", "rong", "san", "sang", "tam", "tien", "thoi", "tre", "vang", "yeu",
        "ngan", "lua",
    }
)  # fmt: skip
"""Accent-free single words not matched in text typed without diacritics (they are other words too).

``do`` (dở / do), ``dat`` (đắt / đặt), ``am`` (ẩm / ấm), ``hoi`` (hời, hôi / hơi),
``cau`` (cáu / câu), ``muon`` (muộn / muốn), ``toi`` (tồi / tôi), ``xin`` (xịn / xin),
``nhat`` (nhạt / nhất), ``dang`` (đắng / đang), ``cham`` (chậm / chấm), ``chua``
(chua / chưa), ``cha`` (chả / cha), ``be`` (bể / bé), ``vi`` (vị / vì), ``tui``
(túi / tui), ``hop`` (hộp / hợp), ``chat`` (chát / chat), ``mac`` (mắc / mặc),
``mat`` (mật / mất / mát), ``moc`` (mốc / mọc), ``vo`` (vỡ / vỏ / vô), ``che`` (chê / chè),
``la`` (lạ / là), ``mot`` (mọt / một), ``thoi`` (thối / thôi), ``hang`` (hăng / hàng), …
Longer phrases (``bi vo``, ``giao cham``, ``rat tot``) are matched.
"""


@dataclass(frozen=True)
class Entry:
    """What a lexicon phrase does: an opinion weight and/or a role."""

    weight: float = 0.0
    role: str = "opinion"  # opinion, expected, neutral, negator, hedge, super, contrast, mod
    pre: float = 1.0
    post: float = 1.0
    problem: bool = False
    taste: bool = False
    flag: str = ""  # "resolution", "lukewarm" or "strong" (praise of 2 or more)


def canon(text: str) -> str:
    """NFC, lower case, new-style tone placement."""
    from toolkit.care.text import _canon

    return _canon(text)


def _key(phrase: str, plain: bool) -> tuple[str, ...]:
    text = canon(phrase)
    if plain:
        text = vn.strip_accents(text)
    return tuple(_TOKEN.findall(text))


def _put(vocab: dict, key: tuple[str, ...], entry: Entry, plain: bool) -> None:
    if not key:
        return
    if plain and len(key) == 1 and key[0] in AMBIGUOUS_WITHOUT_ACCENTS:
        return
    old = vocab.get(key)
    if old is None:
        vocab[key] = entry
    elif old.role == entry.role == "opinion" and old.weight * entry.weight < 0:
        vocab[key] = Entry(0.0)  # opposite meanings without accents: ignore
    elif entry.role == "mod" and old.role == "opinion":
        vocab[key] = Entry(old.weight, "mod", entry.pre, entry.post, old.problem, old.taste)
    elif entry.role == "mod" and old.role == "mod":
        pre = entry.pre if entry.pre != 1.0 else old.pre
        post = entry.post if entry.post != 1.0 else old.post
        vocab[key] = Entry(old.weight, "mod", pre, post, old.problem, old.taste)
    elif not plain or len(key) > 1:
        vocab[key] = entry


@lru_cache(maxsize=2)
def vocabulary(plain: bool) -> dict[tuple[str, ...], Entry]:
    """Every lexicon phrase as a token tuple (accent-free when ``plain``) → :class:`Entry`."""
    vocab: dict[tuple[str, ...], Entry] = {}
    tastes = {canon(w) for w in _lex.TASTES}
    problems = {canon(w) for w in _lex.PROBLEMS}
    resolutions = {canon(w) for w in _lex.RESOLUTIONS}
    lukewarm = {canon(w) for w in _lex.LUKEWARM}
    for word, weight in {**_lex.POSITIVE, **_lex.NEGATIVE}.items():
        c = canon(word)
        flag = (
            "resolution"
            if c in resolutions
            else "lukewarm"
            if c in lukewarm
            else "strong"
            if weight >= 2
            else ""
        )
        entry = Entry(weight, problem=c in problems, taste=c in tastes, flag=flag)
        _put(vocab, _key(word, plain), entry, plain)
    for word in _lex.LUKEWARM:
        key = _key(word, plain)
        if key in vocab and vocab[key].role == "opinion":
            old = vocab[key]
            vocab[key] = Entry(old.weight, taste=old.taste, flag="lukewarm")
    for word in _lex.TASTES:
        key = _key(word, plain)
        old = vocab.get(key, Entry(0.0))
        _put(vocab, key, Entry(old.weight, old.role, taste=True), plain)
        if key in vocab:
            vocab[key] = Entry(old.weight, old.role, old.pre, old.post, old.problem, True)
    usable = {canon(w) for w in ("ăn được", "uống được", "dùng được")}
    for word, weight in _lex.EXPECTED.items():
        key = _key(word, plain)
        old = vocab.get(key)
        base = old.weight if old is not None and old.role == "opinion" else 0.0
        base = 0.25 if canon(word) in usable else base
        vocab[key] = Entry(base, "expected", post=weight)  # post holds the negated weight
    for words, role in (
        (_lex.NEGATORS, "negator"),
        (_lex.SUPERLATIVE_NEGATORS, "super"),
        (_lex.HEDGES, "hedge"),
        (_lex.DOUBTS, "doubt"),
    ):
        for word in words:
            key = _key(word, plain)
            if plain and len(key) == 1 and key[0] in AMBIGUOUS_WITHOUT_ACCENTS:
                continue
            vocab[key] = Entry(0.0, role)
    for word, factor in _lex.INTENSIFIERS.items():
        _put(vocab, _key(word, plain), Entry(0.0, "mod", pre=factor), plain)
    for word, factor in _lex.POST_INTENSIFIERS.items():
        _put(vocab, _key(word, plain), Entry(0.0, "mod", post=factor), plain)
    for word in _lex.CONTRASTS:
        vocab[_key(word, plain)] = Entry(0.0, "contrast")
    for word in _lex.NEUTRAL:
        vocab[_key(word, plain)] = Entry(0.0, "neutral")
    for word in _lex.QUANTITIES:
        key = _key(word, plain)
        if not (plain and len(key) == 1 and key[0] in AMBIGUOUS_WITHOUT_ACCENTS):
            vocab[key] = Entry(0.0, "quantity")
    for doubled, base in _lex.REDUPLICATED.items():
        key, base_key = _key(doubled, plain), _key(base, plain)
        if len(key) != 2:
            continue
        base_entry = vocab.get(base_key)
        weight = base_entry.weight if base_entry is not None else 0.0
        vocab[key] = Entry(_reduplicated(weight, canon(base) in tastes))
    if plain:
        _plain_degree_phrases(vocab)
        # "hoi" is mostly "hơi" (slightly) before an opinion word, "hôi" (smelly) otherwise
        vocab[("hoi",)] = Entry(-1.5, "mod", pre=0.5)
    return vocab


def _plain_degree_phrases(vocab: dict) -> None:
    """Ambiguous accent-free words read after a degree word: ``hoi cham`` (hơi chậm), ``rat dat``.

    Skipped when two accented words of opposite sense share the form (``chat``: chát, chất).
    """
    weights: dict[str, list[Entry]] = {}
    for word, entry in vocabulary(False).items():
        plain = vn.strip_accents(word[0]) if len(word) == 1 else ""
        if plain in AMBIGUOUS_WITHOUT_ACCENTS and entry.weight and entry.role == "opinion":
            weights.setdefault(plain, []).append(entry)
    degrees = {**_lex.INTENSIFIERS, "hơi": 0.5}
    for plain, entries in weights.items():
        if len({e.weight > 0 for e in entries}) > 1:
            continue
        entry = entries[0]
        for degree, factor in {**degrees, **({"bị": 1.0} if entry.weight < 0 else {})}.items():
            key = (*_key(degree, True), plain)
            vocab.setdefault(key, Entry(round(entry.weight * factor, 6), problem=entry.problem))
        for degree, factor in _lex.POST_INTENSIFIERS.items():
            key = (plain, *_key(degree, True))
            vocab.setdefault(key, Entry(round(entry.weight * factor, 6), problem=entry.problem))


def _reduplicated(weight: float, taste: bool) -> float:
    """Weight of a doubled word: a doubled taste describes (sour/bitter → 0, others → mildly good).

    >>> _reduplicated(-1.0, True), _reduplicated(0.0, True), _reduplicated(-1.0, False)
    (0.0, 0.5, -0.7)
    """
    if taste:
        return 0.0 if weight < 0 else max(round(0.7 * weight, 6), 0.5)
    return round(0.7 * weight, 6)


def _negated(entry: Entry, value: float, negator: str, comparison: bool, boost: float) -> float:
    """The weight of an opinion after a negator of kind ``negator`` (see the module doc).

    A plain negator flips praise (``không ngon`` −1) and turns blame into half as
    much praise (``không tệ`` +0.75); negated strong praise is only a mild
    complaint (``không xuất sắc``); a hedge softens (``không đến nỗi tệ`` +0.15);
    a negated expectation is a complaint (``không trả lời`` −1.5).

    >>> e = Entry(1.0)
    >>> _negated(e, 1.0, "negator", False, 1.0), _negated(Entry(-1.5), -1.5, "negator", False, 1.0)
    (-1.0, 0.75)
    >>> _negated(Entry(-1.5), -1.5, "hedge", False, 1.0), _negated(e, 1.0, "super", True, 1.0)
    (0.15, 1.3)
    >>> _negated(Entry(2.0, flag="strong"), 2.0, "negator", False, 1.0)
    -0.6
    """
    if negator == "super" and comparison:
        return 1.3 * value
    if negator == "doubt":
        return 0.0 if value > 0 else 0.5 * value
    if entry.role == "expected":
        return entry.post * (0.5 if negator == "hedge" else 1.0)
    if negator == "hedge":
        return round(-0.3 * value if value > 0 else -0.1 * value, 6)
    if value > 0:
        if entry.flag == "strong":
            return round(-0.3 * value, 6)
        return -value * (0.8 if boost > 1 else 1.0)
    return -0.75 * value if entry.problem else -0.5 * value  # không bị vỡ: intact is praise


def _match(tokens: list[str], i: int, vocab: dict) -> tuple[int, Entry | None]:
    """Length and entry of the longest lexicon phrase starting at ``tokens[i]`` (1, None if none).

    In text with diacritics, words typed without them (``giao hang nhanh, đóng gói đẹp``)
    are looked up in the accent-free lexicon too.
    """
    longest = _first_words(id(vocab), vocab).get(tokens[i], 0)
    for n in range(min(longest, len(tokens) - i), 0, -1):
        entry = vocab.get(tuple(tokens[i : i + n]))
        if entry is not None:
            return n, entry
    if tokens[i].isascii() and vocab is _VOCAB_CACHE.get(False):
        return _match(tokens, i, _vocab(True))
    return 1, None


_FIRST_WORDS: dict[int, dict[str, int]] = {}


def _first_words(key: int, vocab: dict) -> dict[str, int]:
    """First word of every phrase → length of the longest phrase starting with it."""
    found = _FIRST_WORDS.get(key)
    if found is None:
        found = {}
        for phrase in vocab:
            found[phrase[0]] = max(found.get(phrase[0], 0), len(phrase))
        _FIRST_WORDS[key] = found
    return found


_VOCAB_CACHE: dict[bool, dict] = {}


def _vocab(plain: bool) -> dict:
    if plain not in _VOCAB_CACHE:
        _VOCAB_CACHE[plain] = vocabulary(plain)
    return _VOCAB_CACHE[plain]


@dataclass
class _Item:
    value: float
    sentence: int
    segment: int
    problem: bool = False
    flag: str = ""
    negated: bool = False
    delivery: bool = False
    phrase: str = ""
    clause: str = ""
    plain: bool = False


def _comparison_follows(tokens: list[str], start: int, plain: bool) -> bool:
    rest = " " + " ".join(tokens[start:]) + " "
    return any(f" {phrase} " in rest for phrase in _comparisons(plain))


@lru_cache(maxsize=2)
def _comparisons(plain: bool) -> tuple[str, ...]:
    return tuple(" ".join(_key(phrase, plain)) for phrase in _lex.COMPARISONS)


def _plain_hoi(tokens: list[str], i: int, vocab: dict) -> Entry:
    """Accent-free ``hoi``: *hôi* (smelly) at the end of a clause, else *hơi* (slightly)."""
    follower = tokens[i + 1] if i + 1 < len(tokens) else ""
    if not follower:
        return Entry(-1.5)
    _, entry = _match(tokens, i + 1, vocab)
    if entry is not None and entry.role == "mod" and entry.post != 1.0 and not entry.weight:
        return Entry(-1.5)  # hoi qua: hôi quá
    return Entry(0.0, "mod", pre=0.5)


def _plain_chua(tokens: list[str], i: int, vocab: dict) -> Entry:
    """Accent-free ``chua``: *chưa* (not yet) before a verb or opinion, else *chua* (sour)."""
    follower = tokens[i + 1] if i + 1 < len(tokens) else ""
    _, entry = _match(tokens, i + 1, vocab) if follower else (1, None)
    verbs = {"bao", "tung", "thay", "gap", "biet", "dung", "nhan", "co", "duoc", "he", "an",
             "uong", "thu", "mo", "den", "toi", "ve", "giao", "gui", "tra", "hoan", "doi"}  # fmt: skip
    if follower in verbs or (
        entry is not None and entry.role in ("expected", "neutral", "opinion")
    ):
        return Entry(0.0, "negator")
    return Entry(-1.0, taste=True)


def _read_clause(
    tokens: list[str], vocab: dict, plain: bool, sentence: int, segment: int, items: list
) -> None:
    """Append the opinion items of one clause (negation, degree, reduplication)."""
    first = len(items)
    _read_words(tokens, vocab, plain, sentence, segment, items)
    text = " ".join(tokens)
    for item in items[first:]:
        item.clause, item.plain = text, plain
    timed = [item for item in items[first:] if vn.strip_accents(item.phrase) in _time_words()]
    if timed and 0 in topics_of(text, plain):
        for item in timed:
            item.delivery = True


def _read_words(
    tokens: list[str], vocab: dict, plain: bool, sentence: int, segment: int, items: list
) -> None:
    negator: str | None = None
    reach = 0
    pre = 1.0
    amount = 1.0  # a few items (vài hạt): the next problem is minor
    whole = False
    last: _Item | None = None  # the previous item, while nothing came between
    i = 0
    while i < len(tokens):
        n, entry = _match(tokens, i, vocab)
        word = tokens[i]
        if entry is None and plain and word == "chua":
            entry = _plain_chua(tokens, i, vocab)
        if plain and word == "hoi" and n == 1:
            entry = _plain_hoi(tokens, i, vocab)
        if entry is not None and entry.role == "quantity":
            amount = 0.5
            i += n
            continue
        # X ơi là X: very X
        oi_la = ["oi", "la"] if plain else ["ơi", "là"]
        if (
            entry is not None
            and entry.role in ("opinion", "mod")
            and entry.weight
            and tokens[i + n : i + n + 2] == oi_la
            and tokens[i + n + 2 : i + 2 * n + 2] == tokens[i : i + n]
        ):
            items.append(_Item(1.8 * entry.weight, sentence, segment, entry.problem))
            last, pre, negator = items[-1], 1.0, None
            i += 2 * n + 2
            continue
        # doubled word: chua chua, ngọt ngọt
        if (
            entry is not None
            and n == 1
            and (entry.weight or entry.taste)
            and i + 1 < len(tokens)
            and tokens[i + 1] == word
        ):
            value = _reduplicated(entry.weight, entry.taste)
            if value:
                items.append(_Item(value * pre, sentence, segment))
                last = items[-1]
            pre, negator = 1.0, None
            i += 2
            continue
        if entry is None:
            last = None
            if negator is not None:
                reach += 1
                if reach > _SCOPE:
                    negator = None
            pre = 1.0
            i += n
            continue
        role = entry.role
        if role == "neutral":
            last, negator, pre = None, None, 1.0
        elif role in ("negator", "hedge", "super", "doubt"):
            if role == "hedge" and tokens[i] in ("cũng", "cung"):
                # không A, cũng không B: a balanced pair; otherwise "cũng không" just negates
                role = "hedge" if _soften_previous(items, sentence) else "negator"
            negator, reach, pre, last = role, 0, 1.0, None
        elif role == "mod":
            if last is not None and entry.post != 1.0:
                last.value = _degree(last, entry.post)
                last = None if entry.post < 1 else last
            elif entry.pre != 1.0 and _next_is_opinion(tokens, i + n, vocab):
                pre *= entry.pre
                whole = tokens[i] in ("toàn", "toan")  # toàn vụn: all of it is bad
            elif entry.weight:
                role = "opinion"
            else:
                last = None
        if role == "expected" and negator is not None and reach > 0 and tokens[i] in ("như", "nhu"):
            negator = None  # không nồng như hình dung: the promise, not what is negated
        if role in ("opinion", "expected"):
            value = entry.weight
            if entry.taste and not value and pre != 1.0:
                value = -0.5  # hơi ngọt, quá mặn: a taste in excess
            negated = (negator is not None and value != 0) or (negator and role == "expected")
            if negator is not None:
                comparison = negator == "super" and _comparison_follows(tokens, i + n, plain)
                value = _negated(entry, value, negator, comparison, pre)
                if value < 0 and pre > 1:
                    pre = 1.0
                elif value > 0 and pre < 1:
                    pre = 1.0
                if tokens[i + n : i + n + 1] in (["như"], ["nhu"]) and entry.weight > 0:
                    value *= 0.75  # không ngon như quảng cáo: short of what was promised
                    n = len(tokens) - i  # the rest names the promise, not an opinion
            if value > 0 and negator is None and _nowhere(tokens, i + n, plain):
                value = -value  # ngon đâu không thấy: "tasty? not at all"
                n += 3
            if value < 0 and amount < 1:
                value *= amount
            if value:
                problem = (
                    (entry.problem or (whole and value < 0)) and negator is None and amount == 1
                )
                amount = 1.0
                phrase = " ".join(tokens[i : i + n])
                items.append(
                    _Item(
                        value * pre,
                        sentence,
                        segment,
                        problem,
                        entry.flag,
                        bool(negated),
                        phrase=phrase,
                    )
                )
                last = items[-1]
            elif entry.flag == "lukewarm":
                items.append(_Item(0.0, sentence, segment, flag="lukewarm"))
                last = None
            else:
                last = None
            negator, pre, whole = None, 1.0, False
        i += n


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    """Accent-free opinion words about delivery time (``lâu`` is about delivery next to ``giao``)."""
    words = ("chậm", "lâu", "trễ", "muộn", "giao chậm", "giao hàng chậm", "chậm như rùa",
             "như rùa", "như sên", "mòn mỏi", "chờ mòn mỏi", "hoãn", "kẹt", "nhanh", "siêu tốc",
             "thần tốc", "đúng hẹn", "sớm", "sớm hơn", "chậm hơn", "hơi chậm", "hơi lâu")  # fmt: skip
    return frozenset(vn.strip_accents(w) for w in words)


def _nowhere(tokens: list[str], start: int, plain: bool) -> bool:
    """``… đâu không thấy``, ``… đâu chẳng thấy``: the praise is denied."""
    words = tokens[start : start + 3]
    if plain:
        words = [vn.strip_accents(w) for w in words]
        return len(words) == 3 and words[0] == "dau" and words[2] == "thay"
    return len(words) == 3 and words[0] == "đâu" and words[2] == "thấy"


def _degree(item: _Item, factor: float) -> float:
    """An item's value after a degree word that follows it (``ngon lắm``, ``chậm một chút``)."""
    if item.negated and factor > 1:
        return item.value  # không ngon lắm: "not very tasty" is no stronger than "not tasty"
    return item.value * factor


def _soften_previous(items: list, sentence: int) -> bool:
    """``không ngon cũng không dở``: the first negation of a balanced pair is softened too."""
    for item in reversed(items):
        if item.sentence != sentence:
            return False
        if item.negated:
            item.value *= 0.3
            return True
    return False


def _next_is_opinion(tokens: list[str], start: int, vocab: dict) -> bool:
    """Whether an opinion (or another degree word, a negator) starts at ``tokens[start]``."""
    if start >= len(tokens):
        return False
    _, entry = _match(tokens, start, vocab)
    return entry is not None and (
        entry.weight != 0 or entry.role in ("mod", "expected", "negator", "hedge")
    )


_DURATION = re.compile(
    r"(?:(\d+)|một|hai|ba|bốn|năm|mười|nửa|mấy|cả|gần|hơn|hết)\s*(?:ngày|tuần|tháng)(?!\w)"
)
_DURATION_PLAIN = re.compile(
    r"(?:(\d+)|mot|hai|ba|bon|nam|muoi|nua|may|ca|gan|hon|het)\s*(?:ngay|tuan|thang)(?!\w)"
)


_WAITING = re.compile(r"(?<!\w)(?:giao|nhận|tới|đến|về|chờ|đợi|mất|hàng|đặt|ship)(?!\w)")


_DELAY = re.compile(
    r"(?:(?<!\w)(?:tới|đến|sau|mãi|tận|hôm sau|tuần sau)\s+(?:\w+\s+){0,4}?mới|(?<!\w)(?:mãi|giờ) mới)\s+"
    r"(?:trả lời|nhận|tới|đến|giao|thấy|có|phản hồi|gửi|hoàn)"
)


def _delayed(sentence: str, plain: bool) -> bool:
    """``… tới chủ nhật mới trả lời``, ``mãi mới nhận được``: something came late.

    >>> _delayed("tin nhắn hôm thứ 2 mà tới chủ nhật mới trả lời", False)
    True
    >>> _delayed("shop mới trả lời mình", False)
    False
    """
    if not plain:
        return bool(_DELAY.search(sentence))
    return bool(_DELAY_PLAIN.search(sentence))


_DELAY_PLAIN = re.compile(
    r"(?:(?<!\w)(?:toi|den|sau|mai|tan)\s+(?:\w+\s+){0,4}?moi|(?<!\w)(?:mai|gio) moi)\s+"
    r"(?:tra loi|nhan|toi|den|giao|thay|co|phan hoi|gui|hoan)"
)


def _long_wait(sentence: str, plain: bool) -> bool:
    """A sentence about delivery that counts a wait of a week or more (``2 tuần``, ``10 ngày``).

    >>> _long_wait("giao nhanh ghê, có 12 ngày thôi", False), _long_wait("2 ngày là tới", False)
    (True, False)
    >>> _long_wait("dùng 2 tuần thấy khỏe hẳn", False)
    False
    """
    if not _WAITING.search(vn.strip_accents(sentence) if plain else sentence) and not (
        plain
        and re.search(r"(?<!\w)(?:giao|nhan|toi|den|ve|cho|doi|mat|hang|dat|ship)(?!\w)", sentence)
    ):
        return False
    for found in (_DURATION_PLAIN if plain else _DURATION).finditer(sentence):
        text = found.group(0)
        days = "ngay" in vn.strip_accents(text)
        number = found.group(1)
        if not days or (number is not None and int(number) >= 7):
            return True
    return False


_SWAPPED = re.compile(r"(?<!\w)(?:đặt|mua|order)\s+(?:\w+\s+){0,6}?mà\s+(?:nhận|được giao|giao)")
_SWAPPED_PLAIN = re.compile(
    r"(?<!\w)(?:dat|mua|order)\s+(?:\w+\s+){0,6}?ma\s+(?:nhan|duoc giao|giao)"
)


def _swapped(sentence: str, plain: bool) -> bool:
    """``đặt mật ong rừng mà nhận được siro``: not what was ordered.

    >>> _swapped("đặt trà xanh mà nhận được trà đen", False), _swapped("đặt hàng hôm qua", False)
    (True, False)
    """
    return bool((_SWAPPED_PLAIN if plain else _SWAPPED).search(sentence))


def _echo(text: str, plain: bool) -> bool:
    """A praise word echoed at the start of the next clause: ``nhiệt tình lắm, nhiệt tình chặn số``.

    >>> _echo("shop nhiệt tình lắm, nhiệt tình chặn số khách", False)
    True
    >>> _echo("ngon lắm, giao nhanh", False)
    False
    """
    vocab = _vocab(plain)
    clauses = [_TOKEN.findall(c) for c in re.split(r"[,;:.!?]", text)]
    for before, after in itertools.pairwise(clauses):
        if not after or not before:
            continue
        for n in (2, 1):
            head = tuple(after[:n])
            entry = vocab.get(head)
            if entry is None or entry.weight <= 0 or len(head) < n:
                continue
            if any(tuple(before[k : k + n]) == head for k in range(len(before) - n + 1)):
                return True
    return False


def _sarcastic(text: str, items: list[_Item], plain: bool = False) -> bool:
    """Praise beside a problem, with a marker of irony (module doc, rule 6)."""
    if not any(item.value > 0 for item in items):
        return False
    blame = (
        any(item.problem for item in items) or sum(v.value for v in items if v.value < 0) <= -1.0
    )
    if not blame:
        return False
    unaccented = vn.strip_accents(text)
    accented, stripped = _sarcasm_markers()
    return (
        _echo(text, plain)
        or any(marker in text for marker in accented)
        or any(marker in unaccented for marker in stripped)
        or bool(re.search(r"[\"“”]\s*\w+(?:\s+\w+){0,3}\s*[\"“”]", text))
    )


@lru_cache(maxsize=1)
def _sarcasm_markers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    accented = tuple(canon(m) for m in _lex.SARCASM_MARKERS)
    return accented, tuple(vn.strip_accents(m) for m in accented)


def _combine(
    items: list[_Item], contrast_in: dict[int, int], waits: set[int], irony: bool
) -> float:
    """Sum of the items with contrast weights, problem weights, sarcasm flips, lukewarm damping.

    - a problem followed by a resolution (``shop gửi bù ngay``) weighs 0.3;
    - without any contrast word, praise *before* an unresolved problem weighs
      0.3 (``hàng đẹp, hũ bị vỡ``), and praise *after* it is ironic
      (``… nguyên đàn kiến, chu đáo quá``);
    - a review that settles on a lukewarm verdict (``bình thường``) is damped.
    """
    resolved_at = [k for k, item in enumerate(items) if item.flag == "resolution"]
    problems = [k for k, item in enumerate(items) if item.problem]
    unresolved = [
        k
        for k in problems
        if not any(
            r > k
            or (items[r].sentence, items[r].segment, items[r].clause)
            == (items[k].sentence, items[k].segment, items[k].clause)
            for r in resolved_at
        )
    ]
    any_contrast = bool(contrast_in)
    total = 0.0
    for k, item in enumerate(items):
        value = item.value
        last = contrast_in.get(item.sentence)
        if last is not None:
            value *= _AFTER_CONTRAST if item.segment >= last else _BEFORE_CONTRAST
        if item.problem:
            value *= 0.3 if k not in unresolved else _PROBLEM_WEIGHT
        if value > 0 and item.flag != "resolution":
            if irony or (item.sentence in waits and last is None):
                value = -0.8 * value
            elif unresolved and not any_contrast and not resolved_at:
                value *= 0.3 if k < unresolved[0] else -0.8
        total += value
    if any(item.flag == "lukewarm" for item in items):
        total *= 0.5
    if total < 0 and _only_delivery_blamed(items, contrast_in):
        total = -0.1  # "ngon nhưng giao lâu": the product is praised, the delivery is not
    return total


def _only_delivery_blamed(items: list[_Item], contrast_in: dict[int, int]) -> bool:
    """Clear praise of the product and every complaint about the delivery only."""
    blame = [item for item in items if item.value < 0]
    if not blame or not all(item.delivery for item in blame):
        return False
    praise = sum(
        item.value
        for item in items
        if item.value > 0 and not item.delivery and 0 not in topics_of(item.clause, item.plain)
    )
    return praise >= 0.5


def _emoji(text: str) -> tuple[float, str]:
    """Emoji and emoticon score, and the text without them (they are not words)."""
    pattern, signs = _emoji_pattern()
    found = pattern.findall(text)
    if not found:
        return 0.0, text
    return float(sum(signs[f] for f in found)), pattern.sub(" , ", text)


@lru_cache(maxsize=1)
def _emoji_pattern() -> tuple[re.Pattern[str], dict[str, float]]:
    signs = {s.lower(): 1.0 for s in _lex.EMOJI_POSITIVE}
    signs.update({s.lower(): -1.0 for s in _lex.EMOJI_NEGATIVE})
    symbols = sorted(signs, key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in symbols)), signs


@lru_cache(maxsize=2)
def _contrast_words(plain: bool) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Contrast words of one word, and the last two words of longer ones (``tiếc là``)."""
    keys = [_key(word, plain) for word in _lex.CONTRASTS]
    return (
        frozenset(k[0] for k in keys if len(k) == 1),
        frozenset((k[-2], k[-1]) for k in keys if len(k) >= 2),
    )


def _then_follows(tokens: list[str], position: int) -> bool:
    """``còn … thì`` opens a contrasting clause (``tư vấn nhiệt tình, còn trà thì bình thường``)."""
    for token in tokens[position + 1 : position + 6]:
        if token in ("thì", "thi"):
            return True
        if token in _SENTENCE_BREAKS or token in _CLAUSE_BREAKS:
            return False
    return False


def score_text(text: str, plain: bool) -> float:
    """Sentiment score of one normalised review (``plain``: typed without diacritics)."""
    emoji, words = _emoji(text)
    vocab = _vocab(plain)
    items: list[_Item] = []
    contrast_in: dict[int, int] = {}
    waits: set[int] = set()
    sentence = segment = 0
    clause: list[str] = []
    sentence_text: list[str] = []

    def flush() -> None:
        if clause:
            _read_clause(clause, vocab, plain, sentence, segment, items)
            clause.clear()

    rest_tokens = [*_TOKEN.findall(words), "."]
    for position, token in enumerate(rest_tokens):
        sentence_text.append(token)
        if token in _SENTENCE_BREAKS:
            flush()
            said = " ".join(sentence_text)
            if _swapped(said, plain):
                items.append(_Item(-1.5, sentence, segment, problem=True))
            waited, late = _long_wait(said, plain), _delayed(said, plain)
            if waited or late:
                waits.add(sentence)
                items.append(_Item(-1.0, sentence, segment, problem=True, delivery=waited))
            sentence, segment, sentence_text = sentence + 1, 0, []
        elif token in _CLAUSE_BREAKS:
            flush()
        else:
            clause.append(token)
            single, pairs = _contrast_words(plain)
            if token in single or (
                token in ("còn", "con")
                and len(clause) == 1
                and _then_follows(rest_tokens, position)
            ):
                clause.pop()
                flush()
                segment += 1
                contrast_in[sentence] = segment
            elif len(clause) >= 2 and (clause[-2], token) in pairs:
                del clause[-2:]
                flush()
                segment += 1
                contrast_in[sentence] = segment
    irony = _sarcastic(text, items, plain)
    return _combine(items, contrast_in, waits, irony) + emoji


@lru_cache(maxsize=2)
def topic_vocabulary(plain: bool) -> dict[tuple[str, ...], frozenset[int]]:
    """Topic keyword (token tuple) → topic numbers; compounds of no topic map to an empty set."""
    vocab: dict[tuple[str, ...], set[int]] = {}
    for number, words in enumerate(_lex.TOPICS.values()):
        for word in words:
            key = _key(word, plain)
            if plain and len(key) == 1 and key[0] in AMBIGUOUS_WITHOUT_ACCENTS:
                continue
            vocab.setdefault(key, set()).add(number)
    for word in _lex.TOPIC_NEUTRAL:
        vocab[_key(word, plain)] = set()
    return {key: frozenset(value) for key, value in vocab.items()}


def topics_of(text: str, plain: bool) -> set[int]:
    """Numbers of the topics a normalised review names (longest keyword first)."""
    vocab = topic_vocabulary(plain)
    tokens = _TOKEN.findall(text)
    found: set[int] = set()
    i = 0
    while i < len(tokens):
        n, owners = _match(tokens, i, vocab)
        if owners:
            found |= owners
        i += n
    return found
