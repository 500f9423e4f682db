"""A running autograde batch, as the trainer's process records it and ``hocso status`` shows it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from grading.classroom.running import RunningBatch, Tracker, read_running, write_running


def test_the_tracker_counts_every_submission_and_leaves_no_file(tmp_path):
    tracker = Tracker(tmp_path, "00-lam-quen", total=3, where="tcp://127.0.0.1:8786", every=0.0)
    (batch,) = read_running(tmp_path)
    assert (batch.done, batch.failed, batch.total, batch.where) == (0, 0, 3, "tcp://127.0.0.1:8786")
    assert batch.eta_seconds() is None  # no pace before the first submission
    tracker.step(failed=False)
    tracker.step(failed=True)
    (batch,) = read_running(tmp_path)
    assert (batch.done, batch.failed) == (2, 1)
    assert batch.alive()
    tracker.close()
    assert read_running(tmp_path) == ()


@pytest.mark.parametrize("done", [1, 5, 9])
def test_eta_shrinks_as_submissions_are_done_at_a_steady_pace(done):
    pace = 2.0
    batch = RunningBatch("a", 10, done, 0, 0.0, pace * done, "local", 1)
    later = RunningBatch("a", 10, done + 1, 0, 0.0, pace * (done + 1), "local", 1)
    assert batch.eta_seconds() == pytest.approx(pace * (10 - done))
    assert 0 <= later.eta_seconds() < batch.eta_seconds()


def test_a_batch_whose_process_is_gone_is_not_alive(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    write_running(tmp_path, RunningBatch("a", 4, 1, 0, 0.0, 1.0, "local", int(gone.stdout)))
    (batch,) = read_running(tmp_path)
    assert not batch.alive()


def test_damaged_state_files_are_left_out(tmp_path):
    (tmp_path / "running-a.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "running-b.json").write_text('{"assignment": "b"}', encoding="utf-8")
    assert read_running(tmp_path) == ()


def test_status_shows_a_running_batch(cohort, capsys):
    from grading.cli import main

    write_running(cohort.state_dir, RunningBatch("00-lam-quen", 40, 10, 1, 0.0, 60.0,
                                                 "tcp://127.0.0.1:8786", os.getpid()))  # fmt: skip
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root), "status"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "autograde 00-lam-quen: running, 10/40 graded (1 failed) on tcp://127.0.0.1:8786" in out
    assert "about 3 min left" in out  # 6 s each, 30 left
