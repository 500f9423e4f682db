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
# Settings a learner may change later in the UI: written only when absent.
_LAB_SETTINGS = {
    # JupyterLab in Vietnamese (jupyterlab-language-pack-vi-VN).
    Path("@jupyterlab/translation-extension/plugin.jupyterlab-settings"): {"locale": LOCALE},
    # Offline classrooms: no news feed, no update checks, no popup asking about them.
    Path("@jupyterlab/apputils-extension/notification.jupyterlab-settings"): {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
# Trainer tools hidden from learners; the Assignments tab (fetch/submit) stays.
_LEARNER_PAGE_CONFIG = {
    "disabledExtensions": {
        "@jupyter/nbgrader:create-assignment": True,
        "@jupyter/nbgrader:formgrader": True,
        "@jupyter/nbgrader:course-list": True,
    }
}


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

    Also sets JupyterLab's language to Vietnamese and turns off the news feed
    for this workspace (unless the learner already changed those settings), and
    hides nbgrader's trainer tools (Create Assignment, Formgrader, Courses).
    """
    course = course or open_course()
    workspace = workspace or default_workspace()
    if rebuild:
        build(course)
    result = sync_files(
        _workspace_files(course, notebooks_dir or REPO_ROOT / "notebooks"), workspace
    )
    for relative, values in _LAB_SETTINGS.items():
        settings = workspace / ".hocso" / "lab-settings" / relative
        if not settings.exists():
            atomic_write_text(settings, json.dumps(values, indent=2))
    page_config = workspace / ".hocso" / "jupyter-config" / "labconfig" / "page_config.json"
    atomic_write_text(page_config, json.dumps(_LEARNER_PAGE_CONFIG, indent=2))
    return result


def lab_command(workspace: Path, *, open_browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment for ``workspace``.

    ``JUPYTER_PORT`` and ``JUPYTER_TOKEN`` from the environment are honoured
    by Jupyter Server itself.
    """
    env = dict(os.environ)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(workspace / ".hocso" / "lab-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(workspace / ".hocso" / "lab-workspaces")
    # An extra config dir (searched before the environment's) holding page_config.json.
    extra = str(workspace / ".hocso" / "jupyter-config")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        p for p in (extra, env.get("JUPYTER_CONFIG_PATH")) if p
    )
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
