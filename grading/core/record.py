"""The one judgement of a submission against the gradebook's record of its assignment.

nbgrader records every graded, answer and locked cell of the source notebook
when the assignment is generated (``SourceCell``, ``GradeCell``,
``SolutionCell``, ``TaskCell``). A learner can write anything into a submitted
notebook: edit a locked test cell, delete it, copy a cell under another's id,
claim ``locked`` on an answer cell, promote a comment to a graded cell worth
100 points. What a cell *is* therefore comes from the gradebook, never from the
submitted notebook, and this module alone decides how a submission differs
from that record:

- :func:`load_truth` reads the record (:class:`NotebookTruth` of
  :class:`CellTruth`) from an open nbgrader ``Gradebook``; :func:`truth_for`
  caches it while a SQLite gradebook is unchanged;
- :func:`released_sources` reads what the learner was really given (the
  learner version in ``release/``: hidden tests removed, self-check lines
  added by ``hocso build``); :func:`intact` says whether the text of a locked
  cell is one of the texts the learner was given;
- :func:`judge` compares the cells of one submitted notebook with the record
  and returns a frozen :class:`Judgement`: cells edited, deleted, duplicated,
  forged metadata, ids the gradebook does not know;
- :func:`apply_record` rewrites a notebook as the judgement says (the
  gradebook's metadata, types and locked sources), for the grading pipeline.

Its users: ``hocso autograde``'s check before grading
(:func:`grading.verbs.autograde.inspect_submission`), the first sanitising step
of every autograde (:class:`grading.executor._gradebook.TrustGradebookMetadata`)
and the parallel executions started ahead of nbgrader
(:class:`grading.executor.batch.Prefetch`): one rule, so what is reported,
what is graded and what is executed ahead agree.

This module imports nothing heavy at import time (nbgrader only inside
:func:`truth_for`).

Examples
--------
A test cell whose points were raised and an answer cell that claims to be
locked:

>>> record = NotebookTruth((
...     CellTruth("cau-1", "code", False, False, True, False, None, "x = ..."),
...     CellTruth("kiem-tra-1", "code", True, True, False, False, 1.0, "expect.integer(x, 2)"),
... ))
>>> nb = [
...     {"cell_type": "code", "source": "x = 2", "metadata": {"nbgrader": {
...         "grade_id": "cau-1", "solution": True, "locked": True}}},
...     {"cell_type": "code", "source": "expect.integer(x, 2)", "metadata": {"nbgrader": {
...         "grade_id": "kiem-tra-1", "grade": True, "locked": True, "points": 100}}},
... ]
>>> judgement = judge(nb, record)
>>> judgement.forged, judgement.edited, judgement.deleted
(('cau-1', 'kiem-tra-1'), (), ())
>>> judgement.tampered
('cau-1', 'kiem-tra-1')
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grading.core.cells import DEFAULT_DELIMITERS, Delimiters
from grading.core.cells import source as cell_source
from grading.core.cells import strip_hidden as _strip_hidden

__all__ = [
    "FLAGS",
    "CellTruth",
    "CellVerdict",
    "Judgement",
    "NotebookTruth",
    "apply_record",
    "intact",
    "judge",
    "load_truth",
    "released_sources",
    "same_source",
    "self_check_marker",
    "strip_self_checks",
    "trusted_metadata",
    "truth_for",
]

#: The nbgrader flags a cell's kind is made of, compared with the record.
FLAGS = ("grade", "locked", "solution", "task")


# --------------------------------------------------------------------------
# the record
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CellTruth:
    """One cell of the source notebook as the gradebook recorded it."""

    name: str
    cell_type: str
    locked: bool
    grade: bool
    solution: bool
    task: bool
    points: float | None
    source: str
    checksum: str | None = None

    @property
    def is_test(self) -> bool:
        """An autograded test cell: graded code that is not an answer."""
        return self.cell_type == "code" and self.grade and not self.solution


@dataclass(frozen=True)
class NotebookTruth:
    """The gradebook's record of one notebook of an assignment, cells in record order.

    Examples
    --------
    >>> t = NotebookTruth((CellTruth("setup", "code", True, False, False, False, None,
    ...                              "import numpy as np"),))
    >>> t.get("setup").locked, t.get("cau-1") is None, t.get(["setup"]) is None
    (True, True, True)
    """

    cells: tuple[CellTruth, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {c.name: c for c in self.cells})

    def get(self, grade_id: object) -> CellTruth | None:
        """The record of ``grade_id`` (``None`` for an unknown id or one that is not a string)."""
        if not isinstance(grade_id, str):
            return None
        return self._by_name.get(grade_id)  # type: ignore[attr-defined]


def trusted_metadata(cell: CellTruth) -> dict[str, Any]:
    """The nbgrader metadata (schema 3) the cell must carry.

    >>> trusted_metadata(CellTruth("t", "code", True, True, False, False, 2, "pass"))["points"]
    2.0
    """
    meta: dict[str, Any] = {
        "grade": cell.grade,
        "grade_id": cell.name,
        "locked": cell.locked,
        "schema_version": 3,
        "solution": cell.solution,
        "task": cell.task,
    }
    if cell.grade or cell.task:
        meta["points"] = float(cell.points or 0.0)
    if cell.checksum:
        meta["checksum"] = cell.checksum
    return meta


def load_truth(gradebook: Any, assignment: str) -> dict[str, NotebookTruth]:
    """``{notebook name: NotebookTruth}`` of ``assignment`` from an open nbgrader ``Gradebook``.

    Raises
    ------
    nbgrader.api.MissingEntry
        If the assignment is not in the gradebook.
    """
    result = {}
    for notebook in gradebook.find_assignment(assignment).notebooks:
        graded = {c.name: c for c in notebook.grade_cells}
        solutions = {c.name for c in notebook.solution_cells}
        tasks = {c.name: c for c in notebook.task_cells}
        found = []
        for recorded in notebook.source_cells:
            points = None
            if recorded.name in graded:
                points = float(graded[recorded.name].max_score)
            elif recorded.name in tasks:
                points = float(tasks[recorded.name].max_score)
            found.append(
                CellTruth(
                    name=recorded.name,
                    cell_type=recorded.cell_type,
                    locked=bool(recorded.locked),
                    grade=recorded.name in graded,
                    solution=recorded.name in solutions,
                    task=recorded.name in tasks,
                    points=points,
                    source=recorded.source or "",
                    checksum=recorded.checksum,
                )
            )
        result[notebook.name] = NotebookTruth(tuple(found))
    return result


_CACHE: dict[tuple[str, str, str], tuple[float, Any]] = {}
_CACHE_LOCK = threading.Lock()


def _stamp(db_url: str) -> float:
    """Change marker of a SQLite gradebook (its mtime); 0 for other databases."""
    if db_url.startswith("sqlite:///"):
        try:
            return os.stat(db_url[len("sqlite:///") :]).st_mtime
        except OSError:
            return -1.0
    return 0.0


def truth_for(db_url: str, assignment: str, notebook: str, course_id: str = "") -> NotebookTruth:
    """The gradebook's record of ``notebook`` (cached while the gradebook is unchanged).

    Raises
    ------
    KeyError
        If the notebook is not part of the assignment in the gradebook.
    """
    from nbgrader.api import Gradebook

    key = (db_url, course_id, assignment)
    stamp = _stamp(db_url)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is None or cached[0] != stamp or notebook not in cached[1]:
        with Gradebook(db_url, course_id or "default_course") as gradebook:
            found = load_truth(gradebook, assignment)
        with _CACHE_LOCK:
            _CACHE[key] = (stamp, found)
        cached = (stamp, found)
    return cached[1][notebook]


# --------------------------------------------------------------------------
# what the learner was given
# --------------------------------------------------------------------------


def released_sources(path: str | Path) -> dict[str, str]:
    """``{grade_id: source}`` of the cells of a learner version (``release/...ipynb``).

    What a learner really received: the build may add to a locked cell (the
    truthful self-check lines of :mod:`grading.verbs.selfcheck`) besides
    removing its hidden tests. Empty when the file is missing or unreadable;
    cached while the file is unchanged.
    """
    path = os.fspath(path)
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return {}
    key = ("release", path, "")
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is not None and cached[0] == stamp:
        return dict(cached[1])
    try:
        with open(path, encoding="utf-8") as handle:
            found_cells = json.load(handle)["cells"]
        found = {
            gid: cell_source(cell)
            for cell in found_cells
            if isinstance(cell, dict) and isinstance(gid := _meta(cell).get("grade_id"), str)
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    with _CACHE_LOCK:
        _CACHE[key] = (stamp, found)
    return dict(found)


def same_source(a: str, b: str) -> bool:
    """Equal up to trailing whitespace and blank edges (what an editor may add or drop).

    >>> same_source("x = 1  \\n", "x = 1"), same_source("x = 1", "x = 2")
    (True, False)
    """

    def norm(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))

    return norm(a) == norm(b)


#: Markers of learner copies built before (still recognised).
_EARLIER_MARKERS = (
    "# Tự kiểm tra: so bài làm với đáp án đã được mã hóa (bản này không chứa đáp án). "
    "Điểm chính thức do bài chấm của giảng viên quyết định.",
)


def self_check_marker() -> str:
    """The comment line that opens the self-check block ``hocso build`` appends to a test cell."""
    from toolkit.i18n import t

    return "# " + t("selfcheck.comment", lang="vi")


def strip_self_checks(text: str) -> str:
    r"""A learner-copy test cell without the self-check block ``hocso build`` appended.

    What is left is what ``ClearHiddenTests`` alone leaves, so a grader can tell
    an honest copy of a test cell from an edited one.

    Examples
    --------
    >>> strip_self_checks("expect.has_type(x, 'number')\n" + self_check_marker() + "\nexpect.self_check(x, {})")
    "expect.has_type(x, 'number')"
    """
    lines = text.split("\n")
    markers = {self_check_marker(), *_EARLIER_MARKERS}
    for index, line in enumerate(lines):
        if line.strip() in markers:
            return "\n".join(lines[:index]).rstrip("\n")
    return text


def intact(
    text: str,
    recorded: str,
    released: str | None = None,
    delimiters: Delimiters = DEFAULT_DELIMITERS,
) -> bool:
    """Whether ``text``, a learner's copy of a locked cell, is a text they were given.

    ``recorded`` is the cell in the gradebook (hidden tests included),
    ``released`` the cell of the learner version when known. Given texts: the
    released cell; the recorded one; the recorded one without its hidden tests
    (an older build), with or without the self-check lines the build appends.
    Trailing whitespace never counts (:func:`same_source`).

    Examples
    --------
    >>> test = "expect.integer(x, 2)\\n### BEGIN HIDDEN TESTS\\nassert x == 2\\n### END HIDDEN TESTS"
    >>> intact("expect.integer(x, 2)  ", test), intact(test, test)
    (True, True)
    >>> intact("pass", test), intact("expect.integer(x, 3)", test)
    (False, False)
    >>> intact("expect.integer(x, 2)\\nprint('ok')", test, released="expect.integer(x, 2)\\nprint('ok')")
    True
    """
    return (
        (released is not None and same_source(text, released))
        or same_source(text, recorded)
        or same_source(strip_self_checks(text), _strip_hidden(recorded, delimiters))
    )


# --------------------------------------------------------------------------
# the judgement
# --------------------------------------------------------------------------


def _meta(cell: Mapping[str, Any]) -> Any:
    """The raw ``nbgrader`` metadata of a cell (whatever the learner wrote, or ``{}``)."""
    metadata = cell.get("metadata")
    if not isinstance(metadata, Mapping):
        return {}
    meta = metadata.get("nbgrader")
    return {} if meta is None else meta


def _same_points(value: object, wanted: object) -> bool:
    try:
        return float(value) == float(wanted)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _claims(meta: object) -> bool:
    """Whether nbgrader metadata claims anything (a kind, an id or points)."""
    return isinstance(meta, Mapping) and any(meta.get(k) for k in (*FLAGS, "grade_id", "points"))


@dataclass(frozen=True)
class CellVerdict:
    """One submitted cell that carries nbgrader metadata, against the record.

    ``record`` is the gradebook's cell when this cell is the one that keeps its
    id (the last cell with a known id, nbgrader's ``DeduplicateIds`` rule);
    ``None`` for a copy of an id kept by a later cell (``copy``), an id the
    gradebook does not know, or metadata without an id. ``forged`` lists
    ``(attribute, recorded value, submitted value)`` of every attribute whose
    submitted value differs (kind flags, points, cell type); ``promoted`` marks
    an unknown id that claims to be graded; ``edited`` says a locked cell's text
    is not one the learner was given (:func:`intact`).
    """

    index: int
    grade_id: str | None
    record: CellTruth | None
    claims: bool
    copy: bool = False
    forged: tuple[tuple[str, str, str], ...] = ()
    promoted: bool = False
    edited: bool = False

    @property
    def unknown(self) -> bool:
        """Metadata that claims something under an id the gradebook does not know."""
        return self.record is None and not self.copy and self.claims


@dataclass(frozen=True)
class Judgement:
    """How one submitted notebook differs from the gradebook's record of it.

    Attributes
    ----------
    cells : tuple of CellVerdict
        Every submitted cell with nbgrader metadata, in notebook order.
    deleted : tuple of str
        Recorded cells no submitted cell carries the id of, in record order.
    restored : tuple of str
        Of ``deleted``, the locked graded code cells (test cells): nbgrader puts
        them back (``OverwriteCells.add_missing_cells``), so they are graded.
    """

    cells: tuple[CellVerdict, ...] = ()
    deleted: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()

    def _ids(self, keep: Any) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.grade_id for v in self.cells if v.grade_id and keep(v)))

    @property
    def edited(self) -> tuple[str, ...]:
        """Locked cells whose text the learner changed, in notebook order."""
        return self._ids(lambda v: v.edited)

    @property
    def forged(self) -> tuple[str, ...]:
        """Cells whose nbgrader metadata differs from the record, and unknown ids that
        claim to be graded (a promoted cell), in notebook order."""
        return self._ids(lambda v: v.forged or v.promoted)

    @property
    def duplicated(self) -> tuple[str, ...]:
        """Ids carried by more than one cell (the last copy counts)."""
        return self._ids(lambda v: v.copy)

    @property
    def unknown(self) -> tuple[str, ...]:
        """Ids the gradebook does not know, claimed by submitted cells."""
        return self._ids(lambda v: v.unknown)

    @property
    def tampered(self) -> tuple[str, ...]:
        """What a trainer must hear about: edited locked cells, then forged metadata."""
        return tuple(dict.fromkeys((*self.edited, *self.forged)))

    @property
    def changes(self) -> tuple[str, ...]:
        """One line per change :func:`apply_record` makes, worded as nbgrader's
        ``OverwriteCells`` words its own (one log format)."""
        lines = []
        for v in self.cells:
            if v.record is None:
                if v.claims:
                    why = "a copy of" if v.copy else "unknown to the gradebook:"
                    lines.append(
                        f"cell {v.index}: nbgrader metadata removed ({why} {v.grade_id!r})"
                    )
                continue
            lines += [_changed(v.record.name, a, should, got) for a, should, got in v.forged]
            if v.edited:
                lines.append(_changed(v.record.name, "checksum", v.record.checksum, "edited"))
        return tuple(lines)


def _changed(name: str, attr: str, should: object, got: object) -> str:
    return f"Attribute '{attr}' for cell {name} has changed! (should be: {should}, got: {got})"


def _forged(cell: Mapping[str, Any], meta: Mapping[str, Any], record: CellTruth) -> tuple:
    """``(attribute, recorded, submitted)`` of each attribute that differs from ``record``."""
    wanted = trusted_metadata(record)
    found = [
        (k, str(wanted[k]), str(meta.get(k))) for k in FLAGS if meta.get(k, False) != wanted[k]
    ]
    if "points" in wanted and not _same_points(meta.get("points"), wanted["points"]):
        found.append(("points", str(wanted["points"]), str(meta.get("points"))))
    found.sort()
    if cell.get("cell_type") != record.cell_type:
        found.append(("cell_type", record.cell_type, str(cell.get("cell_type"))))
    return tuple(found)


def judge(
    cells: Sequence[Mapping[str, Any]],
    truth: NotebookTruth,
    released: Mapping[str, str] | None = None,
    delimiters: Delimiters = DEFAULT_DELIMITERS,
) -> Judgement:
    """How the submitted ``cells`` of one notebook differ from ``truth``, its record.

    Parameters
    ----------
    cells : sequence of mapping
        The submitted notebook's cells (parsed JSON dicts or nbformat nodes);
        never modified.
    truth : NotebookTruth
        The gradebook's record of the notebook (:func:`load_truth`).
    released : mapping, optional
        ``{grade_id: source}`` of the learner version (:func:`released_sources`):
        a locked cell equal to it is intact even with lines the build added.
    delimiters : Delimiters
        The course's region delimiters (hidden tests).

    Returns
    -------
    Judgement
        Frozen; ``tampered`` is what a report names, :func:`apply_record` what
        grading does about it.

    Examples
    --------
    A deleted test cell, and an earlier copy of an answer cell:

    >>> record = NotebookTruth((
    ...     CellTruth("cau-1", "code", False, False, True, False, None, "x = ..."),
    ...     CellTruth("kiem-tra-1", "code", True, True, False, False, 1.0, "expect.integer(x, 2)"),
    ... ))
    >>> answer = {"cell_type": "code", "source": "x = 2", "metadata": {"nbgrader": {
    ...     "grade_id": "cau-1", "solution": True, "locked": False, "grade": False, "task": False}}}
    >>> j = judge([answer, answer], record)
    >>> j.restored, j.duplicated, j.tampered
    (('kiem-tra-1',), ('cau-1',), ())
    """
    released = released or {}
    metas = [_meta(cell) for cell in cells]
    last: dict[str, int] = {}
    for index, meta in enumerate(metas):
        if isinstance(meta, Mapping) and truth.get(meta.get("grade_id")) is not None:
            last[meta["grade_id"]] = index
    carried = {
        gid
        for meta in metas
        if isinstance(meta, Mapping) and isinstance(gid := meta.get("grade_id"), str)
    }
    verdicts = []
    for index, (cell, meta) in enumerate(zip(cells, metas, strict=True)):
        metadata = cell.get("metadata")
        if not isinstance(metadata, Mapping) or metadata.get("nbgrader") is None:
            continue
        raw_id = meta.get("grade_id") if isinstance(meta, Mapping) else None
        grade_id = raw_id if isinstance(raw_id, str) else None
        record = truth.get(grade_id)
        claims = _claims(meta)
        if record is None or last.get(record.name) != index:
            verdicts.append(
                CellVerdict(
                    index, grade_id, None, claims, copy=record is not None,
                    promoted=record is None and isinstance(meta, Mapping) and bool(meta.get("grade")),
                )
            )  # fmt: skip
            continue
        edited = record.locked and not intact(
            cell_source(cell), record.source, released.get(record.name), delimiters
        )
        verdicts.append(
            CellVerdict(
                index, grade_id, record, claims, forged=_forged(cell, meta, record), edited=edited
            )
        )
    deleted = tuple(c.name for c in truth.cells if c.name not in carried)
    restored = tuple(
        name for name in deleted
        if (c := truth.get(name)) is not None and c.locked and c.grade and c.cell_type == "code"
    )  # fmt: skip
    return Judgement(tuple(verdicts), deleted, restored)


def apply_record(nb: Any, judgement: Judgement) -> None:
    """Rewrite ``nb`` (an nbformat notebook) as the gradebook recorded it, in place.

    ``judgement`` is :func:`judge` of ``nb.cells``. A cell whose metadata is not
    the one that keeps a known id loses its nbgrader metadata (it becomes a
    plain cell); the one that keeps it gets the recorded metadata, type and,
    when locked, source. Cells without nbgrader metadata are left alone.
    """
    for verdict in judgement.cells:
        cell = nb.cells[verdict.index]
        metadata = cell.setdefault("metadata", {})
        record = verdict.record
        if record is None:
            metadata.pop("nbgrader", None)
            continue
        meta = metadata.get("nbgrader")
        kept = (
            {k: v for k, v in meta.items() if k == "cell_type"} if isinstance(meta, Mapping) else {}
        )
        metadata["nbgrader"] = {**kept, **trusted_metadata(record)}
        if cell.get("cell_type") != record.cell_type:
            _set_type(cell, record.cell_type)
        if record.locked:
            cell["source"] = record.source


def _set_type(cell: Any, cell_type: str) -> None:
    cell["cell_type"] = cell_type
    if cell_type == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    else:
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
        if cell_type == "markdown":
            cell.setdefault("attachments", {})
