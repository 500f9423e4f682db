"""Running nbgrader quietly and quickly inside a trainer's process."""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator

__all__ = ["quiet_nbgrader", "skip_slow_optional_imports"]


def skip_slow_optional_imports() -> None:
    """Keep jsonschema from importing its optional ``rfc3987_syntax`` dependency.

    jsonschema (imported by nbformat, hence by nbgrader) imports
    ``rfc3987_syntax`` when it is installed, only to check the ``iri`` string
    format, which no notebook schema uses; building its grammar costs 1–3 s on
    every start of a process that touches nbgrader. Marking the module absent
    (``None`` in :data:`sys.modules`) makes that optional import fail fast, as
    if the package were not installed. Does nothing once jsonschema is loaded.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


@contextlib.contextmanager
def quiet_nbgrader() -> Iterator[None]:
    """Silence one known, harmless SQLAlchemy warning from nbgrader's gradebook.

    nbgrader 0.9 creates a ``SubmittedAssignment`` and then reads relationships
    before adding it to the session; SQLAlchemy 2 warns "Object of type
    <SubmittedAssignment> not in session" on a learner's first autograde.
    """
    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Object of type <Submitted", category=SAWarning)
        yield
