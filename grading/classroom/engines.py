"""Gradebook speed-ups for the length of a grading batch.

One SQLAlchemy engine per gradebook URL (:func:`shared_engines`) and, for
SQLite, commits that do not wait for the disk (:func:`fast_sqlite`).

nbgrader builds a new engine for every ``Gradebook`` it opens (about a dozen
per autograded submission), and an engine's compiled-query cache dies with it,
so most of nbgrader's own time per submission went to recompiling the same SQL.
Inside :func:`shared_engines`, ``nbgrader.api.create_engine`` returns one
engine per URL, and ``Gradebook.close()`` returns its connection to that
engine's pool instead of disposing the engine; the engines are disposed when
the batch ends.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["batch_gradebook", "fast_sqlite", "shared_engines"]

_lock = threading.Lock()
_depth = 0


def _keep_pool(*_args: Any, **_kwargs: Any) -> None:
    """``Engine.dispose`` of a shared engine while the batch runs: keep the pool."""


@contextlib.contextmanager
def shared_engines() -> Iterator[None]:
    """Reuse one engine per (URL, options) in ``nbgrader.api`` while inside.

    Re-entrant; the original ``create_engine`` is restored, and the shared
    engines disposed, when the outermost block exits.
    """
    global _depth
    import nbgrader.api as nbgrader_api

    with _lock:
        _depth += 1
        if _depth == 1:
            original = nbgrader_api.create_engine
            cache: dict[tuple[Any, ...], Any] = {}
            disposers: list[Any] = []

            def create_engine(url: Any, *args: Any, **kwargs: Any) -> Any:
                key = (str(url), args, tuple(sorted(kwargs.items())))
                with _lock:
                    if key not in cache:
                        engine = original(url, *args, **kwargs)
                        # Gradebook.close() disposes its engine; a shared one keeps its
                        # pooled connections until the batch ends (closing the last
                        # SQLite connection also checkpoints the WAL: slow, and useless
                        # mid-batch).
                        disposers.append(engine.dispose)
                        engine.dispose = _keep_pool
                        cache[key] = engine
                    return cache[key]

            create_engine.original = original  # type: ignore[attr-defined]
            create_engine.disposers = disposers  # type: ignore[attr-defined]
            nbgrader_api.create_engine = create_engine
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                patched = nbgrader_api.create_engine
                nbgrader_api.create_engine = patched.original
                for dispose in patched.disposers:
                    dispose()


@contextlib.contextmanager
def fast_sqlite(db_url: str, enabled: bool = True) -> Iterator[None]:
    """WAL journal and ``synchronous=NORMAL`` for this batch's SQLite connections.

    nbgrader commits about forty times per submission; with the default
    rollback journal each commit waits for the disk several times. In WAL
    mode with ``synchronous=NORMAL`` a power cut can lose the last commits
    (re-run autograde) but never corrupts the gradebook. The journal mode is
    set back to ``DELETE`` afterwards, so other tools see the usual file.
    """
    if not enabled or not db_url.startswith("sqlite:///"):
        yield
        return
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    path = db_url[len("sqlite:///") :]

    def on_connect(connection: Any, _record: Any) -> None:
        if isinstance(connection, sqlite3.Connection):
            connection.execute("PRAGMA synchronous=NORMAL")

    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode=WAL")
    event.listen(Engine, "connect", on_connect)
    try:
        yield
    finally:
        event.remove(Engine, "connect", on_connect)
        # Another program (Formgrader) may hold the file open: then it stays in WAL
        # mode, which every SQLite client reads correctly.
        with contextlib.suppress(sqlite3.OperationalError):
            with contextlib.closing(sqlite3.connect(path, timeout=1)) as db:
                db.execute("PRAGMA journal_mode=DELETE")


@contextlib.contextmanager
def batch_gradebook(db_url: str, *, fast: bool = True) -> Iterator[None]:
    """Both of the above for one grading batch: shared engines, and WAL for SQLite."""
    with fast_sqlite(db_url, fast), shared_engines():
        yield
