"""The hub-authenticated exchange: a JupyterHub service that holds releases, submissions, feedback.

Every request carries a JupyterHub API token (``Authorization: token …``, the
``JUPYTERHUB_API_TOKEN`` of the learner's server); the service asks the hub who
it belongs to (:class:`HubIdentity`, non-blocking and cached for
``cache_seconds``) and decides everything from that answer:

* **who** submits is the token's user, never a name the client sends;
* **when** is the service's clock when the files are stored;
* **rights** come from hub groups: ``nbgrader-{course}`` learners fetch the
  current release, submit, list their *own* submissions and fetch their *own*
  feedback; ``formgrade-{course}`` trainers release, list and download every
  submission, and return feedback. Anything else is 403.

Routes (under the service prefix, ``/services/hocso-exchange/`` on a hub)::

    GET  api/whoami
    GET  api/courses/{course}/assignments                   released assignments
    GET  api/courses/{course}/assignments/{assignment}      the release's files
    POST api/courses/{course}/assignments/{assignment}      release (trainer)
    POST api/courses/{course}/submissions/{assignment}      submit (learner)
    GET  api/courses/{course}/submissions?assignment=&learner=   own ones (all: trainer)
    GET  api/courses/{course}/submission/{id}               files (trainer)
    POST api/courses/{course}/feedback/{id}                 return feedback (trainer)
    GET  api/courses/{course}/feedback/{id}                 own feedback (learner)

Database and disk work runs in threads (``asyncio.to_thread``), so one large
submission never stalls the other requests. Files travel as JSON ``{"files": [{"path": …, "content": base64}]}``. Refusals
are JSON ``{"message": …}`` in Vietnamese (English with ``HOCSO_LANG=en``).

Run by the hub as a managed service (``hocso hub`` writes it into
``jupyterhub_config.py``) or by hand: ``python -m grading.exchange.service
--root /srv/hocso/exchange --db-url sqlite:///…`` with ``JUPYTERHUB_API_TOKEN``
and ``JUPYTERHUB_API_URL`` set; it binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import json
import os
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from grading.core.files import Caps
from grading.exchange.store import (
    ExchangeStore,
    FileRefused,
    StoreDamaged,
    check_id,
)

__all__ = [
    "LEARNER_GROUP",
    "SERVICE_NAME",
    "TRAINER_GROUP",
    "HubIdentity",
    "Who",
    "decode_files",
    "encode_files",
    "main",
    "make_app",
    "role_in",
]

SERVICE_NAME = "hocso-exchange"
LEARNER_GROUP = "nbgrader-{course}"
TRAINER_GROUP = "formgrade-{course}"
_TIME = "%Y-%m-%d %H:%M:%S.%f UTC"


def _en() -> bool:
    return os.environ.get("HOCSO_LANG", "").lower().startswith("en")


def _say(vi: str, en: str) -> str:
    return en if _en() else vi


@dataclass(frozen=True)
class Who:
    """A hub user as the service sees them."""

    name: str
    groups: frozenset[str]


def role_in(who: Who, course: str) -> str | None:
    """``"trainer"``, ``"learner"`` or None for ``who`` in ``course`` (hub groups).

    Examples
    --------
    >>> role_in(Who("gv", frozenset({"formgrade-kds"})), "kds")
    'trainer'
    >>> role_in(Who("hv01", frozenset({"nbgrader-kds"})), "kds")
    'learner'
    >>> role_in(Who("hv01", frozenset({"nbgrader-kds"})), "khac") is None
    True
    """
    if TRAINER_GROUP.format(course=course) in who.groups:
        return "trainer"
    if LEARNER_GROUP.format(course=course) in who.groups:
        return "learner"
    return None


def encode_files(items: dict[str, bytes]) -> list[dict[str, str]]:
    """Files as JSON-ready records (base64 content).

    Examples
    --------
    >>> encode_files({"a.txt": b"hi"})
    [{'path': 'a.txt', 'content': 'aGk='}]
    >>> decode_files({"files": encode_files({"a.txt": b"hi"})})
    {'a.txt': b'hi'}
    """
    return [
        {"path": name, "content": base64.b64encode(data).decode("ascii")}
        for name, data in sorted(items.items())
    ]


def decode_files(body: Any) -> dict[str, bytes]:
    """``{"files": [...]}`` back to ``{path: bytes}``; ``FileRefused`` if malformed."""
    records = body.get("files") if isinstance(body, dict) else None
    if not isinstance(records, list):
        raise FileRefused("the request has no list of files")
    out: dict[str, bytes] = {}
    for record in records:
        if not isinstance(record, dict) or not isinstance(record.get("path"), str):
            raise FileRefused("a file record without a path")
        try:
            data = base64.b64decode(str(record.get("content", "")), validate=True)
        except (binascii.Error, ValueError):
            raise FileRefused(f"{record['path'][:80]!r}: content is not base64") from None
        if record["path"] in out:
            raise FileRefused(f"the file {record['path'][:80]!r} appears twice")
        out[record["path"]] = data
    return out


class HubIdentity:
    """Who a token belongs to, asked of the hub without blocking, cached ``cache_seconds``.

    The user's groups come with the user's model when the token may read them
    (the hub's ``server`` role gets ``read:users:groups!user``); otherwise the
    service asks with its own token (its role reads users' groups).
    """

    def __init__(self, auth: Any = None, *, cache_seconds: float = 10.0) -> None:
        if auth is None:
            from jupyterhub.services.auth import HubAuth

            auth = HubAuth(cache_max_age=int(cache_seconds))
        self.auth = auth
        self.cache_seconds = cache_seconds
        self._groups: dict[str, tuple[float, frozenset[str]]] = {}

    async def whoami(self, token: str) -> Who | None:
        model = await self.auth.user_for_token(token, use_cache=True, sync=False)
        if not model or model.get("kind", "user") != "user" or not model.get("name"):
            return None
        groups = model.get("groups")
        if groups is None:
            groups = await self._user_groups(model["name"])
        return Who(str(model["name"]), frozenset(str(g) for g in groups))

    async def _user_groups(self, name: str) -> frozenset[str]:
        cached = self._groups.get(name)
        if cached and time.monotonic() - cached[0] < self.cache_seconds:
            return cached[1]
        from urllib.parse import quote

        url = f"{self.auth.api_url.rstrip('/')}/users/{quote(name, safe='')}"
        model = await self.auth._api_request("GET", url)
        groups = frozenset(model.get("groups") or ()) if model else frozenset()
        self._groups[name] = (time.monotonic(), groups)
        return groups


def _handlers(prefix: str):
    import tornado.web

    class Base(tornado.web.RequestHandler):
        who: Who

        def initialize(self, store: ExchangeStore, identity: HubIdentity) -> None:
            self.store = store
            self.identity = identity

        def check_xsrf_cookie(self) -> None:  # token-authenticated API, no cookies
            return None

        def fail(self, status: int, message: str) -> None:
            self.set_status(status)
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps({"message": message}, ensure_ascii=False))
            raise tornado.web.Finish()

        def reply(self, value: Any, status: int = 200) -> None:
            self.set_status(status)
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps(value, ensure_ascii=False))

        async def prepare(self) -> None:
            header = self.request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            if scheme.lower() not in ("token", "bearer") or not token.strip():
                self.fail(401, _say("Thiếu mã đăng nhập JupyterHub.", "No JupyterHub token."))
            try:
                who = await self.identity.whoami(token.strip())
            except Exception:  # the hub is down or answered badly
                self.fail(503, _say("Không hỏi được JupyterHub; thử lại sau.", "Hub unreachable."))
            if who is None:
                self.fail(
                    403,
                    _say(
                        "Mã đăng nhập không còn hiệu lực: hãy đăng nhập lại JupyterHub.",
                        "This token is not valid: log in to JupyterHub again.",
                    ),
                )
            self.who = who

        def need(self, course: str, *roles: str) -> str:
            try:
                check_id(course, "course")
            except FileRefused as error:
                self.fail(400, str(error))
            role = role_in(self.who, course)
            if role not in roles:
                self.fail(
                    403,
                    _say(
                        f"Bạn ({self.who.name}) không có quyền này trong lớp {course}.",
                        f"{self.who.name} may not do this in {course}.",
                    ),
                )
            return role  # type: ignore[return-value]

        def body(self) -> Any:
            try:
                return json.loads(self.request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                self.fail(400, _say("Dữ liệu gửi lên không phải JSON.", "The body is not JSON."))

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            error = kwargs.get("exc_info", (None, None))[1]
            message = str(error) if isinstance(error, StoreDamaged) else self._reason
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps({"message": message}, ensure_ascii=False))

        async def run(self, call, *args: Any, **kwargs: Any) -> Any:
            """``call`` (database and disk work) in a thread: the event loop never waits."""
            return await asyncio.to_thread(call, *args, **kwargs)

        async def submission_or_404(self, course: str, raw: str):
            record = await self.run(self.store.submission, int(raw)) if raw.isdigit() else None
            if record is None or record.course != course:
                self.fail(404, _say("Không có bài nộp này.", "No such submission."))
            return record

    class WhoAmI(Base):
        def get(self) -> None:
            self.reply({"name": self.who.name, "groups": sorted(self.who.groups)})

    class Assignments(Base):
        async def get(self, course: str) -> None:
            self.need(course, "learner", "trainer")
            store = self.store

            def listing() -> list[dict[str, Any]]:
                out = []
                for r in store.releases(course):
                    due = store.release_due(r.id)  # the panel shows it before a fetch
                    out.append(
                        {
                            "assignment": r.assignment,
                            "released_at": r.released_at.strftime(_TIME),
                            "checksum": r.checksum,
                            "notebooks": store.notebooks("release", r.id),
                            "due": due[0] if due else None,
                            "due_tz": due[1] if due else None,
                        }
                    )
                return out

            self.reply(await self.run(listing))

    class Assignment(Base):
        async def get(self, course: str, assignment: str) -> None:
            self.need(course, "learner", "trainer")
            items = await self.run(self.store.release_files, course, assignment)
            if items is None:
                self.fail(404, _say(f"Bài {assignment} chưa được phát.", "Not released."))
            self.reply({"assignment": assignment, "files": encode_files(items)})

        async def post(self, course: str, assignment: str) -> None:
            self.need(course, "trainer")
            try:
                record = await self.run(
                    self.store.release, course, assignment, decode_files(self.body()),
                    by=self.who.name,
                )  # fmt: skip
            except FileRefused as error:
                self.fail(400, str(error))
            self.reply({"id": record.id, "released_at": record.released_at.strftime(_TIME)}, 201)

    class Submit(Base):
        async def post(self, course: str, assignment: str) -> None:
            self.need(course, "learner")
            try:
                record = await self.run(
                    self.store.submit, course, assignment, self.who.name, decode_files(self.body())
                )
            except FileRefused as error:
                self.fail(400, _say(f"Bài nộp bị từ chối: {error}", f"Refused: {error}"))
            self.reply(_submission_json(record), 201)

    class Submissions(Base):
        async def get(self, course: str) -> None:
            role = self.need(course, "learner", "trainer")
            assignment = self.get_argument("assignment", None)
            learner = self.get_argument("learner", None)
            if role == "learner":
                if learner not in (None, self.who.name):
                    self.fail(
                        403,
                        _say("Bạn chỉ xem được bài nộp của mình.", "Only your own submissions."),
                    )
                learner = self.who.name
            store = self.store

            def listing() -> list[dict[str, Any]]:
                return [
                    {
                        **_submission_json(r, feedback=store.feedback_id(r.id)),
                        "notebooks": store.notebooks("submission", r.id),
                    }
                    for r in store.submissions(course, assignment=assignment, learner=learner)
                ]

            self.reply(await self.run(listing))

    class SubmissionFiles(Base):
        async def get(self, course: str, submission_id: str) -> None:
            self.need(course, "trainer")
            record = await self.submission_or_404(course, submission_id)
            items = await self.run(self.store.submission_files, record.id)
            self.reply({**_submission_json(record), "files": encode_files(items)})

    class Feedback(Base):
        async def get(self, course: str, submission_id: str) -> None:
            self.need(course, "learner", "trainer")
            record = await self.submission_or_404(course, submission_id)
            if role_in(self.who, course) == "learner" and record.learner != self.who.name:
                self.fail(404, _say("Không có bài nộp này.", "No such submission."))
            items = await self.run(self.store.feedback, record.id)
            if items is None:
                self.fail(404, _say("Bài này chưa có nhận xét.", "No feedback yet."))
            self.reply({**_submission_json(record), "files": encode_files(items)})

        async def post(self, course: str, submission_id: str) -> None:
            self.need(course, "trainer")
            record = await self.submission_or_404(course, submission_id)
            try:
                feedback_id = await self.run(
                    self.store.put_feedback, record.id, decode_files(self.body())
                )
            except FileRefused as error:
                self.fail(400, str(error))
            self.reply({"id": feedback_id}, 201)

    ident = r"([A-Za-z0-9][A-Za-z0-9._-]{0,99})"
    base = prefix.rstrip("/") + "/api"
    return [
        (base + "/whoami", WhoAmI),
        (base + f"/courses/{ident}/assignments", Assignments),
        (base + f"/courses/{ident}/assignments/{ident}", Assignment),
        (base + f"/courses/{ident}/submissions/{ident}", Submit),
        (base + f"/courses/{ident}/submissions", Submissions),
        (base + rf"/courses/{ident}/submission/(\d+)", SubmissionFiles),
        (base + rf"/courses/{ident}/feedback/(\d+)", Feedback),
    ]


def _submission_json(record, *, feedback: int | None = None) -> dict[str, Any]:
    out = {
        "id": record.id,
        "assignment": record.assignment,
        "learner": record.learner,
        "timestamp": record.submitted_at.strftime(_TIME),
        "checksum": record.checksum,
        "size": record.size,
    }
    out["feedback"] = feedback  # id of the newest feedback, or None
    return out


def make_app(store: ExchangeStore, identity: HubIdentity, *, prefix: str = "/"):
    """The tornado application (body size capped by the store's caps)."""
    import tornado.web

    routes = [(path, handler, {"store": store, "identity": identity})
              for path, handler in _handlers(prefix)]  # fmt: skip
    return tornado.web.Application(routes)


def _bind(args: argparse.Namespace) -> tuple[str, int]:
    url = os.environ.get("JUPYTERHUB_SERVICE_URL")
    if args.port is None and url:
        parsed = urlparse(url)
        return parsed.hostname or "127.0.0.1", parsed.port or 80
    return args.ip, args.port or 10101


def main(argv: list[str] | None = None) -> int:
    """Run the service until interrupted (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m grading.exchange.service")
    parser.add_argument("--root", required=True, help="folder for the files (made 0700)")
    parser.add_argument("--db-url", required=True, help="the course database URL")
    parser.add_argument("--ip", default="127.0.0.1", help="address to bind (default loopback)")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--cache-seconds", type=float, default=10.0)
    parser.add_argument("--max-submissions", type=int, default=100)
    args = parser.parse_args(argv)
    os.umask(0o077)
    store = ExchangeStore(args.root, args.db_url, caps=Caps(), max_submissions=args.max_submissions)
    try:
        asyncio.run(_serve(store, args))
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    return 0


async def _serve(store: ExchangeStore, args: argparse.Namespace) -> None:
    import signal

    import tornado.httpserver

    identity = HubIdentity(cache_seconds=args.cache_seconds)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    app = make_app(store, identity, prefix=prefix)
    host, port = _bind(args)
    # base64 grows a file by 4/3; the JSON records add a little
    limit = store.caps.max_bytes * 4 // 3 + (1 << 20)
    server = tornado.httpserver.HTTPServer(app, max_body_size=limit)
    server.listen(port, address=host)
    print(f"hocso exchange on http://{host}:{port}{prefix}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.stop()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
