"""The learner's attempt log travels with the submission and is kept per submission by autograde."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from grading.progress.attempts import attempts_dir
from grading.verbs.autograde import Execution, autograde
from grading.verbs.collect import collect
from grading.verbs.release import generate
from toolkit import attempts

A = "00-lam-quen"


def test_log_written_in_order_submitted_collected_and_stored(cohort, tmp_path):
    generate(cohort, A)
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(A, duedate=dt.datetime(2099, 1, 1))
        gradebook.update_or_create_student("hv01")
    # the learner works: two checks and a hint, in this order (what toolkit writes)
    work = tmp_path / "hv01" / A
    shutil.copytree(cohort.course.release_dir / A, work)
    assert attempts.record(
        "check", "kiem-tra-cau-1", outcome="incorrect", mistake="m1", folder=work
    )
    assert attempts.record("hint", "kiem-tra-cau-1", hint_tier=1, folder=work)
    assert attempts.record("check", "kiem-tra-cau-1", outcome="correct", folder=work)
    # nbgrader's submit copies the whole assignment folder into the inbound exchange
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    stamp = "2026-03-01 10:00:00.000000 UTC"
    folder = inbound / f"hv01+{A}+{stamp}+r1"
    shutil.copytree(work, folder)
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")
    (cohort.exchange_root / cohort.course_id / "outbound" / A).mkdir(parents=True)

    collect(A, cohort=cohort)
    submitted = cohort.folder("submitted", "hv01", A) / attempts.LOG_NAME
    assert submitted.read_text(encoding="utf-8") == (work / attempts.LOG_NAME).read_text("utf-8")

    autograde(A, cohort=cohort, execute=lambda api, assignment, learner: Execution(ok=True))
    stored = attempts_dir(cohort) / A / "hv01.jsonl"
    lines = [json.loads(line) for line in stored.read_text(encoding="utf-8").splitlines()]
    assert [(x["event"], x["outcome"], x["hint_tier"]) for x in lines] == [
        ("check", "incorrect", None),
        ("hint", None, 1),
        ("check", "correct", None),
    ]


def test_an_unwritable_log_never_breaks_the_notebook(tmp_path):
    # a log that cannot be opened for appending (here a folder in its place, which stops
    # root too), or a folder that does not exist: the line is skipped, nothing raised
    folder = tmp_path / "bai"
    (folder / attempts.LOG_NAME).mkdir(parents=True)
    assert attempts.record("check", "kiem-tra-cau-1", outcome="correct", folder=folder) is False
    assert attempts.read_log(folder) == []
    missing = tmp_path / "khong-co"
    assert attempts.record("hint", "kiem-tra-cau-1", hint_tier=1, folder=missing) is False
    assert attempts.read_log(missing) == []
