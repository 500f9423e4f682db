"""Hub accounts and configuration, without a running hub."""

from __future__ import annotations

import ast
import os
import stat

import pytest

from grading.hub.accounts import PasswordBook, RootRequired, code_sheet, require_root


@pytest.fixture
def book(tmp_path):
    return PasswordBook(tmp_path / "accounts.json")


def test_a_one_time_code_only_sets_a_password_once(book):
    codes = book.issue(["hv01", "hv02"])
    assert set(codes) == {"hv01", "hv02"}
    assert codes["hv01"] != codes["hv02"]
    assert stat.S_IMODE(os.stat(book.path).st_mode) == 0o600
    assert codes["hv01"] not in book.path.read_text()  # hashes only
    assert not book.check("hv01", codes["hv01"])  # a code never logs in by itself
    assert book.change("hv01", codes["hv01"], "mat-khau-rieng") == ""
    assert book.check("hv01", "mat-khau-rieng")
    assert book.change("hv01", codes["hv01"], "mat-khau-khac") != ""  # the code is spent
    assert not book.check("hv02", "mat-khau-rieng")  # one learner's password is not another's


def test_issuing_again_keeps_chosen_passwords_unless_asked(book):
    codes = book.issue(["hv01"])
    book.change("hv01", codes["hv01"], "mat-khau-rieng")
    assert book.issue(["hv01", "hv02"]).keys() == {"hv02"}
    assert book.check("hv01", "mat-khau-rieng")
    again = book.issue(["hv01"], again=True)
    assert not book.check("hv01", "mat-khau-rieng")  # a new code replaces a forgotten password
    assert book.change("hv01", again["hv01"], "mat-khau-moi-1") == ""


@pytest.mark.parametrize(("new", "problem"), [("ngan", "ít nhất"), ("", "ít nhất")])
def test_weak_passwords_are_refused(book, new, problem):
    code = book.issue(["hv01"])["hv01"]
    assert problem in book.change("hv01", code, new)
    assert book.change("hv01", code, "du-dai-roi") == ""  # the code still works after a refusal


def test_removed_accounts_cannot_log_in(book):
    code = book.issue(["hv01"])["hv01"]
    book.change("hv01", code, "mat-khau-rieng")
    book.remove(["hv01"])
    assert not book.check("hv01", "mat-khau-rieng")


def test_bad_names_are_refused(book):
    with pytest.raises(ValueError, match="not a valid account name"):
        book.issue(["../root"])


def test_code_sheet_lists_every_learner_once():
    codes = {"hv02": "bbbbbbbb", "hv01": "aaaaaaaa"}
    sheet = code_sheet(codes, {"hv01": "Lò Thị Mai"}, hub_url="http://10.0.0.2:8000", course="k")
    rows = [line for line in sheet.splitlines() if line.startswith("hv")]
    assert [r.split()[0] for r in rows] == ["hv01", "hv02"]
    assert all(codes[r.split()[0]] == r.split()[-1] for r in rows)
    assert "http://10.0.0.2:8000/hub/doi-mat-khau" in sheet


def test_hub_needs_root_and_says_so(cohort, monkeypatch, capsys):
    from grading.cli import main

    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    with pytest.raises(RootRequired, match="root"):
        require_root()
    command = ["hub", "--prepare-only", "--course", str(cohort.root)]
    assert main(command) == RootRequired.exit_code
    assert "cần quyền root" in capsys.readouterr().err


def test_hub_config_binds_loopback_and_extends_the_server_role(cohort, tmp_path):
    from grading.hub.config import HubPorts, hub_config_text

    text = hub_config_text(folder=tmp_path, cohort=cohort, ports=HubPorts(),
                           learners=("hv01",), trainers=("gv01",), admin_token="x")  # fmt: skip
    settings = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute):
            target = node.targets[0]
            settings[f"{target.value.attr}.{target.attr}"] = ast.literal_eval(node.value)
    assert settings["JupyterHub.bind_url"] == "http://127.0.0.1:8000"
    assert settings["JupyterHub.hub_bind_url"].startswith("http://127.0.0.1:")
    assert settings["ConfigurableHTTPProxy.api_url"].startswith("http://127.0.0.1:")
    server = next(r for r in settings["JupyterHub.load_roles"] if r["name"] == "server")
    assert {"read:users:groups!user", "read:users:name!user"} <= set(server["scopes"])
    groups = settings["JupyterHub.load_groups"]
    course = cohort.course_id
    assert groups[f"nbgrader-{course}"]["users"] == ["hv01"]
    assert groups[f"formgrade-{course}"]["users"] == ["gv01"]
    service = next(s for s in settings["JupyterHub.services"] if s["name"] == "hocso-exchange")
    assert service["url"].startswith("http://127.0.0.1:")
    wide = hub_config_text(folder=tmp_path, cohort=cohort, ports=HubPorts(ip="0.0.0.0"),
                           learners=(), trainers=(), admin_token="x")  # fmt: skip
    assert "c.JupyterHub.bind_url = 'http://0.0.0.0:8000'" in wide
    assert "c.JupyterHub.hub_bind_url = 'http://127.0.0.1:8081'" in wide  # the API stays local
