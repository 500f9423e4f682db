"""The autograde batch around its execution step, with a fake step (no kernels, fast)."""

from __future__ import annotations

import shutil

import pytest

from grading.cli import main
from grading.core.errors import CohortError
from grading.verbs.autograde import Execution, _reason, autograde
from grading.verbs.release import generate

ASSIGNMENT = "00-lam-quen"


@pytest.fixture
def generated(cohort):
    generate(cohort, ASSIGNMENT)
    release = cohort.course.release_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    for learner in ("hv01", "hv02", "hv03"):
        folder = cohort.folder("submitted", learner, ASSIGNMENT)
        folder.mkdir(parents=True)
        shutil.copy(release, folder)
    return cohort


def test_one_crashing_submission_never_stops_the_batch(generated):
    seen = []

    def execute(api, assignment, learner):
        seen.append(learner)
        if learner == "hv02":
            raise RuntimeError("the kernel could not start")
        return Execution(ok=True)

    result = autograde(ASSIGNMENT, cohort=generated, execute=execute, parallel=False)
    assert seen == ["hv01", "hv02", "hv03"]
    assert [r.status for r in result.rows] == ["graded", "failed", "graded"]
    assert result.failed[0].reason == "RuntimeError: the kernel could not start"


def test_failed_execution_gives_a_clear_reason(generated):
    log = (
        "[ERROR] There was an error processing assignment: x\n"
        "[ERROR] Traceback (most recent call last):\n"
        '  File "nbclient/client.py", line 1, in run\n'
        "nbclient.exceptions.CellTimeoutError: A cell timed out while it was being executed\n"
        "[ERROR] There was an error processing assignment '00-lam-quen' for student 'hv01'\n"
    )
    error = "nbgrader.converters.base.NbGraderException: Please see the the above traceback"

    def execute(api, assignment, learner):
        return Execution(ok=False, log=log, error=error)

    result = autograde(ASSIGNMENT, cohort=generated, learners=["hv01"], execute=execute)
    (row,) = result.rows
    assert row.status == "failed"
    assert row.reason == "a cell ran longer than the time limit (60 s): an endless loop?"
    # the reason is remembered for the grade export and the status
    from grading.verbs.grades import grades

    hv01 = next(r for r in grades(cohort=generated) if r.learner == "hv01")
    assert (hv01.status, hv01.note) == ("autograde failed", row.reason)


@pytest.mark.parametrize(
    ("log", "reason"),
    [
        ("KeyError: 'cells'\n", "KeyError: 'cells'"),
        ("DeadKernelError: Kernel died\n", "the Python kernel died"),
        ("something odd happened\n", "nbgrader failed: something odd happened"),
    ],
)
def test_reason_extraction(log, reason):
    assert _reason(Execution(ok=False, log=log), 30).startswith(reason)


def test_unknown_or_missing_submissions(generated):
    result = autograde(ASSIGNMENT, cohort=generated, learners=["khong-co"], execute=None)
    (row,) = result.rows
    assert row.status == "failed"
    assert "run `hocso collect 00-lam-quen`" in row.reason
    empty = generated.folder("submitted", "hv04", ASSIGNMENT)
    empty.mkdir(parents=True)
    (empty / "ghi-chu.txt").write_text("em quên nộp notebook", encoding="utf-8")
    (row,) = autograde(ASSIGNMENT, cohort=generated, learners=["hv04"], execute=None).rows
    assert row.reason.startswith("no notebook of 00-lam-quen in the submission")
    assert "ghi-chu.txt" in row.reason


def test_verbs_before_release_say_what_to_do(cohort, capsys):
    with pytest.raises(CohortError, match="hãy chạy `hocso release 00-lam-quen` trước"):
        autograde(ASSIGNMENT, cohort=cohort)
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    for verb in ("collect", "autograde", "feedback"):
        assert main([*args, verb, ASSIGNMENT]) == CohortError.exit_code
        assert "release" in capsys.readouterr().err


def test_the_executor_report_reaches_the_row():
    from types import SimpleNamespace

    from grading.verbs.autograde import _executor_fields

    assert _executor_fields(()) == {}
    first = SimpleNamespace(
        sandbox="full", restarts=1, untrusted_cells=(("kiem-tra-cau-2", ("x",)),)
    )
    second = SimpleNamespace(sandbox="other", restarts=2, untrusted_cells=())
    assert _executor_fields((first, second)) == {
        "sandbox": "full",
        "restarts": 3,
        "untrusted_cells": ("kiem-tra-cau-2",),
    }


def test_an_injected_step_gets_the_batchs_handoff(generated):
    from grading.executor.preprocessor import Handoff

    seen = []

    def execute(api, assignment, learner):
        seen.append(api.config.SandboxedExecute.handoff)
        return Execution(ok=True)

    autograde(ASSIGNMENT, cohort=generated, execute=execute, parallel=False)
    assert len(seen) == 3
    assert isinstance(seen[0], Handoff)
    assert all(h is seen[0] for h in seen)  # one handoff for the batch, shared not copied
