"""Fixtures for the trainer cycle: a course copy and its cohort, in tmp_path, set up once.

Creating a gradebook costs seconds of CPU (nbgrader runs ``alembic`` in a new
process); copying the course folder costs milliseconds. So each test process
prepares the course once (:func:`course_template`: its config and sources,
and an empty gradebook that already knows the course), and every test gets a
file copy of that folder (:func:`course_copy`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grading.core.references import REFERENCES_DIR

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "kinh-doanh-so"
#: what a build, a class or a test run leaves in a checkout's course (all git-ignored)
_GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db", ".hocso",
              REFERENCES_DIR)  # fmt: skip
_HOCSO_ENV = ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE")


def copy_course(source: Path, target: Path) -> Path:
    """A copy of a course's config and sources, never its generated state."""
    return Path(shutil.copytree(source, target, ignore=shutil.ignore_patterns(*_GENERATED)))


@pytest.fixture(scope="session")
def course_template(tmp_path_factory) -> Path:
    """The course's config and sources plus an empty gradebook, prepared once per process.

    Never changed by a test: tests get copies (:func:`course_copy`).
    """
    from grading.classroom.cohort import open_cohort

    base = tmp_path_factory.mktemp("course-template")
    root = copy_course(COURSE, base / COURSE.name)
    cohort = open_cohort(
        root, exchange=base / "exchange", db_url=f"sqlite:///{root / 'gradebook.db'}"
    )
    with cohort.gradebook():
        pass  # creates the tables and the course row, as the first command of a class would
    shutil.rmtree(root / ".hocso", ignore_errors=True)
    return root


@pytest.fixture
def course_copy(course_template, tmp_path) -> Path:
    """A fresh course with an empty gradebook: a file copy of :func:`course_template`."""
    return Path(shutil.copytree(course_template, tmp_path / COURSE.name))


@pytest.fixture
def cohort(course_copy, tmp_path, monkeypatch):
    """A cohort in tmp_path, isolated from $HOCSO_* settings of the person running the tests."""
    from grading.classroom.cohort import open_cohort

    for name in _HOCSO_ENV:
        monkeypatch.delenv(name, raising=False)
    return open_cohort(course_copy, exchange=tmp_path / "exchange")


def pytest_configure(config):
    # with `-p no:xdist` its marker is unknown, and --strict-markers would refuse it
    config.addinivalue_line("markers", "xdist_group(name): run in one pytest-xdist worker")
