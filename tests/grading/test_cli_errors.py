"""The CLI built from the API: one exit-code table, every typed error caught, one default each."""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import inspect
import pkgutil
import sqlite3
import unicodedata
from pathlib import Path
from string import Formatter

import pytest

import grading
from grading import cli
from grading.core import errors
from grading.core.errors import (
    EXIT_CODES,
    GradebookError,
    HocsoError,
    exit_code_of,
    gradebook_error,
)

#: Exception classes of ``grading`` that never reach the CLI, and why.
INTERNAL = {
    "ProtocolError": "the executor's wire protocol; turned into a failed cell or a restart",
    "HubAPIError": "a JupyterHub REST answer; hocso hub turns it into a HubError",
    "RemoteError": "nbgrader's ExchangeError of the hub exchange: shown in the learner's panel, "
    "caught by collect",
    "FileRefused": "the exchange service answers it as a 4xx to the learner's panel",
    "StoreDamaged": "the exchange service answers it as a 5xx; collect reports that learner",
    "ClusterTaskError": "one submission's execution on Dask failed; reported on that submission",
    "ChildDied": "a ProtocolError",
    "ChildTimeout": "a ProtocolError",
    "SandboxSetupError": "caught inside the sandbox setup, reported as a degraded sandbox",
    "_GiveUp": "the executor's internal stop signal",
    "IdentityMissing": "shown in the learner's JupyterLab panel, not by hocso",
}


def _all_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(grading.__path__, "grading."):
        if ".labconfig" in info.name:
            continue
        names.append(info.name)
    return names


def _error_classes() -> set[type[HocsoError]]:
    """Every HocsoError subclass, after importing every module of ``grading``."""
    for name in _all_modules():
        importlib.import_module(name)
    found: set[type[HocsoError]] = set()
    todo = [HocsoError]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return {c for c in found if c.__module__.startswith("grading.")}


def test_every_error_class_has_its_own_exit_code():
    classes = _error_classes()
    assert {"ZygoteError", "SelfCheckError", "GradebookError"} <= {c.__name__ for c in classes}
    for cls in classes:
        assert cls in EXIT_CODES, f"{cls.__module__}.{cls.__name__} has no exit code in EXIT_CODES"
        assert cls.exit_code == EXIT_CODES[cls] == exit_code_of(cls)
        assert cls.__module__ == "grading.core.errors", f"{cls.__name__}: define it in core/errors"
    codes = [code for cls, code in EXIT_CODES.items() if cls is not HocsoError]
    assert all(code >= 3 for code in codes)  # 1 is a crash, 2 a usage error
    shared = {code for code in codes if codes.count(code) > 1}
    assert shared == {11}  # only a GradebookError is a CohortError by design
    assert exit_code_of(GradebookError) == exit_code_of(errors.CohortError)


def test_every_other_exception_class_of_grading_is_known_to_stay_internal():
    root = Path(grading.__file__).parent
    for path in root.rglob("*.py"):
        if path.parent.name == "labconfig" or path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name)
                and (b.id.endswith(("Error", "Exception")) or b.id in INTERNAL)
                for b in node.bases
            ):
                assert node.name in INTERNAL, (
                    f"{path}: {node.name} is neither a HocsoError nor internal"
                )


@pytest.mark.parametrize(
    "cls", sorted(_error_classes(), key=lambda c: c.__name__), ids=lambda c: c.__name__
)
def test_main_reports_every_typed_error_with_its_message_and_code(
    cls, monkeypatch, capsys, tmp_path
):
    def fail(args):
        raise cls("thông điệp rõ ràng: làm thế này")

    monkeypatch.setattr(cli.results, "_cmd_status", fail)
    monkeypatch.setattr(cli, "_announce_course", lambda args: None)
    assert cli.main(["--course", str(tmp_path), "status"]) == EXIT_CODES[cls]
    err = capsys.readouterr().err
    assert "thông điệp rõ ràng: làm thế này" in err
    assert "Traceback" not in err


def test_a_bug_is_still_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr(cli.results, "_cmd_status", lambda args: [][1])
    monkeypatch.setattr(cli, "_announce_course", lambda args: None)
    with pytest.raises(IndexError):
        cli.main(["--course", str(tmp_path), "status"])


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (sqlite3.DatabaseError("file is not a database"), ("damaged", ".bak", "integrity_check")),
        (sqlite3.OperationalError("database is locked"), ("locked", "wait")),
    ],
)
def test_gradebook_failures_name_the_file_and_the_fix(failure, words, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    try:
        try:
            raise failure
        except sqlite3.Error as inner:
            raise RuntimeError("wrapped by a library") from inner
    except RuntimeError as outer:
        error = gradebook_error(outer, "sqlite:////lop/gradebook.db")
    assert isinstance(error, GradebookError)
    assert "/lop/gradebook.db" in str(error)
    for word in words:
        assert word in str(error)


def test_an_unreachable_database_hides_its_password(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    error = gradebook_error(
        sqlite3.OperationalError("connection refused"), "postgresql://hocso:bi-mat@127.0.0.1:1/lop"
    )
    assert "bi-mat" not in str(error)
    assert "127.0.0.1:1/lop" in str(error)
    assert gradebook_error(GradebookError("x"), "sqlite:///g.db") is None  # never wrapped twice
    assert gradebook_error(ValueError("file is not a database"), "sqlite:///g.db") is None


def test_a_damaged_gradebook_is_one_message_and_code_11_from_every_verb(
    cohort, capsys, monkeypatch
):
    from grading.cli import main

    monkeypatch.setenv("HOCSO_LANG", "en")
    submitted = cohort.folder("submitted", "hv01", "00-lam-quen")
    submitted.mkdir(parents=True)
    (submitted / "00-lam-quen.ipynb").write_text("{}", "utf-8")
    gradebook = cohort.root / "gradebook.db"
    gradebook.write_bytes(b"khong phai sqlite " * 300)
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    verbs = (["status"], ["grades"], ["roster", "show"], ["autograde", "00-lam-quen"],
             ["report", "--out", str(cohort.root / "bao-cao")])  # fmt: skip
    for verb in verbs:
        assert main([*args, *verb]) == 11, verb
        err = capsys.readouterr().err
        assert str(gradebook) in err, (verb, err)
        assert "integrity_check" in err
        assert ".bak" in err
        assert "Traceback" not in err
        assert "sqlalchemy" not in err.lower()


def _declared_options(parser: argparse.ArgumentParser):
    """``(verb, action)`` of every option the CLI declared from the API."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for verb, found in _declared_options(sub):
                    yield f"{name} {verb}".strip(), found
        elif action.option_strings:
            yield "", action


def test_every_api_option_takes_its_default_from_the_api():
    parser = cli.build_parser()
    checked = 0
    for function, names in cli._base._DECLARED.items():
        for name in names:
            default = inspect.signature(function).parameters[name].default
            actions = [a for _verb, a in _declared_options(parser) if a.dest == name]
            assert actions, name
            for action in actions:
                assert action.default == default, (function, name)
                checked += 1
    assert checked >= 15
    from grading.progress.certificates import CompletionRule

    args = parser.parse_args(["certificates"])
    assert CompletionRule(**cli.api_kwargs(args, CompletionRule)) == CompletionRule()
    args = parser.parse_args(["certificates", "--min-percent", "80", "--allow-missing"])
    rule = CompletionRule(**cli.api_kwargs(args, CompletionRule))
    assert (rule.min_overall, rule.require_all_submitted) == (0.8, False)


def test_messages_have_both_languages_with_the_same_fields_in_nfc():
    from grading.core.messages import MESSAGES, WORDS

    for key, texts in MESSAGES.items():
        assert set(texts) == {"vi", "en"}, key
        fields = [{f for _, f, _, _ in Formatter().parse(text) if f} for text in texts.values()]
        assert fields[0] == fields[1], key
        assert unicodedata.normalize("NFC", texts["vi"]) == texts["vi"]
    assert all(unicodedata.normalize("NFC", v) == v for v in WORDS.values())


def test_cli_summaries_are_vietnamese_by_default_and_english_on_request(
    cohort, capsys, monkeypatch
):
    from grading.cli import main

    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    assert main([*args, "roster", "show"]) == 0
    out = capsys.readouterr().out
    assert "0 học viên trong danh sách" in out
    assert "họ và tên" in out
    monkeypatch.setenv("HOCSO_LANG", "en")
    assert main([*args, "roster", "show"]) == 0
    out = capsys.readouterr().out
    assert "0 learner(s) enrolled" in out
    assert "full name" in out


#: Modules that re-raise a lower layer's error text as a typed error
#: (``raise CohortError(str(exc)) from exc``), and why that text is already the catalogue's.
PASSED_ON = {
    "verbs.release": "parse_due's ValueError, worded by hocso.error.due_* in grading.core.times",
}
_TRAINER_PACKAGES = ("verbs", "classroom", "exchange", "progress")


def _raise_sites() -> list[tuple[str, int, ast.expr | None, ast.expr | None]]:
    """``(module, line, first argument, cause)`` of every ``raise <HocsoError subclass>(...)``."""
    classes = {c.__name__ for c in _error_classes()}
    root = Path(grading.__file__).parent
    sites = []
    for package in _TRAINER_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            module = path.relative_to(root).with_suffix("").as_posix().replace("/", ".")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                    continue
                func = node.exc.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in classes:
                    first = node.exc.args[0] if node.exc.args else None
                    sites.append((module, node.lineno, first, node.cause))
    return sites


def _say_key(arg: ast.expr | None) -> list[str] | None:
    """The catalogue keys a message argument says (both branches of ``a if c else b``)."""
    if isinstance(arg, ast.IfExp):
        keys = [_say_key(arg.body), _say_key(arg.orelse)]
        return None if None in keys else [k for ks in keys for k in ks]
    is_say = isinstance(arg, ast.Call) and getattr(arg.func, "id", "") == "say"
    if is_say and arg.args and isinstance(arg.args[0], ast.Constant):
        return [arg.args[0].value]
    return None


def _passes_on(module: str, arg: ast.expr | None, cause: ast.expr | None) -> bool:
    """``raise X(str(exc)) from exc`` in a module of :data:`PASSED_ON`."""
    is_str = isinstance(arg, ast.Call) and getattr(arg.func, "id", "") == "str"
    return (
        module in PASSED_ON
        and is_str
        and len(arg.args) == 1
        and isinstance(arg.args[0], ast.Name)
        and isinstance(cause, ast.Name)
        and arg.args[0].id == cause.id
    )


def test_every_trainer_error_raised_in_the_verbs_has_a_vietnamese_text():
    from grading.core.messages import MESSAGES

    english: list[str] = []
    passed_on: set[str] = set()
    for module, line, arg, cause in _raise_sites():
        keys = _say_key(arg)
        if keys is None and _passes_on(module, arg, cause):
            passed_on.add(module)
            continue
        if keys is None:
            english.append(f"{module}:{line}")
            continue
        for key in keys:
            assert key in MESSAGES, f"{module}:{line} says {key!r}, not in the catalogue"
            assert MESSAGES[key]["vi"].strip(), f"{module}:{line}: {key} has no Vietnamese text"
    assert english == [], "raise sites whose message is not a catalogue key (say(...))"
    assert passed_on == set(PASSED_ON)  # a stale entry goes


@pytest.mark.parametrize(
    ("args", "vietnamese", "english"),
    [
        (["collect", "09-khong-co"], "chưa từng được phát", "was never released"),
        (["roster", "remove", "khong-co-ai"], "không có học viên", "no learner"),
        (["autograde", "02-marketing", "--after-solutions-policy", "xoa"],
         "không có lựa chọn", "invalid choice"),  # argparse's, via grading.cli._language
        (["autograde", "02-marketing"], "chưa thu được bài nào", "nothing collected"),
    ],
)  # fmt: skip
def test_errors_of_verbs_a_trainer_runs_with_wrong_input_speak_the_trainers_language(
    cohort, capsys, monkeypatch, args, vietnamese, english
):
    from grading.cli import main

    options = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    with contextlib.suppress(SystemExit):
        assert main([*args, *options]) != 0
    assert vietnamese in capsys.readouterr().err
    monkeypatch.setenv("HOCSO_LANG", "en")
    with contextlib.suppress(SystemExit):
        assert main([*args, *options]) != 0
    assert english in capsys.readouterr().err
