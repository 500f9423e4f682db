"""nbgrader pipeline steps that ``hocso`` puts in place of stock ones.

This module imports nbgrader; load it only when grading (``Cohort.settings``).

* :class:`QuietOverwriteCells` (autograde, sanitizing): stock ``OverwriteCells``
  warns "checksum has changed" for *every* test cell with hidden tests in an
  honest submission, because the gradebook stores the cell with its hidden tests
  and the learner's copy never had them (and has self-check lines instead).
  Those warnings are dropped to debug level when the learner's cell is the
  released one, so a warning now means the learner really edited a locked cell.
* :class:`HideHiddenTests` (feedback): stock ``GenerateFeedback`` renders the
  autograded notebook, hidden tests included (nbgrader issue 917), and the
  tracebacks of failed checks quote the test cell around the failing line.
  This step removes hidden-test regions and replaces those tracebacks by the
  check's own message (which names what is wrong, never the expected value).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat.v4.nbbase import random_cell_id
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import (
    ClearHiddenTests,
    GetGrades,
    OverwriteCells,
)
from traitlets import Bool, List

from grading.core.cells import DEFAULT_DELIMITERS, Delimiters, is_test, source, split_regions
from grading.core.cells import grade_id as cells_grade_id
from grading.core.leaks import is_significant

__all__ = [
    "HideHiddenTests",
    "QuietOverwriteCells",
    "as_released",
    "feedback_steps",
    "hidden_lines",
    "released_sources",
    "same_source",
    "self_check_marker",
    "strip_hidden",
    "strip_self_checks",
]

BEGIN, END = DEFAULT_DELIMITERS.hidden_tests  # nbgrader's ClearHiddenTests defaults
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_hidden(source: str, begin: str = BEGIN, end: str = END) -> str:
    """``source`` without its hidden-test regions, as ``ClearHiddenTests`` leaves it.

    Examples
    --------
    >>> strip_hidden("a = 1\\n### BEGIN HIDDEN TESTS\\nassert a == 1\\n### END HIDDEN TESTS")
    'a = 1'
    """
    return "\n".join(line for inside, line in split_regions(source, begin, end) if not inside)


def hidden_lines(source: str, begin: str = BEGIN, end: str = END) -> set[str]:
    """Significant lines (stripped) inside the hidden-test regions of ``source``."""
    return {
        line.strip()
        for inside, line in split_regions(source, begin, end)
        if inside and is_significant(line)
    }


def released_sources(path: str | Path) -> dict[str, str]:
    """``{grade_id: source}`` of the cells of a learner version (``release/...ipynb``).

    What a learner really received: the build may add to a locked cell (the
    truthful self-check lines of :mod:`grading.verbs.selfcheck`) besides removing its
    hidden tests. Empty when the file is missing or unreadable.
    """
    import json

    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        found = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {
        gid: source(cell)
        for cell in found
        if isinstance(cell, dict) and (gid := cells_grade_id(cell)) is not None
    }


def as_released(text: str, source_text: str, released: str | None, delimiters: Delimiters) -> bool:
    """Whether a learner's copy ``text`` of a locked cell is what they were given.

    ``source_text`` is the cell in the gradebook (hidden tests included),
    ``released`` the cell of the learner version, if known.
    """
    return (
        (released is not None and same_source(text, released))
        or same_source(text, strip_hidden(source_text, *delimiters.hidden_tests))
        or same_source(text, source_text)
    )


def same_source(a: str, b: str) -> bool:
    """Equal up to trailing whitespace (what an editor may add or drop)."""

    def norm(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))

    return norm(a) == norm(b)


class QuietOverwriteCells(OverwriteCells):
    """``OverwriteCells`` that does not cry wolf over honest test cells.

    It also gives the cells it puts back (``add_missing_cells``) the cell ``id``
    nbformat 4.5 requires; nbgrader 0.9 leaves it out, and nbformat warns.
    """

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        self._released = released_sources(self._release_path(resources))
        nb, resources = super().preprocess(nb, resources)
        if (nb.nbformat, nb.nbformat_minor) >= (4, 5):
            for cell in nb.cells:
                if "id" not in cell:
                    cell["id"] = random_cell_id()
        return nb, resources

    def preprocess_cell(self, cell: Any, resources: Any, cell_index: int) -> tuple[Any, Any]:
        self._as_released = self._matches_release(cell)
        return super().preprocess_cell(cell, resources, cell_index)

    def _matches_release(self, cell: Any) -> bool:
        grade_id = cells_grade_id(cell)
        if grade_id is None:
            return False
        try:
            source_cell = self.gradebook.find_source_cell(
                grade_id, self.notebook_id, self.assignment_id
            )
        except MissingEntry:
            return False
        delimiters = Delimiters.from_config(self.config)
        released = getattr(self, "_released", {}).get(grade_id)
        return source_cell.locked and as_released(
            cell.source, source_cell.source, released, delimiters
        )

    def _release_path(self, resources: Any) -> Path:
        from nbgrader.coursedir import CourseDirectory

        info = resources.get("nbgrader", {})
        coursedir = CourseDirectory(config=self.config)
        folder = coursedir.format_path(coursedir.release_directory, ".", info.get("assignment"))
        return Path(folder) / f"{info.get('notebook')}.ipynb"

    def report_change(self, name: str, attr: str, old: Any, new: Any) -> None:
        if attr == "checksum" and getattr(self, "_as_released", False):
            self.log.debug("Cell %s is the released version (hidden tests restored)", name)
            return
        super().report_change(name, attr, old, new)


class HideHiddenTests(ClearHiddenTests):
    """Feedback step: no hidden-test code, in cell sources or in tracebacks."""

    enforce_metadata = Bool(False).tag(config=True)
    # configurable, as on GetGrades: the HTML exporter configures it for every
    # NbConvertBase, and traitlets warns about non-configurable traits it sets
    display_data_priority = List(
        [
            "text/html",
            "application/pdf",
            "text/latex",
            "image/svg+xml",
            "image/png",
            "image/jpeg",
            "text/plain",
        ]
    ).tag(config=True)

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        self._secret: set[str] = set()
        for cell in nb.cells:
            self._secret |= hidden_lines(
                cell.source, self.begin_test_delimeter, self.end_test_delimeter
            )
        return super().preprocess(nb, resources)

    def _quotes_secret(self, output: Any) -> bool:
        text = _ANSI.sub("", "\n".join(output.get("traceback", [])))
        return any(line in text for line in self._secret)

    def preprocess_cell(self, cell: Any, resources: Any, cell_index: int) -> tuple[Any, Any]:
        removed = self._remove_hidden_test_region(cell)
        if cell.cell_type == "code":
            test = is_test(cell)
            for output in cell.get("outputs", []):
                if output.output_type == "error" and (
                    removed or test or self._quotes_secret(output)
                ):
                    output.traceback = [f"\x1b[0;31m{output.ename}\x1b[0m: {output.evalue}"]
        return cell, resources


def feedback_steps() -> list[type]:
    """Feedback generation, as in nbgrader 0.9 with :class:`HideHiddenTests`."""
    return [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]


#: Markers of learner copies built before (still recognised).
_EARLIER_MARKERS = (
    "# Tự kiểm tra: so bài làm với đáp án đã được mã hóa (bản này không chứa đáp án). "
    "Điểm chính thức do bài chấm của giảng viên quyết định.",
)


def self_check_marker() -> str:
    """The comment line that opens the self-check block ``hocso build`` appends to a test cell."""
    from toolkit.i18n import t

    return "# " + t("selfcheck.comment", lang="vi")


def strip_self_checks(source: str) -> str:
    r"""A learner-copy test cell without the self-check block ``hocso build`` appended.

    What is left is what ``ClearHiddenTests`` alone leaves, so a grader can tell
    an honest copy of a test cell from an edited one.

    Examples
    --------
    >>> strip_self_checks("expect.has_type(x, 'number')\n" + self_check_marker() + "\nexpect.self_check(x, {})")
    "expect.has_type(x, 'number')"
    """
    lines = source.split("\n")
    markers = {self_check_marker(), *_EARLIER_MARKERS}
    for index, line in enumerate(lines):
        if line.strip() in markers:
            return "\n".join(lines[:index]).rstrip("\n")
    return source
