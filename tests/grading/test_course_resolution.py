"""Which course hocso works on: --course, $HOCSO_COURSE, the current folder, the repository's."""

from __future__ import annotations

import pytest

from grading.cli import main
from grading.core import defaults as config
from grading.core.course import open_course, resolve_course
from grading.core.errors import CourseError

from .conftest import COURSE


@pytest.fixture
def two_courses(tmp_path, course_copy):
    other = tmp_path / "lop-b"
    (other / "source").mkdir(parents=True)
    (other / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n", "utf-8")
    return course_copy, other


def test_the_option_comes_first_then_the_environment_then_the_folder(two_courses, tmp_path):
    first, second = two_courses
    env = {"HOCSO_COURSE": str(second)}
    assert resolve_course(first, cwd=second, environ=env).origin == "option"
    assert resolve_course(first, cwd=second, environ=env).root == first.resolve()
    assert resolve_course(None, cwd=first, environ=env).root == second.resolve()
    assert resolve_course(None, cwd=first, environ=env).origin == "env"
    chosen = resolve_course(None, cwd=second, environ={})
    assert (chosen.root, chosen.origin) == (second.resolve(), "cwd")
    assert chosen.describe(lang="en") == f"{second.resolve()} (from the current folder)"
    assert chosen.describe(lang="vi") == f"{second.resolve()} (theo thư mục hiện tại)"
    default = resolve_course(None, cwd=tmp_path, environ={})
    assert (default.root, default.origin) == (COURSE.resolve(), "default")
    assert default.is_default
    assert resolve_course(None, cwd=tmp_path, environ={"HOCSO_COURSE": ""}).is_default


def test_a_bad_course_from_the_environment_says_where_it_came_from(tmp_path, monkeypatch):
    monkeypatch.setenv("HOCSO_COURSE", str(tmp_path / "khong-co"))
    with pytest.raises(CourseError, match=r"from \$HOCSO_COURSE\) is not a course root"):
        open_course()


def test_an_installed_package_never_uses_site_packages_as_a_course(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    (site / "grading").mkdir(parents=True)
    monkeypatch.setattr(config, "REPO_ROOT", site)
    monkeypatch.delenv("HOCSO_COURSE", raising=False)
    monkeypatch.delenv("HOCSO_WORKSPACE", raising=False)
    assert config.repo_checkout() is None
    assert config.default_course_root() is None
    with pytest.raises(CourseError, match="no course: run hocso in a course folder"):
        resolve_course(None, cwd=tmp_path, environ={})
    assert not config.default_workspace().is_relative_to(site)
    monkeypatch.setenv("HOCSO_WORKSPACE", str(tmp_path / "ws"))
    assert config.default_workspace() == (tmp_path / "ws").resolve()


def test_every_verb_says_which_course_when_it_is_not_the_default(
    course_copy, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
        monkeypatch.delenv(name, raising=False)
    args = ["--exchange", str(tmp_path / "ex")]
    monkeypatch.chdir(course_copy)  # a course root: plain nbgrader would work here too
    assert main([*args, "status"]) == 0
    captured = capsys.readouterr()
    assert f"hocso: course {course_copy.resolve()} (from the current folder)" in captured.err
    assert f"course:    {course_copy.resolve()}" in captured.out
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOCSO_COURSE", str(course_copy))
    assert main([*args, "status"]) == 0
    assert "(from $HOCSO_COURSE)" in capsys.readouterr().err
    monkeypatch.delenv("HOCSO_COURSE")
    assert main([*args, "--course", str(course_copy), "status"]) == 0
    assert "(from --course)" in capsys.readouterr().err


def test_the_default_course_is_not_announced(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("HOCSO_COURSE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "99-khong-co"]) == CourseError.exit_code
    assert "hocso: course" not in capsys.readouterr().err
