"""Fixtures shared by every browser test: one Playwright per test process.

Playwright's sync API runs its own event loop; a second ``sync_playwright()``
in the same process fails ("inside the asyncio loop"), so the e2e tests and
the report/feedback page tests share this one. The browser is Debian's
``/usr/bin/chromium`` (packages ``chromium`` and ``chromium-driver``; ``.ci/run``
installs them), driven without Playwright's own browser download. A missing
browser or Playwright fails the tests when ``CI=true`` and skips them (with the
reason) elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("HOCSO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_INSTALL = (
    "install Debian's browser with `apt-get install chromium chromium-driver` "
    "and Playwright with `pip install playwright` (no browser download needed)"
)


def missing_browser(reason: str) -> None:
    """Fail in CI, skip with the reason elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run in CI: {reason}; {_INSTALL}", pytrace=False)
    pytest.skip(f"browser tests need {reason}; {_INSTALL}")


@pytest.fixture(scope="session")
def playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_browser("the playwright package")
    if not CHROMIUM.is_file():
        missing_browser(f"Chromium at {CHROMIUM}")
    with sync_playwright() as api:
        yield api
