"""Quiet, Vietnamese errors in a notebook: installed when a notebook imports ``toolkit``.

A beginner's error becomes one short block instead of 25–50 lines of
traceback: a failed check shows only its message; a missing DataFrame column
names the closest real column; ``NameError`` says which cell to run first;
a decimal comma (``0,299*R`` builds a tuple), ``uint8`` overflow on image
arrays, a division by zero and common syntax errors get a plain explanation.
The block is still an *error output* (so nbgrader scores a failed test cell 0)
and every other exception keeps IPython's normal traceback.

Nothing is hidden from someone who asks: ``xem_loi_day_du()`` prints the full
traceback of the last error, and ``HOCSO_FULL_TRACEBACK=1`` turns the layer off.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import traceback
import warnings
from typing import Any

from toolkit.i18n import t

__all__ = ["explain", "install", "short_traceback", "xem_loi_day_du"]

_last: tuple[type[BaseException], BaseException, Any] | None = None
_MAX_NAMES = 8
#: Names a cell that failed in this kernel was to define: {name: the cell's execution count}.
_broken: dict[str, int | None] = {}
_running: dict[str, Any] = {"source": "", "cell_id": None}


def _frame_object(tb: Any, kinds: tuple[str, ...]) -> Any:
    """The first ``self`` in the traceback whose type name is one of ``kinds`` (a pandas object)."""
    while tb is not None:
        candidate = tb.tb_frame.f_locals.get("self")
        if type(candidate).__name__ in kinds and type(candidate).__module__.startswith("pandas"):
            return candidate
        tb = tb.tb_next
    return None


def _closest(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    if not match:
        lowered = {o.lower(): o for o in options}
        match = [lowered[word.lower()]] if word.lower() in lowered else []
    return match[0] if match else ""


def _user_names(shell: Any) -> list[str]:
    namespace = getattr(shell, "user_ns", {}) or {}
    return [n for n in namespace if not n.startswith("_")]


def _cell_files(shell: Any) -> Any:
    return getattr(getattr(shell, "compile", None), "_filename_map", None) or {}


def cell_line(tb: Any, shell: Any = None) -> tuple[int, str] | None:
    """The line of the learner's cell where the error happened: ``(number, text)``.

    The last traceback frame whose code is a notebook cell (IPython's compiler
    names each cell's file; ``<ipython-input-…>`` in older versions).
    """
    import linecache

    cell_files = _cell_files(shell)
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in cell_files or filename.startswith(("<ipython-input", "<ô")):
            found = (tb.tb_lineno, linecache.getline(filename, tb.tb_lineno).strip())
        tb = tb.tb_next
    return found


def _from_pandas(tb: Any) -> bool:
    while tb is not None:
        if tb.tb_frame.f_globals.get("__name__", "").startswith("pandas"):
            return True
        tb = tb.tb_next
    return False


_STR_NUMBER = re.compile(
    r"can only concatenate str|must be str, not (int|float)|"
    r"unsupported operand type\(s\) for [-+*/]+: '(int|float|str)' and '(int|float|str)'|"
    r"not supported between instances of '(str|int|float)' and '(str|int|float)'|"
    r"can't multiply sequence by non-int of type 'float'"
)


def explain(
    etype: type[BaseException], value: BaseException, tb: Any, shell: Any = None
) -> str | None:
    """A short Vietnamese explanation of a beginner's error, or None to keep the traceback.

    The block says what happened and what to try, then (in a notebook) on which
    line of the cell.

    Examples
    --------
    >>> print(explain(ZeroDivisionError, ZeroDivisionError("division by zero"), None))
    ❌ Phép chia cho 0: mẫu số đang bằng 0. Có thể bộ lọc không giữ lại dòng nào, nên tổng hoặc số dòng bằng 0.
    >>> print(explain(TypeError, TypeError("object of type 'ellipsis' has no len()"), None))
    ⏳ Câu này còn dấu ... chưa được thay: hãy thay dấu ... bằng lời giải của bạn, rồi chạy lại ô.
    >>> explain(RuntimeError, RuntimeError("x"), None) is None
    True
    """
    from toolkit.plain import CheckFailed

    if isinstance(value, CheckFailed):
        return str(value)
    text = _explain(value, tb, shell)
    if text is None or isinstance(value, SyntaxError):
        return text
    if isinstance(value, NameError) and getattr(value, "name", None) in _broken:
        return text  # the fix is in the earlier cell, not on this line
    where = cell_line(tb, shell)
    if where is not None:
        text += "\n" + t("error.where", line=where[0], code=where[1])
    return text


def _explain(value: BaseException, tb: Any, shell: Any) -> str | None:
    message = str(value)
    if "'ellipsis'" in message or "Ellipsis" in message:
        return t("error.placeholder")
    if isinstance(value, NameError) and getattr(value, "name", None):
        name = value.name
        if name in _broken:
            return t("error.previous_failed", name=name)
        guess = _closest(name, _user_names(shell))
        text = t("error.name", name=name)
        return text + (" " + t("error.did_you_mean", guess=guess) if guess else "")
    if isinstance(value, KeyError) and value.args:
        key = value.args[0]
        table = _frame_object(tb, ("DataFrame",))
        if table is not None and isinstance(key, str):
            columns = [str(c) for c in table.columns]
            guess = _closest(key, columns)
            shown = ", ".join(f"'{c}'" for c in columns[:_MAX_NAMES])
            if len(columns) > _MAX_NAMES:
                shown += ", …"
            text = t("error.missing_column", key=key, columns=shown)
            return text + (" " + t("error.did_you_mean", guess=guess) if guess else "")
        return t("error.missing_key", key=str(key))
    if isinstance(value, OverflowError) and "uint8" in message:
        return t("error.uint8")
    if isinstance(value, TypeError) and (
        "tuple" in message or "can't multiply sequence" in message
    ):
        return t("error.tuple")
    if isinstance(value, TypeError) and _STR_NUMBER.search(message):
        return t("error.str_number", detail=message)
    if isinstance(value, ZeroDivisionError):
        return t("error.zero_division")
    if isinstance(value, SyntaxError):
        return _explain_syntax(value)
    if isinstance(value, ValueError) and ("percentile" in message or "quantile" in message.lower()):
        return t("error.quantile")
    if isinstance(value, ValueError) and _from_pandas(tb):
        return t("error.pandas_value", detail=message)
    if isinstance(value, IndexError):
        return t("error.index", detail=message)
    if isinstance(value, AttributeError) and getattr(value, "name", None):
        owner = type(getattr(value, "obj", None)).__name__
        options = [n for n in dir(getattr(value, "obj", None)) if not n.startswith("_")]
        if owner == "DataFrame":
            options += [str(c) for c in getattr(value.obj, "columns", [])]
        guess = _closest(value.name, options)
        text = t("error.attribute", owner=owner, name=value.name)
        return text + (" " + t("error.did_you_mean", guess=guess) if guess else "")
    return None


_SYNTAX = (
    (re.compile(r"was never closed|unexpected EOF|'\(' was never"), "error.syntax.unclosed"),
    (re.compile(r"unterminated string|EOL while scanning"), "error.syntax.quote"),
    (re.compile(r"invalid character '[“”‘’]'"), "error.syntax.smart_quote"),
    (re.compile(r"expected ':'"), "error.syntax.colon"),
    (re.compile(r"invalid decimal literal|leading zeros"), "error.syntax.number"),
    (re.compile(r"unindent|indent"), "error.syntax.indent"),
)


def _explain_syntax(value: SyntaxError) -> str:
    what = next((key for pattern, key in _SYNTAX if pattern.search(value.msg or "")), None)
    lines = [t("error.syntax", line=value.lineno or "?")]
    if value.text:
        lines.append("    " + value.text.rstrip("\n"))
        if value.offset:
            lines.append("    " + " " * max(0, value.offset - 1) + "^")
    if what:
        lines.append(t(what))
    return "\n".join(lines)


def short_traceback(text: str) -> list[str]:
    """The traceback lines of a short block, with the pointer to the full traceback.

    Examples
    --------
    >>> short_traceback("❌ Sai.")[0]
    '❌ Sai.'
    """
    if os.environ.get("NBGRADER_EXECUTION"):  # Validate and grading: nobody can ask
        return text.split("\n")
    return [*text.split("\n"), t("error.full_traceback")]


def xem_loi_day_du() -> None:
    """Print the full technical traceback of the last error (for trainers and curious learners)."""
    if _last is None:
        print(t("error.no_last"))
        return
    traceback.print_exception(*_last, file=sys.stdout)


def _handler(
    shell: Any, etype: type[BaseException], value: BaseException, tb: Any, tb_offset: Any = None
) -> Any:
    global _last
    _last = (etype, value, tb)
    try:
        text = explain(etype, value, tb, shell)
    except Exception:  # never let the helper hide the real error
        text = None
    from toolkit import attempts

    if text is not None and text.startswith(t("error.placeholder")) and attempts.earlier_failure():
        return None  # the cell's check already said "not attempted": once is enough
    if text is None:
        return shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    shell._showtraceback(etype, value, short_traceback(text))
    return None


def _warning_hook(original: Any) -> Any:
    def show(
        message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None
    ) -> None:
        if issubclass(category, RuntimeWarning) and "overflow encountered" in str(message):
            print(t("error.uint8_warning"), file=sys.stderr)
            return
        original(message, category, filename, lineno, file, line)

    show._hocso = True  # type: ignore[attr-defined]
    return show


def assigned_names(source: str) -> set[str]:
    """Names a cell's code assigns (``x = …``, ``for x in``, ``import x``, ``def x``).

    Examples
    --------
    >>> sorted(assigned_names("a = 1\\nb, c = 2, 3\\nfor d in []: pass\\nprint(e)"))
    ['a', 'b', 'c', 'd']
    >>> assigned_names("x = (")
    set()
    """
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def used_names(source: str) -> set[str]:
    """Names a cell's code reads.

    Examples
    --------
    >>> sorted(used_names("expect.self_check(roas, 'kiem-tra-cau-4')"))
    ['expect', 'roas']
    """
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def broken_inputs() -> list[str]:
    """Names the running cell reads that a cell which failed in this kernel was to define."""
    return sorted(used_names(_running["source"]) & set(_broken))


def running_cell_id() -> str | None:
    """The id of the notebook cell running now (Jupyter sends it), if known."""
    return _running["cell_id"]


def _pre_run(info: Any) -> None:
    _running["source"] = getattr(info, "raw_cell", "") or ""
    _running["cell_id"] = getattr(info, "cell_id", None)


def _post_run(result: Any) -> None:
    """Remember what a failed cell left undefined; in a learner's kernel, let Run All go on.

    A learner's error was already shown (a short error output); the execute reply
    then says "ok", so Jupyter runs the next cells instead of dropping them.
    Interrupts (KeyboardInterrupt) still stop. nbgrader's executions
    (``NBGRADER_EXECUTION``) keep the error: the grade is unaffected.
    """
    from toolkit import attempts

    error = result.error_before_exec or result.error_in_exec
    source = getattr(getattr(result, "info", None), "raw_cell", None) or _running["source"]
    if error is None:
        if _broken:  # parse the cell only when it may repair a name an earlier cell broke
            for name in assigned_names(source):
                _broken.pop(name, None)
        return
    names = assigned_names(source)
    if not isinstance(error, Exception):
        return
    count = getattr(result, "execution_count", None)
    from toolkit.plain import CheckFailed

    if not isinstance(error, CheckFailed):
        _broken.update(dict.fromkeys(names, count))
    if attempts.learner_mode():
        result.error_before_exec = None
        result.error_in_exec = None


def _show_ellipsis(obj: Any, printer: Any, cycle: bool) -> None:
    printer.text(t("error.ellipsis_shown"))


def install(shell: Any) -> bool:
    """Install the error layer and ``goi_y``/``xem_loi_day_du`` in an IPython shell (once).

    Returns whether it was installed (not when ``HOCSO_FULL_TRACEBACK`` is set).
    """
    if os.environ.get("HOCSO_FULL_TRACEBACK") or getattr(shell, "_hocso_errors", False):
        return False
    shell.set_custom_exc((Exception,), _handler)
    original_syntax = shell.showsyntaxerror

    def showsyntaxerror(filename: Any = None, running_compiled_code: bool = False) -> Any:
        etype, value, tb = sys.exc_info()
        if isinstance(value, SyntaxError):
            global _last
            _last = (etype, value, tb)  # type: ignore[assignment]
            shell._showtraceback(etype, value, short_traceback(_explain_syntax(value)))
            return None
        return original_syntax(filename, running_compiled_code)

    shell.showsyntaxerror = showsyntaxerror
    shell.events.register("pre_run_cell", _pre_run)
    shell.events.register("post_run_cell", _post_run)
    try:  # a blank answer shows as "... (chưa làm)", not "Ellipsis"
        plain = shell.display_formatter.formatters["text/plain"]
        plain.singleton_printers[id(Ellipsis)] = _show_ellipsis
    except (AttributeError, KeyError):  # pragma: no cover - a shell without formatters
        pass
    if not getattr(warnings.showwarning, "_hocso", False):
        warnings.showwarning = _warning_hook(warnings.showwarning)
    from toolkit.hints import goi_y

    shell.push({"goi_y": goi_y, "xem_loi_day_du": xem_loi_day_du}, interactive=False)
    shell._hocso_errors = True
    return True
