"""Learners' servers as their own Unix users, with limits: JupyterHub's LocalProcessSpawner.

:class:`HocsoSpawner` adds to ``LocalProcessSpawner``:

* the home is made private (0700) before every start (``useradd -m`` makes
  0755 homes on Debian, where every learner could read every other's work);
* per-learner limits set in the child before it runs the server:
  ``RLIMIT_AS`` (address space of each process, ``mem_limit``),
  ``RLIMIT_NPROC`` (processes of the learner's uid, a fork bomb stops there)
  and a lower CPU priority (``nice``), so one learner cannot starve the class;
* the JupyterLab of ``hocso lab`` (Vietnamese, the nbgrader Assignments panel,
  trainer tools hidden from learners): the hub's shared Jupyter configuration
  (``JUPYTER_CONFIG_PATH``) and lab settings written into the home when absent.
"""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Integer, Unicode

__all__ = ["HocsoSpawner", "limit_child", "write_private"]


def limit_child(*, address_space: int, processes: int, niceness: int) -> None:
    """Apply the per-learner limits to the current (child) process; 0 means no limit."""
    if address_space > 0:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    if processes > 0:
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))
    if niceness > 0:
        os.nice(niceness)


def write_private(home: Path, parts: tuple[str, ...], data: bytes, uid: int, gid: int) -> bool:
    """Create ``home/<parts>`` for its owner unless it exists; never through a learner's link.

    Runs as root inside a learner's home, so every folder is opened relative to
    the previous one with ``O_NOFOLLOW`` (a folder swapped for a link midway is
    refused, not followed). Returns whether the file was written.

    Examples
    --------
    >>> import tempfile, os
    >>> home = Path(tempfile.mkdtemp())
    >>> write_private(home, ("a", "b.json"), b"{}", os.getuid(), os.getgid())
    True
    >>> write_private(home, ("a", "b.json"), b"[]", os.getuid(), os.getgid())  # kept
    False
    >>> os.symlink("/etc", home / "link")
    >>> write_private(home, ("link", "x"), b"", os.getuid(), os.getgid())
    False
    """
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    opened = [os.open(home, flags)]
    try:
        for part in parts[:-1]:
            try:
                os.mkdir(part, 0o700, dir_fd=opened[-1])
                os.chown(part, uid, gid, dir_fd=opened[-1], follow_symlinks=False)
            except FileExistsError:
                pass
            try:
                opened.append(os.open(part, flags, dir_fd=opened[-1]))
            except OSError:  # a link or a file where a folder should be
                return False
        try:
            fd = os.open(parts[-1], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600,
                         dir_fd=opened[-1])  # fmt: skip
        except OSError:  # it exists (the learner's own settings win) or is a link
            return False
        with os.fdopen(fd, "wb") as handle:
            os.fchown(handle.fileno(), uid, gid)
            handle.write(data)
        return True
    finally:
        for fd in opened:
            os.close(fd)


class HocsoSpawner(LocalProcessSpawner):
    """``LocalProcessSpawner`` with private homes, limits and the Học Số lab."""

    config_root = Unicode(
        help="Folder with learner/ and trainer/ Jupyter configuration (written by hocso hub)."
    ).tag(config=True)
    lab_settings = Unicode(
        "{}", help="JSON {relative settings path: values} written into new homes."
    ).tag(config=True)
    max_processes = Integer(256, help="RLIMIT_NPROC of each learner's uid (0: none).").tag(
        config=True
    )
    niceness = Integer(5, help="How much lower the CPU priority of learners' servers is.").tag(
        config=True
    )

    def _is_trainer(self) -> bool:
        return any(g.name.startswith("formgrade-") for g in self.user.groups)

    def _prepare_home(self) -> None:
        import pwd

        entry = pwd.getpwnam(self.user.name)
        home = Path(entry.pw_dir)
        home.mkdir(mode=0o700, exist_ok=True)
        os.chown(home, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
        os.chmod(home, 0o700, follow_symlinks=False)
        base = (".jupyter", "lab", "user-settings")
        for relative, values in json.loads(self.lab_settings).items():
            data = json.dumps(values, ensure_ascii=False, indent=2).encode("utf-8")
            write_private(home, (*base, *Path(relative).parts), data, entry.pw_uid, entry.pw_gid)

    def make_preexec_fn(self, name):
        setuid = set_user_setuid(name)
        address_space = int(self.mem_limit or 0)
        processes, niceness = self.max_processes, self.niceness

        def preexec() -> None:
            limit_child(address_space=0, processes=0, niceness=niceness)
            setuid()
            # after setuid: RLIMIT_NPROC counts the learner's own processes
            limit_child(address_space=address_space, processes=processes, niceness=0)

        return preexec

    def get_env(self):
        env = super().get_env()
        if self.config_root:
            role = "trainer" if self._is_trainer() else "learner"
            env["JUPYTER_CONFIG_PATH"] = str(Path(self.config_root) / role)
        return env

    async def start(self):
        self._prepare_home()
        return await super().start()
