"""One SQLAlchemy engine per gradebook URL for the length of a batch.

nbgrader builds a new engine for every ``Gradebook`` it opens (about a dozen
per autograded submission), and an engine's compiled-query cache dies with it,
so most of nbgrader's own time per submission went to recompiling the same SQL.
Inside :func:`shared_engines`, ``nbgrader.api.create_engine`` returns one
engine per URL; ``Gradebook.close()`` still disposes it (closing its pooled
connections), which an engine survives: the next use opens new connections.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["shared_engines"]

_lock = threading.Lock()
_depth = 0


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

            def create_engine(url: Any, *args: Any, **kwargs: Any) -> Any:
                key = (str(url), args, tuple(sorted(kwargs.items())))
                with _lock:
                    if key not in cache:
                        cache[key] = original(url, *args, **kwargs)
                    return cache[key]

            create_engine.original = original  # type: ignore[attr-defined]
            create_engine.cache = cache  # type: ignore[attr-defined]
            nbgrader_api.create_engine = create_engine
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                patched = nbgrader_api.create_engine
                nbgrader_api.create_engine = patched.original
                for engine in patched.cache.values():
                    engine.dispose()
