"""Stock ``nbgrader autograde`` with the course config switched, and the batch driver."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import needs_sandbox

ASSIGNMENT = "00-lam-quen"
CONFIG_LINES = """
# hocso: execute submissions in the sandboxed executor (grading.executor)
from grading.executor.preprocessor import AUTOGRADE_PREPROCESSORS, SANITIZE_PREPROCESSORS
c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
c.Autograde.sanitize_preprocessors = SANITIZE_PREPROCESSORS
c.SandboxedExecute.timeout = 60
"""

CHEAT = (
    "import os\n"
    "class Luon(str):\n"
    "    def __eq__(self, other):\n"
    "        return True\n"
    "    __hash__ = str.__hash__\n"
    "tien_khach_tra = Luon('x')\n"
)


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course, capture_output=True, text=True, timeout=600, check=False, env=env,
    )  # fmt: skip


def _submit(course: Path, learner: str, nb: dict) -> None:
    folder = course / "submitted" / learner / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), "utf-8")
    (folder / "timestamp.txt").write_text("2026-01-01 08:00:00.000000 UTC")


def _with_answer(nb: dict, answer_id: str, code: str) -> dict:
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == answer_id:
            cell["source"] = code
    return nb


@pytest.fixture
def course(course_copy) -> Path:
    """A generated course copy with four learners: solution, untouched, cheater, crasher."""
    root = course_copy  # a fresh course with an empty gradebook (tests/grading/conftest.py)
    result = _nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    assert result.returncode == 0, result.stderr
    source = json.loads((root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8"))
    release = json.loads((root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8"))
    _submit(root, "giai", source)
    _submit(root, "chua-lam", release)
    solved = _with_answer(source, "cau-1", CHEAT)
    _submit(root, "gian-lan", _with_answer(solved, "cau-8", "import os\nos._exit(0)"))
    return root


def _scores(course: Path) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for learner in ("giai", "chua-lam", "gian-lan"):
            notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, learner)
            found[learner] = {
                g.name: g.auto_score for g in notebook.grades if g.auto_score is not None
            }
    return found


def _check(scores: dict[str, dict[str, float]]) -> None:
    assert sum(scores["giai"].values()) == 11  # every autograded point
    assert sum(scores["chua-lam"].values()) == 0
    cheat = scores["gian-lan"]
    assert cheat["kiem-tra-cau-1"] == 0  # always-equal object: refused
    assert cheat["kiem-tra-cau-8"] == 0  # crashed its own answer
    assert sum(cheat.values()) == 11 - 1 - 2  # everything else kept (cau-8 is worth 2)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
@needs_sandbox
def test_stock_nbgrader_autograde_uses_the_executor_from_config(course):
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(CONFIG_LINES)
    result = _nbgrader(course, "autograde", ASSIGNMENT, "--create", "--force")
    assert result.returncode == 0, result.stderr
    assert "executed in" in result.stderr  # SandboxedExecute's log line
    _check(_scores(course))
    autograded = (
        course / "autograded" / "gian-lan" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    ).read_text("utf-8")
    assert "DeadKernelError" in autograded


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
@needs_sandbox
def test_parallel_autograde_reports_the_sandbox_and_isolates_a_broken_submission(course, tmp_path):
    from grading.classroom.cohort import open_cohort
    from grading.verbs.autograde import autograde

    broken = course / "submitted" / "hong" / ASSIGNMENT
    broken.mkdir(parents=True)
    (broken / f"{ASSIGNMENT}.ipynb").write_text("{ not json", "utf-8")
    cohort = open_cohort(course, exchange=tmp_path / "exchange")
    result = autograde(ASSIGNMENT, cohort=cohort, workers=2)
    by_learner = {r.learner: r for r in result.rows}
    assert set(by_learner) == {"giai", "chua-lam", "gian-lan", "hong"}
    assert by_learner["hong"].status == "failed"
    assert by_learner["giai"].status == "graded"
    assert by_learner["giai"].sandbox is not None
    assert by_learner["giai"].sandbox.full
    assert by_learner["gian-lan"].restarts == 1
    _check(_scores(course))
