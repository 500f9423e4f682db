"""Defaults of the trainer side, in one place: the CLI and the API both read them."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["COURSE_ID", "REPO_ROOT", "default_course_root", "default_workspace"]

#: The repository this package lives in (an editable install, or a checkout).
REPO_ROOT = Path(__file__).resolve().parent.parent

#: The course taught by default.
COURSE_ID = "kinh-doanh-so"


def default_course_root() -> Path:
    """``$HOCSO_COURSE`` if set, else ``courses/kinh-doanh-so`` in the repository."""
    return Path(os.environ.get("HOCSO_COURSE", REPO_ROOT / "courses" / COURSE_ID)).resolve()


def default_workspace() -> Path:
    """``$HOCSO_WORKSPACE`` if set, else ``workspace/`` in the repository (git-ignored)."""
    return Path(os.environ.get("HOCSO_WORKSPACE", REPO_ROOT / "workspace")).resolve()
