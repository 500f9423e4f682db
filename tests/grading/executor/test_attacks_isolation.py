"""Class 4 (and the sandbox side of 3 and 5): one learner's sandbox is sealed from the host,
from the trainer's files and from the other learners'."""

from __future__ import annotations

import os

import pytest

from grading.executor import ExecutionOptions, Limits, execute_notebook

from ._require import need, need_root
from .conftest import answer_cell, code, grade_cell, grades, notebook, setup_cell, text_of


def _cell(zygote, files_dir, source, **limits):
    options = ExecutionOptions(limits=Limits(**{"cell_timeout": 30.0, **limits}))
    nb = notebook(code(source))
    report = execute_notebook(nb, files_dir=str(files_dir), zygote=zygote, options=options)
    return text_of(nb.cells[0]), report


def test_cgroup_caps_the_whole_sandbox_on_this_machine(zygote, files_dir):
    need_root()
    _, report = _cell(zygote, files_dir, "1")
    need(report.sandbox.cgroup in ("v1", "v2"), "no usable cgroup on this machine")
    assert report.sandbox.full, report.sandbox.degraded


FORK_AND_FILL = """
import os, time
alive = []
for _ in range(4):
    pid = os.fork()
    if pid == 0:
        try:
            block = b"x" * (350 << 20)   # touched: counts against the sandbox's memory
            time.sleep(1.5)
            os._exit(7)
        except BaseException:
            os._exit(1)
    alive.append(pid)
done = [os.waitpid(p, 0)[1] for p in alive]
print("SURVIVED", sum(1 for s in done if os.WIFEXITED(s) and os.WEXITSTATUS(s) == 7))
"""


def _survivors(text: str) -> int:
    return int(text.split("SURVIVED", 1)[1].split()[0])


def test_memory_of_all_processes_together_is_capped(zygote, files_dir):
    need_root()
    text, report = _cell(zygote, files_dir, FORK_AND_FILL, memory_bytes=1 << 30)
    need(bool(report.sandbox.cgroup), "no usable cgroup on this machine")
    assert "SURVIVED" in text, text
    assert _survivors(text) < 4  # 4 × 350 MiB do not fit in the 1 GiB of the whole sandbox


def test_without_cgroups_the_fallback_is_per_process_and_says_so(zygote, files_dir):
    """The documented fallback: RLIMIT_AS per process only (so 4 × 350 MiB fit) and a note."""
    text, report = _cell(zygote, files_dir, FORK_AND_FILL, memory_bytes=1 << 30, cgroups=False)
    assert report.sandbox.cgroup == ""
    assert any("no cgroup" in d for d in report.sandbox.degraded)
    assert _survivors(text) == 4
    big = "try:\n    b = b'x' * (1500 << 20)\nexcept MemoryError:\n    print('MemoryError')"
    small, _ = _cell(zygote, files_dir, big, memory_bytes=1 << 30, cgroups=False)
    assert "MemoryError" in small


def test_process_limits_and_uids_are_not_shared_between_learners(zygote, files_dir):
    need_root()
    limits = Limits(processes=20, cell_timeout=30.0)
    greedy = zygote.spawn(files_dir=str(files_dir), workdir_name="a", limits=limits, mode="auto")
    honest = zygote.spawn(files_dir=str(files_dir), workdir_name="b", limits=limits, mode="auto")
    try:
        hog = (
            "import subprocess, os\nkids = []\n"
            "try:\n    for _ in range(60):\n"
            "        kids.append(subprocess.Popen(['sleep', '60']))\n"
            "except OSError as error:\n    print('REFUSED', len(kids))\n"
            "print('UID', os.getuid())"
        )
        first = greedy.request({"op": "run", "code": hog, "execution_count": 1}, deadline=None)
        shown = str(first["outputs"])
        assert "REFUSED" in shown
        work = (
            "import subprocess, os\n"
            "print('OK', sum(subprocess.run(['true']).returncode == 0 for _ in range(10)))\n"
            "print('UID', os.getuid())"
        )
        second = honest.request({"op": "run", "code": work, "execution_count": 1}, deadline=None)
        assert "OK 10" in str(second["outputs"])
        assert greedy.report.uid != honest.report.uid
    finally:
        greedy.close()
        honest.close()


SYSCALLS = """
import ctypes, errno, os
libc = ctypes.CDLL(None, use_errno=True)
def call(*args):
    result = libc.syscall(*args)
    return 'OK' if result >= 0 else errno.errorcode[ctypes.get_errno()]
import platform
n = {'x86_64': dict(add_key=248, keyctl=250, ptrace=101, mount=165, unshare=272),
     'aarch64': dict(add_key=217, keyctl=219, ptrace=117, mount=40, unshare=97)}[platform.machine()]
print('add_key', call(n['add_key'], b'user', b'hocso', b'bi-mat', 6, ctypes.c_long(-4)))
print('keyctl', call(n['keyctl'], 0, ctypes.c_long(-4), 0))
print('ptrace', call(n['ptrace'], 0, 0, 0, 0))
print('mount', call(n['mount'], b'none', b'/tmp', b'tmpfs', 0, 0))
print('unshare', call(n['unshare'], 0x10000000))
print('fork', os.waitpid(os.fork() or os._exit(0), 0)[1] if True else '')
"""


def test_seccomp_refuses_keyring_ptrace_mount_and_namespaces(zygote, files_dir):
    need_root()
    text, report = _cell(zygote, files_dir, SYSCALLS)
    need(report.sandbox.seccomp, "no seccomp filter on this machine")
    for name in ("add_key", "keyctl", "ptrace", "mount", "unshare"):
        assert f"{name} EPERM" in text, text
    assert "fork 0" in text  # ordinary process creation still works


def test_minimal_etc_and_host_name(zygote, files_dir):
    need_root()
    source = (
        "import os, socket\n"
        "print(open('/etc/passwd').read())\n"
        "print('MACHINE', os.path.exists('/etc/machine-id'), os.path.exists('/etc/shadow'))\n"
        "print('HOST', socket.gethostname())\n"
        "import getpass; print('USER', getpass.getuser())"
    )
    text, report = _cell(zygote, files_dir, source)
    assert report.sandbox.minimal_etc
    passwd = [line for line in text.splitlines() if line.count(":") == 6]
    assert [line.split(":")[0] for line in passwd] == ["root", "learner"]
    assert "MACHINE False False" in text
    assert "HOST hocso" in text
    assert "USER learner" in text


def test_only_listed_data_files_reach_the_sandbox(zygote, files_dir, tmp_path):
    need_root()
    (files_dir / "00-lam-quen.ipynb~").write_text("### BEGIN HIDDEN TESTS backup")
    (files_dir / ".gradebook.db").write_text("secret")
    (files_dir / "timestamp.txt").write_text("2026")
    (files_dir / "so-lieu.csv").symlink_to("/etc/shadow")
    os.mkfifo(files_dir / "ong.csv")
    (files_dir / "data").mkdir()
    (files_dir / "data" / "anh.png").write_bytes(b"\x89PNG")
    text, _ = _cell(
        zygote,
        files_dir,
        "import glob\nprint(sorted(glob.glob('**', recursive=True, include_hidden=True)))",
    )
    assert "['data', 'data/anh.png', 'du-lieu.csv']" in text, text


def test_hidden_values_never_reach_the_sandbox(zygote, files_dir):
    need_root()
    hidden = "MAT-KHAU-BI-MAT-4711"
    spy = (
        "import gc, os\nhits = []\nn = '1174-TAM-IB-UAHK-TAM'\n"  # reversed: not itself a hit
        "for o in gc.get_objects():\n"
        "    try:\n"
        "        if n[::-1] in repr(o)[:100000]: hits.append(type(o).__name__)\n"
        "    except Exception: pass\n"
        "for root, _, files in os.walk('/', onerror=lambda e: None):\n"
        "    if root.startswith(('/proc', '/sys', '/usr', '/dev')): continue\n"
        "    for f in files:\n"
        "        try:\n"
        "            if n[::-1].encode() in open(os.path.join(root, f), 'rb').read(1 << 20):\n"
        "                hits.append(os.path.join(root, f))\n"
        "        except OSError: pass\n"
        "print('HITS', hits)"
    )
    nb = notebook(
        setup_cell(),
        answer_cell("dap_an = 'sai'", "cau-1"),
        grade_cell(
            f"### BEGIN HIDDEN TESTS\nexpect.text(dap_an, {hidden!r}, name='dap_an')\n"
            "### END HIDDEN TESTS",
            "kiem-tra-1",
        ),
        code(spy),
    )
    options = ExecutionOptions(limits=Limits(cell_timeout=60.0))
    report = execute_notebook(nb, files_dir=str(files_dir), zygote=zygote, options=options)
    assert report.trusted_cells == ("kiem-tra-1",)
    assert grades(nb) == {"kiem-tra-1": 0}
    assert "HITS []" in text_of(nb.cells[3]), text_of(nb.cells[3])


@pytest.mark.parametrize("depth", [100_000])
def test_a_deeply_nested_reply_fails_its_cell_only(zygote, files_dir, depth):
    need_root()
    # the learner's process answers with a reply nested 100 000 deep (it owns its socket end)
    evil = (
        "import socket, struct, gc\n"
        "from grading.executor import _protocol\n"
        "body = ('[' * 100000 + ']' * 100000).encode()\n"
        "for o in gc.get_objects():\n"
        "    if isinstance(o, socket.socket) and o.family == socket.AF_UNIX:\n"
        "        o.sendall(struct.pack('>I', len(body)) + body)\n"
    )
    nb = notebook(setup_cell(), answer_cell("dap_an = 42", "cau-1"), code(evil),
                  grade_cell("expect.integer(dap_an, 42, name='dap_an')", "kiem-tra-1"))  # fmt: skip
    options = ExecutionOptions(limits=Limits(cell_timeout=20.0))
    execute_notebook(nb, files_dir=str(files_dir), zygote=zygote, options=options)
    assert grades(nb) == {"kiem-tra-1": 1}
    assert "DeadKernelError" in str(nb.cells[2].outputs)


def test_links_dereferenced_by_nbgraders_copy_never_reach_the_sandbox(zygote, tmp_path):
    """A USB copy (`cp -r`) keeps a symlink in submitted/; nbgrader copies its target into
    autograded/ as a plain file. The sandbox leaves out what was a link in the submission."""
    need_root()
    secret = tmp_path / "gradebook.db"
    secret.write_text("BÍ MẬT")
    submitted = tmp_path / "course" / "submitted" / "hv01" / "bai"
    autograded = tmp_path / "course" / "autograded" / "hv01" / "bai"
    submitted.mkdir(parents=True)
    autograded.mkdir(parents=True)
    (submitted / "so-lieu.csv").symlink_to(secret)
    (submitted / "that.csv").write_text("a\n1\n")
    (autograded / "so-lieu.csv").write_text("BÍ MẬT")  # what nbgrader's copy made of it
    (autograded / "that.csv").write_text("a\n1\n")
    (autograded / "nguon.csv").write_text("b\n2\n")  # from the source folder
    text, _ = _cell(zygote, autograded, "import glob\nprint(sorted(glob.glob('*')))")
    assert "['nguon.csv', 'that.csv']" in text, text


OFF_LIST = """
import ctypes, errno, platform
libc = ctypes.CDLL(None, use_errno=True)
def call(*args):
    result = libc.syscall(*args)
    return 'OK' if result >= 0 else errno.errorcode[ctypes.get_errno()]
n = {'x86_64': dict(io_uring_setup=425, mknod=133, getpid=39),
     'aarch64': dict(io_uring_setup=425, mknodat=33, getpid=172)}[platform.machine()]
params = ctypes.create_string_buffer(120)
print('io_uring_setup', call(n['io_uring_setup'], 1, params))
print('getpid', call(n['getpid']))
"""


def test_the_allow_list_refuses_what_it_does_not_name(zygote, files_dir):
    """io_uring is on no deny-list: only an allow-list refuses it (and getpid still works)."""
    need_root()
    text, report = _cell(zygote, files_dir, OFF_LIST)
    need(report.sandbox.seccomp, "no seccomp filter on this machine")
    if os.environ.get("CI") == "true":
        assert report.sandbox.seccomp_policy == "allow-list (libseccomp)"
    need(report.sandbox.seccomp_policy.startswith("allow-list"), report.sandbox.seccomp_policy)
    assert "io_uring_setup EPERM" in text, text
    assert "getpid OK" in text, text


def test_a_sandbox_killed_without_waiting_is_cleaned_up_before_its_zygote_stops(files_dir):
    """Grading moves on while a finished sandbox dies (``close(wait=False)``); the zygote
    still waits for every such sandbox, so each supervisor removes its cgroups."""
    from grading.executor import Zygote, _sandbox

    need_root()
    own_cgroups = _sandbox._own_cgroups()  # the zygote's, so its supervisors' parents

    def cgroups_of(supervisor: int, version: str) -> list[str]:
        if version == "v2":  # one hierarchy
            return [os.path.normpath(f"/sys/fs/cgroup/{own_cgroups['']}/hocso-{supervisor}")]
        return [os.path.normpath(f"/sys/fs/cgroup/{c}/{own_cgroups[c]}/hocso-{supervisor}")
                for c in ("memory", "pids") if c in own_cgroups]  # fmt: skip

    with Zygote() as own:
        sandboxes = []
        for _ in range(3):
            sandbox = own.spawn(files_dir=str(files_dir), workdir_name="w", limits=Limits(),
                                mode="auto")  # fmt: skip
            reply = sandbox.request({"op": "run", "code": "print(1)", "execution_count": 1},
                                    deadline=None)  # fmt: skip
            assert reply["status"] == "ok"
            sandboxes.append(sandbox)
        need(bool(sandboxes[0].report.cgroup), "no usable cgroup on this machine")
        paths = [path for s in sandboxes for path in cgroups_of(s.supervisor_pid, s.report.cgroup)]
        assert paths
        assert all(os.path.isdir(path) for path in paths)  # the right place to look
        for sandbox in sandboxes:
            sandbox.close(wait=False)
    assert [path for path in paths if os.path.exists(path)] == []
