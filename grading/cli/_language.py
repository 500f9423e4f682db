"""``hocso --help`` and usage errors in the trainer's language.

The parser blocks are written in English, next to the API they expose; this
module puts the finished parser into the trainer's language (Vietnamese by
default, English with ``HOCSO_LANG=en``): every help text through
:data:`HELP`, argparse's own words (``usage:``, the section titles, its usage
errors) through :data:`ARGPARSE`. A help text may carry numbers that change
with the machine or the API (``2 here``, ``default: 70 %%``): they are matched
as ``#`` and carried into the translation in order, so the catalogue never
restates a default. ``tests/grading/test_cli_language.py`` fails on a help
text without a translation and on a translation no help text uses.

Examples
--------
>>> translate("do not open a web browser", lang="vi")
'không mở trình duyệt web'
>>> translate("worker processes on this machine (default: the CPUs, 16 here)", lang="vi")
'số tiến trình chấm trên máy này (mặc định: số CPU, ở máy này là 16)'
>>> translate("folder (default: bao-cao)", lang="vi")
'thư mục (mặc định: bao-cao)'
>>> translate("do not open a web browser", lang="en")
'do not open a web browser'
>>> translate_error("the following arguments are required: assignment", lang="vi")
'thiếu tham số bắt buộc: assignment'
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from toolkit.i18n import current_language

__all__ = [
    "ARGPARSE",
    "HELP",
    "VARIANTS",
    "Parser",
    "help_texts",
    "translate",
    "translate_error",
    "translate_parser",
]

_NUMBER = re.compile(r"\d+")
#: The suffix :func:`grading.cli._base.api_option` appends: ``help (default: X)``.
_DEFAULT = re.compile(r"^(?P<head>.*) \(default: (?P<value>[^()]*)\)$", re.S)

#: English help text (numbers as written today) -> Vietnamese, same numbers in the same order.
HELP: dict[str, str] = {
    # hocso and the options of every verb
    "Học Số: build, run and grade the digital-commerce course with nbgrader.": (
        "Học Số: tạo, mở và chấm khoá học kinh doanh số bằng nbgrader."
    ),
    "show this help message and exit": "xem hướng dẫn này rồi thoát",
    "course root (default: $HOCSO_COURSE, else the current folder when it has "
    "nbgrader_config.py, else the repository's kinh-doanh-so)": (
        "thư mục khoá học (mặc định: $HOCSO_COURSE, nếu không có thì thư mục hiện tại khi nó có "
        "nbgrader_config.py, nếu không thì kinh-doanh-so của kho mã)"
    ),
    "course root (default: $HOCSO_COURSE, else the current folder when it has "
    "nbgrader_config.py, else none: give one)": (
        "thư mục khoá học (mặc định: $HOCSO_COURSE, nếu không có thì thư mục hiện tại khi nó có "
        "nbgrader_config.py; nếu không thì phải ghi rõ)"
    ),
    "exchange folder (default: $HOCSO_EXCHANGE, Exchange.root in nbgrader_config.py, "
    "or hocso/exchange in your user data folder)": (
        "thư mục trao đổi bài (mặc định: $HOCSO_EXCHANGE, Exchange.root trong "
        "nbgrader_config.py, hoặc hocso/exchange trong thư mục dữ liệu của bạn)"
    ),
    "gradebook URL, passed to nbgrader unchanged (default: $HOCSO_DB_URL, nbgrader_config.py, "
    "or sqlite:///<course>/gradebook.db)": (
        "địa chỉ sổ điểm, chuyển nguyên cho nbgrader (mặc định: $HOCSO_DB_URL, "
        "nbgrader_config.py, hoặc sqlite:///<course>/gradebook.db)"
    ),
    "the class's time zone for due dates and times shown (default: $HOCSO_TZ or "
    "Asia/Ho_Chi_Minh)": (
        "múi giờ của lớp cho hạn nộp và giờ hiển thị (mặc định: $HOCSO_TZ hoặc Asia/Ho_Chi_Minh)"
    ),
    # the verbs
    "generate and validate the learner version of assignments": (
        "tạo và kiểm tra bản bài tập cho học viên"
    ),
    "build, fill the learner workspace and open JupyterLab in Vietnamese": (
        "tạo bài, chép vào thư mục học viên và mở JupyterLab tiếng Việt"
    ),
    "open nbgrader's Formgrader on this course, exchange and gradebook (manual grading)": (
        "mở Formgrader của nbgrader cho khoá học, thư mục trao đổi và sổ điểm này (chấm tay)"
    ),
    "JupyterHub for the class: accounts from the roster, the exchange service (root: creates "
    "a Unix user per learner)": (
        "JupyterHub cho lớp: tài khoản theo danh sách lớp, dịch vụ trao đổi bài (cần quyền root: "
        "tạo một tài khoản Unix cho mỗi học viên)"
    ),
    "enrol learners from a CSV file, or show the roster": (
        "ghi danh học viên từ tệp CSV, hoặc xem danh sách lớp"
    ),
    "build ASSIGNMENT (leak-checked) and release it to the exchange": (
        "tạo bài ASSIGNMENT (có kiểm tra lộ đáp án) và phát cho lớp qua thư mục trao đổi"
    ),
    "release ASSIGNMENT's worked solution after its due date": (
        "phát lời giải mẫu của ASSIGNMENT sau hạn nộp"
    ),
    "collect the latest submission of each learner": "thu bài nộp mới nhất của mỗi học viên",
    "grade collected submissions (new or changed ones; manual grades kept)": (
        "chấm các bài đã thu (bài mới hoặc đã sửa; giữ nguyên điểm chấm tay)"
    ),
    "start a Dask scheduler and grading workers (for autograde --scheduler)": (
        "khởi động bộ điều phối Dask và các tiến trình chấm (cho autograde --scheduler)"
    ),
    "generate feedback (no hidden tests) and return it through the exchange": (
        "tạo nhận xét (không lộ bài kiểm tra ẩn) và trả cho học viên qua thư mục trao đổi"
    ),
    "one row per learner x assignment: score, max, late, status": (
        "mỗi dòng một học viên × một bài: điểm, điểm tối đa, nộp muộn, tình trạng"
    ),
    "what is released, collected, graded, waiting for grading": (
        "bài nào đã phát, đã thu, đã chấm, đang chờ chấm"
    ),
    "the class's PostgreSQL: start|stop|status|url, migrate": (
        "PostgreSQL của lớp: start|stop|status|url (bật, tắt, tình trạng, địa chỉ), migrate "
        "(chuyển sổ điểm sang)"
    ),
    "run a synthetic cohort of 13 learners end to end and print its grade table": (
        "chạy thử trọn vẹn một lớp giả lập 13 học viên và in bảng điểm"
    ),
    "progress report: HTML (offline, phone), CSV files and an Excel workbook": (
        "báo cáo tiến độ: HTML (xem không cần mạng, trên điện thoại), tệp CSV và tệp Excel"
    ),
    "a PDF certificate per learner who completed the course": (
        "một chứng nhận PDF cho mỗi học viên hoàn thành khoá học"
    ),
    "check a certificate's verification code against the gradebook": (
        "đối chiếu mã kiểm tra của một chứng nhận với sổ điểm"
    ),
    # build, lab, formgrader, hub
    "assignment ids (default: all)": "mã bài (mặc định: tất cả)",
    "learner workspace (default: $HOCSO_WORKSPACE or workspace/)": (
        "thư mục làm bài của học viên (mặc định: $HOCSO_WORKSPACE hoặc workspace/)"
    ),
    "do not open a web browser": "không mở trình duyệt web",
    "fill the workspace, do not start JupyterLab": (
        "chỉ chép bài vào thư mục làm bài, không mở JupyterLab"
    ),
    "a learner of the roster: their own workspace, nbgrader cache and identity, to fetch and "
    "submit (default: self-study, nothing to submit)": (
        "một học viên trong danh sách lớp: thư mục làm bài, bộ nhớ đệm nbgrader và danh tính "
        "riêng, để nhận và nộp bài (mặc định: tự học, không nộp bài)"
    ),
    "the hub's folder (default /srv/hocso-hub/<course>)": (
        "thư mục của hub (mặc định /srv/hocso-hub/<course>)"
    ),
    "address learners reach (default 127.0.0.1: this computer only)": (
        "địa chỉ học viên truy cập (mặc định 127.0.0.1: chỉ máy này)"
    ),
    "public port (default 8000)": "cổng truy cập (mặc định 8000)",
    "a trainer's account (Formgrader, group formgrade-<course>); repeat": (
        "tài khoản giảng viên (Formgrader, nhóm formgrade-<course>); ghi nhiều lần cho nhiều người"
    ),
    "memory cap of each process of a learner": "giới hạn bộ nhớ cho mỗi tiến trình của học viên",
    "stop a learner's server idle this many seconds": (
        "tắt máy chủ của học viên không dùng quá chừng này giây"
    ),
    "Python of learners' servers (must be readable by every account)": (
        "Python cho máy chủ của học viên (mọi tài khoản phải đọc được)"
    ),
    "give ID a new one-time code (forgotten password); repeat": (
        "cấp cho ID một mã dùng một lần mới (quên mật khẩu); ghi nhiều lần cho nhiều người"
    ),
    "write accounts and configuration, do not start the hub": (
        "chỉ ghi tài khoản và cấu hình, không khởi động hub"
    ),
    "print the environment for TRAINER's hocso commands (running hub)": (
        "in biến môi trường cho các lệnh hocso của TRAINER (khi hub đang chạy)"
    ),
    # roster
    "check every line of FILE.csv, then enrol all learners (nothing on any error)": (
        "kiểm tra từng dòng của FILE.csv rồi ghi danh tất cả (có lỗi thì không ghi danh ai)"
    ),
    "list the enrolled learners": "liệt kê học viên đã ghi danh",
    "take a learner off the roster (with submissions: only on request)": (
        "xoá một học viên khỏi danh sách lớp (đã có bài nộp thì chỉ xoá khi yêu cầu rõ)"
    ),
    "change a learner's id; grades, folders and waiting submissions follow": (
        "đổi mã học viên; điểm, thư mục và bài đang chờ chuyển theo"
    ),
    "shared account: enrol ID on their workspace, issue their submission token": (
        "tài khoản dùng chung: ghi danh ID vào thư mục làm bài của họ, cấp mã nộp bài"
    ),
    "Columns: id, full_name, email (optional), group (optional). Vietnamese headers (mã, họ và "
    "tên, nhóm, tỉnh) and Excel's CSV UTF-8 work.": (
        "Các cột: id, full_name, email (không bắt buộc), group (không bắt buộc). Dùng được tiêu "
        "đề tiếng Việt (mã, họ và tên, nhóm, tỉnh) và tệp CSV UTF-8 của Excel."
    ),
    "the roster": "danh sách lớp",
    "also delete their grades (their folders are kept in .hocso/removed/)": (
        "xoá cả điểm (thư mục của học viên được giữ trong .hocso/removed/)"
    ),
    "default: the learner's own": "mặc định: của chính học viên",
    # release, solutions, collect, autograde, workers, feedback
    "due date, day first: '01/03/2026 23:59', '1/3/2026' (23:59 that day) or '2026-03-01 "
    "23:59'; in the class's time zone (--tz) unless it has an offset": (
        "hạn nộp, ngày trước: '01/03/2026 23:59', '1/3/2026' (23:59 ngày đó) hoặc "
        "'2026-03-01 23:59'; theo múi giờ của lớp (--tz) nếu không ghi độ lệch giờ"
    ),
    "accept a due date in the past": "chấp nhận hạn nộp đã qua",
    "accept a new due date that makes existing submissions late or on time": (
        "chấp nhận hạn nộp mới làm các bài đã nộp thành muộn hoặc đúng hạn"
    ),
    "accept a due date later than the release of the worked solution": (
        "chấp nhận hạn nộp muộn hơn lúc đã phát lời giải mẫu"
    ),
    "write DIR/nbgrader_config.py so a JupyterLab opened in DIR finds the exchange": (
        "ghi DIR/nbgrader_config.py để JupyterLab mở ở DIR tìm thấy thư mục trao đổi"
    ),
    "self-study: write it into DIR/ASSIGNMENT-loi-giai/ instead of the exchange": (
        "tự học: ghi lời giải vào DIR/ASSIGNMENT-loi-giai/ thay vì thư mục trao đổi"
    ),
    "release before the due date": "phát trước hạn nộp",
    "only this learner (repeatable)": "chỉ học viên này (ghi được nhiều lần)",
    "regrade submissions already graded": "chấm lại cả bài đã chấm",
    "a submission handed in after the worked solution: 0 for its autograded points (zero) or "
    "graded as usual (keep); flagged either way (default: zero)": (
        "bài nộp sau khi đã phát lời giải mẫu: 0 điểm phần chấm tự động (zero) hoặc chấm như "
        "thường (keep); cả hai cách đều được đánh dấu (mặc định: zero)"
    ),
    "per-cell time limit in seconds (default: Execute.timeout in nbgrader_config.py, else 30)": (
        "thời gian tối đa cho mỗi ô, tính bằng giây (mặc định: Execute.timeout trong "
        "nbgrader_config.py, nếu không có thì 30)"
    ),
    "submissions executing at once with the sandboxed executor (default: the number of CPUs, "
    "2 here)": ("số bài chạy cùng lúc trong hộp cát (mặc định: số CPU, ở máy này là 2)"),
    "execute one submission at a time (default: ahead, in parallel, with the sandbox)": (
        "chạy từng bài một (mặc định: chạy trước, song song, trong hộp cát)"
    ),
    "execute on the workers of this Dask scheduler (tcp://HOST:8786, tls://...; see `hocso "
    "workers`); default: c.Hocso.scheduler in nbgrader_config.py, else this machine": (
        "chạy bài trên các tiến trình chấm của bộ điều phối Dask này (tcp://HOST:8786, tls://...; "
        "xem `hocso workers`); mặc định: c.Hocso.scheduler trong nbgrader_config.py, nếu không "
        "có thì máy này"
    ),
    "the CA certificate(s) of the cluster": "chứng chỉ CA của cụm máy chấm",
    "this machine's certificate": "chứng chỉ của máy này",
    "this machine's private key": "khoá bí mật của máy này",
    "A Dask scheduler runs whatever a connected client sends: keep it on 127.0.0.1 (the "
    "default), or on a private network with TLS certificates; never on the internet.": (
        "Bộ điều phối Dask chạy mọi thứ mà máy kết nối gửi tới: hãy để nó ở 127.0.0.1 (mặc "
        "định), hoặc trong mạng nội bộ có chứng chỉ TLS; không bao giờ để lộ ra Internet."
    ),
    "start the scheduler on this machine": "khởi động bộ điều phối trên máy này",
    "join a scheduler started elsewhere (tcp://HOST:8786 or tls://...)": (
        "tham gia một bộ điều phối đã chạy ở máy khác (tcp://HOST:8786 hoặc tls://...)"
    ),
    "address the scheduler listens on (default 127.0.0.1: this machine only)": (
        "địa chỉ bộ điều phối lắng nghe (mặc định 127.0.0.1: chỉ máy này)"
    ),
    "the scheduler's port (default 8786)": "cổng của bộ điều phối (mặc định 8786)",
    "worker processes on this machine (default: the CPUs, 2 here)": (
        "số tiến trình chấm trên máy này (mặc định: số CPU, ở máy này là 2)"
    ),
    "memory per worker process, e.g. 2GiB (default: the machine's, shared)": (
        "bộ nhớ cho mỗi tiến trình chấm, ví dụ 2GiB (mặc định: bộ nhớ của máy, dùng chung)"
    ),
    "serve a non-loopback scheduler without TLS (private, firewalled network only)": (
        "cho bộ điều phối nghe ngoài máy này mà không có TLS (chỉ trong mạng nội bộ có tường lửa)"
    ),
    "also for submissions whose written answers are not graded yet": (
        "cả cho bài có câu tự luận chưa chấm"
    ),
    "generate the HTML, do not return it": "chỉ tạo HTML, không trả cho học viên",
    # grades, status, db, demo
    "also write a CSV": "ghi thêm tệp CSV",
    "only this assignment (repeatable)": "chỉ bài này (ghi được nhiều lần)",
    "the local server (default <course>/.hocso/postgres)": (
        "máy chủ trên máy này (mặc định <course>/.hocso/postgres)"
    ),
    "migrate: target URL (default: the local server)": (
        "migrate: địa chỉ đích (mặc định: máy chủ trên máy này)"
    ),
    "a new or empty folder (default: a new temporary folder, kept)": (
        "thư mục mới hoặc trống (mặc định: một thư mục tạm mới, được giữ lại)"
    ),
    # report, certificates, verify
    "folder": "thư mục",
    "at least X %% of the course's points": "ít nhất X %% tổng điểm khoá học",
    "instead: at least X %% in every skill area": "thay vào đó: ít nhất X %% ở mọi mảng kỹ năng",
    "do not require every assignment submitted": "không bắt buộc nộp đủ mọi bài",
    "issue date (default today)": "ngày cấp (mặc định hôm nay)",
    "e.g. HS-20260310-mai-nguyen-ABCDEFGHIJKLMNOP": "ví dụ HS-20260310-mai-nguyen-ABCDEFGHIJKLMNOP",
}

#: argparse's own words, and the usage errors it raises (Python 3.11's texts).
ARGPARSE: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tuỳ chọn",
    "default": "mặc định",
    "{prog}: error: {message}\n": "{prog}: lỗi: {message}\n",
}
#: ``(English pattern, Vietnamese template)`` of argparse's usage errors.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), template)
    for pattern, template in (
        (r"^the following arguments are required: (?P<a>.*)$", "thiếu tham số bắt buộc: {a}"),
        (r"^unrecognized arguments: (?P<a>.*)$", "không hiểu các tham số: {a}"),
        (r"^one of the arguments (?P<a>.*) is required$", "cần một trong các tham số {a}"),
        (r"^ambiguous option: (?P<a>\S+) could match (?P<b>.*)$",
         "tuỳ chọn {a} không rõ: có thể là {b}"),
        (r"^argument (?P<a>[^:]+): invalid choice: (?P<b>.*) \(choose from (?P<c>.*)\)$",
         "tham số {a}: không có lựa chọn {b} (chọn một trong: {c})"),
        (r"^argument (?P<a>[^:]+): invalid (?P<b>\S+) value: (?P<c>.*)$",
         "tham số {a}: giá trị {c} không hợp lệ ({b})"),
        (r"^argument (?P<a>[^:]+): expected one argument$", "tham số {a}: cần một giá trị"),
        (r"^argument (?P<a>[^:]+): expected at least one argument$",
         "tham số {a}: cần ít nhất một giá trị"),
        (r"^argument (?P<a>[^:]+): not allowed with argument (?P<b>.*)$",
         "tham số {a}: không dùng cùng {b}"),
        (r"^must be 1 or more, not (?P<a>.*)$", "phải từ 1 trở lên, không phải {a}"),
        (r"^a percentage from 0 to 100, not (?P<a>.*)$",
         "phải là một phần trăm từ 0 đến 100, không phải {a}"),
    )
)  # fmt: skip


def _key(text: str) -> str:
    return _NUMBER.sub("#", text)


#: Help texts that exist only on some machines (the course root's default).
VARIANTS: frozenset[str] = frozenset(
    {
        "course root (default: $HOCSO_COURSE, else the current folder when it has "
        "nbgrader_config.py, else the repository's kinh-doanh-so)",
        "course root (default: $HOCSO_COURSE, else the current folder when it has "
        "nbgrader_config.py, else none: give one)",
    }
)

_BY_KEY: dict[str, str] = {_key(english): vi for english, vi in HELP.items()}


def _with_numbers(template: str, numbers: list[str]) -> str:
    """``template`` with its numbers replaced, in order, by ``numbers``."""
    found = iter(numbers)
    return _NUMBER.sub(lambda m: next(found, m.group()), template)


def translate(text: str, *, lang: str | None = None) -> str:
    """A help text in the current language (unchanged in English or when not catalogued).

    Examples
    --------
    >>> translate("run a synthetic cohort of 20 learners end to end and print its grade table",
    ...           lang="vi")
    'chạy thử trọn vẹn một lớp giả lập 20 học viên và in bảng điểm'
    >>> translate("a text nobody translated", lang="vi")
    'a text nobody translated'
    """
    if (lang or current_language()) != "vi" or not text:
        return text
    known = _BY_KEY.get(_key(text))
    if known is not None:
        return _with_numbers(known, _NUMBER.findall(text))
    match = _DEFAULT.match(text)
    if match and _key(match["head"]) in _BY_KEY:
        head = translate(match["head"], lang="vi")
        return f"{head} ({ARGPARSE['default']}: {translate(match['value'], lang='vi')})"
    return text


def translate_error(message: str, *, lang: str | None = None) -> str:
    """One of argparse's usage errors in the current language (others unchanged)."""
    if (lang or current_language()) != "vi":
        return message
    for pattern, template in _ERRORS:
        match = pattern.match(message)
        if match:
            return template.format(**match.groupdict())
    argument = re.match(r"^argument (?P<a>[^:]+): (?P<b>.*)$", message, re.S)
    if argument:  # a type's own error (``_positive``), after the argument's name
        return f"tham số {argument['a']}: {translate_error(argument['b'], lang='vi')}"
    return message


def help_texts(parser: argparse.ArgumentParser) -> list[str]:
    """Every help text, description and epilog of ``parser`` and its sub-parsers."""
    found: list[str] = []

    def walk(p: argparse.ArgumentParser) -> None:
        found.extend(s for s in (p.description, p.epilog) if s)
        for action in p._actions:
            if action.help and action.help != argparse.SUPPRESS:
                found.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                found.extend(c.help for c in action._choices_actions if c.help)
                for sub in action.choices.values():
                    walk(sub)

    walk(parser)
    return found


def translate_parser(parser: argparse.ArgumentParser, *, lang: str | None = None) -> None:
    """Put every text of ``parser`` (and its sub-parsers) into the current language, in place."""
    lang = lang or current_language()
    if lang != "vi":
        return

    def walk(p: argparse.ArgumentParser) -> None:
        p.description = translate(p.description, lang=lang) if p.description else p.description
        p.epilog = translate(p.epilog, lang=lang) if p.epilog else p.epilog
        for group in p._action_groups:
            if group.title in ARGPARSE:
                group.title = ARGPARSE[group.title]
        for action in p._actions:
            if action.help and action.help != argparse.SUPPRESS:
                action.help = translate(action.help, lang=lang)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = translate(choice.help, lang=lang) if choice.help else None
                seen: set[int] = set()
                for sub in action.choices.values():
                    if id(sub) not in seen:  # aliases share one parser
                        seen.add(id(sub))
                        walk(sub)

    walk(parser)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None and current_language() == "vi":
            prefix = ARGPARSE["usage: "]
        super().add_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage line and errors are in the trainer's language.

    Sub-parsers are of the same class (argparse's ``parser_class`` default).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        template = ARGPARSE["{prog}: error: {message}\n"] if current_language() == "vi" else None
        text = (template or "{prog}: error: {message}\n").format(
            prog=self.prog, message=translate_error(message)
        )
        self.exit(2, text)
