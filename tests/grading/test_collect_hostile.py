"""Class 2 and 3: ``hocso collect`` takes the exchange's inbound folders as hostile data."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from grading.classroom.enrolments import read_enrolments
from grading.core.files import Caps
from grading.exchange.identity import IDENTITY_FILE, course_key, learner_token
from grading.verbs.collect import collect, issue_tokens

from ._cells import notebook, plain_cell

A = "00-lam-quen"
ROSTER = ("hv01", "hv02", "hv03")


def _nb(cells: int = 2) -> str:
    return json.dumps(notebook(*(plain_cell(f"x = {i}") for i in range(cells))))


@pytest.fixture
def exchange(cohort):
    """A released assignment (no nbgrader run needed): roster in the gradebook, empty inbound."""
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(A, duedate=dt.datetime(2099, 1, 1))
        for learner in ROSTER:
            gradebook.update_or_create_student(learner)
    base = cohort.exchange_root / cohort.course_id
    (base / "outbound" / A).mkdir(parents=True)
    (base / "inbound").mkdir()
    return base / "inbound"


def submit(inbound, learner, when="2026-03-01 10:00:00.000000 UTC", *, token=None, extra=None):
    folder = inbound / f"{learner}+{A}+{when}+r{len(list(inbound.iterdir()))}"
    folder.mkdir()
    (folder / f"{A}.ipynb").write_text(_nb(), encoding="utf-8")
    (folder / "timestamp.txt").write_text(when, encoding="utf-8")
    if token is not None:
        (folder / IDENTITY_FILE).write_text(token, encoding="ascii")
    for name, maker in (extra or {}).items():
        maker(folder / name)
    return folder


def test_symlinks_fifos_and_hard_links_never_reach_submitted(cohort, exchange, tmp_path):
    secret = tmp_path / "gradebook-secret.txt"
    secret.write_text("BÍ MẬT")
    submit(exchange, "hv01", extra={
        "so-lieu.csv": lambda p: os.symlink(secret, p),
        "zero": lambda p: os.symlink("/dev/zero", p),
        "ong": lambda p: os.mkfifo(p),
        "cung.txt": lambda p: os.link(secret, p),
        "thu-muc": lambda p: os.symlink(tmp_path, p),
    })  # fmt: skip
    result = collect(A, cohort=cohort)
    (row,) = result.rows
    folder = cohort.folder("submitted", "hv01", A)
    assert sorted(p.name for p in folder.iterdir()) == [
        ".hocso-inbound",
        ".hocso-learner-timestamp.txt",
        f"{A}.ipynb",
        "timestamp.txt",
    ]
    assert not any(p.is_symlink() for p in folder.rglob("*"))
    assert len(row.skipped_files) == 5


def test_bad_inbound_folders_fail_alone_and_collect_goes_on(cohort, exchange):
    submit(exchange, "hv01")
    (exchange / f"hv02+{A}+not-a-date+x").mkdir()  # garbage time: the folder's ctime decides
    (exchange / f"hv02+{A}+not-a-date+x" / f"{A}.ipynb").write_text(_nb())
    far = submit(exchange, "hv03", "9999-12-31 23:59:59.999999 UTC")
    (far / "timestamp.txt").write_text("99999999-garbage")
    (exchange / f"\x1b[2J=cmd|' -C calc'!A0+{A}+2026+x").mkdir()  # ANSI + formula id
    (exchange / f"nobody+{A}+2026-03-01 10:00:00 UTC+x").mkdir()  # not on the roster
    os.mkfifo(exchange / f"hv01+{A}+2026-03-02 10:00:00 UTC+fifo")  # a FIFO, not a folder
    result = collect(A, cohort=cohort)
    assert {r.learner for r in result.rows} == {"hv01", "hv02", "hv03"}
    reasons = {s.folder: s.reason for s in result.skipped}
    assert any("not on the roster" in r for r in reasons.values())
    assert any("not a folder" in r for r in reasons.values())
    assert any("does not parse" in r for r in reasons.values())
    assert not any("\x1b" in name for name in reasons)  # escaped for the terminal
    late = {r.learner: r for r in result.rows}
    assert late["hv03"].learner_timestamp == "99999999-garbage"
    assert late["hv03"].timestamp <= dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def test_lateness_comes_from_the_folder_ctime_not_the_learner(cohort, exchange):
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(A, duedate=dt.datetime(2020, 1, 1))
    folder = submit(exchange, "hv01", "2019-12-31 10:00:00.000000 UTC")  # backdated
    os.utime(folder, (0, 0))  # and its mtime too
    (row,) = collect(A, cohort=cohort).rows
    assert row.late
    assert row.learner_timestamp.startswith("2019-12-31")
    written = (cohort.folder("submitted", "hv01", A) / "timestamp.txt").read_text()
    assert written.startswith(str(dt.datetime.now(dt.timezone.utc).year))


def test_replacing_a_submission_is_reported(cohort, exchange):
    submit(exchange, "hv01")
    first = collect(A, cohort=cohort).rows[0]
    assert first.action == "new"
    again = collect(A, cohort=cohort).rows[0]
    assert again.action == "unchanged"
    import time

    time.sleep(0.05)
    submit(exchange, "hv01")
    second = collect(A, cohort=cohort).rows[0]
    assert second.action == "updated"
    assert second.replaced == first.timestamp


def test_size_file_and_cell_caps_refuse_the_submission_alone(cohort, exchange):
    submit(exchange, "hv01", extra={"to.csv": lambda p: p.write_bytes(b"x" * 5000)})
    big = submit(exchange, "hv02")
    (big / f"{A}.ipynb").write_text(_nb(cells=30))
    submit(exchange, "hv03")
    result = collect(A, cohort=cohort, caps=Caps(max_bytes=4500), max_cells=20)
    assert [r.learner for r in result.rows] == ["hv03"]
    reasons = " ".join(s.reason for s in result.skipped)
    assert "bytes" in reasons
    assert "cells" in reasons


def test_nbformat_3_is_upgraded(cohort, exchange):
    folder = submit(exchange, "hv01")
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [
        {"cells": [{"cell_type": "code", "input": "x = 1", "outputs": [], "language": "python",
                    "metadata": {}}], "metadata": {}}]}  # fmt: skip
    (folder / f"{A}.ipynb").write_text(json.dumps(v3))
    (row,) = collect(A, cohort=cohort).rows
    assert row.upgraded == (f"{A}.ipynb",)
    nb = json.loads((cohort.folder("submitted", "hv01", A) / f"{A}.ipynb").read_text())
    assert nb["nbformat"] == 4
    assert nb["cells"][0]["source"] == "x = 1"


def test_on_a_shared_account_a_token_proves_who_submitted(cohort, exchange, tmp_path):
    homes = {learner: tmp_path / learner / A for learner in ROSTER}
    for folder in homes.values():
        folder.mkdir(parents=True)
    issue_tokens(list(ROSTER), homes, cohort=cohort)
    key = course_key(cohort.state_dir)
    own = (homes["hv01"] / IDENTITY_FILE).read_text()
    submit(exchange, "hv01", token=own)
    submit(exchange, "hv02", token=own.replace("hv01", "hv02"))  # hv01's token, hv02's name
    submit(exchange, "hv03")  # no token at all
    result = collect(A, cohort=cohort)
    assert result.identity == "token"
    assert [(r.learner, r.verified) for r in result.rows] == [("hv01", True)]
    assert not cohort.folder("submitted", "hv02", A).exists()
    assert len(result.skipped) == 2
    nonce = read_enrolments(cohort.state)["hv02"].nonce
    assert learner_token(key, cohort.course_id, "hv02", nonce) not in own


def test_an_impersonation_never_replaces_the_victims_work(cohort, exchange, tmp_path):
    homes = {"hv01": tmp_path / "hv01" / A}
    homes["hv01"].mkdir(parents=True)
    issue_tokens(["hv01", "hv02"], {**homes, "hv02": tmp_path}, cohort=cohort)
    submit(exchange, "hv01", token=(homes["hv01"] / IDENTITY_FILE).read_text())
    collect(A, cohort=cohort)
    before = (cohort.folder("submitted", "hv01", A) / "timestamp.txt").read_text()
    import time

    time.sleep(0.05)
    submit(exchange, "hv01", "2026-03-09 10:00:00.000000 UTC")  # written by hv02: no token
    result = collect(A, cohort=cohort)
    assert (cohort.folder("submitted", "hv01", A) / "timestamp.txt").read_text() == before
    assert result.rows[0].action == "unchanged"
    assert any("token" in s.reason for s in result.skipped)


def test_owner_mode_needs_the_account_named_like_the_id(cohort, exchange):
    submit(exchange, "hv01")  # owned by this process's user, not "hv01"
    result = collect(A, cohort=cohort, identity="owner")
    assert result.rows == ()
    assert "account" in result.skipped[0].reason


def test_learner_config_carries_the_token_into_the_submission(cohort, exchange, tmp_path):
    from nbgrader.coursedir import CourseDirectory

    from grading.exchange.submit import TokenSubmit
    from grading.verbs.release import write_learner_config

    home = tmp_path / "hv01-home"
    home.mkdir()
    config = write_learner_config(cohort, home, "hv01").read_text()
    assert "TokenSubmit" in config
    assert (home / IDENTITY_FILE).is_file()
    work = home / A
    work.mkdir()
    (work / f"{A}.ipynb").write_text(_nb())
    submit_app = TokenSubmit(coursedir=CourseDirectory(root=str(home)))
    submit_app.inbound_path = str(exchange)
    dest = exchange / f"hv01+{A}+2026-03-01 10:00:00.000000 UTC+r"
    submit_app.do_copy(str(work), str(dest))
    (dest / "timestamp.txt").write_text("2026-03-01 10:00:00.000000 UTC")
    (row,) = collect(A, cohort=cohort).rows
    assert row.verified
    assert row.learner == "hv01"
