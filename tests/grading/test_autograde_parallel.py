"""``hocso autograde`` with executions in parallel gives the gradebook serial grading gives."""

from __future__ import annotations

import json
import shutil

import pytest

from grading.classroom.cohort import open_cohort
from grading.core import cells
from grading.verbs.autograde import autograde, run_nbgrader_autograde
from grading.verbs.release import generate

ASSIGNMENT = "00-lam-quen"
CHEAT = "class Luon(str):\n    def __eq__(self, other):\n        return True\ntien_khach_tra = Luon('x')"


def _solution(source: dict, release: dict) -> dict:
    """The learner version with every answer cell solved as in the source."""
    answers = {cells.grade_id(c): cells.solved(c) for c in source["cells"] if cells.is_solution(c)}
    nb = json.loads(json.dumps(release))
    for cell in nb["cells"]:
        if cells.grade_id(cell) in answers:
            cell["source"] = answers[cells.grade_id(cell)]
    return nb


def _change(nb: dict, **sources: str) -> dict:
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        grade_id = cells.grade_id(cell)
        if grade_id in sources:
            cell["source"] = sources[grade_id]
    nb["cells"] = [c for c in nb["cells"] if c["source"] is not None]
    return nb


def _submit(cohort, learner: str, text: str) -> None:
    folder = cohort.folder("submitted", learner, ASSIGNMENT)
    folder.mkdir(parents=True)
    (folder / f"{ASSIGNMENT}.ipynb").write_text(text, encoding="utf-8")
    (folder / "timestamp.txt").write_text("2026-01-01 08:00:00.000000 UTC", encoding="utf-8")


def _scores(cohort) -> dict[str, dict[str, tuple[float | None, float | None]]]:
    from nbgrader.api import MissingEntry

    found = {}
    with cohort.gradebook() as gradebook:
        for learner in cohort.learners_in("submitted", ASSIGNMENT):
            try:
                nb = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, learner)
            except MissingEntry:
                continue
            found[learner] = {g.name: (g.auto_score, g.manual_score) for g in nb.grades}
    return found


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_parallel_autograde_gives_the_serial_gradebook(cohort, tmp_path, monkeypatch):
    from grading.executor import preprocessor

    generate(cohort, ASSIGNMENT)
    source = json.loads(
        (cohort.course.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8")
    )
    release = (cohort.course.release_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8")
    solved = _solution(source, json.loads(release))
    submissions = {
        "giai": solved,
        "chua-lam": json.loads(release),
        "sai": _change(
            solved,
            **{
                "cau-4": "doanh_thu_mat = int(don_hang['revenue_vnd'].sum())",
                "cau-1": "tien_khach_tra = vn.format_vnd(3 * vn.parse_vnd(gia_niem_yett))",
            },
        ),
        "gian-lan": _change(solved, **{"cau-1": CHEAT, "cau-8": "import os\nos._exit(0)"}),
        "xoa-o-kiem-tra": _change(solved, **{"kiem-tra-cau-1": None}),
        "sua-o-kiem-tra": _change(solved, **{"kiem-tra-cau-2": "print('✅ Chính xác!')"}),
    }
    for learner, nb in submissions.items():
        _submit(cohort, learner, json.dumps(nb, ensure_ascii=False))
    _submit(cohort, "hong", release[: len(release) // 2])  # cut short: broken JSON
    twin_root = shutil.copytree(cohort.root, tmp_path / "twin" / cohort.root.name)
    twin = open_cohort(twin_root, exchange=cohort.exchange_root)

    serial = autograde(ASSIGNMENT, cohort=cohort, parallel=False)
    on_the_spot = []
    execute_here = preprocessor.execute_notebook

    def counting(nb, **kwargs):
        on_the_spot.append(kwargs.get("files_dir"))
        return execute_here(nb, **kwargs)

    stepped = []

    def step(api, assignment, learner):  # an injected step still gets the parallel path
        stepped.append(learner)
        return run_nbgrader_autograde(api, assignment, learner)

    monkeypatch.setattr(preprocessor, "execute_notebook", counting)
    parallel = autograde(ASSIGNMENT, cohort=twin, workers=2, execute=step)
    assert stepped == sorted(submissions)

    assert _scores(twin) == _scores(cohort)
    assert len(_scores(cohort)) == len(submissions)
    totals = {learner: sum(a or 0 for a, _ in g.values()) for learner, g in _scores(twin).items()}
    # 11 autograded points: cau-1 and cau-4 are worth 1, cau-8 is worth 2
    assert totals == {"giai": 11, "chua-lam": 0, "sai": 9, "gian-lan": 8,
                      "xoa-o-kiem-tra": 11, "sua-o-kiem-tra": 11}  # fmt: skip
    strip = {"seconds", "sandbox"}  # the sandbox uid differs per child, by design
    assert [{k: v for k, v in vars(r).items() if k not in strip} for r in parallel.rows] == [
        {k: v for k, v in vars(r).items() if k not in strip} for r in serial.rows
    ]
    rows = {r.learner: r for r in parallel.rows}
    assert [r.learner for r in parallel.failed] == ["hong"]  # fails alone, with its reason
    assert "not a valid notebook (broken JSON" in rows["hong"].reason
    assert rows["xoa-o-kiem-tra"].restored == ("kiem-tra-cau-1",)
    assert rows["sua-o-kiem-tra"].tampered == ("kiem-tra-cau-2",)
    # everything was executed ahead, except the notebook whose deleted test cell
    # nbgrader puts back (not predicted): executed on the spot, same grades
    assert len(on_the_spot) == 1
    assert "xoa-o-kiem-tra" in str(on_the_spot[0])
    # the executor's report reaches each row, with the same figures both ways
    assert rows["giai"].sandbox is not None
    assert rows["gian-lan"].restarts == 1  # os._exit(0) in cau-8: one fresh child
    assert rows["giai"].restarts == 0

    again = autograde(ASSIGNMENT, cohort=twin, workers=2)  # idempotent: nothing re-run
    assert again.executed == ()
    assert [r.learner for r in again.failed] == ["hong"]
    assert _scores(twin) == _scores(cohort)


def test_only_the_sandboxed_executor_runs_submissions_in_parallel(cohort):
    from nbgrader.preprocessors import Execute
    from traitlets.config import Config

    from grading.executor.batch import selects_sandbox

    assert selects_sandbox(cohort.config())  # the course config selects SandboxedExecute
    stock = Config()
    assert not selects_sandbox(stock)  # nbgrader's default pipeline
    stock.Autograde.autograde_preprocessors = [Execute]
    assert not selects_sandbox(stock)
    named = Config()
    named.Autograde.autograde_preprocessors = ["grading.executor.preprocessor.SandboxedExecute"]
    assert selects_sandbox(named)


def test_workers_must_be_positive(capsys):
    from grading.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["autograde", ASSIGNMENT, "--workers", "0"])
    assert exit_.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_while_the_zygote_starts_the_next_submissions_are_read_ahead():
    """``reach_while`` keeps the grader's thread busy while the zygote imports: it submits
    learners one at a time while asked to, never beyond its limit or the batch's end."""
    from grading.executor.batch import Prefetch

    ahead = Prefetch.__new__(Prefetch)  # the queue alone: no course, no zygote
    ahead._queue, ahead._submitted, ahead.futures = [f"hv{i}" for i in range(10)], 2, {}
    ahead._submit = lambda learner: [learner]
    still_starting = iter([True] * 5 + [False] * 10)
    ahead.reach_while(lambda: next(still_starting), limit=64)
    assert ahead._submitted == 7
    assert list(ahead.futures) == ["hv2", "hv3", "hv4", "hv5", "hv6"]
    ahead.reach_while(lambda: True, limit=2)
    assert ahead._submitted == 9
    ahead.reach_while(lambda: True, limit=64)
    assert ahead._submitted == 10
