"""Vietnamese review text: normalisation, sentiment, topics and the top complaints.

Buyers write the same thing in many ways: ``Không ngon``, ``ko ngon``,
``khong ngon``, the same letters typed on a macOS keyboard (decomposed,
Unicode NFD), ``hoà`` or ``hòa``. :func:`normalize_text` brings them to one
form (NFC, lower case, one tone placement, chat abbreviations expanded), so
that tags and scores do not depend on the keyboard.

Sentiment uses the shipped lexicon (:mod:`toolkit.care.lexicon`) and a few
rules (:mod:`toolkit.care._sentiment`): each opinion word has a weight; a
negator flips the opinion within three words after it (``không thấy thơm``),
a hedge only softens it (``không đến nỗi tệ`` is lukewarm); degree words
multiply it (``rất ngon``, ``hơi chậm một chút``); a doubled taste describes
(``chua chua ngọt ngọt``); what follows ``nhưng`` weighs more; a broken jar
outweighs "giao nhanh"; praise beside a problem with a mark of irony
(``=))``, ``cảm ơn shop đã``, ``có 2 tuần thôi``) is blame; emoji count ±1.
Text typed without diacritics is matched against the accent-free lexicon,
leaving out the single words whose accent-free form means something else
(``dat`` is ``đắt`` *expensive* but also ``đặt`` *to order*).

The lexicon and rules were tuned on the ``train`` and ``dev`` splits of a
hand-labelled corpus (``data/sentiment_corpus.csv``, its guidelines beside it)
and measured on its ``test`` split (``python benchmarks/sentiment.py``).

Every distinct text is read once (pandas factorises the column first), so a
column of 200 000 reviews takes about half a minute on a low-end laptop.

Examples
--------
>>> normalize_text("Sp ko dc thơm lắm")
'sản phẩm không được thơm lắm'
>>> sentiment_score("Mật ong rất ngon 😍"), sentiment_score("mat ong ko ngon")
(2.5, -1.0)
>>> topic_labels("Giao hàng nhanh nhưng hộp bị móp")
'Giao hàng;Đóng gói'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from toolkit import vn
from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.care import lexicon as _lex
from toolkit.care._sentiment import AMBIGUOUS_WITHOUT_ACCENTS
from toolkit.i18n import t

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AMBIGUOUS_WITHOUT_ACCENTS",
    "NEUTRAL_BAND",
    "SENTIMENTS",
    "TOPIC_NAMES",
    "normalize_text",
    "sentiment_label",
    "sentiment_score",
    "tag_reviews",
    "top_complaints",
    "topic_flags",
    "topic_labels",
]

SENTIMENTS = ("tích cực", "trung tính", "tiêu cực")
"""Sentiment labels: positive, neutral, negative."""

TOPIC_NAMES = tuple(_lex.TOPICS)
"""The five complaint topics, in report order."""

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
def _teencode() -> tuple[re.Pattern[str], dict[str, str]]:
    """The chat-abbreviation pattern (whole words) and what each stands for."""
    table = {_canon(k): _canon(v) for k, v in _lex.TEENCODE.items()}
    return re.compile(rf"(?<!\w)(?:{_alternation(table)})(?!\w)"), table


def _as_series(texts: object) -> tuple[pd.Series, bool]:
    import pandas as pd

    if isinstance(texts, str):
        return pd.Series([texts]), True
    if isinstance(texts, pd.Series):
        return texts, False
    if isinstance(texts, (list, tuple)):
        return pd.Series(list(texts), dtype=object), False
    raise TypeError(t("care.error.not_text", found=type(texts).__name__))


def _prepare(series: pd.Series) -> tuple[pd.Series, pd.Series, object]:
    """(normalised text, text to match, accented mask) for a Series of reviews."""
    text = series.astype("string").fillna("").astype(object)
    text = text.str.normalize("NFC").str.lower()
    accented = text.str.contains(_VIET_LETTER).to_numpy(dtype=bool)
    text = text.str.replace(_TONE_RE, lambda m: _TONE[m.group()], regex=True)
    pattern, table = _teencode()
    text = text.str.replace(pattern, lambda m: table[m.group()], regex=True)
    text = text.str.replace(r"\s+", " ", regex=True).str.strip()
    match = text.copy()
    if (~accented).any():
        match[~accented] = text[~accented].map(vn.strip_accents)
    return text, match, accented


def normalize_text(text: str | pd.Series, *, teencode: bool = True) -> str | pd.Series:
    """One form for Vietnamese review text: NFC, lower case, tone placement, teen-code.

    Parameters
    ----------
    text : str or pandas.Series of str
        Review text(s); ``NaN`` becomes ``""``.
    teencode : bool, default True
        Expand chat abbreviations as whole words (:data:`~toolkit.care.lexicon.TEENCODE`).

    Returns
    -------
    str or pandas.Series
        Same shape as the input.

    Examples
    --------
    >>> nfd = unicodedata.normalize("NFD", "Hoà quyện, THƠM")
    >>> normalize_text(nfd) == "hòa quyện, thơm", len(nfd) > len("Hoà quyện, THƠM")
    (True, True)
    >>> normalize_text("Shop rep nhanh, sp đc gói kỹ   ")
    'shop trả lời nhanh, sản phẩm được gói kỹ'
    >>> normalize_text("Shop rep nhanh", teencode=False)
    'shop rep nhanh'
    """
    series, scalar = _as_series(text)
    if teencode:
        out = _prepare(series)[0]
    else:
        out = series.astype("string").fillna("").astype(object).str.normalize("NFC").str.lower()
        out = out.str.replace(_TONE_RE, lambda m: _TONE[m.group()], regex=True)
        out = out.str.replace(r"\s+", " ", regex=True).str.strip()
    return out.iloc[0] if scalar else out


def _analyse(series: pd.Series) -> tuple[object, object]:
    """Sentiment scores and topic flags (n × 5) of a Series, computed once per distinct text."""
    import numpy as np
    import pandas as pd

    from toolkit.care._sentiment import score_text, topics_of

    codes, uniques = pd.factorize(series.astype("string").fillna("").astype(object))
    distinct = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    _, match, accented = _prepare(distinct)
    total = np.zeros(len(distinct))
    flags = np.zeros((len(distinct), len(TOPIC_NAMES)), dtype=bool)
    for row, (text, with_accents) in enumerate(zip(match.tolist(), accented.tolist(), strict=True)):
        total[row] = score_text(text, not with_accents)
        found = list(topics_of(text, not with_accents))
        flags[row, found] = True
    total = np.round(total, 6)
    return total[codes], flags[codes]


def _scores(series: pd.Series) -> pd.Series:
    import pandas as pd

    scores, _ = _analyse(series)
    return pd.Series(scores, index=series.index, name="sentiment_score")


def sentiment_score(text: str | pd.Series) -> float | pd.Series:
    """Lexicon sentiment score: > 0 positive, < 0 negative.

    Parameters
    ----------
    text : str or pandas.Series of str

    Returns
    -------
    float or pandas.Series of float

    Examples
    --------
    >>> sentiment_score("ngon"), sentiment_score("rất ngon"), sentiment_score("ngon lắm")
    (1.0, 1.5, 1.5)
    >>> sentiment_score("không ngon"), sentiment_score("chẳng tệ"), sentiment_score("đâu có ngon")
    (-1.0, 0.75, -1.0)
    >>> sentiment_score("Đã nhận hàng.")
    0.0
    """
    series, scalar = _as_series(text)
    scores = _scores(series)
    return float(scores.iloc[0]) if scalar else scores


def _label(scores: pd.Series, neutral: float) -> pd.Series:
    import numpy as np
    import pandas as pd

    values = np.select(
        [scores > neutral, scores < -neutral], [SENTIMENTS[0], SENTIMENTS[2]], SENTIMENTS[1]
    )
    return pd.Series(
        pd.Categorical(values, categories=SENTIMENTS), index=scores.index, name="sentiment"
    )


NEUTRAL_BAND = 0.5
"""Half-width of the neutral band of :func:`sentiment_label`.

Chosen on the ``dev`` split of the labelled corpus (``data/sentiment_corpus.csv``):
lukewarm words (``ổn``, ``ok``: 0.5) and mixed verdicts land inside it.
"""


def sentiment_label(text: str | pd.Series, *, neutral: float = NEUTRAL_BAND) -> str | pd.Series:
    """``"tích cực"``, ``"trung tính"`` or ``"tiêu cực"`` from :func:`sentiment_score`.

    A score within ``±neutral`` (:data:`NEUTRAL_BAND`, 0.5: the weight of the
    lukewarm ``ổn``) is neutral.

    Examples
    --------
    >>> sentiment_label("Giao hàng chậm quá 😡")
    'tiêu cực'
    >>> sentiment_label("Đã nhận hàng")
    'trung tính'
    """
    series, scalar = _as_series(text)
    labels = _label(_scores(series), neutral)
    return str(labels.iloc[0]) if scalar else labels


def _flags(series: pd.Series) -> pd.DataFrame:
    import pandas as pd

    _, flags = _analyse(series)
    return pd.DataFrame(flags, columns=list(TOPIC_NAMES), index=series.index)


def topic_flags(text: str | pd.Series) -> pd.DataFrame:
    """One True/False column per topic (``Giao hàng``, ``Chất lượng``, ``Giá``, …).

    Examples
    --------
    >>> topic_flags(["Giá rẻ", "ship nhanh"]).sum().to_dict()
    {'Giao hàng': 1, 'Chất lượng': 0, 'Giá': 1, 'Đóng gói': 0, 'Phục vụ': 0}
    """
    series, _ = _as_series(text)
    return _flags(series)


def _join(flags: pd.DataFrame) -> pd.Series:
    import numpy as np
    import pandas as pd

    names = np.array(TOPIC_NAMES, dtype=object)
    values = flags.to_numpy()
    joined = [";".join(names[row]) for row in values]  # one join per review, on booleans
    return pd.Series(joined, index=flags.index, name="topics", dtype=object)


def topic_labels(text: str | pd.Series) -> str | pd.Series:
    """Topics of each review joined by ``;`` (empty when none), in :data:`TOPIC_NAMES` order.

    Examples
    --------
    >>> topic_labels("giao hang nhanh, dong goi can than")
    'Giao hàng;Đóng gói'
    >>> topic_labels("Cảm ơn nhiều")
    ''
    """
    series, scalar = _as_series(text)
    labels = _join(_flags(series))
    return labels.iloc[0] if scalar else labels


def tag_reviews(
    reviews: pd.DataFrame, *, text: str = "text", neutral: float = NEUTRAL_BAND
) -> pd.DataFrame:
    """Add ``sentiment_score``, ``sentiment``, ``topics`` and one column per topic.

    Parameters
    ----------
    reviews : pandas.DataFrame
        Must have the ``text`` column.
    text : str, default "text"
        Name of the review text column.
    neutral : float, default NEUTRAL_BAND (0.5)
        Half-width of the neutral band (see :func:`sentiment_label`).

    Returns
    -------
    pandas.DataFrame
        A copy of ``reviews`` with the new columns.

    Examples
    --------
    >>> import pandas as pd
    >>> tagged = tag_reviews(pd.DataFrame({"text": ["Hũ bị vỡ, thất vọng", "Ngon, giá rẻ"]}))
    >>> tagged[["sentiment", "topics"]].values.tolist()
    [['tiêu cực', 'Đóng gói'], ['tích cực', 'Chất lượng;Giá']]
    """
    if text not in reviews.columns:
        raise KeyError(t("care.error.missing_column", table="reviews", column=text, required=text))
    import pandas as pd

    out = reviews.copy()
    values, array = _analyse(out[text])
    scores = pd.Series(values, index=out.index, name="sentiment_score")
    flags = pd.DataFrame(array, columns=list(TOPIC_NAMES), index=out.index)
    out["sentiment_score"] = scores
    out["sentiment"] = _label(scores, neutral)
    out["topics"] = _join(flags)
    for name in TOPIC_NAMES:
        out[name] = flags[name]
    return out


def top_complaints(
    reviews: pd.DataFrame,
    *,
    text: str = "text",
    n: int = 5,
    quotes: int = 2,
    max_quote: int = 120,
) -> pd.DataFrame:
    """What customers complain about most, with example quotes.

    A complaint is a review that :func:`sentiment_label` reads as negative;
    each of its topics counts once.

    Parameters
    ----------
    reviews : pandas.DataFrame
        With a ``text`` column (other columns are ignored).
    n : int, default 5
        Topics to show.
    quotes : int, default 2
        Example quotes per topic: the most negative reviews of that topic.
    max_quote : int, default 120
        Longer quotes are cut with ``…``.

    Returns
    -------
    pandas.DataFrame
        ``topic``, ``complaints`` (count), ``share`` (of all complaints),
        ``examples`` (list of NFC quotes), most complaints first.

    Examples
    --------
    >>> import pandas as pd
    >>> reviews = pd.DataFrame({"text": ["Giao chậm quá", "ship lâu, hộp móp",
    ...                                   "Mật ong ngon", "hàng giả, thất vọng"]})
    >>> top_complaints(reviews, quotes=1)[["topic", "complaints"]].values.tolist()
    [['Giao hàng', 2], ['Chất lượng', 1], ['Đóng gói', 1]]
    """
    import pandas as pd

    tagged = tag_reviews(reviews[[text]], text=text)
    negative = tagged.loc[tagged["sentiment"] == SENTIMENTS[2]]
    rows = []
    for name in TOPIC_NAMES:
        hits = negative.loc[negative[name]].sort_values("sentiment_score", kind="stable")
        if hits.empty:
            continue
        examples = hits[text].astype(str).map(vn.nfc).str.strip()
        examples = examples.loc[~normalize_text(examples).duplicated()].head(quotes)
        examples = [q if len(q) <= max_quote else q[: max_quote - 1] + "…" for q in examples]
        rows.append((name, len(hits), len(hits) / len(negative), examples))
    table = pd.DataFrame(rows, columns=["topic", "complaints", "share", "examples"])
    table = table.sort_values("complaints", ascending=False, kind="stable").head(n)
    return table.reset_index(drop=True)


_ = unicodedata  # used in doctests
