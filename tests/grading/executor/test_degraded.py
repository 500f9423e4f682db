"""Without namespaces the executor still grades, and says plainly what it could not enforce."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grading.executor import Limits
from grading.executor._zygote import SandboxRefused

from .conftest import (
    answer_cell,
    code,
    grade_cell,
    grades,
    needs_sandbox,
    notebook,
    setup_cell,
    text_of,
)


def _graded():
    return notebook(
        setup_cell(),
        answer_cell("dap_an = 42", "cau-1"),
        grade_cell("expect.integer(dap_an, 42, name='dap_an')", "kiem-tra-1"),
        code("import os\nos._exit(0)"),
        grade_cell("expect.integer(dap_an, 41, name='dap_an')", "kiem-tra-2"),
    )


def test_sandbox_off_is_reported_and_grades_the_same(run):
    degraded, report = run(_graded(), sandbox="off")
    full, _ = run(_graded())
    assert grades(degraded) == grades(full) == {"kiem-tra-1": 1, "kiem-tra-2": 0}
    assert not report.sandbox.full
    assert not report.sandbox.pid_namespace
    assert not report.sandbox.mount_namespace
    text = " ".join(report.sandbox.degraded)
    assert "sandbox switched off" in text
    assert "course folder and gradebook stay visible" in text
    assert report.restarts == 1


def test_sandbox_off_still_kills_background_processes(run):
    marker = "31337.777"
    nb, _ = run(
        notebook(
            code(
                f"import subprocess\nsubprocess.Popen(['sleep', '{marker}'], start_new_session=True)"
            )
        ),
        sandbox="off",
    )
    assert not nb.cells[0].outputs or "Popen" in text_of(nb.cells[0])
    alive = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marker.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                alive.append(pid)
        except OSError:
            continue
    assert alive == []


@needs_sandbox
def test_require_mode_runs_when_everything_is_available(zygote, files_dir):
    sandbox = zygote.spawn(
        files_dir=str(files_dir), workdir_name="bai", limits=Limits(), mode="require"
    )
    try:
        assert sandbox.report.full
        assert sandbox.report.unprivileged
    finally:
        sandbox.close()


def test_require_mode_refuses_without_namespaces(zygote, files_dir, monkeypatch):
    from grading.executor import _sandbox

    # the refusal is decided in the supervisor; simulate a kernel without namespaces there
    monkeypatch.setattr(_sandbox, "_enter_namespaces", lambda mode: ({}, ["no namespaces"]))
    with pytest.raises(SandboxRefused):
        _sandbox_refusal(files_dir)


def _sandbox_refusal(files_dir):
    """Run the supervisor's decision in-process: it refuses before forking anything."""
    import socket

    from grading.executor import _sandbox
    from grading.executor._protocol import recv_message

    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            _sandbox.run_supervisor(theirs, {"mode": "require", "files_dir": str(files_dir)})
        finally:
            os._exit(1)
    theirs.close()
    message = recv_message(ours, max_bytes=1 << 20, deadline=None)
    os.waitpid(pid, 0)
    ours.close()
    if message.get("type") == "refused":
        raise SandboxRefused("; ".join(message["degraded"]))
