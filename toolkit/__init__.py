"""Học Số toolkit: the learner-side library for digital-commerce courses.

Submodules are imported lazily so that ``import toolkit`` stays fast on a
low-end laptop: ``toolkit.vn`` or ``toolkit.data`` is only loaded the first
time it is used.

Examples
--------
>>> import toolkit
>>> toolkit.vn.format_vnd(1250000)
'1.250.000\xa0₫'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_SUBMODULES = frozenset({"vn", "i18n", "checks", "data", "plots", "photo"})

__all__ = ["__version__", "expect", *sorted(_SUBMODULES)]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from toolkit import checks, data, i18n, photo, plots, vn  # noqa: F401
    from toolkit.checks import expect


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        module = importlib.import_module(f"toolkit.{name}")
        globals()[name] = module
        return module
    if name == "expect":
        from toolkit.checks import expect

        globals()["expect"] = expect
        return expect
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
