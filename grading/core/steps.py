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

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor, Preprocessor
from nbformat.v4.nbbase import random_cell_id
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import (
    ClearHiddenTests,
    GetGrades,
    OverwriteCells,
)
from traitlets import Bool, List

from grading.core.cells import DEFAULT_DELIMITERS, Delimiters, is_test, split_regions
from grading.core.cells import grade_id as cells_grade_id
from grading.core.leaks import is_significant
from grading.core.record import intact, released_sources

__all__ = [
    "HideHiddenTests",
    "QuietOverwriteCells",
    "feedback_steps",
    "hidden_lines",
    "release_path",
    "strip_hidden",
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


def release_path(config: Any, info: Any) -> Path:
    """The learner version of the notebook being graded: ``<release>/<assignment>/<notebook>.ipynb``.

    ``config`` is the run's nbgrader configuration (its ``CourseDirectory``),
    ``info`` the ``resources["nbgrader"]`` of the notebook.
    """
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    folder = coursedir.format_path(coursedir.release_directory, ".", info.get("assignment"))
    return Path(folder) / f"{info.get('notebook')}.ipynb"


class QuietOverwriteCells(OverwriteCells):
    """``OverwriteCells`` that does not cry wolf over honest test cells.

    It also gives the cells it puts back (``add_missing_cells``) the cell ``id``
    nbformat 4.5 requires; nbgrader 0.9 leaves it out, and nbformat warns.
    """

    #: A stand-in for nbgrader's ``Gradebook`` that answers from the record read once per
    #: batch (:class:`grading.verbs._batch.RecordGradebook`); ``None``: the gradebook.
    record_gradebook: Any = None

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        self._released = released_sources(release_path(self.config, resources.get("nbgrader", {})))
        if self.record_gradebook is None:
            nb, resources = super().preprocess(nb, resources)
        else:  # nbgrader's OverwriteCells.preprocess, reading the record instead of the database
            info = resources["nbgrader"]
            self.notebook_id, self.assignment_id = info["notebook"], info["assignment"]
            self.db_url = info["db_url"]
            self.gradebook = self.record_gradebook
            nb, resources = Preprocessor.preprocess(self, nb, resources)
            if self.add_missing_cells:
                nb, resources = self.add_missing_grade_cells(nb, resources)
                nb, resources = self.add_missing_task_cells(nb, resources)
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
        return source_cell.locked and intact(cell.source, source_cell.source, released, delimiters)

    def report_change(self, name: str, attr: str, old: Any, new: Any) -> None:
        if attr == "checksum" and getattr(self, "_as_released", False):
            self.log.debug("Cell %s is the released version (hidden tests restored)", name)
            return
        super().report_change(name, attr, old, new)


class InertMarkdown(Preprocessor):
    """Markdown cells made inert before an HTML page is rendered (Formgrader's view).

    The executor already cleans what it grades; this step is the same rule at
    render time, so a page never shows a learner's active link whatever path
    the notebook took (see :func:`grading.core.html.inert_markdown`).
    """

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        from grading.core.html import inert_markdown

        if cell.get("cell_type") == "markdown":
            cell.source = inert_markdown(cell.source)
        return cell, resources


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
