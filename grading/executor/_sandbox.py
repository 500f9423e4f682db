"""Namespaces, mounts, limits and privilege drop for one learner child (Linux).

Runs in the zygote's forked children, never in the trusted grader:

- **A, the supervisor** (host namespaces, root): unshares the PID, network,
  mount, IPC and UTS namespaces (plus a user namespace when not root), forks
  B, tells the trusted side B's PID, and when B ends kills whatever is left.
- **B, the tiny init** (PID 1 of the new namespace): builds a minimal
  read-only root (system folders, the Python environment, ``toolkit``), a
  size-capped working folder holding a fresh copy of the learner's files and a
  private ``/tmp``, pivots into it, brings up loopback, forks C, reaps zombies,
  and exits when C does, which makes the kernel kill every process left in
  the namespace.
- **C, the runner**: clean environment, rlimits, unprivileged user, no new
  privileges, then the cell loop of :mod:`grading.executor._runner`.

Whatever cannot be set up is listed in ``degraded`` and sent to the trusted
side before any learner code runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import platform
import resource
import signal
import socket
import stat
import struct
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["NOBODY", "WORK_ROOT", "run_supervisor"]

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38

_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}

NOBODY = 65534
WORK_ROOT = "/home/learner"
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32", "/etc")
_DEVICES = ("null", "zero", "full", "random", "urandom")
_ROOT_MOUNTPOINTS = ("/mnt", "/media", "/srv", "/opt", "/run", "/var/tmp", "/tmp")

_libc = ctypes.CDLL(None, use_errno=True)


class SandboxSetupError(OSError):
    """A namespace, mount or limit could not be set up."""


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise SandboxSetupError(code, f"{what}: {os.strerror(code)}")


def _prctl(option: int, value: int) -> None:
    _check(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), f"prctl({option})")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(
        _libc.mount(
            None if source is None else source.encode(),
            target.encode(),
            None if fstype is None else fstype.encode(),
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        f"mount {source} on {target}",
    )


def _bind_readonly(source: str, target: str) -> None:
    _mount(source, target, None, MS_BIND | MS_REC)
    _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _pivot_root(new_root: str) -> None:
    """Make ``new_root`` the root and detach the old one (``pivot_root(".", ".")``)."""
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    os.chdir(new_root)
    if number is not None and _libc.syscall(number, b".", b".") == 0:
        _check(_libc.umount2(b".", MNT_DETACH), "umount old root")
    else:  # unknown architecture: chroot is still safe once root is dropped
        os.chroot(".")
    os.chdir("/")


# --------------------------------------------------------------------------
# A: supervisor
# --------------------------------------------------------------------------


def _write_file(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def _enter_namespaces(mode: str) -> tuple[dict[str, bool], list[str]]:
    """Unshare what the platform allows; return what was done and what was not."""
    done = {
        "pid_namespace": False,
        "network_namespace": False,
        "mount_namespace": False,
        "user_namespace": False,
    }
    if mode == "off":
        return done, ["sandbox switched off (sandbox='off'): no namespaces"]
    if sys.platform != "linux":
        return done, [f"no Linux namespaces on {sys.platform}"]
    # The mount namespace is unshared by B alone: pivot_root would otherwise move the
    # supervisor into the sandbox root too, and it must clean up on the host.
    flags = CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
    uid, gid = os.getuid(), os.getgid()
    if uid != 0:
        flags |= CLONE_NEWUSER
    if _libc.unshare(flags) != 0:
        code = ctypes.get_errno()
        return done, [
            f"namespaces unavailable ({os.strerror(code)}): no PID, network or mount isolation"
        ]
    if uid != 0:
        _write_file("/proc/self/setgroups", "deny")
        _write_file("/proc/self/uid_map", f"0 {uid} 1")
        _write_file("/proc/self/gid_map", f"0 {gid} 1")
        done["user_namespace"] = True
    done.update(pid_namespace=True, network_namespace=True, mount_namespace=True)
    return done, []


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError), open(f"/proc/{entry}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _kill_descendants() -> None:
    """As a subreaper, kill and reap every process reparented to us."""
    me = os.getpid()
    for _ in range(100):
        children = _children_of(me)
        if not children:
            break
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG) != (0, 0):
                pass
        time.sleep(0.01)


def run_supervisor(sock: socket.socket, request: dict[str, Any]) -> None:
    """Process A. Never returns; exits when the sandbox is gone."""
    from grading.executor._protocol import send_message

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    with contextlib.suppress(SandboxSetupError):
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    with contextlib.suppress(SandboxSetupError):
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
    mode = request["mode"]
    done, degraded = _enter_namespaces(mode)
    if mode == "require" and degraded:
        send_message(sock, {"type": "refused", "seq": 0, "degraded": degraded})
        os._exit(3)
    import shutil
    import tempfile

    request["host_workdir"] = tempfile.mkdtemp(prefix="hocso-learner-")  # degraded mode only
    gate_read, gate_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # B
        os.close(gate_write)
        os.read(gate_read, 1)
        os.close(gate_read)
        _run_init(sock, request, done, degraded)
    os.close(gate_read)
    send_message(
        sock, {"type": "spawned", "seq": 0, "init_pid": pid, "supervisor_pid": os.getpid()}
    )
    sock.close()
    os.write(gate_write, b"x")
    os.close(gate_write)
    status = 0
    with contextlib.suppress(ChildProcessError):
        _, status = os.waitpid(pid, 0)
    _kill_descendants()
    shutil.rmtree(request["host_workdir"], ignore_errors=True)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF if status else 0)


# --------------------------------------------------------------------------
# B: init of the namespace, builds the root
# --------------------------------------------------------------------------


def _others_can_traverse(path: str) -> bool:
    """Whether an unprivileged user can reach ``path`` (every ancestor o+x)."""
    current = Path(path).resolve()
    for folder in [current, *current.parents]:
        try:
            mode = os.stat(folder).st_mode
        except OSError:
            return False
        if not mode & stat.S_IXOTH:
            return False
    return True


def _copy_files(source: str, target: str, *, limit: int, uid: int | None,
                files: list[list[Any]] | None = None) -> None:  # fmt: skip
    """Copy the listed regular files (chosen by the trusted side) into ``target``.

    Each is opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked with ``fstat``:
    a file swapped for a link, a FIFO or a device since it was listed is skipped.
    """
    from grading._exchange_input import copy_files

    Path(target).mkdir(parents=True, exist_ok=True)
    if uid is not None:
        os.chown(target, uid, uid)
    listed = [(str(rel), int(size)) for rel, size in (files or [])]
    copy_files(source, target, listed, max_bytes=limit, uid=uid)


def _pick_root_mountpoint(avoid: list[str]) -> str:
    for candidate in _ROOT_MOUNTPOINTS:
        if os.path.isdir(candidate) and not any(
            a == candidate or a.startswith(candidate + "/") for a in avoid
        ):
            return candidate
    raise SandboxSetupError(errno.ENOENT, "no folder to build the sandbox root on")


def _readonly_paths(request: dict[str, Any]) -> list[str]:
    """Folders to show read-only, outermost first, none inside another."""
    paths = sorted({os.path.realpath(p) for p in request["readonly_paths"] if os.path.isdir(p)})
    kept: list[str] = []
    for path in paths:
        if any(path == k or path.startswith(k + "/") for k in [*kept, *_SYSTEM_DIRS]):
            continue
        kept.append(path)
    return kept


def _build_root(request: dict[str, Any], limits: dict[str, Any], uid: int | None) -> str:
    """Build the sandbox root in a tmpfs; return the working folder inside it."""
    readonly = _readonly_paths(request)
    files_dir = os.path.realpath(request["files_dir"])
    root = _pick_root_mountpoint([*readonly, files_dir])
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("hocso-root", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=16m")
    for folder in _SYSTEM_DIRS:
        target = root + folder
        if os.path.islink(folder):
            os.symlink(os.readlink(folder), target)
        elif os.path.isdir(folder):
            os.makedirs(target, exist_ok=True)
            _bind_readonly(folder, target)
    # The private /tmp and /home come first: the environment itself may live under
    # /tmp or /home (a checkout in /tmp in CI), and its read-only binds must land on
    # top of these tmpfs mounts, not be hidden by them.
    size = limits["workdir_bytes"]
    os.makedirs(root + "/tmp")
    _mount("hocso-tmp", root + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,size={size}")
    os.makedirs(root + "/home")
    _mount("hocso-home", root + "/home", "tmpfs", MS_NOSUID | MS_NODEV, f"mode=0755,size={size}")
    for path in readonly:
        os.makedirs(root + path, exist_ok=True)
        _bind_readonly(path, root + path)
    os.makedirs(root + "/proc")
    _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _build_dev(root)
    workdir = f"{WORK_ROOT}/{request['workdir_name']}"
    os.makedirs(root + workdir)
    if uid is not None:
        os.chown(root + WORK_ROOT, uid, uid)
    _copy_files(files_dir, root + workdir, limit=size // 2, uid=uid, files=request.get("files"))
    _pivot_root(root)
    _mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    return workdir


def _build_dev(root: str) -> None:
    dev = root + "/dev"
    os.makedirs(dev)
    _mount("hocso-dev", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=1m")
    for name in _DEVICES:
        Path(dev, name).touch()
        _mount(f"/dev/{name}", f"{dev}/{name}", None, MS_BIND)
    os.makedirs(dev + "/shm")
    _mount("hocso-shm", dev + "/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=64m")
    os.makedirs(dev + "/pts")
    try:
        _mount(
            "devpts",
            dev + "/pts",
            "devpts",
            MS_NOSUID | MS_NOEXEC,
            "newinstance,ptmxmode=0666,mode=0620",
        )
        os.symlink("pts/ptmx", dev + "/ptmx")
    except SandboxSetupError:
        pass  # no pseudo-terminals: `!cmd` falls back to plain pipes
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):  # fmt: skip
        os.symlink(target, f"{dev}/{name}")


def _loopback_up() -> None:
    """``ip link set lo up`` with one ioctl."""
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(probe, siocgifflags, request))[1]
        fcntl.ioctl(probe, siocsifflags, struct.pack("16sH14x", b"lo", flags | iff_up))


def _host_workdir(request: dict[str, Any], uid: int | None) -> str:
    """Degraded mode: a private temporary folder on the host."""
    workdir = request["host_workdir"]
    if uid is not None:
        os.chown(workdir, uid, uid)
    _copy_files(request["files_dir"], workdir, limit=request["limits"]["workdir_bytes"], uid=uid,
                files=request.get("files"))  # fmt: skip
    return workdir


def _run_init(
    sock: socket.socket, request: dict[str, Any], done: dict[str, bool], degraded: list[str]
) -> None:
    """Process B. Never returns."""
    try:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        is_root = os.getuid() == 0 and not done["user_namespace"]
        drop_uid: int | None = NOBODY if is_root else None
        if (
            is_root
            and not done["mount_namespace"]
            and not all(_others_can_traverse(p) for p in request["readonly_paths"])
        ):
            degraded.append(
                "runs as root: the Python environment is not readable by an unprivileged user"
            )
            drop_uid = None
        if not is_root and not done["user_namespace"]:
            degraded.append("runs as the grader's own user (no user namespace)")
        if done["mount_namespace"]:
            try:
                _check(_libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
                workdir = _build_root(request, request["limits"], drop_uid)
            except OSError as error:
                done["mount_namespace"] = False
                degraded.append(f"mount isolation failed ({error}): course folder visible")
                workdir = _host_workdir(request, drop_uid)
        else:
            degraded.append("no mount namespace: the course folder and gradebook stay visible")
            workdir = _host_workdir(request, drop_uid)
        if done["network_namespace"]:
            try:
                _loopback_up()
            except OSError as error:
                degraded.append(f"loopback not up ({error})")
        else:
            degraded.append("no network namespace: the learner's code can reach the network")
        if not done["pid_namespace"]:
            degraded.append(
                "no PID namespace: background processes are killed by the supervisor only"
            )
        if done["user_namespace"]:
            degraded.append("unprivileged grader: learner runs as root of a user namespace")
        report = {
            **done,
            "unprivileged": drop_uid is not None or done["user_namespace"],
            "rlimits": True,
            "degraded": degraded,
        }
        if request["mode"] == "require" and degraded:
            from grading.executor._protocol import send_message

            send_message(sock, {"type": "refused", "seq": 0, "degraded": degraded})
            os._exit(3)
    except Exception as error:  # setup failed before any learner code: report and stop
        from grading.executor._protocol import send_message

        with contextlib.suppress(OSError):
            send_message(sock, {"type": "refused", "seq": 0, "degraded": [repr(error)]})
        os._exit(3)
    pid = os.fork()
    if pid == 0:  # C
        _run_runner(sock, request, workdir, drop_uid, report)
    sock.close()
    signal.signal(signal.SIGUSR1, lambda *_: _interrupt(pid))
    _reap_until(pid)


def _interrupt(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGINT)


def _reap_until(runner: int) -> None:
    """Reap zombies; exit with the runner (PID 1 exit kills the namespace)."""
    while True:
        try:
            pid, _status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(0)
        except InterruptedError:
            continue
        if pid == runner:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(runner, signal.SIGKILL)
            os._exit(0)


# --------------------------------------------------------------------------
# C: the runner's own process
# --------------------------------------------------------------------------


def _clean_environment(request: dict[str, Any], workdir: str) -> None:
    keep = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": workdir,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": "/tmp",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "MPLCONFIGDIR": "/tmp/.matplotlib",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONIOENCODING": "utf-8",
        "NBGRADER_EXECUTION": "autograde",
        "TERM": "xterm-color",
    }
    keep.update({k: v for k, v in request.get("env", {}).items() if isinstance(v, str)})
    os.environ.clear()
    os.environ.update(keep)


def _set_rlimits(limits: dict[str, Any]) -> None:
    def cap(kind: int, value: int) -> None:
        _soft, hard = resource.getrlimit(kind)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (value, value))

    cap(resource.RLIMIT_AS, int(limits["memory_bytes"]))
    cap(resource.RLIMIT_CPU, int(limits["cpu_seconds"]))
    cap(resource.RLIMIT_FSIZE, int(limits["file_bytes"]))
    cap(resource.RLIMIT_NOFILE, int(limits["open_files"]))
    cap(resource.RLIMIT_CORE, 0)


def _drop_capabilities() -> None:
    """Root of a user namespace: empty the bounding set, then all capability sets."""
    pr_capbset_drop, sys_capset = 24, {"x86_64": 126, "aarch64": 91}.get(platform.machine())
    for cap in range(64):
        if _libc.prctl(pr_capbset_drop, ctypes.c_ulong(cap), 0, 0, 0) != 0:
            break  # past the last capability the kernel knows
    if sys_capset is None:
        raise SandboxSetupError(errno.ENOSYS, "capset: unknown architecture")
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable (x2): all empty
    _check(_libc.syscall(sys_capset, header, data), "capset")


def _drop_privileges(uid: int) -> None:
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


def _run_runner(
    sock: socket.socket, request: dict[str, Any], workdir: str, uid: int | None, report: dict
) -> None:
    """Process C. Never returns."""
    from grading.executor import _runner

    code = 0
    try:
        os.setsid()
        with contextlib.suppress(OSError):  # the grader's own work goes first
            os.nice(int(request.get("nice", 5)))
        _clean_environment(request, workdir)
        os.chdir(workdir)
        if uid is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (request["limits"]["processes"],) * 2)
            _drop_privileges(uid)
        if report.get("user_namespace"):
            _drop_capabilities()
        with contextlib.suppress(SandboxSetupError):
            _prctl(PR_SET_NO_NEW_PRIVS, 1)
        _set_rlimits(request["limits"])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        _runner.serve(sock, request, report)
    except BaseException:  # the runner must never fall back into the zygote's code
        code = 70
    finally:
        os._exit(code)
