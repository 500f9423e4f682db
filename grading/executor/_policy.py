"""Limits and sandbox settings of one notebook execution, and what was enforced."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["SANDBOX_MODES", "Limits", "SandboxReport"]

SANDBOX_MODES = ("auto", "require", "off")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandboxed execution: the one place their defaults live.

    ``SandboxedExecute``'s settings and ``hocso``'s per-cell time limit take
    their defaults from here; ``cell_timeout`` is nbgrader's own default
    (``Execute.timeout``; a test checks they agree).

    Parameters
    ----------
    cell_timeout : float
        Wall-clock seconds one cell may run before it is interrupted (SIGINT),
        then killed ``interrupt_grace`` seconds later.
    notebook_timeout : float
        Wall-clock seconds for the whole notebook, restarts included.
    memory_bytes : int
        ``RLIMIT_AS`` of the learner's process.
    cpu_seconds : int
        ``RLIMIT_CPU`` of the learner's process.
    file_bytes : int
        ``RLIMIT_FSIZE``: the largest file the learner may write.
    open_files : int
        ``RLIMIT_NOFILE``.
    processes : int
        ``RLIMIT_NPROC`` of the unprivileged user the learner runs as.
    workdir_bytes : int
        Size of the writable working folder and of ``/tmp`` (tmpfs).
    stream_bytes : int
        Bytes of stdout (and, separately, stderr) kept per cell.
    output_bytes : int
        Largest single rich output (an image, an HTML table) kept.
    notebook_output_bytes : int
        Bytes of outputs kept for the whole notebook.
    max_restarts : int
        Fresh children forked after crashes before the remaining cells fail.
    interrupt_grace : float
        Seconds a cell gets to stop after SIGINT before it is killed.
    cgroups : bool
        Cap memory (``memory_bytes``) and process count (``processes``) of the
        whole sandbox with a cgroup where the machine allows (v2, else v1).
        Without one (or with ``False``: the tested fallback), each process has
        ``RLIMIT_AS`` and the sandbox's own uid ``RLIMIT_NPROC``, so memory is
        bounded by ``processes × memory_bytes`` only.
    """

    cell_timeout: float = 30.0
    notebook_timeout: float = 600.0
    memory_bytes: int = 2 << 30
    cpu_seconds: int = 600
    file_bytes: int = 64 << 20
    open_files: int = 256
    processes: int = 128
    workdir_bytes: int = 256 << 20
    stream_bytes: int = 256 << 10
    output_bytes: int = 2 << 20
    notebook_output_bytes: int = 8 << 20
    max_restarts: int = 3
    interrupt_grace: float = 2.0
    cgroups: bool = True

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Limits:
        return cls(**data)


@dataclass(frozen=True)
class SandboxReport:
    """What the sandbox of one child actually enforced (from the trusted side of the fork).

    ``degraded`` lists, in plain English, every protection that could not be
    set up; an empty tuple means the full sandbox was in place.
    """

    pid_namespace: bool = False
    network_namespace: bool = False
    mount_namespace: bool = False
    user_namespace: bool = False
    unprivileged: bool = False
    rlimits: bool = False
    #: "v2" or "v1": memory and process count capped for the whole sandbox; "" none
    cgroup: str = ""
    #: seccomp filter refusing keyring, ptrace, mount and namespace calls
    seccomp: bool = False
    #: which filter: "allow-list (libseccomp)", or the built-in deny-list and why
    seccomp_policy: str = ""
    #: the uid the learner's code runs as (distinct per live child when the grader is root)
    uid: int = -1
    #: the sandbox sees a minimal /etc (no host passwd, machine-id, hostname)
    minimal_etc: bool = False
    degraded: tuple[str, ...] = field(default_factory=tuple)

    @property
    def full(self) -> bool:
        return not self.degraded

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SandboxReport:
        values = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        values["degraded"] = tuple(str(x) for x in values.get("degraded", ()))
        return cls(**values)
