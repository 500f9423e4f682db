"""``hocso lab``: build, fill the learner workspace, open JupyterLab there in Vietnamese."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from grading.build import build
from grading.config import REPO_ROOT, default_workspace
from grading.course import Course, open_course
from grading.workspace import SyncResult, atomic_write_text, sync_files

__all__ = ["LOCALE", "WELCOME_NOTEBOOK", "lab", "lab_command", "prepare_workspace"]

LOCALE = "vi_VN"
WELCOME_NOTEBOOK = "00-chao-mung.ipynb"
_TRANSLATION_SETTINGS = Path("@jupyterlab") / "translation-extension" / "plugin.jupyterlab-settings"


def _workspace_files(course: Course, notebooks_dir: Path) -> list[tuple[Path, str]]:
    files = [(p, p.name) for p in sorted(notebooks_dir.glob("*.ipynb"))]
    for assignment in course.assignments():
        folder = course.release_dir / assignment
        files += [
            (p, f"{assignment}/{p.relative_to(folder).as_posix()}")
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".ipynb_checkpoints" not in p.parts
        ]
    return files


def prepare_workspace(
    course: Course | None = None,
    workspace: Path | None = None,
    *,
    notebooks_dir: Path | None = None,
    rebuild: bool = True,
) -> SyncResult:
    """Build the learner versions and sync them (plus ``notebooks/``) into ``workspace``.

    Also sets JupyterLab's language to Vietnamese for this workspace, unless
    the learner already chose a language there.
    """
    course = course or open_course()
    workspace = workspace or default_workspace()
    if rebuild:
        build(course)
    result = sync_files(
        _workspace_files(course, notebooks_dir or REPO_ROOT / "notebooks"), workspace
    )
    settings = workspace / ".hocso" / "lab-settings" / _TRANSLATION_SETTINGS
    if not settings.exists():
        atomic_write_text(settings, json.dumps({"locale": LOCALE}, indent=2))
    return result


def lab_command(workspace: Path, *, open_browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment for ``workspace``.

    ``JUPYTER_PORT`` and ``JUPYTER_TOKEN`` from the environment are honoured
    by Jupyter Server itself.
    """
    env = dict(os.environ)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(workspace / ".hocso" / "lab-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(workspace / ".hocso" / "lab-workspaces")
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={workspace}",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers and CI often run as root; Jupyter refuses that without this flag.
        command.append("--allow-root")
    if (workspace / WELCOME_NOTEBOOK).exists():
        command.append(f"--LabApp.default_url=/lab/tree/{WELCOME_NOTEBOOK}")
    return command, env


def lab(
    course: Course | None = None,
    workspace: Path | None = None,
    *,
    open_browser: bool = True,
) -> int:
    """Prepare the workspace and run JupyterLab there until it stops; returns its exit code."""
    workspace = workspace or default_workspace()
    result = prepare_workspace(course, workspace)
    for path in result.kept:
        print(f"kept your changed copy of {path} (the course version was not copied over it)")
    command, env = lab_command(workspace, open_browser=open_browser)
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0
