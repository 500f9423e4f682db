"""The learner's course map: every assignment, question by question, and the next step.

Read from files in the learner's own workspace only (no nbgrader, no network):

* the workspace's ``.hocso/learner.json`` (written by ``hocso lab``): who the
  learner is, the exchange folder, the learner's own nbgrader cache;
* released assignments in the exchange's ``outbound`` folder (a class) or the
  assignment folders already in the workspace (self-study);
* each notebook's graded cells (nbgrader metadata) and answer cells;
* the attempt log ``<assignment>/.hocso-attempts.jsonl`` (last check of each
  question: correct / incorrect / not attempted);
* submissions in the learner's nbgrader cache, and returned feedback in
  ``<assignment>/feedback/<time>/`` (named in the class's time, see
  :func:`feedback_folder`).

The attempt log is the learner's own record and is never used for grades.

Examples
--------
>>> question_state(check=None, answered=False)
'not_attempted'
>>> question_state(check="incorrect", answered=True)
'incorrect'
>>> is_placeholder("doanh_thu = ...\\n# Viết lời giải của bạn ở đây\\ndoanh_thu")
True
>>> is_placeholder("doanh_thu = 5\\ndoanh_thu")
False
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit import i18n, vn

__all__ = [
    "AssignmentProgress",
    "CourseMap",
    "Question",
    "days_left",
    "due_label",
    "due_words",
    "feedback_folder",
    "feedback_score",
    "feedback_time",
    "find_workspace",
    "is_placeholder",
    "question_state",
    "read_course_map",
    "read_due",
    "render_html",
    "show",
]

i18n.register(
    {
        "coursemap.title": {"vi": "Bản đồ khóa học của {who}", "en": "Course map of {who}"},
        "coursemap.self_study": {"vi": "bạn (tự học)", "en": "you (self-study)"},
        "coursemap.none": {
            "vi": "Chưa có bài tập nào. Khi giảng viên phát bài, vào menu Nbgrader → Bài tập "
            "của lớp và bấm Nhận bài.",
            "en": "No assignments yet. When your trainer releases one, open the Nbgrader "
            "menu → Assignments and click Fetch.",
        },
        "coursemap.col.assignment": {"vi": "Bài tập", "en": "Assignment"},
        "coursemap.col.questions": {"vi": "Câu hỏi", "en": "Questions"},
        "coursemap.col.submitted": {"vi": "Đã nộp", "en": "Submitted"},
        "coursemap.col.feedback": {"vi": "Đã chấm", "en": "Graded"},
        "coursemap.col.next": {"vi": "Bước tiếp theo", "en": "Next step"},
        "coursemap.col.due": {"vi": "Hạn nộp", "en": "Due"},
        "coursemap.due_left": {"vi": "còn {days} ngày", "en": "{days} days left"},
        "coursemap.due_today": {"vi": "hạn cuối là hôm nay", "en": "due today"},
        "coursemap.due_past": {"vi": "đã quá hạn", "en": "past due"},
        "coursemap.panel_due": {"vi": "Hạn nộp: {when} ({left})", "en": "Due: {when} ({left})"},
        "coursemap.panel_past": {
            "vi": "Đã quá hạn (hạn nộp: {when})",
            "en": "Past due (due: {when})",
        },
        "coursemap.score": {"vi": "Kết quả: {score} điểm", "en": "Score: {score} points"},
        "coursemap.open_feedback": {"vi": "📄 Xem nhận xét", "en": "📄 Open feedback"},
        "coursemap.state.correct": {"vi": "✅ đúng", "en": "✅ correct"},
        "coursemap.state.incorrect": {"vi": "❌ chưa đúng", "en": "❌ not yet right"},
        "coursemap.state.answered": {
            "vi": "✍️ đã làm, chưa kiểm tra",
            "en": "✍️ answered, not checked",
        },
        "coursemap.state.written": {
            "vi": "✍️ đã viết (giảng viên chấm)",
            "en": "✍️ written (trainer grades it)",
        },
        "coursemap.state.not_attempted": {"vi": "⏳ chưa làm", "en": "⏳ not attempted"},
        "coursemap.summary": {
            "vi": "{correct}/{total} câu đúng, {todo} câu chưa làm",
            "en": "{correct}/{total} correct, {todo} not attempted",
        },
        "coursemap.yes_at": {"vi": "có, lúc {time}", "en": "yes, at {time}"},
        "coursemap.no": {"vi": "chưa", "en": "not yet"},
        "coursemap.feedback_yes": {"vi": "có nhận xét", "en": "feedback received"},
        "coursemap.next.fetch": {
            "vi": "Nhận bài: menu Nbgrader → Bài tập của lớp → Nhận bài",
            "en": "Fetch it: Nbgrader menu → Assignments → Fetch",
        },
        "coursemap.next.question": {
            "vi": "Làm tiếp {question} trong {notebook}",
            "en": "Continue with {question} in {notebook}",
        },
        "coursemap.next.fix": {
            "vi": "Sửa {question}: xem gợi ý dưới câu hỏi",
            "en": "Fix {question}: see the hints under the question",
        },
        "coursemap.next.submit": {
            "vi": "Chạy lại toàn bài (Kernel → Khởi động lại kernel và Chạy tất cả các ô…), "
            "lưu, rồi Nộp bài",
            "en": "Restart the kernel and run all cells, save, then Submit",
        },
        "coursemap.next.done_self": {
            "vi": "Xong! Bạn có thể làm lại câu nào muốn luyện thêm",
            "en": "Done! Redo any question you want to practise",
        },
        "coursemap.next.wait": {
            "vi": "Chờ giảng viên chấm, rồi bấm Nhận nhận xét",
            "en": "Wait for grading, then click Fetch Feedback",
        },
        "coursemap.next.read": {
            "vi": "Đọc nhận xét (bấm Xem nhận xét)",
            "en": "Read your feedback (click Open feedback)",
        },
        "coursemap.question": {"vi": "câu {n}", "en": "question {n}"},
    }
)

_STATES = ("correct", "incorrect", "answered", "written", "not_attempted")
_STUB_LINE = re.compile(r"^\s*(#.*|[A-Za-z_]\w*\s*=\s*(\.\.\.|None)|[A-Za-z_]\w*)?\s*$")
_TEXT_STUB = "✍️ Viết câu trả lời của bạn ở đây."


@dataclass(frozen=True)
class Question:
    """One graded question of an assignment notebook."""

    grade_id: str  # the graded cell's id (test cell, or the written answer)
    label: str  # "câu 3"
    notebook: str
    points: float
    state: str  # one of _STATES


@dataclass(frozen=True)
class AssignmentProgress:
    """Where the learner stands on one assignment."""

    assignment: str
    fetched: bool
    questions: tuple[Question, ...] = ()
    submitted_at: str | None = None  # as in nbgrader's timestamp
    feedback: tuple[str, ...] = ()  # workspace-relative feedback pages
    self_study: bool = False
    due: str | None = None  # ISO UTC, as ``hocso release`` writes it in the notebook
    due_shown: str | None = None  # the same, as the learner reads it (class time, day first)
    score: str | None = None  # "7,5/10" from the latest feedback page

    def count(self, *states: str) -> int:
        return sum(1 for q in self.questions if q.state in states)

    @property
    def next_step(self) -> str:
        if not self.fetched:
            return i18n.t("coursemap.next.fetch")
        if self.feedback:
            return i18n.t("coursemap.next.read")
        if self.submitted_at:
            return i18n.t("coursemap.next.wait")
        for state, key in (("incorrect", "coursemap.next.fix"), ("not_attempted", None)):
            for q in self.questions:
                if q.state == state:
                    if key:
                        return i18n.t(key, question=q.label)
                    return i18n.t("coursemap.next.question", question=q.label, notebook=q.notebook)
        return i18n.t("coursemap.next.done_self" if self.self_study else "coursemap.next.submit")


@dataclass(frozen=True)
class CourseMap:
    learner: str | None
    full_name: str
    assignments: tuple[AssignmentProgress, ...] = field(default=())


def _zone(tz: str | None) -> dt.tzinfo:
    """``tz``, else ``$HOCSO_TZ``, else Asia/Ho_Chi_Minh (an unknown name falls back too)."""
    import os
    from zoneinfo import ZoneInfo

    for name in (tz, os.environ.get("HOCSO_TZ"), "Asia/Ho_Chi_Minh"):
        if name:
            try:
                return ZoneInfo(name)
            except (KeyError, ValueError):
                continue
    return ZoneInfo("Asia/Ho_Chi_Minh")  # pragma: no cover - the loop returns it


def _parse_due(due: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(due.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def days_left(due: str, now: dt.datetime | None = None, tz: str | None = None) -> int | None:
    """Calendar days from today to the due day, both in the class's time; None once past.

    Examples
    --------
    >>> now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)
    >>> days_left("2026-12-20T16:59:00Z", now), days_left("2026-12-01T16:59:00Z", now)
    (13, None)
    """
    zone = _zone(tz)
    when = _parse_due(due)
    now = now or dt.datetime.now(dt.timezone.utc)
    if when < now:
        return None
    return (when.astimezone(zone).date() - now.astimezone(zone).date()).days


def due_words(due: str, now: dt.datetime | None = None, *, tz: str | None = None) -> str:
    """How long is left until ``due`` (ISO UTC): "còn 3 ngày", "hạn cuối là hôm nay", …

    Days are calendar days in the class's time zone (``tz``, else ``$HOCSO_TZ``,
    else Asia/Ho_Chi_Minh): a due date of tomorrow 07:00 is "còn 1 ngày" even
    when fewer than 24 hours are left.

    Examples
    --------
    >>> now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)
    >>> due_words("2026-12-20T16:59:00Z", now), due_words("2026-12-07T16:59:00Z", now)
    ('còn 13 ngày', 'hạn cuối là hôm nay')
    >>> due_words("2026-12-08T00:00:00Z", now)  # 07:00 tomorrow, Vietnam time
    'còn 1 ngày'
    >>> due_words("2026-12-01T16:59:00Z", now)
    'đã quá hạn'
    >>> due_words("2029-12-07T16:59:00Z", now)  # thousands grouped the Vietnamese way
    'còn 1.096 ngày'
    """
    days = days_left(due, now, tz)
    if days is None:
        return i18n.t("coursemap.due_past")
    if days < 1:
        return i18n.t("coursemap.due_today")
    return i18n.t("coursemap.due_left", days=vn.format_number(days))  # 1.000 ngày


def due_label(due: str, now: dt.datetime | None = None, *, tz: str | None = None) -> str:
    """The due date as the Assignments panel shows it, in the class's time, day first.

    Examples
    --------
    >>> now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)
    >>> due_label("2026-12-20T16:59:00Z", now, tz="Asia/Ho_Chi_Minh")
    'Hạn nộp: 20/12/2026 23:59 (còn 13 ngày)'
    >>> due_label("2026-12-01T16:59:00Z", now, tz="Asia/Ho_Chi_Minh")
    'Đã quá hạn (hạn nộp: 01/12/2026 23:59)'

    Another class time zone is named after the time:

    >>> due_label("2026-12-20T16:59:00Z", now, tz="Asia/Tokyo")
    'Hạn nộp: 21/12/2026 01:59 UTC+09 (còn 14 ngày)'
    """
    zone = _zone(tz)
    local = _parse_due(due).astimezone(zone)
    when = local.strftime("%d/%m/%Y %H:%M")
    if getattr(zone, "key", None) != "Asia/Ho_Chi_Minh":
        offset = local.strftime("%z")
        when += " UTC" + (offset[:3] if offset.endswith("00") else f"{offset[:3]}:{offset[3:]}")
    if days_left(due, now, tz) is None:
        return i18n.t("coursemap.panel_past", when=when)
    return i18n.t("coursemap.panel_due", when=when, left=due_words(due, now, tz=tz))


_TOTAL = re.compile(r'class="total">[^<]*?([\d.,]+)\s*/\s*([\d.,]+)')


def feedback_score(page: Path) -> str | None:
    """The total score on a feedback page (``"7,5/10"``), or None when it has none."""
    try:
        found = _TOTAL.search(page.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return f"{found.group(1)}/{found.group(2)}" if found else None


def read_due(notebooks: list[Path]) -> tuple[str | None, str | None, str | None]:
    """``(due ISO UTC, due as shown, class time zone)`` written by ``hocso release``.

    Read from the first of ``notebooks`` whose metadata (``metadata.hocso``)
    holds a valid due date; ``(None, None, None)`` when none does.
    """
    for notebook in notebooks:
        try:
            hocso = json.loads(notebook.read_text(encoding="utf-8"))["metadata"].get("hocso", {})
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            continue
        if not isinstance(hocso, dict) or not isinstance(hocso.get("due"), str):
            continue
        try:
            _parse_due(hocso["due"])
        except ValueError:
            continue
        zone = hocso.get("due_tz") if isinstance(hocso.get("due_tz"), str) else None
        return hocso["due"], str(hocso.get("due_shown") or hocso["due"]), zone
    return None, None, None


def _local_time(stamp: str) -> str:
    """nbgrader's ``2026-03-01 03:00:00.000000 UTC`` in the class's time zone, day first.

    Examples
    --------
    >>> _local_time("2026-03-01 03:00:00.000000 UTC")
    '01/03/2026 10:00'
    >>> _local_time("not a time")
    'not a time'
    """
    import os
    from zoneinfo import ZoneInfo

    try:
        when = dt.datetime.strptime(stamp.removesuffix(" UTC"), "%Y-%m-%d %H:%M:%S.%f")
        zone = ZoneInfo(os.environ.get("HOCSO_TZ") or "Asia/Ho_Chi_Minh")
    except (ValueError, KeyError):
        return stamp
    local = when.replace(tzinfo=dt.timezone.utc).astimezone(zone)
    return local.strftime("%d/%m/%Y %H:%M")


_NBGRADER_STAMP = "%Y-%m-%d %H:%M:%S.%f"
_FOLDER = "%d-%m-%Y %Hh%Mm%Ss"


def feedback_folder(stamp: str, *, tz: str | None = None) -> str:
    """The folder of a submission's feedback, named by its time in the class's time zone.

    nbgrader names it by the submission's timestamp in UTC, with microseconds
    (``2026-12-07 16:34:41.149462 UTC``); a learner browsing their assignment
    folder reads the local time, day first (no ``/`` or ``:``, which folder
    names cannot hold everywhere). The seconds keep two submissions of one
    minute apart. A stamp that is not nbgrader's is kept as it is.

    Examples
    --------
    >>> feedback_folder("2026-12-07 16:34:41.149462 UTC", tz="Asia/Ho_Chi_Minh")
    '07-12-2026 23h34m41s'
    >>> feedback_folder("not a time")
    'not a time'
    """
    when = _utc_stamp(stamp)
    if when is None:
        return stamp
    return when.astimezone(_zone(tz)).strftime(_FOLDER)


def _utc_stamp(stamp: str) -> dt.datetime | None:
    try:
        when = dt.datetime.strptime(stamp.strip().removesuffix(" UTC"), _NBGRADER_STAMP)
    except ValueError:
        return None
    return when.replace(tzinfo=dt.timezone.utc)


def feedback_time(name: str, *, tz: str | None = None) -> dt.datetime | None:
    """When a feedback folder's submission was made (aware), from either way of naming it.

    Examples
    --------
    >>> a = feedback_time("07-12-2026 23h34m41s", tz="Asia/Ho_Chi_Minh")
    >>> b = feedback_time("2026-12-07 16:34:41.000000 UTC")
    >>> a == b, feedback_time("ghi chú")
    (True, None)
    """
    when = _utc_stamp(name)
    if when is not None:
        return when
    try:
        return dt.datetime.strptime(name, _FOLDER).replace(tzinfo=_zone(tz))
    except ValueError:
        return None


def _oldest_first(path: Path) -> tuple:
    when = feedback_time(path.parent.name)
    return (when is not None, when.timestamp() if when else 0.0, path.as_posix())


def question_state(*, check: str | None, answered: bool, written: bool = False) -> str:
    """State of a question from its last check (attempt log) and its answer cell."""
    if check in ("correct", "incorrect"):
        return check
    if check == "not_attempted" or not answered:
        return "not_attempted"
    return "written" if written else "answered"


def is_placeholder(source: str) -> bool:
    """True when an answer cell still holds only ``name = ...``, comments and ``name``."""
    return all(_STUB_LINE.match(line) for line in source.splitlines())


def find_workspace(start: Path | None = None) -> Path:
    """The workspace holding ``start`` (default: the current folder): where ``.hocso/`` is."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".hocso" / "learner.json").is_file():
            return folder
    return here


def _last_checks(log: Path) -> dict[str, str]:
    last: dict[str, str] = {}
    try:
        lines = log.read_text(encoding="utf-8").splitlines()
    except OSError:
        return last
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and event.get("event") == "check" and event.get("question"):
            last[str(event["question"])] = str(event.get("outcome"))
    return last


def _questions(notebook: Path, checks: dict[str, str]) -> list[Question]:
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return []
    answers = {}
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id"):
            answers[meta["grade_id"]] = "".join(cell.get("source", ""))
    found = []
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if not (meta.get("grade") and grade_id):
            continue
        written = cell.get("cell_type") == "markdown" and bool(meta.get("solution"))
        answer_id = grade_id if written else grade_id.removeprefix("kiem-tra-")
        source = answers.get(answer_id, "")
        answered = source.strip() not in ("", _TEXT_STUB) if written else not is_placeholder(source)
        number = re.search(r"(\d+)$", answer_id)
        label = i18n.t("coursemap.question", n=number.group(1)) if number else answer_id
        state = question_state(check=checks.get(grade_id), answered=answered, written=written)
        found.append(Question(grade_id, label, notebook.name, float(meta.get("points", 0)), state))
    return found


def _assignment_names(workspace: Path, identity: dict) -> list[str]:
    names = set()
    exchange = identity.get("exchange")
    if identity.get("learner") and exchange:
        outbound = Path(exchange) / str(identity.get("course_id", "")) / "outbound"
        if outbound.is_dir():
            names |= {p.name for p in outbound.iterdir() if p.is_dir()}
    names |= {
        p.parent.name
        for p in workspace.glob("*/*.ipynb")
        if not p.parent.name.startswith(".") and re.match(r"^\d\d-", p.parent.name)
    }
    return sorted(names)


def read_course_map(workspace: Path | None = None) -> CourseMap:
    """Read the learner's progress from their workspace (see the module docstring)."""
    workspace = find_workspace(workspace)
    try:
        identity = json.loads((workspace / ".hocso" / "learner.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        identity = {}
    learner = identity.get("learner")
    cache = Path(identity.get("cache") or workspace / ".hocso" / "nbgrader-cache")
    course = str(identity.get("course_id", ""))
    progress = []
    for name in _assignment_names(workspace, identity):
        folder = workspace / name
        checks = _last_checks(folder / ".hocso-attempts.jsonl")
        notebooks = sorted(folder.glob("*.ipynb"))
        questions = [q for nb in notebooks for q in _questions(nb, checks)]
        stamps = sorted(
            p.name.rsplit("+", 1)[-1] for p in (cache / course).glob(f"{learner}+{name}+*")
        )
        pages = sorted((folder / "feedback").glob("*/*.html"), key=_oldest_first)
        feedback = [p.relative_to(workspace).as_posix() for p in pages]  # the newest last
        due, due_shown, _ = read_due(notebooks)
        progress.append(
            AssignmentProgress(
                assignment=name,
                fetched=bool(notebooks),
                questions=tuple(questions),
                submitted_at=stamps[-1] if (learner and stamps) else None,
                feedback=tuple(feedback),
                self_study=not learner,
                due=due,
                due_shown=due_shown,
                score=feedback_score(workspace / feedback[-1]) if feedback else None,
            )
        )
    return CourseMap(learner, str(identity.get("full_name") or ""), tuple(progress))


def render_html(course_map: CourseMap, now: dt.datetime | None = None) -> str:
    """The course map as an HTML table (Vietnamese unless ``HOCSO_LANG=en``)."""
    who = (
        f"{course_map.full_name} ({course_map.learner})"
        if course_map.learner
        else i18n.t("coursemap.self_study")
    )
    parts = [f"<h3>{html.escape(i18n.t('coursemap.title', who=who))}</h3>"]
    if not course_map.assignments:
        parts.append(f"<p>{html.escape(i18n.t('coursemap.none'))}</p>")
        return "\n".join(parts)
    heads = ("assignment", "due", "questions", "submitted", "feedback", "next")
    parts.append("<table class='hocso-coursemap'><thead><tr>")
    parts += [f"<th>{html.escape(i18n.t('coursemap.col.' + h))}</th>" for h in heads]
    parts.append("</tr></thead><tbody>")
    for a in course_map.assignments:
        items = "".join(
            f"<li>{html.escape(q.label)}: {html.escape(i18n.t('coursemap.state.' + q.state))}</li>"
            for q in a.questions
        )
        summary = i18n.t(
            "coursemap.summary",
            correct=a.count("correct"),
            total=len(a.questions),
            todo=a.count("not_attempted"),
        )
        submitted = (
            i18n.t("coursemap.yes_at", time=_local_time(a.submitted_at))
            if a.submitted_at
            else i18n.t("coursemap.no")
        )
        graded = html.escape(
            i18n.t("coursemap.score", score=a.score.replace(".", ","))
            if a.score
            else i18n.t("coursemap.feedback_yes")
            if a.feedback
            else i18n.t("coursemap.no")
        )
        if a.feedback:
            graded += (
                f'<br><a class="hocso-feedback" href="{html.escape(a.feedback[-1])}" '
                f'target="_blank">{html.escape(i18n.t("coursemap.open_feedback"))}</a>'
            )
        due = (
            f"{html.escape(a.due_shown or '')}<br><b>{html.escape(due_words(a.due, now))}</b>"
            if a.due
            else "-"
        )
        cells = [
            f"<b>{html.escape(a.assignment)}</b>",
            due,
            f"{html.escape(summary)}<ul>{items}</ul>" if a.questions else "-",
            html.escape(submitted) if not a.self_study else "-",
            graded if not a.self_study else "-",
            html.escape(a.next_step),
        ]
        parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)


def show(workspace: Path | None = None):
    """An ipywidgets panel with the course map and a refresh button (for notebooks)."""
    import ipywidgets as widgets

    output = widgets.HTML(render_html(read_course_map(workspace)))
    button = widgets.Button(
        description="Cập nhật" if i18n.current_language() == "vi" else "Refresh"
    )

    def refresh(_button) -> None:
        output.value = render_html(read_course_map(workspace))

    button.on_click(refresh)
    return widgets.VBox([button, output])
