"""The import graph of ``grading/``, read from the code, and its layers.

Run ``.venv/bin/python -m tests.grading._imports`` to print every package's
layer, its modules with their sizes, and any import that goes upward.

Layers, bottom to top (a module may import its own package and any lower
layer, never a higher one nor a sibling of its own layer)::

    core        the floor: cells, defaults, errors, HTML and file safety, steps
    executor    the sandboxed, forked-zygote execution step
    classroom   the class: config, roster, workspaces, gradebook engines, ledger
    exchange    who handed what in, and when      (beside progress)
    progress    attempt logs, tables, report, certificates   (beside exchange)
    verbs       build, release, collect, autograde, feedback, ...
    jupyter     hocso lab and the lab's configuration
    hub         hocso hub: accounts, login, spawner, the hub's configuration
    (top)       grading/__init__, cli, __main__
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "grading"

#: Package -> layer. Packages of one layer may not import each other.
LAYERS: dict[str, int] = {
    "core": 0,
    "executor": 1,
    "classroom": 2,
    "exchange": 3,
    "progress": 3,
    "verbs": 4,
    "jupyter": 5,
    "hub": 6,  # hocso hub: JupyterHub's configuration reuses the lab of `jupyter`
    "cli": 7,  # the hocso command (grading/cli/)
    "": 8,  # grading/__init__.py (lazy names), __main__.py
}


def module_name(path: Path, root: Path = PACKAGE_ROOT) -> str:
    """``grading.core.cells`` for ``grading/core/cells.py``."""
    parts = path.relative_to(root.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, root: Path = PACKAGE_ROOT) -> Iterator[str]:
    """Every ``grading`` module ``path`` imports, at the top or inside a function."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "grading")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "grading":
                continue
            for alias in node.names:  # `from grading.core import cells` imports grading.core.cells
                child = f"{target}.{alias.name}"
                sub = root.parent.joinpath(*child.split("."))
                yield child if sub.with_suffix(".py").exists() or sub.is_dir() else target


def layer_of(module: str) -> tuple[str, int]:
    """The package of ``grading`` that holds ``module``, and its layer."""
    parts = module.split(".")
    package = parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else ""
    return package, LAYERS.get(package, LAYERS[""])


def graph(root: Path = PACKAGE_ROOT) -> dict[str, set[str]]:
    """Module -> the ``grading`` modules it imports."""
    return {
        module_name(path, root): set(imports_of(path, root)) for path in sorted(root.rglob("*.py"))
    }


def upward(edges: dict[str, Iterable[str]]) -> list[str]:
    """The imports that break the layering, as ``a -> b`` lines (empty when clean).

    Examples
    --------
    >>> upward({"grading.core.cells": ["grading.verbs.build"]})
    ['grading.core.cells -> grading.verbs.build (core imports verbs)']
    >>> upward({"grading.progress.report": ["grading.exchange.identity"]})
    ['grading.progress.report -> grading.exchange.identity (progress imports exchange)']
    >>> upward({"grading.verbs.build": ["grading.core.cells", "grading.verbs.release"]})
    []
    """
    bad = []
    for source, targets in sorted(edges.items()):
        src_pkg, src_layer = layer_of(source)
        for target in sorted(targets):
            dst_pkg, dst_layer = layer_of(target)
            if target == "grading" and source != "grading":
                dst_pkg, dst_layer = "", LAYERS[""]
            if dst_pkg == src_pkg:
                continue
            if dst_layer >= src_layer:
                bad.append(f"{source} -> {target} ({src_pkg or 'top'} imports {dst_pkg or 'top'})")
    return bad


def main() -> None:
    """Print the layers with their modules (lines of code) and any upward import."""
    edges = graph()
    by_package: dict[str, list[str]] = {}
    for module in edges:
        by_package.setdefault(layer_of(module)[0], []).append(module)
    for package, layer in sorted(LAYERS.items(), key=lambda item: (-item[1], item[0])):
        modules = sorted(by_package.get(package, []))
        total = 0
        lines = []
        for module in modules:
            path = PACKAGE_ROOT.parent.joinpath(*module.split("."))
            path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
            size = len(path.read_text(encoding="utf-8").splitlines())
            total += size
            below = sorted({layer_of(t)[0] or "top" for t in edges[module]} - {package or "top"})
            lines.append(f"    {module:42} {size:5}  imports {', '.join(below) or '-'}")
        print(f"layer {layer} {package or '(top)'}: {len(modules)} modules, {total} lines")
        print("\n".join(lines))
    bad = upward(edges)
    print("upward imports:", *(bad or ["none"]), sep="\n    ")


if __name__ == "__main__":
    main()
