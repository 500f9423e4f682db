"""Defaults of the trainer side, in one place: the CLI and the API both read them.

Execution limits (per-cell time limit included) live in
:class:`grading.executor.Limits`; this module holds where things are and how
many submissions run at once. Nothing here assumes an editable install: the
repository is used only when ``grading`` runs from a checkout
(:func:`repo_checkout`).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "CERTIFICATES_DIR",
    "COURSE_ENV",
    "COURSE_ID",
    "REPORT_DIR",
    "REPO_ROOT",
    "WORKSPACE_ENV",
    "default_course_root",
    "default_workers",
    "default_workspace",
    "repo_checkout",
]

#: The folder above this package: the repository in a checkout or an editable
#: install, ``site-packages`` in a regular install (see :func:`repo_checkout`).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The course taught by default (``courses/<COURSE_ID>`` in the repository).
COURSE_ID = "kinh-doanh-so"
#: Environment variable naming the course root (after ``--course``).
COURSE_ENV = "HOCSO_COURSE"
#: Environment variable naming the learner workspace of ``hocso lab``.
WORKSPACE_ENV = "HOCSO_WORKSPACE"
#: Folder ``hocso report`` writes into when not told (relative to the current folder).
REPORT_DIR = Path("bao-cao")
#: Folder ``hocso certificates`` writes into when not told (relative to the current folder).
CERTIFICATES_DIR = Path("chung-nhan")


def repo_checkout() -> Path | None:
    """The repository ``grading`` runs from, or ``None`` when it is installed.

    A checkout is recognised by its ``pyproject.toml`` and ``courses/`` folder
    next to the package (never true inside ``site-packages``).
    """
    if (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "courses").is_dir():
        return REPO_ROOT
    return None


def default_course_root() -> Path | None:
    """The repository's ``courses/kinh-doanh-so`` when running from a checkout, else ``None``.

    The course ``hocso`` uses is resolved by :func:`grading.core.course.resolve_course`
    (``--course``, ``$HOCSO_COURSE``, the current folder, then this).
    """
    checkout = repo_checkout()
    return None if checkout is None else (checkout / "courses" / COURSE_ID).resolve()


def default_workspace() -> Path:
    """``$HOCSO_WORKSPACE`` if set, else ``workspace/`` in the checkout (git-ignored),
    else ``hocso/workspace`` in the user's data folder."""
    if os.environ.get(WORKSPACE_ENV):
        return Path(os.environ[WORKSPACE_ENV]).expanduser().resolve()
    checkout = repo_checkout()
    if checkout is not None:
        return (checkout / "workspace").resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("hocso", appauthor=False)) / "workspace"


def default_workers() -> int:
    """Submissions executing at once when not told: the number of CPUs.

    >>> default_workers() >= 1
    True
    """
    return max(1, os.cpu_count() or 1)
