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
from collections.abc import Mapping
from typing import Any

from toolkit import vn
from toolkit.i18n import t
from toolkit.plain import DEFAULT_NAME, CheckFailed, mistake_items, show, to_plain

__all__ = ["ITERATIONS", "SELF_CHECKABLE", "compare_self_check", "make_spec", "spec_kind"]

ITERATIONS = 20_000
VERSION = 1
GRIDS = 4

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


def _digest(canonical: object, salt: str) -> str:
    data = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.pbkdf2_hmac(
        "sha256", data.encode("utf-8"), bytes.fromhex(salt), ITERATIONS
    ).hex()[:32]


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
    spec["answer"] = _entry(expected, spec, "answer")
    spec["mistakes"] = [
        {
            "id": f"m{i + 1}",
            "message": str(message),
            **_entry(_expected_plain(check, wrong), spec, form),
        }
        for i, (wrong, message) in enumerate(mistake_items(kwargs.get("mistakes")))
    ]
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
    """Whether ``found`` shares a digest with ``entry`` on the same grid."""
    wanted = entry["digests"]
    try:
        for grid, digest in enumerate(wanted):
            canonical = _canonical(
                found, spec["check"], spec["options"], entry["target"], form=form, grid=grid
            )
            if _digest(canonical, spec["salt"]) == digest:
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
    if check == "integer" and isinstance(found, float) and not float(found).is_integer():
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
    raise error
