"""The shared-account mode (``make lab LEARNER=…``): the attacks of issue 20, as regression tests.

What it must stop: a learner preparing a lab (and so a token) for another id, a
token surviving its enrolment (re-issued, removed, renamed, id given to someone
else), files other OS accounts can read. What it cannot stop, and says so: a
learner at the same account copying another's ``.hocso-identity``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess

import nbformat
import pytest

from grading.classroom.enrolments import read_enrolments
from grading.classroom.roster import import_roster, remove_learner, rename_learner
from grading.cli import main
from grading.core.errors import WorkspaceError
from grading.exchange.identity import IDENTITY_FILE
from grading.jupyter.launch import enrol_learner, learner_workspace, prepare_workspace
from grading.verbs.collect import collect

pytestmark = pytest.mark.slow

A = "00-lam-quen"
ROSTER = "id,full_name\nhv01,Nguyễn Thị Lan\nhv02,Trần Văn Minh\n"


@pytest.fixture
def enrolled(cohort, tmp_path):
    path = tmp_path / "lop.csv"
    path.write_text(ROSTER, encoding="utf-8")
    import_roster(path, cohort=cohort)
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(A, duedate=dt.datetime(2099, 1, 1))
    base = cohort.exchange_root / cohort.course_id
    (base / "outbound" / A).mkdir(parents=True)
    (base / "inbound").mkdir()
    return cohort


def _submit(cohort, learner: str, token: str | None, when: str) -> None:
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    folder = inbound / f"{learner}+{A}+{when}+r{len(list(inbound.iterdir()))}"
    folder.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    (folder / f"{A}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (folder / "timestamp.txt").write_text(when, encoding="utf-8")
    if token is not None:
        (folder / IDENTITY_FILE).write_text(token, encoding="ascii")


def _cli(cohort, *args: str) -> int:
    return main([*args, "--course", str(cohort.root), "--exchange", str(cohort.exchange_root)])


def test_b_cannot_mint_a_token_for_a_by_preparing_a_lab(enrolled, tmp_path, capsys):
    base = tmp_path / "ws"
    ws_a, ws_b = learner_workspace("hv01", base), learner_workspace("hv02", base)
    # before any trainer action, no lab for a class id gets a token
    with pytest.raises(WorkspaceError, match="chưa cấp mã nộp bài"):
        prepare_workspace(cohort=enrolled, workspace=ws_a, learner="hv01")
    assert read_enrolments(enrolled.state) == {}
    assert _cli(enrolled, "roster", "token", "hv01", "--workspace", str(ws_a)) == 0
    assert "not security" in capsys.readouterr().out  # the trainer is told what it is
    assert _cli(enrolled, "roster", "token", "hv02", "--workspace", str(ws_b)) == 0
    enrolment_a = read_enrolments(enrolled.state)["hv01"]
    token_b = (ws_b / IDENTITY_FILE).read_text()
    # the attack of the issue: hv02 asks for hv01's lab in hv02's own folder
    code = _cli(enrolled, "lab", "--prepare-only", "--learner", "hv01", "--workspace", str(ws_b))
    assert code == WorkspaceError.exit_code
    assert "không phải" in capsys.readouterr().err
    assert (ws_b / IDENTITY_FILE).read_text() == token_b  # still hv02's own token
    assert read_enrolments(enrolled.state)["hv01"] == enrolment_a  # hv01's token still valid
    # and hv02's token under hv01's name is refused at collect
    _submit(enrolled, "hv01", token_b.replace("hv02", "hv01"), "2026-03-01 10:00:00.000000 UTC")
    result = collect(A, cohort=enrolled)
    assert result.rows == ()
    assert "not hv01's current one" in result.skipped[0].reason
    # hv01's own lab opens, with their token, in their folder only
    prepare_workspace(cohort=enrolled, workspace=ws_a, learner="hv01")


def test_identity_files_and_workspaces_are_private(enrolled, tmp_path):
    ws = learner_workspace("hv01", tmp_path / "ws")
    enrol_learner(enrolled, "hv01", ws)
    prepare_workspace(cohort=enrolled, workspace=ws, learner="hv01")
    assert stat.S_IMODE(ws.stat().st_mode) == 0o700
    assert stat.S_IMODE((ws / IDENTITY_FILE).stat().st_mode) == 0o600
    if os.geteuid() == 0 and shutil.which("runuser"):  # as another OS account: no access
        os.chmod(tmp_path, 0o755)
        os.chmod(ws.parent.parent, 0o755)
        os.chmod(ws.parent, 0o755)
        other = subprocess.run(
            ["runuser", "-u", "nobody", "--", "cat", str(ws / IDENTITY_FILE)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert other.returncode != 0
        assert "Permission denied" in other.stderr


def test_a_token_written_through_a_planted_symlink_never_lands_elsewhere(enrolled, tmp_path):
    ws = tmp_path / "ws-hv01"
    ws.mkdir()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("unchanged")
    (ws / IDENTITY_FILE).symlink_to(elsewhere)
    enrol_learner(enrolled, "hv01", ws)
    assert elsewhere.read_text() == "unchanged"
    assert not (ws / IDENTITY_FILE).is_symlink()


def test_b_copying_a_identity_still_succeeds_on_one_account(enrolled, tmp_path):
    """What the mode cannot stop: the same account reads every file, so the copy works.

    Acceptable because it is said (README, trainer and learner output) and the
    remedy is one account per learner (hub mode); it leaves a trace (collect
    reports the submission as hv01's from hv02's time), and a re-issue kills it.
    """
    base = tmp_path / "ws"
    ws_a, ws_b = learner_workspace("hv01", base), learner_workspace("hv02", base)
    enrol_learner(enrolled, "hv01", ws_a)
    enrol_learner(enrolled, "hv02", ws_b)
    stolen = (ws_a / IDENTITY_FILE).read_text()  # the same account can read it
    _submit(enrolled, "hv01", stolen, "2026-03-01 10:00:00.000000 UTC")
    (row,) = collect(A, cohort=enrolled).rows
    assert (row.learner, row.verified) == ("hv01", True)  # the attack succeeds
    enrol_learner(enrolled, "hv01", ws_a)  # the trainer re-issues hv01's token
    _submit(enrolled, "hv01", stolen, "2026-03-02 10:00:00.000000 UTC")
    result = collect(A, cohort=enrolled)
    assert [r.action for r in result.rows] == ["unchanged"]
    assert "current one" in result.skipped[0].reason  # the copy died with the re-issue


def test_a_removed_then_reassigned_id_refuses_the_old_holders_token(enrolled, tmp_path):
    ws = learner_workspace("hv01", tmp_path / "ws")
    enrol_learner(enrolled, "hv01", ws)
    old_token = (ws / IDENTITY_FILE).read_text()
    remove_learner("hv01", cohort=enrolled)
    assert "hv01" not in read_enrolments(enrolled.state)
    again = tmp_path / "again.csv"
    again.write_text("id,full_name\nhv01,Lê Thị Hoa\n", encoding="utf-8")
    import_roster(again, cohort=enrolled)  # the id goes to a new person
    with pytest.raises(WorkspaceError):  # the old holder's lab no longer opens
        prepare_workspace(cohort=enrolled, workspace=ws, learner="hv01")
    new_ws = learner_workspace("hv01", tmp_path / "ws-new")
    enrol_learner(enrolled, "hv01", new_ws)
    new_token = (new_ws / IDENTITY_FILE).read_text()
    assert new_token != old_token
    _submit(enrolled, "hv01", old_token, "2026-03-01 10:00:00.000000 UTC")
    result = collect(A, cohort=enrolled)
    assert result.rows == ()  # the old token never replaces the new learner's work
    _submit(enrolled, "hv01", new_token, "2026-03-01 11:00:00.000000 UTC")
    (row,) = collect(A, cohort=enrolled).rows
    assert row.verified


def test_a_rename_revokes_the_old_ids_token(enrolled, tmp_path):
    ws = learner_workspace("hv02", tmp_path / "ws")
    enrol_learner(enrolled, "hv02", ws)
    token = (ws / IDENTITY_FILE).read_text()
    rename_learner("hv02", "minh-tran", cohort=enrolled)
    assert read_enrolments(enrolled.state) == {}
    _submit(
        enrolled, "minh-tran", token.replace("hv02", "minh-tran"), "2026-03-01 10:00:00.000000 UTC"
    )
    result = collect(A, cohort=enrolled)
    assert result.rows == ()
    assert "no token" in result.skipped[0].reason
