"""What a cell *is* comes from the gradebook, never from the submitted notebook.

nbgrader records every graded, solution and locked cell of the source notebook
at ``generate_assignment`` time (``SourceCell``, ``GradeCell``, ``SolutionCell``,
``TaskCell``). A learner can write anything into a cell's metadata
(``locked: true`` on an answer cell, ``grade: true`` and 100 points on a
comment cell, a test cell's id on a copy of it); this module is the one place
that turns the gradebook's record into:

- :class:`NotebookTruth`, which :func:`grading.executor.engine.execute_notebook`
  asks which cells are test cells (and their real source) and which locked
  cells' imports the trusted side may repeat;
- :class:`TrustGradebookMetadata`, the first sanitising step of autograde: it
  rewrites the nbgrader metadata of every cell from the gradebook, drops
  metadata the gradebook does not know, keeps one copy of a duplicated id, and
  reports each change (so later nbgrader steps never crash on forged metadata).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CellTruth",
    "NotebookTruth",
    "TrustGradebookMetadata",
    "load_truth",
    "trusted_metadata",
    "truth_for",
]


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
    """The gradebook's record of one notebook of an assignment.

    Examples
    --------
    >>> t = NotebookTruth((CellTruth("setup", "code", True, False, False, False, None,
    ...                              "import numpy as np"),))
    >>> t.get("setup").locked, t.get("cau-1") is None
    (True, True)
    """

    cells: tuple[CellTruth, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {c.name: c for c in self.cells})

    def get(self, grade_id: object) -> CellTruth | None:
        if not isinstance(grade_id, str):
            return None
        return self._by_name.get(grade_id)  # type: ignore[attr-defined]


def trusted_metadata(cell: CellTruth) -> dict[str, Any]:
    """The nbgrader metadata the cell must carry (schema 3)."""
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
    """``{notebook name: NotebookTruth}`` of ``assignment`` from an open nbgrader ``Gradebook``."""
    result = {}
    for notebook in gradebook.find_assignment(assignment).notebooks:
        graded = {c.name: c for c in notebook.grade_cells}
        solutions = {c.name for c in notebook.solution_cells}
        tasks = {c.name: c for c in notebook.task_cells}
        cells = []
        for source in notebook.source_cells:
            points = None
            if source.name in graded:
                points = float(graded[source.name].max_score)
            elif source.name in tasks:
                points = float(tasks[source.name].max_score)
            cells.append(
                CellTruth(
                    name=source.name,
                    cell_type=source.cell_type,
                    locked=bool(source.locked),
                    grade=source.name in graded,
                    solution=source.name in solutions,
                    task=source.name in tasks,
                    points=points,
                    source=source.source or "",
                    checksum=source.checksum,
                )
            )
        result[notebook.name] = NotebookTruth(tuple(cells))
    return result


_CACHE: dict[tuple[str, str, str], tuple[float, dict[str, NotebookTruth]]] = {}
_CACHE_LOCK = threading.Lock()


def _stamp(db_url: str) -> float:
    """Change marker of a SQLite gradebook (its mtime); 0 for other databases."""
    import os

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
# sanitising step
# --------------------------------------------------------------------------


def _claims(meta: object) -> bool:
    return isinstance(meta, dict) and any(
        meta.get(k) for k in ("grade", "solution", "locked", "task", "grade_id", "points")
    )


def released_sources(submitted: str, assignment: str, notebook: str) -> dict[str, str]:
    """``{grade_id: source}`` of the learner version as released (``<course>/release/...``).

    ``submitted`` is nbgrader's ``<course>/submitted/<id>/<assignment>``; empty when the
    release copy is not there (then only the gradebook's source decides).
    """
    import json
    import os

    course = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(submitted))))
    path = os.path.join(course, "release", assignment, f"{notebook}.ipynb")
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return {}
    key = ("release", path, "")
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]  # type: ignore[return-value]
    try:
        with open(path, encoding="utf-8") as handle:
            cells = json.load(handle).get("cells", [])
    except (OSError, ValueError):
        return {}
    found = {}
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if isinstance(meta, dict) and isinstance(meta.get("grade_id"), str):
            source = cell.get("source", "")
            found[meta["grade_id"]] = "".join(source) if isinstance(source, list) else source
    with _CACHE_LOCK:
        _CACHE[key] = (stamp, found)  # type: ignore[assignment]
    return found


def align_with_truth(
    nb: Any, truth: NotebookTruth, released: dict[str, str] | None = None
) -> list[str]:
    """Rewrite ``nb``'s nbgrader metadata (and locked sources) from ``truth``; return changes.

    A cell whose id the gradebook does not know loses its nbgrader metadata; of
    several cells with one id, the last keeps it (nbgrader's ``DeduplicateIds``
    rule) and the others become plain cells; a known cell gets the recorded
    type, flags, points and, when locked, source.
    """
    changes: list[str] = []
    last: dict[str, int] = {}
    for index, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get("nbgrader")
        if isinstance(meta, dict) and truth.get(meta.get("grade_id")) is not None:
            last[meta["grade_id"]] = index
    for index, cell in enumerate(nb.cells):
        metadata = cell.setdefault("metadata", {})
        meta = metadata.get("nbgrader")
        if meta is None:
            continue
        known = truth.get(meta.get("grade_id")) if isinstance(meta, dict) else None
        if known is None or last.get(known.name) != index:
            if _claims(meta):
                grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
                why = "a copy of" if known is not None else "unknown to the gradebook:"
                changes.append(f"cell {index}: nbgrader metadata removed ({why} {grade_id!r})")
            del metadata["nbgrader"]
            continue
        wanted = trusted_metadata(known)
        kept = {k: v for k, v in meta.items() if k == "cell_type"}
        differing = sorted(
            k for k in ("grade", "locked", "solution", "task", "points")
            if k in wanted and meta.get(k) != wanted[k] and not (
                k == "points" and _same_points(meta.get(k), wanted[k]))
        )  # fmt: skip
        differing += [k for k in ("grade", "locked", "solution", "task") if k not in wanted]
        for key in sorted(set(differing)):
            changes.append(_changed(known.name, key, wanted.get(key, False), meta.get(key)))
        metadata["nbgrader"] = {**kept, **wanted}
        if cell.get("cell_type") != known.cell_type:
            changes.append(
                _changed(known.name, "cell_type", known.cell_type, cell.get("cell_type"))
            )
            _set_type(cell, known.cell_type)
        if known.locked:
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            if source != known.source:
                from grading.core.steps import same_source, strip_hidden, strip_self_checks

                # the learner's copy lacks the hidden tests and has self-checks instead:
                # only another text is tampering
                shipped = (released or {}).get(known.name)
                if not (
                    same_source(source, known.source)
                    or same_source(strip_self_checks(source), strip_hidden(known.source))
                    or (shipped is not None and same_source(source, shipped))
                ):
                    changes.append(_changed(known.name, "checksum", known.checksum, "edited"))
                cell["source"] = known.source
    return changes


#: Bytes of cell attachments (images pasted into markdown) kept per notebook.
MAX_ATTACHMENT_BYTES = 2 << 20
_SAFE_ATTACHMENT = ("image/png", "image/jpeg", "image/gif", "image/webp")
_MARKER_WORDS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def inert_learner_content(nb: Any, truth: NotebookTruth) -> list[str]:
    """Make what learners wrote inert where trainers and learners will render it.

    In every cell the gradebook does not lock: active HTML in markdown is
    removed (:func:`grading.core.html.sanitize_html`, only when some is found),
    ``javascript:`` links in markdown too, attachments keep inert image types
    within :data:`MAX_ATTACHMENT_BYTES` per notebook, and the hidden-test
    region markers are broken (so nbgrader's feedback step never mistakes a
    learner's comment for a hidden-test region).
    """
    import json
    import re

    from grading.core import html as _html

    changes: list[str] = []
    used = 0
    for index, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get("nbgrader")
        known = truth.get(meta.get("grade_id")) if isinstance(meta, dict) else None
        if known is not None and known.locked:
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        new = source
        for word in _MARKER_WORDS:
            new = new.replace(word, word.replace(" ", "\u2060 ", 1))
        if cell.get("cell_type") == "markdown" and _html.active_html(new):
            new = _html.sanitize_html(new)
            new = re.sub(r"(?i)\]\(\s*(?:javascript|vbscript|data)\s*:[^)]*\)", "](#)", new)
        if new != source:
            cell["source"] = new
            changes.append(f"cell {index}: active HTML or hidden-test markers made inert")
        attachments = cell.get("attachments")
        if isinstance(attachments, dict) and attachments:
            kept = {}
            for name, bundle in attachments.items():
                if not isinstance(bundle, dict):
                    continue
                bundle = {k: v for k, v in bundle.items() if k in _SAFE_ATTACHMENT}
                size = len(json.dumps(bundle))
                if bundle and used + size <= MAX_ATTACHMENT_BYTES:
                    used += size
                    kept[name] = bundle
            if len(kept) != len(attachments):
                changes.append(
                    f"cell {index}: {len(attachments) - len(kept)} attachment(s) dropped"
                )
            cell["attachments"] = kept
    return changes


def _changed(name: str, attr: str, should: object, got: object) -> str:
    """A change worded as nbgrader's ``OverwriteCells`` words it (one log format)."""
    return f"Attribute '{attr}' for cell {name} has changed! (should be: {should}, got: {got})"


def _same_points(value: object, wanted: object) -> bool:
    try:
        return float(value) == float(wanted)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _set_type(cell: Any, cell_type: str) -> None:
    cell["cell_type"] = cell_type
    if cell_type == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    else:
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
        cell.setdefault("attachments", {}) if cell_type == "markdown" else None


def _preprocessor_base() -> type:
    from nbgrader.preprocessors import NbGraderPreprocessor

    return NbGraderPreprocessor


class TrustGradebookMetadata(_preprocessor_base()):  # type: ignore[misc]
    """First sanitising step: every cell's nbgrader metadata as the gradebook recorded it.

    The changes are logged (nbgrader's log, hence ``hocso autograde``'s) and
    kept in ``resources["nbgrader"]["metadata_tampering"]``.
    """

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        info = resources["nbgrader"]
        truth = truth_for(
            info["db_url"], info["assignment"], info["notebook"], str(info.get("course_id") or "")
        )
        path = (resources.get("metadata") or {}).get("path") or ""
        released = released_sources(path, info["assignment"], info["notebook"]) if path else {}
        changes = align_with_truth(nb, truth, released) + inert_learner_content(nb, truth)
        for change in changes:
            self.log.warning("%s", change)
        info["metadata_tampering"] = changes
        return nb, resources

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        return cell, resources
