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
* each released or fetched assignment carries its due date (:func:`with_due`,
  key :data:`DUE_KEY`), read from the release's notebooks as ``hocso release``
  wrote it, with the sentence the panel shows ("Hạn nộp: 20/12/2026 23:59 (còn
  13 ngày)"), so the lab extension writes text it is given and computes no date.
"""

from __future__ import annotations

import datetime as dt
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
    from toolkit.coursemap import days_left, due_label, read_due

    for entry in assignments:
        if entry.get("status") not in ("released", "fetched"):
            continue
        for folder in folder_of(entry):
            due, _, zone = read_due(sorted(Path(folder).glob("*.ipynb")))
            if due is not None:
                entry[DUE_KEY] = {
                    "due": due,
                    "label": due_label(due, now, tz=zone),
                    "past": days_left(due, now, zone) is None,
                }
                break
    return assignments


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
        if self.inbound or self.cached:
            return listed

        def folders(entry: dict) -> list[Path]:
            release = Path(self.root, entry["course_id"], "outbound", entry["assignment_id"])
            return [release, Path(entry.get("path") or release)]

        return with_due(listed, folders)


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
    """Fetch feedback, only for a known learner and only from their own cache."""

    def start(self):
        _require_identity(self)
        return super().start()
