"""``hocso workers``: what it starts, and what it refuses to expose."""

from __future__ import annotations

import pytest

from grading.core.errors import CohortError
from grading.verbs.workers import WorkerPlan, check_plan, commands, worker_environment

TLS = {"tls_ca_file": "ca.pem", "tls_cert": "may.pem", "tls_key": "may.key"}


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.5", "::", "may-chu.tinh.vn"])
def test_a_scheduler_off_loopback_needs_tls_or_a_deliberate_flag(host):
    with pytest.raises(CohortError, match="chạy bất kỳ mã nào mà một máy khách"):
        check_plan(WorkerPlan(scheduler_here=True, host=host))
    check_plan(WorkerPlan(scheduler_here=True, host=host, **TLS))
    check_plan(WorkerPlan(scheduler_here=True, host=host, plain_tcp_on_private_network=True))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_loopback_needs_nothing_more(host):
    check_plan(WorkerPlan(scheduler_here=True, host=host))


@pytest.mark.parametrize(
    "plan",
    [
        WorkerPlan(),  # neither here nor elsewhere
        WorkerPlan(scheduler_here=True, scheduler="tcp://10.0.0.5:8786"),  # both
        WorkerPlan(scheduler_here=True, tls_ca_file="ca.pem"),  # half of TLS
        WorkerPlan(scheduler="tls://10.0.0.5:8786"),  # a TLS scheduler, no certificates
        WorkerPlan(scheduler_here=True, workers=-1),
    ],
)
def test_contradictory_plans_are_refused(plan):
    with pytest.raises(CohortError):
        check_plan(plan)


def test_tls_reaches_the_scheduler_and_the_workers():
    cmds = commands(WorkerPlan(scheduler_here=True, host="10.0.0.5", workers=3, **TLS), "py")
    for argv in cmds.values():
        for flag, value in (("--tls-ca-file", "ca.pem"), ("--tls-cert", "may.pem"),
                            ("--tls-key", "may.key")):  # fmt: skip
            assert argv[argv.index(flag) + 1] == value
    assert cmds["scheduler"][cmds["scheduler"].index("--protocol") + 1] == "tls"
    assert cmds["workers"][3] == "tls://10.0.0.5:8786"
    assert "--host" not in cmds["workers"]  # workers on other machines advertise their own


def test_workers_only_join_the_given_scheduler():
    cmds = commands(WorkerPlan(scheduler="tcp://10.0.0.5:9000", workers=4), "py")
    assert list(cmds) == ["workers"]
    assert cmds["workers"][3] == "tcp://10.0.0.5:9000"
    assert cmds["workers"][cmds["workers"].index("--nthreads") + 1] == "1"  # one per process


def test_no_database_setting_reaches_a_worker():
    env = worker_environment({"PATH": "/usr/bin", "HOME": "/root", "HOCSO_LANG": "en",
                              "HOCSO_DB_URL": "postgresql://gv:mk@db/hocso", "PGPASSWORD": "mk",
                              "PGHOST": "db", "DATABASE_URL": "x"})  # fmt: skip
    assert env == {"PATH": "/usr/bin", "HOME": "/root", "HOCSO_LANG": "en"}


def test_the_cli_refuses_an_exposed_scheduler(capsys, monkeypatch):
    from grading.cli import main

    monkeypatch.delenv("HOCSO_LANG", raising=False)
    assert main(["workers", "--scheduler-here", "--host", "0.0.0.0"]) == CohortError.exit_code
    assert "khi chưa có TLS" in capsys.readouterr().err
    monkeypatch.setenv("HOCSO_LANG", "en")
    assert main(["workers", "--scheduler-here", "--host", "0.0.0.0"]) == CohortError.exit_code
    assert "without TLS" in capsys.readouterr().err
