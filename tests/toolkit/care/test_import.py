"""``import toolkit.care`` stays light."""

from __future__ import annotations

import subprocess
import sys


def test_import_care_loads_no_heavy_library():
    code = "import toolkit.care, toolkit.care.rules, toolkit.care.hours, toolkit.care.text\n"
    code += "import sys; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {m.split(".")[0] for m in out.stdout.split()}
    assert not loaded & {"pandas", "numpy", "matplotlib", "ipywidgets"}


def test_lazy_names_resolve():
    from toolkit import care

    for name in care.__all__:
        assert getattr(care, name) is not None, name
    assert "csat" in dir(care)
