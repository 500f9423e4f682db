"""``hocso build`` computes the reference numbers of written questions and keeps them trainer-side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grading.core.course import open_course
from grading.core.errors import BuildError
from grading.core.references import read_references, references_path, trainer_copy_path
from grading.verbs.build import build


@pytest.fixture
def course(course_copy) -> Path:
    return course_copy


def _reference_cell(nb: dict) -> dict:
    (cell,) = [
        c for c in nb["cells"]
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "tham-chieu-cau-9"
    ]  # fmt: skip
    return cell


@pytest.mark.slow
def test_build_keeps_references_on_the_trainer_side_only(course):
    (result,) = build(open_course(course), ["00-lam-quen"])
    path = references_path(course, "00-lam-quen", "00-lam-quen.ipynb")
    assert result.references == (path,)
    texts = read_references(course, "00-lam-quen", "00-lam-quen")
    assert set(texts) == {"cau-9"}  # keyed by the answer it serves
    assert "SỐ LIỆU THAM KHẢO" in texts["cau-9"]
    assert "BÀI MẪU" in texts["cau-9"]
    # the trainer's copy shows them without running anything
    trainer = json.loads(trainer_copy_path(course, "00-lam-quen", "00-lam-quen.ipynb").read_text())
    shown = "".join("".join(o.get("text", "")) for o in _reference_cell(trainer)["outputs"])
    assert shown == texts["cau-9"]
    # and none of it is in what a learner gets
    release = course / "release" / "00-lam-quen"
    released = "".join(p.read_text(encoding="utf-8") for p in release.rglob("*") if p.is_file())
    assert "SỐ LIỆU THAM KHẢO" not in released
    assert "BÀI MẪU" not in released
    assert not any(p.name.endswith(".json") for p in release.rglob("*"))


def test_assignment_without_reference_cells_runs_nothing(course):
    (result,) = build(open_course(course), ["03-cham-soc-khach-hang"])
    assert result.references == ()
    assert not (course / "tham-chieu" / "03-cham-soc-khach-hang").exists()


def _break(course: Path, code: str) -> None:
    path = course / "source" / "00-lam-quen" / "00-lam-quen.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = _reference_cell(nb)
    cell["source"] = "so_lieu = ...\n### BEGIN SOLUTION\n" + code + "\n### END SOLUTION"
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


@pytest.mark.slow
def test_failing_reference_cell_fails_the_build(course):
    _break(course, "raise ValueError('cột lợi nhuận không có')")
    with pytest.raises(BuildError, match="reference numbers"):
        build(open_course(course), ["00-lam-quen"])


@pytest.mark.slow
def test_silent_reference_cell_fails_the_build(course):
    _break(course, "so_lieu = 1")
    with pytest.raises(BuildError, match="không in ra gì"):
        build(open_course(course), ["00-lam-quen"])


def test_build_can_skip_references(course):
    (result,) = build(open_course(course), ["00-lam-quen"], references=False)
    assert result.references == ()
    assert not references_path(course, "00-lam-quen", "00-lam-quen.ipynb").exists()
