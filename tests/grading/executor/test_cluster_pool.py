"""``ClusterPool``'s fault handling, against a scripted stand-in for a Dask client.

Each fake task ends the way the test says (a result, an error, lost with the
scheduler, killed workers, never); the pool must settle every submission
exactly once, resend only what the scheduler lost, and never keep more tasks
on the cluster than the workers have threads.
"""

from __future__ import annotations

import threading
import time

import pytest
from distributed import KilledWorker

from grading.executor.distributed import ClusterPool, ClusterTaskError, _unpack_files


class FakeTask:
    def __init__(self, outcome):
        self.outcome = outcome  # ("finished", value) | ("error", exc) | ("lost",) | ("hang",)
        self.cancelled = False

    @property
    def status(self):
        kind = self.outcome[0]
        if self.cancelled:
            return "cancelled"
        return {"hang": "pending"}.get(kind, kind)

    def result(self, timeout=None):
        return self.outcome[1]

    def exception(self, timeout=None):
        return self.outcome[1]

    def cancel(self):
        self.cancelled = True


class FakeClient:
    """Scripted outcomes per label: a list, one per attempt."""

    def __init__(self, script, threads=2):
        self.script = {k: list(v) for k, v in script.items()}
        self.threads = threads
        self.sent: list[str] = []
        self.most_at_once = 0
        self.tasks: list[FakeTask] = []
        self.lock = threading.Lock()

    def nthreads(self):
        return {f"w{i}": 1 for i in range(self.threads)}

    def submit(self, fn, payload, key, pure, retries):
        label = payload["label"]
        with self.lock:
            self.sent.append(label)
            task = FakeTask(self.script[label].pop(0))
            self.tasks.append(task)
            live = sum(1 for t in self.tasks if t.status == "pending")
            self.most_at_once = max(self.most_at_once, live)
        return task


def _run(script, *, threads=2, task_timeout=5.0, no_worker_timeout=5.0):
    client = FakeClient(script, threads=threads)
    done = []
    pool = ClusterPool(
        client, task_timeout=task_timeout, no_worker_timeout=no_worker_timeout,
        on_done=lambda label, ok: done.append((label, ok)), poll=0.01,
    )  # fmt: skip
    futures = {label: pool.submit(label, {"label": label}) for label in script}
    outcomes = {}
    for label, future in futures.items():
        try:
            outcomes[label] = future.result(timeout=30)
        except ClusterTaskError as exc:
            outcomes[label] = exc
    pool.close()
    return client, pool, outcomes, done


def test_each_submission_is_settled_once_and_only_lost_tasks_are_resent():
    script = {
        "ok": [("finished", {"n": 1})],
        "lost-then-ok": [("lost",), ("finished", {"n": 2})],
        "broken": [("error", ValueError("bad notebook"))],
        "oom": [("error", KilledWorker("hocso-oom", "tcp://w1", 3))],
        "lost-forever": [("lost",)] * 10,
    }
    client, pool, outcomes, done = _run(script)
    assert outcomes["ok"] == {"n": 1}
    assert outcomes["lost-then-ok"] == {"n": 2}
    assert "bad notebook" in str(outcomes["broken"])
    assert "died 4 times (out of memory" in str(outcomes["oom"])
    assert "lost 4 times" in str(outcomes["lost-forever"])
    # sent again only when the scheduler lost the task, and at most 1 + resubmits times
    assert client.sent.count("ok") == client.sent.count("broken") == client.sent.count("oom") == 1
    assert client.sent.count("lost-then-ok") == 2
    assert client.sent.count("lost-forever") == 4
    assert pool.resent == 1 + 3
    # every submission reported done exactly once
    assert sorted(label for label, _ in done) == sorted(script)
    assert dict(done) == {"ok": True, "lost-then-ok": True, "broken": False, "oom": False,
                          "lost-forever": False}  # fmt: skip


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_never_more_tasks_on_the_cluster_than_worker_threads(threads):
    script = {f"hv{i}": [("hang",)] for i in range(6)}
    client, _pool, outcomes, _done = _run(script, threads=threads, task_timeout=0.3)
    assert client.most_at_once <= threads
    assert len(client.sent) == 6  # each hung task was given its own time, from its start
    assert all(
        "no answer from the grading worker within 0.3 s" in str(e) for e in outcomes.values()
    )
    assert all(t.cancelled for t in client.tasks)  # the hung tasks were cancelled


def test_without_workers_the_waiting_submissions_fail_with_what_to_do():
    started = time.monotonic()
    client, _pool, outcomes, _done = _run({"hv0": [("finished", 1)]}, threads=0,
                                           no_worker_timeout=0.2)  # fmt: skip
    assert client.sent == []
    assert "hocso workers" in str(outcomes["hv0"])
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("rel", ["../x.csv", "/etc/passwd", "a/../../b", ""])
def test_shipped_files_never_leave_the_task_folder(tmp_path, rel):
    with pytest.raises(ValueError, match="refusing to write"):
        _unpack_files({rel: b"x"}, tmp_path / "task")
    assert not (tmp_path / "x.csv").exists()


def test_shipped_files_land_under_their_relative_path(tmp_path):
    _unpack_files({"du-lieu/ban-hang.csv": b"a,b\n", "anh.png": b"\x89PNG"}, tmp_path)
    assert (tmp_path / "du-lieu" / "ban-hang.csv").read_bytes() == b"a,b\n"
    assert (tmp_path / "anh.png").read_bytes() == b"\x89PNG"
