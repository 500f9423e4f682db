"""``hocso lab`` serves JupyterLab in Vietnamese on the learner workspace."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from grading.core.course import open_course
from grading.jupyter.launch import lab_command, prepare_workspace

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.mark.slow
def test_lab_serves_vietnamese_workspace(tmp_path):
    course = shutil.copytree(
        REPO / "courses" / "kinh-doanh-so",
        tmp_path / "kinh-doanh-so",
        ignore=shutil.ignore_patterns("release", "gradebook.db"),
    )
    workspace = tmp_path / "ws"
    prepare_workspace(open_course(course), workspace)
    command, env = lab_command(workspace, open_browser=False)
    port, token = _free_port(), "hocso-test-token"
    env.update(
        JUPYTER_PORT=str(port),
        JUPYTER_TOKEN=token,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "jrt"),
    )
    server = subprocess.Popen(
        [*command, "--ServerApp.ip=127.0.0.1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.5)
        settings = _get(
            f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}"
        )
        assert settings["settings"]["locale"] == "vi_VN"
        languages = _get(f"{base}/lab/api/translations/?token={token}")["data"]
        assert "vi_VN" in languages
        vietnamese = _get(f"{base}/lab/api/translations/vi_VN?token={token}")["data"]
        assert vietnamese, "the Vietnamese language pack is installed and served"
        # our translations fill the language pack's gaps
        assert vietnamese["jupyterlab"]["Run All Cells"] == ["Chạy tất cả các ô"]
        assert vietnamese["jupyterlab"]["Save"] == ["Lưu"]  # the pack's own stay
        news = _get(
            f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
        )
        assert news["settings"]["fetchNews"] == "false"
        page = (
            urllib.request.urlopen(f"{base}/lab?token={token}", timeout=10).read().decode("utf-8")
        )
        assert "@jupyter/nbgrader:create-assignment" in page  # listed among disabledExtensions
        assert "@jupyter/nbgrader:formgrader" in page
        assert "hocso-lab" in page  # our labextension (nbgrader's labels in Vietnamese)
        themes = _get(
            f"{base}/lab/api/settings/@jupyterlab/apputils-extension:themes?token={token}"
        )
        assert "Noto Mono" in themes["settings"]["overrides"]["code-font-family"]
        with pytest.raises(urllib.error.HTTPError, match="404"):
            _get(f"{base}/formgrader/api/assignments?token={token}")  # no gradebook here
        listed = _get(f"{base}/assignments?course_id=kinh-doanh-so&token={token}")
        assert listed == {"success": True, "value": []}  # nothing released: no error
        listing = _get(f"{base}/api/contents/00-lam-quen?token={token}")
        assert "00-lam-quen.ipynb" in {item["name"] for item in listing["content"]}
        root = _get(f"{base}/api/contents?token={token}")
        assert "00-chao-mung.ipynb" in {item["name"] for item in root["content"]}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        server.stderr.close()


def test_every_vietnamese_string_served_is_nfc():
    import unicodedata

    from jupyterlab_server.translation_utils import get_language_pack

    from grading.jupyter.labconfig import merge_overrides

    pack, _ = get_language_pack("vi_VN")
    merged = merge_overrides("vi_VN", pack)
    texts = [
        text
        for messages in merged.values()
        for value in messages.values()
        if isinstance(value, list)
        for text in value
        if isinstance(text, str)
    ]
    assert len(texts) > 500
    assert [t for t in texts if not unicodedata.is_normalized("NFC", t)] == []
    assert merged["jupyterlab"]["menu\x04Tabs"] == ["Thẻ"]  # the pack's "The" + U+0309


def test_menu_titles_translated_on_the_server_are_nfc():
    from jupyterlab_server.translation_utils import TranslationBundle

    from grading.jupyter.labconfig import _nfc_settings_translations

    _nfc_settings_translations()  # what the server extension does when it loads
    bundle = TranslationBundle("jupyterlab", "vi_VN")
    assert bundle.pgettext("menu", "Tabs") == "Thẻ"  # one code point, not "The" + U+0309
    assert bundle.pgettext("menu", "File") == "Tệp"
    assert TranslationBundle("jupyterlab", "en").pgettext("menu", "Tabs") == "Tabs"
