"""``hocso workers``: a Dask scheduler and grading workers for ``hocso autograde --scheduler``.

One machine (a class)::

    hocso workers --scheduler-here -n 2          # scheduler on 127.0.0.1:8786, 2 workers
    hocso autograde 00-lam-quen --scheduler tcp://127.0.0.1:8786

Several machines (a province), on a private network, with TLS::

    # the trainer's machine (10.0.0.5): scheduler only, on the private address
    hocso workers --scheduler-here --host 10.0.0.5 -n 0 \\
        --tls-ca-file ca.pem --tls-cert may-cham.pem --tls-key may-cham.key
    # each grading machine: workers only, one per core
    hocso workers --scheduler tls://10.0.0.5:8786 -n 4 \\
        --tls-ca-file ca.pem --tls-cert may-cham.pem --tls-key may-cham.key
    # the trainer grades (its own certificate, same CA)
    hocso autograde 00-lam-quen --scheduler tls://10.0.0.5:8786 \\
        --tls-ca-file ca.pem --tls-cert giang-vien.pem --tls-key giang-vien.key

**A Dask scheduler runs whatever a connected client sends**: anyone who
reaches its port can run any code on every worker. So it binds 127.0.0.1
unless told otherwise; another address needs TLS with certificates signed by
the programme's own CA (``distributed.security.Security``: clients and workers
without such a certificate are refused), or ``--plain-tcp-on-private-network``
said on purpose; and it must never face the internet: put it on the
province's private network or a VPN, and firewall its port to the grading
machines and the trainer's.

Workers never hold the gradebook's address or credentials: they are started
without ``HOCSO_DB_URL`` and the PostgreSQL variables, and tasks carry
submissions, never database settings; only the trainer's ``hocso autograde``
saves grades. Each worker process is supervised: one that exits (killed, out of
memory, its scheduler restarted) is started again.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from grading.core.defaults import default_workers
from grading.core.errors import CohortError
from grading.core.messages import say

__all__ = ["WorkerPlan", "commands", "serve", "worker_environment"]

log = logging.getLogger(__name__)

DEFAULT_PORT = 8786
#: Environment variables a worker must not inherit (database addresses and passwords).
SECRET_ENV_PREFIXES = ("HOCSO_DB", "PG", "DATABASE_URL", "SQLALCHEMY")


@dataclass(frozen=True)
class WorkerPlan:
    """What ``hocso workers`` starts on this machine."""

    scheduler_here: bool = False
    scheduler: str | None = None  # address of a scheduler elsewhere
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    workers: int = default_workers()
    memory_limit: str = "auto"
    tls_ca_file: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    plain_tcp_on_private_network: bool = False

    @property
    def tls(self) -> bool:
        return bool(self.tls_ca_file and self.tls_cert and self.tls_key)

    @property
    def address(self) -> str:
        """The scheduler's address the workers (and trainers) use."""
        if self.scheduler:
            return self.scheduler
        return f"{'tls' if self.tls else 'tcp'}://{self.host}:{self.port}"


def _loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address.

    >>> _loopback("127.0.0.1"), _loopback("localhost"), _loopback("10.0.0.5"), _loopback("0.0.0.0")
    (True, True, False, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_plan(plan: WorkerPlan) -> None:
    """Refuse a plan that would expose a scheduler or mix up its options.

    Raises
    ------
    CohortError
        Naming the option and what to do.

    Examples
    --------
    >>> check_plan(WorkerPlan(scheduler_here=True, host="0.0.0.0"))
    Traceback (most recent call last):
    ...
    grading.core.errors.CohortError: không mở bộ điều phối Dask trên 0.0.0.0 khi chưa có TLS: ...
    """
    if plan.scheduler_here == bool(plan.scheduler):
        raise CohortError(say("hocso.error.workers_scheduler_choice"))
    given = [plan.tls_ca_file, plan.tls_cert, plan.tls_key]
    if any(given) and not all(given):
        raise CohortError(say("hocso.error.workers_tls_incomplete"))
    if plan.workers < 0:
        raise CohortError(say("hocso.error.workers_count", count=plan.workers))
    if plan.scheduler_here and not _loopback(plan.host) and not plan.tls:
        if not plan.plain_tcp_on_private_network:
            raise CohortError(say("hocso.error.workers_plain_scheduler", host=plan.host))
    if plan.scheduler and plan.scheduler.startswith("tls://") and not plan.tls:
        raise CohortError(say("hocso.error.workers_tls_scheduler", scheduler=plan.scheduler))


def _tls_args(plan: WorkerPlan) -> list[str]:
    if not plan.tls:
        return []
    return ["--tls-ca-file", str(plan.tls_ca_file), "--tls-cert", str(plan.tls_cert),
            "--tls-key", str(plan.tls_key)]  # fmt: skip


def commands(plan: WorkerPlan, python: str = sys.executable) -> dict[str, list[str]]:
    """``{name: argv}`` of the processes to supervise (``dask scheduler``, ``dask worker``).

    Examples
    --------
    >>> cmds = commands(WorkerPlan(scheduler_here=True, workers=2), python="python")
    >>> sorted(cmds)
    ['scheduler', 'workers']
    >>> cmds["scheduler"][3:7]
    ['--host', '127.0.0.1', '--port', '8786']
    >>> cmds["workers"][3], cmds["workers"][cmds["workers"].index("--nworkers") + 1]
    ('tcp://127.0.0.1:8786', '2')
    """
    check_plan(plan)
    found: dict[str, list[str]] = {}
    if plan.scheduler_here:
        found["scheduler"] = [
            python, "-m", "distributed.cli.dask_scheduler",
            "--host", plan.host, "--port", str(plan.port), "--no-dashboard",
            *(["--protocol", "tls"] if plan.tls else []), *_tls_args(plan),
        ]  # fmt: skip
    if plan.workers > 0:
        worker_host = "127.0.0.1" if _loopback(plan.host) and plan.scheduler_here else None
        if plan.scheduler and _loopback(plan.scheduler.split("://")[-1].rsplit(":", 1)[0]):
            worker_host = "127.0.0.1"
        found["workers"] = [
            python, "-m", "distributed.cli.dask_worker", plan.address,
            "--nworkers", str(plan.workers), "--nthreads", "1",
            "--memory-limit", plan.memory_limit, "--no-dashboard",
            "--death-timeout", "60",
            *(["--host", worker_host] if worker_host else []), *_tls_args(plan),
        ]  # fmt: skip
    return found


def worker_environment(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the scheduler and workers: this one without database settings.

    >>> worker_environment({"PATH": "/bin", "HOCSO_DB_URL": "postgresql://u:p@h/db",
    ...                     "PGPASSWORD": "x"})
    {'PATH': '/bin'}
    """
    environ = dict(os.environ if environ is None else environ)
    return {k: v for k, v in environ.items() if not k.startswith(SECRET_ENV_PREFIXES)}


def serve(
    plan: WorkerPlan,
    *,
    stop: Callable[[], bool] | None = None,
    restart_delay: float = 1.0,
    say: Callable[[str], None] = print,
) -> int:
    """Start the plan's processes and keep them running until ``stop()`` or a signal.

    A process that exits is started again after ``restart_delay`` seconds
    (the scheduler first; workers reconnect to it). Returns 0 after a clean
    stop (SIGINT or SIGTERM, or ``stop()`` true).
    """
    argv = commands(plan)
    env = worker_environment()
    children: dict[str, subprocess.Popen[bytes]] = {}
    stopping = {"now": False}

    def on_signal(_signum: int, _frame: object) -> None:
        stopping["now"] = True

    import threading

    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}

    def start(name: str) -> None:
        children[name] = subprocess.Popen(argv[name], env=env, start_new_session=True)

    try:
        for name in argv:
            start(name)
            if name == "scheduler":
                time.sleep(1.0)  # let it bind before the workers call
        say(f"scheduler: {plan.address}; {plan.workers} worker process(es) on this machine")
        say(f"grade with: hocso autograde ASSIGNMENT --scheduler {plan.address}")
        while not stopping["now"] and not (stop is not None and stop()):
            for name, child in list(children.items()):
                if child.poll() is not None:
                    say(f"{name} exited with {child.returncode}; starting it again")
                    time.sleep(restart_delay)
                    start(name)
            time.sleep(0.2)
    finally:
        for child in children.values():
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait(timeout=10)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
