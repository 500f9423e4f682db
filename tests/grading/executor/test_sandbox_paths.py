"""The sandbox shows the environment even when it lives under /tmp or /home.

CI checks the repository out in a temporary folder: the interpreter's
environment and ``toolkit`` must stay visible inside the sandbox, whose own
``/tmp`` and ``/home`` are fresh tmpfs mounts (a regression: they hid it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import needs_sandbox

REPO = Path(__file__).resolve().parents[3]

SCRIPT = """
import json, sys
import nbformat
from grading.executor import ExecutionOptions, Limits, Zygote, execute_notebook

nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    "import os\\nfrom toolkit import data\\nprint(data.path('products'))\\n"
    "print(len(data.load('products')))\\nprint(sorted(os.listdir('/tmp')))")])
options = ExecutionOptions(limits=Limits(cell_timeout=30.0), sandbox="require")
with Zygote() as zygote:
    execute_notebook(nb, files_dir=sys.argv[1], zygote=zygote, options=options)
print(json.dumps(nb.cells[0].outputs))
"""


@needs_sandbox
def test_toolkit_under_tmp_is_visible_in_the_sandbox(tmp_path):
    env_dir = tmp_path / "checkout"
    shutil.copytree(
        REPO / "toolkit", env_dir / "toolkit", ignore=shutil.ignore_patterns("__pycache__")
    )
    files = tmp_path / "submission"
    files.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(files)],
        env={**os.environ, "PYTHONPATH": str(env_dir)},
        cwd=tmp_path,  # not the repository: its toolkit would shadow the copy
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outputs = json.loads(result.stdout.strip().splitlines()[-1])
    assert [o["output_type"] for o in outputs] == ["stream"], outputs
    text = outputs[0]["text"]
    assert str(env_dir / "toolkit" / "data" / "products.csv") in text  # the checkout under /tmp
    assert "\n30\n" in text  # and its files are readable inside the sandbox
    assert "submission" not in text  # the host's /tmp is still not shown
