"""Fixtures for the sandboxed executor: a warm zygote per test worker and notebook factories."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from grading.executor import ExecutionOptions, Limits, Zygote, execute_notebook

from .._cells import answer_cell, grade_cell, locked_cell, notebook
from .._cells import plain_cell as code

__all__ = ["answer_cell", "code", "grade_cell", "notebook", "setup_cell"]  # shared cell factories

REPO = Path(__file__).resolve().parents[3]
COURSE = REPO / "courses" / "kinh-doanh-so"
WARMUP = COURSE / "source" / "00-lam-quen" / "00-lam-quen.ipynb"
IS_ROOT = os.geteuid() == 0
SANDBOX_REASON = "the full sandbox needs root (CI runs as root)"


def sandbox_required(environ: Any = os.environ) -> bool:
    """Whether a missing sandbox is a failure: ``CI=true`` or ``HOCSO_REQUIRE_SANDBOX=1``."""
    return environ.get("CI", "").lower() == "true" or environ.get("HOCSO_REQUIRE_SANDBOX") == "1"


def without_sandbox(environ: Any = os.environ) -> str:
    """What a sandbox test does on a machine without the full sandbox: "skip" or "fail"."""
    return "fail" if sandbox_required(environ) else "skip"


@pytest.fixture
def full_sandbox() -> None:
    """Skip a test that needs the full sandbox, or fail it when CI says it must run."""
    if IS_ROOT:
        return
    if without_sandbox() == "fail":
        pytest.fail(f"{SANDBOX_REASON}; CI=true or HOCSO_REQUIRE_SANDBOX=1 requires it")
    pytest.skip(SANDBOX_REASON)


#: Mark for tests of the full sandbox (never silently skipped in CI).
needs_sandbox = pytest.mark.usefixtures("full_sandbox")

SETUP = "from toolkit.checks import expect\nfrom toolkit import data"


def setup_cell(source: str = SETUP) -> Any:
    """The locked setup cell of a notebook (imports), :func:`tests.grading._cells.locked_cell`."""
    return locked_cell(source, "setup")


def grades(nb: Any) -> dict[str, float | None]:
    """nbgrader's own verdict for every grade cell."""
    from nbgrader.utils import determine_grade, is_grade

    return {
        cell.metadata["nbgrader"]["grade_id"]: determine_grade(cell)[0]
        for cell in nb.cells
        if is_grade(cell)
    }


@pytest.fixture(scope="session")
def zygote():
    with Zygote() as started:
        yield started


@pytest.fixture
def files_dir(tmp_path) -> Path:
    """A submission folder: a data file and a notebook holding 'hidden tests'."""
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / "du-lieu.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "bai.ipynb").write_text('{"x": "### BEGIN HIDDEN TESTS secret"}', encoding="utf-8")
    return folder


@pytest.fixture
def run(zygote, files_dir) -> Callable[..., tuple[Any, Any]]:
    """Execute a notebook in the sandbox: ``run(nb, **limits)`` -> (nb, report)."""

    def execute(nb: Any, *, sandbox: str = "auto", trusted: bool = True, **limits: Any):
        options = ExecutionOptions(
            limits=Limits(**{"cell_timeout": 20.0, **limits}),
            sandbox=sandbox,
            trusted_checks=trusted,
        )
        report = execute_notebook(nb, files_dir=str(files_dir), zygote=zygote, options=options)
        return nb, report

    return execute


def outputs_of(cell: Any) -> list[tuple[str, str]]:
    """(output type, stream name or ename) of each output; adjacent streams of one name merged.

    A kernel flushes a stream every 0.2 s, so how a slow cell's text is split
    into stream outputs depends on timing, never on the code.
    """
    kinds: list[tuple[str, str]] = []
    for o in cell.outputs:
        kind = (o.output_type, o.get("name") or o.get("ename") or "")
        if not (kinds and kind[0] == "stream" and kinds[-1] == kind):
            kinds.append(kind)
    return kinds


def text_of(cell: Any) -> str:
    parts = []
    for o in cell.outputs:
        parts.append(o.get("text", "") + o.get("evalue", ""))
        parts.append(str(o.get("data", {}).get("text/plain", "")))
    return "".join(parts)
