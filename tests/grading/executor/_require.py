"""Sandbox-security tests FAIL (never skip) where the sandbox is required (CI, HOCSO_REQUIRE_SANDBOX)."""

from __future__ import annotations

import os

import pytest


def sandbox_required() -> bool:
    """Whether a missing sandbox must fail the test run (``CI=true`` or ``HOCSO_REQUIRE_SANDBOX=1``)."""
    return (
        os.environ.get("CI", "").lower() == "true" or os.environ.get("HOCSO_REQUIRE_SANDBOX") == "1"
    )


def need(condition: bool, what: str) -> None:
    """Skip when ``condition`` is false, unless the sandbox is required: then fail."""
    if condition:
        return
    if sandbox_required():
        pytest.fail(f"sandbox required (CI / HOCSO_REQUIRE_SANDBOX) but {what}")
    pytest.skip(what)


def need_root() -> None:
    need(os.geteuid() == 0, "the full sandbox needs root")
