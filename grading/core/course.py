"""A course root on disk, and nbgrader configured for it.

Which course ``hocso`` works on is resolved as nbgrader finds its course root,
highest priority first (:func:`resolve_course`):

1. the ``root`` argument (``hocso --course DIR``);
2. ``$HOCSO_COURSE``;
3. the current folder, when it is a course root (it has ``nbgrader_config.py``),
   as for plain ``nbgrader``, which works in the folder it is run in;
4. the repository's ``courses/kinh-doanh-so``, when running from a checkout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grading.core.cells import Delimiters
from grading.core.defaults import COURSE_ENV, default_course_root
from grading.core.errors import CourseError

if TYPE_CHECKING:  # pragma: no cover
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

__all__ = ["Course", "CourseChoice", "ensure_scripts_on_path", "open_course", "resolve_course"]

CONFIG_FILE = "nbgrader_config.py"


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
            from grading.core.messages import say

            known = ", ".join(self.assignments()) or "-"
            raise CourseError(
                say("hocso.error.no_assignment", assignment=assignment, parent=parent, known=known)
            )
        return folder

    def config(self, **overrides: Any) -> Config:
        """nbgrader configuration: the course's ``nbgrader_config.py``, rooted here.

        ``overrides`` are ``{"Section.option": value}`` pairs applied last.
        """
        from traitlets.config import Config
        from traitlets.config.loader import PyFileConfigLoader

        config = Config()
        loaded = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        config.merge(loaded)
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.course_id = self.course_id
        for dotted, value in overrides.items():
            section, option = dotted.rsplit(".", 1)
            config[section][option] = value
        return config

    def delimiters(self) -> Delimiters:
        """The solution and hidden-test delimiters this course's nbgrader uses."""
        return Delimiters.from_config(self.config())

    def api(self, **overrides: Any) -> NbGraderAPI:
        """An ``NbGraderAPI`` bound to this course."""
        from nbgrader.apps import NbGraderAPI

        ensure_scripts_on_path()
        return NbGraderAPI(config=self.config(**overrides))


_ORIGINS = {
    "option": "--course",
    "env": f"${COURSE_ENV}",
    "cwd": "the current folder",
    "default": "the repository's default course",
}


@dataclass(frozen=True)
class CourseChoice:
    """The course root to use, and where that choice came from.

    ``origin`` is ``"option"`` (an argument, ``hocso --course``), ``"env"``
    (``$HOCSO_COURSE``), ``"cwd"`` (the current folder is a course root) or
    ``"default"`` (the repository's course).
    """

    root: Path
    origin: str

    @property
    def is_default(self) -> bool:
        return self.origin == "default"

    def describe(self, *, lang: str | None = None) -> str:
        """``"<root> (from <origin>)"``, for the trainer (in their language)."""
        from grading.core.messages import say

        if self.origin in ("cwd", "default"):
            where = say(f"hocso.course.from_{self.origin}", lang=lang)
        else:
            where = _ORIGINS[self.origin]
        return say("hocso.course.chosen", root=self.root, where=where, lang=lang)


def resolve_course(
    root: str | Path | None = None,
    *,
    cwd: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> CourseChoice:
    """Which course root to use (see the module docstring for the order).

    ``cwd`` and ``environ`` default to the process's own. Nothing is checked
    beyond finding a candidate: :func:`open_course` says what is wrong with it.

    Raises
    ------
    CourseError
        If nothing names a course and ``grading`` is not running from a checkout.

    Examples
    --------
    >>> resolve_course("/srv/lop-a", environ={"HOCSO_COURSE": "/srv/lop-b"}).describe(lang="en")
    '/srv/lop-a (from --course)'
    >>> resolve_course(environ={"HOCSO_COURSE": "/srv/lop-b"}).describe(lang="vi")
    '/srv/lop-b (theo $HOCSO_COURSE)'
    """
    environ = os.environ if environ is None else environ
    if root is not None:
        return CourseChoice(Path(root).expanduser().resolve(), "option")
    if environ.get(COURSE_ENV):
        return CourseChoice(Path(environ[COURSE_ENV]).expanduser().resolve(), "env")
    here = Path.cwd() if cwd is None else Path(cwd)
    if (here / CONFIG_FILE).is_file():
        return CourseChoice(here.resolve(), "cwd")
    default = default_course_root()
    if default is None:
        raise CourseError(
            f"no course: run hocso in a course folder (one with {CONFIG_FILE}), "
            f"or give --course DIR or ${COURSE_ENV}"
        )
    return CourseChoice(default, "default")


def open_course(root: str | Path | None = None) -> Course:
    """Open the course at ``root`` (default: :func:`resolve_course`'s choice).

    Raises
    ------
    CourseError
        If the folder has no ``nbgrader_config.py`` or no ``source/`` folder.
    """
    choice = resolve_course(root)
    path = choice.root
    where = "" if choice.origin == "option" else f" (from {_ORIGINS[choice.origin]})"
    if not (path / CONFIG_FILE).is_file():
        raise CourseError(f"{path}{where} is not a course root: {CONFIG_FILE} is missing")
    if not (path / "source").is_dir():
        raise CourseError(f"{path}{where} has no source/ folder with assignments")
    return Course(path)
