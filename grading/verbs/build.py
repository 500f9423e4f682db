"""``hocso build``: generate the learner version of every assignment and validate it.

It also computes the reference numbers of written questions from the course
data (:mod:`grading.verbs.references`) and keeps them on the trainer's side,
for the trainer's copy and Formgrader's grading page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grading.core import cells
from grading.core.course import Course, open_course
from grading.core.errors import BuildError, ReleaseLeakError
from grading.core.leaks import Leak, find_leaks
from grading.core.messages import say
from grading.verbs.references import build_references

__all__ = ["BuildResult", "build", "check_release", "lint_assignment"]


@dataclass(frozen=True)
class BuildResult:
    """The learner version of one assignment."""

    assignment: str
    notebooks: tuple[Path, ...]
    grade_cells: int
    points: float
    references: tuple[Path, ...] = ()  # trainer-side reference files (never in the release)


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def check_release(course: Course, assignment: str) -> list[str]:
    """Problems of a generated learner version (empty when it is sound).

    Checks each release notebook against its source: same notebooks, no
    leaks (:func:`grading.core.leaks.find_leaks`), every graded cell still present
    with its points, and graded test cells locked.
    """
    problems: list[str] = []
    delimiters = course.delimiters()
    sources = {p.name: p for p in course.source_notebooks(assignment)}
    releases = {p.name: p for p in course.release_notebooks(assignment)}
    if set(sources) != set(releases):
        problems.append(
            f"release notebooks {sorted(releases)} differ from source {sorted(sources)}"
        )
    for name in sorted(set(sources) & set(releases)):
        source, release = _read(sources[name]), _read(releases[name])
        leaks: list[Leak] = find_leaks(source, release, delimiters)
        problems.extend(f"{name}: {leak}" for leak in leaks)
        src_ids = [cells.grade_id(c) for c in cells.grade_cells(source.get("cells", []))]
        rel_cells = cells.grade_cells(release.get("cells", []))
        rel_ids = [cells.grade_id(c) for c in rel_cells]
        if src_ids != rel_ids:
            problems.append(f"{name}: graded cells {rel_ids} differ from source {src_ids}")
        for cell in rel_cells:
            # the flag itself, not cells.is_locked (which is true of every test cell)
            if cells.is_test(cell) and not cells.metadata(cell).get("locked"):
                problems.append(f"{name}: test cell {cells.grade_id(cell)} is not locked")
    return problems


def lint_assignment(course: Course, assignment: str) -> list[str]:
    """Test cells of ``assignment`` that the trusted grader could not check out of process.

    Such a cell would run inside the learner's process, where a determined
    learner can fake a pass, so the build refuses it (DESIGN.md, "Shape of a
    check call").
    """
    from grading.executor.lint import lint_test_cells

    return [
        f"{path.name}: {issue.grade_id}: test cell cannot be checked out of the learner's process: "
        + "; ".join(issue.reasons)
        for path in course.source_notebooks(assignment)
        for issue in lint_test_cells(path)
    ]


def build(
    course: Course | None = None,
    assignments: Iterable[str] | None = None,
    *,
    references: bool = True,
) -> list[BuildResult]:
    """Generate and validate the learner version of each assignment.

    Uses nbgrader's own ``generate_assignment`` (so the gradebook learns the
    assignment and its cells), then :func:`check_release`; then, unless
    ``references`` is false, runs the source notebooks that have reference
    cells and keeps what those print in ``<course>/tham-chieu/``
    (:func:`grading.verbs.references.build_references`).

    Raises
    ------
    BuildError
        If nbgrader fails (the message carries nbgrader's log), or the
        trainer's version fails to compute its reference numbers.
    ReleaseLeakError
        If a learner version holds solution or hidden-test text, or a test
        cell cannot be checked out of the learner's process
        (:func:`lint_assignment`).
    """
    course = course or open_course()
    wanted = list(assignments) if assignments is not None else course.assignments()
    api = course.api()
    results = []
    for assignment in wanted:
        course.source_notebooks(assignment)  # raises CourseError for an unknown id
        outcome = api.generate_assignment(assignment, force=True, create=True)
        if not outcome["success"]:
            log = outcome.get("error") or outcome.get("log")
            raise BuildError(say("hocso.error.generate_failed", assignment=assignment, log=log))
        problems = check_release(course, assignment) + lint_assignment(course, assignment)
        if problems:
            raise ReleaseLeakError(
                say(
                    "hocso.error.learner_version_unsafe",
                    assignment=assignment,
                    problems="\n  ".join(problems),
                )
            )
        kept = build_references(course, assignment) if references else []
        notebooks = tuple(course.release_notebooks(assignment))
        graded = [c for nb in notebooks for c in cells.grade_cells(_read(nb)["cells"])]
        results.append(
            BuildResult(
                assignment=assignment,
                notebooks=notebooks,
                grade_cells=len(graded),
                points=cells.total_points(graded),
                references=tuple(r.path for r in kept),
            )
        )
    return results
