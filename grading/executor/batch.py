"""Grade many submissions: execution in parallel, grades saved by one process.

:func:`prefetch` starts, in a pool of threads, the sandboxed execution of the
submissions nbgrader's ``Autograde`` converter is about to grade, sanitised
the way the converter will sanitise them; :class:`~grading.executor.SandboxedExecute`
then only collects finished executions (looked up by the notebook's content;
anything not prefetched is executed on the spot). The converter, in the
calling thread, still sanitises each submission and saves its grades, so one
process owns the gradebook. ``hocso autograde`` (:func:`grading.autograde.autograde`)
uses it around its per-learner loop; :func:`autograde_many` around one
converter run over every submission. A submission that fails is logged and
reported; the others still get their grades.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grading._engines import batch_gradebook
from grading.executor import preprocessor as _pp
from grading.executor._gradebook import load_truth
from grading.executor._policy import SandboxReport
from grading.executor.engine import ExecutionOptions, ExecutionReport, execute_notebook

if TYPE_CHECKING:  # pragma: no cover
    from grading.course import Course

__all__ = [
    "BatchResult",
    "Prefetch",
    "SubmissionResult",
    "autograde_many",
    "prefetch",
    "selects_sandbox",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SubmissionResult:
    """One learner's autograde outcome.

    ``score`` is nbgrader's total for the submission (``None`` when grading
    failed, with ``error`` saying why); ``sandbox`` is what was enforced.
    """

    learner: str
    score: float | None
    max_score: float | None
    needs_manual_grade: bool
    seconds: float
    restarts: int
    sandbox: SandboxReport | None
    untrusted_cells: tuple[str, ...]
    error: str | None = None


@dataclass(frozen=True)
class BatchResult:
    """All submissions of one ``autograde_many`` call."""

    assignment: str
    submissions: tuple[SubmissionResult, ...]
    seconds: float
    workers: int

    @property
    def failed(self) -> tuple[SubmissionResult, ...]:
        return tuple(s for s in self.submissions if s.error is not None)


def _submitted_learners(course: Course, assignment: str) -> list[str]:
    folder = course.root / "submitted"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir())


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

    Each learner's notebooks are sanitised as nbgrader's ``OverwriteCells``
    will (cheaply: ``DeduplicateIds`` and ``OverwriteCells`` are mirrored from
    one read of the gradebook, the only sanitising steps that change cell
    sources) and executed in the thread pool; the result is filed in
    :data:`~grading.executor.preprocessor.PREFETCHED` under the notebook's key,
    where :class:`~grading.executor.SandboxedExecute` picks it up. A wrong
    prediction only costs time: nbgrader then sees another key and executes
    the notebook itself. Learners are submitted in order, at most ``ahead``
    beyond the last one :meth:`reach` was called for (``None``: all at once).
    """

    def __init__(self, course: Course, assignment: str, learners: Iterable[str], *,
                 config: Any, options: ExecutionOptions, pool: ThreadPoolExecutor,
                 scratch: Path, ahead: int | None) -> None:  # fmt: skip
        from nbgrader.api import Gradebook
        from nbgrader.coursedir import CourseDirectory

        self.course = course
        self.assignment = assignment
        self.options = options
        self.pool = pool
        self.scratch = scratch
        self.zygote = _pp.shared_zygote()
        self.futures: dict[str, list[Future[Any]]] = {}
        self._keys: list[str] = []
        self._queue = list(learners)
        self._position = {learner: i for i, learner in enumerate(self._queue)}
        self._submitted = 0
        self._ahead = ahead
        self._add_missing = bool(config["OverwriteCells"].get("add_missing_cells", False))
        coursedir = CourseDirectory(config=config)
        # read here, in the thread that owns the gradebook, once per batch
        self._sources: dict[str, dict[str, tuple[str, bool, str]]] = {}
        self._graded: dict[str, set[str]] = {}
        with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
            self._truth = load_truth(gradebook, assignment)  # hocso: cell kinds, gradebook only
            for notebook in gradebook.find_assignment(assignment).notebooks:
                self._sources[notebook.name] = {
                    c.name: (c.cell_type, bool(c.locked), c.source) for c in notebook.source_cells
                }
                self._graded[notebook.name] = {c.name for c in notebook.grade_cells} | {
                    c.name for c in notebook.task_cells
                }

    def reach(self, learner: str | None = None) -> None:
        """Make sure ``learner`` (``None``: the first) and the next ``ahead`` are under way."""
        index = self._position.get(learner, 0) if learner is not None else 0
        end = len(self._queue) if self._ahead is None else index + self._ahead + 1
        while self._submitted < min(end, len(self._queue)):
            learner_id = self._queue[self._submitted]
            self._submitted += 1
            try:
                self.futures[learner_id] = self._submit(learner_id)
            except Exception as error:  # nbgrader will run into it too and say why
                log.warning("%s: not prefetched (%s)", learner_id, error)

    def discard(self) -> None:
        """Forget the executions nobody collected (the pool must be shut down first)."""
        for key in self._keys:
            _pp.PREFETCHED.pop(key, None)

    def sanitise(self, path: Path) -> Any:
        """The notebook as nbgrader's sanitising pass will leave its cells, or ``None``
        when that cannot be predicted cheaply (test cells deleted and put back)."""
        import nbformat

        nb = nbformat.read(str(path), as_version=4)
        sources = self._sources[path.stem]
        seen: set[str] = set()
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id is None:
                continue
            if grade_id in seen:  # DeduplicateIds drops the later copy's metadata
                continue
            seen.add(grade_id)
            if grade_id not in sources:
                continue
            cell_type, locked, source = sources[grade_id]
            if cell.cell_type != cell_type:
                cell.cell_type = cell_type
                if cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            if locked:
                cell.source = source
        if self._add_missing and not self._graded[path.stem] <= seen:
            return None
        return nb

    def _submit(self, learner: str) -> list[Future[Any]]:
        submitted = self.course.root / "submitted" / learner / self.assignment
        files = self.scratch / learner
        files.mkdir(parents=True, exist_ok=True)
        _merge_files(submitted, self.course.source_dir / self.assignment, files)
        futures = []
        for path in sorted(submitted.glob("*.ipynb")):
            if path.stem not in self._sources:
                continue  # not a notebook of the assignment: nbgrader ignores it
            nb = self.sanitise(path)
            if nb is None:
                continue
            key = _pp.notebook_key(nb, learner, self.assignment, path.stem)

            truth = self._truth[path.stem]  # hocso: cell kinds from the gradebook

            def job(nb: Any = nb, truth: Any = truth) -> tuple[Any, ExecutionReport]:
                report = execute_notebook(
                    nb, files_dir=str(files), zygote=self.zygote,
                    workdir_name=self.assignment, options=self.options, truth=truth,
                )  # fmt: skip
                return nb, report

            future = self.pool.submit(job)
            _pp.PREFETCHED[key] = future
            self._keys.append(key)
            futures.append(future)
        return futures


@contextlib.contextmanager
def prefetch(
    course: Course,
    assignment: str,
    learners: Iterable[str],
    *,
    config: Any = None,
    workers: int | None = None,
    options: ExecutionOptions | None = None,
    ahead: int | None = None,
) -> Iterator[Prefetch]:
    """Execute the submissions of ``learners``, in order, in a pool of ``workers`` threads.

    Inside the block, nbgrader's ``Autograde`` (driven by this thread, which
    alone sanitises and saves grades) finds each execution already done or
    under way. ``config`` is the nbgrader configuration the converter runs
    with (default: the course's); ``options`` the execution limits (default:
    its ``SandboxedExecute`` section); ``ahead`` bounds how many learners are
    executed beyond the last one passed to :meth:`Prefetch.reach` (``None``:
    all are started at once). On exit, unfinished work is cancelled and
    uncollected executions are dropped.
    """
    config = config if config is not None else course.config()
    options = options or _options_from_config(config)
    workers = max(1, workers or os.cpu_count() or 1)
    # Worker threads wait on sockets; when a child answers, the thread must get the
    # GIL back from nbgrader's converter quickly or the child sits idle.
    switch = sys.getswitchinterval()
    scratch = Path(tempfile.mkdtemp(prefix="hocso-autograde-"))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hocso-exec")
    started: Prefetch | None = None
    sys.setswitchinterval(min(switch, 0.0005))
    try:
        started = Prefetch(course, assignment, learners, config=config, options=options,
                           pool=pool, scratch=scratch, ahead=ahead)  # fmt: skip
        started.reach()
        yield started
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if started is not None:
            started.discard()
        shutil.rmtree(scratch, ignore_errors=True)
        sys.setswitchinterval(switch)


def _options_from_config(config: Any) -> ExecutionOptions:
    return _pp.SandboxedExecute(config=config).options()


def autograde_many(
    course: Course,
    assignment: str,
    learner_ids: Iterable[str] | None = None,
    *,
    workers: int | None = None,
    progress: bool = True,
    options: ExecutionOptions | None = None,
    fast_gradebook: bool = True,
) -> BatchResult:
    """Autograde ``learner_ids`` (default: every submission) of ``assignment``.

    Parameters
    ----------
    course : grading.course.Course
        The course; its ``gradebook.db`` (or ``db_url``) receives the grades.
    assignment : str
        The assignment id (already generated, so it is in the gradebook).
    learner_ids : iterable of str, optional
        Learners whose ``submitted/<learner>/<assignment>`` to grade.
    workers : int, optional
        Submissions executing at once; default: the number of CPUs.
    progress : bool
        Show a progress bar with counts and ETA (tqdm).
    options : ExecutionOptions, optional
        Limits and sandbox mode; default: from the course config's
        ``SandboxedExecute`` section.
    fast_gradebook : bool
        For a SQLite gradebook, commit without waiting for the disk during the
        batch (WAL, ``synchronous=NORMAL``); see :func:`grading._engines.fast_sqlite`.

    Returns
    -------
    BatchResult
        One :class:`SubmissionResult` per learner; failures carry ``error``.
    """
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    from grading.course import ensure_scripts_on_path

    ensure_scripts_on_path()
    start = time.monotonic()
    learners = (
        sorted(set(learner_ids))
        if learner_ids is not None
        else _submitted_learners(course, assignment)
    )
    everyone = _submitted_learners(course, assignment)
    workers = max(1, workers or os.cpu_count() or 1)
    config = course.config(
        **{
            "Autograde.autograde_preprocessors": _pp.AUTOGRADE_PREPROCESSORS,
            "Autograde.sanitize_preprocessors": _pp.SANITIZE_PREPROCESSORS,
        }
    )
    options = options or _options_from_config(config)
    reports: dict[str, ExecutionReport] = {}
    lock = threading.Lock()

    def collect(resources: dict[str, Any], report: ExecutionReport) -> None:
        with lock:
            reports[str(resources.get("nbgrader", {}).get("student"))] = report

    bar = _progress(len(learners), progress)
    _pp.ON_EXECUTED.append(collect)
    errors: dict[str, str] = {}
    try:
        with prefetch(course, assignment, learners, config=config, workers=workers,
                      options=options) as started:  # fmt: skip
            for futures in started.futures.values():
                for future in futures:
                    future.add_done_callback(lambda _f: bar.update(1))
            coursedir = CourseDirectory(config=config)
            coursedir.assignment_id = assignment
            coursedir.student_id = "*"
            coursedir.student_id_exclude = ",".join(sorted(set(everyone) - set(learners)))
            app = Autograde(coursedir=coursedir, config=config)
            app.force = True
            app.create_student = True
            try:
                with batch_gradebook(coursedir.db_url, fast=fast_gradebook), _quiet_sqlalchemy():
                    app.start()
            except Exception as error:  # nbgrader raises once, after trying every submission
                log.error("autograde reported failures: %s", error)
                errors["*"] = str(error)
    finally:
        _pp.ON_EXECUTED.remove(collect)
        bar.close()
    results = []
    with _quiet_sqlalchemy(), Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        for learner in learners:
            report = reports.get(learner)
            try:
                submission = gradebook.find_submission(assignment, learner)
                score, max_score = submission.score, submission.max_score
                manual = bool(submission.needs_manual_grade)
                error = None if report is not None else errors.get("*", "not executed")
            except MissingEntry:
                score = max_score = None
                manual = False
                error = errors.get("*", "no submission in the gradebook")
            results.append(
                SubmissionResult(
                    learner=learner,
                    score=score,
                    max_score=max_score,
                    needs_manual_grade=manual,
                    seconds=report.seconds if report else 0.0,
                    restarts=report.restarts if report else 0,
                    sandbox=report.sandbox if report else None,
                    untrusted_cells=tuple(g for g, _ in report.untrusted_cells) if report else (),
                    error=error,
                )
            )
    return BatchResult(assignment, tuple(results), time.monotonic() - start, workers)


@contextlib.contextmanager
def _quiet_sqlalchemy() -> Any:
    """nbgrader's gradebook triggers SQLAlchemy autoflush warnings on every submission."""
    import warnings

    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        yield


class _NoBar:
    def update(self, n: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


def _progress(total: int, enabled: bool) -> Any:
    if not enabled:
        return _NoBar()
    with contextlib.suppress(ImportError):
        from tqdm import tqdm

        return tqdm(total=total, desc="autograde", unit="nb", smoothing=0.1)
    return _NoBar()
