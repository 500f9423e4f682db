"""Test cells checked out of the learner's process.

A test cell made only of ``expect.<check>(learner_value, trainer_args...)``
calls and setup lines that do not depend on learner code (DESIGN.md, "Shape of
a check call") is split into a :class:`CellPlan`. The trusted side runs the
setup lines and evaluates the trainer arguments itself (once per distinct
cell, cached), asks the child only for ``to_plain(learner_value, kind)``, and
runs ``CHECKS[check].compare`` on the plain reply. Hidden expected values
never reach the child.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import hashlib
import io
import threading
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

__all__ = [
    "TRUSTED_MODULES",
    "CellPlan",
    "Check",
    "Setup",
    "TrustedCell",
    "Untrusted",
    "analyze_test_cell",
    "compare_in_trusted_process",
    "failed_cell",
    "plan_from_json",
    "plan_to_json",
    "prepare_trusted_cell",
    "trusted_imports",
    "valid_plain",
]

#: Top-level modules whose imports, found in locked cells, the trusted side repeats.
TRUSTED_MODULES = frozenset(
    {"toolkit", "pandas", "numpy", "matplotlib", "math", "statistics", "datetime",
     "collections", "re", "decimal", "fractions", "itertools", "functools", "string"}
)  # fmt: skip

_BUILTIN_NAMES = frozenset(dir(builtins))


@dataclass(frozen=True)
class Setup:
    """A setup line (assignment or import) run in the trusted process only."""

    source: str
    lineno: int
    defines: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    """One ``expect.<check>(first, *rest)`` call."""

    check: str
    first: str
    rest: str  # an expression `__hocso_args__(...)` returning (args, kwargs)
    lineno: int


@dataclass(frozen=True)
class CellPlan:
    """A test cell that can be checked out of process, step by step."""

    steps: tuple[Setup | Check, ...]


@dataclass(frozen=True)
class Untrusted:
    """A test cell that must run in the learner's process, and why."""

    reasons: tuple[str, ...]


#: CPython 3.11 tracks ast.parse's recursion depth in state shared by all threads
#: (gh-106905): two prefetch threads parsing at once can fail with "AST constructor
#: recursion depth mismatch". Parsing a test cell takes microseconds: one at a time.
_PARSE_LOCK = threading.Lock()


def _parse(source: str) -> ast.Module:
    """``ast.parse(source)``, one thread at a time (see :data:`_PARSE_LOCK`)."""
    with _PARSE_LOCK:
        return ast.parse(source)


def _free_names(node: ast.AST) -> set[str]:
    loads: set[str] = set()
    stores: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            (loads if isinstance(sub.ctx, ast.Load) else stores).add(sub.id)
        elif isinstance(sub, ast.arg):
            stores.add(sub.arg)
    return loads - stores


def _import_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    return [alias.asname or alias.name.split(".")[0] for alias in node.names if alias.name != "*"]


def _import_root(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.ImportFrom):
        return {(node.module or "").split(".")[0]} if node.level == 0 else {""}
    return {alias.name.split(".")[0] for alias in node.names}


def trusted_imports(sources: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Import statements (of :data:`TRUSTED_MODULES`) found in locked cells' sources.

    Cached, like :func:`imported_names` and :func:`analyze_test_cell`: the
    sources come from the gradebook's record, the same for every learner of a
    batch, and parsing them for each one cost more than the learner's checks.
    """
    return _trusted_imports(tuple(sources))


@functools.lru_cache(maxsize=256)
def _trusted_imports(sources: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for source in sources:
        try:
            tree = _parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if (
                isinstance(node, (ast.Import, ast.ImportFrom))
                and _import_root(node) <= TRUSTED_MODULES
            ):
                if any(alias.name == "*" for alias in node.names):
                    continue
                found.append(ast.unparse(node))
    return tuple(dict.fromkeys(found))


@functools.lru_cache(maxsize=256)
def imported_names(imports: tuple[str, ...]) -> frozenset[str]:
    names: set[str] = set()
    for line in imports:
        node = _parse(line).body[0]
        names.update(_import_names(node))  # type: ignore[arg-type]
    return frozenset(names)


def _target_names(target: ast.expr) -> list[str]:
    """Names bound by ``a = …`` or ``a, b = …``; empty for anything else (``x[0] = …``)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        names = [_target_names(e) for e in target.elts]
        return [n for group in names for n in group] if all(names) else []
    return []


def _expect_call(node: ast.stmt) -> ast.Call | None:
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        return None
    func = node.value.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "expect"
    ):
        return node.value
    return None


@functools.lru_cache(maxsize=512)
def analyze_test_cell(source: str, trusted_names: frozenset[str]) -> CellPlan | Untrusted:
    """Split a test cell into setup lines and checks, or say why it cannot be.

    Parameters
    ----------
    source : str
        The test cell's code.
    trusted_names : frozenset of str
        Names the trusted side can provide (imports of locked cells).

    Returns
    -------
    CellPlan or Untrusted

    Examples
    --------
    >>> plan = analyze_test_cell("_k = 2\\nexpect.number(x, _k * 3, name='x')", frozenset())
    >>> [type(s).__name__ for s in plan.steps]
    ['Setup', 'Check']
    >>> analyze_test_cell("assert x == 3", frozenset()).reasons[0]
    'line 1: only expect.<check>(...) calls and setup lines are allowed, found Assert'
    """
    from toolkit.checks import CHECKS

    try:
        tree = _parse(source)
    except SyntaxError as error:
        return Untrusted((f"not plain Python (line {error.lineno}): {error.msg}",))
    known = set(trusted_names) | _BUILTIN_NAMES
    setup_names: set[str] = set()
    steps: list[Setup | Check] = []
    reasons: list[str] = []
    for node in tree.body:
        where = f"line {node.lineno}"
        call = _expect_call(node)
        if call is not None:
            check = call.func.attr  # type: ignore[attr-defined]
            if check not in CHECKS:
                reasons.append(f"{where}: expect.{check} is not a known check")
                continue
            if not call.args or isinstance(call.args[0], ast.Starred):
                reasons.append(f"{where}: expect.{check} needs the learner's value first")
                continue
            first = call.args[0]
            leaked = _free_names(first) & setup_names
            if leaked:
                reasons.append(
                    f"{where}: the learner's value uses trainer-side names {sorted(leaked)}"
                )
                continue
            rest = ast.Call(
                func=ast.Name("__hocso_args__", ast.Load()),
                args=call.args[1:],
                keywords=call.keywords,
            )
            unknown = _free_names(rest) - known - {"__hocso_args__"}
            if unknown:
                reasons.append(
                    f"{where}: trainer arguments of expect.{check} use learner names {sorted(unknown)}"
                )
                continue
            steps.append(Check(check, ast.unparse(first), ast.unparse(rest), node.lineno))
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.Import, ast.ImportFrom)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                defines = _import_names(node)
                unknown: set[str] = set()
            else:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                defines = [name for t in targets for name in _target_names(t)]
                if node.value is None or not all(_target_names(t) for t in targets):
                    reasons.append(f"{where}: setup may only assign plain names")
                    continue
                unknown = _free_names(node.value) - known
            if unknown:
                reasons.append(f"{where}: setup uses learner names {sorted(unknown)}")
                continue
            known.update(defines)
            setup_names.update(defines)
            steps.append(Setup(ast.unparse(node), node.lineno, tuple(defines)))
        else:
            reasons.append(
                f"{where}: only expect.<check>(...) calls and setup lines are allowed, "
                f"found {type(node).__name__}"
            )
    if not any(isinstance(s, Check) for s in steps):
        reasons.append("no expect.<check>(...) call")
    return Untrusted(tuple(reasons)) if reasons else CellPlan(tuple(steps))


# --------------------------------------------------------------------------
# trusted evaluation, cached per distinct cell
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedCheck:
    """A check whose trainer arguments are evaluated: only the learner's value is missing."""

    check: str
    first: str
    kind: str
    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    lineno: int
    #: False: the comparison needs only the fact that the value was accepted (``has_type``)
    reads_value: bool = True


@dataclass(frozen=True)
class TrustedCell:
    """Outputs of setup lines and prepared checks, in cell order.

    ``failure`` is set when a trainer line raised: the cell stops there, with
    that error output, as it would in a kernel.
    """

    steps: tuple[dict[str, Any] | PreparedCheck, ...]


def _collect(*args: Any, **kwargs: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return args, kwargs


_OUTPUT_LOCK = threading.Lock()  # stdout redirection is process-wide
_CACHE: OrderedDict[str, TrustedCell] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 256
_PENDING: dict[str, Future[TrustedCell]] = {}  # cells being evaluated now, by key


def error_output(
    ename: str, evalue: str, lineno: int | None = None, count: int | None = None
) -> dict:
    """An nbformat error output shaped like IPython's.

    A check's verdict (``CheckFailed``, ``NotAttempted``) is shown as the short
    Vietnamese block a learner's kernel shows (:mod:`toolkit._kernel`), so graded
    notebooks and feedback read the same as the learner's self-check.
    """
    if ename in ("CheckFailed", "NotAttempted"):
        # as a kernel under Validate or grading shows it (``NBGRADER_EXECUTION`` set: no
        # pointer to a full traceback nobody can ask for); not read from this process's
        # environment, which nbgrader's converter changes while it runs
        return {
            "output_type": "error",
            "ename": ename,
            "evalue": evalue,
            "traceback": evalue.split("\n"),
        }
    where = [f"Cell \x1b[32mIn[{count or ' '}], line {lineno}\x1b[39m"] if lineno else []
    return {
        "output_type": "error",
        "ename": ename,
        "evalue": evalue,
        "traceback": [
            "\x1b[31m" + "-" * 75 + "\x1b[39m",
            f"\x1b[31m{ename}\x1b[39m"
            + " " * max(1, 42 - len(ename))
            + "Traceback (most recent call last)",
            *where,
            f"\x1b[31m{ename}\x1b[39m: {evalue}",
        ],
    }


def _captured(func: Any, *args: Any, **kwargs: Any) -> tuple[str, str, BaseException | None]:
    out, err = io.StringIO(), io.StringIO()
    with _OUTPUT_LOCK, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            func(*args, **kwargs)
        except Exception as error:  # the check's verdict or a trainer bug, shown as output
            return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def _streams(stdout: str, stderr: str) -> list[dict[str, Any]]:
    outputs = []
    if stdout:
        outputs.append({"output_type": "stream", "name": "stdout", "text": stdout})
    if stderr:
        outputs.append({"output_type": "stream", "name": "stderr", "text": stderr})
    return outputs


def prepare_trusted_cell(
    plan: CellPlan, imports: tuple[str, ...], evaluate: Any = None
) -> TrustedCell:
    """Run the setup lines and evaluate every check's trainer arguments (cached).

    ``evaluate(plan, imports)`` does the work elsewhere (the grader passes
    :meth:`grading.executor._zygote.Zygote.evaluate_trusted`: a forked worker
    with memory and wall-clock limits, so a hang or a bomb in trainer-side setup
    fails this cell only); without it the work is done in this process. A
    failure is cached too: every learner gets the same error, at once.
    """
    key = hashlib.sha256(repr((imports, plan)).encode()).hexdigest()
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
        # one thread evaluates a cell; the others grading the same cell wait for it
        pending = _PENDING.get(key)
        mine = pending is None
        if mine:
            pending = _PENDING[key] = Future()
    if not mine:
        return pending.result()
    try:
        cell = _prepare(plan, imports) if evaluate is None else evaluate(plan, imports)
    except BaseException as error:
        with _CACHE_LOCK:
            del _PENDING[key]
        pending.set_exception(error)
        raise
    with _CACHE_LOCK:
        _CACHE[key] = cell
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        del _PENDING[key]
    pending.set_result(cell)
    return cell


def plan_to_json(plan: CellPlan) -> list[dict[str, Any]]:
    """A plan as JSON (sent to the trusted worker)."""
    return [
        {"setup": s.source, "lineno": s.lineno, "defines": list(s.defines)}
        if isinstance(s, Setup)
        else {"check": s.check, "first": s.first, "rest": s.rest, "lineno": s.lineno}
        for s in plan.steps
    ]


def plan_from_json(steps: list[dict[str, Any]]) -> CellPlan:
    return CellPlan(
        tuple(
            Setup(d["setup"], int(d["lineno"]), tuple(d["defines"]))
            if "setup" in d
            else Check(d["check"], d["first"], d["rest"], int(d["lineno"]))
            for d in steps
        )
    )


def failed_cell(ename: str, evalue: str) -> TrustedCell:
    """A trusted cell whose trainer side could not be evaluated: the cell fails."""
    return TrustedCell((error_output(ename, evalue),))


def _prepare(plan: CellPlan, imports: tuple[str, ...]) -> TrustedCell:
    from toolkit.checks import CHECKS, DEFAULT_NAME

    namespace: dict[str, Any] = {"__builtins__": builtins, "__hocso_args__": _collect}
    steps: list[dict[str, Any] | PreparedCheck] = []
    for line in imports:
        with contextlib.suppress(Exception):
            exec(compile(line, "<trusted import>", "exec"), namespace)
    for step in plan.steps:
        if isinstance(step, Setup):
            code = compile(step.source, "<test cell>", "exec")
            out, err, error = _captured(exec, code, namespace)
            steps.extend(_streams(out, err))
            if error is not None:
                steps.append(error_output(type(error).__name__, str(error), step.lineno))
                break
            continue
        holder: dict[str, Any] = {}

        def evaluate(step: Check = step, holder: dict[str, Any] = holder) -> None:
            holder["value"] = eval(compile(step.rest, "<test cell>", "eval"), namespace)

        out, err, error = _captured(evaluate)
        steps.extend(_streams(out, err))
        if error is None:
            args, kwargs = holder["value"]
            try:
                kind = CHECKS[step.check].plain_kind(*args, **kwargs)
            except Exception as failure:
                error = failure
        if error is not None:
            steps.append(error_output(type(error).__name__, str(error), step.lineno))
            break
        name = kwargs.get("name", DEFAULT_NAME)
        reads_value = CHECKS[step.check].reads_value
        steps.append(
            PreparedCheck(
                step.check, step.first, kind, str(name), args, kwargs, step.lineno, reads_value
            )
        )
    return TrustedCell(tuple(steps))


# --------------------------------------------------------------------------
# plain data from the child: validate, then compare
# --------------------------------------------------------------------------


def valid_plain(kind: str, value: Any) -> bool:
    """Whether ``value`` has the exact shape ``to_plain(..., kind)`` returns.

    The shapes are defined once, beside their converters, in :mod:`toolkit.plain`.

    Examples
    --------
    >>> valid_plain("number", 3), valid_plain("number", True), valid_plain("text", 3)
    (True, False, False)
    >>> valid_plain("series", {"name": None, "index": ["a"], "values": [1]})
    True
    """
    from toolkit.plain import is_plain

    return is_plain(kind, value)


def compare_in_trusted_process(
    prepared: PreparedCheck, plain: Any
) -> tuple[list[dict[str, Any]], BaseException | None]:
    """Run the check's comparison on plain data; return its outputs and its verdict."""
    from toolkit.checks import CHECKS

    out, err, error = _captured(
        CHECKS[prepared.check].compare, plain, *prepared.args, **prepared.kwargs
    )
    return _streams(out, err), error
