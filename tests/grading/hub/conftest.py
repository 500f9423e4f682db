"""One real JupyterHub per test module, on loopback, with real Unix users.

``class_hub`` prepares a copy of the course with three learners and a trainer
(real Unix users with private homes under the module's temporary folder),
writes the hub with :func:`grading.hub.config.prepare_hub`, starts JupyterHub
(which starts the exchange service and the idle culler), and stops everything
afterwards, removing the users. Needs root and ``configurable-http-proxy``:
under ``CI=true`` their absence fails the tests, elsewhere it skips them.

Learners' servers must run a Python their accounts can read; the tests' own
interpreter may live under ``/root`` (pyenv), so a venv is made from the
system's Python of the same version, seeing this venv's packages (a ``.pth``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
COURSE = REPO / "courses" / "kinh-doanh-so"
ARTIFACTS = REPO / "test-artifacts" / "hub"
_GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db", ".hocso")
LEARNERS = ("hubhv01", "hubhv02", "hubhv03")
TRAINER = "hubgv01"


def need(condition: bool, what: str) -> None:
    """Fail under ``CI=true``, skip elsewhere, when ``condition`` is false."""
    if condition:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"the hub tests cannot run: {what}", pytrace=False)
    pytest.skip(f"the hub tests cannot run: {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _runs_as(user: str, python: str) -> str:
    """What stops ``user`` from running ``python`` with hocso ("" if nothing)."""
    probe = "import jupyterhub.singleuser, nbgrader, jupyterlab, grading"
    done = subprocess.run(["runuser", "-u", user, "--", python, "-c", probe],
                          capture_output=True, text=True, timeout=120, cwd="/")  # fmt: skip
    return "" if done.returncode == 0 else (done.stderr.strip().splitlines() or ["?"])[-1]


def server_python(folder: Path, user: str) -> str:
    """An interpreter ``user`` can run with this venv's packages (see the module docstring)."""
    if not _runs_as(user, sys.executable):
        return sys.executable
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/usr/local/bin")
    need(system is not None, f"no system {version} readable by learners")
    venv = folder / "learner-venv"
    subprocess.run([system, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = next(Path(p) for p in sys.path if p.endswith("site-packages") and ".venv" in p)
    target = venv / "lib" / version / "site-packages" / "hocso-tests.pth"
    # a line of a .pth that starts with "import" runs: the venv's own .pth files
    # (the editable install of hocso) are read too
    target.write_text(f"import site; site.addsitedir({str(site)!r})\n", encoding="utf-8")
    # Jupyter finds extensions (nbgrader, JupyterLab) under sys.prefix: share the venv's
    for folder in ("etc", "share"):
        shutil.rmtree(venv / folder, ignore_errors=True)
        (venv / folder).symlink_to(Path(sys.prefix) / folder)
    python = str(venv / "bin" / "python")
    problem = _runs_as(user, python)
    need(not problem, f"{user} cannot run {python} with hocso: {problem}")
    return python


@dataclass
class ClassHub:
    cohort: object
    folder: Path
    home: Path
    ports: object
    admin: object
    process: subprocess.Popen
    assignment: str
    tokens: dict
    measured: dict
    codes: dict

    @property
    def public(self) -> str:
        return f"http://127.0.0.1:{self.ports.public}"

    def client(self, user: str):
        from grading.exchange.remote import ExchangeClient

        return ExchangeClient(self.ports.exchange_url, self.tokens[user])

    def trainer_env(self) -> dict[str, str]:
        return {"HOCSO_EXCHANGE_URL": self.ports.exchange_url,
                "JUPYTERHUB_API_TOKEN": self.tokens[TRAINER]}  # fmt: skip


def _remove_users() -> None:
    from grading.hub.accounts import remove_unix_user

    for name in (*LEARNERS, TRAINER):
        try:
            remove_unix_user(name)
        except subprocess.CalledProcessError:
            pass


def _stop(process: subprocess.Popen) -> float:
    start = time.monotonic()
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    return time.monotonic() - start


@pytest.fixture(scope="module")
def class_hub():
    need(hasattr(os, "geteuid") and os.geteuid() == 0, "JupyterHub's local users need root")
    need(shutil.which("configurable-http-proxy") is not None,
         "configurable-http-proxy is missing (npm install -g configurable-http-proxy)")  # fmt: skip
    need(shutil.which("useradd") is not None, "useradd is missing")
    from grading.classroom.cohort import open_cohort
    from grading.classroom.roster import import_roster
    from grading.hub.admin import HubAdmin, wait_for_hub
    from grading.hub.config import HubPorts, prepare_hub

    # not under pytest's 0700 basetemp: learners reach their homes and the venv below it
    base = Path(tempfile.mkdtemp(prefix="hocso-hub-"))
    os.chmod(base, 0o755)
    home = base / "home"
    home.mkdir(mode=0o755)
    course = Path(shutil.copytree(COURSE, base / "kinh-doanh-so",
                                  ignore=shutil.ignore_patterns(*_GENERATED)))  # fmt: skip
    saved = {k: os.environ.pop(k, None) for k in ("HOCSO_EXCHANGE", "HOCSO_DB_URL",
                                                   "HOCSO_COURSE", "HOCSO_EXCHANGE_URL")}  # fmt: skip
    cohort = open_cohort(course, exchange=base / "exchange-trainer")
    roster = base / "roster.csv"
    roster.write_text("id,full_name\nhubhv01,Lò Thị Mai\nhubhv02,Hoàng Văn Nam\n"
                      "hubhv03,Vàng Seo Pháo\n", encoding="utf-8")  # fmt: skip
    import_roster(roster, cohort=cohort)
    _remove_users()  # users a crashed earlier run left behind
    ports = HubPorts(public=free_port(), hub=free_port(), proxy_api=free_port(),
                     exchange=free_port())  # fmt: skip
    process = None
    try:
        from grading.hub.accounts import ensure_unix_user

        ensure_unix_user(LEARNERS[0], home_root=home)
        python = server_python(base, LEARNERS[0])
        plan = prepare_hub(cohort, folder=base / "hub", ports=ports, trainers=(TRAINER,),
                           home_root=home, cache_seconds=1, server_python=python,
                           mem_limit="3G")  # fmt: skip
        log = open(base / "hub.log", "wb")
        started = time.monotonic()
        process = subprocess.Popen(plan.command, cwd=plan.folder, stdout=log, stderr=log,
                                   start_new_session=True)  # fmt: skip
        ready = wait_for_hub(ports.api_url, timeout=180, process=process)
        admin = HubAdmin(ports.api_url, plan.admin_token)
        _wait_for_service(ports.exchange_url, started)
        tokens = {name: admin.new_token(name) for name in (*LEARNERS, TRAINER)}
        assignment = "00-lam-quen"
        yield ClassHub(cohort, plan.folder, home, ports, admin, process, assignment, tokens,
                       {"hub_ready_seconds": round(ready, 1),
                        "codes_issued": len(plan.new_codes)}, dict(plan.new_codes))  # fmt: skip
    finally:
        stopped = _stop(process) if process is not None else 0.0
        _remove_users()
        for key, value in saved.items():
            if value is not None:
                os.environ[key] = value
        if process is not None:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(base / "hub.log", ARTIFACTS / "hub.log")
            measured = {"hub_stop_seconds": round(stopped, 1)}
            (ARTIFACTS / "stop.json").write_text(json.dumps(measured), encoding="utf-8")
        shutil.rmtree(base, ignore_errors=True)


def _wait_for_service(url: str, started: float, timeout: float = 60) -> None:
    import urllib.error
    import urllib.request

    while time.monotonic() - started < timeout + 180:
        try:
            urllib.request.urlopen(url + "api/whoami", timeout=5)
            return
        except urllib.error.HTTPError:
            return  # it answers (401 without a token)
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    raise TimeoutError(f"the exchange service did not answer at {url}")
