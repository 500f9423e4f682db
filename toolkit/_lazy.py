"""Lazy names for a skill package: ``import toolkit.<skill>`` stays cheap.

A package lists which submodule holds each public name; the name (or the
submodule) is imported the first time it is used, then cached in the
package's namespace.

Examples
--------
>>> from toolkit import photo
>>> "audit" in dir(photo), callable(photo.audit)
(True, True)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, exports: Mapping[str, str], submodules: Iterable[str], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package``.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : mapping
        Public name -> the submodule (relative name) that defines it.
    submodules : iterable of str
        Submodules reachable as attributes (``photo.metrics``).
    public : iterable of str
        The package's ``__all__``.
    """
    namespace = sys.modules[package].__dict__
    modules = frozenset(submodules)
    shown = frozenset(public)

    def __getattr__(name: str) -> Any:
        if name in exports:
            value = getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
        elif name in modules:
            value = importlib.import_module(f"{package}.{name}")
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | shown)

    return __getattr__, __dir__
