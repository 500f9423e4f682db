"""Truthful self-checks for the learner's copy, with no readable answer in it.

``hocso build`` evaluates each hidden exact check of a test cell (in the
trainer's process) and writes, into the learner's copy, one
``expect.self_check(value, spec)`` call whose ``spec`` holds only *salted,
slow digests* of canonical plain values: the expected value and each
known-mistake value, each with its message. The learner's kernel puts its
own value in the same canonical form, hashes it and compares digests, so the
public check tells the true outcome (correct / the known mistake / incorrect /
not attempted) while the copy holds no number or text a learner could read.

Canonical forms and tolerance
-----------------------------
- Text: :func:`toolkit.vn.text_key` with the check's options (NFC, tone
  placement, spaces, case and accents as the check says).
- An exact number (``expect.integer``, or a tolerance of 0): its integer or
  ``repr`` form.
- A number with tolerance ``tol = max(rel·|e|, abs)``: its bucket on a grid
  of width ``q = 2^⌊log₂ tol⌋`` (so ``tol/2 < q ≤ tol``), on each of
  :data:`GRIDS` grids shifted by ``q/GRIDS`` from one another, one digest per
  grid. A value matches when it shares the expected value's bucket on any
  grid: every value within ``3q/8`` of the answer matches (a float near a
  decimal rounding boundary is still right) and none farther than ``q ≤ tol``
  does, so nothing the graded check would call wrong passes. The grids are
  fixed, not placed around the answer, so the spec reveals nothing but the
  power of two of the tolerance.
- Numbers inside lists, series, tables and charts: each on its own grid of
  the power of two of its own tolerance, the same shifted grids for all;
  values equal up to floating-point noise match, a value just inside the
  tolerance may be judged "not yet" here while the graded check accepts it
  (never the other way round).

Each digest is PBKDF2-HMAC-SHA256 with :data:`ITERATIONS` rounds and a salt per
check, so reversing one by trying a million candidate numbers costs hours, not
seconds (a question with a handful of possible answers can always be guessed;
the graded hidden check decides the grade anyway).

Examples
--------
>>> spec = make_spec("integer", (8016,), {"name": "n", "mistakes": {12: "Bạn đã đếm số cột."}},
...                  question="kiem-tra-cau-1", salt="ab")
>>> "8016" in repr(spec), "12" in repr(spec)
(False, False)
>>> compare_self_check(8016, spec)
✅ Chính xác! `n` = 8.016
>>> compare_self_check(12, spec)
Traceback (most recent call last):
...
toolkit.checks.CheckFailed: ❌ Chưa đúng: giá trị `n` = 12 không khớp đáp án.
💡 Lỗi hay gặp: Bạn đã đếm số cột.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from toolkit import vn
from toolkit.i18n import t
from toolkit.plain import DEFAULT_NAME, CheckFailed, mistake_items, show, to_plain

__all__ = [
    "ITERATIONS",
    "SELF_CHECKABLE",
    "SPECS_KEY",
    "compare_self_check",
    "find_spec",
    "make_spec",
    "notebook_specs",
    "spec_kind",
    "use_specs",
]

ITERATIONS = 20_000
VERSION = 2  # 2: digests in letters, numbers on a ring of steps
GRIDS = 4

#: Where a learner's copy keeps its specs: ``metadata.hocso.self_checks``, by key.
SPECS_KEY = "self_checks"
_MAX_NOTEBOOK_BYTES = 20_000_000
_registry: dict[str, Mapping[str, Any]] = {}
_read: dict[Path, tuple[int, int, dict[str, Any]]] = {}

#: Hidden checks that ``hocso build`` can turn into a self-check, with their plain kind.
SELF_CHECKABLE = {
    "number": "number",
    "integer": "number",
    "text": "text",
    "sequence": "sequence",
    "series": "series",
    "frame": "frame",
    "bars": "chart",
}


_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def _digest(canonical: object, salt: str, *, letters: bool = True) -> str:
    """The salted slow digest of a canonical form, 32 characters.

    Written in letters ``a``–``p`` (version 2 specs): no digit, so no run of a
    digest can be mistaken for a number of the answer; version 1 specs used hex.
    """
    data = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    raw = hashlib.pbkdf2_hmac("sha256", data.encode("utf-8"), bytes.fromhex(salt), ITERATIONS)
    text = raw.hex()[:32]
    return text.translate(_LETTERS) if letters else text


# --------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------


def _tolerance(value: float, rel: float, abs_: float) -> float:
    return max(rel * abs(value), abs_)


def _quantum(tol: float) -> float:
    """The bucket width for a tolerance: a power of two in ``(tol/2, tol]``."""
    return 2.0 ** math.floor(math.log2(tol))


def _exact_number(value: float) -> str:
    if isinstance(value, int) or (math.isfinite(value) and float(value).is_integer()):
        return str(int(value))
    return repr(float(value))


def _bucket(value: float, q: float, grid: int) -> int:
    return math.floor(value / q + grid / GRIDS)


#: A number's bucket of width ``q`` (the power of two of its tolerance) is cut in
#: this many steps; digests of the steps around the answer say how far a value is.
STEPS = 8
#: Decimals tried for "you rounded the answer" (0 to MAX_DECIMALS).
MAX_DECIMALS = 6


def _ring_size(rel: float) -> int:
    """Steps on each side: past them a value is farther than any tolerance can reach."""
    return math.ceil(2 * STEPS / (1 - min(rel, 0.5))) + 1


def _ring_entry(expected: float, rel: float, abs_: float, salt: str) -> dict[str, Any] | None:
    """Digests of the steps around ``expected`` (None for an exact check).

    A step is ``q/STEPS`` wide, ``q`` the power of two in ``(tol/2, tol]``, so the
    spec reveals only that power of two, never the answer.
    """
    tol = _tolerance(expected, rel, abs_) if math.isfinite(expected) else 0.0
    if tol <= 0:
        return None
    width = _quantum(tol) / STEPS
    if not math.isfinite(expected / width):
        return None
    base, size = math.floor(expected / width), _ring_size(rel)
    return {
        "target": {"w": width},
        "digests": [_digest(["w", base + j], salt) for j in range(-size, size + 1)],
    }


def _ring_offset(found: Any, entry: Mapping[str, Any], salt: str) -> int | None:
    """How many steps ``found`` is from the entry's value, when within the ring."""
    if isinstance(found, bool) or not isinstance(found, (int, float)):
        return None
    try:
        digest = _digest(["w", math.floor(found / entry["target"]["w"])], salt)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    wanted = entry["digests"]
    return wanted.index(digest) - len(wanted) // 2 if digest in wanted else None


def _ring_verdict(found: float, offset: int | None, width: float, rel: float, abs_: float) -> str:
    """``"correct"``, ``"almost"`` or ``"incorrect"`` from the steps between value and answer.

    ``offset`` steps apart means a distance ``d`` in ``((|offset|-1)·w, (|offset|+1)·w)``;
    the answer's size is then within ``d`` of the value's, which bounds its
    tolerance. Correct only when surely within the graded tolerance
    (``math.isclose``: ``d ≤ max(rel·max(|a|, |b|), abs)``), incorrect only when
    surely outside it, "almost" in between.
    """
    if offset is None:
        return "incorrect"
    far, near = (abs(offset) + 1) * width, max(abs(offset) - 1, 0) * width
    low = max(rel * max(abs(found) - far, 0.0), abs_)
    high = max(rel * (abs(found) + far), abs_)
    if far <= low:
        return "correct"
    if near > high:
        return "incorrect"
    return "almost"


def _decimals(value: float) -> int:
    """Decimals in the shortest form of ``value`` (``8.3`` → 1, ``12346.0`` → 0)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        return MAX_DECIMALS + 1
    _whole, _, fraction = text.partition(".")
    return 0 if fraction in ("", "0") else len(fraction)


def _precision(expected: float, rel: float, abs_: float) -> int | None:
    """The fewest decimals that keep ``expected`` surely right after rounding (None: > 6)."""
    tol = _tolerance(expected, rel, abs_)
    if not math.isfinite(expected) or tol <= 0:
        return None
    for n in range(MAX_DECIMALS + 1):
        if abs(round(expected, n) - expected) <= tol / 2:
            return n
    return None


def _rounding_digests(expected: float, rel: float, abs_: float, salt: str) -> dict[str, str]:
    """``{n: digest}`` of ``expected`` rounded to ``n`` decimals, where that is too coarse."""
    tol = _tolerance(expected, rel, abs_)
    if not math.isfinite(expected) or tol <= 0:
        return {}
    return {
        str(n): _digest(["r", n, f"{round(expected, n):.{n}f}"], salt)
        for n in range(MAX_DECIMALS + 1)
        if abs(round(expected, n) - expected) > tol
    }


def _rounded_to(found: Any, spec: Mapping[str, Any]) -> int | None:
    """``n`` when ``found`` is the answer rounded to ``n`` decimals (too coarsely)."""
    if isinstance(found, bool) or not isinstance(found, (int, float)) or not math.isfinite(found):
        return None
    n = _decimals(found)
    wanted = spec.get("rounding", {}).get(str(n))
    if wanted is None:
        return None
    return n if _digest(["r", n, f"{found:.{n}f}"], spec["salt"]) == wanted else None


def _scalar_target(expected: float, rel: float, abs_: float) -> dict[str, float]:
    tol = _tolerance(expected, rel, abs_) if math.isfinite(expected) else 0.0
    return {"q": _quantum(tol)} if tol > 0 else {}


def _scalar_key(value: float, target: Mapping[str, float], grid: int) -> str:
    if not target or not math.isfinite(value):
        return _exact_number(value)
    return str(_bucket(value, target["q"], grid))


def _element_key(value: object, *, rel: float, abs_: float, grid: int) -> object:
    if isinstance(value, bool) or value is None:
        return ["b", value]
    if isinstance(value, (int, float)):
        tol = _tolerance(value, rel, abs_) if math.isfinite(value) else 0.0
        if tol == 0:
            return ["n", _exact_number(value)]
        q = _quantum(tol)
        return ["n", _bucket(value, q, grid), math.log2(q)]
    if isinstance(value, str):
        return ["s", vn.text_key(value, ignore_case=False)]
    return ["o", repr(value)]


# --------------------------------------------------------------------------
# canonical forms per check
# --------------------------------------------------------------------------


def _sorted_keys(items: list[object]) -> list[object]:
    return sorted(items, key=lambda k: json.dumps(k, ensure_ascii=False, sort_keys=True))


def _label_key(label: object) -> object:
    # Labels are compared exactly by the hidden checks (dictionary lookups).
    if isinstance(label, bool) or label is None:
        return ["b", label]
    if isinstance(label, (int, float)):
        return ["n", _exact_number(label)]
    return ["s", str(label)]


def _pairs(plain: Mapping[str, Any], check: str) -> tuple[list[object], list[object]]:
    if check == "bars":
        labels = plain["bar_labels"] or [str(i) for i in range(len(plain["bar_sizes"]))]
        return [str(label) for label in labels], plain["bar_sizes"]
    return plain["index"], plain["values"]


def _canonical(
    plain: Any,
    check: str,
    options: Mapping[str, Any],
    target: Mapping[str, Any],
    *,
    form: str,
    grid: int,
) -> object:
    """The canonical form of ``plain`` for ``check`` (``form``: answer, unordered or labels)."""
    rel, abs_ = options.get("rel", 1e-6), options.get("abs", 1e-9)
    if check == "number":
        return ["n", _scalar_key(plain, target, grid)]
    if check == "integer":
        return ["n", _exact_number(plain)]
    if check == "text":
        key = vn.text_key(
            plain,
            ignore_case=options.get("ignore_case", True),
            ignore_accents=options.get("ignore_accents", False),
        )
        return ["s", key]

    def element(v: object) -> object:
        return _element_key(v, rel=rel, abs_=abs_ if check != "bars" else 0.0, grid=grid)

    if check == "sequence":
        keys = [element(v) for v in plain]
        ordered = options.get("ordered", True) and form == "answer"
        return keys if ordered else _sorted_keys(keys)
    if check in ("series", "bars"):
        labels, values = _pairs(plain, check)
        if form == "labels":
            return _sorted_keys([_label_key(label) for label in labels])
        pairs = [[_label_key(a), element(b)] for a, b in zip(labels, values, strict=True)]
        ordered = check == "series" and options.get("check_order", False) and form == "answer"
        return pairs if ordered else _sorted_keys(pairs)
    if check == "frame":
        columns = target["columns"]
        if any(c not in plain["data"] for c in columns):
            return ["missing-columns"]
        rows = [[element(plain["data"][c][i]) for c in columns] for i in range(len(plain["index"]))]
        if options.get("check_index"):
            rows = [[element(i), *row] for i, row in zip(plain["index"], rows, strict=True)]
        return rows if options.get("check_order", False) else _sorted_keys(rows)
    raise ValueError(f"check {check!r} cannot be self-checked")


def _target(plain: Any, check: str, options: Mapping[str, Any]) -> dict[str, Any]:
    if check == "number":
        return _scalar_target(plain, options.get("rel", 1e-6), options.get("abs", 1e-9))
    if check == "frame":
        return {"columns": list(plain["columns"])}
    return {}


def _digests(
    plain: Any, spec_like: Mapping[str, Any], target: Mapping[str, Any], form: str
) -> list[str]:
    """One digest per grid (one in all when no number of ``plain`` has a tolerance)."""
    check, options, salt = spec_like["check"], spec_like["options"], spec_like["salt"]
    grids = range(GRIDS) if _on_grids(plain, check, options, target) else range(1)
    return [
        _digest(_canonical(plain, check, options, target, form=form, grid=grid), salt)
        for grid in grids
    ]


def _on_grids(
    plain: Any, check: str, options: Mapping[str, Any], target: Mapping[str, Any]
) -> bool:
    """Whether some number of ``plain`` is compared with a tolerance (so the grids matter)."""
    if check == "number":
        return bool(target)
    if check in ("integer", "text"):
        return False
    rel = options.get("rel", 1e-6)
    abs_ = 0.0 if check == "bars" else options.get("abs", 1e-9)

    def numbers(value: Any) -> list[float]:
        if isinstance(value, dict):
            return [x for part in value.values() for x in numbers(part)]
        if isinstance(value, list):
            return [x for part in value for x in numbers(part)]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return [value]
        return []

    return any(math.isfinite(x) and _tolerance(x, rel, abs_) > 0 for x in numbers(plain))


# --------------------------------------------------------------------------
# building a spec (trainer side) and comparing (learner or grader side)
# --------------------------------------------------------------------------

_OPTION_NAMES = {
    "number": ("rel", "abs"),
    "integer": (),
    "text": ("ignore_case", "ignore_accents"),
    "sequence": ("ordered", "rel", "abs"),
    "series": ("check_order", "rel", "abs"),
    "frame": ("check_index", "check_order", "rel", "abs"),
    "bars": ("rel",),
}


def _expected_plain(check: str, value: Any) -> Any:
    if check == "bars":
        series = to_plain(value, "series", name="expected")
        return {
            "bar_labels": [str(label) for label in series["index"]],
            "bar_sizes": series["values"],
        }
    if check == "sequence":
        return to_plain(list(value), "sequence", name="expected")
    if check == "integer":
        return to_plain(value, "number", name="expected")
    return to_plain(value, SELF_CHECKABLE[check], name="expected")


def _entry(plain: Any, spec_like: Mapping[str, Any], form: str) -> dict:
    target = _target(plain, spec_like["check"], spec_like["options"])
    return {"target": target, "digests": _digests(plain, spec_like, target, form)}


def make_spec(
    check: str,
    args: tuple[Any, ...],
    kwargs: Mapping[str, Any],
    *,
    question: str,
    salt: str,
) -> dict[str, Any]:
    """Build the self-check spec of the hidden check ``expect.<check>(_, *args, **kwargs)``.

    Parameters
    ----------
    check : str
        A key of :data:`SELF_CHECKABLE`.
    args, kwargs
        The hidden check's trainer arguments, evaluated (expected value first).
    question : str
        The grade id of the test cell (recorded in the attempt log).
    salt : str
        Hex salt for the digests.

    Returns
    -------
    dict
        JSON-able spec for :func:`compare_self_check`: digests, tolerances
        reduced to powers of two, known-mistake messages and the hint, never a
        value.
    """
    if check not in SELF_CHECKABLE:
        raise ValueError(f"check {check!r} cannot be self-checked")
    options = {k: kwargs[k] for k in _OPTION_NAMES[check] if k in kwargs}
    expected = _expected_plain(check, args[0])
    form = "unordered" if check in ("series", "bars") else "answer"
    spec: dict[str, Any] = {
        "v": VERSION,
        "check": check,
        "name": str(kwargs.get("name", DEFAULT_NAME)),
        "question": question,
        "salt": salt,
        "options": options,
    }
    rel, abs_ = options.get("rel", 1e-6), options.get("abs", 1e-9)

    def entry(plain: Any, form: str) -> dict[str, Any]:
        ring = _ring_entry(plain, rel, abs_, salt) if check == "number" else None
        return ring if ring is not None else _entry(plain, spec, form)

    spec["answer"] = entry(expected, "answer")
    spec["mistakes"] = [
        {"id": f"m{i + 1}", "message": str(message), **entry(_expected_plain(check, wrong), form)}
        for i, (wrong, message) in enumerate(mistake_items(kwargs.get("mistakes")))
    ]
    if check == "number" and "w" in spec["answer"]["target"]:
        spec["rounding"] = _rounding_digests(expected, rel, abs_, salt)
        spec["precision"] = _precision(expected, rel, abs_)
    spec["partial"] = {}
    if (check == "sequence" and options.get("ordered", True)) or (
        check == "series" and options.get("check_order", False)
    ):
        spec["partial"]["unordered"] = _entry(expected, spec, "unordered")
    if check in ("series", "bars"):
        spec["partial"]["labels"] = _entry(expected, spec, "labels")
    spec["hint"] = kwargs.get("hint")
    return spec


def spec_kind(spec: Mapping[str, Any]) -> str:
    """The plain kind the learner's value is converted to for ``spec``."""
    return SELF_CHECKABLE[spec["check"]]


def _matches(found: Any, spec: Mapping[str, Any], entry: Mapping[str, Any], form: str) -> bool:
    """Whether ``found`` shares a digest with ``entry`` on the same grid (or ring)."""
    if "w" in entry["target"]:
        offset = _ring_offset(found, entry, spec["salt"])
        rel, abs_ = spec["options"].get("rel", 1e-6), spec["options"].get("abs", 1e-9)
        verdict = _ring_verdict(found, offset, entry["target"]["w"], rel, abs_)
        return verdict == "correct"
    wanted = entry["digests"]
    try:
        for grid, digest in enumerate(wanted):
            canonical = _canonical(
                found, spec["check"], spec["options"], entry["target"], form=form, grid=grid
            )
            if _digest(canonical, spec["salt"], letters=spec.get("v", 1) >= 2) == digest:
                return True
    except (KeyError, TypeError, ValueError, OverflowError):
        return False
    return False


def _is_empty(found: Any, check: str) -> bool:
    if check in ("number", "integer"):
        return found == 0
    if check == "sequence":
        return not found
    if check in ("series", "frame"):
        return not found["index"]
    if check == "bars":
        return not found["bar_sizes"]
    return found == ""


def _shown(found: Any, check: str) -> str:
    if check == "series":
        return f"Series ({len(found['values'])})"
    if check == "frame":
        return f"DataFrame ({len(found['index'])} × {len(found['columns'])})"
    if check == "bars":
        return t("check.n_bars", count=len(found["bar_sizes"]))
    return show(found)


def compare_self_check(found: Any, spec: Mapping[str, Any]) -> None:
    """Judge a plain value against a self-check spec: print ✅ or raise :class:`CheckFailed`.

    The raised error carries ``mistake_id`` (``"m1"``, … or ``None``).
    """
    check, name = spec["check"], spec["name"]
    if _matches(found, spec, spec["answer"], "answer"):
        print(t("check.correct", detail=f"`{name}` = {_shown(found, check)}"))
        return
    form = "unordered" if check in ("series", "bars") else "answer"
    mistake = next((m for m in spec["mistakes"] if _matches(found, spec, m, form)), None)
    near = "w" in spec["answer"]["target"] and mistake is None
    offset = None
    if near:
        rel, abs_ = spec["options"].get("rel", 1e-6), spec["options"].get("abs", 1e-9)
        steps = _ring_offset(found, spec["answer"], spec["salt"])
        width = spec["answer"]["target"]["w"]
        offset = steps if _ring_verdict(found, steps, width, rel, abs_) == "almost" else None
    rounded = _rounded_to(found, spec) if near else None
    precision = spec.get("precision") or None  # 0 decimals: nothing worth saying
    if offset is not None:  # on the edge of the tolerance: the grader may well accept it
        message = t("check.almost", name=name, found=show(found))
        if precision is not None:
            message += " " + t("check.precision", digits=precision)
    elif rounded is not None:
        message = t("check.rounded", name=name, found=show(found), digits=rounded)
        if precision is not None:
            message += " " + t("check.precision", digits=precision)
    elif check == "integer" and isinstance(found, float) and not float(found).is_integer():
        message = t("check.not_integer", name=name, found=show(found))
    elif "unordered" in spec["partial"] and _matches(
        found, spec, spec["partial"]["unordered"], "unordered"
    ):
        message = t("check.wrong_order_hidden", name=name)
    elif "labels" in spec["partial"] and _matches(found, spec, spec["partial"]["labels"], "labels"):
        message = t("check.labels_right_values_wrong", name=name)
    elif check == "frame" and any(
        c not in found["columns"] for c in spec["answer"]["target"]["columns"]
    ):
        missing = [c for c in spec["answer"]["target"]["columns"] if c not in found["columns"]]
        message = t(
            "check.missing_columns", name=name, missing=show(missing), found=show(found["columns"])
        )
    else:
        message = t("check.incorrect_hidden", name=name, found=_shown(found, check))
        if precision is not None:
            message += " " + t("check.precision", digits=precision)
    parts = [message]
    if mistake is not None:
        parts.append(t("check.mistake", message=mistake["message"]))
    elif _is_empty(found, check):
        parts.append(t("check.empty_result"))
    if spec.get("hint"):
        parts.append(t("check.hint", hint=spec["hint"]))
    if spec.get("ask"):
        parts.append(t("check.ask_hint", question=spec["ask"]))
    error = CheckFailed("\n".join(parts))
    error.mistake_id = mistake["id"] if mistake is not None else None  # type: ignore[attr-defined]
    if offset is not None or rounded is not None:
        error.outcome = "almost"  # type: ignore[attr-defined]
    raise error


# --------------------------------------------------------------------------
# finding a spec from its key (the learner's copy keeps them in its metadata)
# --------------------------------------------------------------------------


def use_specs(specs: Mapping[str, Mapping[str, Any]] | None) -> None:
    """Use these specs (``{key: spec}``) before any notebook's: for runners without a kernel.

    ``None`` or ``{}`` forgets them.
    """
    _registry.clear()
    _registry.update(specs or {})


def notebook_specs(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The self-check specs in a notebook's metadata (``{}`` when none or unreadable).

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> nb = pathlib.Path(tempfile.mkdtemp()) / "bai.ipynb"
    >>> _ = nb.write_text(json.dumps({"cells": [], "metadata": {"hocso": {
    ...     "self_checks": {"kiem-tra-cau-1": {"check": "integer"}}}}}), encoding="utf-8")
    >>> notebook_specs(nb)
    {'kiem-tra-cau-1': {'check': 'integer'}}
    >>> notebook_specs(nb.with_name("khong-co.ipynb"))
    {}
    """
    path = Path(path)
    try:
        stat = path.stat()
        cached = _read.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]
        if stat.st_size > _MAX_NOTEBOOK_BYTES:
            return {}
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        specs = metadata.get("hocso", {}).get(SPECS_KEY, {})
    except (OSError, ValueError, AttributeError):
        return {}
    specs = specs if isinstance(specs, dict) else {}
    _read[path] = (stat.st_mtime_ns, stat.st_size, specs)
    return specs


def _candidates(folder: Path) -> list[Path]:
    """The notebooks that may hold this kernel's specs, most likely first.

    The notebook of the kernel's session (Jupyter Server sets ``JPY_SESSION_NAME``,
    the kernel runs in the notebook's folder), then the folder's notebooks, most
    recently saved first (nbgrader's validate runs in the notebook's folder).
    """
    found = []
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb"):
        found.append(folder / Path(session).name)
    try:
        others = sorted(folder.glob("*.ipynb"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        others = []
    return found + [p for p in others if p not in found]


def find_spec(key: str, folder: str | os.PathLike[str] | None = None) -> Mapping[str, Any] | None:
    """The self-check spec called ``key`` (``"kiem-tra-cau-4"``), or None when none is found.

    Looked up in the specs given to :func:`use_specs`, then in the metadata of the
    notebooks of ``folder`` (default: the working folder, where a kernel runs).
    """
    if key in _registry:
        return _registry[key]
    for path in _candidates(Path(folder or os.getcwd())):
        spec = notebook_specs(path).get(key)
        if isinstance(spec, dict):
            return spec
    return None
