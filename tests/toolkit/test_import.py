"""``import toolkit`` stays light: heavy libraries load only when a function needs them."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "numpy", "matplotlib", "PIL", "scipy", "nbgrader", "IPython")


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(result.stdout.split())


def _public_modules() -> list[str]:
    import toolkit

    # widgets are for notebooks (ipywidgets); every other module and skill package is found
    return [name for name in toolkit.__all__ if name not in ("__version__", "expect", "goi_y")]


def test_import_toolkit_and_every_module_loads_no_heavy_library():
    modules = _public_modules()
    assert {"vn", "i18n", "data", "plots", "checks", "photo"} <= set(modules)
    loaded = _modules_after("import toolkit\n" + "\n".join(f"import toolkit.{m}" for m in modules))
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_toolkit_never_imports_the_trainer_side():
    loaded = _modules_after("import toolkit\nfrom toolkit import checks, data, plots, vn, i18n")
    assert "grading" not in loaded
    assert "nbgrader" not in loaded


def test_lazy_attribute_access():
    import toolkit

    assert toolkit.vn.format_vnd(1000) == "1.000\u00a0₫"
    assert callable(toolkit.expect.number)
    assert "vn" in dir(toolkit)
