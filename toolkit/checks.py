"""The ``expect`` helpers that graded test cells call.

Every check has the shape ``expect.<check>(learner_value, trainer_args...)``:
only the first argument touches learner code. A check runs in two steps:

1. :func:`to_plain` turns the learner's value into *plain data* (``int``,
   ``float``, ``str``, lists and dicts of those). Objects of unexpected type
   are rejected here, so an object whose ``__eq__`` always returns ``True``,
   a ``float`` subclass or a ``bool`` where a number is due can never pass.
   ``...`` or ``None`` left in place means *not attempted*.
   (:mod:`toolkit.plain` holds the registry of answer kinds.)
2. A pure comparison over plain data and the trainer's arguments decides:
   correct (prints a short Vietnamese line), incorrect (:class:`CheckFailed`,
   an ``AssertionError``) with the known-mistake message when the value matches
   one, or not attempted (:class:`NotAttempted`).

Because step 2 never touches learner objects, a grader can run step 1 in the
learner's sandbox and step 2 in a trusted process (see :data:`CHECKS`).

Examples
--------
>>> expect.number(0.25, 0.25, name="ti_le")
✅ Chính xác! `ti_le` = 0,25
>>> expect.number(..., 0.25, name="ti_le")
Traceback (most recent call last):
...
toolkit.checks.NotAttempted: ⏳ Bạn chưa làm câu này: hãy thay dấu ... trong ô trả lời bằng đáp án cho `ti_le`.
>>> expect.number(2.5, 0.25, name="ti_le", mistakes={2.5: "Bạn đã nhân với 10."})
Traceback (most recent call last):
...
toolkit.checks.CheckFailed: ❌ Chưa đúng: giá trị `ti_le` = 2,5 không khớp đáp án.
💡 Lỗi hay gặp: Bạn đã nhân với 10.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from toolkit import vn
from toolkit.i18n import t
from toolkit.plain import (
    DEFAULT_NAME,
    MAX_ITEMS_SHOWN,
    CheckFailed,
    NotAttempted,
    mistake_items,
    show,
    to_plain,
)
from toolkit.selfcheck import compare_self_check, spec_kind

__all__ = [
    "CHECKS",
    "CheckFailed",
    "CheckSpec",
    "NotAttempted",
    "expect",
    "run_check",
    "to_plain",
]


# --------------------------------------------------------------------------
# Step 2: comparisons over plain data
# --------------------------------------------------------------------------


def _close(a: object, b: object, rel: float, abs_: float) -> bool:
    if (
        isinstance(a, (int, float))
        and isinstance(b, (int, float))
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    ):
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)
    if isinstance(a, str) and isinstance(b, str):
        return vn.same_text(a, b, ignore_case=False)
    return a == b and type(a) is type(b)


def _fail(message: str, *, mistake: str | None, hint: str | None) -> CheckFailed:
    parts = [message]
    if mistake:
        parts.append(t("check.mistake", message=mistake))
    if hint:
        parts.append(t("check.hint", hint=hint))
    return CheckFailed("\n".join(parts))


def _correct(name: str, shown: str) -> None:
    print(t("check.correct", detail=f"`{name}` = {shown}"))


def _find_mistake(found: Any, mistakes: Any, same: Callable[[Any, Any], bool]) -> str | None:
    for wrong, message in mistake_items(mistakes):
        if same(found, wrong):
            return message
    return None


def compare_number(
    found: int | float,
    expected: float,
    *,
    rel: float = 1e-6,
    abs: float = 1e-9,
    name: str = DEFAULT_NAME,
    mistakes: Mapping[float, str] | None = None,
    hint: str | None = None,
    reveal: bool = False,
) -> None:
    """Compare a plain number with ``expected`` within ``rel``/``abs`` tolerance."""
    expected_plain = to_plain(expected, "number", name="expected")
    if _close(found, expected_plain, rel, abs):
        _correct(name, show(found))
        return
    mistake = _find_mistake(found, mistakes, lambda a, b: _close(a, float(b), rel, abs))
    message = (
        t("check.incorrect", name=name, expected=show(expected_plain), found=show(found))
        if reveal
        else t("check.incorrect_hidden", name=name, found=show(found))
    )
    raise _fail(message, mistake=mistake, hint=hint)


def compare_integer(found: int | float, expected: int, **options: Any) -> None:
    """Like :func:`compare_number` but exact, and the answer must be a whole number."""
    name = options.get("name", DEFAULT_NAME)
    if isinstance(found, float):
        if not math.isfinite(found) or found != round(found):
            raise _fail(
                t("check.not_integer", name=name, found=show(found)),
                mistake=_find_mistake(
                    found, options.get("mistakes"), lambda a, b: _close(a, float(b), 1e-9, 1e-9)
                ),
                hint=options.get("hint"),
            )
        found = int(found)
    compare_number(found, expected, **{**options, "rel": 0.0, "abs": 0.0})


def compare_text(
    found: str,
    expected: str,
    *,
    ignore_case: bool = True,
    ignore_accents: bool = False,
    name: str = DEFAULT_NAME,
    mistakes: Mapping[str, str] | None = None,
    hint: str | None = None,
    reveal: bool = False,
) -> None:
    """Compare plain text after Vietnamese normalisation (NFC, spaces, tone placement)."""

    def same(a: str, b: str) -> bool:
        return vn.same_text(a, b, ignore_case=ignore_case, ignore_accents=ignore_accents)

    expected = to_plain(expected, "text", name="expected")
    if same(found, expected):
        _correct(name, show(found))
        return
    message = (
        t("check.incorrect", name=name, expected=show(expected), found=show(found))
        if reveal
        else t("check.incorrect_hidden", name=name, found=show(found))
    )
    raise _fail(message, mistake=_find_mistake(found, mistakes, same), hint=hint)


def _compare_lists(
    found: list[object], expected: list[object], *, rel: float, abs_: float
) -> int | None:
    """Index of the first differing element, or None when all match (same length)."""
    for i, (a, b) in enumerate(zip(found, expected, strict=False)):
        if not _close(a, b, rel, abs_):
            return i
    return None


def _same_multiset(found: list[object], expected: list[object]) -> bool:
    return sorted(map(repr, found)) == sorted(map(repr, expected))


def compare_sequence(
    found: list[object],
    expected: Sequence[object],
    *,
    ordered: bool = True,
    rel: float = 1e-6,
    abs: float = 1e-9,
    name: str = DEFAULT_NAME,
    mistakes: Iterable[tuple[Sequence[object], str]] | None = None,
    hint: str | None = None,
) -> None:
    """Compare a plain list with ``expected`` (in order, or as a multiset)."""
    wanted = to_plain(list(expected), "sequence", name="expected")

    def same(a: list[object], b: list[object]) -> bool:
        if len(a) != len(b):
            return False
        if ordered:
            return _compare_lists(a, b, rel=rel, abs_=abs) is None
        return _compare_lists(sorted(a, key=repr), sorted(b, key=repr), rel=rel, abs_=abs) is None

    if same(found, wanted):
        _correct(name, show(found))
        return
    mistake = _find_mistake(found, mistakes, lambda a, b: same(a, to_plain(list(b), "sequence")))
    if len(found) != len(wanted):
        message = t("check.wrong_length_hidden", name=name, found=len(found))
    elif ordered and _same_multiset(found, wanted):
        message = t("check.wrong_order", name=name, hint_order=show(found))
    else:
        message = t("check.incorrect_hidden", name=name, found=show(found))
    raise _fail(message, mistake=mistake, hint=hint)


def _series_difference(
    found: dict[str, Any],
    expected: dict[str, Any],
    *,
    rel: float,
    abs_: float,
    check_order: bool,
    name: str,
) -> str | None:
    """Why two plain series differ (a learner-facing message), or None."""
    f_pairs = list(zip(found["index"], found["values"], strict=True))
    e_pairs = list(zip(expected["index"], expected["values"], strict=True))
    # Hidden checks: say what is wrong with the learner's value, never what is expected.
    if len(f_pairs) != len(e_pairs):
        return t("check.wrong_length_hidden", name=name, found=len(f_pairs))
    if sorted(map(repr, found["index"])) != sorted(map(repr, expected["index"])):
        wanted = set(map(repr, expected["index"]))
        extra = [label for label in found["index"] if repr(label) not in wanted]
        return t("check.wrong_index", name=name, found=show(extra[:3]))
    lookup = dict(f_pairs)
    for label, value in e_pairs:
        if not _close(lookup[label], value, rel, abs_):
            return t(
                "check.bad_values",
                name=name,
                where=show(label),
                found=show(lookup[label]),
            )
    if check_order and found["index"] != expected["index"]:
        return t("check.wrong_order", name=name, hint_order=show(found["index"]))
    return None


def compare_series(
    found: dict[str, Any],
    expected: Any,
    *,
    check_order: bool = False,
    rel: float = 1e-6,
    abs: float = 1e-9,
    name: str = DEFAULT_NAME,
    mistakes: Iterable[tuple[Any, str]] | None = None,
    hint: str | None = None,
) -> None:
    """Compare a plain series (labels → values) with an expected ``pandas.Series``."""
    wanted = to_plain(expected, "series", name="expected")
    problem = _series_difference(
        found, wanted, rel=rel, abs_=abs, check_order=check_order, name=name
    )
    if problem is None:
        _correct(name, f"Series ({len(found['values'])})")
        return

    def same(a: dict[str, Any], b: Any) -> bool:
        other = to_plain(b, "series", name="mistake")
        return _series_difference(a, other, rel=rel, abs_=abs, check_order=False, name=name) is None

    raise _fail(problem, mistake=_find_mistake(found, mistakes, same), hint=hint)


def compare_frame(
    found: dict[str, Any],
    expected: Any,
    *,
    check_index: bool = False,
    check_order: bool = False,
    rel: float = 1e-6,
    abs: float = 1e-9,
    name: str = DEFAULT_NAME,
    mistakes: Iterable[tuple[Any, str]] | None = None,
    hint: str | None = None,
) -> None:
    """Compare a plain table with an expected ``pandas.DataFrame``.

    Columns must match by name (any order). Rows are compared in order when
    ``check_order``; otherwise both sides are sorted first.
    """
    wanted = to_plain(expected, "frame", name="expected")

    def rows(frame: dict[str, Any], columns: list[str]) -> list[tuple[object, ...]]:
        body = list(zip(*(frame["data"][c] for c in columns), strict=True)) if columns else []
        if check_index:
            body = [(i, *r) for i, r in zip(frame["index"], body, strict=True)]
        return body if check_order else sorted(body, key=repr)

    def difference(a: dict[str, Any], b: dict[str, Any]) -> str | None:
        missing = [c for c in b["columns"] if c not in a["columns"]]
        if missing:
            return t(
                "check.missing_columns",
                name=name,
                missing=show(missing),
                found=show(a["columns"]),
            )
        ra, rb = rows(a, b["columns"]), rows(b, b["columns"])
        if len(ra) != len(rb):
            return t("check.wrong_length_hidden", name=name, found=len(ra))
        for row_a, row_b in zip(ra, rb, strict=True):
            i = _compare_lists(list(row_a), list(row_b), rel=rel, abs_=abs)
            if i is not None:
                return t(
                    "check.bad_values",
                    name=name,
                    where=show(list(row_a)),
                    found=show(row_a[i]),
                )
        return None

    problem = difference(found, wanted)
    if problem is None:
        _correct(name, f"DataFrame ({len(found['index'])} × {len(found['columns'])})")
        return
    mistake = _find_mistake(
        found, mistakes, lambda a, b: difference(a, to_plain(b, "frame")) is None
    )
    raise _fail(problem, mistake=mistake, hint=hint)


# --- public sanity checks (never reveal the answer) ---------------------------------


def check_type(found: Any, kind: str, *, name: str = DEFAULT_NAME) -> None:
    """Passes once :func:`to_plain` accepted the value as ``kind``."""
    print(t("check.public.type", name=name, kind=t(f"kind.{kind}")))


def check_in_range(
    found: int | float,
    low: float,
    high: float,
    *,
    name: str = DEFAULT_NAME,
    hint: str | None = None,
) -> None:
    """The number lies in ``[low, high]``: a sanity check for public tests."""
    if (isinstance(found, float) and math.isnan(found)) or not low <= found <= high:
        raise _fail(
            t(
                "check.out_of_range",
                name=name,
                found=show(found),
                low=show(low),
                high=show(high),
            ),
            mistake=None,
            hint=hint,
        )
    print(t("check.public.value", name=name, found=show(found)))


def check_one_of(
    found: str, options: Sequence[str], *, name: str = DEFAULT_NAME, hint: str | None = None
) -> None:
    """The text is one of ``options`` (after normalisation)."""
    if not any(vn.same_text(found, option) for option in options):
        shown = ", ".join(f"'{o}'" for o in list(options)[:MAX_ITEMS_SHOWN])
        more = ", …" if len(options) > MAX_ITEMS_SHOWN else ""
        raise _fail(
            t("check.not_one_of", name=name, found=show(found), options=shown + more),
            mistake=None,
            hint=hint,
        )
    print(t("check.public.value", name=name, found=show(found)))


def check_columns(
    found: dict[str, Any], columns: Sequence[str], *, name: str = DEFAULT_NAME
) -> None:
    """The table has at least these columns."""
    missing = [c for c in columns if c not in found["columns"]]
    if missing:
        raise CheckFailed(
            t(
                "check.missing_columns",
                name=name,
                missing=show(missing),
                found=show(found["columns"]),
            )
        )
    print(t("check.public.columns", name=name, columns=show(list(columns))))


def check_length(found: list[object], expected: int, *, name: str = DEFAULT_NAME) -> None:
    """A list has ``expected`` items."""
    size = len(found)
    if size != expected:
        raise CheckFailed(t("check.wrong_length", name=name, expected=expected, found=size))
    print(t("check.public.length", name=name, count=size))


def check_chart(
    found: dict[str, Any],
    *,
    title: bool = True,
    xlabel: bool = True,
    ylabel: bool = True,
    min_bars: int = 0,
    name: str = DEFAULT_NAME,
    hint: str | None = None,
) -> None:
    """The chart shows data and carries the labels a reader needs."""
    missing = []
    has_data = found["bar_sizes"] or found["n_lines"] or found["n_collections"]
    if not has_data or len(found["bar_sizes"]) < min_bars:
        missing.append(t("chart.data"))
    for wanted, key in ((title, "title"), (xlabel, "xlabel"), (ylabel, "ylabel")):
        if wanted and not found[key].strip():
            missing.append(t(f"chart.{key}"))
    if missing:
        raise _fail(
            t("check.chart_missing", name=name, missing="; ".join(missing)), mistake=None, hint=hint
        )
    print(t("check.public.chart", name=name))


def compare_bars(
    found: dict[str, Any],
    expected: Any,
    *,
    rel: float = 1e-6,
    name: str = DEFAULT_NAME,
    mistakes: Iterable[tuple[Any, str]] | None = None,
    hint: str | None = None,
) -> None:
    """The bars of a chart show ``expected`` (a ``pandas.Series``: label → height), any order."""
    series = {"index": found["bar_labels"], "values": found["bar_sizes"], "name": None}
    if not found["bar_labels"]:
        series["index"] = [str(i) for i in range(len(found["bar_sizes"]))]
    wanted = to_plain(expected, "series", name="expected")
    wanted["index"] = [str(label) for label in wanted["index"]]
    problem = _series_difference(series, wanted, rel=rel, abs_=0.0, check_order=False, name=name)
    if problem is None:
        _correct(name, f"{len(series['values'])} cột")
        return

    def same(a: dict[str, Any], b: Any) -> bool:
        other = to_plain(b, "series", name="mistake")
        other["index"] = [str(label) for label in other["index"]]
        return (
            _series_difference(series, other, rel=rel, abs_=0.0, check_order=False, name=name)
            is None
        )

    raise _fail(problem, mistake=_find_mistake(found, mistakes, same), hint=hint)


# --------------------------------------------------------------------------
# Registry and the `expect` namespace
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckSpec:
    """How one ``expect.<check>`` runs: the plain kind of its first argument and the comparison.

    ``kind`` is either a kind name or a function of the trainer arguments
    returning one (``expect.has_type(value, "frame")``). ``reads_value`` is
    False for a check whose comparison looks only at whether the value was
    accepted as that kind (``has_type``): a trusted grader then needs no copy
    of the value, only the learner process's word that ``to_plain`` took it.
    """

    kind: str | Callable[..., str]
    compare: Callable[..., None]
    reads_value: bool = True

    def plain_kind(self, *args: Any, **kwargs: Any) -> str:
        return self.kind(*args, **kwargs) if callable(self.kind) else self.kind


CHECKS: dict[str, CheckSpec] = {
    "number": CheckSpec("number", compare_number),
    "integer": CheckSpec("number", compare_integer),
    "text": CheckSpec("text", compare_text),
    "sequence": CheckSpec("sequence", compare_sequence),
    "series": CheckSpec("series", compare_series),
    "frame": CheckSpec("frame", compare_frame),
    "has_type": CheckSpec(lambda kind, **_: kind, check_type, reads_value=False),
    "in_range": CheckSpec("number", check_in_range),
    "one_of": CheckSpec("text", check_one_of),
    "columns": CheckSpec("frame", check_columns),
    "length": CheckSpec("sequence", check_length),
    "chart": CheckSpec("chart", check_chart),
    "bars": CheckSpec("chart", compare_bars),
    "self_check": CheckSpec(lambda spec, **_: spec_kind(spec), compare_self_check),
}


def run_check(check: str, value: object, /, *args: Any, **kwargs: Any) -> None:
    """Run ``expect.<check>(value, *args, **kwargs)``: convert, then compare.

    A trusted grader may instead call ``to_plain`` in the learner's process
    and ``CHECKS[check].compare`` on its own side with the same arguments.

    In a learner's own kernel (:func:`toolkit.attempts.learner_mode`) a failed
    check is shown as one short *error output* (so nbgrader still scores the
    cell 0) without raising, so "Run All" reaches the end of the notebook; the
    cell's later checks are then skipped, as a raise would skip them.
    Everywhere else (nbgrader's validate and autograde, the grader, tests) it
    raises :class:`CheckFailed`.
    """
    from toolkit import attempts

    spec = CHECKS[check]
    name = kwargs.get("name", DEFAULT_NAME)
    if not attempts.learner_mode():
        spec.compare(to_plain(value, spec.plain_kind(*args, **kwargs), name=name), *args, **kwargs)
        return
    earlier = attempts.earlier_failure()
    if earlier is None:
        from toolkit import _kernel

        blocked = _kernel.broken_inputs()
        if blocked:  # an answer cell failed: its value is missing or stale, do not judge it
            names = ", ".join(f"`{name}`" for name in blocked)
            attempts.show_failure(CheckFailed(t("check.previous_failed", names=names)))
            return
        try:
            plain = to_plain(value, spec.plain_kind(*args, **kwargs), name=name)
            spec.compare(plain, *args, **kwargs)
        except CheckFailed as failure:
            earlier = failure
            attempts.show_failure(failure)
    # after a failure, the cell's later checks are skipped, as a raise would skip them
    if check == "self_check":
        attempts.record_check(args[0], earlier)


def _report(failure: CheckFailed) -> None:
    """Show ``failure`` as a check would: quietly in a learner's kernel, raised elsewhere."""
    from toolkit import attempts

    if not attempts.learner_mode():
        raise failure
    if attempts.earlier_failure() is None:
        attempts.show_failure(failure)


class _Expect:
    """Namespace of checks for test cells: ``expect.number(doanh_thu, 1_250_000, name="doanh_thu")``."""

    def number(self, value: object, expected: float, **options: Any) -> None:
        """A number within tolerance (``rel=1e-6``, ``abs=1e-9`` by default)."""
        run_check("number", value, expected, **options)

    def integer(self, value: object, expected: int, **options: Any) -> None:
        """A whole number, exactly (money in VND, counts)."""
        run_check("integer", value, expected, **options)

    def text(self, value: object, expected: str, **options: Any) -> None:
        """Text, compared after NFC and tone-placement normalisation (case ignored by default)."""
        run_check("text", value, expected, **options)

    def sequence(self, value: object, expected: Sequence[object], **options: Any) -> None:
        """A list (or 1-D array/Series values), ordered unless ``ordered=False``."""
        run_check("sequence", value, expected, **options)

    def series(self, value: object, expected: Any, **options: Any) -> None:
        """A ``pandas.Series``: same labels and values (order only with ``check_order=True``)."""
        run_check("series", value, expected, **options)

    def frame(self, value: object, expected: Any, **options: Any) -> None:
        """A ``pandas.DataFrame``: same columns and rows."""
        run_check("frame", value, expected, **options)

    def has_type(self, value: object, kind: str, **options: Any) -> None:
        """Public check: the answer is of ``kind`` ("number", "text", "series", "frame", …)."""
        run_check("has_type", value, kind, **options)

    def in_range(self, value: object, low: float, high: float, **options: Any) -> None:
        """Public check: a number in a sensible range."""
        run_check("in_range", value, low, high, **options)

    def one_of(self, value: object, options_: Sequence[str], **options: Any) -> None:
        """Public check: text that is one of the allowed options."""
        run_check("one_of", value, options_, **options)

    def columns(self, value: object, columns: Sequence[str], **options: Any) -> None:
        """Public check: a table with at least these columns."""
        run_check("columns", value, columns, **options)

    def length(self, value: object, expected: int, **options: Any) -> None:
        """Public check: a list with ``expected`` items."""
        run_check("length", value, expected, **options)

    def chart(self, value: object, **options: Any) -> None:
        """Public check: a chart with data, a title and axis labels."""
        run_check("chart", value, **options)

    def bars(self, value: object, expected: Any, **options: Any) -> None:
        """A bar chart whose bars show ``expected`` (label → height)."""
        run_check("bars", value, expected, **options)

    def self_check(self, value: object, spec: str | Mapping[str, Any]) -> None:
        """Self-check written by ``hocso build`` into the learner's copy (see :mod:`toolkit.selfcheck`).

        ``spec`` is the key of a spec in the notebook's metadata
        (``"kiem-tra-cau-4"``) or, in copies built before, the spec itself. The
        spec's public checks (``spec["public"]``) run first, as the lines they
        came from would.
        """
        from toolkit.selfcheck import find_spec

        found = find_spec(spec) if isinstance(spec, str) else spec
        if found is None:
            _report(CheckFailed(t("selfcheck.missing", key=str(spec))))
            return
        import sys

        where = sys._getframe(1).f_globals  # the notebook's names, as the cell saw them
        for public in found.get("public", []):
            if isinstance(public, str):  # a public check line, as the source wrote it
                exec(compile(public, "<kiểm tra sơ bộ>", "exec"), where)
            else:
                run_check(public["check"], value, *public["args"], **public["kwargs"])
        run_check("self_check", value, found)


expect = _Expect()
