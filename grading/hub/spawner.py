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

__all__ = ["HocsoSpawner", "limit_child"]


def limit_child(*, address_space: int, processes: int, niceness: int) -> None:
    """Apply the per-learner limits to the current (child) process; 0 means no limit."""
    if address_space > 0:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    if processes > 0:
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))
    if niceness > 0:
        os.nice(niceness)


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
        os.chown(home, entry.pw_uid, entry.pw_gid)
        os.chmod(home, 0o700)
        settings = home / ".jupyter" / "lab" / "user-settings"
        for relative, values in json.loads(self.lab_settings).items():
            target = settings / relative
            if target.exists() or target.is_symlink():
                continue
            for folder in reversed([*target.relative_to(home).parents][:-1]):
                path = home / folder
                if path.is_symlink():
                    return  # a learner's link: never write through it as root
                if not path.exists():
                    path.mkdir(mode=0o700)
                    os.chown(path, entry.pw_uid, entry.pw_gid)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(values, handle, ensure_ascii=False, indent=2)
            os.chown(target, entry.pw_uid, entry.pw_gid)

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
