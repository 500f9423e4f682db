"""A new skill area is a package, an assignment and its tests: nothing else is edited.

A tiny skill ("tinyskill": one function, one message, one dataset, one
assignment with a hidden check and a known mistake) is added to a temporary
copy of the project; with no other file touched, the toolkit finds the
package, its messages and its dataset, the asset check covers its CSV, and
``hocso build`` + ``nbgrader autograde`` (the course's sandboxed executor)
build, self-check and grade its assignment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]

PACKAGE = {
    "__init__.py": '''
        """A tiny skill: doubles numbers (for the discovery test)."""

        __all__ = ["double"]


        def double(x: int) -> int:
            """Twice ``x``.

            >>> double(2)
            4
            """
            return 2 * x
        ''',
    "_messages.py": """
        from toolkit.i18n import register

        register({"tinyskill.hello": {"vi": "Xin chào {name}!", "en": "Hello {name}!"}})
        """,
    "_datasets.py": """
        SEED = 7
        SCHEMAS = {"tiny_sales": {"day": "date", "units": "int", "share": "float"}}


        def generate(seed=SEED):
            import pandas as pd

            from toolkit.data import _typed

            frame = pd.DataFrame(
                {"day": ["2026-01-01", "2026-01-02"], "units": [3, seed], "share": [0.25, 0.75]}
            )
            return {"tiny_sales": _typed(frame, "tiny_sales")}
        """,
}


def _cell(kind, source, grade_id, **meta):
    nbgrader = {"grade": False, "grade_id": grade_id, "locked": True, "schema_version": 3,
                "solution": False, "task": False, **meta}  # fmt: skip
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source, metadata={"nbgrader": nbgrader})
    cell.id = grade_id
    return cell


def _assignment() -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(
        cells=[
            _cell(
                "code",
                "from toolkit import data, tinyskill\nfrom toolkit.checks import expect",
                "setup",
            ),
            _cell(
                "markdown",
                "## Câu 1\nTổng số hàng bán, nhân đôi.\n\n<details><summary>Gợi ý 1</summary>\n\n"
                "Cộng cột `units` rồi dùng `tinyskill.double(...)`.\n</details>",
                "cau-1-md",
            ),
            _cell(
                "code",
                "tong = ...\n### BEGIN SOLUTION\ntong = tinyskill.double(int(data.load('tiny_sales')"
                "['units'].sum()))\n### END SOLUTION\ntong",
                "cau-1",
                locked=False,
                solution=True,
            ),
            _cell(
                "code",
                "expect.has_type(tong, 'number', name='tong')\n### BEGIN HIDDEN TESTS\n"
                "_kt = data.load('tiny_sales')\nexpect.integer(tong, tinyskill.double(int(_kt['units']"
                ".sum())), name='tong', mistakes={int(_kt['units'].sum()): 'Bạn quên nhân đôi.'})\n"
                "### END HIDDEN TESTS",
                "kiem-tra-cau-1",
                grade=True,
                points=1,
            ),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )


def _run(args, cwd, env, timeout=600):
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
def test_a_new_skill_is_found_built_checked_and_graded(tmp_path):
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "release", "submitted", "autograded", "feedback",
                                    "gradebook.db", ".hocso")  # fmt: skip
    for part in ("toolkit", "grading"):
        shutil.copytree(REPO / part, copy / part, ignore=ignore)
    course = copy / "courses" / "kinh-doanh-so"
    (course / "source").mkdir(parents=True)
    shutil.copy(REPO / "courses" / "kinh-doanh-so" / "nbgrader_config.py", course)
    # --- the only new files: the package and the assignment -------------------------
    skill = copy / "toolkit" / "tinyskill"
    skill.mkdir()
    for name, text in PACKAGE.items():
        (skill / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    folder = course / "source" / "99-tiny"
    folder.mkdir()
    nbformat.write(_assignment(), str(folder / "99-tiny.ipynb"))

    env = {**os.environ, "PYTHONPATH": str(copy), "HOCSO_COURSE": str(course)}
    env.pop("HOCSO_LANG", None)
    py = sys.executable
    write = (
        "from toolkit.data._files import provider_of, write_tables\n"
        "p = provider_of('tiny_sales')\nprint(write_tables(p.generate(), p.directory))"
    )
    assert "tinyskill/data/tiny_sales.csv" in _run([py, "-c", write], copy, env)
    assert (skill / "data" / "tiny_sales.csv").read_text() == (
        "day,units,share\n2026-01-01,3,0.25\n2026-01-02,7,0.75\n"
    )
    assert "toolkit.tinyskill (seed 7)" in _run([py, "-m", "toolkit.data", "--check"], copy, env)
    probe = (
        "import toolkit\nfrom toolkit import data, i18n\n"
        "assert 'tinyskill' in toolkit.__all__ and toolkit.tinyskill.double(3) == 6\n"
        "assert 'tinyskill' in i18n.discover_all()\n"
        "print(i18n.t('tinyskill.hello', name='Lan'), data.load('tiny_sales')['units'].sum())"
    )
    assert _run([py, "-c", probe], copy, env).split() == ["Xin", "chào", "Lan!", "10"]

    _run([py, "-m", "grading", "build", "99-tiny"], copy, env)
    release = json.loads((course / "release" / "99-tiny" / "99-tiny.ipynb").read_text("utf-8"))
    test_cell = next(c for c in release["cells"] if c["id"] == "kiem-tra-cau-1")
    assert "expect.self_check(tong" in "".join(test_cell["source"])
    assert release["metadata"]["hocso"]["hints"]["cau-1"]["tiers"]

    for learner, source_folder in (("giai", course / "source"), ("chua-lam", course / "release")):
        target = course / "submitted" / learner / "99-tiny"
        target.mkdir(parents=True)
        shutil.copy(source_folder / "99-tiny" / "99-tiny.ipynb", target)
        (target / "timestamp.txt").write_text("2026-01-01 08:00:00.000000 UTC")
    _run([py, "-m", "nbgrader", "autograde", "99-tiny", "--create", "--force"], course, env)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {
            who: gradebook.find_submission("99-tiny", who).code_score
            for who in ("giai", "chua-lam")
        }
    assert scores == {"giai": 1.0, "chua-lam": 0.0}
