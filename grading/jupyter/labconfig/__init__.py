"""Our JupyterLab additions for ``hocso lab`` and ``hocso formgrader``.

Two small pieces, both ours (nbgrader and the language pack are used unchanged):

* a **Jupyter Server extension** (this module, enabled in the generated
  ``jupyter_server_config.json``) that merges :data:`OVERRIDES` (``vi_VN.json``)
  into the translations JupyterLab serves for ``vi_VN``: the upstream language
  pack covers about a third of JupyterLab 4.6's strings, and leaves English
  where learners look ("Run All Cells", "Modified", …);
* the same server extension keeps Formgrader's page templates findable when a
  course config sets ``HTMLExporter.extra_template_basedirs`` (see
  :func:`_keep_formgrader_templates`), puts Formgrader in the trainer's
  language (:mod:`grading.jupyter.labconfig.formgrader`) and gives its grading
  page the reference numbers ``hocso build`` computed (:mod:`grading.jupyter.labconfig.formgrader.references`);
* a **prebuilt JupyterLab extension** ``labextensions/hocso-lab`` (plain
  JavaScript, no build step) that translates the English labels of nbgrader's
  labextension (the Assignments panel, the Validate dialog), which has no
  translation support, and shows only the Vietnamese sentence of our exchange
  messages (:data:`grading.exchange.lab.MARK`) instead of a traceback.

:data:`DATA_DIR` goes on ``JUPYTER_PATH`` so JupyterLab finds the extension.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from pathlib import Path
from typing import Any

__all__ = ["DATA_DIR", "LOCALE", "OVERRIDES", "merge_overrides"]

HERE = Path(__file__).resolve().parent
#: A Jupyter data folder holding ``labextensions/hocso-lab``.
DATA_DIR = HERE
LOCALE = "vi_VN"
OVERRIDES = HERE / f"{LOCALE}.json"


@functools.lru_cache(maxsize=1)
def _overrides() -> dict[str, dict[str, list[str]]]:
    return json.loads(OVERRIDES.read_text(encoding="utf-8"))


def merge_overrides(locale: str, data: dict[str, Any]) -> dict[str, Any]:
    """Language-pack ``data`` (domain -> messages) with our translations added.

    Our entries fill gaps and replace the pack's; the pack's own strings are
    made NFC (:func:`_nfc`); other locales are unchanged.

    Examples
    --------
    >>> merged = merge_overrides("vi_VN", {"jupyterlab": {"": {"domain": "jupyterlab"}}})
    >>> merged["jupyterlab"]["Run All Cells"]
    ['Chạy tất cả các ô']
    >>> merge_overrides("en", {"jupyterlab": {}})
    {'jupyterlab': {}}
    """
    if locale.replace("-", "_") != LOCALE:
        return data
    merged = {domain: _nfc(messages) for domain, messages in data.items()}
    for domain, messages in _overrides().items():
        merged[domain] = {**merged.get(domain, {}), **messages}
    return merged


def _nfc(messages: Any) -> Any:
    """A domain's messages with every translation in NFC.

    The vi-VN pack writes about a sixth of JupyterLab's strings decomposed (the
    "Tabs" menu is ``The`` + U+0309): the project's text is NFC, and a search for
    a menu's name must find it.

    Examples
    --------
    >>> _nfc({"menu\x04Tabs": ["The\u0309"], "": {"domain": "jupyterlab"}})["menu\x04Tabs"]
    ['Thẻ']
    """
    if not isinstance(messages, dict):
        return messages
    return {
        key: [unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in value]
        if isinstance(value, list)
        else value
        for key, value in messages.items()
    }


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "grading.jupyter.labconfig"}]


def _keep_formgrader_templates() -> None:
    """Formgrader finds its own page templates even when a course config sets template dirs.

    Formgrader puts its template folder in ``HTMLExporter.extra_template_basedirs``
    as a default that any ``nbgrader_config.py`` setting the same option replaces
    (the course does, for its Vietnamese feedback template); Formgrader then fails
    to load ("No template sub-directory with name 'formgrade'"). Its folder is
    appended again just before Formgrader builds its exporter.
    """
    try:
        from nbgrader.server_extensions.formgrader import formgrader, handlers
    except ImportError:  # pragma: no cover - nbgrader is part of the course extra
        return
    original = formgrader.FormgradeExtension.init_tornado_settings
    if getattr(original, "_hocso", False):
        return

    @functools.wraps(original)
    def init_tornado_settings(self, webapp):
        dirs = list(self.config.HTMLExporter.get("extra_template_basedirs", None) or [])
        if handlers.template_path not in dirs:
            self.config.HTMLExporter.extra_template_basedirs = [*dirs, handlers.template_path]
        result = original(self, webapp)
        from grading.jupyter.labconfig.formgrader import install

        install(self, webapp)  # our page templates, script and after-solutions flags
        # the grading page (only this exporter) shows the build-time reference numbers
        from grading.jupyter.labconfig.formgrader.references import attach_references

        attach_references(webapp.settings["nbgrader_exporter"], str(self.coursedir.root))
        return result

    init_tornado_settings._hocso = True  # type: ignore[attr-defined]
    formgrader.FormgradeExtension.init_tornado_settings = init_tornado_settings


def _nfc_settings_translations() -> None:
    """Menu titles and other settings-schema strings in NFC, with our overrides.

    JupyterLab translates the menus of its settings schemas (File, Edit, …,
    "Tabs") on the server, through gettext, not through the language pack
    :func:`merge_overrides` wraps: the same NFC and overrides are applied there.
    """
    from jupyterlab_server import translation_utils

    bundle = translation_utils.TranslationBundle
    original = bundle.pgettext
    if getattr(original, "_hocso", False):
        return

    @functools.wraps(original)
    def pgettext(self, msgctxt: str, msgid: str) -> str:
        text = original(self, msgctxt, msgid)
        if str(getattr(self, "_locale", "")).replace("-", "_") != LOCALE:
            return text
        ours = _overrides().get(getattr(self, "_domain", ""), {})
        found = ours.get(f"{msgctxt}\x04{msgid}") or ours.get(msgid)
        return unicodedata.normalize("NFC", found[0] if found else text)

    pgettext._hocso = True  # type: ignore[attr-defined]
    bundle.pgettext = pgettext


def _load_jupyter_server_extension(serverapp) -> None:
    """Wrap the language-pack loader JupyterLab's translations handler calls."""
    from jupyterlab_server import translations_handler

    _keep_formgrader_templates()
    _nfc_settings_translations()

    original = translations_handler.get_language_pack
    if getattr(original, "_hocso", False):
        return

    @functools.wraps(original)
    def get_language_pack(locale_: str) -> tuple:
        data, message = original(locale_)
        return merge_overrides(locale_, data), message

    get_language_pack._hocso = True  # type: ignore[attr-defined]
    translations_handler.get_language_pack = get_language_pack
    serverapp.log.info("hocso: Vietnamese translations added to the language pack")
