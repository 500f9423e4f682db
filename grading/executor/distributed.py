"""Execute submissions on a Dask cluster, for the autograde driver.

``hocso autograde --scheduler ADDRESS`` grades like the local parallel
executor (:mod:`grading.executor.batch`), except that the executions run on
the workers of a Dask distributed cluster instead of this machine's threads:

* each task carries **one submission**: its notebooks, sanitised here as
  nbgrader's converter will sanitise them, the gradebook's record of their
  cells, the execution limits, and the bytes of the data files the trainer
  allows (:data:`grading.executor.engine.DATA_FILES` patterns, within the
  sandbox's working-folder budget). No path on a shared disk is sent;
* the worker runs the project's sandboxed executor
  (:func:`grading.executor.engine.execute_notebook`) with one warm zygote per
  worker process (:class:`ZygotePlugin`), the same limits and the same trusted
  compare, and returns plain data: the executed notebook as JSON text and the
  report as a dictionary;
* only this process (the trainer's) saves grades: nbgrader's converter
  collects each execution through the batch's
  :class:`~grading.executor.preprocessor.Handoff`, as it does for local ones.
  Workers never see the gradebook's address or credentials.

:class:`ClusterPool` is the part that survives faults. It keeps at most as many
tasks on the cluster as the workers have threads, so each task's clock starts
when it can run; a task the scheduler lost (a restart) is sent again; a task
that outlives its time (``task_timeout``), that killed workers
(``KilledWorker``), or that raised, fails **that submission only**, with the
reason, and nbgrader's run of it fails (:class:`ClusterTaskError`). Because the
trainer grades each submission once, in order, a task Dask ran twice still
gives one grade.

This module imports ``distributed``: the driver imports it only when a
scheduler is given, so the laptop path never starts or loads Dask.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path, PurePosixPath
from typing import Any

from distributed import Client
from distributed.diagnostics.plugin import WorkerPlugin

from grading.core.defaults import default_workers
from grading.executor import _zygote
from grading.executor import preprocessor as _pp
from grading.executor._policy import SandboxReport
from grading.executor._zygote import data_files_of
from grading.executor.batch import Prefetch, _merge_files, _options_from_config
from grading.executor.engine import ExecutionOptions, ExecutionReport, execute_notebook

__all__ = [
    "ClusterPool",
    "ClusterPrefetch",
    "ClusterTaskError",
    "ZygotePlugin",
    "connect",
    "pack_files",
    "prefetch_on_cluster",
    "report_from_plain",
    "report_to_plain",
    "run_submission",
]

log = logging.getLogger(__name__)

#: Seconds a task may take beyond the notebook's own time limit (queueing on the
#: worker, copying files, starting the worker's zygote).
TASK_MARGIN = 60.0
#: Times a task lost with the scheduler (a restart) is sent again.
RESUBMITS = 3
#: Seconds the batch waits for a worker before failing the submissions left.
NO_WORKER_TIMEOUT = 300.0


class ClusterTaskError(RuntimeError):
    """The cluster gave no execution for one submission; nbgrader's run of it fails.

    ``final`` tells :class:`~grading.executor.SandboxedExecute` not to execute it
    again on the trainer's machine.
    """

    final = True


# --------------------------------------------------------------------------
# plain data both ways
# --------------------------------------------------------------------------


def report_to_plain(report: ExecutionReport) -> dict[str, Any]:
    """An :class:`ExecutionReport` as a dictionary of plain values.

    Examples
    --------
    >>> r = ExecutionReport(SandboxReport(), 1.5, 0, (), (2,), ("t1",), (("t2", ("why",)),),
    ...                     False, False)
    >>> report_from_plain(report_to_plain(r)) == r
    True
    """
    return dataclasses.asdict(report)


def report_from_plain(data: dict[str, Any]) -> ExecutionReport:
    """The :class:`ExecutionReport` of :func:`report_to_plain`'s dictionary."""
    return ExecutionReport(
        sandbox=SandboxReport.from_json(dict(data.get("sandbox") or {})),
        seconds=float(data["seconds"]),
        restarts=int(data["restarts"]),
        crashed_cells=tuple(int(i) for i in data["crashed_cells"]),
        timed_out_cells=tuple(int(i) for i in data["timed_out_cells"]),
        trusted_cells=tuple(str(g) for g in data["trusted_cells"]),
        untrusted_cells=tuple(
            (str(g), tuple(str(r) for r in reasons)) for g, reasons in data["untrusted_cells"]
        ),
        gave_up=bool(data["gave_up"]),
        output_capped=bool(data["output_capped"]),
        cell_kinds_from=str(data.get("cell_kinds_from", "gradebook")),
    )


def pack_files(folder: str | Path, options: ExecutionOptions) -> dict[str, bytes]:
    """``{relative path: bytes}`` of the files of ``folder`` a sandboxed child may see.

    The same choice the zygote makes (:func:`grading.executor._zygote.data_files_of`:
    the trainer's data-file patterns, no links, no hidden or bookkeeping files,
    within the working-folder budget), so a worker receives nothing the local
    executor would not copy.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "ban-hang.csv").write_text("a,b\\n1,2\\n")
    >>> _ = (d / "bai.ipynb").write_text("{}")
    >>> _ = (d / "timestamp.txt").write_text("2026-01-01")
    >>> sorted(pack_files(d, ExecutionOptions()))
    ['ban-hang.csv']
    """
    chosen = data_files_of(str(folder), options.data_files, options.limits.workdir_bytes)
    return {rel: (Path(folder) / rel).read_bytes() for rel, _size in chosen}


def _unpack_files(files: dict[str, bytes], target: Path) -> None:
    """Write shipped files under ``target``, refusing any path that would leave it."""
    for rel, data in files.items():
        parts = PurePosixPath(rel).parts
        if not parts or PurePosixPath(rel).is_absolute() or ".." in parts or "\x00" in rel:
            raise ValueError(f"refusing to write {rel!r}: not a relative path inside the task")
        dest = target.joinpath(*parts)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)


# --------------------------------------------------------------------------
# on the worker
# --------------------------------------------------------------------------


class ZygotePlugin(WorkerPlugin):
    """One warm zygote per worker process, started when the worker joins."""

    name = "hocso-zygote"

    def setup(self, worker: Any) -> None:
        _zygote.shared()

    def teardown(self, worker: Any) -> None:
        _zygote.release_shared()


def run_submission(payload: dict[str, Any]) -> dict[str, Any]:
    """Execute one submission's notebooks on this worker; the task of :class:`ClusterPool`.

    ``payload``: ``assignment``, ``options`` (:class:`ExecutionOptions`),
    ``files`` (``{relative path: bytes}``) and ``notebooks``, a list of
    ``{"name", "notebook" (JSON text), "truth"}``. Returns ``{"worker",
    "notebooks": [{"name", "notebook" (JSON text), "report" (plain dict)}]}``.
    """
    import nbformat

    zygote = _zygote.shared()
    done = []
    with tempfile.TemporaryDirectory(prefix="hocso-task-") as tmp:
        files = Path(tmp) / "files"
        files.mkdir()
        _unpack_files(payload["files"], files)
        for item in payload["notebooks"]:
            nb = nbformat.reads(item["notebook"], as_version=4)
            report = execute_notebook(
                nb,
                files_dir=str(files),
                zygote=zygote,
                workdir_name=payload["assignment"],
                options=payload["options"],
                truth=item["truth"],
            )
            done.append(
                {
                    "name": item["name"],
                    "notebook": notebook_text(nb),
                    "report": report_to_plain(report),
                }
            )
    return {"worker": f"{os.uname().nodename}:{os.getpid()}", "notebooks": done}


def notebook_text(nb: Any) -> str:
    """A notebook as compact JSON for a task or its result.

    Not ``nbformat.writes``: that deep-copies, validates and indents (Python's slow
    encoder) a notebook the receiving side reads and validates again with
    ``nbformat.reads`` anyway, which gives the same notebook from either text.

    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell(["a = 1", "b = 2"])
    >>> cell.outputs = [nbformat.v4.new_output("stream", text="Huế" + chr(10) + "ok")]
    >>> nb = nbformat.v4.new_notebook(cells=[cell])
    >>> nbformat.reads(notebook_text(nb), as_version=4) == nbformat.reads(nbformat.writes(nb), 4)
    True
    """
    return json.dumps(nb, ensure_ascii=False)


# --------------------------------------------------------------------------
# on the trainer's machine
# --------------------------------------------------------------------------


@dataclasses.dataclass(eq=False)
class _Job:
    label: str
    payload: dict[str, Any]
    future: Future[Any]
    attempts: int = 0
    task: Any = None  # the Dask future while on the cluster
    deadline: float = 0.0


def _killed_reason(exc: BaseException) -> str:
    """Why a task that Dask gave up on (``KilledWorker``) failed, in the trainer's terms."""
    tries = getattr(exc, "allowed_failures", None)
    times = f"{int(tries) + 1} " if isinstance(tries, int) else ""
    return (
        f"the grading workers running this submission died {times}times "
        "(out of memory, or stopped): see the workers' logs"
    )


class ClusterPool:
    """Submissions sent to a Dask cluster, a few at a time, with faults handled.

    :meth:`submit` returns a :class:`concurrent.futures.Future` that resolves to
    :func:`run_submission`'s result, or fails with :class:`ClusterTaskError`.
    A background thread keeps at most one task per worker thread on the
    cluster (so a task's ``task_timeout`` runs from when it can start), sends
    again a task the scheduler lost, up to ``resubmits`` times, and fails the
    submissions waiting when no worker has been connected for
    ``no_worker_timeout`` seconds. ``on_done(label, ok)`` is called for each
    finished submission (from that thread).
    """

    def __init__(
        self,
        client: Client,
        *,
        task_timeout: float,
        resubmits: int = RESUBMITS,
        no_worker_timeout: float = NO_WORKER_TIMEOUT,
        on_done: Callable[[str, bool], None] | None = None,
        poll: float = 0.05,
    ) -> None:
        self.client = client
        self.task_timeout = task_timeout
        self.resubmits = resubmits
        self.no_worker_timeout = no_worker_timeout
        self.on_done = on_done
        self.poll = poll
        self.resent = 0  # tasks sent again after the scheduler lost them
        self._lock = threading.Lock()
        self._queue: deque[_Job] = deque()
        self._running: list[_Job] = []
        self._closed = threading.Event()
        self._slots_checked = 0.0
        self._slots = 0
        self._no_worker_since: float | None = None
        self._thread = threading.Thread(target=self._loop, name="hocso-cluster", daemon=True)
        self._thread.start()

    def submit(self, label: str, payload: dict[str, Any]) -> Future[Any]:
        job = _Job(label, payload, Future())
        with self._lock:
            self._queue.append(job)
        return job.future

    def close(self) -> None:
        """Stop dispatching; cancel what is still on the cluster; fail what waits."""
        self._closed.set()
        self._thread.join(timeout=30)
        with self._lock:
            left = [*self._running, *self._queue]
            self._running.clear()
            self._queue.clear()
        for job in left:
            if job.task is not None:
                with contextlib.suppress(Exception):
                    job.task.cancel()
            if not job.future.done():
                job.future.set_exception(ClusterTaskError("the batch ended before this submission"))

    # -- the dispatch loop -------------------------------------------------

    def _loop(self) -> None:
        while not self._closed.is_set():
            try:
                self._step()
            except Exception:  # the loop must not die: the batch waits on it
                log.exception("cluster dispatch loop")
            self._closed.wait(self.poll)

    def _free_slots(self, now: float) -> int:
        if now - self._slots_checked > 1.0:
            self._slots_checked = now
            try:
                self._slots = sum(self.client.nthreads().values())
            except Exception:  # the scheduler is away (restarting): nothing is sent
                self._slots = 0
        return self._slots - len(self._running)

    def _finish(self, job: _Job, result: Any = None, error: BaseException | None = None) -> None:
        if error is None:
            job.future.set_result(result)
        else:
            job.future.set_exception(error)
        if self.on_done is not None:
            with contextlib.suppress(Exception):
                self.on_done(job.label, error is None)

    def _check(self, job: _Job, now: float) -> bool:
        """Settle ``job`` if its task ended; ``True`` when it left the cluster."""
        from distributed import KilledWorker

        status = job.task.status
        if status == "finished":
            try:
                result = job.task.result(timeout=60)
            except Exception as exc:  # lost while fetching: send again
                log.warning("%s: result lost (%s); sending again", job.label, exc)
                return self._again(job, f"{type(exc).__name__}: {exc}")
            self._finish(job, result)
            return True
        if status == "error":
            try:
                exc = job.task.exception(timeout=60)
            except Exception as fetch:
                exc = fetch
            if isinstance(exc, KilledWorker):
                self._finish(job, error=ClusterTaskError(_killed_reason(exc)))
            else:
                text = f"{type(exc).__name__}: {exc}"
                self._finish(job, error=ClusterTaskError(f"the grading worker failed: {text}"))
            return True
        if status in ("cancelled", "lost"):
            return self._again(job, f"task {status} (scheduler restarted?)")
        if now > job.deadline:
            with contextlib.suppress(Exception):
                job.task.cancel()
            self._finish(
                job,
                error=ClusterTaskError(
                    f"no answer from the grading worker within {self.task_timeout:g} s"
                ),
            )
            return True
        return False

    def _again(self, job: _Job, why: str) -> bool:
        job.task = None
        if job.attempts > self.resubmits:
            self._finish(
                job, error=ClusterTaskError(f"lost {job.attempts} times on the cluster: {why}")
            )
        else:
            self.resent += 1
            with self._lock:
                self._queue.appendleft(job)
        return True

    def _step(self) -> None:
        now = time.monotonic()
        with self._lock:
            running = list(self._running)
        for job in running:
            try:
                left = self._check(job, now)
            except Exception as exc:  # never leave a submission waiting forever
                log.exception("%s: settling its task", job.label)
                if not job.future.done():
                    self._finish(job, error=ClusterTaskError(f"{type(exc).__name__}: {exc}"))
                left = True
            if left:
                with self._lock:
                    self._running.remove(job)
        free = self._free_slots(now)
        if self._slots > 0:
            self._no_worker_since = None
        elif self._queue or self._running:
            self._no_worker_since = self._no_worker_since or now
            if now - self._no_worker_since > self.no_worker_timeout:
                self._fail_waiting(
                    f"no grading worker connected for {self.no_worker_timeout:g} s "
                    "(start them with `hocso workers`)"
                )
        while free > 0:
            with self._lock:
                if not self._queue:
                    break
                job = self._queue.popleft()
            job.attempts += 1
            try:
                job.task = self.client.submit(
                    run_submission, job.payload, key=f"hocso-{job.label}-{os.urandom(6).hex()}",
                    pure=False, retries=0,
                )  # fmt: skip
            except Exception as exc:  # the scheduler went away between two checks
                log.info("%s: not sent (%s); trying again", job.label, exc)
                job.attempts -= 1
                with self._lock:
                    self._queue.appendleft(job)
                self._slots_checked = 0.0
                break
            job.deadline = time.monotonic() + self.task_timeout
            with self._lock:
                self._running.append(job)
            free -= 1

    def _fail_waiting(self, why: str) -> None:
        with self._lock:
            waiting = list(self._queue)
            self._queue.clear()
        for job in waiting:
            self._finish(job, error=ClusterTaskError(why))


def _notebook_result(whole: Future[Any], name: str, mine: Future[Any]) -> None:
    """Resolve ``mine`` with notebook ``name``'s ``(executed notebook, report)`` of ``whole``."""
    import nbformat

    if whole.cancelled():
        mine.set_exception(ClusterTaskError("cancelled"))
        return
    error = whole.exception()
    if error is not None:
        mine.set_exception(error)
        return
    try:
        for item in whole.result()["notebooks"]:
            if item["name"] == name:
                nb = nbformat.reads(item["notebook"], as_version=4)
                mine.set_result((nb, report_from_plain(item["report"])))
                return
        raise ClusterTaskError(f"the worker returned no {name}.ipynb")
    except Exception as exc:
        mine.set_exception(exc if isinstance(exc, ClusterTaskError) else ClusterTaskError(str(exc)))


class ClusterPrefetch(Prefetch):
    """:class:`~grading.executor.batch.Prefetch` whose executions run on a Dask cluster.

    Sanitising, predicting nbgrader's keys and filing in the handoff are the
    local prefetch's; only :meth:`_submit` differs: one task per learner
    carrying the bytes of the submission, through a :class:`ClusterPool`.
    """

    cluster: ClusterPool

    def _submit(self, learner: str) -> list[Future[Any]]:

        submitted = self.course.root / "submitted" / learner / self.assignment
        files = self.scratch / learner
        files.mkdir(parents=True, exist_ok=True)
        _merge_files(submitted, self.course.source_dir / self.assignment, files)
        notebooks, keys = [], []
        for path in sorted(submitted.glob("*.ipynb")):
            if path.stem not in self._truth:
                continue
            nb = self.sanitise(path)
            if nb is None:
                continue
            keys.append((path.stem, _pp.notebook_key(nb, learner, self.assignment, path.stem)))
            notebooks.append(
                {
                    "name": path.stem,
                    "notebook": notebook_text(nb),
                    "truth": self._truth[path.stem],
                }
            )
        if not notebooks:
            return []
        payload = {
            "assignment": self.assignment,
            "options": self.options,
            "files": pack_files(files, self.options),
            "notebooks": notebooks,
        }
        shutil.rmtree(files, ignore_errors=True)  # the bytes travel in the task
        whole = self.cluster.submit(learner, payload)
        futures = []
        for name, key in keys:
            mine: Future[Any] = Future()
            whole.add_done_callback(lambda w, name=name, mine=mine: _notebook_result(w, name, mine))
            self.handoff.put(key, mine)
            futures.append(mine)
        return futures


def connect(scheduler: str, *, security: Any = None, timeout: float = 30.0) -> Client:
    """A Dask client of ``scheduler``, with the zygote plugin registered on its workers.

    Raises
    ------
    OSError
        If the scheduler does not answer within ``timeout`` seconds.
    """
    client = Client(scheduler, security=security, timeout=timeout, set_as_default=False)
    try:
        client.register_plugin(ZygotePlugin(), name=ZygotePlugin.name)
    except Exception:
        client.close()
        raise
    return client


@contextlib.contextmanager
def prefetch_on_cluster(
    course: Any,
    assignment: str,
    learners: Iterable[str],
    *,
    handoff: _pp.Handoff,
    client: Client,
    config: Any = None,
    options: ExecutionOptions | None = None,
    task_timeout: float | None = None,
    ahead: int | None = None,
    on_done: Callable[[str, bool], None] | None = None,
) -> Iterator[ClusterPrefetch]:
    """:func:`grading.executor.batch.prefetch`, executing on ``client``'s cluster.

    ``task_timeout`` defaults to the notebook time limit plus
    :data:`TASK_MARGIN`, per notebook of the assignment; ``ahead`` (how many
    submissions are packed beyond the one being graded) to four per worker
    thread, at least 16.
    """
    config = config if config is not None else course.config()
    options = options or _options_from_config(config)
    if ahead is None:
        try:
            threads = sum(client.nthreads().values())
        except Exception:
            threads = default_workers()
        ahead = max(16, 4 * threads)
    scratch = Path(tempfile.mkdtemp(prefix="hocso-cluster-"))
    cluster: ClusterPool | None = None
    started: ClusterPrefetch | None = None
    try:
        started = ClusterPrefetch(course, assignment, learners, config=config, options=options,
                                  pool=None, scratch=scratch, ahead=ahead, handoff=handoff)  # type: ignore[arg-type]  # fmt: skip
        if task_timeout is None:
            notebooks = max(1, len(started._truth))
            task_timeout = options.limits.notebook_timeout * notebooks + TASK_MARGIN
        cluster = ClusterPool(client, task_timeout=task_timeout, on_done=on_done)
        started.cluster = cluster
        started.reach()
        yield started
    finally:
        if cluster is not None:
            cluster.close()
        if started is not None:
            started.discard()
        shutil.rmtree(scratch, ignore_errors=True)
