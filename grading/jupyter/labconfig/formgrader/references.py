"""Formgrader's grading page shows the reference numbers ``hocso build`` computed.

:class:`AttachReferences` is an nbconvert preprocessor added to the exporter
Formgrader renders submissions with (and only to that one: feedback, which a
learner reads, uses another exporter). It reads the trainer-side file of the
notebook being graded (:func:`grading.core.references.read_references`) and
puts ``answer id -> text`` into ``resources["hocso_references"]``; our
``formgrade`` template shows each text next to the answer it serves, in a
"Số tham chiếu cho người chấm" block. Nothing runs: the numbers were computed
once, at build time.
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from grading.core.references import read_references

__all__ = ["RESOURCES_KEY", "AttachReferences", "attach_references"]

#: Where the grading page template finds the reference texts.
RESOURCES_KEY = "hocso_references"


class AttachReferences(Preprocessor):
    """Put the notebook's build-time reference texts into the page's resources.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from grading.core.references import write_references
    >>> root = tempfile.mkdtemp()
    >>> _ = write_references(Path(root), "00-lam-quen", "00-lam-quen.ipynb",
    ...                      {"tham-chieu-cau-9": "Lãi Postmart 12,5 triệu"})
    >>> step = AttachReferences(course_root=root)
    >>> _, res = step.preprocess({"cells": []}, {"assignment_id": "00-lam-quen",
    ...                                           "notebook_id": "00-lam-quen"})
    >>> res["hocso_references"]
    {'cau-9': 'Lãi Postmart 12,5 triệu'}
    >>> step.preprocess({"cells": []}, {"assignment_id": "../x", "notebook_id": "y"})[1]
    {'assignment_id': '../x', 'notebook_id': 'y', 'hocso_references': {}}
    """

    course_root = Unicode("", help="the course root whose tham-chieu/ folder is read").tag(
        config=True
    )

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        resources = resources if resources is not None else {}
        assignment = str(resources.get("assignment_id") or "")
        notebook = str(resources.get("notebook_id") or "")
        found = (
            read_references(self.course_root, assignment, notebook)
            if self.course_root and assignment and notebook
            else {}
        )
        resources[RESOURCES_KEY] = found
        return nb, resources


def attach_references(exporter: Any, course_root: str) -> None:
    """Register :class:`AttachReferences` on Formgrader's exporter (once)."""
    if any(isinstance(p, AttachReferences) for p in exporter._preprocessors):
        return
    exporter.register_preprocessor(AttachReferences(course_root=str(course_root)), enabled=True)
