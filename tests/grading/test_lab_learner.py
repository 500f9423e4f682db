"""``hocso lab --learner``: one identity, cache and workspace per learner; clear refusals."""

from __future__ import annotations

import os
import stat

import pytest

from grading.classroom.roster import import_roster
from grading.classroom.workspace import atomic_write_text
from grading.cli import main
from grading.core.errors import CohortError, WorkspaceError
from grading.jupyter.launch import enrol_learner, learner_workspace, prepare_workspace
from grading.verbs.status import require_autograded, require_collected

ROSTER = "id,full_name\nhv01,Nguyễn Thị Lan\nhv02,Trần Văn Minh\n"


@pytest.fixture
def enrolled(cohort, tmp_path):
    path = tmp_path / "lop.csv"
    path.write_text(ROSTER, encoding="utf-8")
    import_roster(path, cohort=cohort)
    return cohort


def _load_config(folder):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()


def test_each_learner_gets_an_identity_a_cache_and_a_workspace_of_their_own(enrolled, tmp_path):
    base = tmp_path / "workspace"
    configs = {}
    for learner in ("hv01", "hv02"):
        ws = learner_workspace(learner, base)
        enrol_learner(enrolled, learner, ws)  # the trainer's action
        prepare_workspace(cohort=enrolled, workspace=ws, learner=learner)
        config = _load_config(ws / ".hocso" / "jupyter-config")
        configs[learner] = config
        assert config.CourseDirectory.student_id == learner
        assert config.Exchange.root == str(enrolled.exchange_root)
        assert config.Exchange.cache.startswith(str(ws))
        assert config.Exchange.assignment_dir == str(ws)
        assert config.ExchangeFactory.submit == "grading.exchange.lab.LearnerSubmit"
        assert (ws / "00-chao-mung.ipynb").is_file()
        assert not (ws / "00-lam-quen").exists()  # fetched from the exchange, not copied
    assert configs["hv01"].Exchange.cache != configs["hv02"].Exchange.cache


def test_an_unknown_learner_is_refused_in_vietnamese(enrolled, tmp_path, capsys):
    with pytest.raises(WorkspaceError, match="không có trong danh sách lớp"):
        prepare_workspace(cohort=enrolled, workspace=tmp_path / "ws", learner="hv99")
    assert not (tmp_path / "ws").exists()
    args = ["--course", str(enrolled.root), "--exchange", str(enrolled.exchange_root)]
    code = main(["lab", "--learner", "hv99", "--prepare-only", "--workspace", "x", *args])
    assert code == WorkspaceError.exit_code
    assert "hv99" in capsys.readouterr().err


def test_self_study_lab_retires_the_old_learner_config(cohort, tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    old = ws / "nbgrader_config.py"
    old.write_text("# Written by `hocso release --learner-config`: where\nc = 1\n", "utf-8")
    prepare_workspace(cohort=cohort, workspace=ws)
    assert not old.exists()  # in the server's root it would win over the generated config
    text = (ws / ".hocso" / "jupyter-config" / "nbgrader_config.py").read_text("utf-8")
    assert "student_id" not in text  # self-study: no identity, fetch/submit explain why


def _exchange(cls, cohort, tmp_path, learner=None, assignment="00-lam-quen"):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.course_id = cohort.course_id
    config.CourseDirectory.assignment_id = assignment
    if learner:
        config.CourseDirectory.student_id = learner
    config.Exchange.root = str(cohort.exchange_root)
    config.Exchange.cache = str(tmp_path / "cache")
    config.Exchange.assignment_dir = str(tmp_path / "ws")
    coursedir = CourseDirectory(config=config)
    return cls(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)


def test_exchange_nothing_released_is_an_empty_list(cohort, tmp_path):
    from grading.exchange.lab import LearnerList

    assert _exchange(LearnerList, cohort, tmp_path).start() == []
    assert _exchange(LearnerList, cohort, tmp_path, "hv01").start() == []


@pytest.mark.slow
def test_exchange_without_identity_explains_and_never_submits(enrolled, tmp_path):
    from nbgrader.exchange import ExchangeError

    from grading.exchange.lab import (
        MARK,
        IdentityMissing,
        LearnerFetchAssignment,
        LearnerList,
        LearnerSubmit,
    )
    from grading.verbs.release import release

    release("00-lam-quen", cohort=enrolled)
    with pytest.raises(IdentityMissing, match="make lab LEARNER="):
        _exchange(LearnerList, enrolled, tmp_path).start()
    for cls in (LearnerSubmit, LearnerFetchAssignment):
        with pytest.raises(ExchangeError) as caught:
            _exchange(cls, enrolled, tmp_path).start()
        assert str(caught.value).startswith(MARK)
    listed = _exchange(LearnerList, enrolled, tmp_path, "hv01").start()
    assert [a["assignment_id"] for a in listed] == ["00-lam-quen"]
    assert "hocso_due" not in listed[0]  # released without a due date: the panel shows none
    _exchange(LearnerFetchAssignment, enrolled, tmp_path, "hv01").start()
    assert (tmp_path / "ws" / "00-lam-quen" / "00-lam-quen.ipynb").is_file()
    with pytest.raises(ExchangeError, match="Bạn đã có thư mục 00-lam-quen"):
        _exchange(LearnerFetchAssignment, enrolled, tmp_path, "hv01").start()
    inbound = enrolled.exchange_root / enrolled.course_id / "inbound"
    _exchange(LearnerSubmit, enrolled, tmp_path, "hv01").start()
    assert [p.name.split("+")[0] for p in inbound.iterdir()] == ["hv01"]


def test_autograde_and_feedback_with_nothing_collected_are_errors(cohort, capsys):
    with pytest.raises(CohortError, match="chưa từng được phát"):
        require_collected("00-lam-quen", cohort=cohort)
    outbound = cohort.exchange_root / cohort.course_id / "outbound" / "00-lam-quen"
    outbound.mkdir(parents=True)
    with pytest.raises(CohortError, match="chưa học viên nào nộp bài này"):
        require_collected("00-lam-quen", cohort=cohort)
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    (inbound / "hv01+00-lam-quen+2026-03-01 10:00:00.000000 UTC+x").mkdir(parents=True)
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    assert main(["autograde", "00-lam-quen", *args]) == CohortError.exit_code
    assert "hãy chạy `hocso collect 00-lam-quen` trước" in capsys.readouterr().err
    cohort.folder("submitted", "hv01", "00-lam-quen").mkdir(parents=True)
    assert require_collected("00-lam-quen", cohort=cohort) == ["hv01"]
    with pytest.raises(CohortError, match=r"chưa thu được bài nào của 00-lam-quen \(hv02\)"):
        require_collected("00-lam-quen", cohort=cohort, learners=["hv02"])
    assert main(["feedback", "00-lam-quen", *args]) == CohortError.exit_code
    assert "hãy chạy `hocso autograde 00-lam-quen` trước" in capsys.readouterr().err
    cohort.folder("autograded", "hv01", "00-lam-quen").mkdir(parents=True)
    assert require_autograded("00-lam-quen", cohort=cohort) == ["hv01"]


def test_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "a.txt", "x")
        os.umask(0o077)
        atomic_write_text(tmp_path / "b.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.txt").stat().st_mode) == 0o600


def test_cli_tables_follow_hocso_lang_and_options_come_after_the_verb(
    enrolled, monkeypatch, capsys
):
    args = ["--course", str(enrolled.root), "--exchange", str(enrolled.exchange_root)]
    monkeypatch.setenv("HOCSO_LANG", "en")
    assert main(["roster", "show", *args]) == 0
    assert "full name" in capsys.readouterr().out
    monkeypatch.setenv("HOCSO_LANG", "vi")
    assert main(["status", *args]) == 0
    out = capsys.readouterr().out
    assert "bước tiếp theo" in out
    assert "học viên:  2 trong danh sách" in out
    with pytest.raises(SystemExit):
        main(["status", "--tz", "Mars/Olympus", *args])
    assert main(["status", "--tz", "UTC", *args]) == 0
    assert "HOCSO_TZ" not in os.environ  # set for the command only


def test_the_trainer_dashboard_never_reaches_a_learner(tmp_path):
    from grading.core.course import open_course
    from grading.core.defaults import REPO_ROOT
    from grading.jupyter.launch import TRAINER_NOTEBOOKS, _workspace_files

    course = open_course(REPO_ROOT / "courses" / "kinh-doanh-so")
    names = {
        name for _, name in _workspace_files(course, REPO_ROOT / "notebooks", assignments=False)
    }
    assert "00-chao-mung.ipynb" in names
    assert TRAINER_NOTEBOOKS
    assert not names & TRAINER_NOTEBOOKS


@pytest.mark.slow
def test_the_assignment_list_carries_the_due_date_the_panel_shows(enrolled, tmp_path):
    import json

    from grading.exchange.lab import DUE_KEY, LearnerList
    from grading.verbs.release import release

    release("00-lam-quen", cohort=enrolled, due="20/12/2099 23:59")
    (released,) = _exchange(LearnerList, enrolled, tmp_path, "hv01").start()
    due = released[DUE_KEY]
    assert due["due"] == "2099-12-20T16:59:00Z"  # 23:59 in Vietnam is 16:59 UTC
    assert due["label"].startswith("Hạn nộp: 20/12/2099 23:59 (còn ")
    assert due["label"].endswith(" ngày)")
    assert due["past"] is False
    # Fetched, with the learner's copy edited: the exchange's release still decides.
    from grading.exchange.lab import LearnerFetchAssignment

    _exchange(LearnerFetchAssignment, enrolled, tmp_path, "hv01").start()
    mine = tmp_path / "ws" / "00-lam-quen" / "00-lam-quen.ipynb"
    nb = json.loads(mine.read_text("utf-8"))
    nb["metadata"]["hocso"]["due"] = "2199-01-01T00:00:00Z"
    mine.write_text(json.dumps(nb), encoding="utf-8")
    (fetched,) = _exchange(LearnerList, enrolled, tmp_path, "hv01").start()
    assert fetched["status"] == "fetched"
    assert fetched[DUE_KEY]["due"] == "2099-12-20T16:59:00Z"
    # Past the due date: said so, with the date.
    release("00-lam-quen", cohort=enrolled, due="01/01/2020 07:00", force=True)
    (late,) = _exchange(LearnerList, enrolled, tmp_path, "hv01").start()
    assert late[DUE_KEY] == {
        "due": "2020-01-01T00:00:00Z",
        "label": "Đã quá hạn (hạn nộp: 01/01/2020 07:00)",
        "past": True,
    }
    # The submitted list (nbgrader's cache) carries none.
    lister = _exchange(LearnerList, enrolled, tmp_path, "hv01")
    lister.cached = True
    assert all(DUE_KEY not in entry for entry in lister.start())


@pytest.mark.slow
def test_feedback_comes_back_in_a_folder_named_in_local_time(enrolled, tmp_path):
    import re

    from grading.exchange.lab import (
        LearnerFetchAssignment,
        LearnerFetchFeedback,
        LearnerList,
        LearnerSubmit,
    )
    from grading.verbs.autograde import autograde
    from grading.verbs.collect import collect
    from grading.verbs.feedback import feedback
    from grading.verbs.release import release
    from toolkit.coursemap import feedback_folder

    release("00-lam-quen", cohort=enrolled)
    _exchange(LearnerFetchAssignment, enrolled, tmp_path, "hv01").start()
    _exchange(LearnerSubmit, enrolled, tmp_path, "hv01").start()
    collect("00-lam-quen", cohort=enrolled)
    autograde("00-lam-quen", cohort=enrolled)
    feedback("00-lam-quen", cohort=enrolled)

    def submitted():
        lister = _exchange(LearnerList, enrolled, tmp_path, "hv01")
        lister.cached = True
        ((group,),) = [lister.start()]
        (info,) = group["submissions"]
        return info

    before = submitted()
    assert before["has_exchange_feedback"]
    assert not before["has_local_feedback"]
    _exchange(LearnerFetchFeedback, enrolled, tmp_path, "hv01").start()
    folders = [p.name for p in (tmp_path / "ws" / "00-lam-quen" / "feedback").iterdir()]
    assert folders == [feedback_folder(before["timestamp"])]
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\dh\d\dm\d\ds", folders[0])  # no "UTC", no microseconds
    after = submitted()
    assert after["has_local_feedback"]
    assert after["local_feedback_path"].endswith(f"/feedback/{folders[0]}")
    assert not after["feedback_updated"]
    # The trainer returns feedback again, changed: the panel offers to fetch it.
    (page,) = (enrolled.exchange_root / enrolled.course_id / "feedback").glob("*.html")
    page.write_text(page.read_text("utf-8") + "<!-- sửa -->", encoding="utf-8")
    assert submitted()["feedback_updated"]
