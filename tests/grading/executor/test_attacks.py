"""Every attack on stock nbgrader from issue 5 gets the outcome a fair grader gives."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from .conftest import (
    COURSE,
    answer_cell,
    code,
    grade_cell,
    grades,
    needs_sandbox,
    notebook,
    outputs_of,
    setup_cell,
    text_of,
)

pytestmark = needs_sandbox


def honest():
    return answer_cell("dap_an = 42", "cau-1")


def honest_test(grade_id="kiem-tra-1"):
    return grade_cell("expect.integer(dap_an, 42, name='dap_an')", grade_id)


def test_always_equal_object_scores_zero(run):
    cheat = answer_cell(
        "class Luon(int):\n"
        "    def __eq__(self, other):\n"
        "        return True\n"
        "    __hash__ = int.__hash__\n"
        "dap_an = Luon(7)",
        "cau-1",
    )
    nb, _ = run(notebook(setup_cell(), cheat, honest_test()))
    assert grades(nb) == {"kiem-tra-1": 0}
    assert "Luon" in text_of(nb.cells[2])


def test_patching_the_checks_in_the_learner_process_changes_nothing(run):
    cheat = answer_cell(
        "import toolkit.checks as c\n"
        "for name in list(c.CHECKS):\n"
        "    c.CHECKS[name] = c.CheckSpec('number', lambda *a, **k: print('✅'))\n"
        "c.compare_integer = c.compare_number = lambda *a, **k: print('✅')\n"
        "dap_an = 7",
        "cau-1",
    )
    nb, _ = run(notebook(setup_cell(), cheat, honest_test()))
    assert grades(nb) == {"kiem-tra-1": 0}


def test_input_transformer_swallowing_errors_scores_zero(run):
    cheat = answer_cell(
        "def nuot_loi(lines):\n"
        "    body = ''.join('    ' + line for line in lines)\n"
        "    return ['try:\\n', body + '\\n', 'except BaseException:\\n', '    pass\\n']\n"
        "get_ipython().input_transformers_post.append(nuot_loi)\n"
        "dap_an = 7",
        "cau-1",
    )
    nb, report = run(notebook(setup_cell(), cheat, honest_test()))
    assert grades(nb) == {"kiem-tra-1": 0}
    assert report.trusted_cells == ("kiem-tra-1",)


def test_hidden_expected_values_never_reach_the_child(run):
    spy = answer_cell(
        "import gc\n"
        "dap_an = 7\n"
        "def tim():\n"
        "    return [o for o in gc.get_objects() if isinstance(o, int) and o == 123456789]",
        "cau-1",
    )
    hidden = grade_cell(
        "expect.has_type(dap_an, 'number', name='dap_an')\n"
        "### BEGIN HIDDEN TESTS\n"
        "_kt_dap_an = 123456789\n"
        "expect.integer(dap_an, _kt_dap_an, name='dap_an')\n"
        "### END HIDDEN TESTS",
        "kiem-tra-1",
    )
    after = code("print('_kt_dap_an' in globals(), len(tim()))")
    nb, _ = run(notebook(setup_cell(), spy, hidden, after))
    assert grades(nb) == {"kiem-tra-1": 0}
    assert text_of(nb.cells[3]).strip() == "False 0"


def test_gradebook_and_course_folder_are_out_of_reach(run, tmp_path):
    gradebook = tmp_path / "gradebook.db"
    gradebook.write_bytes(b"SQLite format 3\x00 untouched")
    source = COURSE / "source" / "00-lam-quen" / "00-lam-quen.ipynb"
    attack = code(
        "import glob, os\n"
        f"for path in [{str(gradebook)!r}, {str(source)!r}]:\n"
        "    try:\n"
        "        open(path, 'ab').write(b'hacked')\n"
        "        print('WROTE', path)\n"
        "    except OSError as error:\n"
        "        print(type(error).__name__)\n"
        "print(sorted(glob.glob('*')), sorted(glob.glob('**/*.ipynb', recursive=True)))\n"
        f"print(os.path.exists({str(COURSE)!r}), os.getuid())"
    )
    before = source.read_bytes()
    nb, report = run(notebook(attack))
    shown = text_of(nb.cells[0])
    assert "WROTE" not in shown
    assert "['du-lieu.csv'] []" in shown  # no notebook, so no hidden test, is visible
    exists, uid = shown.strip().splitlines()[-1].split()
    assert exists == "False"
    assert int(uid) == report.sandbox.uid > 1_000_000
    assert gradebook.read_bytes() == b"SQLite format 3\x00 untouched"
    assert source.read_bytes() == before
    assert report.sandbox.full, report.sandbox.degraded


def test_background_process_does_not_outlive_grading(run):
    marker = "31337.4242"
    attack = code(
        "import subprocess\n"
        f"p = subprocess.Popen(['sleep', '{marker}'], start_new_session=True)\n"
        "print('started')"
    )
    nb, _ = run(notebook(attack))
    assert "started" in text_of(nb.cells[0])

    def survivors() -> list[str]:
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if marker.encode() in cmdline and state not in (b"Z", b"X"):
                found.append(pid)
        return found

    # The sandbox is killed when grading returns and torn down by the kernel while
    # the grader goes on (its init is SIGKILLed): gone within moments, never 31337 s.
    deadline = time.monotonic() + 5
    while survivors() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert survivors() == []


def test_network_has_only_loopback(run):
    attack = code(
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('1.1.1.1', 80), timeout=2)\n"
        "    print('ONLINE')\n"
        "except OSError as error:\n"
        "    print('offline', type(error).__name__)\n"
        "server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen()\n"
        "socket.create_connection(server.getsockname(), timeout=2).close()\n"
        "print('loopback ok')"
    )
    nb, _ = run(notebook(attack))
    shown = text_of(nb.cells[0])
    assert "ONLINE" not in shown
    assert "loopback ok" in shown


def test_fifty_megabyte_print_is_capped(run):
    nb, report = run(notebook(code("print('x' * 50_000_000)"), code("print('sau')")))
    text = nb.cells[0].outputs[0].text
    assert len(text.encode()) < 300_000
    assert "bytes of output dropped" in text
    assert text_of(nb.cells[1]).strip() == "sau"
    assert not report.restarts


def test_six_gigabyte_allocation_is_refused_and_grading_continues(run):
    nb, _ = run(
        notebook(
            setup_cell(),
            code("import numpy as np\nlon = np.ones(6 * 2**30 // 8)"),
            honest(),
            honest_test(),
        )
    )
    assert ("error", "MemoryError") in outputs_of(nb.cells[1])
    assert grades(nb) == {"kiem-tra-1": 1}


CRASHES = {
    "os._exit": "import os\nos._exit(0)",
    "exit()": "exit()",
    "segfault": "import ctypes\nctypes.string_at(0)",
    "abort": "import os\nos.abort()",
}


@pytest.mark.parametrize("crash", sorted(CRASHES))
def test_crash_keeps_earlier_grades_and_continues(run, crash):
    nb, report = run(
        notebook(
            setup_cell(),
            honest(),
            honest_test(),
            code("bien_tam = dap_an + 1"),
            code(CRASHES[crash]),
            answer_cell("dap_an_2 = bien_tam * 2", "cau-2"),
            grade_cell("expect.integer(dap_an_2, 86, name='dap_an_2')", "kiem-tra-2"),
        )
    )
    assert grades(nb) == {"kiem-tra-1": 1, "kiem-tra-2": 1}  # state rebuilt by replay
    assert ("error", "DeadKernelError") in outputs_of(nb.cells[4])
    assert report.restarts == 1
    assert report.crashed_cells == (4,)


def test_loop_ignoring_sigint_times_out_and_grading_continues(run):
    nb, report = run(
        notebook(
            setup_cell(),
            honest(),
            honest_test(),
            code(
                "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
            ),
            grade_cell("expect.integer(dap_an, 42, name='dap_an')", "kiem-tra-2"),
        ),
        cell_timeout=1.5,
        interrupt_grace=0.5,
    )
    assert ("error", "CellTimeoutError") in outputs_of(nb.cells[3])
    assert grades(nb) == {"kiem-tra-1": 1, "kiem-tra-2": 1}
    assert report.timed_out_cells == (3,)
    assert report.restarts == 1


def test_interruptible_loop_is_interrupted_without_restart(run):
    nb, report = run(
        notebook(setup_cell(), honest(), code("while True:\n    pass"), honest_test()),
        cell_timeout=1.0,
    )
    kinds = outputs_of(nb.cells[2])
    assert ("error", "KeyboardInterrupt") in kinds
    assert ("error", "CellTimeoutError") in kinds
    assert grades(nb) == {"kiem-tra-1": 1}
    assert report.restarts == 0


def test_repeated_crashes_stop_with_a_clear_reason(run):
    def crash():
        return code("import os\nos._exit(1)")

    nb, report = run(
        notebook(
            setup_cell(), honest(), honest_test(), crash(), crash(), crash(), honest_test("t2")
        ),
        max_restarts=2,
    )
    assert report.gave_up
    assert ("error", "GradingStopped") in outputs_of(nb.cells[-1])
    assert "restarts" in text_of(nb.cells[-1])
    assert list(grades(nb).values()) == [1, 0]
