"""The learner workspace never overwrites a file the learner changed."""

from __future__ import annotations

import json

import pytest

from grading.classroom.workspace import MANIFEST, sync_files
from grading.core.errors import WorkspaceError


@pytest.fixture
def course_files(tmp_path):
    src = tmp_path / "release"
    src.mkdir()
    (src / "bai.ipynb").write_text("v1", encoding="utf-8")
    (src / "du-lieu.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return src


def _files(src):
    return [(p, f"00/{p.name}") for p in sorted(src.iterdir())]


def test_first_sync_copies_everything(course_files, tmp_path):
    ws = tmp_path / "ws"
    result = sync_files(_files(course_files), ws)
    assert sorted(result.copied) == ["00/bai.ipynb", "00/du-lieu.csv"]
    assert (ws / "00" / "bai.ipynb").read_text(encoding="utf-8") == "v1"
    manifest = json.loads((ws / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest) == {"00/bai.ipynb", "00/du-lieu.csv"}


def test_learner_changes_are_kept_when_the_course_changes(course_files, tmp_path):
    ws = tmp_path / "ws"
    sync_files(_files(course_files), ws)
    (ws / "00" / "bai.ipynb").write_text("bài làm của học viên", encoding="utf-8")
    (course_files / "bai.ipynb").write_text("v2", encoding="utf-8")
    result = sync_files(_files(course_files), ws)
    assert result.kept == ("00/bai.ipynb",)
    assert (ws / "00" / "bai.ipynb").read_text(encoding="utf-8") == "bài làm của học viên"
    # and again: still kept, never overwritten on a later sync
    assert sync_files(_files(course_files), ws).kept == ("00/bai.ipynb",)


def test_untouched_files_are_updated(course_files, tmp_path):
    ws = tmp_path / "ws"
    sync_files(_files(course_files), ws)
    (course_files / "bai.ipynb").write_text("v2", encoding="utf-8")
    result = sync_files(_files(course_files), ws)
    assert result.updated == ("00/bai.ipynb",)
    assert result.unchanged == ("00/du-lieu.csv",)
    assert (ws / "00" / "bai.ipynb").read_text(encoding="utf-8") == "v2"


def test_a_file_already_there_before_tracking_is_kept(course_files, tmp_path):
    ws = tmp_path / "ws"
    (ws / "00").mkdir(parents=True)
    (ws / "00" / "bai.ipynb").write_text("của tôi", encoding="utf-8")
    result = sync_files(_files(course_files), ws)
    assert result.kept == ("00/bai.ipynb",)
    assert (ws / "00" / "bai.ipynb").read_text(encoding="utf-8") == "của tôi"


def test_deleted_file_is_restored(course_files, tmp_path):
    ws = tmp_path / "ws"
    sync_files(_files(course_files), ws)
    (ws / "00" / "bai.ipynb").unlink()
    assert sync_files(_files(course_files), ws).copied == ("00/bai.ipynb",)


def test_corrupt_manifest_is_a_clear_error_and_touches_nothing(course_files, tmp_path):
    ws = tmp_path / "ws"
    sync_files(_files(course_files), ws)
    (ws / "00" / "bai.ipynb").write_text("bài làm", encoding="utf-8")
    (ws / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="hãy xoá tệp này"):
        sync_files(_files(course_files), ws)
    assert (ws / "00" / "bai.ipynb").read_text(encoding="utf-8") == "bài làm"


def test_no_temporary_files_left(course_files, tmp_path):
    ws = tmp_path / "ws"
    sync_files(_files(course_files), ws)
    assert not [p for p in ws.rglob("*.tmp")]
