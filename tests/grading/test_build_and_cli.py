"""``hocso build`` and ``hocso lab --prepare-only`` through the CLI, and their failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from grading.cli import main
from grading.core.course import open_course
from grading.core.errors import BuildError, CourseError, ReleaseLeakError
from grading.verbs.build import check_release

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "kinh-doanh-so"


@pytest.fixture
def course(course_copy) -> Path:
    """A fresh course with an empty gradebook (tests/grading/conftest.py)."""
    return course_copy


def test_build_generates_and_validates(course, capsys, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    assert main(["--course", str(course), "build"]) == 0
    out = capsys.readouterr().out
    assert "00-lam-quen" in out
    assert "no solution or hidden test leaked" in out
    release = course / "release" / "00-lam-quen" / "00-lam-quen.ipynb"
    assert release.exists()
    assert (course / "gradebook.db").exists()
    assert check_release(open_course(course), "00-lam-quen") == []


def test_tampered_release_is_reported(course):
    main(["--course", str(course), "build"])
    from grading.core.leaks import secret_lines

    source = course / "source" / "00-lam-quen" / "00-lam-quen.ipynb"
    solution = sorted(
        line
        for pairs in secret_lines(json.loads(source.read_text(encoding="utf-8"))).values()
        for kind, line in pairs
        if kind == "solution"
    )[0]
    release = course / "release" / "00-lam-quen" / "00-lam-quen.ipynb"
    nb = json.loads(release.read_text(encoding="utf-8"))
    nb["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "source": solution,
            "outputs": [],
            "execution_count": None,
        }
    )
    release.write_text(json.dumps(nb), encoding="utf-8")
    problems = check_release(open_course(course), "00-lam-quen")
    assert any("solution text" in p and solution in p for p in problems), problems


def test_unknown_assignment_exit_code(course, capsys):
    assert main(["--course", str(course), "build", "99-khong-co"]) == CourseError.exit_code
    err = capsys.readouterr().err
    assert "99-khong-co" in err
    assert "00-lam-quen" in err


def test_not_a_course(tmp_path, capsys):
    assert main(["--course", str(tmp_path), "build"]) == CourseError.exit_code
    assert "nbgrader_config.py is missing" in capsys.readouterr().err


def test_broken_source_notebook_fails_build(course, capsys):
    (course / "source" / "00-lam-quen" / "00-lam-quen.ipynb").write_text(
        "{ not json", encoding="utf-8"
    )
    code = main(["--course", str(course), "build"])
    assert code == BuildError.exit_code
    assert "nbgrader không tạo được bản cho học viên của 00-lam-quen" in capsys.readouterr().err


def test_prepare_workspace_keeps_learner_work(course, tmp_path, capsys):
    ws = tmp_path / "ws"
    assert main(["--course", str(course), "lab", "--workspace", str(ws), "--prepare-only"]) == 0
    notebook = ws / "00-lam-quen" / "00-lam-quen.ipynb"
    assert notebook.exists()
    assert (ws / "00-chao-mung.ipynb").exists()
    settings = (
        ws
        / ".hocso"
        / "lab-settings"
        / "@jupyterlab"
        / "translation-extension"
        / "plugin.jupyterlab-settings"
    )
    assert json.loads(settings.read_text(encoding="utf-8")) == {"locale": "vi_VN"}
    notebook.write_text("bài làm của tôi", encoding="utf-8")
    assert main(["--course", str(course), "lab", "--workspace", str(ws), "--prepare-only"]) == 0
    assert notebook.read_text(encoding="utf-8") == "bài làm của tôi"


def test_console_script_and_module_agree():
    for command in (
        [sys.executable, "-m", "grading", "--help"],
        [str(Path(sys.executable).parent / "hocso"), "--help"],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
        assert result.returncode == 0, result.stderr
        assert "build" in result.stdout
        assert "lab" in result.stdout


def test_usage_error_exit_code():
    result = subprocess.run(
        [sys.executable, "-m", "grading", "no-such-verb"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "không có lựa chọn 'no-such-verb'" in result.stderr  # the trainer's language


def test_test_cell_that_cannot_be_checked_out_of_process_fails_build(course, capsys):
    path = course / "source" / "00-lam-quen" / "00-lam-quen.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    test_cell = next(
        c
        for c in nb["cells"]
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "kiem-tra-cau-1"
    )
    test_cell["source"] = "assert so_don_hang == 8016"
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert main(["--course", str(course), "build"]) == ReleaseLeakError.exit_code
    assert (
        "kiem-tra-cau-1: test cell cannot be checked out of the learner's process"
        in capsys.readouterr().err
    )
