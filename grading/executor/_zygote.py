"""The zygote: a warm, clean process that forks one sandboxed child per request.

It imports IPython, numpy, pandas, matplotlib (inline backend) and ``toolkit``
once, with BLAS limited to one thread and no other thread running, so that
``fork`` is safe and cheap. It never receives tests, expected values or
gradebook data: a request holds only the path of the learner's files, the
limits, and one end of a socket pair (passed as a file descriptor) over
which the trusted side then talks to the child directly.

:class:`Zygote` is the trusted side's handle: it starts the process with a
clean environment and asks it for sandboxes, from any number of threads.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from grading.core.errors import SandboxRefused, ZygoteError
from grading.executor._policy import Limits, SandboxReport
from grading.executor._protocol import (
    ChildDied,
    ChildTimeout,
    ProtocolError,
    recv_message,
    send_message,
)

__all__ = [
    "Sandbox",
    "SandboxRefused",
    "Zygote",
    "ZygoteError",
    "ready",
    "release_shared",
    "shared",
]

_CONTROL_MAX = 1 << 20
# PYTHONPATH: the zygote must import the same toolkit as the grader that started it.
_ENV_PASSED = ("HOCSO_LANG", "PYTHONPATH")
_BLAS_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
}


def readonly_paths() -> list[str]:
    """Folders the child needs to see, read-only: the interpreter, the venv, ``toolkit``."""
    return list(_readonly_paths())


@functools.cache  # fixed for the process (resolving them took a hundred lstat calls per child)
def _readonly_paths() -> tuple[str, ...]:
    import toolkit

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    paths.update(os.path.dirname(os.path.realpath(p)) for p in toolkit.__path__)
    paths = {os.path.realpath(p) for p in paths}
    # ``toolkit``'s parent is usually the repository: show the package alone.
    parents = {os.path.dirname(os.path.realpath(p)) for p in toolkit.__path__}
    return tuple(sorted((paths - parents) | {os.path.realpath(p) for p in toolkit.__path__}))


def _submitted_twin(files_dir: str) -> str | None:
    """``<course>/submitted/<id>/<a>`` for nbgrader's ``<course>/autograded/<id>/<a>``."""
    path = os.path.realpath(files_dir)
    parent, assignment = os.path.split(path)
    grand, learner = os.path.split(parent)
    course, step = os.path.split(grand)
    if step != "autograded":
        return None
    twin = os.path.join(course, "submitted", learner, assignment)
    return twin if os.path.isdir(twin) else None


def _regular_in(base: str, rel: str) -> bool:
    """Whether ``rel`` under ``base`` is absent, or a regular file reached without links."""
    import stat

    current = base
    parts = rel.split("/")
    for index, part in enumerate(parts):
        current = os.path.join(current, part)
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return True  # not from the submission (the source folder's file)
        except OSError:
            return False
        last = index == len(parts) - 1
        if stat.S_ISLNK(info.st_mode):
            return False
        if last and not (stat.S_ISREG(info.st_mode) and info.st_nlink == 1):
            return False
    return True


_BOOKKEEPING = frozenset({"timestamp.txt", "submission_secret.txt", ".hocso-identity"})


def data_files_of(
    files_dir: str, patterns: tuple[str, ...] | None, max_bytes: int
) -> list[list[Any]]:
    """``[[relative path, size], ...]`` of the files a child may see (scanned with lstat)."""
    from grading.core.files import Caps, matches, scan_folder

    if patterns is None:
        from grading.executor.engine import DATA_FILES

        patterns = DATA_FILES
    scan = scan_folder(files_dir, Caps(max_bytes=1 << 62, max_files=10_000, max_depth=8,
                                       max_file_bytes=max_bytes))  # fmt: skip
    twin = _submitted_twin(files_dir)
    chosen, used = [], 0
    for rel, size in scan.files:
        if twin is not None and not _regular_in(twin, rel):
            continue  # a link or FIFO in the submission that nbgrader's copy dereferenced
        name = rel.rsplit("/", 1)[-1]
        if name in _BOOKKEEPING or name.startswith(".") or rel.endswith(".ipynb"):
            continue
        if any(part.startswith(".") for part in rel.split("/")) or not matches(rel, patterns):
            continue
        if used + size > max_bytes:
            continue
        used += size
        chosen.append([rel, size])
    return chosen


# --------------------------------------------------------------------------
# zygote process
# --------------------------------------------------------------------------


def _serve(control: socket.socket) -> None:
    from grading.executor import _runner, _sandbox

    _runner.prepare()
    _sandbox.prepare_seccomp()  # find libseccomp and compile the filter once, for every child
    if threading.active_count() != 1:
        raise ZygoteError("a thread is running in the zygote; forking would be unsafe")
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the supervisors
    # Everything imported so far is shared with every child: keep the children's
    # collector off it, so it neither rescans it nor dirties its pages (copy on write).
    gc.freeze()
    send_message(control, {"type": "warm"})
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(control, _CONTROL_MAX, 1)
        except OSError:
            return
        if not data:
            return
        request = json.loads(data.decode("utf-8"))
        if not fds:
            continue
        child_end = socket.socket(fileno=fds[0])
        pid = os.fork()
        if pid == 0:
            control.close()
            try:
                if request.get("kind") == "trusted":
                    _trusted_worker(child_end, request)
                else:
                    _sandbox.run_supervisor(child_end, request)
            finally:
                os._exit(70)
        child_end.close()


def _trusted_worker(sock: socket.socket, request: dict[str, Any]) -> None:
    """A forked worker that evaluates one test cell's trainer side, with limits.

    Forked from the zygote, which never ran learner code: it runs only the
    gradebook's setup lines and trainer arguments and sends back the pickled
    :class:`~grading.executor._trusted.TrustedCell` (the only pickle the grader
    reads, on a socket no learner process holds).
    """
    import base64
    import pickle
    import resource

    from grading.executor import _sandbox, _trusted

    code = 0
    try:
        with contextlib.suppress(OSError):
            _sandbox._prctl(_sandbox.PR_SET_PDEATHSIG, signal.SIGKILL)
        send_message(sock, {"type": "started", "pid": os.getpid()})
        memory = int(request["memory_bytes"])
        cpu = int(request["cpu_seconds"])
        for kind, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, cpu),
                            (resource.RLIMIT_CORE, 0)):  # fmt: skip
            _soft, hard = resource.getrlimit(kind)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(kind, (value, value))
        plan = _trusted.plan_from_json(request["plan"])
        try:
            cell = _trusted._prepare(plan, tuple(request["imports"]))
            payload = pickle.dumps(cell, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            cell = _trusted.failed_cell(
                "TrustedSetupError", "hocso: the trainer's setup of this test ran out of memory"
            )
            payload = pickle.dumps(cell)
        except Exception as error:  # e.g. a value that cannot be pickled
            cell = _trusted.failed_cell(
                "TrustedSetupError", f"hocso: the trainer's setup of this test failed: {error!r}"
            )
            payload = pickle.dumps(cell)
        send_message(sock, {"type": "prepared", "pickle": base64.b64encode(payload).decode()})
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def main() -> None:
    """Entry point: ``python -m grading.executor._zygote FD``."""
    control = socket.socket(fileno=int(sys.argv[1]))
    _serve(control)


# --------------------------------------------------------------------------
# trusted side
# --------------------------------------------------------------------------


def _wait_gone(pid: int, *, timeout: float) -> bool:
    """Wait until ``pid`` is dead; an init only dies after every process of its namespace."""
    deadline = time.monotonic() + timeout
    while True:  # looks at least once (timeout=0: is it gone already?)
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        if state in (b"Z", b"X"):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.002)


@dataclass
class Sandbox:
    """The trusted side's end of one sandboxed child."""

    sock: socket.socket
    init_pid: int
    report: SandboxReport
    max_reply_bytes: int
    supervisor_pid: int = 0
    _seq: int = 0
    _dead: bool = False
    #: told of a sandbox killed without waiting, so the zygote can wait before it stops
    _dying: Any = None

    def request(self, message: dict[str, Any], *, deadline: float | None) -> dict[str, Any]:
        """Send one request; return the reply with the same sequence number.

        Raises
        ------
        ChildTimeout, ChildDied, ProtocolError
            From :func:`grading.executor._protocol.recv_message`, or when the
            reply's sequence number is not the request's.
        """
        self._seq += 1
        try:
            send_message(self.sock, {**message, "seq": self._seq})
        except OSError as error:
            raise ChildDied(str(error)) from None
        return self.receive(deadline=deadline)

    def receive(self, *, deadline: float | None) -> dict[str, Any]:
        """Wait for the reply to the last request (e.g. after an interrupt)."""
        reply = recv_message(self.sock, max_bytes=self.max_reply_bytes, deadline=deadline)
        if reply.get("seq") != self._seq:
            raise ProtocolError(f"reply to request {reply.get('seq')!r}, expected {self._seq}")
        return reply

    def interrupt(self) -> None:
        """Ask the init to send SIGINT to the runner (a kernel interrupt)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.init_pid, signal.SIGUSR1)

    def kill(self, *, wait: bool = True) -> None:
        """Kill the whole sandbox: its init, and with it every process in its namespace.

        With ``wait=False`` this returns at once and the sandbox dies on its own
        (tens of milliseconds of kernel work: the grader's thread starts the
        next notebook meanwhile); its zygote waits for it before stopping, so
        the supervisor always finishes cleaning up. Only a sandbox with a PID
        namespace is left to die: nothing of the learner's outlives its init.
        Without one this waits anyway, while the supervisor hunts background
        processes.
        """
        if self._dead:
            return
        self._dead = True
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.init_pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            self.sock.close()
        if not wait and self.report.pid_namespace and self._dying is not None:
            self._dying(self.init_pid, self.supervisor_pid)
            return
        _wait_gone(self.init_pid, timeout=5.0)
        if self.supervisor_pid:  # it kills what escaped a missing PID namespace, then exits
            _wait_gone(self.supervisor_pid, timeout=5.0)

    def close(self, *, wait: bool = True) -> None:
        """Stop the child politely, then kill the namespace (see :meth:`kill`)."""
        if not self._dead:
            with contextlib.suppress(OSError):
                send_message(self.sock, {"op": "stop", "seq": self._seq + 1})
        self.kill(wait=wait)


class Zygote:
    """A zygote process serving sandboxes to any number of grader threads."""

    def __init__(self, *, start_timeout: float = 60.0) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._start_timeout = start_timeout
        self._dying: list[tuple[int, int]] = []  # (init, supervisor) killed without waiting

    def __enter__(self) -> Zygote:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _environment(self) -> dict[str, str]:
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": "/tmp",
            "PYTHONNOUSERSITE": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "MPLCONFIGDIR": os.environ.get("MPLCONFIGDIR", "/tmp/hocso-mpl"),
            **_BLAS_ENV,
        }
        env.update({k: os.environ[k] for k in _ENV_PASSED if k in os.environ})
        return env

    def start(self) -> None:
        """Start the zygote and wait until it is warm."""
        with self._lock:
            self._start_locked()

    def _start_locked(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "grading.executor._zygote", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            env=self._environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            cwd="/",
            close_fds=True,
        )
        theirs.close()
        self._control = ours
        try:
            data = ours.recv(_CONTROL_MAX) if self._wait_readable(ours) else b""
        except OSError:
            data = b""
        if b"warm" not in data:
            self._stop_locked()
            raise ZygoteError("the zygote did not start (see its stderr above)")

    def _wait_readable(self, sock: socket.socket) -> bool:
        import select

        ready, _, _ = select.select([sock], [], [], self._start_timeout)
        return bool(ready)

    def spawn(
        self,
        *,
        files_dir: str,
        workdir_name: str,
        limits: Limits,
        mode: str,
        env: dict[str, str] | None = None,
        data_files: tuple[str, ...] | None = None,
    ) -> Sandbox:
        """Fork a sandboxed child holding a fresh copy of ``files_dir``'s data files.

        Only regular files (``lstat``: no links, FIFOs, devices, hard links)
        whose relative path matches ``data_files`` (default:
        :data:`grading.executor.engine.DATA_FILES`) are copied; never notebooks,
        dot files or nbgrader's bookkeeping files.

        Raises
        ------
        SandboxRefused
            If ``mode == "require"`` and a protection is unavailable.
        ZygoteError
            If the zygote or the child failed to start.
        """
        files = data_files_of(files_dir, data_files, limits.workdir_bytes // 2)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        request = {
            "files_dir": os.path.realpath(files_dir),
            "files": files,
            "workdir_name": workdir_name,
            "limits": limits.to_json(),
            "mode": mode,
            "readonly_paths": readonly_paths(),
            "env": {**(env or {})},
        }
        payload = json.dumps(request).encode("utf-8")
        self._send(payload, theirs)
        theirs.close()
        max_reply = limits.notebook_output_bytes + 4 * limits.stream_bytes + (1 << 20)
        deadline = time.monotonic() + 30
        try:
            hello = recv_message(ours, max_bytes=_CONTROL_MAX, deadline=deadline)
            if hello.get("type") == "refused":
                raise SandboxRefused("; ".join(map(str, hello.get("degraded", []))))
            init_pid = int(hello["init_pid"])
            sandbox = Sandbox(ours, init_pid, SandboxReport(), max_reply)
            sandbox.supervisor_pid = int(hello["supervisor_pid"])
            ready = recv_message(ours, max_bytes=_CONTROL_MAX, deadline=deadline)
        except (ChildDied, ChildTimeout, ProtocolError, KeyError, ValueError) as error:
            ours.close()
            raise ZygoteError(f"the sandboxed child did not start: {error}") from None
        if ready.get("type") == "refused":
            sandbox.kill()
            raise SandboxRefused("; ".join(map(str, ready.get("degraded", []))))
        sandbox.report = SandboxReport.from_json(ready.get("report", {}))
        sandbox._dying = self._note_dying
        return sandbox

    def _note_dying(self, init_pid: int, supervisor_pid: int) -> None:
        with self._lock:
            # forget those already gone (a dead supervisor is reaped at once: SIGCHLD ignored)
            self._dying = [p for p in self._dying if not _wait_gone(p[1] or p[0], timeout=0)]
            self._dying.append((init_pid, supervisor_pid))

    def _wait_dying(self) -> None:
        """Wait for the sandboxes killed without waiting (their supervisors clean up)."""
        dying, self._dying = self._dying, []
        for init_pid, supervisor_pid in dying:
            _wait_gone(init_pid, timeout=5.0)
            if supervisor_pid:
                _wait_gone(supervisor_pid, timeout=5.0)

    def _send(self, payload: bytes, theirs: socket.socket) -> None:
        """Hand a request and its socket to the zygote, restarting it once if it is gone."""
        with self._lock:
            for attempt in range(2):
                self._start_locked()
                try:
                    assert self._control is not None
                    socket.send_fds(self._control, [payload], [theirs.fileno()])
                    return
                except OSError:
                    self._stop_locked()
                    if attempt:
                        raise ZygoteError("the zygote stopped answering") from None

    def evaluate_trusted(
        self,
        plan: Any,
        imports: tuple[str, ...],
        *,
        timeout: float = 60.0,
        memory_bytes: int = 2 << 30,
        max_reply_bytes: int = 256 << 20,
    ) -> Any:
        """Prepare a test cell's trainer side in a forked worker (see :func:`_trusted_worker`).

        Returns a :class:`~grading.executor._trusted.TrustedCell`; when the
        worker hangs past ``timeout``, runs out of memory or dies, a cell that
        fails with the reason (the batch goes on).
        """
        import base64
        import pickle

        from grading.executor import _trusted

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        request = {
            "kind": "trusted",
            "plan": _trusted.plan_to_json(plan),
            "imports": list(imports),
            "memory_bytes": int(memory_bytes),
            "cpu_seconds": max(1, int(timeout) + 1),
        }
        payload = json.dumps(request).encode("utf-8")
        self._send(payload, theirs)
        theirs.close()
        deadline = time.monotonic() + timeout
        pid = 0
        try:
            started = recv_message(ours, max_bytes=_CONTROL_MAX, deadline=time.monotonic() + 30)
            pid = int(started["pid"])
            reply = recv_message(ours, max_bytes=max_reply_bytes, deadline=deadline)
            return pickle.loads(base64.b64decode(reply["pickle"]))
        except ChildTimeout:
            why = f"did not finish within {timeout:g} s"
        except (ChildDied, ProtocolError, KeyError, ValueError, TypeError) as error:
            why = f"stopped ({error}; out of memory?)"
        finally:
            ours.close()
            if pid:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
        return _trusted.failed_cell(
            "TrustedSetupError", f"hocso: the trainer's setup of this test cell {why}"
        )

    def _stop_locked(self) -> None:
        self._wait_dying()  # supervisors die with the zygote: let them finish first
        if self._control is not None:
            with contextlib.suppress(OSError):
                self._control.close()
            self._control = None
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._process = None

    def close(self) -> None:
        """Stop the zygote (sandboxes it forked die with their supervisors)."""
        with self._lock:
            self._stop_locked()


# --------------------------------------------------------------------------
# the process-wide zygote (this module is light to import: the zygote can start
# while the grader is still importing nbgrader)
# --------------------------------------------------------------------------

_SHARED: dict[str, Zygote] = {}
_SHARED_LOCK = threading.Lock()


def shared() -> Zygote:
    """The process-wide zygote, started on first use and stopped at exit."""
    import atexit

    with _SHARED_LOCK:
        zygote = _SHARED.get("zygote")
        if zygote is None:
            zygote = Zygote()
            zygote.start()
            _SHARED["zygote"] = zygote
            atexit.register(zygote.close)
        return zygote


def ready() -> bool:
    """Whether the process-wide zygote is warm (without waiting for it, or starting it)."""
    return "zygote" in _SHARED


def release_shared() -> None:
    """Stop the process-wide zygote now (a Dask worker leaving); the next use starts one."""
    with _SHARED_LOCK:
        zygote = _SHARED.pop("zygote", None)
    if zygote is not None:
        zygote.close()


if __name__ == "__main__":
    main()
