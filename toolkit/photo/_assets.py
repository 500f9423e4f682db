"""The sample photos as a toolkit asset, checked with every dataset by ``python -m toolkit.data``.

Any ``toolkit/<skill>/_assets.py`` with ``check(directory=None) -> list[str]``
and ``write(directory=None) -> list[Path]`` is found by listing (see
:mod:`toolkit.data.__main__`); nothing else needs to know about it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["check", "write"]


def check(directory: Path | None = None) -> list[str]:
    """Problems of the shipped sample photos (empty when they equal their renderer's output)."""
    from toolkit.photo import _samples

    return _samples.check(directory or _samples.SAMPLES_DIR)


def write(directory: Path | None = None) -> list[Path]:
    """Render and write every sample photo."""
    from toolkit.photo import _samples

    return _samples.write(directory or _samples.SAMPLES_DIR)
