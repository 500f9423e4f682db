"""Namespaces, mounts, limits and privilege drop for one learner child (Linux).

Runs in the zygote's forked children, never in the trusted grader:

- **A, the supervisor** (host namespaces, root): puts itself in a fresh
  cgroup capping memory and process count of the whole sandbox (v2
  ``memory.max``/``pids.max``, else v1 ``memory.limit_in_bytes``/``pids.max``;
  without cgroups the per-process limits stay and the report says so),
  unshares the PID, network, mount, IPC and UTS namespaces (plus a user
  namespace when not root), forks B, tells the trusted side B's PID, and when
  B ends kills whatever is left and removes the cgroup.
- **B, the tiny init** (PID 1 of the new namespace): builds a minimal
  read-only root (system folders, the Python environment, ``toolkit``), a
  size-capped working folder holding a fresh copy of the learner's files and a
  private ``/tmp``, pivots into it, brings up loopback, forks C, reaps zombies,
  and exits when C does, which makes the kernel kill every process left in
  the namespace.
- **C, the runner**: clean environment, rlimits, an unprivileged uid of its
  own (``SANDBOX_UID_BASE`` + the supervisor's PID: no two live children share
  one, so ``RLIMIT_NPROC`` and the per-user kernel keyring are never shared),
  no new privileges, a seccomp filter refusing the keyring, ``ptrace``,
  ``mount`` and namespace system calls, then the cell loop of
  :mod:`grading.executor._runner`.

The root holds a minimal ``/etc`` (a two-line ``passwd``, ``group``,
``hosts``, the dynamic linker's cache, time zone and fonts): never the host's
users, ``machine-id`` or host name.

Whatever cannot be set up is listed in ``degraded`` and sent to the trusted
side before any learner code runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
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

__all__ = ["NOBODY", "SANDBOX_UID_BASE", "WORK_ROOT", "run_supervisor"]

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
#: Learner uids are this plus the supervisor's PID (unique among live sandboxes).
SANDBOX_UID_BASE = 1_000_000
WORK_ROOT = "/home/learner"
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")
#: What of the host's /etc the sandbox sees (copied or bound read-only).
_ETC_COPIED = ("ld.so.cache", "ld.so.conf", "localtime", "timezone", "mime.types")
_ETC_BOUND = ("ld.so.conf.d", "fonts", "alternatives", "ssl")
_CGROUP_ROOT = "/sys/fs/cgroup"
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
# cgroups: memory and process count of the whole sandbox
# --------------------------------------------------------------------------


def _own_cgroups() -> dict[str, str]:
    """``{controller or "": path}`` of this process (``/proc/self/cgroup``)."""
    found = {}
    with contextlib.suppress(OSError), open("/proc/self/cgroup") as handle:
        for line in handle:
            _id, controllers, path = line.rstrip("\n").split(":", 2)
            for name in controllers.split(",") if controllers else [""]:
                found[name] = path
    return found


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def _cgroup_v2(name: str, limits: dict[str, Any]) -> list[str] | None:
    """A v2 cgroup with ``memory.max`` and ``pids.max``, this process in it; None if unusable."""
    mounts = [f"{_CGROUP_ROOT}", f"{_CGROUP_ROOT}/unified"]
    own = _own_cgroups().get("")
    for mount in mounts:
        controllers = f"{mount}/cgroup.controllers"
        if own is None or not os.path.isfile(controllers):
            continue
        parent = os.path.normpath(f"{mount}/{own}")
        try:
            with open(f"{parent}/cgroup.controllers") as handle:
                available = handle.read().split()
            if not {"memory", "pids"} <= set(available):
                continue
            with open(f"{parent}/cgroup.subtree_control") as handle:
                enabled = handle.read().split()
            if not {"memory", "pids"} <= set(enabled):
                _write(f"{parent}/cgroup.subtree_control", "+memory +pids")
            path = f"{parent}/{name}"
            os.mkdir(path)
            _write(f"{path}/memory.max", str(int(limits["memory_bytes"])))
            with contextlib.suppress(OSError):
                _write(f"{path}/memory.swap.max", "0")
            _write(f"{path}/pids.max", str(int(limits["processes"]) + 2))
            _write(f"{path}/cgroup.procs", str(os.getpid()))
            return [path]
        except OSError:
            continue
    return None


def _cgroup_v1(name: str, limits: dict[str, Any]) -> list[str] | None:
    """v1 ``memory`` and ``pids`` cgroups, this process in both; None if unusable."""
    own = _own_cgroups()
    made: list[str] = []
    try:
        for controller, settings in (
            ("memory", {"memory.limit_in_bytes": str(int(limits["memory_bytes"]))}),
            ("pids", {"pids.max": str(int(limits["processes"]) + 2)}),
        ):
            if controller not in own:
                raise OSError(errno.ENOENT, f"no v1 {controller} controller")
            path = os.path.normpath(f"{_CGROUP_ROOT}/{controller}/{own[controller]}/{name}")
            os.mkdir(path)
            made.append(path)
            for key, value in settings.items():
                _write(f"{path}/{key}", value)
            if controller == "memory":
                with contextlib.suppress(OSError):  # swap too, where accounted
                    _write(f"{path}/memory.memsw.limit_in_bytes", settings[key])
            _write(f"{path}/cgroup.procs", str(os.getpid()))
    except OSError:
        _leave_cgroups(made)
        return None
    return made


def _enter_cgroup(mode: str, limits: dict[str, Any]) -> tuple[str, list[str]]:
    """``(version, paths)`` of the cgroup this supervisor (and so its sandbox) now runs in."""
    if mode == "off" or sys.platform != "linux" or limits.get("cgroups") is False:
        return "", []
    name = f"hocso-{os.getpid()}"
    paths = _cgroup_v2(name, limits)
    if paths:
        return "v2", paths
    paths = _cgroup_v1(name, limits)
    if paths:
        return "v1", paths
    return "", []


def _leave_cgroups(paths: list[str]) -> None:
    """Move back to the parent cgroups and remove ours (empty once the sandbox is gone)."""
    for path in paths:
        with contextlib.suppress(OSError):
            _write(f"{os.path.dirname(path)}/cgroup.procs", str(os.getpid()))
        pause = 0.0005  # the sandbox's last processes leave the cgroup within a few ms
        for _ in range(60):
            try:
                os.rmdir(path)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(pause)
                pause = min(pause * 2, 0.02)


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
    cgroup, cgroup_paths = _enter_cgroup(mode, request.get("limits") or {"cgroups": False})
    request["cgroup"] = cgroup
    request["uid"] = SANDBOX_UID_BASE + os.getpid()
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
    if not done["pid_namespace"]:  # else the kernel killed the namespace before B was reaped
        _kill_descendants()
    _leave_cgroups(cgroup_paths)
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
    from grading.core.files import copy_files

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
    _build_etc(root, uid)
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


def _build_etc(root: str, uid: int | None) -> None:
    """A minimal /etc: the learner's own user, no host users, machine-id or host name."""
    etc = root + "/etc"
    os.makedirs(etc, exist_ok=True)
    learner = uid if uid is not None else os.getuid()
    files = {
        "passwd": f"root:x:0:0:root:/root:/usr/sbin/nologin\n"
        f"learner:x:{learner}:{learner}:learner:{WORK_ROOT}:/usr/sbin/nologin\n",
        "group": f"root:x:0:\nlearner:x:{learner}:\n",
        "hosts": "127.0.0.1 localhost hocso\n::1 localhost\n",
        "hostname": "hocso\n",
        "resolv.conf": "",
        "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
    }
    for name, text in files.items():
        _write(f"{etc}/{name}", text)
    for name in _ETC_COPIED:
        source = f"/etc/{name}"
        with contextlib.suppress(OSError):
            if os.path.islink(source) or os.path.isfile(source):
                with open(source, "rb") as reader, open(f"{etc}/{name}", "wb") as writer:
                    writer.write(reader.read(1 << 22))
    for name in _ETC_BOUND:
        source = os.path.realpath(f"/etc/{name}")
        if os.path.isdir(source):
            os.makedirs(f"{etc}/{name}", exist_ok=True)
            with contextlib.suppress(SandboxSetupError):
                _bind_readonly(source, f"{etc}/{name}")


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
        drop_uid: int | None = int(request["uid"]) if is_root else None
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
        if done["pid_namespace"]:  # the UTS namespace came with it
            with contextlib.suppress(OSError):
                socket.sethostname("hocso")
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
        if not request.get("cgroup"):
            degraded.append(
                "no cgroup: memory and process count are limited per process only "
                "(RLIMIT_AS, RLIMIT_NPROC of the sandbox's own uid)"
            )
        policy = seccomp_policy()
        if not policy:
            degraded.append(f"no seccomp filter on {platform.machine()}")
        report = {
            **done,
            "unprivileged": drop_uid is not None or done["user_namespace"],
            "rlimits": True,
            "cgroup": request.get("cgroup") or "",
            "seccomp": bool(policy),
            "seccomp_policy": policy,
            "uid": drop_uid if drop_uid is not None else os.getuid(),
            "minimal_etc": done["mount_namespace"],
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


# seccomp. The policy is an allow-list compiled by libseccomp, which resolves
# the names for the machine's architecture (no syscall numbers here): what a
# Python kernel running numpy, pandas and matplotlib needs, after Docker's
# default profile, without io_uring, the keyring, ptrace, mounts, namespaces,
# module loading, BPF or perf. Anything else fails with EPERM. Where libseccomp
# cannot be loaded, the built-in deny-list below is used and the report says why.
SECCOMP_ALLOWED = (
    "accept", "accept4", "access", "alarm", "arch_prctl", "bind", "brk", "capget", "chdir",
    "chmod", "clock_getres", "clock_gettime", "clock_nanosleep", "close", "close_range",
    "connect", "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create",
    "epoll_create1", "epoll_ctl", "epoll_pwait", "epoll_pwait2", "epoll_wait", "eventfd",
    "eventfd2", "execve", "execveat", "exit", "exit_group", "faccessat", "faccessat2",
    "fadvise64", "fallocate", "fchdir", "fchmod", "fchmodat", "fchown", "fchownat", "fcntl",
    "fdatasync", "fgetxattr", "flistxattr", "flock", "fork", "fstat", "fstatfs", "fsync",
    "ftruncate", "futex", "futex_waitv", "getcpu", "getcwd", "getdents", "getdents64",
    "getegid", "geteuid", "getgid", "getgroups", "getitimer", "getpeername", "getpgid",
    "getpgrp", "getpid", "getppid", "getpriority", "getrandom", "getresgid", "getresuid",
    "getrlimit", "get_robust_list", "getrusage", "getsid", "getsockname", "getsockopt",
    "gettid", "gettimeofday", "getuid", "getxattr", "inotify_add_watch", "inotify_init",
    "inotify_init1", "inotify_rm_watch", "ioctl", "kill", "lgetxattr", "link", "linkat",
    "listen", "listxattr", "llistxattr", "lseek", "lstat", "madvise", "membarrier",
    "memfd_create", "mincore", "mkdir", "mkdirat", "mlock", "mlock2", "mmap", "mprotect",
    "mremap", "msync", "munlock", "munmap", "nanosleep", "newfstatat", "open", "openat",
    "openat2", "pause", "pidfd_open", "pidfd_send_signal", "pipe", "pipe2", "poll", "ppoll",
    "prctl", "pread64", "preadv", "preadv2", "prlimit64", "pselect6", "pwrite64", "pwritev",
    "pwritev2", "read", "readahead", "readlink", "readlinkat", "readv", "recvfrom", "recvmmsg",
    "recvmsg", "rename", "renameat", "renameat2", "restart_syscall", "rmdir", "rseq",
    "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn",
    "rt_sigsuspend", "rt_sigtimedwait", "rt_tgsigqueueinfo", "sched_getaffinity",
    "sched_getattr", "sched_getparam", "sched_get_priority_max", "sched_get_priority_min",
    "sched_getscheduler", "sched_rr_get_interval", "sched_setaffinity", "sched_yield",
    "select", "sendfile", "sendmmsg", "sendmsg", "sendto", "setitimer", "setpgid",
    "setpriority", "setrlimit", "set_robust_list", "setsid", "setsockopt", "set_tid_address",
    "shutdown", "sigaltstack", "signalfd", "signalfd4", "socketpair", "splice", "stat",
    "statfs", "statx", "symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "sysinfo",
    "tee", "tgkill", "time", "timer_create", "timer_delete", "timer_getoverrun",
    "timer_gettime", "timer_settime", "timerfd_create", "timerfd_gettime", "timerfd_settime",
    "times", "tkill", "truncate", "umask", "uname", "unlink", "unlinkat", "utime",
    "utimensat", "utimes", "vfork", "wait4", "waitid", "write", "writev",
)  # fmt: skip
#: clone flags that ask for a new namespace (CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET)
_CLONE_NAMESPACES = 0x7E020000
_AF_NETLINK, _AF_VSOCK = 16, 40


@functools.cache
def _libseccomp() -> tuple[Any, str]:
    """libseccomp's Python bindings (the distribution's, else ``pyseccomp``), or None and why.

    Cached: the zygote looks once and every sandbox inherits the answer (a failed
    import is searched for again on every call).
    """
    try:
        import seccomp  # type: ignore[import-not-found]  # libseccomp's own bindings

        return seccomp, ""
    except ImportError:
        pass
    try:
        import pyseccomp  # the same API over ctypes; needs libseccomp.so.2

        return pyseccomp, ""
    except (ImportError, OSError, AttributeError) as error:
        return None, f"libseccomp unavailable ({type(error).__name__}: {error})"


def _allow_list_filter() -> Any:
    """The allow-list as a libseccomp filter (compiled for this architecture on load)."""
    lib, _ = _libseccomp()
    policy = lib.SyscallFilter(defaction=lib.ERRNO(errno.EPERM))
    for name in SECCOMP_ALLOWED:
        try:
            policy.add_rule(lib.ALLOW, name)
        except (OSError, ValueError, RuntimeError):
            continue  # a name this architecture does not have (open, stat on aarch64 …)
    policy.add_rule(lib.ALLOW, "clone", lib.Arg(0, lib.MASKED_EQ, _CLONE_NAMESPACES, 0))
    policy.add_rule(lib.ERRNO(errno.ENOSYS), "clone3")  # flags behind a pointer: libc falls back
    policy.add_rule(lib.ALLOW, "socket", lib.Arg(0, lib.NE, _AF_VSOCK))
    for persona in (0, 8, 0x20000, 0x20008, 0xFFFFFFFF):  # query, or the harmless personas
        policy.add_rule(lib.ALLOW, "personality", lib.Arg(0, lib.EQ, persona))
    return policy


@functools.cache
def _allow_list_program() -> bytes:
    """The allow-list compiled to BPF, once (in the zygote): every sandbox installs these
    bytes as they are instead of compiling the same filter again."""
    import tempfile

    with tempfile.TemporaryFile() as handle:
        _allow_list_filter().export_bpf(handle)
        handle.seek(0)
        return handle.read()


def prepare_seccomp() -> str:
    """Find libseccomp and compile the filter now, while files can be searched; the policy."""
    policy = seccomp_policy()
    if _libseccomp()[0] is not None:
        _allow_list_program()
    return policy


def seccomp_policy() -> str:
    """The policy the sandbox will install here: the allow-list, or the fallback and why."""
    lib, reason = _libseccomp()
    if lib is not None:
        return "allow-list (libseccomp)"
    if _SECCOMP_ARCH.get(platform.machine()) is None:
        return ""
    return f"built-in deny-list: {reason}"


# Fallback deny-list: (audit arch, {name: number}) per machine; refused calls fail with EPERM
_SECCOMP_ARCH = {
    "x86_64": (0xC000003E, {
        "ptrace": 101, "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161,
        "add_key": 248, "request_key": 249, "keyctl": 250, "unshare": 272, "setns": 308,
        "process_vm_readv": 310, "process_vm_writev": 311, "kexec_load": 246,
        "init_module": 175, "finit_module": 313, "delete_module": 176, "bpf": 321,
        "perf_event_open": 298, "userfaultfd": 323, "open_by_handle_at": 304, "swapon": 167,
        "swapoff": 168, "reboot": 169, "acct": 163, "open_tree": 428, "move_mount": 429,
        "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433, "mount_setattr": 442,
    }),
    "aarch64": (0xC00000B7, {
        "ptrace": 117, "mount": 40, "umount2": 39, "pivot_root": 41, "chroot": 51,
        "add_key": 217, "request_key": 218, "keyctl": 219, "unshare": 97, "setns": 268,
        "process_vm_readv": 270, "process_vm_writev": 271, "kexec_load": 104,
        "init_module": 105, "finit_module": 273, "delete_module": 106, "bpf": 280,
        "perf_event_open": 241, "userfaultfd": 282, "open_by_handle_at": 265, "swapon": 224,
        "swapoff": 225, "reboot": 142, "acct": 89, "open_tree": 428, "move_mount": 429,
        "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433, "mount_setattr": 442,
    }),
}  # fmt: skip
SECCOMP_DENIED = tuple(sorted(_SECCOMP_ARCH["x86_64"][1]))


def _install_seccomp() -> None:
    """Install the allow-list, or (no libseccomp) the built-in deny-list."""
    lib, _ = _libseccomp()
    if lib is not None:
        _load_bpf(_allow_list_program())
        return
    _install_deny_list()


def _install_deny_list() -> None:
    """Refuse (EPERM) the keyring, ptrace, mount and namespace calls; kill on a foreign ABI."""
    arch, numbers = _SECCOMP_ARCH[platform.machine()]
    ld_abs, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    allow, kill, eperm = 0x7FFF0000, 0x80000000, 0x00050000 | errno.EPERM
    program: list[tuple[int, int, int, int]] = [
        (ld_abs, 0, 0, 4),  # seccomp_data.arch
        (jeq, 1, 0, arch),
        (ret, 0, 0, kill),
        (ld_abs, 0, 0, 0),  # seccomp_data.nr
    ]
    if arch == 0xC000003E:  # x32 system calls (nr | 0x40000000) are refused too
        program += [(jge, 0, 1, 0x40000000), (ret, 0, 0, eperm)]
    clone, clone3 = (56, 435) if arch == 0xC000003E else (220, 435)
    namespaces = 0x7E020000  # CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET
    program += [
        (jeq, 0, 1, clone3),  # its flags are behind a pointer: make libc fall back to clone
        (ret, 0, 0, 0x00050000 | errno.ENOSYS),
        (jeq, 0, 4, clone),
        (ld_abs, 0, 0, 16),  # low word of the first argument: the clone flags
        (0x45, 0, 1, namespaces),  # jset: a new namespace is asked for
        (ret, 0, 0, eperm),
        (ret, 0, 0, allow),
        (ld_abs, 0, 0, 0),  # (not clone) back to the number
    ]
    for number in sorted(set(numbers.values())):
        program += [(jeq, 0, 1, number), (ret, 0, 0, eperm)]
    program.append((ret, 0, 0, allow))
    _load_bpf(b"".join(struct.pack("=HBBI", *op) for op in program))


def _load_bpf(program: bytes) -> None:
    """Install a classic BPF program (``struct sock_filter`` records) as this process's
    seccomp filter; needs no_new_privs (set by the caller) or CAP_SYS_ADMIN."""

    class SockFilter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8),
                    ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]  # fmt: skip

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]

    count = len(program) // ctypes.sizeof(SockFilter)
    if not count or count * ctypes.sizeof(SockFilter) != len(program):
        raise SandboxSetupError(f"seccomp: a BPF program of {len(program)} bytes")
    filters = (SockFilter * count).from_buffer_copy(program)
    prog = SockFprog(count, filters)
    pr_set_seccomp, seccomp_mode_filter = 22, 2
    _check(
        _libc.prctl(pr_set_seccomp, ctypes.c_ulong(seccomp_mode_filter), ctypes.byref(prog), 0, 0),
        "seccomp",
    )


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
        if report.get("seccomp"):
            _install_seccomp()
        _set_rlimits(request["limits"])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        _runner.serve(sock, request, report)
    except BaseException:  # the runner must never fall back into the zygote's code
        code = 70
    finally:
        os._exit(code)
