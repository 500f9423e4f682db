"""A local PostgreSQL server for a class: ``hocso db start|stop|status|url``.

One cluster per folder (by default ``<course>/.hocso/postgres``), made with
PostgreSQL's own ``initdb`` and run with ``pg_ctl``:

* it listens on **127.0.0.1 only**, on a free port chosen at ``initdb`` time
  (kept in ``server.json``), and on a Unix socket in a private folder
  (``socket/``, mode 0700, so only the server's account and root can use it);
* over TCP every connection needs the password (``scram-sha-256``); the
  password is generated at ``initdb`` and kept in ``password`` (mode 0600):
  learners with their own accounts on the same machine (hub mode) cannot reach
  the gradebook;
* PostgreSQL refuses to run as root: when ``hocso`` runs as root the server runs
  as the ``postgres`` account (``runuser``), which owns the folder.

Start and stop take about a second (``initdb`` about 4 s, the first time only).
The URL (:func:`local_url`) is what ``--db-url`` / ``$HOCSO_DB_URL`` take; a class
can also use any PostgreSQL server by giving its URL instead.

Examples
--------
>>> server = LocalPostgres(Path("/srv/lop/.hocso/postgres"))
>>> server.data.as_posix(), server.socket.as_posix()
('/srv/lop/.hocso/postgres/data', '/srv/lop/.hocso/postgres/socket')
>>> redact_url("postgresql+psycopg2://hocso:s3cret@127.0.0.1:5433/hocso")
'postgresql+psycopg2://hocso:***@127.0.0.1:5433/hocso'
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from grading.core.errors import CohortError
from grading.core.messages import say

__all__ = [
    "DATABASE",
    "SERVER_ACCOUNT",
    "LocalPostgres",
    "ServerStatus",
    "local_url",
    "postgres_programs",
    "redact_url",
    "start_local_postgres",
    "stop_local_postgres",
]

#: The account the server runs as when ``hocso`` runs as root.
SERVER_ACCOUNT = "postgres"
#: The role and the database a local server holds.
DATABASE = "hocso"
#: Bounded waits (seconds) for one ``initdb`` / ``pg_ctl`` call.
_TIMEOUT = 120


def redact_url(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages and logs)."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def postgres_programs() -> tuple[str, str]:
    """Paths of ``initdb`` and ``pg_ctl``.

    Raises
    ------
    CohortError
        If either is missing, naming what to install.
    """
    found = {name: shutil.which(name) for name in ("initdb", "pg_ctl")}
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        for name in found:
            if found[name] is None and (folder / name).is_file():
                found[name] = str(folder / name)
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise CohortError(say("hocso.error.postgres_missing", missing=", ".join(missing)))
    return found["initdb"], found["pg_ctl"]  # type: ignore[return-value]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ServerStatus:
    """What ``hocso db status`` prints."""

    folder: Path
    initialised: bool
    running: bool
    port: int | None
    url: str | None  # password redacted


@dataclass(frozen=True)
class LocalPostgres:
    """A PostgreSQL cluster in ``folder`` (see the module docstring for the layout).

    ``durable=False`` (tests only) turns ``fsync`` off: a crash of the machine may
    then corrupt the cluster, but start, commits and stop wait for no disk.
    """

    folder: Path
    durable: bool = True

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket(self) -> Path:
        return self.folder / "socket"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def settings_file(self) -> Path:
        return self.folder / "server.json"

    @property
    def password_file(self) -> Path:
        return self.folder / "password"

    # -- who runs it ---------------------------------------------------------

    def account(self) -> str | None:
        """``postgres`` when we are root (PostgreSQL refuses root), else None (ourselves)."""
        if os.geteuid() != 0:
            return None
        try:
            pwd.getpwnam(SERVER_ACCOUNT)
        except KeyError:
            raise CohortError(
                say("hocso.error.postgres_no_account", account=SERVER_ACCOUNT)
            ) from None
        return SERVER_ACCOUNT

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        user = self.account()
        command = ["runuser", "-u", user, "--", *args] if user else list(args)
        try:
            return subprocess.run(
                command, capture_output=True, text=True, timeout=_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise CohortError(
                say("hocso.error.postgres_timeout", program=args[0], seconds=_TIMEOUT, log=self.log)
            ) from exc

    def _chown(self, path: Path) -> None:
        user = self.account()
        if user:
            shutil.chown(path, user, user)

    # -- state ---------------------------------------------------------------

    def settings(self) -> dict:
        try:
            return json.loads(self.settings_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def initialised(self) -> bool:
        return (self.data / "PG_VERSION").is_file() and self.password_file.is_file()

    def running(self) -> bool:
        if not self.initialised():
            return False
        _, pg_ctl = postgres_programs()
        return self._run(pg_ctl, "-D", str(self.data), "status").returncode == 0

    def url(self) -> str:
        """The server's SQLAlchemy URL, with its password (keep it private).

        Raises
        ------
        CohortError
            If the cluster was never initialised (``hocso db start`` first).
        """
        if not self.initialised():
            raise CohortError(say("hocso.error.postgres_no_cluster", folder=self.folder))
        port = int(self.settings()["port"])
        password = self.password_file.read_text(encoding="ascii").strip()
        return f"postgresql+psycopg2://{DATABASE}:{password}@127.0.0.1:{port}/{DATABASE}"

    def status(self) -> ServerStatus:
        initialised = self.initialised()
        return ServerStatus(
            folder=self.folder,
            initialised=initialised,
            running=self.running(),
            port=self.settings().get("port") if initialised else None,
            url=redact_url(self.url()) if initialised else None,
        )

    # -- actions -------------------------------------------------------------

    def _check_reachable(self) -> None:
        """The server's account must be able to walk down to the folder."""
        user = self.account()
        if not user:
            return
        uid = pwd.getpwnam(user).pw_uid
        for parent in reversed(self.folder.parents):
            info = parent.stat()
            if info.st_uid != uid and not info.st_mode & 0o001:
                mode = f"{info.st_mode & 0o777:o}"
                raise CohortError(
                    say(
                        "hocso.error.postgres_folder_unreachable",
                        account=user,
                        parent=parent,
                        mode=mode,
                    )
                )

    def initialise(self) -> None:
        """``initdb`` with a generated password; private folder, loopback only."""
        initdb, _ = postgres_programs()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._check_reachable()
        os.chmod(self.folder, 0o700)
        self._chown(self.folder)
        password = secrets.token_urlsafe(24)
        pwfile = self.folder / ".initdb-password"
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(password + "\n")
        self._chown(pwfile)
        try:
            done = self._run(
                initdb, "-D", str(self.data), "-U", DATABASE, "-E", "UTF8", "--locale=C",
                f"--pwfile={pwfile}", "--auth-host=scram-sha-256", "--auth-local=trust",
            )  # fmt: skip
        finally:
            pwfile.unlink(missing_ok=True)
        if done.returncode != 0:
            shutil.rmtree(self.data, ignore_errors=True)
            log = done.stderr.strip()[-800:]
            raise CohortError(say("hocso.error.initdb_failed", data=self.data, log=log))
        self.socket.mkdir(mode=0o700, exist_ok=True)
        self._chown(self.socket)
        settings = {"port": _free_port(), "socket": str(self.socket), "account": self.account()}
        self.settings_file.write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(password + "\n")

    def start(self) -> str:
        """Initialise if needed, start if stopped, create the database; return the URL.

        Raises
        ------
        CohortError
            If a program is missing or the server does not start (with the log's end).
        """
        if not self.initialised():
            self.initialise()
        if not self.running():
            _, pg_ctl = postgres_programs()
            port = int(self.settings()["port"])
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -k {self.socket} "
                "-c unix_socket_permissions=0700"
            )
            if not self.durable:
                options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            done = self._run(
                pg_ctl, "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                "-o", options, "start",
            )  # fmt: skip
            if done.returncode != 0:
                tail = self.log.read_text(errors="replace")[-800:] if self.log.is_file() else ""
                log = f"{done.stderr.strip() or done.stdout.strip()} {tail}".strip()
                raise CohortError(
                    say("hocso.error.postgres_not_started", folder=self.folder, port=port, log=log)
                )
        self._create_database()
        return self.url()

    def _create_database(self) -> None:
        try:
            import psycopg2
        except ImportError as exc:
            raise CohortError(say("hocso.error.postgres_driver_missing")) from exc
        port = int(self.settings()["port"])
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = psycopg2.connect(
                    host=str(self.socket), port=port, user=DATABASE, dbname="postgres"
                )
                break
            except psycopg2.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise CohortError(
                        say("hocso.error.postgres_connect_failed", folder=self.folder, detail=exc)
                    ) from exc
                time.sleep(0.2)
        try:
            connection.autocommit = True  # CREATE DATABASE refuses to run in a transaction
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{DATABASE}"')
        finally:
            connection.close()

    def stop(self) -> bool:
        """Stop the server (fast shutdown); False when it was not running."""
        if not self.running():
            return False
        _, pg_ctl = postgres_programs()
        done = self._run(pg_ctl, "-D", str(self.data), "-w", "-t", "60", "-m", "fast", "stop")
        if done.returncode != 0:
            log = done.stderr.strip()
            raise CohortError(say("hocso.error.postgres_not_stopped", folder=self.folder, log=log))
        return True


def start_local_postgres(folder: str | Path, *, durable: bool = True) -> str:
    """Start (creating if needed) the cluster in ``folder``; its URL with the password.

    The helper tests and other engineers' code use::

        url = start_local_postgres(tmp / "pg")
        try:
            ...
        finally:
            stop_local_postgres(tmp / "pg")
    """
    return LocalPostgres(Path(folder).resolve(), durable=durable).start()


def stop_local_postgres(folder: str | Path) -> bool:
    """Stop the cluster in ``folder``; False when it was not running."""
    return LocalPostgres(Path(folder).resolve()).stop()


def local_url(folder: str | Path) -> str:
    """The URL of the cluster in ``folder`` (running or not)."""
    return LocalPostgres(Path(folder).resolve()).url()
