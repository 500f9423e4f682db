"""The batched path of ``hocso autograde`` writes the gradebook nbgrader's per-learner run writes.

Both paths grade the same submissions, each in its own copy of the course:
solved, untouched, wrong, raising, endless (stopped at the cell time limit),
a deleted test cell nbgrader puts back, an edited locked cell, a late one, a
broken file; then a learner resubmits after a trainer graded one cell by hand.
Every column of every gradebook row (scores nbgrader computes included), the
autograded notebooks, the rows and the ledger must be the same.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from grading.classroom.cohort import open_cohort
from grading.classroom.ledger import read_ledger
from grading.core import cells
from grading.verbs import autograde as autograde_module
from grading.verbs.autograde import autograde
from grading.verbs.release import generate

ASSIGNMENT = "00-lam-quen"
ON_TIME = "2026-01-01 08:00:00.000000 UTC"
LATE = "2026-01-03 08:00:00.000000 UTC"


def _with(nb: dict, **sources: str | None) -> dict:
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        if cells.grade_id(cell) in sources:
            cell["source"] = sources[cells.grade_id(cell)]
    nb["cells"] = [c for c in nb["cells"] if c["source"] is not None]
    return nb


def _submit(cohort, learner: str, text: str, stamp: str = ON_TIME) -> None:
    folder = cohort.folder("submitted", learner, ASSIGNMENT)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{ASSIGNMENT}.ipynb").write_text(text, encoding="utf-8")
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")


def _columns(obj) -> dict:
    """Every column of an nbgrader row but its random ids (computed scores included)."""
    from sqlalchemy import inspect

    return {
        attr.key: getattr(obj, attr.key)
        for attr in inspect(obj).mapper.column_attrs
        if attr.key != "id" and not attr.key.endswith("_id")
    }


def _gradebook(cohort) -> dict:
    from nbgrader.api import Student

    found = {}
    with cohort.gradebook() as gradebook:
        for student in gradebook.db.query(Student).order_by(Student.id):
            found[student.id] = _columns(student)
        for submission in gradebook.assignment_submissions(ASSIGNMENT):
            key = submission.student.id
            found[key, "submission"] = _columns(submission)
            for notebook in submission.notebooks:
                found[key, notebook.name] = _columns(notebook)
                for grade in notebook.grades:
                    found[key, notebook.name, "grade", grade.name] = _columns(grade)
                for comment in notebook.comments:
                    found[key, notebook.name, "comment", comment.name] = _columns(comment)
    return found


def _autograded(cohort) -> dict:
    """The autograded notebooks, cell ids aside (nbgrader draws one for a cell it puts back)."""
    found = {}
    for path in sorted((cohort.root / "autograded").rglob("*.ipynb")):
        nb = json.loads(path.read_text("utf-8"))
        for cell in nb["cells"]:
            cell.pop("id", None)
        found[str(path.relative_to(cohort.root))] = (nb, oct(path.stat().st_mode))
    return found


def _rows(result) -> list[dict]:
    strip = {"seconds", "sandbox"}  # time, and the sandbox uid differs per child by design
    return [{k: v for k, v in vars(r).items() if k not in strip} for r in result.rows]


@pytest.mark.slow
def test_batched_gradebook_equals_the_per_learner_gradebook(cohort, tmp_path, monkeypatch):
    with (cohort.root / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write("\nc.SandboxedExecute.timeout = 3\n")  # the endless learner stops soon
    generate(cohort, ASSIGNMENT)
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(ASSIGNMENT, duedate=dt.datetime(2026, 1, 2))
    source = json.loads(
        (cohort.course.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8")
    )
    release = (cohort.course.release_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8")
    answers = {cells.grade_id(c): cells.solved(c) for c in source["cells"] if cells.is_solution(c)}
    solved = _with(json.loads(release), **answers)
    submissions = {
        "giai": solved,
        "chua-lam": json.loads(release),
        "sai": _with(solved, **{"cau-4": "doanh_thu_mat = int(don_hang['revenue_vnd'].sum())"}),
        "loi": _with(solved, **{"cau-1": "raise ValueError('lỗi của học viên')"}),
        "lap-mai": _with(solved, **{"cau-8": "while True:\n    pass"}),
        "xoa-o-kiem-tra": _with(solved, **{"kiem-tra-cau-1": None}),
        "sua-o-kiem-tra": _with(solved, **{"kiem-tra-cau-2": "print('✅ Chính xác!')"}),
    }
    for learner, nb in submissions.items():
        _submit(cohort, learner, json.dumps(nb, ensure_ascii=False))
    _submit(cohort, "nop-muon", json.dumps(solved, ensure_ascii=False), LATE)
    _submit(cohort, "hong", release[: len(release) // 2])  # broken JSON: fails alone
    twin = open_cohort(
        shutil.copytree(cohort.root, tmp_path / "twin" / cohort.root.name),
        exchange=cohort.exchange_root,
    )

    per_learner_calls = []
    grade_one = autograde_module._grade_one

    def counting(cohort_, api, assignment, plan, **kwargs):
        per_learner_calls.append(plan.learner)
        return grade_one(cohort_, api, assignment, plan, **kwargs)

    monkeypatch.setattr(autograde_module, "_grade_one", counting)
    reference = autograde(ASSIGNMENT, cohort=cohort, workers=2, batch=False)
    assert len(per_learner_calls) == len(submissions) + 1
    per_learner_calls.clear()
    batched = autograde(ASSIGNMENT, cohort=twin, workers=2)
    assert per_learner_calls == []  # every learner went through the batched path

    assert _gradebook(twin) == _gradebook(cohort)
    assert _autograded(twin) == _autograded(cohort)
    assert _rows(batched) == _rows(reference)
    assert read_ledger(twin.state) == read_ledger(cohort.state)
    rows = {r.learner: r for r in batched.rows}
    # the graded figures are real: they tell the submissions apart
    # 11 autograded points: cau-1 and cau-4 are worth 1, cau-8 is worth 2
    scores = {learner: row.score for learner, row in rows.items()}
    assert scores == {"giai": 11, "chua-lam": 0, "sai": 10, "loi": 10, "lap-mai": 9,
                      "xoa-o-kiem-tra": 11, "sua-o-kiem-tra": 11, "nop-muon": 11, "hong": 0}  # fmt: skip
    assert rows["nop-muon"].late
    assert not rows["giai"].late
    assert rows["xoa-o-kiem-tra"].restored == ("kiem-tra-cau-1",)
    assert [r.learner for r in batched.failed] == ["hong"]

    # a trainer grades one cell by hand, then the learner resubmits later
    for book in (cohort, twin):
        with book.gradebook() as gradebook:
            grade = gradebook.find_grade("kiem-tra-cau-1", ASSIGNMENT, ASSIGNMENT, "sai")
            grade.manual_score = 0.5
            gradebook.db.commit()
        changed = _with(solved, **{"cau-1": "tien_khach_tra = '0 ₫'"})
        _submit(book, "sai", json.dumps(changed, ensure_ascii=False), "2026-01-01 09:00:00 UTC")
    again_reference = autograde(ASSIGNMENT, cohort=cohort, workers=2, batch=False)
    again = autograde(ASSIGNMENT, cohort=twin, workers=2)
    assert [r.learner for r in again.executed] == ["sai"]  # only the resubmission
    assert _gradebook(twin) == _gradebook(cohort)
    assert _autograded(twin) == _autograded(cohort)
    assert _rows(again) == _rows(again_reference)
    with twin.gradebook() as gradebook:
        assert (
            gradebook.find_grade("kiem-tra-cau-1", ASSIGNMENT, ASSIGNMENT, "sai").manual_score
            == 0.5
        )


def test_only_the_course_pipelines_take_the_batched_path(cohort):
    from nbgrader.preprocessors import Execute
    from traitlets.config import Config

    from grading.verbs._batch import batchable

    assert batchable(cohort.config())
    stock = Config()
    assert not batchable(stock)
    changed = cohort.config()
    changed.Autograde.autograde_preprocessors = [Execute]
    assert not batchable(changed)
    hooked = cohort.config()
    hooked.BaseConverter.pre_convert_hook = print
    assert not batchable(hooked)
