"""The trainer's reference numbers, computed by ``hocso build`` and kept on the trainer's side.

A written (manually graded) question has a reference cell in the source
notebook (grade id ``tham-chieu-<answer id>``, see
:data:`grading.core.cells.REFERENCE_PREFIX`): trainer code that computes, from
the course data, the numbers a grader checks and the model answer. ``hocso
build`` runs the source notebook once and keeps what each reference cell
printed in ``<course>/tham-chieu/<assignment>/<notebook>.json`` (next to
``source/``, outside ``release/``: a learner never receives it), beside the
executed trainer's copy ``<notebook>.ipynb``. Formgrader's grading page reads
the file and shows the text next to the learner's answer ("Số tham chiếu cho
người chấm").

The file::

    {"notebook": "00-lam-quen.ipynb",
     "references": {"cau-9": {"cell": "tham-chieu-cau-9", "text": "SỐ LIỆU THAM KHẢO ..."}}}

Examples
--------
>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> path = write_references(root, "00-lam-quen", "00-lam-quen.ipynb",
...                         {"tham-chieu-cau-9": "Lợi nhuận: 12,5 triệu"})
>>> path.relative_to(root).as_posix()
'tham-chieu/00-lam-quen/00-lam-quen.json'
>>> read_references(root, "00-lam-quen", "00-lam-quen")
{'cau-9': 'Lợi nhuận: 12,5 triệu'}
>>> read_references(root, "01-khong-co", "01-khong-co")
{}
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from grading.core.cells import REFERENCE_PREFIX
from grading.core.safety import atomic_write_text

__all__ = [
    "REFERENCES_DIR",
    "answer_id",
    "read_references",
    "references_path",
    "trainer_copy_path",
    "write_references",
]

#: The folder of a course root where ``hocso build`` keeps the trainer's reference numbers.
REFERENCES_DIR = "tham-chieu"
# an assignment or notebook name is one path segment (it comes from a URL in Formgrader)
_SEGMENT = re.compile(r"^[\w.-]+$")
# a reference text is trainer output shown in a page: bounded, lines and columns kept,
# other control characters (escape sequences, bidi overrides) dropped
_MAX_TEXT = 100_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _segment(name: str, what: str) -> str:
    if not _SEGMENT.match(name) or name in {".", ".."}:
        raise ValueError(f"{what} {name!r} is not a plain file name")
    return name


def _clean(text: str) -> str:
    """NFC text without control characters, cut to :data:`_MAX_TEXT`.

    >>> _clean("a\\x1b[31m  b\\nc\\u202e")
    'a[31m  b\\nc'
    """
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))[:_MAX_TEXT]


def answer_id(reference_id: str) -> str:
    """The grade id of the answer a reference cell serves: its id without the prefix.

    >>> answer_id("tham-chieu-cau-12")
    'cau-12'
    """
    if not reference_id.startswith(REFERENCE_PREFIX):
        raise ValueError(f"{reference_id!r} is not a reference cell id ({REFERENCE_PREFIX}…)")
    return reference_id[len(REFERENCE_PREFIX) :]


def references_path(root: Path, assignment: str, notebook: str) -> Path:
    """``<root>/tham-chieu/<assignment>/<notebook stem>.json``.

    >>> references_path(Path("/k"), "02-marketing", "02-marketing.ipynb").as_posix()
    '/k/tham-chieu/02-marketing/02-marketing.json'
    """
    stem = Path(_segment(notebook, "notebook")).stem
    return Path(root) / REFERENCES_DIR / _segment(assignment, "assignment") / f"{stem}.json"


def trainer_copy_path(root: Path, assignment: str, notebook: str) -> Path:
    """The executed trainer's copy beside the references: ``<notebook stem>.ipynb``."""
    return references_path(root, assignment, notebook).with_suffix(".ipynb")


def write_references(root: Path, assignment: str, notebook: str, texts: Mapping[str, str]) -> Path:
    """Keep what each reference cell printed (``reference id -> text``); returns the file."""
    path = references_path(root, assignment, notebook)
    payload = {
        "notebook": Path(notebook).name,
        "references": {
            answer_id(ref): {"cell": ref, "text": text} for ref, text in sorted(texts.items())
        },
    }
    atomic_write_text(path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    return path


def read_references(root: Path, assignment: str, notebook: str) -> dict[str, str]:
    """``answer id -> reference text`` for a notebook; empty when none was built.

    An unreadable or malformed file reads as empty (the grading page must
    still open); its texts are NFC, without control characters.
    """
    try:
        path = references_path(root, assignment, notebook)
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["references"]
        return {str(answer): _clean(str(entry["text"])) for answer, entry in entries.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
