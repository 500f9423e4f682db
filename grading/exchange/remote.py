"""nbgrader's exchange over HTTP, to the hub-authenticated exchange service.

:class:`ExchangeClient` calls :mod:`grading.exchange.service` with the user's
JupyterHub token (``$JUPYTERHUB_API_TOKEN``, which JupyterHub gives every
learner's server); the service, not this code, decides who the user is, what
time it is and what they may see. The exchange classes named in the hub's
``nbgrader_config.py`` (``c.ExchangeFactory.*``, written by ``hocso hub``):

* learner side, for the *Assignments* panel: :class:`HubList`,
  :class:`HubFetchAssignment`, :class:`HubSubmit`, :class:`HubFetchFeedback`;
* trainer side, for ``hocso release`` / ``hocso feedback`` (nbgrader's API):
  :class:`HubReleaseAssignment` (the local release, then the upload) and
  :class:`HubReleaseFeedback`; ``hocso collect`` pulls with
  :func:`pull_submissions`.

Where the service is: ``$HOCSO_EXCHANGE_URL``, else ``c.HubExchange.url``.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import secrets
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from nbgrader.exchange import ExchangeError
from nbgrader.exchange.abc import (
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeList,
    ExchangeSubmit,
)
from nbgrader.exchange.default import ExchangeReleaseAssignment, ExchangeReleaseFeedback

from grading.core.files import Caps, matches, read_regular, scan_folder
from grading.exchange.lab import DUE_KEY, MARK, due_entry, with_due
from grading.exchange.service import LEARNER_GROUP, decode_files, encode_files

__all__ = [
    "TOKEN_ENV",
    "URL_ENV",
    "ExchangeClient",
    "HubFetchAssignment",
    "HubFetchFeedback",
    "HubList",
    "HubReleaseAssignment",
    "HubReleaseFeedback",
    "HubSubmit",
    "RemoteError",
    "exchange_classes",
    "hub_exchange_url",
    "pull_submissions",
    "read_folder",
]

URL_ENV = "HOCSO_EXCHANGE_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
_TIME = "%Y-%m-%d %H:%M:%S.%f UTC"


def exchange_classes() -> dict[str, str]:
    """``ExchangeFactory`` settings that route nbgrader through the service."""
    here = __name__
    return {
        "list": f"{here}.HubList",
        "fetch_assignment": f"{here}.HubFetchAssignment",
        "submit": f"{here}.HubSubmit",
        "fetch_feedback": f"{here}.HubFetchFeedback",
        "release_assignment": f"{here}.HubReleaseAssignment",
        "release_feedback": f"{here}.HubReleaseFeedback",
    }


def hub_exchange_url(config: Any = None) -> str | None:
    """The service's URL: ``$HOCSO_EXCHANGE_URL``, else ``c.HubExchange.url``, else None."""
    url = os.environ.get(URL_ENV)
    if not url and config is not None and "HubExchange" in config:
        url = config.HubExchange.get("url")
    return str(url) if url else None


class RemoteError(ExchangeError):
    """The service refused a request (``status``) or could not be reached (``status`` 0)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(MARK + message)
        self.status = status
        self.message = message


class ExchangeClient:
    """A JSON client of the exchange service, authenticated by a hub token."""

    def __init__(self, url: str | None = None, token: str | None = None, *, timeout: float = 120):
        url = url or os.environ.get(URL_ENV)
        token = token or os.environ.get(TOKEN_ENV)
        if not url:
            raise RemoteError(0, f"Không biết địa chỉ kho bài của lớp (${URL_ENV}).")
        if not token:
            raise RemoteError(0, f"Không có mã JupyterHub (${TOKEN_ENV}): hãy mở từ JupyterHub.")
        self.url = url.rstrip("/") + "/"
        self.token = token
        self.timeout = timeout

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        query = {k: v for k, v in params.items() if v is not None}
        url = urllib.parse.urljoin(self.url, "api/" + path)
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"token {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            try:
                message = json.loads(error.read()).get("message") or error.reason
            except (ValueError, AttributeError):
                message = str(error.reason)
            raise RemoteError(error.code, str(message)) from None
        except (urllib.error.URLError, OSError) as error:
            raise RemoteError(0, f"Không kết nối được kho bài của lớp ({error}).") from None

    # the service's routes, one method each
    def whoami(self) -> dict:
        return self.call("GET", "whoami")

    def releases(self, course: str) -> list[dict]:
        return self.call("GET", f"courses/{course}/assignments")

    def release_files(self, course: str, assignment: str) -> dict[str, bytes]:
        return decode_files(self.call("GET", f"courses/{course}/assignments/{assignment}"))

    def release(self, course: str, assignment: str, items: dict[str, bytes]) -> dict:
        body = {"files": encode_files(items)}
        return self.call("POST", f"courses/{course}/assignments/{assignment}", body)

    def submit(self, course: str, assignment: str, items: dict[str, bytes]) -> dict:
        body = {"files": encode_files(items)}
        return self.call("POST", f"courses/{course}/submissions/{assignment}", body)

    def submissions(
        self, course: str, *, assignment: str | None = None, learner: str | None = None
    ) -> list[dict]:
        return self.call(
            "GET", f"courses/{course}/submissions", assignment=assignment, learner=learner
        )

    def submission_files(self, course: str, submission_id: int) -> dict[str, bytes]:
        return decode_files(self.call("GET", f"courses/{course}/submission/{int(submission_id)}"))

    def feedback(self, course: str, submission_id: int) -> dict[str, bytes]:
        return decode_files(self.call("GET", f"courses/{course}/feedback/{int(submission_id)}"))

    def put_feedback(self, course: str, submission_id: int, items: dict[str, bytes]) -> dict:
        body = {"files": encode_files(items)}
        return self.call("POST", f"courses/{course}/feedback/{int(submission_id)}", body)


def read_folder(
    folder: str | Path, *, ignore: tuple[str, ...] | list[str] = (), caps: Caps | None = None
) -> dict[str, bytes]:
    """The regular files of ``folder`` (no links), minus paths with a part matching ``ignore``.

    Raises
    ------
    ExchangeError
        If the folder is over a cap or unreadable.
    """
    caps = caps or Caps()
    scan = scan_folder(folder, caps)
    if scan.refused:
        raise ExchangeError(MARK + f"Không gửi được thư mục {Path(folder).name}: {scan.refused}")
    out = {}
    for rel, _ in scan.files:
        if any(matches(part, tuple(ignore)) for part in rel.split("/")):
            continue
        out[rel] = read_regular(Path(folder, rel), caps.max_file_bytes)
    return out


def _write_new(folder: Path, items: dict[str, bytes], *, keep_existing: bool) -> list[str]:
    """Write ``items`` under ``folder``; never overwrite a file (returns those written)."""
    written = []
    for rel, data in sorted(items.items()):
        target = folder / rel
        if not target.resolve().is_relative_to(folder.resolve()):
            raise ExchangeError(MARK + f"Tên tệp không hợp lệ: {rel!r}")
        if target.exists() and keep_existing:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        written.append(rel)
    return written


class _Hub:
    """What every exchange class of ours shares: the client and the learner's courses."""

    def client(self) -> ExchangeClient:
        url = hub_exchange_url(self.config)  # type: ignore[attr-defined]
        return ExchangeClient(url)

    def courses(self, client: ExchangeClient) -> list[str]:
        course = self.coursedir.course_id  # type: ignore[attr-defined]
        if course:
            return [course]
        prefix = LEARNER_GROUP.format(course="")
        groups = client.whoami().get("groups", [])
        return sorted(g[len(prefix) :] for g in groups if g.startswith(prefix))

    def local_dir(self, course: str, assignment: str) -> Path:
        base = Path(self.assignment_dir)  # type: ignore[attr-defined]
        # nbgrader's trait lives on its default exchange only: read the setting itself
        config = self.config  # type: ignore[attr-defined]
        if "Exchange" in config and config.Exchange.get("path_includes_course", False):
            base = base / course
        return base / assignment


class HubList(_Hub, ExchangeList):
    """Released assignments of the learner's courses, or their own submissions."""

    def start(self):
        client = self.client()
        out = []
        for course in self.courses(client):
            if self.inbound or self.cached:
                out += self._submitted(client, course)
            else:
                out += self._released(client, course)
        return out

    def _released(self, client: ExchangeClient, course: str) -> list[dict]:
        out = []
        for release in client.releases(course):
            assignment = release["assignment"]
            local = self.local_dir(course, assignment)
            fetched = local.is_dir()
            names = release.get("notebooks", [])
            path = local if fetched else Path(assignment)
            out.append(
                {
                    "course_id": course,
                    "assignment_id": assignment,
                    "status": "fetched" if fetched else "released",
                    "path": str(path.absolute()),
                    "notebooks": [
                        {"notebook_id": n[: -len(".ipynb")], "path": str((path / n).absolute())}
                        for n in names
                    ],
                }
            )
            if isinstance(release.get("due"), str):
                out[-1][DUE_KEY] = due_entry(release["due"], release.get("due_tz"))
        # The due date from the service's release, else from the learner's fetched copy.
        return with_due(
            out,
            lambda e: [Path(e["path"])] if e["status"] == "fetched" and DUE_KEY not in e else [],
        )

    def _submitted(self, client: ExchangeClient, course: str) -> list[dict]:
        groups: dict[str, list[dict]] = {}
        for row in client.submissions(course, assignment=self.coursedir.assignment_id or None):
            groups.setdefault(row["assignment"], []).append(row)
        out = []
        for assignment, rows in sorted(groups.items()):
            local = self.local_dir(course, assignment)
            entries = [self._entry(course, local, row) for row in rows]
            out.append(
                {
                    "course_id": course,
                    "student_id": rows[0]["learner"],
                    "assignment_id": assignment,
                    "status": "submitted",
                    "submissions": sorted(entries, key=lambda e: e["timestamp"]),
                }
            )
        return out

    @staticmethod
    def _entry(course: str, local: Path, row: dict) -> dict:
        from toolkit.coursemap import feedback_folder

        feedback_dir = local / "feedback" / feedback_folder(row["timestamp"])
        if not feedback_dir.is_dir():  # fetched before folders were named in local time
            feedback_dir = local / "feedback" / row["timestamp"]
        notebooks = []
        for name in row.get("notebooks", []):
            page = feedback_dir / (name[: -len(".ipynb")] + ".html")
            notebooks.append(
                {
                    "notebook_id": name[: -len(".ipynb")],
                    "path": str((local / name).absolute()),
                    "has_local_feedback": page.is_file(),
                    "has_exchange_feedback": row.get("feedback") is not None,
                    "local_feedback_path": str(page) if page.is_file() else None,
                    "feedback_updated": False,
                }
            )
        local_feedback = bool(notebooks) and all(n["has_local_feedback"] for n in notebooks)
        return {
            "course_id": course,
            "student_id": row["learner"],
            "assignment_id": row["assignment"],
            "timestamp": row["timestamp"],
            "status": "submitted",
            "path": str(local.absolute()),
            "notebooks": notebooks,
            "has_local_feedback": local_feedback,
            "has_exchange_feedback": row.get("feedback") is not None,
            "feedback_updated": False,
            "local_feedback_path": str(feedback_dir) if local_feedback else None,
        }


class HubFetchAssignment(_Hub, ExchangeFetchAssignment):
    """Copy the current release into the learner's folder, never over their work."""

    def start(self):
        client = self.client()
        course, assignment = self.coursedir.course_id, self.coursedir.assignment_id
        if not course:
            courses = self.courses(client)
            course = next(
                (c for c in courses if assignment in {r["assignment"] for r in client.releases(c)}),
                "",
            )
        if not course:
            raise ExchangeError(MARK + f"Bài {assignment} chưa được phát cho lớp của bạn.")
        items = client.release_files(course, assignment)
        dest = self.local_dir(course, assignment)
        if dest.is_dir() and not self.replace_missing_files:
            raise ExchangeError(
                MARK + f"Bạn đã có thư mục {assignment} rồi: mở nó ở thanh File Browser bên "
                "trái để làm bài (bài của bạn không bị ghi đè)."
            )
        dest.mkdir(parents=True, exist_ok=True)
        _write_new(dest, items, keep_existing=True)
        return dest


class HubSubmit(_Hub, ExchangeSubmit):
    """Send the learner's folder; the service records who (the token) and when (its clock)."""

    def start(self):
        client = self.client()
        course, assignment = self.coursedir.course_id, self.coursedir.assignment_id
        if not course:
            courses = self.courses(client)
            course = courses[0] if len(courses) == 1 else ""
        if not course:
            raise ExchangeError(MARK + "Hãy chọn lớp (course) của bài trước khi nộp.")
        src = self.local_dir(course, assignment)
        if not src.is_dir():
            raise ExchangeError(MARK + f"Không thấy thư mục {assignment} để nộp: hãy tải bài về.")
        items = read_folder(src, ignore=tuple(self.coursedir.ignore))
        items.pop("timestamp.txt", None)  # the service's clock decides the time
        items["submission_secret.txt"] = secrets.token_hex(16).encode("ascii")
        answer = client.submit(course, assignment, items)
        self.log.info("Submitted as %s at %s", answer.get("learner"), answer.get("timestamp"))
        return answer


class HubFetchFeedback(_Hub, ExchangeFetchFeedback):
    """Copy the learner's own feedback pages into ``<assignment>/feedback/<local time>/``."""

    def start(self):
        from toolkit.coursemap import feedback_folder

        client = self.client()
        assignment = self.coursedir.assignment_id
        fetched = []
        for course in self.courses(client):
            for row in client.submissions(course, assignment=assignment):
                if row.get("feedback") is None:
                    continue
                named = feedback_folder(row["timestamp"])  # the class's time, day first
                folder = self.local_dir(course, row["assignment"]) / "feedback" / named
                items = client.feedback(course, row["id"])
                folder.mkdir(parents=True, exist_ok=True)
                self._replace(folder, items)
                fetched.append(str(folder))
        if not fetched:
            self.log.info("No feedback for %s yet", assignment)
        return fetched

    @staticmethod
    def _replace(folder: Path, items: dict[str, bytes]) -> None:
        for rel in items:
            target = folder / rel
            if target.is_file() and not target.is_symlink():
                target.unlink()
        _write_new(folder, items, keep_existing=False)


class HubReleaseAssignment(_Hub, ExchangeReleaseAssignment):
    """nbgrader's release into the trainer's local exchange, then the upload to the service."""

    def copy_files(self):
        super().copy_files()
        items = read_folder(self.src_path, ignore=tuple(self.coursedir.ignore))
        answer = self.client().release(
            self.coursedir.course_id, self.coursedir.assignment_id, items
        )
        self.log.info("Released %s to the hub exchange at %s", self.coursedir.assignment_id,
                      answer.get("released_at"))  # fmt: skip


class HubReleaseFeedback(_Hub, ExchangeReleaseFeedback):
    """Return each learner's feedback pages to the submission they were made from."""

    def start(self):
        client = self.client()
        course = self.coursedir.course_id
        pattern = self.coursedir.format_path(
            self.coursedir.feedback_directory,
            self.coursedir.student_id or "*",
            self.coursedir.assignment_id or "*",
        )
        sent = []
        for folder in sorted(glob.glob(pattern)):
            path = Path(folder)
            learner, assignment = path.parent.name, path.name
            stamp = (path / "timestamp.txt").read_text(encoding="utf-8").strip()
            rows = client.submissions(course, assignment=assignment, learner=learner)
            match = [r for r in rows if r["timestamp"] == stamp]
            if not match:
                raise ExchangeError(
                    f"{learner}/{assignment}: no submission at {stamp} in the hub exchange "
                    "(collect again, then autograde and feedback)"
                )
            pages = {p.name: p.read_bytes() for p in sorted(path.glob("*.html"))}
            client.put_feedback(course, match[-1]["id"], pages)
            sent.append(folder)
        return sent


def pull_submissions(
    client: ExchangeClient, course: str, assignment: str, inbound: Path
) -> dict[str, dt.datetime]:
    """Download the newest submission of each learner into ``inbound`` (exchange layout).

    Each goes to ``<learner>+<assignment>+<server time>+<id>``; returns the folder
    name -> the service's time (naive UTC) for ``hocso collect``'s ``received``.
    """
    newest: dict[str, dict] = {}
    for row in client.submissions(course, assignment=assignment):
        newest[row["learner"]] = row  # oldest first: the last one wins
    inbound.mkdir(parents=True, exist_ok=True)
    times = {}
    for learner, row in sorted(newest.items()):
        name = f"{learner}+{assignment}+{row['timestamp']}+{row['id']}"
        items = client.submission_files(course, row["id"])
        _write_new(inbound / name, items, keep_existing=False)
        times[name] = dt.datetime.strptime(row["timestamp"], _TIME)
    return times
