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
    "record_release",
    "release_log",
    "released_assignments",
    "split_released",
]

RELEASED_FILE = "released.json"


def release_log(state_dir: Path) -> dict[str, str]:
    """``assignment -> first release time (ISO, UTC)`` as recorded; ``{}`` if none or unreadable."""
    path = Path(state_dir) / RELEASED_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): str(v) for k, v in raw.items()}


def record_release(state_dir: Path, assignment: str, when: dt.datetime | None = None) -> None:
    """Record that ``assignment`` was released (its first release time is kept)."""
    log = release_log(state_dir)
    if assignment in log:
        return
    stamp = (when or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    log[assignment] = stamp.isoformat(timespec="seconds")
    atomic_write_text(
        Path(state_dir) / RELEASED_FILE, json.dumps(log, indent=1, sort_keys=True) + "\n"
    )


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
