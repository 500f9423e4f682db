"""A course root on disk, and nbgrader configured for it."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grading.config import default_course_root
from grading.errors import CourseError

if TYPE_CHECKING:  # pragma: no cover
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

__all__ = ["Course", "ensure_scripts_on_path", "open_course"]


def ensure_scripts_on_path() -> None:
    """Put this interpreter's scripts folder on ``PATH``.

    nbgrader runs the ``alembic`` command when it creates a gradebook; when
    ``hocso`` is started as ``.venv/bin/hocso`` without activating the venv,
    that command is otherwise not found.
    """
    scripts = os.path.dirname(sys.executable)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([scripts, os.environ.get("PATH", "")])


@dataclass(frozen=True)
class Course:
    """An nbgrader course root: ``nbgrader_config.py`` plus ``source/<assignment>/``."""

    root: Path

    @property
    def course_id(self) -> str:
        return self.root.name

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def release_dir(self) -> Path:
        return self.root / "release"

    def assignments(self) -> list[str]:
        """Assignment ids, in teaching order (folders are numbered)."""
        return sorted(
            p.name for p in self.source_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
        )

    def source_notebooks(self, assignment: str) -> list[Path]:
        return sorted(self._assignment_dir(self.source_dir, assignment).glob("*.ipynb"))

    def release_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.release_dir / assignment).glob("*.ipynb"))

    def _assignment_dir(self, parent: Path, assignment: str) -> Path:
        folder = parent / assignment
        if not folder.is_dir():
            known = ", ".join(self.assignments()) or "none"
            raise CourseError(f"no assignment {assignment!r} in {parent}; assignments: {known}")
        return folder

    def config(self, **overrides: Any) -> Config:
        """nbgrader configuration: the course's ``nbgrader_config.py``, rooted here.

        ``overrides`` are ``{"Section.option": value}`` pairs applied last.
        """
        from traitlets.config import Config
        from traitlets.config.loader import PyFileConfigLoader

        config = Config()
        loaded = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        config.merge(loaded)
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.course_id = self.course_id
        for dotted, value in overrides.items():
            section, option = dotted.rsplit(".", 1)
            config[section][option] = value
        return config

    def api(self, **overrides: Any) -> NbGraderAPI:
        """An ``NbGraderAPI`` bound to this course."""
        from nbgrader.apps import NbGraderAPI

        ensure_scripts_on_path()
        return NbGraderAPI(config=self.config(**overrides))


def open_course(root: str | Path | None = None) -> Course:
    """Open the course at ``root`` (default: :func:`grading.config.default_course_root`).

    Raises
    ------
    CourseError
        If the folder has no ``nbgrader_config.py`` or no ``source/`` folder.
    """
    path = Path(root).resolve() if root is not None else default_course_root()
    if not (path / "nbgrader_config.py").is_file():
        raise CourseError(f"{path} is not a course root: nbgrader_config.py is missing")
    if not (path / "source").is_dir():
        raise CourseError(f"{path} has no source/ folder with assignments")
    return Course(path)
