"""``hocso demo``: a whole cohort, from roster to grade table, in a throw-away folder.

Thirteen fictional learners work on the warm-up assignment ``00-lam-quen``
(16 points: 13 autograded, 3 for a written answer the trainer grades). Each
learner's notebook is the released version with answer cells edited (the
correct answers are the source notebook's solutions, the mistakes are designed
below), each learner designed to hit one situation a trainer meets: all
correct, partial, not attempted, known mistakes, an error in an answer cell,
deleted or edited test cells, a broken file, a late submission, two
submissions, a submission copied from a USB stick, no submission at all.

Everything real happens: a roster CSV (Excel style, with a byte-order mark) is
imported, the assignment is released to a local exchange, each learner fetches
and submits through nbgrader's exchange under their own id (on a designed
clock, so "late" is late), the trainer collects, autogrades, scores three
written answers as in Formgrader, returns feedback, each learner fetches it,
and the grades are exported. The result compares every score with the design.

The course, gradebook and exchange live in the demo folder only; the
repository's course state and the user's folders are never touched.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from grading.classroom.cohort import Cohort, open_cohort
from grading.classroom.roster import import_roster
from grading.core import cells
from grading.core.cells import DEFAULT_DELIMITERS, Delimiters
from grading.core.course import open_course
from grading.core.errors import CourseError, DemoError
from grading.core.messages import say
from grading.core.nbgrader_env import quiet_nbgrader
from grading.verbs.autograde import AutogradeResult, autograde
from grading.verbs.collect import collect, name_time
from grading.verbs.feedback import FeedbackResult, feedback
from grading.verbs.grades import GradeRow, grades, set_manual_grade, write_grades_csv
from grading.verbs.release import release

__all__ = [
    "ASSIGNMENT",
    "DemoResult",
    "DemoRow",
    "Persona",
    "correct_answers",
    "demo",
    "personas",
    "written_cell",
]

ASSIGNMENT = "00-lam-quen"
_VN = dt.timezone(dt.timedelta(hours=7))
DUE = dt.datetime(2026, 3, 1, 23, 59, tzinfo=_VN)

_PLAN = (
    "Tôi chọn quảng bá mật ong bạc hà, sản phẩm có doanh thu cao nhất, cho khách ở tỉnh dẫn "
    "đầu, qua Postmart vì có ưu đãi vận chuyển. Tỉnh này đóng góp phần doanh thu lớn nhất và AOV "
    "khoảng 250.000 ₫ đủ trả phí quảng cáo. Tôi cần kiểm tra thêm tỉ lệ đơn bị hủy ở tỉnh đó."
)


def correct_answers(source_nb: dict, delimiters: Delimiters = DEFAULT_DELIMITERS) -> dict[str, str]:
    """A learner's correct answers: the solution region of each code answer cell of the source.

    So a revised notebook keeps the demo working: the answers are whatever its
    solutions are.

    >>> cell = {"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "cau-1",
    ...     "solution": True}}, "source": "x = ...\\n### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION\\nx"}
    >>> correct_answers({"cells": [cell]})
    {'cau-1': 'x = 2'}
    """
    return {
        str(cells.grade_id(cell)): cells.solution_code(cell, delimiters)
        for cell in source_nb["cells"]
        if cell.get("cell_type") == "code"
        and cells.is_solution(cell)
        and not cells.is_grade(cell)
        and not cells.is_reference(cell)  # the trainer's reference numbers: no learner writes them
    }


def written_cell(source_nb: dict) -> str:
    """The grade id of the manually graded written answer (a graded markdown answer cell)."""
    for cell in source_nb["cells"]:
        if cell.get("cell_type") == "markdown" and cells.is_grade(cell) and cells.is_solution(cell):
            return str(cells.grade_id(cell))
    raise DemoError(say("hocso.error.demo_no_written_answer", assignment=ASSIGNMENT))


@dataclass(frozen=True)
class Persona:
    """A designed learner: what they do, and the score the design expects."""

    id: str
    name: str
    province: str
    story: str
    answers: tuple[tuple[str, str], ...] = ()  # (answer cell, code) written into the release
    tamper: tuple[tuple[str, str], ...] = ()  # (locked cell, new source)
    delete: tuple[str, ...] = ()  # cells removed from the notebook
    written: str = ""  # the written answer; "" leaves it untouched
    manual: float | None = None  # the trainer's score for it
    submit: str = "exchange"  # "exchange", "twice", "usb", "broken", "none"
    late: bool = False
    expected: float = 0.0
    expected_status: str = "graded"


def personas(correct: dict[str, str]) -> tuple[Persona, ...]:
    """The designed cohort, given the correct answers (:func:`correct_answers`).

    Scores: 11 autograded points + 3 for the written answer. The mistakes are
    the design: each is a known mistake of one question.
    """

    def _with(**changes: str) -> tuple[tuple[str, str], ...]:
        return tuple({**correct, **changes}.items())

    every = tuple(correct.items())
    first_four = every[:4]
    return (
        Persona("an-nguyen", "Nguyễn Văn An", "Lào Cai", "làm đúng hết, viết kế hoạch tốt",
                every, written=_PLAN, manual=3, expected=14),
        Persona("binh-tran", "Trần Thị Bình", "Sơn La", "làm câu 1–4, bỏ dở phần sau",
                first_four, expected=5),
        Persona("chi-le", "Lê Minh Chi", "Điện Biên", "mở bài rồi nộp, chưa làm gì", expected=0),
        Persona("dung-pham", "Phạm Quốc Dũng", "Nghệ An",
                "lỗi hay gặp: tính cả đơn bị hủy (câu 5, 6)",
                _with(**{
                    "cau-5": "doanh_thu_theo_tinh = don_hang.groupby('province')['revenue_vnd'].sum().sort_values(ascending=False)",
                    "cau-6": "ma_ban_chay = don_hang.groupby('product_id')['revenue_vnd'].sum().idxmax()",
                }), written=_PLAN, manual=2, expected=10),
        Persona("giang-hoang", "Hoàng Thu Giang", "Cao Bằng", "làm đúng nhưng xóa 3 ô kiểm tra",
                every, delete=("kiem-tra-cau-1", "kiem-tra-cau-5", "kiem-tra-cau-8"), expected=11),
        Persona("hieu-vu", "Vũ Trung Hiếu", "Lạng Sơn", "tệp bài làm hỏng (JSON bị cắt)",
                every, submit="broken", expected=0, expected_status="autograde failed"),
        Persona("khanh-do", "Đỗ Ngọc Khánh", "Thanh Hóa", "làm đúng hết nhưng nộp muộn",
                every, written=_PLAN, manual=2, late=True, expected=13),
        Persona("lan-bui", "Bùi Thị Lan", "Hà Tĩnh", "sửa ô kiểm tra câu 4 để 'qua bài'",
                _with(**{"cau-4": "doanh_thu_mat = int(don_hang['revenue_vnd'].sum())"}),
                tamper=(("kiem-tra-cau-4", "print('✅ Chính xác!')"),), expected=10),
        Persona("minh-dang", "Đặng Công Minh", "Quảng Ninh", "gõ nhầm tên biến ở câu 1 (NameError)",
                _with(**{"cau-1": "tien_khach_tra = vn.format_vnd(3 * vn.parse_vnd(gia_niem_yett))"}),
                expected=10),
        Persona("ngoc-ngo", "Ngô Bảo Ngọc", "Lâm Đồng",
                "sai kiểu dữ liệu (câu 1 là số, câu 4 là chuỗi)",
                _with(**{
                    "cau-1": "tien_khach_tra = 3 * vn.parse_vnd(gia_niem_yet) - vn.parse_vnd(ma_giam)",
                    "cau-4": "doanh_thu_mat = vn.format_vnd(int(don_hang[don_hang['status'] != 'Đã giao']['revenue_vnd'].sum()))",
                }), expected=9),
        Persona("phuong-duong", "Dương Thanh Phương", "Đắk Lắk",
                "nộp hai lần, lần sau làm đúng hết", every, submit="twice", expected=11),
        Persona("quang-ly", "Lý Nhật Quang", "Tuyên Quang", "không nộp bài", submit="none",
                expected=0, expected_status="not submitted"),
        Persona("tuan-trinh", "Trịnh Anh Tuấn", "Cần Thơ", "nộp qua USB (không qua exchange)",
                every, submit="usb", expected=11),
    )  # fmt: skip


@dataclass(frozen=True)
class DemoRow:
    """A designed learner next to what the cohort cycle gave them."""

    learner: str
    name: str
    story: str
    expected: float
    score: float
    max_score: float
    status: str
    expected_status: str
    late: bool
    feedback: str  # "received", "not returned", or "-"

    @property
    def ok(self) -> bool:
        return self.score == self.expected and self.status == self.expected_status


@dataclass(frozen=True)
class DemoResult:
    directory: Path
    rows: tuple[DemoRow, ...]
    seconds: float
    autograded: AutogradeResult
    returned: FeedbackResult
    grades_csv: Path
    grade_rows: tuple[GradeRow, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.rows)

    @property
    def seconds_per_submission(self) -> float:
        runs = [r.seconds for r in self.autograded.executed]
        return sum(runs) / len(runs) if runs else 0.0


def _edit(cell: dict, code: str, stub_line: str) -> None:
    """Write ``code`` where the learner's stub (nbgrader's code stub) is, or at the end."""
    lines = cells.source(cell).split("\n")
    stub = next((i for i, line in enumerate(lines) if line.strip() == stub_line), None)
    if stub is None:
        lines.append(code)
    else:
        lines[stub : stub + 1] = code.split("\n")
    cell["source"] = "\n".join(lines)


@dataclass(frozen=True)
class _Design:
    """What the designed work is written with: the written cell and the code stub line."""

    written_cell: str
    stub_line: str


def _work(notebook: Path, persona: Persona, design: _Design, *, attempt: int) -> None:
    """Turn the fetched learner version into the persona's work."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    last = persona.submit != "twice" or attempt > 0
    answers = dict(persona.answers) if last else {}
    tamper = dict(persona.tamper)
    kept = []
    for cell in nb["cells"]:
        grade_id = cells.grade_id(cell)
        if grade_id in persona.delete and last:
            continue
        if grade_id in answers:
            _edit(cell, answers[grade_id], design.stub_line)
        elif grade_id in tamper and last:
            cell["source"] = tamper[grade_id]
        elif grade_id == design.written_cell and persona.written and last:
            cell["source"] = persona.written
        kept.append(cell)
    nb["cells"] = kept
    text = json.dumps(nb, ensure_ascii=False, indent=1)
    if persona.submit == "broken":
        text = text[: len(text) // 2]  # the file was cut off while saving
    notebook.write_text(text, encoding="utf-8")


def _learner_config(cohort: Cohort, persona: Persona, home: Path) -> object:
    return cohort.course.config(
        **{
            "Exchange.root": str(cohort.exchange_root),
            "Exchange.cache": str(home / ".nbgrader-cache"),
            "Exchange.assignment_dir": str(home),
            "CourseDirectory.assignment_id": ASSIGNMENT,
            "CourseDirectory.student_id": persona.id,
        }
    )


def _as_learner(
    cohort: Cohort, persona: Persona, home: Path, step: str, when: dt.datetime | None = None
) -> None:
    """Run one of nbgrader's learner-side exchange steps as ``persona``."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import (
        ExchangeFetchAssignment,
        ExchangeFetchFeedback,
        ExchangeSubmit,
    )

    class SubmitAt(ExchangeSubmit):
        """Submit on the demo's clock (the designed time), not the wall clock."""

        def set_timestamp(self) -> None:
            assert when is not None
            self.timestamp = when.astimezone(dt.timezone.utc).strftime(self.timestamp_format)

    kind = {"fetch": ExchangeFetchAssignment, "submit": SubmitAt, "feedback": ExchangeFetchFeedback}
    config = _learner_config(cohort, persona, home)
    coursedir = CourseDirectory(config=config)
    app = kind[step](coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
    with quiet_nbgrader():
        app.start()


def _prepare(directory: Path | None) -> Path:
    if directory is None:
        return Path(tempfile.mkdtemp(prefix="hocso-demo-"))
    directory = Path(directory).expanduser().resolve()
    if directory.exists() and any(directory.iterdir()):
        raise DemoError(say("hocso.error.demo_folder_not_empty", folder=directory))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _roster_csv(path: Path, cohort: tuple[Persona, ...]) -> None:
    lines = ["Mã học viên,Họ và tên,Email,Tỉnh"]
    lines += [f"{p.id},{p.name},{p.id}@hocso.example,{p.province}" for p in cohort]
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")  # as Excel saves


def demo(directory: str | Path | None = None, *, course: str | Path | None = None) -> DemoResult:
    """Run the designed cohort in ``directory`` (default: a new temporary folder, kept).

    ``course`` is the course to copy (default: the resolved course,
    :func:`grading.core.course.resolve_course`); only its ``nbgrader_config.py`` and
    the source of ``00-lam-quen`` are copied. The learners' correct answers are
    that source's solutions.

    Raises
    ------
    DemoError
        If ``directory`` is not empty.
    CourseError
        If the course has no ``00-lam-quen``.
    """
    started = time.perf_counter()
    source = open_course(course).root
    notebook_path = source / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    if not notebook_path.is_file():
        raise CourseError(
            say("hocso.error.demo_no_assignment", course=source, assignment=ASSIGNMENT)
        )
    base = _prepare(Path(directory) if directory is not None else None)
    root = base / source.name
    root.mkdir()
    shutil.copy2(source / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(source / "source" / ASSIGNMENT, root / "source" / ASSIGNMENT)
    cohort = open_cohort(root, exchange=base / "exchange")
    config = cohort.course.config()
    source_nb = json.loads(notebook_path.read_text(encoding="utf-8"))
    designed = personas(correct_answers(source_nb, Delimiters.from_config(config)))
    stub = config.ClearSolutions.get("code_stub", {}).get("python", "")
    design = _Design(written_cell(source_nb), stub.strip().split("\n")[0].strip())

    _roster_csv(base / "roster.csv", designed)
    import_roster(base / "roster.csv", cohort=cohort)
    release(ASSIGNMENT, cohort=cohort, due=DUE, force=True)  # a due date in the story's past

    homes = {p.id: base / "learners" / p.id for p in designed}
    clock = DUE - dt.timedelta(hours=6)
    for index, persona in enumerate(designed):
        if persona.submit in ("none", "usb"):
            continue
        home = homes[persona.id]
        home.mkdir(parents=True)
        _as_learner(cohort, persona, home, "fetch")
        notebook = home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        for attempt in range(2 if persona.submit == "twice" else 1):
            _work(notebook, persona, design, attempt=attempt)
            when = clock + dt.timedelta(minutes=10 * index + 60 * attempt)
            if persona.late:
                when = DUE + dt.timedelta(hours=8, minutes=15)
            _as_learner(cohort, persona, home, "submit", when)
    collect(ASSIGNMENT, cohort=cohort, received=name_time)  # the demo's designed clock

    for persona in designed:  # work handed over on a USB stick: copied in by the trainer
        if persona.submit == "usb":
            folder = cohort.folder("submitted", persona.id, ASSIGNMENT)
            folder.mkdir(parents=True)
            shutil.copy2(cohort.course.release_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", folder)
            _work(folder / f"{ASSIGNMENT}.ipynb", persona, design, attempt=0)

    graded = autograde(ASSIGNMENT, cohort=cohort)
    for persona in designed:  # the trainer scores the written answers, as in Formgrader
        if persona.manual is not None:
            set_manual_grade(
                ASSIGNMENT, persona.id, design.written_cell, persona.manual, cohort=cohort
            )
    returned = feedback(ASSIGNMENT, cohort=cohort)
    received = {}
    for persona in designed:
        home = homes[persona.id]
        if home.is_dir():
            _as_learner(cohort, persona, home, "feedback")
            received[persona.id] = any((home / ASSIGNMENT / "feedback").glob("*/*.html"))

    table = grades(cohort=cohort)
    csv_path = write_grades_csv(table, base / "grades.csv")
    by_id = {row.learner: row for row in table}
    sent = {row.learner: row.status for row in returned.rows}
    rows = []
    for persona in designed:
        row = by_id[persona.id]
        fetched = (
            "received"
            if received.get(persona.id)
            else "not returned"
            if persona.id in sent
            else "-"
        )
        rows.append(
            DemoRow(
                persona.id,
                persona.name,
                persona.story,
                float(persona.expected),
                row.score,
                row.max_score,
                row.status,
                persona.expected_status,
                row.late,
                fetched,
            )
        )
    return DemoResult(
        directory=base,
        rows=tuple(rows),
        seconds=time.perf_counter() - started,
        autograded=graded,
        returned=returned,
        grades_csv=csv_path,
        grade_rows=table,
    )
