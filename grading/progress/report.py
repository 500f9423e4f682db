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

from grading.classroom.workspace import atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from grading.classroom.cohort import Cohort
    from grading.progress.summary import Progress, Thresholds

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
    "question": "câu",
    "kind": "loại",
    "max_score": "điểm tối đa",
    "score": "điểm",
    "share": "tỉ lệ điểm",
    "share_submitted": "tỉ lệ điểm bài đã nộp",
    "submitted": "đã nộp",
    "assignments": "số bài",
    "timestamp": "thời điểm nộp",
    "duedate": "hạn nộp",
    "seconds_late": "số giây trễ",
    "late": "nộp trễ",
    "pending": "chờ chấm tay",
    "graded_by": "chấm bởi",
    "checks": "lần tự kiểm tra",
    "attempts_before_success": "lần thử trước khi đúng",
    "solved_in_self_check": "đúng khi tự kiểm tra",
    "hints_used": "gợi ý đã xem",
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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    """A value a spreadsheet shows as typed: texts that look like formulas are quoted.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("Lào Cai"), safe_cell(-1.5)
    ('\\'=HYPERLINK("http://x")', 'Lào Cai', -1.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _local(series: pd.Series) -> pd.Series:
    zone = dt.datetime.now().astimezone().tzinfo
    return series.dt.tz_convert(zone).dt.tz_localize(None)


def _export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Vietnamese headers and values, local naive times, formula-safe texts."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[column] = _local(series)
        elif column == "flag":
            out[column] = series.map(
                lambda s: "; ".join(_FLAGS.get(x, x) for x in s.split("; ") if x)
            )
        elif column == "kind":
            out[column] = series.map(lambda s: _KINDS.get(s, s))
        elif column == "graded_by":
            out[column] = series.map(lambda s: _GRADED_BY.get(s, s))
        elif series.dtype == bool:
            out[column] = series.map({True: "có", False: "không"})
        elif series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.astype(object).map(safe_cell)
    return out.rename(columns=lambda c: COLUMN_LABELS.get(c, c))


def _plain(value: Any) -> Any:
    """A spreadsheet value: None for missing, Python scalars and datetimes."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):
        return None if value != value else value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


def _sheet(workbook: Any, title: str, source: pd.DataFrame, frame: pd.DataFrame) -> None:
    """One write-only sheet: bold header, frozen, percentages formatted, texts never formulas."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(frame.columns, start=1):
        width = min(40, max(10, len(str(column)) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for column in frame.columns:
        cell = WriteOnlyCell(sheet, value=str(column))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    shares = [c in _SHARE_COLUMNS for c in source.columns]
    for row in frame.itertuples(index=False, name=None):
        values: list[Any] = []
        for value, share in zip(row, shares, strict=True):
            value = _plain(value)
            if share and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "0%"
                value = cell
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value=value)  # safe_cell prevents this; kept as text
                cell.data_type = "s"
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
    tmp = out / ".bao-cao.xlsx.tmp"
    workbook.save(tmp)
    tmp.replace(workbook_path)
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
        {"svg.fonttype": "none", "svg.hashsalt": "hocso", "font.size": 12, "legend.fontsize": 10}
    ):
        return {
            "completion": _completion_chart(progress),
            "skills": _skills_chart(progress),
            "questions": _questions_chart(progress),
            "groups": _groups_chart(progress),
            "trend": _trend_chart(progress),
        }


def _completion_chart(progress: Progress) -> str:
    table = progress.assignments
    figure, axes = _figure(1.2 + 0.5 * max(1, len(table)))
    labels = list(table["skill"])
    axes.barh(labels, table["completion"], color=_BLUE, label="đã nộp")
    axes.barh(labels, table["late"] / table["learners"].clip(lower=1), color=_RED, label="nộp trễ")
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    _percent_axis(axes.xaxis)
    axes.set_title("Tỉ lệ học viên đã nộp từng bài")
    axes.set_xlabel("tỉ lệ học viên")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    return _svg(figure, "Tỉ lệ học viên đã nộp từng bài")


def _skills_chart(progress: Progress) -> str:
    table = progress.skills.groupby("skill", sort=False).agg(
        mastered=("mastered", "mean"), share=("share", "mean")
    )
    figure, axes = _figure(1.2 + 0.5 * max(1, len(table)))
    axes.barh(table.index, table["share"], color=_GREY, label="điểm trung bình")
    axes.barh(table.index, table["mastered"], height=0.4, color=_GREEN, label="tỉ lệ thành thạo")
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    _percent_axis(axes.xaxis)
    axes.set_title(f"Thành thạo theo kỹ năng (từ {percent(progress.thresholds.mastery)} điểm)")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    return _svg(figure, "Thành thạo theo kỹ năng")


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
                f"{row.assignment[:2]}/{row.question}",
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
    axes.set_title("Câu hỏi: độ khó và độ phân loại")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    return _svg(figure, "Câu hỏi: độ khó và độ phân loại")


def _groups_chart(progress: Progress) -> str:
    table = progress.provinces if len(progress.groups) > 12 else progress.groups
    key = "province" if table is progress.provinces else "group"
    figure, axes = _figure(1.2 + 0.5 * max(1, len(table)))
    axes.barh(table[key], table["completion"], color=_GREY, label="hoàn thành")
    axes.barh(table[key], table["share"], height=0.4, color=_BLUE, label="điểm trung bình")
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    _percent_axis(axes.xaxis)
    axes.set_title("So sánh theo " + ("tỉnh" if key == "province" else "nhóm"))
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    return _svg(figure, "So sánh theo nhóm")


def _trend_chart(progress: Progress) -> str:
    table = progress.trend
    figure, axes = _figure(3.6)
    if len(table):
        labels = [p.strftime("%d/%m") for p in table["period"]]
        axes.bar(labels, table["submissions"], color=_GREY, label="số bài nộp")
        axes.set_ylabel("số bài nộp")
        right = axes.twinx()
        right.plot(labels, table["share"], color=_BLUE, marker="o", label="điểm trung bình")
        right.set_ylim(0, 1)
        _percent_axis(right.yaxis)
        right.spines[["top"]].set_visible(False)
    else:
        axes.text(0.5, 0.5, "chưa có bài nộp", ha="center", va="center")
    axes.set_title("Theo tuần: số bài nộp và điểm trung bình")
    axes.set_xlabel("tuần bắt đầu (ngày/tháng)")
    return _svg(figure, "Theo tuần: số bài nộp và điểm trung bình")


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;
 padding:12px;color:#1f2328;background:#f6f8fa;font-size:16px;line-height:1.45}
main{max-width:960px;margin:0 auto}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .4em}
.meta{color:#57606a;font-size:.9em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin:12px 0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px}
.card b{display:block;font-size:1.6em}.card.warn b{color:#d1242f}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px;margin:10px 0}
.chart{width:100%;height:auto;display:block}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border-bottom:1px solid #d8dee4;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;white-space:nowrap}
details summary{cursor:pointer;font-weight:600}
"""


def _cell(value: Any, column: str) -> str:
    if isinstance(value, float) and math.isnan(value):
        return '<td class="n">–</td>'
    if column in {"share", "share_submitted", "completion", "difficulty"}:
        return f'<td class="n">{percent(float(value))}</td>'
    if column in {"discrimination", "upper_lower", "mean_attempts", "mean_hints"}:
        return f'<td class="n">{float(value):.2f}</td>'.replace(".", ",")
    if isinstance(value, bool):
        return f"<td>{'có' if value else 'không'}</td>"
    if isinstance(value, (int, float)):
        return f'<td class="n">{value:g}</td>'
    if column == "flag":
        value = "; ".join(_FLAGS.get(x, x) for x in str(value).split("; ") if x)
    if column == "kind":
        value = _KINDS.get(value, value)
    if hasattr(value, "strftime"):
        value = value.strftime("%d/%m/%Y")
    return f"<td>{html.escape(str(value))}</td>"


def _table(frame: pd.DataFrame, columns: Sequence[str], empty: str) -> str:
    if frame.empty:
        return f"<p>{html.escape(empty)}</p>"
    head = "".join(f"<th>{html.escape(COLUMN_LABELS.get(c, c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(_cell(getattr(row, c), c) for c in columns) + "</tr>"
        for row in frame[list(columns)].itertuples(index=False)
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def render_html(
    progress: Progress, *, title: str = "", generated: dt.datetime | None = None
) -> str:
    """The report page: headline numbers, learners to help, charts, tables."""
    generated = generated or dt.datetime.now().astimezone()
    learners = progress.learners
    svg = charts(progress)
    n = len(learners)
    flagged = progress.question_stats[progress.question_stats["flag"] != ""]
    mean = lambda s: float(s.mean()) if len(s) else float("nan")  # noqa: E731
    cards = [
        ("Học viên", f"{n}", ""),
        ("Hoàn thành trung bình", percent(mean(learners["completion"])), ""),
        ("Điểm trung bình", percent(mean(learners["share"])), ""),
        ("Cần hỗ trợ", f"{len(progress.at_risk)}", "warn" if len(progress.at_risk) else ""),
        ("Câu hỏi cần xem lại", f"{len(flagged)}", "warn" if len(flagged) else ""),
    ]
    card_html = "".join(
        f'<div class="card {cls}"><span>{html.escape(label)}</span><b>{html.escape(value)}</b></div>'
        for label, value, cls in cards
    )
    heading = title or f"Khóa học {progress.course_id}"
    pending = int(progress.submissions["pending"].sum()) if len(progress.submissions) else 0
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Báo cáo tiến độ — {html.escape(heading)}</title>",
        f"<style>{_CSS}</style></head><body><main>",
        f"<h1>Báo cáo tiến độ học viên — {html.escape(heading)}</h1>",
        f'<p class="meta">Lập lúc {generated.strftime("%H:%M ngày %d/%m/%Y")}. '
        f"Thành thạo một kỹ năng: từ {percent(progress.thresholds.mastery)} điểm của kỹ năng đó."
        + (
            f" {pending} bài có phần viết chưa chấm (tạm tính 0 điểm): chấm trong Formgrader."
            if pending
            else ""
        )
        + "</p>",
        f'<div class="cards">{card_html}</div>',
        '<section id="can-ho-tro"><h2>Học viên cần hỗ trợ</h2>',
        _table(
            progress.at_risk,
            ["full_name", "group", "submitted", "share_submitted", "reason"],
            "Không có học viên nào cần hỗ trợ thêm.",
        ),
        "</section>",
        f'<section id="nop-bai"><h2>Nộp bài</h2>{svg["completion"]}</section>',
        f'<section id="ky-nang"><h2>Kỹ năng</h2>{svg["skills"]}</section>',
        f'<section id="nhom"><h2>Theo nhóm và tỉnh</h2>{svg["groups"]}',
        _table(
            progress.provinces, ["province", "learners", "completion", "share"], "Chưa có nhóm."
        ),
        "</section>",
        f'<section id="xu-huong"><h2>Xu hướng</h2>{svg["trend"]}</section>',
        f'<section id="cau-hoi"><h2>Câu hỏi</h2>{svg["questions"]}',
        "<p>Độ khó là điểm trung bình của câu (cao là dễ). Độ phân loại là tương quan giữa "
        "điểm câu này và điểm phần còn lại của bài: âm nghĩa là học viên giỏi lại làm sai "
        "câu này nhiều hơn — nên đọc lại đề và phần kiểm tra.</p>",
        _table(
            flagged,
            ["assignment", "question", "responses", "difficulty", "discrimination", "flag"],
            "Không có câu hỏi nào cần xem lại.",
        ),
        "</section>",
        '<section id="hoc-vien"><details><summary>Tất cả học viên</summary>',
        _table(
            learners,
            ["full_name", "group", "submitted", "completion", "share", "skills_mastered"],
            "Chưa có học viên.",
        ),
        "</details></section>",
        '<p class="meta">Bảng đầy đủ: các tệp CSV và bao-cao.xlsx cùng thư mục.</p>',
        "</main></body></html>",
    ]
    return "\n".join(parts)


def report(
    out: str | Path,
    *,
    cohort: Cohort | None = None,
    thresholds: Thresholds | None = None,
    now: dt.datetime | None = None,
) -> ReportResult:
    """Write ``bao-cao.html``, one CSV per table and ``bao-cao.xlsx`` into ``out``."""
    from grading.classroom.cohort import open_cohort
    from grading.progress.summary import build_progress

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
