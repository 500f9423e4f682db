"""``hocso autograde --scheduler``: the gradebook the laptop gives, through faults.

One real cluster for the module, started as a trainer would: ``hocso workers
--scheduler-here -n 2`` on 127.0.0.1 (a ``dask scheduler`` and two supervised
``dask worker`` processes). Under ``CI=true`` nothing here is skipped: a
missing ``distributed`` is a failure.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grading.classroom.cohort import open_cohort
from grading.core import cells

from .conftest import COURSE

ASSIGNMENT = "00-lam-quen"
REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.fixture(scope="module")
def cluster():
    """``hocso workers`` on loopback: yields the scheduler's address; stopped afterwards."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "HOCSO_DB_URL": "sqlite:////nowhere/secret.db"}
    process = subprocess.Popen(
        [sys.executable, "-m", "grading", "workers", "--scheduler-here", "--port", str(port),
         "-n", "2", "--memory-limit", "3GiB"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        with Client(address, timeout=120, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=180)
            # the supervisor keeps database settings away from the workers
            seen = client.run(lambda: os.environ.get("HOCSO_DB_URL"))
            assert list(seen.values()) == [None, None]
        yield SimpleNamespace(address=address, pid=process.pid)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM (``hocso workers`` stops what it started), then kill what is left."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        for child in _children(process.pid):
            child.kill()
        process.kill()
        process.wait(timeout=30)


class SimpleNamespace:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The course with the assignment generated once for the module."""
    from grading.verbs.release import generate

    root = tmp_path_factory.mktemp("dask-course") / COURSE.name
    shutil.copytree(COURSE, root, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", ".hocso"))  # fmt: skip
    generate(open_cohort(root, exchange=root.parent / "exchange"), ASSIGNMENT)
    return root


@pytest.fixture
def fresh(generated, tmp_path, monkeypatch):
    """``make(name, timeout=None) -> cohort``: a copy of the generated course."""
    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE"):
        monkeypatch.delenv(name, raising=False)

    def make(name: str, timeout: int | None = None):
        root = shutil.copytree(generated, tmp_path / name / COURSE.name)
        return open_cohort(root, exchange=tmp_path / name / "exchange", timeout=timeout,
                           db_url=f"sqlite:///{root / 'gradebook.db'}")  # fmt: skip

    return make


def _notebooks(cohort) -> tuple[dict, dict]:
    read = lambda base: json.loads((base / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8"))  # noqa: E731
    return read(cohort.course.source_dir), read(cohort.course.release_dir)


def _with(nb: dict, **sources: str) -> dict:
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        if cells.grade_id(cell) in sources:
            cell["source"] = sources[cells.grade_id(cell)]
    return nb


def _solved(cohort) -> dict:
    source, release = _notebooks(cohort)
    answers = {cells.grade_id(c): cells.solved(c) for c in source["cells"] if cells.is_solution(c)}
    return _with(release, **answers)


def _submit(cohort, learner: str, nb: dict | str) -> None:
    folder = cohort.folder("submitted", learner, ASSIGNMENT)
    folder.mkdir(parents=True)
    text = nb if isinstance(nb, str) else json.dumps(nb, ensure_ascii=False)
    (folder / f"{ASSIGNMENT}.ipynb").write_text(text, encoding="utf-8")
    (folder / "timestamp.txt").write_text("2026-01-01 08:00:00.000000 UTC", encoding="utf-8")


def _gradebook(cohort) -> dict[str, dict[str, float | None]]:
    """``{learner: {grade cell: auto score}}``, asserting one submission per learner."""
    found = {}
    with cohort.gradebook() as gradebook:
        submissions = gradebook.assignment_submissions(ASSIGNMENT)
        learners = [s.student_id for s in submissions]
        assert len(learners) == len(set(learners))  # never a duplicated submission
        for submission in submissions:
            (notebook,) = submission.notebooks
            names = [g.name for g in notebook.grades]
            assert len(names) == len(set(names))  # never a duplicated grade
            found[submission.student_id] = {g.name: g.auto_score for g in notebook.grades}
    return found


def _total(scores: dict[str, float | None]) -> float:
    return sum(v or 0 for v in scores.values())


def test_the_laptop_path_never_loads_dask(generated, tmp_path):
    root = shutil.copytree(generated, tmp_path / COURSE.name)
    cohort = open_cohort(root, exchange=tmp_path / "exchange")
    release = _notebooks(cohort)[1]
    _submit(cohort, "hv1", release)
    _submit(cohort, "hv2", release)
    script = (
        "import sys\n"
        "from grading.classroom.cohort import open_cohort\n"
        "from grading.verbs.autograde import autograde\n"
        f"c = open_cohort({str(root)!r}, exchange={str(tmp_path / 'exchange')!r})\n"
        "r = autograde('00-lam-quen', cohort=c, workers=2)\n"
        "print([row.status for row in r.rows], 'distributed' in sys.modules, 'dask' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOCSO_")}
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, check=True,
                         capture_output=True, text=True, timeout=600)  # fmt: skip
    assert out.stdout.strip().splitlines()[-1] == "['graded', 'graded'] False False"


def test_the_cluster_gives_the_laptops_gradebook(cluster, fresh, monkeypatch):
    from grading.executor import distributed
    from grading.verbs.autograde import autograde

    laptop, spread = fresh("laptop", timeout=3), fresh("cluster", timeout=3)
    solved = _solved(laptop)
    release = _notebooks(laptop)[1]
    submissions = {
        "giai": solved,
        "chua-lam": release,
        "sai": _with(solved, **{"cau-4": "doanh_thu_mat = int(don_hang['revenue_vnd'].sum())"}),
        "gian-lan": _with(solved, **{"cau-8": "import os\nos._exit(0)"}),
        "treo": _with(solved, **{"cau-1": "import time\ntime.sleep(600)"}),  # cell limit: 3 s
        "ton-bo-nho": _with(solved, **{"cau-4": "x = bytearray(16 << 30)"}),  # sandbox memory
    }
    for cohort in (laptop, spread):
        for learner, nb in submissions.items():
            _submit(cohort, learner, nb)
        _submit(cohort, "hong", json.dumps(release)[:500])  # broken JSON: fails alone

    sent = []
    submit = distributed.ClusterPool.submit

    def recording(self, label, payload):
        sent.append(pickle.dumps(payload))
        return submit(self, label, payload)

    monkeypatch.setattr(distributed.ClusterPool, "submit", recording)
    here = autograde(ASSIGNMENT, cohort=laptop, workers=2)
    there = autograde(ASSIGNMENT, cohort=spread, scheduler=cluster.address)

    assert _gradebook(spread) == _gradebook(laptop)
    totals = {k: _total(v) for k, v in _gradebook(spread).items()}
    assert totals["giai"] == 11
    assert totals["chua-lam"] == 0
    assert 0 < totals["sai"] < 11
    assert 0 < totals["gian-lan"] < 11
    assert totals["treo"] < 11
    assert totals["ton-bo-nho"] < 11
    strip = {"seconds", "sandbox"}
    assert [{k: v for k, v in vars(r).items() if k not in strip} for r in there.rows] == [
        {k: v for k, v in vars(r).items() if k not in strip} for r in here.rows
    ]
    assert [r.learner for r in there.failed] == ["hong"]
    assert there.executed
    assert all(r.sandbox is not None for r in there.executed)
    # one task per executed submission, carrying bytes: no path of the trainer's disk,
    # no gradebook address
    assert len(sent) == len(submissions)
    for payload in sent:
        assert str(spread.root).encode() not in payload
        assert b"gradebook.db" not in payload
        assert b"sqlite" not in payload
    # running again: nothing to execute, nothing re-graded
    again = autograde(ASSIGNMENT, cohort=spread, scheduler=cluster.address)
    assert again.executed == ()
    assert _gradebook(spread) == _gradebook(laptop)
    assert not list(spread.state_dir.glob("running-*.json"))  # the batch's state file is gone


def _wait_for(predicate, timeout: float, poll: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(poll)
    return None


def test_a_killed_worker_and_a_restarted_scheduler_lose_no_grade(cluster, fresh, monkeypatch):
    import psutil
    from distributed import Client

    from grading.executor import distributed
    from grading.verbs.autograde import autograde

    cohort = fresh("faults")
    solved, release = _solved(cohort), _notebooks(cohort)[1]
    learners = [f"hv{i:02d}" for i in range(12)]
    for i, learner in enumerate(learners):
        _submit(cohort, learner, solved if i % 2 == 0 else release)

    pools = []
    close = distributed.ClusterPool.close
    finish = distributed.ClusterPool._finish
    finished = {"n": 0}
    first, fourth = threading.Event(), threading.Event()

    def keep(self):
        pools.append(self)
        return close(self)

    def counting(self, job, result=None, error=None):
        finish(self, job, result, error)
        finished["n"] += 1
        (first if finished["n"] == 1 else fourth if finished["n"] == 4 else threading.Event()).set()

    monkeypatch.setattr(distributed.ClusterPool, "close", keep)
    monkeypatch.setattr(distributed.ClusterPool, "_finish", counting)
    done: list[str] = []

    def chaos():  # faults at fixed points of the batch: after the 1st and the 4th submission
        with Client(cluster.address, timeout=60, set_as_default=False) as observer:

            def busy():
                return next(
                    (w for w, keys in observer.processing().items()
                     if any(str(k).startswith("hocso-") for k in keys)), None,
                )  # fmt: skip

            if not first.wait(600) or (worker := _wait_for(busy, 60)) is None:
                return
            pid = observer.run(os.getpid, workers=[worker])[worker]
            os.kill(pid, signal.SIGKILL)  # a worker killed while grading
            done.append("worker")
        if not fourth.wait(600):
            return
        scheduler = next(
            p for p in _children(cluster.pid) if "dask_scheduler" in " ".join(p.cmdline())
        )
        scheduler.send_signal(signal.SIGKILL)  # the scheduler dies; hocso workers restarts it
        done.append("scheduler")

    thread = threading.Thread(target=chaos)
    thread.start()
    result = autograde(ASSIGNMENT, cohort=cohort, scheduler=cluster.address, task_timeout=400)
    thread.join(timeout=60)

    assert done == ["worker", "scheduler"]  # both faults happened mid-batch
    assert [r.status for r in result.rows] == ["graded"] * len(learners), [
        r.reason for r in result.rows
    ]
    totals = {k: _total(v) for k, v in _gradebook(cohort).items()}
    assert totals == {x: (11 if i % 2 == 0 else 0) for i, x in enumerate(learners)}
    assert pools
    assert pools[0].resent >= 1
    assert psutil.pid_exists(cluster.pid)
