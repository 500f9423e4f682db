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
  instead of nbgrader's traceback.
"""

from __future__ import annotations

import os

from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default import (
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeList,
)

from grading.exchange.submit import TokenSubmit

__all__ = [
    "MARK",
    "IdentityMissing",
    "LearnerFetchAssignment",
    "LearnerFetchFeedback",
    "LearnerList",
    "LearnerSubmit",
    "no_identity_message",
]

#: Start of every message of ours; the lab extension shows the text after it.
MARK = "[hocso] "


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
        return super().start()


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
