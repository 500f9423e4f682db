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

import importlib
import os
import unicodedata
from collections.abc import Mapping

__all__ = ["LANGUAGES", "current_language", "discover_all", "keys", "register", "t", "templates"]

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


def _discover(key: str) -> dict[str, str] | None:
    """Load the messages of the skill package a key belongs to (``photo.x`` → ``toolkit.photo``).

    A package registers its messages in ``toolkit/<package>/_messages.py``;
    nothing else needs to import that module first.
    """
    package = key.split(".", 1)[0]
    if not package.isidentifier():
        return None
    for module in (f"toolkit.{package}._messages", f"toolkit.{package}"):
        try:
            importlib.import_module(module)
        except ImportError:
            continue
        if key in _CATALOGUE:
            return _CATALOGUE[key]
    return None


def discover_all() -> list[str]:
    """Import the messages of every toolkit package; return the package names found.

    Examples
    --------
    >>> "photo" in discover_all()
    True
    """
    import pkgutil

    import toolkit

    found = []
    for info in pkgutil.iter_modules(toolkit.__path__):
        if not info.ispkg:
            continue
        try:
            importlib.import_module(f"toolkit.{info.name}._messages")
        except ModuleNotFoundError as error:
            if error.name != f"toolkit.{info.name}._messages":
                raise
            importlib.import_module(f"toolkit.{info.name}")
        found.append(info.name)
    return found


def keys() -> list[str]:
    """Every registered message key, sorted."""
    return sorted(_CATALOGUE)


def templates(key: str) -> dict[str, str]:
    """The templates of ``key`` by language (a copy)."""
    return dict(_CATALOGUE[key])


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
    texts = _CATALOGUE.get(key) or _discover(key)
    if texts is None:
        raise KeyError(f"no message registered under {key!r}")
    template = texts.get(lang or current_language(), texts["vi"])
    return unicodedata.normalize("NFC", template.format(**fields))


register(
    {
        "check.correct": {
            "vi": "✅ Chính xác! {detail}",
            "en": "✅ Correct! {detail}",
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
        "check.almost": {
            "vi": "⚠️ Gần đúng: `{name}` = {found} nằm sát mép sai số cho phép của đáp án. Hãy tính "
            "lại mà không làm tròn ở bước giữa.",
            "en": "⚠️ Almost: `{name}` = {found} is at the edge of the answer's tolerance. "
            "Compute it again without rounding in between.",
        },
        "check.rounded": {
            "vi": "⚠️ Gần đúng: `{name}` = {found} là đáp án đã làm tròn đến {digits} chữ số thập "
            "phân, tròn quá nhiều nên lệch khỏi đáp án.",
            "en": "⚠️ Almost: `{name}` = {found} is the answer rounded to {digits} decimals, "
            "too coarse to match it.",
        },
        "check.precision": {
            "vi": "Câu này cần giữ ít nhất {digits} chữ số thập phân (đừng làm tròn kết quả).",
            "en": "This question needs at least {digits} decimals (do not round the result).",
        },
        "check.wrong_type": {
            "vi": "❌ `{name}` cần là {expected}, nhưng bạn đang có {found}.",
            "en": "❌ `{name}` should be {expected}, but it is {found}.",
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
        "check.public.type": {
            "vi": "✅ Kiểm tra sơ bộ đạt: `{name}` là {kind}.",
            "en": "✅ Basic check passed: `{name}` is {kind}.",
        },
        "check.public.value": {
            "vi": "✅ Kiểm tra sơ bộ đạt: `{name}` = {found}.",
            "en": "✅ Basic check passed: `{name}` = {found}.",
        },
        "check.public.columns": {
            "vi": "✅ Kiểm tra sơ bộ đạt: bảng `{name}` có các cột {columns}.",
            "en": "✅ Basic check passed: table `{name}` has the columns {columns}.",
        },
        "check.public.length": {
            "vi": "✅ Kiểm tra sơ bộ đạt: `{name}` có {count} phần tử.",
            "en": "✅ Basic check passed: `{name}` has {count} items.",
        },
        "check.public.chart": {
            "vi": "✅ Kiểm tra sơ bộ đạt: biểu đồ `{name}` có đủ tiêu đề, nhãn và dữ liệu.",
            "en": "✅ Basic check passed: chart `{name}` has a title, axis labels and data.",
        },
        "check.wrong_order_hidden": {
            "vi": "❌ `{name}` có đủ các giá trị nhưng thứ tự chưa đúng.",
            "en": "❌ `{name}` has the right values in the wrong order.",
        },
        "check.labels_right_values_wrong": {
            "vi": "❌ `{name}` có đúng các nhãn (index) nhưng một số giá trị chưa đúng.",
            "en": "❌ `{name}` has the right labels (index) but some values are wrong.",
        },
        "check.empty_result": {
            "vi": "💡 Kết quả đang rỗng hoặc bằng 0: có thể điều kiện lọc không giữ lại dòng nào. "
            'Hãy xem chữ trong điều kiện có đúng từng dấu không (ví dụ "Đã giao", không phải "Da giao"): '
            "in các giá trị thật của cột bằng `.unique()`.",
            "en": "💡 The result is empty or 0: the filter may keep no row. Check the text in the "
            'condition letter by letter (e.g. "Đã giao", not "Da giao"): print the column\'s real '
            "values with `.unique()`.",
        },
        "check.n_bars": {"vi": "{count} cột", "en": "{count} bars"},
        "check.ask_hint": {
            "vi": '💡 Cần gợi ý? Chạy `goi_y("{question}")` trong một ô mới.',
            "en": '💡 Need a hint? Run `goi_y("{question}")` in a new cell.',
        },
        "type.tuple": {
            "vi": "một bộ giá trị tuple (thường do dấu phẩy: Python viết số thập phân bằng dấu chấm, "
            "0.299 chứ không phải 0,299)",
            "en": "a tuple (often from a comma: Python writes decimals with a point, 0.299, not 0,299)",
        },
        "type.list": {"vi": "một danh sách (list)", "en": "a list"},
        "type.dict": {"vi": "một từ điển (dict)", "en": "a dict"},
        "type.str": {"vi": "một chuỗi chữ (str)", "en": "a text string (str)"},
        "type.int": {"vi": "một số nguyên (int)", "en": "a whole number (int)"},
        "type.float": {"vi": "một số thực (float)", "en": "a decimal number (float)"},
        "type.bool": {"vi": "True/False (kiểu bool)", "en": "True/False (a bool)"},
        "type.none": {"vi": "giá trị rỗng None", "en": "the empty value None"},
        "type.frame": {"vi": "một bảng DataFrame", "en": "a DataFrame"},
        "type.series": {"vi": "một cột dữ liệu Series", "en": "a Series"},
        "type.ndarray": {"vi": "một mảng numpy (ndarray)", "en": "a numpy array (ndarray)"},
        "type.numpy_number": {"vi": "một số của numpy ({name})", "en": "a numpy number ({name})"},
        "type.function": {
            "vi": "một hàm chưa được gọi (bạn quên dấu ngoặc () sau tên hàm?)",
            "en": "a function that was not called (missing () after its name?)",
        },
        "type.other": {"vi": "kiểu {name}", "en": "type {name}"},
        "hint.pointer": {
            "vi": '💡 **Cần gợi ý?** Chạy `goi_y("{answer}")` trong một ô mới: mỗi ô mới hiện thêm '
            "một gợi ý ({count} gợi ý, từ ý tưởng đến khung lời giải).",
            "en": '💡 **Need a hint?** Run `goi_y("{answer}")` in a new cell: each new cell shows one more '
            "hint ({count} hints, from the idea to a skeleton).",
        },
        "hint.header": {
            "vi": "💡 Gợi ý {tier}/{count} cho {answer}:",
            "en": "💡 Hint {tier}/{count} for {answer}:",
        },
        "hint.header_last": {
            "vi": "💡 Gợi ý {tier}/{count} cho {answer} (gợi ý cuối):",
            "en": "💡 Hint {tier}/{count} for {answer} (the last one):",
        },
        "hint.no_more": {
            "vi": "Bạn đã xem hết gợi ý của câu này. Lời giải đầy đủ sẽ có sau hạn nộp bài, "
            "khi giảng viên phát lời giải.",
            "en": "You have seen every hint of this question. The full solution comes after "
            "the due date, when the trainer releases it.",
        },
        "release.due_cell": {
            "vi": "### ⏰ Hạn nộp bài: {when}\n\nNộp trước giờ này ở bảng Bài tập của lớp "
            "(nút Nộp bài); bài nộp muộn vẫn được chấm nhưng có thể bị trừ điểm.",
            "en": "### ⏰ Due: {when}\n\nSubmit before then from the Assignments panel "
            "(Submit); late work is still graded but may lose points.",
        },
        "hint.replayed": {
            "vi": "(Ô này đã hiện các gợi ý trên; chạy lại ô không mở thêm gợi ý. Muốn gợi ý tiếp "
            'theo? Chạy `goi_y("{answer}")` trong một ô mới.)',
            "en": "(This cell already showed these hints; running it again opens no new one. "
            'For the next hint, run `goi_y("{answer}")` in a new cell.)',
        },
        "hint.list": {
            "vi": 'Các câu có gợi ý: {questions}. Ví dụ: goi_y("cau-1").',
            "en": 'Questions with hints: {questions}. For example: goi_y("cau-1").',
        },
        "hint.unknown": {
            "vi": "Không có gợi ý cho '{question}'. Các câu có gợi ý: {questions}.",
            "en": "There is no hint for '{question}'. Questions with hints: {questions}.",
        },
        "solutions.banner": {
            "vi": "# Lời giải — {assignment}\n\nGiảng viên phát lời giải này sau hạn nộp bài. Hãy so với bài của "
            "bạn: chỗ nào khác, vì sao? Bài đã nộp không thay đổi; điểm vẫn theo bài đã nộp.",
            "en": "# Worked solution — {assignment}\n\nThe trainer releases this after the due date. "
            "Compare it with your work: what differs, and why? Your submission and its score are unchanged.",
        },
        "selfcheck.comment": {
            "vi": "Tự kiểm tra câu này (bài không chứa đáp án; điểm do giảng viên chấm)",
            "en": "Self-check of this question (no answer in this copy; the trainer grades)",
        },
        "selfcheck.missing": {
            "vi": "⚠️ Không tìm thấy dữ liệu tự kiểm tra của câu này ({key}). Hãy mở bài trong thư "
            "mục bài tập đã nhận (đừng chép ô sang notebook khác) rồi chạy lại ô này.",
            "en": "⚠️ The self-check data of this question ({key}) was not found. Open the "
            "notebook in the assignment folder you fetched (do not copy cells to another "
            "notebook) and run this cell again.",
        },
        "error.where": {
            "vi": "📍 Ở dòng {line} của ô: {code}",
            "en": "📍 On line {line} of the cell: {code}",
        },
        "error.placeholder": {
            "vi": "⏳ Câu này còn dấu ... chưa được thay: hãy thay dấu ... bằng lời giải của bạn, "
            "rồi chạy lại ô.",
            "en": "⏳ This question still has a ... placeholder: replace the ... with your answer, "
            "then run the cell again.",
        },
        "error.ellipsis_shown": {
            "vi": "... (chưa làm: hãy thay dấu ... bằng lời giải)",
            "en": "... (not done yet: replace the ... with your answer)",
        },
        "error.previous_failed": {
            "vi": "⏳ Câu trước chưa chạy được: ô tạo ra `{name}` đã bị lỗi. Hãy sửa lỗi ở ô đó "
            "(xem khung đỏ phía trên), chạy lại nó, rồi chạy lại ô này.",
            "en": "⏳ An earlier cell did not run: the cell that makes `{name}` failed. Fix the "
            "error there (the red box above), run it again, then run this cell again.",
        },
        "check.previous_failed": {
            "vi": "⏳ Câu trước chưa chạy được: ô tạo ra {names} đã bị lỗi, nên chưa kiểm tra được "
            "câu này. Hãy sửa lỗi ở ô đó (khung đỏ phía trên), chạy lại nó, rồi chạy lại ô này.",
            "en": "⏳ An earlier cell did not run: the cell that makes {names} failed, so this "
            "question cannot be checked yet. Fix the error there (the red box above), run it "
            "again, then run this cell again.",
        },
        "error.str_number": {
            "vi": '❌ Phép tính trộn chữ (str) với số: với Python, "5" là chữ, 5 mới là số. Hãy đổi '
            "chữ sang số bằng int(...) hoặc float(...) trước khi tính (hoặc số sang chữ bằng "
            "str(...) khi muốn ghép chữ). Chi tiết: {detail}",
            "en": '❌ The computation mixes text (str) and numbers: to Python "5" is text, 5 is '
            "a number. Convert text to a number with int(...) or float(...) first (or a number "
            "to text with str(...) to join text). Details: {detail}",
        },
        "error.quantile": {
            "vi": "❌ quantile nhận một tỉ lệ từ 0 đến 1, không phải phần trăm: viết .quantile(0.9) "
            "cho mức 90%, không phải .quantile(90).",
            "en": "❌ quantile takes a fraction between 0 and 1, not a percentage: write "
            ".quantile(0.9) for 90%, not .quantile(90).",
        },
        "error.pandas_value": {
            "vi": "❌ Hàm của pandas không nhận giá trị bạn đưa vào. Hãy xem lại các đối số trong "
            "dấu ngoặc (tên cột, con số, kiểu dữ liệu). Chi tiết: {detail}",
            "en": "❌ The pandas function does not accept the value you gave it. Check the "
            "arguments in the brackets (column names, numbers, data types). Details: {detail}",
        },
        "error.index": {
            "vi": "❌ Vị trí nằm ngoài danh sách hoặc bảng: danh sách có n phần tử thì vị trí đi từ 0 "
            "đến n − 1 (phần tử cuối là [-1]). Hãy in len(...) để xem số phần tử. Chi tiết: {detail}",
            "en": "❌ The position is outside the list or table: a list of n items has positions 0 "
            "to n − 1 (the last one is [-1]). Print len(...) to see how many. Details: {detail}",
        },
        "error.attribute": {
            "vi": "❌ Một giá trị kiểu {owner} không có thuộc tính hay hàm `{name}`. Hãy kiểm tra "
            "chính tả, và xem biến có đúng là thứ bạn nghĩ không (in nó ra).",
            "en": "❌ A value of type {owner} has no attribute or method `{name}`. Check the "
            "spelling, and whether the variable is what you think (print it).",
        },
        "error.name": {
            "vi": "❌ Python chưa biết tên `{name}`. Có thể bạn chưa chạy ô tạo ra nó: hãy chạy lần "
            "lượt các ô phía trên (từ ô đầu bài), hoặc kiểm tra lại chính tả.",
            "en": "❌ Python does not know the name `{name}`. Perhaps the cell that defines it has "
            "not run yet: run the cells above (from the first one), or check the spelling.",
        },
        "error.did_you_mean": {
            "vi": "Có phải `{guess}`?",
            "en": "Did you mean `{guess}`?",
        },
        "error.missing_column": {
            "vi": "❌ Bảng không có cột '{key}'. Các cột hiện có: {columns}.",
            "en": "❌ The table has no column '{key}'. Its columns are: {columns}.",
        },
        "error.missing_key": {
            "vi": "❌ Không tìm thấy nhãn hoặc khóa '{key}' (KeyError). Hãy in ra các nhãn có thật "
            "(ví dụ `.index` hoặc `.keys()`) và so từng chữ, từng dấu.",
            "en": "❌ The label or key '{key}' was not found (KeyError). Print the real labels "
            "(e.g. `.index` or `.keys()`) and compare them letter by letter.",
        },
        "error.uint8": {
            "vi": "❌ Giá trị vượt khỏi khoảng 0–255 của ảnh (mảng kiểu uint8 chỉ chứa số nguyên 0–255). "
            "Hãy đổi ảnh sang số thực trước khi cộng hay nhân: `anh.astype(float)`.",
            "en": "❌ A value left the 0–255 range of the image (a uint8 array holds only 0–255). "
            "Convert the image to floats before adding or multiplying: `image.astype(float)`.",
        },
        "error.uint8_warning": {
            "vi": "⚠️ Phép tính bị tràn số (overflow): với ảnh kiểu uint8, 250 + 10 thành 4 chứ không "
            "phải 260. Hãy đổi ảnh sang số thực trước: `anh.astype(float)`.",
            "en": "⚠️ The computation overflowed: with a uint8 image, 250 + 10 gives 4, not 260. "
            "Convert the image to floats first: `image.astype(float)`.",
        },
        "error.tuple": {
            "vi": "❌ Phép tính gặp một bộ giá trị (tuple). Có phải bạn viết số thập phân bằng dấu phẩy "
            "(0,299)? Trong Python, số thập phân dùng dấu chấm: 0.299; còn 0,299 là hai số 0 và 299.",
            "en": "❌ The computation met a tuple. Did you write a decimal with a comma (0,299)? In "
            "Python decimals use a point: 0.299; 0,299 is two numbers, 0 and 299.",
        },
        "error.zero_division": {
            "vi": "❌ Phép chia cho 0: mẫu số đang bằng 0. Có thể bộ lọc không giữ lại dòng nào, nên "
            "tổng hoặc số dòng bằng 0.",
            "en": "❌ Division by zero: the denominator is 0. The filter may keep no row, so the sum "
            "or the count is 0.",
        },
        "error.syntax": {
            "vi": "❌ Python không hiểu câu lệnh ở dòng {line} (lỗi cú pháp):",
            "en": "❌ Python cannot read the statement on line {line} (syntax error):",
        },
        "error.syntax.unclosed": {
            "vi": "Có một dấu ngoặc ( [ {{ chưa được đóng.",
            "en": "A bracket ( [ {{ is not closed.",
        },
        "error.syntax.quote": {
            "vi": "Một chuỗi chữ thiếu dấu nháy đóng \" hoặc '.",
            "en": "A text string lacks its closing quote \" or '.",
        },
        "error.syntax.smart_quote": {
            "vi": 'Dấu nháy cong “ ” (thường do dán từ Word hoặc điện thoại): hãy gõ lại bằng dấu nháy thẳng ".',
            "en": 'Curly quotes “ ” (often pasted from Word or a phone): retype them as straight quotes ".',
        },
        "error.syntax.colon": {
            "vi": "Thiếu dấu hai chấm : ở cuối dòng if / for / def.",
            "en": "A colon : is missing at the end of the if / for / def line.",
        },
        "error.syntax.number": {
            "vi": "Số viết chưa đúng: Python dùng dấu chấm cho số thập phân (0.5) và không có dấu ngăn "
            "cách hàng nghìn kiểu 1.000.000 (viết 1000000 hoặc 1_000_000).",
            "en": "A number is written wrongly: Python uses a point for decimals (0.5) and no "
            "thousands dots like 1.000.000 (write 1000000 or 1_000_000).",
        },
        "error.syntax.indent": {
            "vi": "Các dòng thụt lề chưa đều: dùng cùng một số dấu cách (thường là 4) cho cùng một khối.",
            "en": "The indentation is uneven: use the same number of spaces (usually 4) in one block.",
        },
        "error.full_traceback": {
            "vi": "(Muốn xem chi tiết kỹ thuật? Chạy `xem_loi_day_du()` trong một ô mới.)",
            "en": "(Want the technical details? Run `xem_loi_day_du()` in a new cell.)",
        },
        "error.no_last": {
            "vi": "Chưa có lỗi nào để xem.",
            "en": "There is no error to show yet.",
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
