"""Học Số toolkit: the learner-side library for digital-commerce courses.

Submodules are imported lazily so that ``import toolkit`` stays fast on a
low-end laptop: ``toolkit.vn`` or ``toolkit.data`` is only loaded the first
time it is used. Every module and skill package in this folder is found by
listing it (nothing to register): a new ``toolkit/<skill>/`` is
``toolkit.<skill>`` at once.

Imported in a notebook, it also installs the quiet Vietnamese error messages
(:mod:`toolkit._kernel`) and the ``goi_y`` hint helper.

Examples
--------
>>> import toolkit
>>> toolkit.vn.format_vnd(1250000)
'1.250.000\xa0₫'
>>> {"data", "photo", "checks"} <= set(toolkit.__all__)
True
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"


def _submodules() -> frozenset[str]:
    """Public modules and packages of this folder, found without importing them."""
    here = Path(__file__).parent
    names = {p.stem for p in here.glob("*.py")} | {
        p.name for p in here.iterdir() if (p / "__init__.py").is_file()
    }
    return frozenset(n for n in names if not n.startswith("_") and n.isidentifier())


_SUBMODULES = _submodules()

__all__ = ["__version__", "expect", "goi_y", *sorted(_SUBMODULES)]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from toolkit import checks, data, i18n, photo, plots, vn  # noqa: F401
    from toolkit.checks import expect
    from toolkit.hints import goi_y


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        module = importlib.import_module(f"toolkit.{name}")
        globals()[name] = module
        return module
    if name == "expect":
        from toolkit.checks import expect

        globals()["expect"] = expect
        return expect
    if name == "goi_y":
        from toolkit.hints import goi_y

        globals()["goi_y"] = goi_y
        return goi_y
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _install_in_notebook() -> None:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        from toolkit import _kernel

        _kernel.install(shell)


_install_in_notebook()
