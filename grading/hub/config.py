"""``hocso hub``: a JupyterHub for a class, from the trainer's laptop to a province server.

:func:`prepare_hub` writes everything into one folder (``--dir``, default
``/srv/hocso-hub/<course>``), owned by root:

``jupyterhub_config.py``
    the hub: :class:`grading.hub.auth.CodeAuthenticator` (roster accounts,
    one-time codes), :class:`grading.hub.spawner.HocsoSpawner` (each learner's
    server as their own Unix user, private home, limits), the groups
    ``nbgrader-{course}`` (learners) and ``formgrade-{course}`` (trainers),
    the ``server`` role able to read its user's name and groups, and three
    services: the exchange (:mod:`grading.exchange.service`), the idle culler
    (``jupyterhub-idle-culler``) and ``hocso-admin`` (a token for ``hocso``
    itself to remove accounts and issue trainers' tokens);
``accounts.json`` (0600)
    scrypt hashes of one-time codes and passwords;
``ma-dang-nhap.txt`` (0600)
    the printable list of new one-time codes (Vietnamese);
``exchange/`` (0700)
    the exchange's files; its metadata goes to the course database;
``jupyter/learner``, ``jupyter/trainer``
    the Jupyter configuration of servers (``JUPYTER_CONFIG_PATH``): the exchange
    classes of :mod:`grading.exchange.remote`, the lab of ``hocso lab``.

Everything binds 127.0.0.1 unless ``ip`` says otherwise (``0.0.0.0`` or the
laptop's Wi-Fi address so learners' phones and laptops reach it); only the
public port is opened to that address, the hub's API, the proxy's API and the
exchange stay on loopback.
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from grading.classroom.cohort import Cohort
from grading.classroom.workspace import atomic_write_text
from grading.exchange.remote import URL_ENV, exchange_classes
from grading.exchange.service import LEARNER_GROUP, SERVICE_NAME, TRAINER_GROUP
from grading.hub.accounts import (
    HubError,
    PasswordBook,
    code_sheet,
    ensure_unix_user,
    remove_unix_user,
    require_root,
)
from grading.jupyter.launch import (
    _LAB_SETTINGS,
    _LEARNER_PAGE_CONFIG,
    _LEARNER_SERVER_CONFIG,
    _TRAINER_SERVER_CONFIG,
)

__all__ = [
    "HubPlan",
    "HubPorts",
    "check_server_python",
    "default_hub_dir",
    "hub_config_text",
    "prepare_hub",
    "read_ports",
]

ADMIN_SERVICE = "hocso-admin"
CODES_FILE = "ma-dang-nhap.txt"


def read_ports(folder: Path) -> HubPorts:
    """The ports :func:`prepare_hub` wrote for the hub in ``folder`` (defaults if none)."""
    try:
        return HubPorts(**json.loads((Path(folder) / "ports.json").read_text(encoding="utf-8")))
    except FileNotFoundError:
        return HubPorts()


def default_hub_dir(course_id: str) -> Path:
    """``/srv/hocso-hub/<course>``: the hub's folder when ``--dir`` is not given."""
    return Path("/srv/hocso-hub") / course_id


@dataclass(frozen=True)
class HubPorts:
    """Where each part listens; only ``public`` is bound to ``ip``."""

    ip: str = "127.0.0.1"
    public: int = 8000
    hub: int = 8081
    proxy_api: int = 8001
    exchange: int = 8765

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.ip in ("0.0.0.0", "") else self.ip
        return f"http://{host}:{self.public}"

    @property
    def exchange_url(self) -> str:
        return f"http://127.0.0.1:{self.exchange}/services/{SERVICE_NAME}/"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.hub}/hub/api"


@dataclass(frozen=True)
class HubPlan:
    """What :func:`prepare_hub` wrote, and the command that starts the hub."""

    folder: Path
    config: Path
    ports: HubPorts
    learners: tuple[str, ...]
    trainers: tuple[str, ...]
    new_codes: dict[str, str]
    codes_file: Path | None
    admin_token: str

    @property
    def command(self) -> list[str]:
        return [
            str(Path(sys.executable).with_name("jupyterhub")),
            "-f",
            str(self.config),
        ]


def check_server_python(python: str, user: str) -> None:
    """HubError unless ``user`` can run ``python`` with JupyterHub, nbgrader and hocso."""
    import subprocess

    probe = "import jupyterhub.singleuser, nbgrader, jupyterlab, grading.exchange.remote"
    done = subprocess.run(
        ["runuser", "-u", user, "--", python, "-c", probe],
        capture_output=True, text=True, timeout=120, cwd="/",
    )  # fmt: skip
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise HubError(
            f"tài khoản {user} không chạy được {python} cùng hocso ({tail}): cài hocso vào một "
            "venv mọi tài khoản đọc được (ví dụ `/usr/bin/python3 -m venv /opt/hocso`), rồi "
            "chạy `hocso hub --server-python /opt/hocso/bin/python`"
        )


def _write_json(path: Path, values: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(values, indent=2, ensure_ascii=False) + "\n")
    os.chmod(path, 0o644)


def _server_nbgrader_config(cohort: Cohort, url: str, *, trainer: bool) -> str:
    lines = [
        "# Written by `hocso hub`: nbgrader in a hub server talks to the hub's exchange service.",
        "c = get_config()  # noqa: F821",
        f"c.HubExchange.url = {url!r}",
        "c.Exchange.path_includes_course = True",
        'c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"',
    ]
    lines += [f"c.ExchangeFactory.{k} = {v!r}" for k, v in exchange_classes().items()]
    if trainer:
        lines += [
            f"c.CourseDirectory.course_id = {cohort.course_id!r}",
            f"c.CourseDirectory.root = {str(cohort.root)!r}",
            f"c.CourseDirectory.db_url = {cohort.db_url!r}",
            # Formgrader's times in the class's zone, day first (as `hocso formgrader`)
            f"c.NbGraderAPI.timezone = {cohort.settings()['NbGraderAPI.timezone']!r}",
            f"c.NbGraderAPI.timestamp_format = {cohort.settings()['NbGraderAPI.timestamp_format']!r}",
        ]
    return "\n".join(lines) + "\n"


def _write_server_config(folder: Path, cohort: Cohort, url: str) -> None:
    for role, page, server in (
        ("learner", _LEARNER_PAGE_CONFIG, _LEARNER_SERVER_CONFIG),
        ("trainer", {}, _TRAINER_SERVER_CONFIG),
    ):
        base = folder / "jupyter" / role
        base.mkdir(parents=True, exist_ok=True)
        text = _server_nbgrader_config(cohort, url, trainer=role == "trainer")
        atomic_write_text(base / "nbgrader_config.py", text)
        os.chmod(base / "nbgrader_config.py", 0o644)
        _write_json(base / "labconfig" / "page_config.json", page)
        _write_json(base / "jupyter_server_config.json", server)
    for path in (folder / "jupyter", *(folder / "jupyter").rglob("*")):
        if path.is_dir():
            os.chmod(path, 0o755)


def hub_config_text(
    *,
    folder: Path,
    cohort: Cohort,
    ports: HubPorts,
    learners: tuple[str, ...],
    trainers: tuple[str, ...],
    admin_token: str,
    mem_limit: str = "2G",
    idle_timeout: int = 3600,
    cache_seconds: float = 10.0,
    server_python: str | None = None,
) -> str:
    """The ``jupyterhub_config.py`` of a class (see the module docstring)."""
    from grading.core.defaults import REPO_ROOT
    from grading.jupyter import labconfig

    python = sys.executable
    course = cohort.course_id
    lab_settings = {str(k): v for k, v in _LAB_SETTINGS.items()}
    groups = {
        LEARNER_GROUP.format(course=course): {"users": sorted(learners)},
        TRAINER_GROUP.format(course=course): {"users": sorted(trainers)},
    }
    roles = [
        {
            "name": "server",
            "description": "A server: its activity, and its user's name and groups (nbgrader)",
            "scopes": [
                "users:activity!user",
                "access:servers!server",
                "read:users:name!user",
                "read:users:groups!user",
            ],
        },
        {
            "name": "hocso-exchange",
            "scopes": ["read:users:name", "read:users:groups"],
            "services": [SERVICE_NAME],
        },
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        },
        {
            "name": "hocso-admin",
            "scopes": [
                "admin:users",
                "admin:groups",
                "admin:servers",
                "tokens",
                "list:users",
                "read:users",
                "access:servers",
            ],
            "services": [ADMIN_SERVICE],
        },
    ]
    services = [
        {
            "name": SERVICE_NAME,
            "url": f"http://127.0.0.1:{ports.exchange}",
            "command": [
                python,
                "-m",
                "grading.exchange.service",
                "--root",
                str(folder / "exchange"),
                "--db-url",
                cohort.db_url,
                "--cache-seconds",
                str(cache_seconds),
            ],
            "environment": {"PYTHONPATH": str(REPO_ROOT)},
        },
        {
            "name": "idle-culler",
            "command": [python, "-m", "jupyterhub_idle_culler", f"--timeout={idle_timeout}"],
        },
        {"name": ADMIN_SERVICE, "api_token": admin_token},
    ]
    environment = {
        URL_ENV: ports.exchange_url,
        "JUPYTER_PATH": str(labconfig.DATA_DIR),
        "PYTHONPATH": str(REPO_ROOT),
        "HOCSO_LANG": os.environ.get("HOCSO_LANG", "vi"),
    }
    announcement = (
        "Lần đầu vào lớp? <a href='{base}hub/doi-mat-khau'>Đổi mã dùng một lần lấy mật khẩu "
        "riêng</a>, rồi đăng nhập bằng mật khẩu đó."
    ).format(base="/")
    settings = {
        "JupyterHub.bind_url": f"http://{ports.ip}:{ports.public}",
        "JupyterHub.hub_bind_url": f"http://127.0.0.1:{ports.hub}",
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{ports.proxy_api}",
        "ConfigurableHTTPProxy.pid_file": str(folder / "proxy.pid"),
        "JupyterHub.db_url": f"sqlite:///{folder / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(folder / "jupyterhub_cookie_secret"),
        "JupyterHub.pid_file": str(folder / "jupyterhub.pid"),
        "JupyterHub.authenticator_class": "grading.hub.auth.CodeAuthenticator",
        "CodeAuthenticator.password_file": str(folder / "accounts.json"),
        "Authenticator.allowed_users": sorted({*learners, *trainers}),
        "Authenticator.delete_invalid_users": True,
        "JupyterHub.spawner_class": "grading.hub.spawner.HocsoSpawner",
        "HocsoSpawner.config_root": str(folder / "jupyter"),
        "HocsoSpawner.lab_settings": json.dumps(lab_settings, ensure_ascii=False),
        "Spawner.cmd": [server_python or python, "-m", "jupyterhub.singleuser"],
        "Spawner.default_url": "/lab",
        "Spawner.mem_limit": mem_limit,
        "Spawner.environment": environment,
        "Spawner.http_timeout": 120,
        "Spawner.start_timeout": 180,
        "JupyterHub.load_groups": groups,
        "JupyterHub.load_roles": roles,
        "JupyterHub.services": services,
        "JupyterHub.template_vars": {"announcement_login": announcement},
        "JupyterHub.cleanup_servers": True,
    }
    lines = [
        "# Written by `hocso hub`; rewritten on every start (edit the hocso options instead).",
        "c = get_config()  # noqa: F821",
    ]
    for key, value in settings.items():
        section, name = key.split(".")
        lines.append(f"c.{section}.{name} = {value!r}")
    return "\n".join(lines) + "\n"


def prepare_hub(
    cohort: Cohort,
    *,
    folder: Path | None = None,
    ports: HubPorts | None = None,
    trainers: tuple[str, ...] = (),
    mem_limit: str = "2G",
    idle_timeout: int = 3600,
    cache_seconds: float = 10.0,
    home_root: str | Path = "/home",
    new_codes_again: tuple[str, ...] = (),
    server_python: str | None = None,
) -> HubPlan:
    """Create accounts and Unix users, write the hub's folder; the hub is not started.

    Learners are the roster (:func:`grading.classroom.roster.read_roster`);
    ``trainers`` are hub accounts in ``formgrade-{course}``. New accounts (and
    those in ``new_codes_again``) get a one-time code, written to
    ``ma-dang-nhap.txt``. An account whose learner left the roster is removed
    (its Unix user too; the home is kept). The course folder is made 0700 (and a
    SQLite gradebook 0600): learners' servers never read sources, submissions or
    grades. ``server_python`` is the interpreter learners'
    servers run (default this one); a learner's account must be able to run it
    with hocso importable (a Python under ``/root`` is not: install hocso in a
    venv made from the system's Python, e.g. ``/opt/hocso``).

    Raises
    ------
    RootRequired
        Unless run as root.
    HubError
        If a learner's account cannot run ``server_python`` with hocso, or
        ``configurable-http-proxy`` is missing.
    """
    from grading.classroom.roster import read_roster

    require_root()
    if shutil.which("configurable-http-proxy") is None:
        raise HubError(
            "configurable-http-proxy không có trên máy: cài bằng "
            "`npm install -g configurable-http-proxy` (cần Node.js)"
        )
    folder = Path(folder or default_hub_dir(cohort.course_id)).resolve()
    ports = ports or HubPorts()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o711)  # servers read jupyter/; nothing else is listable
    roster = read_roster(cohort=cohort)
    learners = tuple(learner.id for learner in roster)
    overlap = sorted(set(learners) & set(trainers))
    if overlap:
        raise HubError(f"{', '.join(overlap)}: vừa là học viên vừa là giảng viên; chọn một")
    for name in (*learners, *trainers):
        ensure_unix_user(name, home_root=home_root)
    book = PasswordBook(folder / "accounts.json")
    gone = sorted(set(book.load()) - {*learners, *trainers})
    book.remove(gone)  # off the roster: no login; the hub deletes the user on start
    for name in gone:  # their Unix account goes too; the home stays for the trainer
        remove_unix_user(name, keep_home=True)
    codes = book.issue([*learners, *trainers])
    codes.update(book.issue(list(new_codes_again), again=True) if new_codes_again else {})
    codes_file = None
    if codes:
        names = {learner.id: learner.full_name for learner in roster}
        codes_file = folder / CODES_FILE
        text = code_sheet(codes, names, hub_url=ports.url, course=cohort.course_id)
        atomic_write_text(codes_file, text)
        os.chmod(codes_file, 0o600)
    token_file = folder / "admin.token"
    if not token_file.exists():
        atomic_write_text(token_file, secrets.token_hex(32) + "\n")
    os.chmod(token_file, 0o600)
    admin_token = token_file.read_text(encoding="ascii").strip()
    if learners or trainers:
        check_server_python(server_python or sys.executable, (*learners, *trainers)[0])
    # learners' servers run hocso's code, never read the course: its sources (solutions,
    # hidden tests), submissions, feedback and a SQLite gradebook stay private
    os.chmod(cohort.root, 0o700)
    if cohort.db_url.startswith("sqlite:///"):
        database = Path(cohort.db_url[len("sqlite:///") :])
        if database.is_file():
            os.chmod(database, 0o600)
    (folder / "exchange").mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder / "exchange", 0o700)
    _write_server_config(folder, cohort, ports.exchange_url)
    atomic_write_text(folder / "ports.json", json.dumps(dataclasses.asdict(ports)) + "\n")
    config = folder / "jupyterhub_config.py"
    text = hub_config_text(
        folder=folder,
        cohort=cohort,
        ports=ports,
        learners=learners,
        trainers=tuple(trainers),
        admin_token=admin_token,
        mem_limit=mem_limit,
        idle_timeout=idle_timeout,
        cache_seconds=cache_seconds,
        server_python=server_python,
    )
    atomic_write_text(config, text)
    os.chmod(config, 0o600)
    return HubPlan(folder, config, ports, learners, tuple(trainers), codes, codes_file, admin_token)
