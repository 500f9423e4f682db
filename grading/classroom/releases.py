"""Which assignments were given to a class: what every count of a class is out of.

A course holds every assignment (``hocso build`` may put all of them into the
gradebook), but a class may run only some. Grades, the report, the Excel
workbook and certificates count only the assignments *released* to the class:

* recorded by ``hocso release`` in ``<course>/.hocso/released.json`` (with the
  time), so clearing the exchange folder does not "unrelease" work;
* or present in the exchange's ``outbound/`` folder (released by Formgrader or
  by nbgrader's own command);
* or handed in by at least one learner (collected by hand or from a USB stick):
  work a learner submitted was given to the class.

An assignment in none of these is *chưa phát* (not released): shown as such,
never counted as 0 points.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from grading.core.safety import atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    from grading.classroom.cohort import Cohort

__all__ = [
    "RELEASED_FILE",
    "SOLUTIONS_FILE",
    "record_release",
    "record_solutions",
    "release_log",
    "released_assignments",
    "solutions_released",
    "split_released",
]

RELEASED_FILE = "released.json"
#: When each assignment's worked solution went out (``hocso solutions``).
SOLUTIONS_FILE = "solutions.json"


def release_log(state_dir: Path, name: str = RELEASED_FILE) -> dict[str, str]:
    """``assignment -> first release time (ISO, UTC)`` as recorded; ``{}`` if none or unreadable."""
    path = Path(state_dir) / name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): str(v) for k, v in raw.items()}


def record_release(
    state_dir: Path, assignment: str, when: dt.datetime | None = None, *, name: str = RELEASED_FILE
) -> None:
    """Record that ``assignment`` was released (its first release time is kept)."""
    log = release_log(state_dir, name)
    if assignment in log:
        return
    stamp = when or dt.datetime.now(dt.timezone.utc)
    stamp = stamp.replace(tzinfo=dt.timezone.utc) if stamp.tzinfo is None else stamp
    log[assignment] = stamp.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    atomic_write_text(Path(state_dir) / name, json.dumps(log, indent=1, sort_keys=True) + "\n")


def record_solutions(state_dir: Path, assignment: str, when: dt.datetime | None = None) -> None:
    """Record that the worked solution of ``assignment`` went out (the first time is kept)."""
    record_release(state_dir, assignment, when, name=SOLUTIONS_FILE)


def solutions_released(state_dir: Path) -> dict[str, dt.datetime]:
    """``assignment -> when its solution went out`` (naive UTC, as nbgrader stores times).

    A submission stamped after that time was handed in with the solution
    available: it is flagged, and autograde applies the trainer's policy.
    """
    out = {}
    for assignment, text in release_log(state_dir, SOLUTIONS_FILE).items():
        try:
            when = dt.datetime.fromisoformat(text)
        except ValueError:
            continue
        if when.tzinfo is not None:
            when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
        out[assignment] = when
    return out


def released_assignments(cohort: Cohort, *, submitted: Iterable[str] = ()) -> tuple[str, ...]:
    """The assignments given to this class, sorted (see the module docstring).

    ``submitted`` adds assignments known to have submissions (e.g. from the
    gradebook), beside those found in the course's ``submitted/`` folder.
    """
    names = set(release_log(cohort.state_dir)) | set(submitted)
    outbound = cohort.exchange_root / cohort.course_id / "outbound"
    if outbound.is_dir():
        names |= {p.name for p in outbound.iterdir() if p.is_dir() and not p.name.startswith(".")}
    base = cohort.root / "submitted"
    if base.is_dir():
        for learner in base.iterdir():
            if learner.is_dir() and not learner.is_symlink() and not learner.name.startswith("."):
                names |= {
                    p.name for p in learner.iterdir() if p.is_dir() and not p.name.startswith(".")
                }
    return tuple(sorted(names))


def split_released(
    assignments: Iterable[str], released: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(released, not released)`` of ``assignments``, each in course order.

    Examples
    --------
    >>> split_released(["02-marketing", "00-lam-quen", "01-anh"], ["02-marketing"])
    (('02-marketing',), ('00-lam-quen', '01-anh'))
    """
    given = set(released)
    ordered = sorted(set(assignments))
    return tuple(a for a in ordered if a in given), tuple(a for a in ordered if a not in given)
