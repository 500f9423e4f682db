"""nbgrader's exchange as a learner's JupyterLab (``hocso lab``) uses it.

The Assignments panel of nbgrader's labextension calls these classes (named in
the learner's generated ``nbgrader_config.py`` through ``ExchangeFactory``).
They are nbgrader's default exchange with three changes:

* listing without a learner id while assignments are released says how to
  join the class (the panel could neither fetch nor submit them);
* listing when nothing has been released yet (no exchange folder, or no
  ``outbound`` folder for the course) returns an empty list instead of an
  error, so the panel shows our Vietnamese explanation, not a traceback;
* fetch, submit and fetch-feedback refuse to run without a learner id
  (``CourseDirectory.student_id``): nbgrader would otherwise use the computer
  account's name, so every learner sharing an account would submit as one;
* their messages start with :data:`MARK`, which the lab's translation
  extension (``grading/labconfig``) uses to show only the Vietnamese sentence
  instead of nbgrader's traceback;
* returned feedback goes to ``<assignment>/feedback/<local time>/``
  (:func:`toolkit.coursemap.feedback_folder`, ``07-12-2026 23h34m41s``), not
  nbgrader's UTC timestamp; the list finds it there (and still in a UTC-named
  folder fetched earlier);
* each released or fetched assignment carries its due date (:func:`with_due`,
  key :data:`DUE_KEY`), read from the release's notebooks as ``hocso release``
  wrote it, with the sentence the panel shows ("Hạn nộp: 20/12/2026 23:59 (còn
  13 ngày)"), so the lab extension writes text it is given and computes no date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default import (
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeList,
)

from grading.exchange.submit import TokenSubmit

__all__ = [
    "DUE_KEY",
    "MARK",
    "IdentityMissing",
    "LearnerFetchAssignment",
    "LearnerFetchFeedback",
    "LearnerList",
    "LearnerSubmit",
    "due_entry",
    "no_identity_message",
    "with_due",
]

#: Start of every message of ours; the lab extension shows the text after it.
MARK = "[hocso] "
#: The key of an assignment's due date in the panel's list (nbgrader ignores it).
DUE_KEY = "hocso_due"


def with_due(
    assignments: list[dict],
    folder_of: Callable[[dict], list[Path]],
    *,
    now: dt.datetime | None = None,
) -> list[dict]:
    """``assignments`` (nbgrader's list) with the due date of each released or fetched one.

    ``folder_of(entry)`` names the folders whose notebooks may hold the due date,
    most trusted first (the exchange's release, then the learner's copy). An
    entry with a due date gains ``entry[DUE_KEY] = {"due": ISO UTC, "label":
    the sentence the panel shows, "past": bool}``; others are unchanged.

    Examples
    --------
    >>> import json, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> nb = {"cells": [], "metadata": {"hocso": {"due": "2026-12-20T16:59:00Z"}}}
    >>> _ = (folder / "bai.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    >>> now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)
    >>> entry = {"assignment_id": "00-lam-quen", "status": "released"}
    >>> with_due([entry], lambda e: [folder], now=now)[0][DUE_KEY]["label"]
    'Hạn nộp: 20/12/2026 23:59 (còn 13 ngày)'
    """
    from toolkit.coursemap import read_due

    for entry in assignments:
        if entry.get("status") not in ("released", "fetched"):
            continue
        for folder in folder_of(entry):
            due, _, zone = read_due(sorted(Path(folder).glob("*.ipynb")))
            if due is not None:
                entry[DUE_KEY] = due_entry(due, zone, now=now)
                break
    return assignments


def due_entry(due: str, zone: str | None = None, *, now: dt.datetime | None = None) -> dict:
    """What the panel receives for a due date (ISO UTC) in the class's time zone ``zone``.

    Examples
    --------
    >>> now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)
    >>> due_entry("2026-12-01T16:59:00Z", "Asia/Ho_Chi_Minh", now=now)["past"]
    True
    """
    from toolkit.coursemap import days_left, due_label

    return {
        "due": due,
        "label": due_label(due, now, tz=zone),
        "past": days_left(due, now, zone) is None,
    }


def no_identity_message() -> str:
    """What a learner reads when JupyterLab was opened without a learner id."""
    return (
        MARK + "JupyterLab này đang ở chế độ tự học nên chưa biết bạn là học viên nào. "
        "Để nhận và nộp bài của lớp, hãy đóng JupyterLab rồi mở lại bằng lệnh "
        "`make lab LEARNER=mã-học-viên` (ví dụ `make lab LEARNER=hv01`; giảng viên cho bạn mã này)."
    )


def _has_identity(exchange) -> bool:
    learner = exchange.coursedir.student_id
    return bool(learner) and learner != "*"


def _require_identity(exchange) -> None:
    if not _has_identity(exchange):
        raise ExchangeError(no_identity_message())


class IdentityMissing(RuntimeError):
    """Released assignments, but the lab has no learner id (self-study mode).

    Not an ``ExchangeError``: nbgrader's server replaces those by a fixed English
    text, while other errors reach the panel (with :data:`MARK`) as they are.
    """


class LearnerList(ExchangeList):
    """List released / submitted assignments; nothing released is an empty list."""

    def start(self):
        course = self.coursedir.course_id or ""
        if not self.cached and not os.path.isdir(os.path.join(self.root, course, "outbound")):
            return []
        if not _has_identity(self):
            if self.cached:
                return []  # no identity: never list the account's shared cache
            # Released work but no learner id: say how to join instead of listing
            # assignments this lab could neither fetch nor submit.
            raise IdentityMissing(no_identity_message())
        listed = super().start()
        if self.inbound:
            return listed
        if self.cached:
            for group in listed:
                for info in group.get("submissions", []):
                    self._feedback_in_local_time(info)
            return listed

        def folders(entry: dict) -> list[Path]:
            release = Path(self.root, entry["course_id"], "outbound", entry["assignment_id"])
            return [release, Path(entry.get("path") or release)]

        return with_due(listed, folders)

    def _feedback_in_local_time(self, info: dict) -> None:
        """Point a submission's feedback at its local-time folder (see :class:`LearnerFetchFeedback`).

        nbgrader looked in ``feedback/<UTC timestamp>/``; a folder fetched there
        before is kept as nbgrader found it.
        """
        from nbgrader.utils import notebook_hash

        from toolkit.coursemap import feedback_folder

        base = Path(self.assignment_dir)
        if self.path_includes_course:
            base = base / info["course_id"]
        folder = (base / info["assignment_id"]).absolute() / "feedback"
        folder = folder / feedback_folder(info["timestamp"])
        notebooks = info.get("notebooks") or []
        if not any((folder / f"{nb['notebook_id']}.html").is_file() for nb in notebooks):
            return  # not fetched yet, or fetched by stock nbgrader into the UTC folder
        secret_file = Path(info.get("path", ""), "submission_secret.txt")
        secret = secret_file.read_text() if secret_file.is_file() else None
        for nb in notebooks:
            page = folder / f"{nb['notebook_id']}.html"
            nb["has_local_feedback"] = page.is_file()
            nb["local_feedback_path"] = str(page) if page.is_file() else None
            updated = False
            if page.is_file() and nb.get("has_exchange_feedback") and secret:
                name = notebook_hash(secret=secret, notebook_id=nb["notebook_id"]) + ".html"
                source = Path(self.root, info["course_id"], "feedback", name)
                updated = source.is_file() and _sha256(source) != _sha256(page)
            nb["feedback_updated"] = updated
        info["has_local_feedback"] = all(nb["has_local_feedback"] for nb in notebooks)
        info["feedback_updated"] = any(nb["feedback_updated"] for nb in notebooks)
        info["local_feedback_path"] = str(folder) if info["has_local_feedback"] else None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class LearnerFetchAssignment(ExchangeFetchAssignment):
    """Fetch, only for a known learner."""

    def start(self):
        _require_identity(self)
        dest = os.path.join(self.assignment_dir, self.coursedir.assignment_id)
        if os.path.isdir(dest) and not self.replace_missing_files:
            raise ExchangeError(
                MARK + f"Bạn đã có thư mục {self.coursedir.assignment_id} rồi: mở nó ở thanh "
                "File Browser bên trái để làm bài (bài của bạn không bị ghi đè)."
            )
        return super().start()


class LearnerSubmit(TokenSubmit):
    """Submit, only for a known learner (never as the computer account).

    The learner's ``.hocso-identity`` token (written by ``hocso lab --learner``
    into the workspace, nbgrader's ``CourseDirectory.root`` there) goes with the
    submission, so ``hocso collect`` can tell learners of one account apart.
    """

    def start(self):
        _require_identity(self)
        return super().start()


class LearnerFetchFeedback(ExchangeFetchFeedback):
    """Fetch feedback, only for a known learner and only from their own cache.

    Each submission's pages go to ``<assignment>/feedback/<local time>/``
    (``07-12-2026 23h34m41s``, see :func:`toolkit.coursemap.feedback_folder`)
    instead of nbgrader's ``<UTC timestamp with microseconds>``: a learner who
    browses the folder reads when they submitted.
    """

    def start(self):
        _require_identity(self)
        return super().start()

    def do_copy(self, src, dest):
        from toolkit.coursemap import feedback_folder

        self.feedback_files = [
            (notebook, feedback_folder(stamp), page)
            for notebook, stamp, page in self.feedback_files
        ]
        super().do_copy(src, dest)
