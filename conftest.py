"""Repository-wide pytest setup: headless plots, the venv's scripts on PATH."""

from __future__ import annotations

import os

import matplotlib

from grading.core.course import ensure_scripts_on_path

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")
ensure_scripts_on_path()  # subprocesses (nbgrader, alembic, jupyter) come from this venv
