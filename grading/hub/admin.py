"""``hocso``'s own calls to a running hub's REST API (the ``hocso-admin`` service token).

Used to remove a learner from a running hub (their servers stop, their tokens
and sessions die with the account), to give a trainer a token for the
exchange (``hocso release`` / ``collect`` / ``feedback`` from a root shell), and
by the tests to act as each user.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

__all__ = ["HubAPIError", "HubAdmin", "wait_for_hub"]


class HubAPIError(RuntimeError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"hub API {status}: {message}")
        self.status = status


class HubAdmin:
    """A small client of JupyterHub's REST API (``api_url`` ends in ``/hub/api``)."""

    def __init__(self, api_url: str, token: str, *, timeout: float = 60) -> None:
        self.api_url = api_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.api_url + path, data=data, method=method)
        request.add_header("Authorization", f"token {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                text = answer.read()
        except urllib.error.HTTPError as error:
            raise HubAPIError(error.code, error.read()[:500].decode("utf-8", "replace")) from None
        return json.loads(text) if text.strip() else None

    def user(self, name: str) -> dict | None:
        try:
            return self.call("GET", f"/users/{urllib.parse.quote(name)}")
        except HubAPIError as error:
            if error.status == 404:
                return None
            raise

    def new_token(self, name: str, *, scopes: list[str] | None = None, note: str = "hocso") -> str:
        """A new API token of user ``name`` (default: the user's own rights)."""
        body: dict[str, Any] = {"note": note, "expires_in": 7 * 24 * 3600}
        if scopes is not None:
            body["scopes"] = scopes
        answer = self.call("POST", f"/users/{urllib.parse.quote(name)}/tokens", body)
        return str(answer["token"])

    def delete_user(self, name: str) -> bool:
        """Delete ``name`` from the hub (servers stopped first); False if unknown."""
        quoted = urllib.parse.quote(name)
        try:
            self.call("DELETE", f"/users/{quoted}/server")
        except HubAPIError as error:
            if error.status == 404:
                return False
            if error.status != 400:  # 400: not running
                raise
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            model = self.user(name)
            if model is None:
                return False
            if not model.get("servers") and not model.get("pending"):
                break
            time.sleep(0.5)
        self.call("DELETE", f"/users/{quoted}")
        return True

    def start_server(self, name: str, *, timeout: float = 180) -> dict:
        """Start ``name``'s server and wait until it is ready; its model."""
        quoted = urllib.parse.quote(name)
        try:
            self.call("POST", f"/users/{quoted}/server")
        except HubAPIError as error:
            if error.status != 400:  # 400: already running
                raise
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.user(name) or {}
            server = (model.get("servers") or {}).get("")
            if server and server.get("ready"):
                return server
            time.sleep(0.5)
        raise TimeoutError(f"{name}'s server was not ready after {timeout:.0f} s")


def wait_for_hub(api_url: str, *, timeout: float = 120, process: Any = None) -> float:
    """Seconds until ``api_url`` answers; TimeoutError (or the process's exit) otherwise."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the hub exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(api_url.rstrip("/") + "/", timeout=5) as answer:
                if answer.status == 200:
                    return time.monotonic() - start
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise TimeoutError(f"the hub did not answer at {api_url} within {timeout:.0f} s")
