"""Sandbox tests never skip silently where the sandbox must be there (CI)."""

from __future__ import annotations

import pytest

from .conftest import sandbox_required, without_sandbox


@pytest.mark.parametrize(
    ("environ", "outcome"),
    [
        ({}, "skip"),
        ({"CI": "true"}, "fail"),
        ({"CI": "True"}, "fail"),
        ({"CI": "false"}, "skip"),
        ({"HOCSO_REQUIRE_SANDBOX": "1"}, "fail"),
        ({"HOCSO_REQUIRE_SANDBOX": "0"}, "skip"),
    ],
)
def test_a_missing_sandbox_fails_when_ci_says_it_must_be_there(environ, outcome):
    assert without_sandbox(environ) == outcome
    assert sandbox_required(environ) == (outcome == "fail")
