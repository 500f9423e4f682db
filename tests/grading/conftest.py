"""Fixtures for the trainer cycle: a fresh course copy and its cohort, all in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "kinh-doanh-so"
_GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db", ".hocso")


@pytest.fixture
def course_copy(tmp_path) -> Path:
    """The course's config and sources only, never its generated state."""
    return Path(
        shutil.copytree(
            COURSE, tmp_path / "kinh-doanh-so", ignore=shutil.ignore_patterns(*_GENERATED)
        )
    )


@pytest.fixture
def cohort(course_copy, tmp_path, monkeypatch):
    """A cohort in tmp_path, isolated from $HOCSO_* settings of the person running the tests."""
    from grading.classroom.cohort import open_cohort

    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
        monkeypatch.delenv(name, raising=False)
    return open_cohort(course_copy, exchange=tmp_path / "exchange")


def pytest_configure(config):
    # with `-p no:xdist` its marker is unknown, and --strict-markers would refuse it
    config.addinivalue_line("markers", "xdist_group(name): run in one pytest-xdist worker")
