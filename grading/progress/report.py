"""``hocso report``: one HTML page, CSV files and an Excel workbook of a cohort's progress.

The HTML page is self-contained: charts are inline SVG drawn by matplotlib,
styles are inline, there is no script and nothing is fetched, so it opens
offline, from an e-mail attachment, on a phone. Labels are Vietnamese. Every
text that came from a learner or the roster (names, groups) is escaped.

CSV files (UTF-8 with a byte-order mark, for Excel) and the workbook use
Vietnamese column names; a cell that starts with ``=``, ``+``, ``-``, ``@``
would be run as a formula by a spreadsheet, so such texts get a leading
apostrophe (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grading.core.safety import atomic_write_bytes, atomic_write_text, spreadsheet_safe
from grading.progress.analytics import question_label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from grading.classroom.cohort import Cohort
    from grading.progress.analytics import Progress, Thresholds

__all__ = [
    "COLUMN_LABELS",
    "ReportResult",
    "charts",
    "percent",
    "render_html",
    "report",
    "safe_cell",
    "write_tables",
]

#: Course titles used when a course folder has no README.md (e.g. a copied cohort).
COURSE_TITLES = {"kinh-doanh-so": "Kinh doanh số"}

#: Vietnamese headers of the exported tables.
COLUMN_LABELS = {
    "learner": "mã học viên",
    "full_name": "họ và tên",
    "group": "nhóm",
    "district": "huyện",
    "province": "tỉnh",
    "assignment": "bài",
    "skill": "kỹ năng",
    "notebook": "sổ",
    "question": "mã câu",
    "kind": "loại",
    "max_score": "điểm tối đa",
    "score": "điểm",
    "share": "tỉ lệ điểm (bài đã phát)",
    "share_submitted": "tỉ lệ điểm bài đã nộp",
    "submitted": "đã nộp",
    "assignments": "số bài đã phát",
    "timestamp": "thời điểm nộp",
    "duedate": "hạn nộp",
    "seconds_late": "số giây trễ",
    "late": "nộp trễ",
    "pending": "chờ chấm tay",
    "graded_by": "chấm bởi",
    "checks": "lần tự kiểm tra (học viên tự ghi)",
    "attempts_before_success": "lần thử trước khi đúng (học viên tự ghi)",
    "solved_in_self_check": "đúng khi tự kiểm tra (học viên tự ghi)",
    "hints_used": "gợi ý đã xem (học viên tự ghi)",
    "max_hint_tier": "gợi ý cao nhất",
    "first_check": "lần kiểm tra đầu",
    "seconds_to_success": "số giây đến khi đúng",
    "completion": "tỉ lệ hoàn thành",
    "skills_mastered": "kỹ năng thành thạo",
    "skills_count": "số kỹ năng thành thạo",
    "mastered": "thành thạo",
    "responses": "số bài nộp",
    "difficulty": "độ khó (điểm TB)",
    "discrimination": "độ phân loại (r)",
    "upper_lower": "chênh lệch nhóm trên–dưới 27 %",
    "mean_attempts": "lần thử TB",
    "mean_hints": "gợi ý TB",
    "flag": "cần xem lại",
    "learners": "số học viên",
    "period": "tuần bắt đầu",
    "kinds": "loại nguy cơ",
    "reason": "lý do",
    "released": "đã phát",
    "submissions": "số bài nộp",
    "after_solutions": "nộp sau khi phát lời giải",
    "question_name": "câu",
    "unreleased": "số bài chưa phát (không tính)",
}
_FLAGS = {
    "too easy": "quá dễ",
    "too hard": "quá khó",
    "negative discrimination": "phân loại ngược",
}
_KINDS = {"code": "mã", "written": "viết"}
_GRADED_BY = {"auto": "tự động", "manual": "giảng viên", "pending": "chờ chấm", "none": "chưa nộp"}
#: Tables exported, in order: (attribute of Progress, file / sheet name, sheet title).
TABLES = (
    ("at_risk", "can-ho-tro", "Cần hỗ trợ"),
    ("learners", "hoc-vien", "Học viên"),
    ("skills", "ky-nang", "Kỹ năng"),
    ("assignments", "bai", "Bài"),
    ("question_stats", "cau-hoi", "Câu hỏi"),
    ("groups", "nhom", "Nhóm"),
    ("districts", "huyen", "Huyện"),
    ("provinces", "tinh", "Tỉnh"),
    ("trend", "xu-huong", "Xu hướng"),
    ("submissions", "bai-nop", "Bài nộp"),
    ("questions", "chi-tiet", "Chi tiết"),
)


@dataclass(frozen=True)
class ReportResult:
    """Files written by :func:`report`."""

    html: Path
    workbook: Path
    csvs: tuple[Path, ...]
    learners: int
    at_risk: int


def percent(value: float, digits: int = 0) -> str:
    """A share as a Vietnamese percentage (decimal comma, space before %).

    Examples
    --------
    >>> percent(0.625), percent(0.625, 1), percent(float("nan"))
    ('62 %', '62,5 %', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value * 100:.{digits}f}".replace(".", ",")
    return f"{text} %"


def safe_cell(value: Any) -> Any:
    """A value a spreadsheet shows as typed (:func:`grading.core.safety.spreadsheet_safe`).

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("|cmd"), safe_cell(-1.5)
    ('\\'=HYPERLINK("http://x")', "'|cmd", -1.5)
    """
    return spreadsheet_safe(value)


def _zone_label(zone: Any) -> str:
    """``"giờ Việt Nam, UTC+7"`` for the class's zone; ``"UTC+hh:mm"`` otherwise.

    Examples
    --------
    >>> from grading.core.times import class_timezone
    >>> _zone_label(class_timezone("Asia/Ho_Chi_Minh")), _zone_label(class_timezone("UTC"))
    ('giờ Việt Nam, UTC+7', 'UTC+0')
    """
    offset = zone.utcoffset(dt.datetime(2026, 1, 1))
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    text = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return f"giờ Việt Nam, {text}" if str(zone) == "Asia/Ho_Chi_Minh" else text


def _local(series: pd.Series, zone: Any) -> pd.Series:
    return series.dt.tz_convert(zone).dt.tz_localize(None)


#: Vietnamese values of the English codes the analytics use.
_RISK_KINDS = {"submissions": "chưa nộp bài", "mastery": "điểm thấp", "struggling": "gặp khó"}


def _export_frame(frame: pd.DataFrame, zone: Any = None) -> pd.DataFrame:
    """Vietnamese headers and values, times in the class's zone (named in the header),
    formula-safe texts."""
    import pandas as pd

    from grading.core.times import class_timezone

    zone = zone or class_timezone()
    zone_label = _zone_label(zone)
    out = frame.copy()
    if {"assignment", "question"} <= set(out.columns):  # "Bài 2, câu 1" beside the cell id
        names = [
            question_label(a, q) for a, q in zip(out["assignment"], out["question"], strict=True)
        ]
        out.insert(list(out.columns).index("question"), "question_name", names)
    labels = {}
    for column in out.columns:
        series = out[column]
        label = COLUMN_LABELS.get(column, column)
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[column] = _local(series, zone)
            label = f"{label} ({zone_label})"
        elif column == "flag":
            out[column] = series.map(
                lambda s: "; ".join(_FLAGS.get(x, x) for x in s.split("; ") if x)
            )
        elif column == "kind":
            out[column] = series.map(lambda s: _KINDS.get(s, s))
        elif column == "kinds":
            out[column] = series.map(
                lambda s: ", ".join(_RISK_KINDS.get(x, x) for x in s.split(", ") if x)
            )
        elif column == "graded_by":
            out[column] = series.map(lambda s: _GRADED_BY.get(s, s))
        elif column == "released":
            out[column] = series.map({True: "đã phát", False: "chưa phát"})
        elif series.dtype == bool:
            out[column] = series.map({True: "có", False: "không"})
        elif series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.astype(object).map(safe_cell)
        labels[column] = label
    return out.rename(columns=labels)


def _plain(value: Any) -> Any:
    """A spreadsheet value: None for missing, Python scalars and datetimes."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):
        return None if value != value else value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


#: Widest column of a sheet (characters); longer texts wrap.
MAX_COLUMN_WIDTH = 60
#: A header longer than this wraps onto more lines instead of widening its column.
HEADER_WIDTH = 14


def column_widths(frame: pd.DataFrame, *, sample: int = 2000) -> list[float]:
    """Character widths that show every header and value of ``frame`` uncut.

    The longest of the header and the first ``sample`` values, plus padding,
    capped at :data:`MAX_COLUMN_WIDTH` (longer texts wrap in their cell).

    Examples
    --------
    >>> import pandas as pd
    >>> column_widths(pd.DataFrame({"họ và tên": ["Nguyễn Thị Minh Khai", "An"], "x": [1, 2]}))
    [23, 6]
    >>> column_widths(pd.DataFrame({"lần tự kiểm tra (học viên tự ghi)": [3]}))
    [16]
    """
    widths = []
    for column in frame.columns:
        values = [_shown(v) for v in frame[column].head(sample)]
        longest = max([0, *(len(v) for v in values)])
        header = min(len(str(column)), HEADER_WIDTH)  # a longer header wraps
        widths.append(min(MAX_COLUMN_WIDTH, max(6, longest + 3, header + 2)))
    return widths


def header_lines(headers: Sequence[Any], widths: Sequence[float]) -> int:
    """Lines the tallest wrapped header needs in columns of ``widths`` characters.

    Examples
    --------
    >>> header_lines(["họ và tên", "lần tự kiểm tra (học viên tự ghi)"], [23, 16])
    3
    >>> header_lines(["họ và tên"], [23])
    1
    """
    import textwrap

    return max(
        [
            1,
            *(
                len(textwrap.wrap(str(h), max(4, int(w) - 2)))
                for h, w in zip(headers, widths, strict=True)
            ),
        ]
    )


def _shown(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, dt.datetime):
        return "20/12/2026 23:59"
    return str(value)


def _sheet(workbook: Any, title: str, source: pd.DataFrame, frame: pd.DataFrame) -> None:
    """One write-only sheet: bold frozen header with filters, fitted widths, texts never formulas."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"  # printed or sent as PDF: one page wide
    sheet.page_setup.paperSize = 9  # A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    widths = column_widths(frame)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if len(frame.columns):
        last = get_column_letter(len(frame.columns))
        sheet.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 15 * header_lines(frame.columns, widths) + 3
    header = []
    for column in frame.columns:
        cell = WriteOnlyCell(sheet, value=str(column))
        cell.font = bold
        cell.alignment = wrap
        header.append(cell)
    sheet.append(header)
    share_labels = {COLUMN_LABELS.get(c, c) for c in _SHARE_COLUMNS}
    shares = [str(c) in share_labels for c in frame.columns]
    long = [w >= MAX_COLUMN_WIDTH for w in widths]
    for number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        if any(long):  # wrapped texts: the row is as tall as its longest one
            wrapped = [str(_plain(v) or "") for v, wide in zip(row, long, strict=True) if wide]
            lines = header_lines(wrapped, [MAX_COLUMN_WIDTH] * len(wrapped))
            if lines > 1:
                sheet.row_dimensions[number].height = 15 * lines + 2
        values: list[Any] = []
        for value, share, wide in zip(row, shares, long, strict=True):
            value = _plain(value)
            if share and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "0%"
                value = cell
            elif isinstance(value, float) and not value.is_integer():
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "0.00"
                value = cell
            elif isinstance(value, dt.datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "dd/mm/yyyy hh:mm"
                value = cell
            elif isinstance(value, str) and (value.startswith("=") or wide):
                cell = WriteOnlyCell(sheet, value=value)  # safe_cell prevents "="; kept as text
                cell.data_type = "s"
                if wide:
                    cell.alignment = wrap
                value = cell
            values.append(value)
        sheet.append(values)


_SHARE_COLUMNS = {"share", "share_submitted", "completion", "difficulty"}
#: A table of more cells than this goes to its CSV file only (a sheet that large is slow
#: to write and to open on a trainer's laptop): the per-question detail, and the
#: per-submission table of a cohort of more than about 10,000 submissions.
MAX_SHEET_CELLS = 250_000


def write_tables(progress: Progress, out: Path) -> tuple[Path, list[Path]]:
    """Write every table as ``<out>/<name>.csv`` and to ``bao-cao.xlsx``, one sheet each.

    A table of more than :data:`MAX_SHEET_CELLS` cells is left out of the workbook,
    with a sheet row saying which CSV file holds it.
    """
    from openpyxl import Workbook

    out.mkdir(parents=True, exist_ok=True)
    csvs = []
    workbook = Workbook(write_only=True)
    for attribute, name, title in TABLES:
        source = getattr(progress, attribute)
        frame = _export_frame(source)
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, lineterminator="\n")
        path = out / f"{name}.csv"
        atomic_write_text(path, "\ufeff" + buffer.getvalue())
        csvs.append(path)
        if frame.size > MAX_SHEET_CELLS:
            sheet = workbook.create_sheet(title)
            sheet.append([f"{len(frame)} dòng: xem tệp {path.name}"])
            continue
        _sheet(workbook, title, source, frame)
    workbook_path = out / "bao-cao.xlsx"
    data = io.BytesIO()
    workbook.save(data)
    atomic_write_bytes(workbook_path, data.getvalue())
    return workbook_path, csvs


# ---------------------------------------------------------------------------
# Charts: matplotlib -> inline SVG
# ---------------------------------------------------------------------------

_BLUE, _RED, _GREY, _GREEN = "#1f6feb", "#d1242f", "#8c959f", "#1a7f37"


def _svg(figure: Any, label: str) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.S)
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", text, count=1)
    return text.replace(
        "<svg", f'<svg role="img" aria-label="{html.escape(label)}" class="chart"', 1
    )


def _figure(height: float = 3.2) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(4.8, height), dpi=100)
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _percent_axis(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _p: percent(v)))


def charts(progress: Progress) -> dict[str, str]:
    """The report's charts as inline SVG texts, by name."""
    import matplotlib

    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "hocso",
            "font.size": 11,
            "legend.fontsize": 10,
            "text.parse_math": False,  # a "$" in a learner's group is a dollar, never TeX
            "text.usetex": False,
        }
    ):
        return {
            "completion": _completion_chart(progress),
            "skills": _skills_chart(progress),
            "questions": _questions_chart(progress),
            "groups": _groups_chart(progress),
            "trend": _trend_chart(progress),
        }


def _completion_chart(progress: Progress) -> str:
    table = progress.assignments[progress.assignments["released"]]
    figure, axes = _figure(1.2 + 0.5 * max(1, len(table)))
    labels = [
        f"{a[:2]} {skill}" for a, skill in zip(table["assignment"], table["skill"], strict=True)
    ]
    axes.barh(labels, table["completion"], color=_BLUE, label="đã nộp")
    axes.barh(labels, table["late"] / table["learners"].clip(lower=1), color=_RED, label="nộp trễ")
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    _percent_axis(axes.xaxis)
    axes.set_xlabel("tỉ lệ học viên")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    return _svg(figure, CAPTIONS["completion"])


def _skills_chart(progress: Progress) -> str:
    from grading.progress.analytics import skill_order

    table = (
        progress.skills.groupby("skill", sort=False)
        .agg(mastered=("mastered", "mean"), share=("share", "mean"))
        .reindex(skill_order(progress.questions))
    )
    figure, axes = _figure(1.2 + 0.5 * max(1, len(table)))
    axes.barh(table.index, table["share"], color=_GREY, label="điểm trung bình")
    axes.barh(table.index, table["mastered"], height=0.4, color=_GREEN, label="tỉ lệ thành thạo")
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    _percent_axis(axes.xaxis)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    return _svg(figure, CAPTIONS["skills"])


def _questions_chart(progress: Progress) -> str:
    table = progress.question_stats
    figure, axes = _figure(4.2)
    flagged = table["flag"] != ""
    axes.scatter(
        table["difficulty"][~flagged], table["discrimination"][~flagged], color=_BLUE, label="ổn"
    )
    axes.scatter(
        table["difficulty"][flagged],
        table["discrimination"][flagged],
        color=_RED,
        marker="D",
        label="cần xem lại",
    )
    for row in table[flagged].itertuples(index=False):
        if row.difficulty == row.difficulty and row.discrimination == row.discrimination:
            axes.annotate(
                question_label(row.assignment, row.question)
                .replace("Bài ", "B")
                .replace(", câu ", "/c"),
                (row.difficulty, row.discrimination),
                fontsize=9,
            )
    t = progress.thresholds
    axes.axvspan(0, t.too_hard, color=_RED, alpha=0.06)
    axes.axvspan(t.too_easy, 1, color=_RED, alpha=0.06)
    axes.axhline(t.negative, color=_GREY, linewidth=0.8)
    axes.set_xlim(0, 1)
    axes.set_ylim(-1, 1)
    _percent_axis(axes.xaxis)
    axes.set_xlabel("độ khó: điểm trung bình của câu")
    axes.set_ylabel("độ phân loại (r)")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    return _svg(figure, CAPTIONS["questions"])


def _groups_chart(progress: Progress) -> str:
    table = progress.provinces if len(progress.groups) > 12 else progress.groups
    key = "province" if table is progress.provinces else "group"
    figure, axes = _figure(1.2 + 0.5 * max(1, len(table)))
    axes.barh(table[key], table["completion"], color=_GREY, label="hoàn thành")
    axes.barh(table[key], table["share"], height=0.4, color=_BLUE, label="điểm trung bình")
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    _percent_axis(axes.xaxis)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    return _svg(figure, CAPTIONS["groups"])


def _trend_chart(progress: Progress) -> str:
    table = progress.trend
    figure, axes = _figure(3.6)
    if len(table):
        labels = [p.strftime("%d/%m") for p in table["period"]]
        axes.bar(labels, table["submissions"], color=_GREY, label="số bài nộp")
        axes.set_ylabel("số bài nộp")
        from matplotlib.ticker import MaxNLocator

        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole submissions
        right = axes.twinx()
        right.plot(labels, table["share"], color=_BLUE, marker="o", label="điểm trung bình")
        right.set_ylim(0, 1)
        _percent_axis(right.yaxis)
        right.spines[["top"]].set_visible(False)
    else:
        axes.text(0.5, 0.5, "chưa có bài nộp", ha="center", va="center")
    axes.set_xlabel("tuần bắt đầu (ngày/tháng)")
    return _svg(figure, CAPTIONS["trend"])


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;
 padding:12px;color:#1f2328;background:#f6f8fa;font-size:16px;line-height:1.45}
main{max-width:960px;margin:0 auto}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .4em}
figure{margin:0 0 8px}figcaption{font-weight:600;font-size:.95em;margin:.2em 0}
.scope{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:6px 8px}
.meta{color:#57606a;font-size:.9em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin:12px 0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px}
.card b{display:block;font-size:1.6em}.card.warn b{color:#d1242f}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px;margin:10px 0}
.chart{width:100%;max-width:560px;height:auto;display:block}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border-bottom:1px solid #d8dee4;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;white-space:nowrap}
td{overflow-wrap:anywhere}
details summary{cursor:pointer;font-weight:600}
"""


def _cell(value: Any, column: str) -> tuple[str, bool]:
    """``(text, numeric)`` of one table cell; the template escapes the text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–", True
    if column in _SHARE_COLUMNS or column == "share_submitted":
        return percent(float(value)), True
    if column in {"discrimination", "upper_lower", "mean_attempts", "mean_hints"}:
        return f"{float(value):.2f}".replace(".", ","), True
    if column == "released":
        return ("đã phát" if value else "chưa phát"), False
    if isinstance(value, bool):
        return ("có" if value else "không"), False
    if isinstance(value, (int, float)):
        return f"{value:g}", True
    if column == "flag":
        value = "; ".join(_FLAGS.get(x, x) for x in str(value).split("; ") if x)
    if column == "kind":
        value = _KINDS.get(value, value)
    if hasattr(value, "strftime"):
        value = value.strftime("%d/%m/%Y")
    return str(value), False


def _table(frame: pd.DataFrame, columns: Sequence[str], empty: str) -> dict[str, Any]:
    rows = [
        [_cell(value, c) for value, c in zip(row, columns, strict=True)]
        for row in frame[list(columns)].itertuples(index=False, name=None)
    ]
    return {"empty": empty, "head": [COLUMN_LABELS.get(c, c) for c in columns], "rows": rows}


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("grading", "templates/report"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


#: Chart captions (the section headings hold the topic; captions say what is drawn).
CAPTIONS = {
    "completion": "Tỉ lệ học viên đã nộp từng bài đã phát",
    "skills": "Điểm trung bình và tỉ lệ thành thạo theo kỹ năng",
    "groups": "Hoàn thành và điểm trung bình theo nhóm",
    "trend": "Theo tuần: số bài nộp và điểm trung bình",
    "questions": "Câu hỏi: độ khó và độ phân loại",
}


def render_html(
    progress: Progress, *, title: str = "", generated: dt.datetime | None = None
) -> str:
    """The report page (``templates/report/bao-cao.html.j2``, autoescaped).

    Headline numbers, learners to help, charts and tables, over the assignments
    released to the class only; the page says which are counted and which not.
    """
    from markupsafe import Markup

    from grading.core.times import class_timezone

    zone = class_timezone()
    generated = (generated or dt.datetime.now(dt.timezone.utc)).astimezone(zone)
    learners = progress.learners
    svg = {name: Markup(text) for name, text in charts(progress).items()}
    n = len(learners)
    stats = progress.question_stats
    flagged = stats[stats["flag"] != ""].assign(
        question=[
            question_label(a, q)
            for a, q in zip(
                stats[stats["flag"] != ""]["assignment"],
                stats[stats["flag"] != ""]["question"],
                strict=True,
            )
        ]
    )
    mean = lambda s: float(s.mean()) if len(s) else float("nan")  # noqa: E731
    cards = [
        {"label": "Học viên", "value": f"{n}", "warn": False},
        {"label": "Bài đã phát", "value": f"{len(progress.released)}", "warn": False},
        {"label": "Hoàn thành trung bình", "value": percent(mean(learners["completion"]))},
        {"label": "Điểm trung bình", "value": percent(mean(learners["share"]))},
        {
            "label": "Cần hỗ trợ",
            "value": f"{len(progress.at_risk)}",
            "warn": bool(len(progress.at_risk)),
        },
        {"label": "Câu hỏi cần xem lại", "value": f"{len(flagged)}", "warn": bool(len(flagged))},
    ]
    pending = int(progress.submissions["pending"].sum()) if len(progress.submissions) else 0
    assignments = progress.assignments
    tables = {
        "at_risk": _table(
            progress.at_risk,
            ["full_name", "group", "submitted", "share_submitted", "reason"],
            "Không có học viên nào cần hỗ trợ thêm.",
        ),
        "assignments": _table(
            assignments,
            [
                "assignment",
                "skill",
                "released",
                "submitted",
                "late",
                "after_solutions",
                "completion",
                "share",
            ],
            "Khóa học chưa có bài nào.",
        ),
        "provinces": _table(
            progress.provinces, ["province", "learners", "completion", "share"], "Chưa có nhóm."
        ),
        "questions": _table(
            flagged,
            ["assignment", "question", "responses", "difficulty", "discrimination", "flag"],
            "Không có câu hỏi nào cần xem lại.",
        ),
        "learners": _table(
            learners,
            ["full_name", "group", "submitted", "completion", "share", "skills_mastered"],
            "Chưa có học viên.",
        ),
    }
    template = _environment().get_template("bao-cao.html.j2")
    return template.render(
        heading=title or f"Khóa học {progress.course_id}",
        css=Markup(_CSS),
        generated=generated.strftime("%H:%M ngày %d/%m/%Y") + f" ({_zone_label(zone)})",
        mastery=percent(progress.thresholds.mastery),
        pending=pending,
        released=progress.released,
        unreleased=progress.unreleased,
        cards=cards,
        tables=tables,
        svg=svg,
        captions=CAPTIONS,
    )


def report(
    out: str | Path,
    *,
    cohort: Cohort | None = None,
    thresholds: Thresholds | None = None,
    now: dt.datetime | None = None,
) -> ReportResult:
    """Write ``bao-cao.html``, one CSV per table and ``bao-cao.xlsx`` into ``out``."""
    from grading.classroom.cohort import open_cohort
    from grading.progress.gradebook import build_progress

    cohort = cohort or open_cohort()
    progress = build_progress(cohort, thresholds, now=now)
    out = Path(out)
    workbook, csvs = write_tables(progress, out)
    page = out / "bao-cao.html"
    atomic_write_text(page, render_html(progress, title=course_title(cohort.root)))
    return ReportResult(page, workbook, tuple(csvs), len(progress.learners), len(progress.at_risk))


def course_title(root: Path) -> str:
    """The course's name: the first heading of its README, before any ``—``.

    Without a README, :data:`COURSE_TITLES` or the folder name.

    Examples
    --------
    >>> from grading.core.defaults import default_course_root
    >>> course_title(default_course_root())
    'Kinh doanh số'
    """
    root = Path(root)
    known = COURSE_TITLES.get(root.name, root.name)
    try:
        first = (root / "README.md").read_text(encoding="utf-8").lstrip().splitlines()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        return known
    return unicodedata.normalize("NFC", first.lstrip("# ").split("—")[0].strip()) or known
