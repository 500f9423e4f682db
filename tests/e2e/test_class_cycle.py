"""A class on one laptop, in a real browser, exactly as the README walks a trainer through it.

1. The trainer enrols two learners and releases ``00-lam-quen``.
2. Learner hv01 opens ``hocso lab --learner hv01``: Vietnamese interface, no
   trainer tools; fetches the assignment from the Assignments panel, answers
   question 1 wrongly and question 2 rightly, sees both messages, submits.
3. The trainer collects and autogrades, grades the written answer in Formgrader
   (``hocso formgrader``), and returns feedback.
4. hv01 fetches the feedback and reads it; the course map shows the state.
5. hv02, on the same computer account, sees none of hv01's files or feedback.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from grading.classroom.cohort import open_cohort
from grading.classroom.releases import record_solutions
from grading.cli import main
from grading.jupyter.launch import (
    formgrader_command,
    lab_command,
    learner_workspace,
    prepare_workspace,
)
from grading.verbs.autograde import autograde
from grading.verbs.collect import collect
from grading.verbs.feedback import feedback

from .conftest import REPO, TOKEN, jupyter_server

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ASSIGNMENT = "00-lam-quen"
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
ROSTER = "id,họ và tên,nhóm\nhv01,Nguyễn Thị Lan,Lào Cai\nhv02,Trần Văn Minh,Lào Cai\n"
PLAN = "Tôi quảng bá mật ong bạc hà cho khách ở Hà Nội qua Postmart vào tháng Tết."
_GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db", ".hocso")


@pytest.fixture
def cohort(tmp_path, monkeypatch):
    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE", "HOCSO_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)
    course = shutil.copytree(
        REPO / "courses" / "kinh-doanh-so",
        tmp_path / "kinh-doanh-so",
        ignore=shutil.ignore_patterns(*_GENERATED),
    )
    return open_cohort(course, exchange=tmp_path / "exchange")


def _hocso(cohort, *args: str) -> None:
    options = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    assert main([*args, *options]) == 0, args  # global options after the verb


def _open_assignments_panel(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text="Bài tập của lớp").click()
    page.get_by_text("Bài giảng viên đã phát").first.wait_for()


def _open_lab(page, base: str, path: str = "") -> None:
    page.goto(f"{base}/lab/tree/{path}?token={TOKEN}" if path else f"{base}/lab?token={TOKEN}")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for()
    page.wait_for_function("document.documentElement.dataset.hocsoLab === 'vi'")


def _kernel_ready(page) -> None:
    """Wait until the notebook's kernel is idle ("Rảnh"): keys pressed before are lost."""
    page.locator(".jp-StatusBar-TextItem", has_text="| Rảnh").first.wait_for(timeout=90_000)


def _cell(page, index: int):
    # the notebook in the visible tab (others stay in the page, hidden)
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index)


def _answer(page, index: int, lines: list[str]) -> None:
    """Replace the code of cell ``index`` as a learner types it, then run it and the next."""
    editor = _cell(page, index).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    for number, line in enumerate(lines):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.insert_text(line)
    page.keyboard.press("Shift+Enter")  # runs the answer, selects its test cell
    page.keyboard.press("Shift+Enter")  # runs the test cell


def _output(page, index: int, text: str):
    output = _cell(page, index).locator(".jp-OutputArea-output", has_text=text).first
    output.wait_for(timeout=90_000)
    return output


@dataclass(frozen=True)
class _Plan:
    """Where questions 1, 2 and the written answer are, and what to type (from the course)."""

    answer_1: int
    wrong_1: list[str]
    answer_2: int
    right_2: list[str]
    points_2: float
    written: str  # grade id of the manually graded answer


def _plan(cohort, fetched: Path) -> _Plan:
    """Read the learner's copy for cell positions and the source for the right answer."""
    cells = json.loads(fetched.read_text("utf-8"))["cells"]
    source = json.loads(
        (cohort.course.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8")
    )["cells"]

    def grade_id(cell) -> str:
        return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")

    def where(cells_, wanted: str) -> int:
        return next(i for i, c in enumerate(cells_) if grade_id(c) == wanted)

    def text(cell) -> str:
        return "".join(cell["source"])

    for n in (1, 2):
        assert grade_id(cells[where(cells, f"cau-{n}") + 1]) == f"kiem-tra-cau-{n}"
    # question 1: the placeholder replaced by a value of the wrong kind
    wants_text = '"text"' in text(cells[where(cells, "kiem-tra-cau-1")])
    wrong_value = "12345" if wants_text else '"sai"'
    wrong = [
        re.sub(r"= \.\.\.$", f"= {wrong_value}", line)
        for line in text(cells[where(cells, "cau-1")]).splitlines()
        if not line.startswith("#")
    ]
    # question 2: the source's solution, without the placeholder and the markers
    lines = text(source[where(source, "cau-2")]).splitlines()
    right = [
        line
        for line in lines
        if not line.startswith("### ") and not re.match(r"^\w+ = \.\.\.$", line)
    ]
    test_2 = source[where(source, "kiem-tra-cau-2")]["metadata"]["nbgrader"]
    written = next(
        grade_id(c)
        for c in cells
        if c["cell_type"] == "markdown"
        and c["metadata"].get("nbgrader", {}).get("grade")
        and c["metadata"]["nbgrader"].get("solution")
    )
    return _Plan(
        where(cells, "cau-1"), wrong, where(cells, "cau-2"), right, test_2["points"], written
    )


#: English that must not appear on any Formgrader page a trainer opens (whole words).
FORMGRADER_ENGLISH = (
    "Manage Assignments", "Manual Grading", "Manage Students", "Gradebook", "Assignments",
    "Students", "Show All Names", "Hide All Names", "Submission", "Submissions", "Prev",
    "Next", "Student Name", "Student ID", "Timestamp", "Status", "Score", "Due Date",
    "Loading", "Instructions", "needs manual grading", "needs autograding", "graded",
    "released", "draft", "Edit", "Release", "Collect", "Preview", "Generate", "Autograde",
    "Generate Feedback", "Release Feedback", "Search", "None", "Name", "Flagged", "Student's",
    "Overall Score", "Written Score", "Code Score", "Task Score", "Add new", "Current configuration",
    "UTC",
)  # fmt: skip


def _formgrader_pages_in_vietnamese(page, base: str, shoot) -> dict[str, list[str]]:
    """Open every Formgrader page; the English words each shows (none expected)."""
    with_table = [
        ("formgrader-bai-tap", "manage_assignments"),
        ("formgrader-bai-nop", f"manage_submissions/{ASSIGNMENT}"),
        ("formgrader-cham-tay", "gradebook"),
        ("formgrader-cham-tay-bai", f"gradebook/{ASSIGNMENT}"),
        ("formgrader-cham-tay-notebook", f"gradebook/{ASSIGNMENT}/{ASSIGNMENT}"),
        ("formgrader-hoc-vien-lop", "manage_students"),
        ("formgrader-hoc-vien-hv01", "manage_students/hv01"),
        ("formgrader-hoc-vien-hv01-bai", f"manage_students/hv01/{ASSIGNMENT}"),
    ]
    found = {}
    for shot, path in with_table:
        page.goto(f"{base}/formgrader/{path}")
        page.wait_for_selector("html[data-hocso-formgrader='vi']")
        page.wait_for_function(
            "!document.body.innerText.includes('Đang tải')"
            " && !document.body.innerText.includes('Loading')"
        )
        page.wait_for_load_state("networkidle")
        for opener in page.locator("a[data-toggle='collapse']").all():  # instructions too
            opener.click()
        page.wait_for_function("!document.querySelector('.collapsing')")  # opened, not opening
        text = page.locator("body").inner_text()
        if path == "manage_assignments":
            assert "31/12/2099 23:59 +07" in text, text  # due date in Vietnam time
        if path == f"manage_submissions/{ASSIGNMENT}":
            assert "Nguyễn Thị Lan" in text, text
            assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2} \+07", text), text
            assert "nộp sau khi phát lời giải" in text, text
        shoot(page, shot)
        words = [w for w in FORMGRADER_ENGLISH if re.search(rf"\b{re.escape(w)}\b", text)]
        if words:
            found[path] = words
    return found


def _wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


def test_a_class_from_release_to_feedback_in_the_browser(
    cohort, tmp_path, browser_for, shoot, monkeypatch
):
    # 1. Trainer: roster and release (due date day first, class time zone).
    roster = tmp_path / "lop.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    _hocso(cohort, "roster", "import", str(roster))
    _hocso(cohort, "release", ASSIGNMENT, "--due", "31/12/2099 23:59")

    # 2. Learner hv01 opens the lab prepared for them.
    base_ws = tmp_path / "workspace"
    ws1 = learner_workspace("hv01", base_ws)
    _hocso(cohort, "roster", "token", "hv01", "--workspace", str(ws1))  # the trainer's action
    prepare_workspace(cohort=cohort, workspace=ws1, learner="hv01")
    command, env = lab_command(ws1, open_browser=False)
    learner = browser_for("hv01")
    page = learner.new_page()
    with jupyter_server(command, env, tmp_path / "rt1") as base:
        _open_lab(page, base)
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        assert {"Tệp", "Chỉnh sửa", "Hiển thị", "Chạy", "Trợ giúp"} <= set(menus), menus
        assert page.get_by_text("Create Assignment").count() == 0
        assert page.get_by_text("Formgrader").count() == 0
        _open_assignments_panel(page)
        released = page.locator("#released_assignments_list")
        released.get_by_text(ASSIGNMENT).wait_for()
        shoot(page, "bai-tap-cua-lop")
        released.get_by_role("button", name="Nhận bài").click()
        fetched = page.locator("#fetched_assignments_list")
        fetched.get_by_role("button", name="Nộp bài").wait_for()
        assert (ws1 / NOTEBOOK).is_file()

        # The warm-up: question 1 wrong (a value of the wrong kind), question 2 right.
        plan = _plan(cohort, ws1 / NOTEBOOK)
        _open_lab(page, base, NOTEBOOK)
        _kernel_ready(page)
        _cell(page, 0).click()
        for _ in range(plan.answer_1):  # run everything above question 1 (the shop's data)
            page.keyboard.press("Shift+Enter")
        _answer(page, plan.answer_1, plan.wrong_1)
        # ipykernel drops cells queued behind a failing one: wait for its message first
        wrong = _output(page, plan.answer_1 + 1, "❌")
        _answer(page, plan.answer_2, plan.right_2)
        right = _output(page, plan.answer_2 + 1, "✅")
        assert "❌" in wrong.inner_text()
        wrong.scroll_into_view_if_needed()
        shoot(page, "cau-1-sai-cau-2-dung")
        # the written answer, graded by the trainer
        written = page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell",
            has_text="Viết câu trả lời của bạn ở đây",
        )
        written.scroll_into_view_if_needed()
        written.dblclick()
        written.locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(PLAN)
        page.keyboard.press("Shift+Enter")
        page.keyboard.press("Control+s")
        _wait_for(lambda: PLAN in (ws1 / NOTEBOOK).read_text("utf-8"), "the save")
        assert right.is_visible()
        page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").click()
        # the label the welcome notebook names
        assert (
            page.get_by_text("Khởi động lại kernel và Chạy tất cả các ô…", exact=True).count() == 1
        )
        shoot(page, "menu-kernel")
        page.keyboard.press("Escape")

        _open_assignments_panel(page)
        page.locator("#fetched_assignments_list").get_by_role("button", name="Nộp bài").click()
        submitted = page.locator("#submitted_assignments_list .list_item")
        submitted.first.wait_for()
        shoot(page, "da-nop")

        # 3. Trainer: collect, autograde, written answer in Formgrader, feedback.
        rows = collect(ASSIGNMENT, cohort=cohort).rows
        assert [(r.learner, r.on_roster, r.late) for r in rows] == [("hv01", True, False)]
        (graded,) = autograde(ASSIGNMENT, cohort=cohort).rows
        assert graded.status == "graded"
        assert graded.needs_manual
        assert graded.score == plan.points_2  # question 2 only; question 1 was wrong

        # solutions out a minute before hv01 handed in: Formgrader flags the submission
        with cohort.gradebook() as gb:
            handed_in = gb.find_submission(ASSIGNMENT, "hv01").timestamp
        record_solutions(cohort.state_dir, ASSIGNMENT, handed_in - dt.timedelta(minutes=1))

        trainer = browser_for("trainer").new_page()
        trainer.on("pageerror", lambda error: print("Formgrader page error:", error))
        command_f, env_f = formgrader_command(cohort, open_browser=False)
        with jupyter_server(command_f, env_f, tmp_path / "rt-formgrader") as fbase:
            trainer.goto(f"{fbase}/lab?token={TOKEN}")  # what `hocso formgrader` opens
            trainer.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            trainer.locator(".lm-Menu-itemLabel", has_text="Formgrader").first.click()
            panel = trainer.frame_locator("iframe").first
            panel.get_by_text("Quản lý bài tập").first.wait_for()  # Formgrader in Vietnamese
            panel.get_by_text("Chấm tay").first.click()
            panel.get_by_role("link", name=ASSIGNMENT).first.click()
            panel.get_by_role("link", name=ASSIGNMENT).first.click()  # its notebook
            panel.get_by_role("link", name="Bài nộp #1").wait_for()  # names hidden at first
            shoot(trainer, "formgrader-trong-jupyterlab")
            # every page Formgrader has, opened on its own: Vietnamese only, times local
            english = _formgrader_pages_in_vietnamese(trainer, fbase, shoot)
            assert not english, english
            # the list of a notebook's submissions: blind first, names on request
            trainer.goto(f"{fbase}/formgrader/gradebook/{ASSIGNMENT}/{ASSIGNMENT}")
            trainer.get_by_role("link", name="Bài nộp #1").wait_for()
            toggle = trainer.get_by_role("button", name="Hiện tên mọi học viên")
            toggle.click()
            name = trainer.get_by_role("link", name="Nguyễn Thị Lan")  # family name first
            name.wait_for()
            trainer.get_by_role("button", name="Ẩn tên mọi học viên").wait_for()
            assert trainer.get_by_text("Nguyễn, Thị Lan").count() == 0
            trainer.locator(".hocso-flag", has_text="nộp sau khi phát lời giải").wait_for()
            shoot(trainer, "formgrader-hoc-vien")
            name.click()
            score = trainer.locator(f"input.score#{plan.written}")
            score.wait_for()
            # the grading page: the flag with its reason (both times, Vietnam time)
            flag = trainer.locator("#hocso-after-solutions .hocso-flag-reason")
            flag.wait_for()
            assert "sau khi đã phát lời giải" in flag.inner_text()
            assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2} \+07", flag.inner_text())
            flag.scroll_into_view_if_needed()
            shoot(trainer, "formgrader-bai-nop-sau-loi-giai")
            chrome = " ".join(trainer.locator(".navbar, .panel-heading").all_inner_texts())
            assert not [w for w in FORMGRADER_ENGLISH if re.search(rf"\b{re.escape(w)}\b", chrome)]
            score.fill("2")
            comment = trainer.locator(f"textarea#{plan.written}-comment")
            comment.fill("Kế hoạch rõ ràng; hãy thêm số liệu doanh thu của tỉnh.")
            score.press("Tab")
            comment.click()
            comment.press("Tab")
            shoot(trainer, "formgrader-cham-bai-viet")

            def manual_score() -> float | None:
                with cohort.gradebook() as gb:
                    grade = gb.find_grade(plan.written, ASSIGNMENT, ASSIGNMENT, "hv01")
                    comment_ = gb.find_comment(plan.written, ASSIGNMENT, ASSIGNMENT, "hv01")
                    return grade.manual_score if comment_.manual_comment else None

            # Formgrader saves on leaving the box; on a loaded machine its page may not have
            # wired the handlers yet when the first Tab lands, so type it again, as a trainer would
            for attempt in range(4):
                try:
                    _wait_for(
                        lambda: manual_score() == 2, "Formgrader to save the manual grade", 30
                    )
                    break
                except AssertionError:
                    if attempt == 3:
                        raise
                    score.fill("2")
                    score.press("Tab")
                    comment.fill("Kế hoạch rõ ràng; hãy thêm số liệu doanh thu của tỉnh.")
                    comment.press("Tab")
            released_assignments = trainer.request.get(
                f"{fbase}/formgrader/api/assignments?token={TOKEN}"
            ).json()
            status = {a["name"]: a["status"] for a in released_assignments}
            assert status[ASSIGNMENT] == "released"  # the same exchange as hocso
        returned = feedback(ASSIGNMENT, cohort=cohort)
        assert [(r.learner, r.status) for r in returned.rows] == [("hv01", "released")]

        # 4. hv01 fetches the feedback and reads it, then looks at the course map.
        _open_lab(page, base)
        _open_assignments_panel(page)
        page.locator("#submitted_assignments_list").get_by_role(
            "button", name="Nhận nhận xét"
        ).click()
        page.locator("#submitted_assignments_list").get_by_text("xem nhận xét").wait_for()
        shoot(page, "nhan-nhan-xet")
        (page_html,) = ws1.glob(f"{ASSIGNMENT}/feedback/*/{ASSIGNMENT}.html")
        relative = page_html.relative_to(ws1).as_posix()
        page.goto(f"{base}/files/{relative}?token={TOKEN}")
        page.get_by_text("hãy thêm số liệu doanh thu của tỉnh").wait_for()
        shoot(page, "nhan-xet")

        _open_lab(page, base, "ban-do-khoa-hoc.ipynb")
        _kernel_ready(page)
        _cell(page, 1).locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        course_map = _output(page, 1, "Bản đồ khóa học của Nguyễn Thị Lan")
        text = course_map.inner_text()
        if (ws1 / ASSIGNMENT / ".hocso-attempts.jsonl").is_file():  # checks log each attempt
            assert "câu 1: ❌ chưa đúng" in text
            assert "câu 2: ✅ đúng" in text
        else:
            assert "câu 1: ✍️ đã làm, chưa kiểm tra" in text
        assert "câu 3: ⏳ chưa làm" in text
        assert f"Kết quả: {plan.points_2 + 2:g}/".replace(".", ",") in text  # score once graded
        assert "Xem nhận xét" in text
        assert "Hạn nộp" in text
        assert "31/12/2099 23:59" in text
        shoot(page, "ban-do-khoa-hoc")

    # 5. hv02, same computer account: nothing of hv01's.
    ws2 = learner_workspace("hv02", base_ws)
    _hocso(cohort, "roster", "token", "hv02", "--workspace", str(ws2))
    prepare_workspace(cohort=cohort, workspace=ws2, learner="hv02")
    command, env = lab_command(ws2, open_browser=False)
    page2 = browser_for("hv02").new_page()
    with jupyter_server(command, env, tmp_path / "rt2") as base:
        _open_lab(page2, base)
        _open_assignments_panel(page2)
        page2.locator("#released_assignments_list").get_by_text(ASSIGNMENT).wait_for()
        page2.get_by_text("Bạn chưa nộp bài nào.").wait_for()
        assert page2.locator("#submitted_assignments_list .list_item").count() == 0
        listing = page2.request.get(f"{base}/api/contents?token={TOKEN}").json()
        names = {item["name"] for item in listing["content"]}
        assert ASSIGNMENT not in names
        assert "00-chao-mung.ipynb" in names
        assert page2.request.get(f"{base}/files/../hv01/{NOTEBOOK}?token={TOKEN}").status >= 400
        fetch_feedback = page2.request.post(
            f"{base}/assignments/fetch_feedback?token={TOKEN}",
            form={"course_id": cohort.course_id, "assignment_id": ASSIGNMENT},
        ).json()
        assert fetch_feedback["success"]
        assert not any(
            a.get("submissions") for a in fetch_feedback["value"] if a["status"] == "submitted"
        )
        shoot(page2, "hoc-vien-thu-hai")
    assert not list(ws2.rglob("feedback"))
    assert not list((ws2 / ".hocso" / "nbgrader-cache").rglob("hv01*"))
    learner_json = json.loads((ws2 / ".hocso" / "learner.json").read_text("utf-8"))
    assert learner_json["learner"] == "hv02"
    assert Path(learner_json["cache"]).is_relative_to(ws2)


def test_self_study_explains_in_vietnamese_when_nothing_is_released(
    cohort, tmp_path, browser_for, shoot
):
    ws = tmp_path / "workspace"
    prepare_workspace(cohort=cohort, workspace=ws)
    command, env = lab_command(ws, open_browser=False)
    page = browser_for("tu-hoc").new_page()
    with jupyter_server(command, env, tmp_path / "rt") as base:
        _open_lab(page, base)
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel", has_text="Bài tập của lớp").click()
        page.get_by_text("Giảng viên chưa phát bài nào cho lớp").wait_for()
        assert page.get_by_text("exchange directory does not exist").count() == 0
        assert page.get_by_text("Error").count() == 0
        shoot(page, "tu-hoc-chua-phat-bai")
