"""Execute submissions ahead, in parallel, for the autograde driver.

:func:`prefetch` starts, in a pool of threads, the sandboxed execution of the
submissions nbgrader's ``Autograde`` converter is about to grade, sanitised
the way the converter will sanitise them, and files each in the batch's
:class:`~grading.executor.preprocessor.Handoff`; the converter's
:class:`~grading.executor.SandboxedExecute` step, given that handoff in its
configuration, then only collects finished executions (looked up by the
notebook's content; anything not prefetched is executed on the spot). The
converter, in the calling thread, still sanitises each submission and saves
its grades, so one process owns the gradebook. The one driver is
:func:`grading.verbs.autograde.autograde` (``hocso autograde``).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grading.core.cells import Delimiters
from grading.core.defaults import default_workers
from grading.core.record import load_truth, released_sources
from grading.executor import _zygote
from grading.executor import preprocessor as _pp
from grading.executor._gradebook import sanitise
from grading.executor.engine import ExecutionOptions, ExecutionReport, execute_notebook

if TYPE_CHECKING:  # pragma: no cover
    from grading.core.course import Course

__all__ = ["Prefetch", "prefetch", "selects_sandbox"]

log = logging.getLogger(__name__)
#: Learners read and sanitised ahead while the zygote starts, beyond the usual window.
_WHILE_STARTING = 64


def _merge_files(submitted: Path, source: Path, target: Path) -> None:
    """What nbgrader puts next to the notebook: the submission's files, then the source's."""
    for base in (submitted, source):
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if path.is_file() and not path.is_symlink() and path.suffix != ".ipynb":
                dest = target / path.relative_to(base)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)


def selects_sandbox(config: Any) -> bool:
    """Whether ``config`` runs autograde with :class:`~grading.executor.SandboxedExecute`.

    Looks at ``Autograde.autograde_preprocessors`` (classes or dotted names);
    unset means nbgrader's stock ``Execute``.
    """
    from traitlets.utils.importstring import import_item

    steps = config["Autograde"].get("autograde_preprocessors") if "Autograde" in config else None
    for step in steps or ():
        if isinstance(step, str):
            try:
                step = import_item(step)
            except (ImportError, AttributeError, ValueError):
                continue
        if isinstance(step, type) and issubclass(step, _pp.SandboxedExecute):
            return True
    return False


class Prefetch:
    """Executions started ahead of nbgrader's own pass over the submissions.

    Each learner's notebooks are sanitised as nbgrader's sanitising pass will
    leave their cells: the first step of that pass,
    :class:`~grading.executor._gradebook.TrustGradebookMetadata`, rewrites
    every cell from the gradebook's record by the one judgement
    (:mod:`grading.core.record`), and the same function
    (:func:`grading.executor._gradebook.sanitise`) is applied here to the same
    record, read once per batch; the later steps (``DeduplicateIds``,
    ``OverwriteCells``) then change no cell type or source, except by putting
    back deleted cells. Each is executed in the thread pool and the result
    filed in ``handoff`` under the notebook's key, where
    :class:`~grading.executor.SandboxedExecute` picks it up. A wrong
    prediction only costs time: nbgrader then sees another key and executes
    the notebook itself. Learners are submitted in order, at most ``ahead``
    beyond the last one :meth:`reach` was called for (``None``: all at once).
    """

    def __init__(self, course: Course, assignment: str, learners: Iterable[str], *,
                 config: Any, options: ExecutionOptions, pool: ThreadPoolExecutor,
                 scratch: Path, ahead: int | None, handoff: _pp.Handoff) -> None:  # fmt: skip
        from nbgrader.api import Gradebook
        from nbgrader.coursedir import CourseDirectory

        self.course = course
        self.assignment = assignment
        self.options = options
        self.pool = pool
        self.scratch = scratch
        self.handoff = handoff
        self._zygote: Any = None  # started on first local execution (none on a cluster)
        self.futures: dict[str, list[Future[Any]]] = {}
        self._queue = list(learners)
        self._position = {learner: i for i, learner in enumerate(self._queue)}
        self._submitted = 0
        self._ahead = ahead
        self._add_missing = bool(config["OverwriteCells"].get("add_missing_cells", False))
        self._delimiters = Delimiters.from_config(config)
        coursedir = CourseDirectory(config=config)
        # read here, in the thread that owns the gradebook, once per batch
        with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
            self._truth = load_truth(gradebook, assignment)

    @property
    def zygote(self) -> Any:
        """The process-wide zygote, started when the first local execution needs it."""
        if self._zygote is None:
            self._zygote = _zygote.shared()
        return self._zygote

    def reach(self, learner: str | None = None) -> None:
        """Make sure ``learner`` (``None``: the first) and the next ``ahead`` are under way."""
        index = self._position.get(learner, 0) if learner is not None else 0
        end = len(self._queue) if self._ahead is None else index + self._ahead + 1
        while self._submitted < min(end, len(self._queue)):
            self._submit_next()

    def _submit_next(self) -> None:
        learner_id = self._queue[self._submitted]
        self._submitted += 1
        try:
            self.futures[learner_id] = self._submit(learner_id)
        except Exception as error:  # nbgrader will run into it too and say why
            log.warning("%s: not prefetched (%s)", learner_id, error)

    def reach_while(self, busy: Callable[[], bool], *, limit: int) -> None:
        """Submit further learners, one at a time, while ``busy()`` is true: at most
        ``limit`` beyond the window :meth:`reach` keeps (their notebooks wait in memory)."""
        end = min(len(self._queue), self._submitted + limit)
        while self._submitted < end and busy():
            self._submit_next()

    def discard(self) -> None:
        """Forget the executions nobody collected (the pool must be shut down first)."""
        self.handoff.discard()

    def sanitise(self, path: Path) -> Any:
        """The notebook as nbgrader's sanitising pass will leave its cells, or ``None``
        when that cannot be predicted cheaply (recorded cells deleted and put back)."""
        import nbformat

        nb = nbformat.read(str(path), as_version=4)
        truth = self._truth[path.stem]
        released = released_sources(self.course.release_dir / self.assignment / path.name)
        judgement, _changes = sanitise(nb, truth, released, self._delimiters)
        graded = {c.name for c in truth.cells if c.grade or c.task}
        if self._add_missing and graded.intersection(judgement.deleted):
            return None
        return nb

    def _submit(self, learner: str) -> list[Future[Any]]:
        submitted = self.course.root / "submitted" / learner / self.assignment
        files = self.scratch / learner
        files.mkdir(parents=True, exist_ok=True)
        _merge_files(submitted, self.course.source_dir / self.assignment, files)
        futures = []
        for path in sorted(submitted.glob("*.ipynb")):
            if path.stem not in self._truth:
                continue  # not a notebook of the assignment: nbgrader ignores it
            nb = self.sanitise(path)
            if nb is None:
                continue
            key = _pp.notebook_key(nb, learner, self.assignment, path.stem)

            truth = self._truth[path.stem]  # cell kinds from the gradebook

            def job(nb: Any = nb, truth: Any = truth) -> tuple[Any, ExecutionReport]:
                report = execute_notebook(
                    nb, files_dir=str(files), zygote=self.zygote,
                    workdir_name=self.assignment, options=self.options, truth=truth,
                )  # fmt: skip
                return nb, report

            future = self.pool.submit(job)
            self.handoff.put(key, future)
            futures.append(future)
        return futures


@contextlib.contextmanager
def prefetch(
    course: Course,
    assignment: str,
    learners: Iterable[str],
    *,
    handoff: _pp.Handoff,
    config: Any = None,
    workers: int | None = None,
    options: ExecutionOptions | None = None,
    ahead: int | None = None,
) -> Iterator[Prefetch]:
    """Execute the submissions of ``learners``, in order, in a pool of ``workers`` threads.

    Inside the block, nbgrader's ``Autograde`` (driven by this thread, which
    alone sanitises and saves grades) finds each execution already done or
    under way in ``handoff``, when its configuration carries it
    (``SandboxedExecute.handoff``). ``config`` is the nbgrader configuration
    the converter runs with (default: the course's); ``options`` the execution
    limits (default: its ``SandboxedExecute`` section); ``workers`` defaults
    to :func:`grading.core.defaults.default_workers`; ``ahead`` bounds how many
    learners are executed beyond the last one passed to
    :meth:`Prefetch.reach` (``None``: all are started at once). On exit,
    unfinished work is cancelled and uncollected executions are dropped.

    While inside, the interpreter's switch interval is shortened (and restored
    on exit): worker threads wait on sockets, and when a child answers, a
    thread must get the GIL back from nbgrader's converter quickly or the
    child sits idle.
    """
    config = config if config is not None else course.config()
    options = options or _options_from_config(config)
    workers = default_workers() if workers is None else max(1, workers)
    switch = sys.getswitchinterval()
    scratch = Path(tempfile.mkdtemp(prefix="hocso-autograde-"))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hocso-exec")
    started: Prefetch | None = None
    sys.setswitchinterval(min(switch, 0.0005))
    try:
        started = Prefetch(course, assignment, learners, config=config, options=options,
                           pool=pool, scratch=scratch, ahead=ahead, handoff=handoff)  # fmt: skip
        started.reach()
        # While the zygote imports (a second or so, on its own core), this thread reads
        # and sanitises the next submissions instead of waiting; their executions queue.
        started.reach_while(lambda: not _zygote.ready(), limit=_WHILE_STARTING)
        _ = started.zygote  # started now: without one, the batch goes serial (the caller says why)
        yield started
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if started is not None:
            started.discard()
        shutil.rmtree(scratch, ignore_errors=True)
        sys.setswitchinterval(switch)


def _options_from_config(config: Any) -> ExecutionOptions:
    return _pp.SandboxedExecute(config=config).options()
