"""Autograde's batched path: nbgrader's ``Autograde``, run for a whole batch at once.

Stock nbgrader pays, for every learner, a converter set up from scratch, about
a dozen gradebooks opened (each one inspecting the schema), a query per cell
to learn what the source cell was (``OverwriteCells``) and a query and a
commit per cell to save its grade (``SaveAutoGrades``). The execution of a
learner's code is no longer the cost (it runs ahead, in parallel, see
:mod:`grading.executor.batch`); this bookkeeping was.

:class:`BatchGrader` does the same work once per batch where it can:

- the gradebook's record of the assignment (:func:`grading.core.record.load_truth`)
  is read once; ``OverwriteCells`` (the course's
  :class:`grading.core.steps.QuietOverwriteCells`) reads it through
  :class:`RecordGradebook` instead of querying per cell, running nbgrader's
  own code unchanged;
- nbgrader's other sanitising and autograding steps run as they are, the
  instances built once, on the notebook in memory (no converter, no
  re-reading of the file written between the two passes);
- what ``SaveAutoGrades`` and ``AssignLatePenalties`` would write is computed
  with nbgrader's own rules (:func:`nbgrader.utils.determine_grade`, the late
  submission plugin) and written with nbgrader's own models into one open
  gradebook session, committed once per chunk of learners
  (:meth:`BatchGrader.commit`).

Files are handled by nbgrader's ``Autograde`` converter methods (destination,
copies, permissions, hooks), one converter for the batch. The gradebook's
rows are those nbgrader writes, field by field (a test compares both paths).
Only the course pipelines of :mod:`grading.executor.preprocessor` take this
path (:func:`batchable`); any other configuration, and any submission the
batched path cannot grade, goes through nbgrader's per-learner run.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grading.core.record import CellTruth, NotebookTruth

__all__ = ["BatchGrader", "LearnerResult", "RecordGradebook", "batchable"]

log = logging.getLogger(__name__)
_quiet = logging.getLogger("hocso.autograde.batched")
_quiet.addHandler(logging.NullHandler())
_quiet.propagate = False


class _Graded:
    """A graded or task cell as ``OverwriteCells`` reads it (``name``, ``max_score``)."""

    def __init__(self, cell: CellTruth) -> None:
        self.name = cell.name
        self.max_score = float(cell.points or 0.0)


class _Notebook:
    """A notebook of the record as ``OverwriteCells.add_missing_*`` reads it."""

    def __init__(self, truth: NotebookTruth) -> None:
        self.source_cells = list(truth.cells)
        self.grade_cells = [_Graded(c) for c in truth.cells if c.grade]
        self.solution_cells = [c for c in truth.cells if c.solution]
        self.task_cells = [_Graded(c) for c in truth.cells if c.task]


class RecordGradebook:
    """The read-only part of ``nbgrader.api.Gradebook`` that ``OverwriteCells`` uses,
    answered from the gradebook's record read once per batch.

    Examples
    --------
    >>> truth = NotebookTruth((CellTruth("t", "code", True, True, False, False, 2, "pass"),))
    >>> book = RecordGradebook({"nb": truth})
    >>> book.find_source_cell("t", "nb", "a").locked, book.find_graded_cell("t", "nb", "a").max_score
    (True, 2.0)
    >>> book.find_source_cell("u", "nb", "a")
    Traceback (most recent call last):
    ...
    nbgrader.api.MissingEntry: no cell u in nb
    """

    def __init__(self, record: dict[str, NotebookTruth]) -> None:
        self.record = record

    def __enter__(self) -> RecordGradebook:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def _cell(self, name: str, notebook: str) -> CellTruth:
        from nbgrader.api import MissingEntry

        truth = self.record.get(notebook)
        cell = truth.get(name) if truth is not None else None
        if cell is None:
            raise MissingEntry(f"no cell {name} in {notebook}")
        return cell

    def find_source_cell(self, name: str, notebook: str, _assignment: str) -> CellTruth:
        return self._cell(name, notebook)

    def find_graded_cell(self, name: str, notebook: str, _assignment: str) -> _Graded:
        from nbgrader.api import MissingEntry

        cell = self._cell(name, notebook)
        if not (cell.grade or cell.task):
            raise MissingEntry(f"{name} in {notebook} is not graded")
        return _Graded(cell)

    def find_notebook(self, notebook: str, _assignment: str) -> _Notebook:
        from nbgrader.api import MissingEntry

        if notebook not in self.record:
            raise MissingEntry(f"no notebook {notebook}")
        return _Notebook(self.record[notebook])


def batchable(config: Any) -> bool:
    """Whether ``config`` autogrades with exactly the course pipelines the batched path runs.

    Those of :mod:`grading.executor.preprocessor`, with no convert hooks and
    no learner excluded by configuration.
    """
    from traitlets.utils.importstring import import_item

    from grading.executor.preprocessor import AUTOGRADE_PREPROCESSORS, SANITIZE_PREPROCESSORS

    def steps(name: str) -> list[Any] | None:
        found = config["Autograde"].get(name) if "Autograde" in config else None
        if found is None:
            return None
        try:
            return [import_item(s) if isinstance(s, str) else s for s in found]
        except (ImportError, AttributeError, ValueError):
            return None

    base = config["BaseConverter"] if "BaseConverter" in config else {}
    auto = config["Autograde"] if "Autograde" in config else {}
    hooks = any(s.get(h) for s in (base, auto) for h in ("pre_convert_hook", "post_convert_hook"))
    excluded = "CourseDirectory" in config and config["CourseDirectory"].get("student_id_exclude")
    return (
        steps("sanitize_preprocessors") == SANITIZE_PREPROCESSORS
        and steps("autograde_preprocessors") == AUTOGRADE_PREPROCESSORS
        and not hooks
        and not excluded
    )


@dataclass
class _Notebook_Grades:
    """What ``SaveAutoGrades`` would write for one notebook."""

    grades: dict[str, float | None] = field(default_factory=dict)
    comments: dict[str, str | None] = field(default_factory=dict)


@dataclass
class LearnerResult:
    """One learner's submission graded in memory, its files written, nothing saved yet."""

    learner: str
    timestamp: Any  # datetime or None, as nbgrader parsed timestamp.txt
    notebooks: dict[str, _Notebook_Grades]
    missing: tuple[str, ...]  # notebooks of the assignment not submitted


class BatchGrader:
    """nbgrader's ``Autograde`` for one assignment, learner after learner, in this process.

    :meth:`grade` does one learner's files and both pipelines (no gradebook
    write); :meth:`save` writes its rows into the batch's open session;
    :meth:`commit` ends the transaction. ``api`` is the batch's
    ``NbGraderAPI`` (its configuration carries the handoff of executions
    started ahead); ``record`` the gradebook's record of the assignment.
    """

    def __init__(self, api: Any, assignment: str, record: dict[str, NotebookTruth]) -> None:
        from nbgrader.api import Gradebook
        from nbgrader.converters import Autograde
        from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

        from grading.core.steps import QuietOverwriteCells
        from grading.executor.preprocessor import AUTOGRADE_PREPROCESSORS, sanitize_steps

        self.assignment = assignment
        self.record = record
        self.coursedir = api.coursedir
        config = api.config
        self.app = Autograde(coursedir=self.coursedir, parent=api, log=_quiet)
        self.app.force = True
        self.app.create_student = True

        def build(cls: type) -> Any:
            step = cls(config=config, log=_quiet)
            if isinstance(step, QuietOverwriteCells):
                step.record_gradebook = RecordGradebook(record)
            return step

        self.sanitize = [build(cls) for cls in sanitize_steps()]
        skipped = (SaveAutoGrades, AssignLatePenalties)  # written by save()
        self.autograde = [build(c) for c in AUTOGRADE_PREPROCESSORS if c not in skipped]
        self.late = AssignLatePenalties(config=config, log=_quiet)
        self.late.init_plugin()
        self.gradebook = Gradebook(self.coursedir.db_url, self.coursedir.course_id)
        self._assignment_row = self.gradebook.find_assignment(assignment)
        #: ``(notebook id, grade cell ids, solution cell ids, task cell ids)``, read once
        self._layout = [
            (nb.id, [c.id for c in nb.grade_cells], [c.id for c in nb.solution_cells],
             [c.id for c in nb.task_cells])
            for nb in self._assignment_row.notebooks
        ]  # fmt: skip

    def close(self) -> None:
        self.gradebook.db.rollback()  # whatever was not committed
        self.gradebook.close()

    # ------------------------------------------------------------------ files and pipelines

    def _paths(self, learner: str) -> tuple[str, str]:
        cd = self.coursedir
        return (
            cd.format_path(cd.submitted_directory, learner, self.assignment),
            cd.format_path(cd.autograded_directory, learner, self.assignment),
        )

    def _copy_sources(self, dest: str) -> None:
        """``Autograde.init_assignment``'s copy of the source folder's files (no notebooks)."""
        import shutil

        from nbgrader.utils import find_all_files

        cd = self.coursedir
        source = cd.format_path(cd.source_directory, ".", self.assignment)
        excluded = {
            os.path.join(source, x) for x in self.app.exclude_overwriting.get(self.assignment, [])
        }
        for filename in set(find_all_files(source, [*cd.ignore, "*.ipynb"])) - excluded:
            target = os.path.join(dest, os.path.relpath(filename, source))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.exists(target):
                os.remove(target)
            shutil.copy(filename, target)

    def grade(self, learner: str) -> LearnerResult:
        """Grade ``learner``'s submission in memory and write ``autograded/`` (no gradebook write).

        Raises whatever nbgrader's steps raise; the caller then grades the
        learner the per-learner way, which redoes everything.
        """
        from nbconvert.exporters.exporter import ResourcesDict
        from nbgrader.converters.base import BaseConverter
        from nbgrader.utils import parse_utc, setenv

        source, dest = self._paths(learner)
        names = sorted(p.stem for p in Path(source).glob("*.ipynb") if p.stem in self.record)
        if not names:
            raise LookupError(f"no notebook of {self.assignment} submitted by {learner}")
        self.app.notebooks = [os.path.join(source, f"{n}.ipynb") for n in names]
        self.app.init_destination(self.assignment, learner)  # force: the old copy goes
        BaseConverter.init_assignment(self.app, self.assignment, learner)  # submitted files
        timestamp = parse_utc(self.coursedir.get_existing_timestamp(source))
        self._copy_sources(dest)
        graded = {}
        for name in names:
            resources = ResourcesDict(
                unique_key=name,
                output_files_dir=f"{name}_files",
                output_extension=".ipynb",
                nbgrader={
                    "student": learner,
                    "assignment": self.assignment,
                    "notebook": name,
                    "db_url": self.coursedir.db_url,
                },
                metadata=ResourcesDict(name=name, path=source),
            )
            nb = self._run(self.sanitize, _read(os.path.join(source, f"{name}.ipynb")), resources)
            resources["metadata"]["path"] = dest
            with setenv(NBGRADER_EXECUTION="autograde"):
                nb = self._run(self.autograde, nb, resources)
            graded[name] = self._autogrades(nb, name)
            _write(nb, os.path.join(dest, f"{name}.ipynb"))
        self.app.set_permissions(self.assignment, learner)
        missing = tuple(n for n in sorted(self.record) if n not in names)
        return LearnerResult(learner, timestamp, graded, missing)

    @staticmethod
    def _run(steps: list[Any], nb: Any, resources: Any) -> Any:
        """An nbconvert exporter's preprocessing: normalise, each enabled step, validate."""
        import nbformat

        nb = _normalise(nb)
        for step in steps:
            nb, resources = step(nb, resources)
        nbformat.validate(nb, relax_add_props=True)
        return nb

    def _autogrades(self, nb: Any, notebook: str) -> _Notebook_Grades:
        """``SaveAutoGrades``'s values for ``nb``, by nbgrader's own rules."""
        from nbgrader import utils

        truth = self.record[notebook]
        found = _Notebook_Grades()
        for cell in nb.cells:
            if not (utils.is_grade(cell) or utils.is_solution(cell) or utils.is_task(cell)):
                continue
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            known = truth.get(grade_id)
            if utils.is_grade(cell):
                if known is None or not known.grade:
                    raise LookupError(f"no grade for {grade_id} in {notebook}")
                found.grades[grade_id] = utils.determine_grade(cell, _quiet)[0]
            if utils.is_solution(cell) or utils.is_task(cell):
                if known is None or not (known.solution or known.task):
                    raise LookupError(f"no comment for {grade_id} in {notebook}")
                same = cell.metadata.nbgrader.get("checksum", None) == utils.compute_checksum(cell)
                found.comments[grade_id] = (
                    "No response." if same and not utils.is_task(cell) else None
                )
        return found

    # ------------------------------------------------------------------ the gradebook

    def submission(self, learner: str) -> Any:
        """``learner``'s ``SubmittedAssignment`` in the batch's session, or ``None``."""
        from nbgrader.api import MissingEntry

        try:
            return self.gradebook.find_submission(self.assignment, learner)
        except MissingEntry:
            return None

    def save(self, result: LearnerResult) -> Any:
        """Write what nbgrader's run writes for ``result`` (not committed); its submission."""
        from nbgrader.api import (
            Comment,
            Grade,
            Student,
            SubmittedAssignment,
            SubmittedNotebook,
            new_uuid,
        )

        db = self.gradebook.db
        if db.get(Student, result.learner) is None:
            db.add(Student(id=result.learner))
        submission = self.submission(result.learner)
        if submission is None:  # nbgrader's add_submission, row by row (ids set here)
            submission = SubmittedAssignment(
                id=new_uuid(), assignment_id=self._assignment_row.id, student_id=result.learner,
                timestamp=result.timestamp,
            )  # fmt: skip
            rows: list[Any] = [submission]
            for notebook_id, graded, solutions, tasks in self._layout:
                nb = SubmittedNotebook(id=new_uuid(), assignment_id=submission.id,
                                       notebook_id=notebook_id)  # fmt: skip
                rows.append(nb)
                rows += [Grade(id=new_uuid(), cell_id=c, notebook_id=nb.id) for c in graded]
                rows += [Comment(id=new_uuid(), cell_id=c, notebook_id=nb.id) for c in solutions]
                for cell_id in tasks:
                    rows.append(Comment(id=new_uuid(), cell_id=cell_id, notebook_id=nb.id))
                    rows.append(Grade(id=new_uuid(), cell_id=cell_id, notebook_id=nb.id))
            db.add_all(rows)
            db.flush()
            submission = self.submission(result.learner)
        elif result.timestamp is not None:
            submission.timestamp = result.timestamp
        db.flush()
        notebooks = {nb.name: nb for nb in submission.notebooks}
        for name in result.missing:
            for grade in notebooks[name].grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        for name, values in result.notebooks.items():
            notebook = notebooks[name]
            grades = {g.name: g for g in notebook.grades}
            comments = {c.name: c for c in notebook.comments}
            for grade_id, score in values.grades.items():
                grade = grades[grade_id]
                grade.auto_score = score
                grade.needs_manual_grade = grade.manual_score is not None or score is None
            for grade_id, text in values.comments.items():
                comments[grade_id].auto_comment = text
        db.flush()
        db.expire(submission)
        for name in result.notebooks:
            self._late_penalty(submission, notebooks[name])
        db.flush()
        return submission

    def _late_penalty(self, submission: Any, notebook: Any) -> None:
        """``AssignLatePenalties`` for one notebook, with its plugin."""
        self.gradebook.db.expire(notebook)
        notebook.late_submission_penalty = None
        if submission.total_seconds_late > 0:
            penalty = self.late.plugin_inst.late_submission_penalty(
                submission.student.id, notebook.score, submission.total_seconds_late
            )
            if penalty is not None:
                notebook.late_submission_penalty = self.late._check_late_penalty(notebook, penalty)

    def refresh(self, submission: Any) -> Any:
        """``submission`` with its computed scores read again after this session's writes."""
        db = self.gradebook.db
        db.flush()
        db.expire(submission)
        for notebook in submission.notebooks:
            db.expire(notebook)
        return submission

    def commit(self) -> None:
        self.gradebook.db.commit()

    def rollback(self) -> None:
        self.gradebook.db.rollback()


def _read(path: str) -> Any:
    import nbformat

    return nbformat.read(path, as_version=4)


def _normalise(nb: Any) -> Any:
    """``nbformat.validator.normalize`` (what an nbconvert exporter does first), in place.

    The public function deep-copies the notebook first; the batch owns it.
    """
    import nbformat
    from nbformat import validator

    private = getattr(validator, "_normalize", None)
    if private is None:  # pragma: no cover - another nbformat
        return nbformat.from_dict(validator.normalize(nb)[1])
    major, minor = validator.get_version(nb)
    private(nb, major, minor, True, relax_add_props=False, strip_invalid_metadata=False)
    return nb


def _write(nb: Any, path: str) -> None:
    """What nbconvert's ``NotebookExporter`` and ``FilesWriter`` write for ``nb`` (validated).

    ``nbformat.writes``, without its deep copy: ``nb`` is not used afterwards.
    """
    import json

    from nbformat.v4.nbjson import BytesEncoder
    from nbformat.v4.rwbase import split_lines, strip_transient

    nb = strip_transient(split_lines(nb))
    text = json.dumps(nb, cls=BytesEncoder, indent=1, sort_keys=True, separators=(",", ": "),
                      ensure_ascii=False)  # fmt: skip
    if not text.endswith("\n"):
        text += "\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last one shorter).

    >>> list(chunks([1, 2, 3], 2))
    [[1, 2], [3]]
    """
    for start in range(0, len(items), size):
        yield items[start : start + size]
