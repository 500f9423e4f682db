"""``grading/`` is layered: imports flow downward only, read from the real code.

The floor (``grading.core``) imports nothing else of ``grading``; the executor
imports only the floor (and ``toolkit``); the process every learner's sandbox
is forked from loads no verb; importing one verb imports no unrelated one.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.grading._imports import LAYERS, PACKAGE_ROOT, graph, layer_of, upward

UPPER = (
    "grading.classroom",
    "grading.exchange",
    "grading.progress",
    "grading.verbs",
    "grading.jupyter",
)


def test_no_module_imports_upward():
    bad = upward(graph())
    assert not bad, "imports against the layers (see tests/grading/_imports.py):\n" + "\n".join(bad)


def test_the_checker_sees_a_lazy_upward_import(tmp_path):
    """An import hidden inside a function still counts (so this test can fail)."""
    root = tmp_path / "grading"
    (root / "core").mkdir(parents=True)
    (root / "verbs").mkdir()
    for init in (root, root / "core", root / "verbs"):
        (init / "__init__.py").write_text("")
    (root / "verbs" / "build.py").write_text("X = 1\n")
    (root / "core" / "cells.py").write_text(
        "def f():\n    from grading.verbs import build\n    return build.X\n"
    )
    assert upward(graph(root)) == ["grading.core.cells -> grading.verbs.build (core imports verbs)"]


def test_every_package_has_a_layer():
    packages = {p.name for p in PACKAGE_ROOT.iterdir() if (p / "__init__.py").exists()}
    assert packages <= set(LAYERS), (
        f"a new package needs a layer in LAYERS: {packages - set(LAYERS)}"
    )
    assert layer_of("grading.cli") == ("cli", 7)
    assert layer_of("grading.__main__") == ("", LAYERS[""])


def _modules_after(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport json, sys\n"
         "print(json.dumps(sorted(m for m in sys.modules if m.startswith('grading'))))"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_zygote_holds_no_verb():
    """The warm zygote (as ``_serve`` leaves it before forking) has only the floor and executor."""
    loaded = _modules_after(
        "import grading.executor._zygote\n"
        "from grading.executor import _runner, _sandbox, _trusted, engine\n"
        "_runner.prepare()"
    )
    assert "grading.executor._runner" in loaded
    assert [m for m in loaded if m.startswith(UPPER)] == []


@pytest.mark.slow
def test_one_verb_imports_no_unrelated_verb():
    loaded = _modules_after("import grading\ngrading.status")
    assert "grading.verbs.status" in loaded
    assert not {"grading.verbs.autograde", "grading.verbs.demo", "grading.jupyter.launch"} & set(
        loaded
    )
