"""Storage of the hub-authenticated exchange: files on disk, metadata in the course database.

Everything the service receives is hostile: file names are checked
(:func:`check_files`: relative, no ``..``, no control characters, the caps of
:class:`grading.core.files.Caps`), folders on disk are named by database ids
only (never by a learner's or an assignment's name), and every stored file has
its SHA-256 in the database, checked again when it is read back.

Submissions are append-only: a new one is a new row and a new folder, never an
update; the time of a submission is the server's clock when it was stored.

Tables (SQLAlchemy Core, SQLite and PostgreSQL alike), beside nbgrader's own:

``hocso_exchange_release``
    one row per release of an assignment (the newest is the current one);
``hocso_exchange_submission``
    one row per submission: course, assignment, learner, server time, checksum;
``hocso_exchange_feedback``
    one row per returned feedback page, tied to one submission;
``hocso_exchange_file``
    the files of each release / submission / feedback, with size and SHA-256.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import sqlalchemy as sa

from grading.core.files import Caps

__all__ = [
    "ID_RE",
    "ExchangeStore",
    "FileRefused",
    "Release",
    "StoreDamaged",
    "Submission",
    "check_files",
    "check_id",
    "digest",
]

#: Course, assignment and learner ids the service accepts (nbgrader-safe, ASCII).
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

metadata = sa.MetaData()
releases = sa.Table(
    "hocso_exchange_release",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("course", sa.String(100), nullable=False, index=True),
    sa.Column("assignment", sa.String(100), nullable=False),
    sa.Column("released_at", sa.DateTime, nullable=False),
    sa.Column("released_by", sa.String(255), nullable=False),
    sa.Column("checksum", sa.String(64), nullable=False),
)
submissions = sa.Table(
    "hocso_exchange_submission",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("course", sa.String(100), nullable=False, index=True),
    sa.Column("assignment", sa.String(100), nullable=False),
    sa.Column("learner", sa.String(255), nullable=False, index=True),
    sa.Column("submitted_at", sa.DateTime, nullable=False),
    sa.Column("checksum", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
)
feedbacks = sa.Table(
    "hocso_exchange_feedback",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "submission_id", sa.Integer, sa.ForeignKey("hocso_exchange_submission.id"), nullable=False
    ),
    sa.Column("released_at", sa.DateTime, nullable=False),
    sa.Column("checksum", sa.String(64), nullable=False),
)
files = sa.Table(
    "hocso_exchange_file",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),  # release, submission, feedback
    sa.Column("owner", sa.Integer, nullable=False),  # the id of that row
    sa.Column("path", sa.String(1024), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.UniqueConstraint("kind", "owner", "path"),
)


class FileRefused(ValueError):
    """A file list the exchange refuses (a name, a size or a count over its cap)."""


class StoreDamaged(RuntimeError):
    """A stored file no longer matches its recorded checksum (or is missing)."""


@dataclass(frozen=True)
class Release:
    id: int
    course: str
    assignment: str
    released_at: dt.datetime  # naive UTC, the server's clock
    checksum: str


@dataclass(frozen=True)
class Submission:
    id: int
    course: str
    assignment: str
    learner: str
    submitted_at: dt.datetime  # naive UTC, the server's clock
    checksum: str
    size: int


def check_id(value: str, what: str) -> str:
    """``value`` if it is a safe id, else ``FileRefused`` naming ``what``.

    Examples
    --------
    >>> check_id("kinh-doanh-so", "course")
    'kinh-doanh-so'
    >>> check_id("../etc", "course")
    Traceback (most recent call last):
    ...
    grading.exchange.store.FileRefused: course '../etc' is not a valid id (letters, digits, . _ -)
    """
    if not isinstance(value, str) or not ID_RE.match(value):
        raise FileRefused(f"{what} {value!r} is not a valid id (letters, digits, . _ -)")
    return value


def _check_path(path: object, caps: Caps) -> str:
    if not isinstance(path, str) or not path:
        raise FileRefused("a file without a name")
    if _CONTROL.search(path) or "\\" in path:
        raise FileRefused(f"the file name {path!r} has control characters or a backslash")
    pure = PurePosixPath(path)
    parts = pure.parts
    if pure.is_absolute() or any(p in ("", ".", "..") for p in parts) or str(pure) != path:
        raise FileRefused(f"the file name {path!r} is not a plain relative path")
    if len(parts) > caps.max_depth:
        raise FileRefused(f"{path!r} is nested deeper than {caps.max_depth}")
    if any(len(p.encode("utf-8")) > 255 for p in parts):
        raise FileRefused(f"a part of {path[:80]!r} is longer than 255 bytes")
    return unicodedata.normalize("NFC", path)


def check_files(items: dict[str, bytes], caps: Caps) -> dict[str, bytes]:
    """The files, NFC-named, if every name and size is within ``caps``; else ``FileRefused``.

    Examples
    --------
    >>> sorted(check_files({"a.ipynb": b"{}", "data/b.csv": b"x"}, Caps()))
    ['a.ipynb', 'data/b.csv']
    >>> check_files({"../b.ipynb": b""}, Caps())
    Traceback (most recent call last):
    ...
    grading.exchange.store.FileRefused: the file name '../b.ipynb' is not a plain relative path
    >>> check_files({"a": b"12345"}, Caps(max_file_bytes=4))
    Traceback (most recent call last):
    ...
    grading.exchange.store.FileRefused: a is 5 bytes (cap 4)
    """
    if len(items) > caps.max_files:
        raise FileRefused(f"{len(items)} files (cap {caps.max_files})")
    out: dict[str, bytes] = {}
    total = 0
    for path, data in items.items():
        name = _check_path(path, caps)
        if name in out:
            raise FileRefused(f"the file {name!r} appears twice")
        if len(data) > caps.max_file_bytes:
            raise FileRefused(f"{name} is {len(data)} bytes (cap {caps.max_file_bytes})")
        total += len(data)
        if total > caps.max_bytes:
            raise FileRefused(f"more than {caps.max_bytes} bytes in all")
        out[name] = data
    prefixes = {str(p) for name in out for p in PurePosixPath(name).parents}
    clash = sorted(prefixes & set(out))
    if clash:
        raise FileRefused(f"{clash[0]!r} is both a file and a folder")
    return out


def digest(items: dict[str, bytes]) -> str:
    """One SHA-256 over every (name, content) pair, in name order.

    Examples
    --------
    >>> digest({"a": b"1", "b": b"2"}) == digest({"b": b"2", "a": b"1"})
    True
    >>> digest({"a": b"1"}) == digest({"a": b"2"})
    False
    """
    total = hashlib.sha256()
    for name in sorted(items):
        total.update(name.encode("utf-8") + b"\0")
        total.update(hashlib.sha256(items[name]).digest())
    return total.hexdigest()


@functools.lru_cache(maxsize=256)
def _release_due(folder: str, names: tuple[str, ...]) -> tuple[str, str | None] | None:
    from toolkit.coursemap import read_due

    due, _, zone = read_due([Path(folder, name) for name in names])
    return None if due is None else (due, zone)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class ExchangeStore:
    """Files under ``root`` (mode 0700, owned by the service), metadata in ``db_url``.

    Parameters
    ----------
    root : path
        Folder for the files; created 0700 (and set to 0700 if it exists).
    db_url : str
        The course database (``sqlite:///…`` or ``postgresql+psycopg2://…``); the
        exchange's tables are created if missing.
    caps : Caps
        Size, count and depth caps of one release, submission or feedback.
    max_submissions : int
        Most submissions one learner may store for one assignment.
    """

    def __init__(
        self,
        root: str | Path,
        db_url: str,
        *,
        caps: Caps | None = None,
        max_submissions: int = 100,
    ) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.root, 0o700)
        self.caps = caps or Caps()
        self.max_submissions = max_submissions
        self.engine = sa.create_engine(db_url, future=True)
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # ---------------------------------------------------------------- files
    def _folder(self, kind: str, owner: int) -> Path:
        return self.root / kind / str(int(owner))

    def _write(self, conn, kind: str, owner: int, items: dict[str, bytes]) -> None:
        folder = self._folder(kind, owner)
        folder.mkdir(parents=True, mode=0o700)  # never an existing folder: append-only
        for name, data in items.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            conn.execute(
                files.insert().values(
                    kind=kind,
                    owner=owner,
                    path=name,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                )
            )

    def notebooks(self, kind: str, owner: int) -> list[str]:
        """Names of the top-level notebooks of a release or a submission."""
        with self.engine.connect() as conn:
            names = conn.execute(
                sa.select(files.c.path).where(files.c.kind == kind, files.c.owner == int(owner))
            ).scalars()
            return sorted(n for n in names if n.endswith(".ipynb") and "/" not in n)

    def _read(self, kind: str, owner: int) -> dict[str, bytes]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(files.c.path, files.c.sha256)
                .where(files.c.kind == kind, files.c.owner == owner)
                .order_by(files.c.path)
            ).all()
        out = {}
        folder = self._folder(kind, owner)
        for path, sha in rows:
            try:
                fd = os.open(folder / path, os.O_RDONLY | os.O_NOFOLLOW)
                with os.fdopen(fd, "rb") as handle:
                    data = handle.read()
            except OSError as error:
                raise StoreDamaged(f"{kind} {owner}: {path} is missing ({error})") from None
            if hashlib.sha256(data).hexdigest() != sha:
                raise StoreDamaged(f"{kind} {owner}: {path} does not match its checksum")
            out[path] = data
        return out

    def _store(self, kind: str, insert, items: dict[str, bytes]) -> int:
        """Insert the row, write its files, commit; on any failure nothing is kept."""
        owner = None
        try:
            with self.engine.begin() as conn:
                owner = int(conn.execute(insert).inserted_primary_key[0])
                self._write(conn, kind, owner, items)
        except BaseException:
            if owner is not None:
                shutil.rmtree(self._folder(kind, owner), ignore_errors=True)
            raise
        return owner

    # ------------------------------------------------------------- releases
    def release(self, course: str, assignment: str, items: dict[str, bytes], *, by: str) -> Release:
        """Store a new release of ``assignment`` (it becomes the current one)."""
        check_id(course, "course")
        check_id(assignment, "assignment")
        items = check_files(items, self.caps)
        if not any(n.endswith(".ipynb") for n in items):
            raise FileRefused(f"the release of {assignment} has no notebook")
        when, checksum = _now(), digest(items)
        insert = releases.insert().values(
            course=course, assignment=assignment, released_at=when, released_by=by,
            checksum=checksum,
        )  # fmt: skip
        owner = self._store("release", insert, items)
        return Release(owner, course, assignment, when, checksum)

    def releases(self, course: str) -> list[Release]:
        """The current (newest) release of each assignment of ``course``, by assignment."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(releases).where(releases.c.course == course).order_by(releases.c.id)
            ).all()
        newest = {r.assignment: r for r in rows}
        return [
            Release(r.id, r.course, r.assignment, r.released_at, r.checksum)
            for _, r in sorted(newest.items())
        ]

    def release_due(self, release_id: int) -> tuple[str, str | None] | None:
        """``(due ISO UTC, class time zone)`` that ``hocso release`` wrote in a release's notebooks.

        None when the release has no due date. Releases never change, so the
        answer is kept (the Assignments panel asks on every refresh).
        """
        names = tuple(self.notebooks("release", release_id))
        return _release_due(str(self._folder("release", release_id)), names)

    def release_files(self, course: str, assignment: str) -> dict[str, bytes] | None:
        """The files of the current release, or None if it was never released."""
        current = {r.assignment: r for r in self.releases(course)}.get(assignment)
        return None if current is None else self._read("release", current.id)

    # ---------------------------------------------------------- submissions
    def submit(
        self, course: str, assignment: str, learner: str, items: dict[str, bytes]
    ) -> Submission:
        """Append a submission; its time is the server's clock now."""
        check_id(course, "course")
        check_id(assignment, "assignment")
        items = check_files(items, self.caps)
        if not any(n.endswith(".ipynb") and "/" not in n for n in items):
            raise FileRefused("no notebook in the submission")
        if assignment not in {r.assignment for r in self.releases(course)}:
            raise FileRefused(f"{assignment} was not released in {course}")
        if len(self.submissions(course, assignment=assignment, learner=learner)) >= (
            self.max_submissions
        ):
            raise FileRefused(f"{self.max_submissions} submissions of {assignment} already")
        when, checksum = _now(), digest(items)
        size = sum(len(d) for d in items.values())
        insert = submissions.insert().values(
            course=course, assignment=assignment, learner=learner, submitted_at=when,
            checksum=checksum, size=size,
        )  # fmt: skip
        owner = self._store("submission", insert, items)
        return Submission(owner, course, assignment, learner, when, checksum, size)

    def submissions(
        self, course: str, *, assignment: str | None = None, learner: str | None = None
    ) -> list[Submission]:
        """Submissions of ``course`` (oldest first), filtered by assignment and learner."""
        query = sa.select(submissions).where(submissions.c.course == course)
        if assignment is not None:
            query = query.where(submissions.c.assignment == assignment)
        if learner is not None:
            query = query.where(submissions.c.learner == learner)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(submissions.c.id)).all()
        return [
            Submission(r.id, r.course, r.assignment, r.learner, r.submitted_at, r.checksum, r.size)
            for r in rows
        ]

    def submission(self, submission_id: int) -> Submission | None:
        with self.engine.connect() as conn:
            r = conn.execute(
                sa.select(submissions).where(submissions.c.id == int(submission_id))
            ).first()
        if r is None:
            return None
        return Submission(
            r.id, r.course, r.assignment, r.learner, r.submitted_at, r.checksum, r.size
        )

    def submission_files(self, submission_id: int) -> dict[str, bytes]:
        return self._read("submission", int(submission_id))

    # ------------------------------------------------------------- feedback
    def put_feedback(self, submission_id: int, items: dict[str, bytes]) -> int:
        """Store feedback pages for one submission (a newer one replaces it for the learner)."""
        if self.submission(submission_id) is None:
            raise FileRefused(f"no submission {submission_id}")
        items = check_files(items, self.caps)
        insert = feedbacks.insert().values(
            submission_id=int(submission_id), released_at=_now(), checksum=digest(items)
        )
        return self._store("feedback", insert, items)

    def feedback_id(self, submission_id: int) -> int | None:
        """The id of the newest feedback of a submission, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(feedbacks.c.id)
                .where(feedbacks.c.submission_id == int(submission_id))
                .order_by(feedbacks.c.id.desc())
                .limit(1)
            ).first()
        return None if row is None else int(row.id)

    def feedback(self, submission_id: int) -> dict[str, bytes] | None:
        """The newest feedback files of a submission, or None."""
        newest = self.feedback_id(submission_id)
        return None if newest is None else self._read("feedback", newest)
