"""nbgrader pipeline steps that ``hocso`` puts in place of stock ones.

This module imports nbgrader; load it only when grading (``Cohort.settings``).

* :class:`QuietOverwriteCells` (autograde, sanitizing): stock ``OverwriteCells``
  warns "checksum has changed" for *every* test cell with hidden tests in an
  honest submission, because the gradebook stores the cell with its hidden tests
  and the learner's copy never had them. Those warnings are dropped to debug
  level, so a warning now means the learner really edited a locked cell.
* :class:`HideHiddenTests` (feedback): stock ``GenerateFeedback`` renders the
  autograded notebook, hidden tests included (nbgrader issue 917), and the
  tracebacks of failed checks quote the test cell around the failing line.
  This step removes hidden-test regions and replaces those tracebacks by the
  check's own message (which names what is wrong, never the expected value).
"""

from __future__ import annotations

import re
from typing import Any

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat.v4.nbbase import random_cell_id
from nbgrader import utils
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import (
    ClearHiddenTests,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    OverwriteCells,
    OverwriteKernelspec,
)
from traitlets import Bool, List

from grading.leaks import is_significant, split_regions

__all__ = [
    "HideHiddenTests",
    "QuietOverwriteCells",
    "feedback_steps",
    "hidden_lines",
    "same_source",
    "sanitize_steps",
    "strip_hidden",
]

BEGIN = "BEGIN HIDDEN TESTS"  # nbgrader's ClearHiddenTests delimiters (substring match)
END = "END HIDDEN TESTS"
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
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is None:
            return False
        try:
            source_cell = self.gradebook.find_source_cell(
                grade_id, self.notebook_id, self.assignment_id
            )
        except MissingEntry:
            return False
        return source_cell.locked and same_source(cell.source, strip_hidden(source_cell.source))

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
            is_test = utils.is_grade(cell) and not utils.is_solution(cell)
            for output in cell.get("outputs", []):
                if output.output_type == "error" and (
                    removed or is_test or self._quotes_secret(output)
                ):
                    output.traceback = [f"\x1b[0;31m{output.ename}\x1b[0m: {output.evalue}"]
        return cell, resources


def sanitize_steps() -> list[type]:
    """Autograde's first pass, as in nbgrader 0.9 with :class:`QuietOverwriteCells`.

    The metadata check is nbgrader's, with its JSON schema compiled once
    (:class:`~grading.executor.preprocessor.FastCheckCellMetadata`): the stock
    step re-validates the schema itself for every cell.
    """
    from grading.executor._gradebook import TrustGradebookMetadata
    from grading.executor.preprocessor import FastCheckCellMetadata

    return [
        TrustGradebookMetadata,  # nbgrader metadata as the gradebook recorded it
        ClearOutput,
        DeduplicateIds,
        OverwriteKernelspec,
        QuietOverwriteCells,
        FastCheckCellMetadata,
    ]


def feedback_steps() -> list[type]:
    """Feedback generation, as in nbgrader 0.9 with :class:`HideHiddenTests`."""
    return [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
