"""``hocso solutions``: the worked solution of an assignment, released after its due date.

The learner's copy never holds a solution (hints stop at a skeleton); the
trainer releases the worked solution once the due date has passed:

- in a cohort, as the exchange assignment ``<assignment>-loi-giai``, which
  learners fetch from the Assignments panel like any other;
- in self-study, into the workspace as ``<assignment>-loi-giai/``, never
  over a file that is already there.

A solution notebook is the source notebook with the hidden tests removed, the
solution regions kept (without their markers), outputs cleared and no
nbgrader metadata (it is not an assignment, nothing in it is graded).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grading.core import cells
from grading.core.course import Course
from grading.core.errors import CohortError, SolutionsTooEarlyError
from grading.core.messages import say

__all__ = [
    "SOLUTION_SUFFIX",
    "SolutionsResult",
    "SolutionsTooEarlyError",
    "release_solutions",
    "solution_notebook",
    "write_solutions",
]

SOLUTION_SUFFIX = "-loi-giai"


@dataclass(frozen=True)
class SolutionsResult:
    """Where the worked solution of an assignment went."""

    assignment: str
    target: Path
    notebooks: tuple[str, ...]
    skipped: tuple[str, ...]  # files already there (self-study), left untouched


def solution_notebook(path: Path, delimiters: cells.Delimiters = cells.DEFAULT_DELIMITERS) -> Any:
    """The worked solution made from the source notebook at ``path`` (an nbformat notebook)."""
    import nbformat

    from toolkit.i18n import t

    nb = nbformat.read(str(path), as_version=4)
    solution = copy.deepcopy(nb)
    for cell in solution.cells:
        without_tests = cells.strip_hidden(cell.source, delimiters)
        cell.source = cells.solved({"source": without_tests}, delimiters)
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    solution.metadata.pop("hocso", None)
    banner = nbformat.v4.new_markdown_cell(
        t("solutions.banner", lang="vi", assignment=path.parent.name)
    )
    banner.id = "loi-giai"
    solution.cells.insert(0, banner)
    return solution


def _due_passed(due: dt.datetime | None, now: dt.datetime) -> bool:
    return due is not None and now >= due


def write_solutions(
    course: Course, assignment: str, folder: Path, *, overwrite: bool
) -> SolutionsResult:
    """Write the solution notebooks of ``assignment`` into ``folder``."""
    import nbformat

    from grading.core.safety import atomic_write_text

    folder.mkdir(parents=True, exist_ok=True)
    delimiters = course.delimiters()
    written, skipped = [], []
    for path in course.source_notebooks(assignment):
        name = f"{path.stem}{SOLUTION_SUFFIX}.ipynb"
        target = folder / name
        if target.exists() and not overwrite:
            skipped.append(name)
            continue
        atomic_write_text(target, nbformat.writes(solution_notebook(path, delimiters)) + "\n")
        written.append(name)
    return SolutionsResult(assignment, folder, tuple(written), tuple(skipped))


def release_solutions(
    assignment: str,
    *,
    cohort: Any = None,
    workspace: Path | None = None,
    force: bool = False,
    now: dt.datetime | None = None,
) -> SolutionsResult:
    """Release the worked solution of ``assignment`` after its due date.

    With ``workspace`` (self-study), write it into ``workspace/<assignment>-loi-giai/``;
    otherwise release it to the cohort's exchange as ``<assignment>-loi-giai``.

    Raises
    ------
    SolutionsTooEarlyError
        If the due date (from the gradebook) has not passed, or none is set,
        and ``force`` is false.
    CohortError
        If the exchange cannot be written.
    """
    from grading.classroom.cohort import open_cohort

    cohort = cohort or open_cohort()
    with cohort.gradebook() as gradebook:
        try:
            due = gradebook.find_assignment(assignment).duedate
        except Exception:  # not released in this gradebook
            due = None
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)  # nbgrader: naive UTC
    if not force and not _due_passed(due, now):
        from grading.core.times import show_time

        raise SolutionsTooEarlyError(
            say("hocso.error.solutions_no_due", assignment=assignment)
            if due is None
            else say("hocso.error.solutions_before_due", assignment=assignment, due=show_time(due))
        )
    name = f"{assignment}{SOLUTION_SUFFIX}"
    if workspace is not None:
        return write_solutions(cohort.course, assignment, Path(workspace) / name, overwrite=False)
    release_dir = cohort.course.root / "release" / name
    result = write_solutions(cohort.course, assignment, release_dir, overwrite=True)
    api = cohort.api(**{"ExchangeReleaseAssignment.force": True})
    outcome = api.release_assignment(name)
    if not outcome or not outcome["success"]:
        log = ((outcome or {}).get("log") or (outcome or {}).get("error") or "")[-2000:]
        raise CohortError(
            say(
                "hocso.error.release_failed",
                assignment=name,
                exchange=cohort.exchange_root,
                log=log,
            )
        )
    from grading.classroom.releases import record_solutions

    # from now on a submission of the assignment is flagged "after the solutions"
    record_solutions(cohort.state_dir, assignment, now)
    outbound = cohort.exchange_root / cohort.course_id / "outbound" / name
    return SolutionsResult(assignment, outbound, result.notebooks, ())
