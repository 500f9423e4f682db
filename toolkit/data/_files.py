"""Where datasets come from: every seeded generator of the toolkit, found by listing.

A *provider* is a module with ``SEED``, ``SCHEMAS`` (dataset name → column
kinds) and ``generate(seed) -> {name: DataFrame}``, plus the folder its CSV
files ship in:

- the shop world: :mod:`toolkit.data._generate`, files in ``toolkit/data/``;
- every skill package with a ``_datasets.py``: ``toolkit/<skill>/_datasets.py``,
  files in ``toolkit/<skill>/data/``.

Nothing registers a provider; :func:`providers` lists the folders. The same
byte-exact CSV format (:func:`to_csv_bytes`) and the same atomic writer serve
them all, so ``python -m toolkit.data --check`` proves every shipped file
equals its generator's output.
"""

from __future__ import annotations

import csv
import functools
import importlib
import io
import math
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Provider", "check_tables", "provider_of", "providers", "to_csv_bytes", "write_tables"]

_TOOLKIT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Provider:
    """One seeded generator and the folder of its CSV files."""

    package: str
    module_name: str
    directory: Path

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(self.module_name)

    @property
    def schemas(self) -> Mapping[str, Mapping[str, Any]]:
        if self.package == "data":  # the shop world keeps its schemas beside load()
            from toolkit import data

            return data._SCHEMAS
        return self.module.SCHEMAS

    @property
    def seed(self) -> int:
        return int(self.module.SEED)

    def generate(self, seed: int | None = None) -> dict[str, pd.DataFrame]:
        return self.module.generate(self.seed if seed is None else seed)


@functools.cache
def providers() -> tuple[Provider, ...]:
    """Every dataset provider of the toolkit: the shop world first, then skills by name.

    Examples
    --------
    >>> providers()[0].package
    'data'
    """
    found = [Provider("data", "toolkit.data._generate", _TOOLKIT / "data")]
    for module in sorted(_TOOLKIT.glob("*/_datasets.py")):
        package = module.parent.name
        if package.startswith("_") or not package.isidentifier():
            continue
        found.append(Provider(package, f"toolkit.{package}._datasets", module.parent / "data"))
    return tuple(found)


@functools.cache
def _index() -> dict[str, Provider]:
    index: dict[str, Provider] = {}
    for provider in providers():
        for name in provider.schemas:
            if name in index:
                raise RuntimeError(
                    f"dataset {name!r} is defined by both toolkit.{index[name].package} and "
                    f"toolkit.{provider.package}; dataset names must be unique"
                )
            index[name] = provider
    return index


def provider_of(name: str) -> Provider | None:
    """The provider of dataset ``name`` (None if there is none)."""
    return _index().get(name)


def dataset_names() -> tuple[str, ...]:
    return tuple(sorted(_index()))


def _float_text(value: float) -> str:
    return "" if math.isnan(value) else repr(float(value))


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Serialise ``frame`` to CSV bytes in one fixed, exact format.

    UTF-8 without BOM, ``\\n`` line endings, a header row, minimal quoting;
    integers in plain digits, floats in Python's shortest round-trip form
    (round them in the generator), missing values as empty fields, dates as
    ``YYYY-MM-DD`` (``YYYY-MM-DD HH:MM:SS`` if any value has a time of day),
    text as is (never re-normalised, so NFD text stays NFD).

    Raises
    ------
    TypeError
        For a column of another dtype (bool, object of mixed types).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["SP001"], "ngay": pd.to_datetime(["2025-01-29"]),
    ...                       "gia_vnd": [185000], "ten": ["Mật ong, 500ml"], "ti_le": [0.125]})
    >>> to_csv_bytes(frame).decode("utf-8")
    'id,ngay,gia_vnd,ten,ti_le\\nSP001,2025-01-29,185000,"Mật ong, 500ml",0.125\\n'
    """
    import pandas as pd

    columns: list[list[str]] = []
    for name in frame.columns:
        values = frame[name]
        if pd.api.types.is_datetime64_any_dtype(values):
            has_time = bool((values.dropna() != values.dropna().dt.normalize()).any())
            text = values.dt.strftime("%Y-%m-%d %H:%M:%S" if has_time else "%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(values):
            raise TypeError(f"column {name!r} has dtype {values.dtype}; store integers or text")
        elif pd.api.types.is_float_dtype(values):
            text = [_float_text(v) for v in values.tolist()]
        elif pd.api.types.is_integer_dtype(values):
            text = values.map(str)
        elif isinstance(values.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(values):
            text = values.astype(object).tolist()
            if not all(isinstance(v, str) for v in text if not pd.isna(v)):
                raise TypeError(f"column {name!r} holds values that are not text")
        else:
            raise TypeError(f"column {name!r} has unsupported dtype {values.dtype}")
        columns.append(["" if pd.isna(v) else str(v) for v in text])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([str(name) for name in frame.columns])
    writer.writerows(zip(*columns, strict=True))
    return buffer.getvalue().encode("utf-8")


def _write_atomically(file: Path, payload: bytes) -> None:
    mode = file.stat().st_mode & 0o777 if file.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{file.stem}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, mode)  # mkstemp creates 0600; data files are world-readable
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tables(tables: Mapping[str, pd.DataFrame], directory: Path) -> list[Path]:
    """Write each table as ``<name>.csv`` into ``directory``, atomically; return the files."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in sorted(tables.items()):
        file = directory / f"{name}.csv"
        _write_atomically(file, to_csv_bytes(frame))
        written.append(file)
    return written


def check_tables(tables: Mapping[str, pd.DataFrame], directory: Path) -> list[str]:
    """One line per CSV file of ``directory`` that is missing or differs from ``tables``."""
    problems = []
    for name, frame in sorted(tables.items()):
        file = directory / f"{name}.csv"
        expected = to_csv_bytes(frame)
        if not file.is_file():
            problems.append(f"{file}: missing")
            continue
        found = file.read_bytes()
        if found == expected:
            continue
        found_lines, expected_lines = found.split(b"\n"), expected.split(b"\n")
        line = next(
            (
                i
                for i, (a, b) in enumerate(zip(found_lines, expected_lines, strict=False))
                if a != b
            ),
            min(len(found_lines), len(expected_lines)),
        )
        problems.append(
            f"{file}: differs from the generator's output at line {line + 1} "
            f"({len(found_lines) - 1} lines found, {len(expected_lines) - 1} expected)"
        )
    return problems
