"""Message catalogue: every learner-facing sentence goes through :func:`t`.

Vietnamese is the default language. Set the environment variable
``HOCSO_LANG=en`` to get English (useful for trainers and for bug reports).
Skill packages add their own messages with :func:`register`, so this module
does not need to know about every package.

Messages are ``str.format`` templates; all text is stored in Unicode NFC.

Examples
--------
>>> t("check.not_attempted", name="doanh_thu", lang="vi")
'⏳ Bạn chưa làm câu này: hãy thay dấu ... trong ô trả lời bằng đáp án cho `doanh_thu`.'
>>> t("check.not_attempted", name="revenue", lang="en")
'⏳ Not attempted yet: replace the ... in the answer cell with your answer for `revenue`.'
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping

__all__ = ["LANGUAGES", "current_language", "register", "t"]

LANGUAGES = ("vi", "en")

_CATALOGUE: dict[str, dict[str, str]] = {}


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add messages to the catalogue.

    Parameters
    ----------
    messages : mapping
        ``{key: {"vi": template, "en": template}}``. Every message needs a
        Vietnamese template; English falls back to Vietnamese when missing.

    Raises
    ------
    ValueError
        If a key is already registered with different text, or a message has
        no Vietnamese template.

    Examples
    --------
    >>> register({"demo.hello": {"vi": "Xin chào {name}!", "en": "Hello {name}!"}})
    >>> t("demo.hello", name="Lan", lang="vi")
    'Xin chào Lan!'
    """
    for key, texts in messages.items():
        if "vi" not in texts:
            raise ValueError(f"message {key!r} has no Vietnamese ('vi') text")
        normalised = {lang: unicodedata.normalize("NFC", text) for lang, text in texts.items()}
        if key in _CATALOGUE and _CATALOGUE[key] != normalised:
            raise ValueError(f"message {key!r} is already registered with other text")
        _CATALOGUE[key] = normalised


def current_language() -> str:
    """The language in force: ``HOCSO_LANG`` if it names a known one, else ``"vi"``.

    Examples
    --------
    >>> current_language() in LANGUAGES
    True
    """
    lang = os.environ.get("HOCSO_LANG", "vi").strip().lower()[:2]
    return lang if lang in LANGUAGES else "vi"


def t(key: str, /, *, lang: str | None = None, **fields: object) -> str:
    """Translate ``key`` and fill in ``fields``.

    Parameters
    ----------
    key : str
        Message key, e.g. ``"check.correct"``.
    lang : {"vi", "en"}, optional
        Language; defaults to :func:`current_language`.
    **fields
        Values substituted into the template.

    Returns
    -------
    str
        The message in NFC.

    Raises
    ------
    KeyError
        If ``key`` is not registered (a programming error, so English).
    """
    try:
        texts = _CATALOGUE[key]
    except KeyError:
        raise KeyError(f"no message registered under {key!r}") from None
    template = texts.get(lang or current_language(), texts["vi"])
    return unicodedata.normalize("NFC", template.format(**fields))


register(
    {
        "check.correct": {
            "vi": "✅ Chính xác! {detail}",
            "en": "✅ Correct! {detail}",
        },
        "check.passed_public": {
            "vi": "✅ Kiểm tra sơ bộ đạt: {detail}",
            "en": "✅ Basic check passed: {detail}",
        },
        "check.not_attempted": {
            "vi": "⏳ Bạn chưa làm câu này: hãy thay dấu ... trong ô trả lời bằng đáp án cho `{name}`.",
            "en": "⏳ Not attempted yet: replace the ... in the answer cell with your answer for `{name}`.",
        },
        "check.incorrect": {
            "vi": "❌ Chưa đúng: `{name}` cần là {expected}, nhưng bạn có {found}.",
            "en": "❌ Not yet: `{name}` should be {expected}, but it is {found}.",
        },
        "check.incorrect_hidden": {
            "vi": "❌ Chưa đúng: giá trị `{name}` = {found} không khớp đáp án.",
            "en": "❌ Not yet: `{name}` = {found} does not match the answer.",
        },
        "check.wrong_type": {
            "vi": "❌ `{name}` cần là {expected}, nhưng bạn đang có kiểu {found}.",
            "en": "❌ `{name}` should be {expected}, but it has type {found}.",
        },
        "check.not_integer": {
            "vi": "❌ `{name}` cần là một số nguyên, nhưng bạn có {found}. Tiền Việt và số đếm không có phần lẻ: hãy xem lại phép chia hoặc dùng round().",
            "en": "❌ `{name}` should be a whole number, but it is {found}. Check the division or use round().",
        },
        "check.out_of_range": {
            "vi": "❌ `{name}` = {found} nằm ngoài khoảng hợp lý [{low}; {high}]. Hãy xem lại phép tính.",
            "en": "❌ `{name}` = {found} is outside the sensible range [{low}; {high}]. Check your computation.",
        },
        "check.not_one_of": {
            "vi": "❌ `{name}` = {found} không nằm trong các lựa chọn: {options}.",
            "en": "❌ `{name}` = {found} is not one of the options: {options}.",
        },
        "check.missing_columns": {
            "vi": "❌ Bảng `{name}` thiếu cột: {missing}. Các cột hiện có: {found}.",
            "en": "❌ Table `{name}` lacks the columns {missing}. It has: {found}.",
        },
        "check.wrong_length": {
            "vi": "❌ `{name}` cần có {expected} phần tử (dòng), nhưng có {found}.",
            "en": "❌ `{name}` should have {expected} items (rows), but has {found}.",
        },
        "check.wrong_length_hidden": {
            "vi": "❌ `{name}` có {found} phần tử (dòng): số lượng này chưa đúng. Hãy xem lại bước lọc hoặc nhóm.",
            "en": "❌ `{name}` has {found} items (rows): that count is wrong. Check the filtering or grouping step.",
        },
        "check.wrong_index": {
            "vi": "❌ Nhãn (index) của `{name}` chưa đúng, ví dụ các nhãn không có trong đáp án: {found}.",
            "en": "❌ The labels (index) of `{name}` are wrong, e.g. these are not in the answer: {found}.",
        },
        "check.duplicate_columns": {
            "vi": "❌ Bảng `{name}` có tên cột bị trùng: {found}. Mỗi cột cần một tên riêng.",
            "en": "❌ Table `{name}` has duplicate column names: {found}. Give each column its own name.",
        },
        "check.wrong_order": {
            "vi": "❌ `{name}` có đủ giá trị nhưng thứ tự chưa đúng: {hint_order}.",
            "en": "❌ `{name}` has the right values in the wrong order: {hint_order}.",
        },
        "check.bad_values": {
            "vi": "❌ Một số giá trị của `{name}` chưa đúng, ví dụ tại {where}: bạn có {found}.",
            "en": "❌ Some values of `{name}` are wrong, e.g. at {where}: found {found}.",
        },
        "check.bad_dtype": {
            "vi": "❌ Cột `{column}` của `{name}` có kiểu {found} mà bài không dùng được; hãy dùng số, chữ, ngày hoặc đúng/sai.",
            "en": "❌ Column `{column}` of `{name}` has type {found}, which cannot be checked; use numbers, text, dates or booleans.",
        },
        "check.chart_missing": {
            "vi": "❌ Biểu đồ `{name}` còn thiếu: {missing}.",
            "en": "❌ Chart `{name}` is missing: {missing}.",
        },
        "check.mistake": {
            "vi": "💡 Lỗi hay gặp: {message}",
            "en": "💡 Common mistake: {message}",
        },
        "check.hint": {
            "vi": "💡 Gợi ý: {hint}",
            "en": "💡 Hint: {hint}",
        },
        "kind.number": {"vi": "một số", "en": "a number"},
        "kind.integer": {"vi": "một số nguyên", "en": "a whole number"},
        "kind.text": {"vi": "một chuỗi chữ (str)", "en": "a text string (str)"},
        "kind.sequence": {"vi": "một danh sách (list)", "en": "a list"},
        "kind.frame": {"vi": "một bảng pandas DataFrame", "en": "a pandas DataFrame"},
        "kind.series": {"vi": "một pandas Series", "en": "a pandas Series"},
        "kind.chart": {
            "vi": "một biểu đồ matplotlib (Axes hoặc Figure)",
            "en": "a matplotlib chart (Axes or Figure)",
        },
        "kind.bool_not_number": {
            "vi": "một số (không phải True/False)",
            "en": "a number (not True/False)",
        },
        "chart.title": {"vi": "tiêu đề (ax.set_title)", "en": "a title (ax.set_title)"},
        "chart.xlabel": {
            "vi": "nhãn trục hoành (ax.set_xlabel)",
            "en": "an x-axis label (ax.set_xlabel)",
        },
        "chart.ylabel": {
            "vi": "nhãn trục tung (ax.set_ylabel)",
            "en": "a y-axis label (ax.set_ylabel)",
        },
        "chart.data": {
            "vi": "dữ liệu (cột, đường hoặc điểm)",
            "en": "data (bars, lines or points)",
        },
    }
)
