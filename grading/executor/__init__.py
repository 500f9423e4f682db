"""A fast, sandboxed, cheat-proof executor for nbgrader autograde.

- :class:`SandboxedExecute` replaces nbgrader's ``Execute`` in the autograde
  pipeline (``c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS``).
- :func:`grading.executor.batch.prefetch` executes submissions ahead, in
  parallel, for the one autograde driver, :func:`grading.verbs.autograde.autograde`.
- :func:`lint_test_cells` flags test cells that cannot be checked out of the
  learner's process.
- :func:`execute_notebook` runs one notebook; :class:`Zygote` forks children.

Submodules are imported on first use, so the zygote stays lean.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "AUTOGRADE_PREPROCESSORS",
    "SANITIZE_PREPROCESSORS",
    "ExecutionOptions",
    "ExecutionReport",
    "Handoff",
    "Limits",
    "LintIssue",
    "SandboxReport",
    "SandboxedExecute",
    "Zygote",
    "execute_notebook",
    "lint_course",
    "lint_test_cells",
]

_WHERE = {
    "AUTOGRADE_PREPROCESSORS": "preprocessor",
    "SANITIZE_PREPROCESSORS": "preprocessor",
    "Handoff": "preprocessor",
    "SandboxedExecute": "preprocessor",
    "ExecutionOptions": "engine",
    "ExecutionReport": "engine",
    "execute_notebook": "engine",
    "Limits": "_policy",
    "SandboxReport": "_policy",
    "LintIssue": "lint",
    "lint_course": "lint",
    "lint_test_cells": "lint",
    "Zygote": "_zygote",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
