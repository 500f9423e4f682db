"""Browser tests: Debian's Chromium driven by Playwright, JupyterLab servers in tmp_path.

The browser is the system's ``/usr/bin/chromium`` (Debian packages ``chromium``
and ``chromium-driver``; ``.ci/run`` installs them), driven by the ``playwright``
Python package without its own browser download. A missing browser or
Playwright fails the tests when ``CI=true`` and skips them (with the reason)
elsewhere. Screenshots go to ``test-artifacts/e2e/`` (git-ignored).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "e2e"


@pytest.fixture
def browser_for(playwright_api, tmp_path):
    """``browser_for(name)``: a fresh Chromium profile (its own user-data-dir) per person."""
    contexts = []

    def launch(name: str):
        context = playwright_api.chromium.launch_persistent_context(
            str(tmp_path / f"chromium-{name}"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
            locale="vi-VN",
        )
        context.set_default_timeout(60_000)
        contexts.append(context)
        return context

    yield launch
    for context in contexts:
        context.close()


@pytest.fixture
def shoot(request):
    """``shoot(page, name)`` saves ``test-artifacts/e2e/<test>/<NN-name>.png``."""
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    count = [0]

    pages = []

    def save(page, name: str) -> Path:
        if page not in pages:
            pages.append(page)
        count[0] += 1
        path = folder / f"{count[0]:02d}-{name}.png"
        page.screenshot(path=str(path))
        return path

    yield save
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for index, page in enumerate(pages):
            try:
                page.screenshot(path=str(folder / f"failure-{index}.png"), full_page=True)
            except Exception:  # the page may be closed already
                pass


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyter_server(command: list[str], env: dict[str, str], runtime: Path) -> Iterator[str]:
    """Run a JupyterLab server; yields its base URL (token ``TOKEN``)."""
    port = free_port()
    env = {
        **env,
        "JUPYTER_PORT": str(port),
        "JUPYTER_TOKEN": TOKEN,
        "JUPYTER_RUNTIME_DIR": str(runtime),
    }
    log = (runtime.parent / f"server-{port}.log").open("wb")
    server = subprocess.Popen(
        [*command, "--ServerApp.ip=127.0.0.1"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5).close()
                break
            except OSError:
                assert server.poll() is None, f"JupyterLab exited, see {log.name}"
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


TOKEN = "hocso-e2e"
