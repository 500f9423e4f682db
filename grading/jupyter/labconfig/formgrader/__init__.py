"""Formgrader in the trainer's language, with the learner names and times a trainer reads.

nbgrader's Formgrader has no translation support: its list pages are Jinja
templates read from one fixed folder, and its tables, buttons and dialogs are
written by its own JavaScript. Both are used unchanged; three small pieces of
ours sit around them, installed when Formgrader starts (:func:`install`):

* **page templates first**: a loader that looks in :data:`PAGES` before
  nbgrader's folder (nbgrader's stay reachable as ``nbgrader/<name>``). Our
  ``base.tpl`` extends nbgrader's and only fills its empty ``script`` block
  with :data:`SCRIPT_URL`; in Vietnamese, ``vi/`` replaces the instruction
  panels (``messages`` blocks) with the ``hocso`` commands;
* **one script** (``hocso-formgrader.js``) over every Formgrader page,
  including the grading page (``grading/templates/formgrade``): it rewrites the
  English labels nbgrader's scripts write, using the kept list in
  ``strings.json`` (whole texts and anchored patterns; a learner's cells,
  outputs and the trainer's inputs are never touched), shows learners
  family-name first ("Nguyễn Thị Lan", not "Nguyễn, Thị Lan"), and flags
  submissions handed in after the solutions (:func:`after_solutions_flags`);
* **times**: due dates and submission times in the class's time zone, day
  first, to the minute (:data:`TIME_FORMAT`, set in
  :meth:`grading.classroom.cohort.Cohort.settings`).

Why not copies of nbgrader's templates and scripts: a copy keeps the old
behaviour after an nbgrader upgrade and silently drops its fixes. Here an
upgrade that renames a label leaves that label in English, and the browser
test (``tests/e2e/test_class_cycle.py``) fails on the English words it lists;
``tests/grading/test_formgrader_pages.py`` checks that every label we
translate still exists in the installed nbgrader.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

__all__ = [
    "FLAGS_URL",
    "HERE",
    "PAGES",
    "SCRIPT",
    "SCRIPT_URL",
    "STRINGS",
    "after_solutions_flags",
    "install",
    "jinja_loader",
    "page_settings",
    "script_text",
]

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
SCRIPT = HERE / "hocso-formgrader.js"
STRINGS = HERE / "strings.json"
#: Where the script is served (after the server's base URL).
SCRIPT_URL = "/hocso/formgrader.js"
#: ``{FLAGS_URL}<assignment>``: learner id -> why their submission is flagged.
FLAGS_URL = "/hocso/formgrader/after-solutions/"


@functools.lru_cache(maxsize=1)
def _strings() -> dict[str, Any]:
    return json.loads(STRINGS.read_text(encoding="utf-8"))


def page_settings(lang: str, base_url: str = "") -> dict[str, Any]:
    """What the script needs: the labels of ``lang`` and the server's base URL.

    Examples
    --------
    >>> vi = page_settings("vi")
    >>> vi["exact"]["Hide All Names"], vi["after_solutions"]
    ('Ẩn tên mọi học viên', 'nộp sau khi phát lời giải')
    >>> page_settings("en")["exact"]
    {}
    """
    table = _strings()
    chosen = table.get(lang) or table["vi"]
    return {**chosen, "lang": lang if lang in table and lang != "_comment" else "vi",
            "base_url": base_url.rstrip("/")}  # fmt: skip


def script_text(lang: str, base_url: str = "") -> str:
    """The script served at :data:`SCRIPT_URL`: its settings, then ``hocso-formgrader.js``.

    The settings are JSON with ``<``, ``>`` and ``&`` escaped, so no label can
    end the script.

    Examples
    --------
    >>> text = script_text("vi", "/user/gv")
    >>> text.startswith("window.HOCSO_FORMGRADER = {"), '"base_url": "/user/gv"' in text
    (True, True)
    >>> "</" in script_text("vi")
    False
    """
    settings = json.dumps(page_settings(lang, base_url), ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        settings = settings.replace(raw, escaped)
    return f"window.HOCSO_FORMGRADER = {settings};\n" + SCRIPT.read_text(encoding="utf-8")


def jinja_loader(nbgrader_templates: str, lang: str):
    """Our page templates first, then nbgrader's (also as ``nbgrader/<name>``).

    Examples
    --------
    >>> from nbgrader.server_extensions.formgrader import handlers
    >>> loader = jinja_loader(handlers.template_path, "vi")
    >>> import jinja2
    >>> env = jinja2.Environment(loader=loader)
    >>> page = env.get_template("manage_submissions.tpl").render(
    ...     base_url="", assignment_id="02-marketing", course_dir="/c")
    >>> "/hocso/formgrader.js" in page, "Hướng dẫn" in page, "Instructions" in page
    (True, True, False)
    """
    import jinja2

    theirs = jinja2.FileSystemLoader([nbgrader_templates])
    ours = [str(PAGES / lang)] if lang != "en" and (PAGES / lang).is_dir() else []
    return jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([*ours, str(PAGES)]),
            jinja2.PrefixLoader({"nbgrader": theirs}),
            theirs,
        ]
    )


def after_solutions_flags(cohort, assignment: str, *, lang: str | None = None) -> dict[str, str]:
    """``learner -> reason`` for each submission of ``assignment`` handed in after its solutions.

    The same rule as autograde's policy (:mod:`grading.verbs.autograde`): the
    submission's timestamp is later than the recorded release of the worked
    solution. The reason names both times in the class's time zone and, once
    autograded, what the policy did (the ledger's note).
    """
    from nbgrader.api import MissingEntry

    from grading.classroom.ledger import read_ledger
    from grading.classroom.releases import solutions_released
    from grading.core.messages import say
    from grading.core.times import show_time

    released = solutions_released(cohort.state_dir).get(assignment)
    if released is None:
        return {}
    with cohort.gradebook() as gradebook:
        try:
            stamps = {
                s.student.id: s.timestamp for s in gradebook.find_assignment(assignment).submissions
            }
        except MissingEntry:
            return {}
    notes = read_ledger(cohort.state).get(assignment, {})
    flags = {}
    for learner, stamp in sorted(stamps.items()):
        if stamp is None or stamp <= released:
            continue
        entry = notes.get(learner)
        reason = say(
            "hocso.formgrader.after_solutions",
            submitted=show_time(stamp),
            released=show_time(released),
            lang=lang,
        )
        if entry is not None and entry.reason:
            reason += f" — {entry.reason}"
        flags[learner] = reason
    return flags


def _handlers(formgrader, lang: str) -> list[tuple]:
    from jupyter_server.base.handlers import JupyterHandler
    from tornado import web

    class ScriptHandler(JupyterHandler):
        @web.authenticated
        def get(self) -> None:
            self.set_header("Content-Type", "application/javascript; charset=utf-8")
            self.set_header("Cache-Control", "no-cache")
            self.finish(script_text(lang, self.base_url))

    class FlagsHandler(JupyterHandler):
        @web.authenticated
        def get(self, assignment: str) -> None:
            from grading.classroom.cohort import open_cohort

            coursedir = formgrader.coursedir
            cohort = open_cohort(coursedir.root, db_url=coursedir.db_url)
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps(after_solutions_flags(cohort, assignment, lang=lang)))

    return [
        (SCRIPT_URL, ScriptHandler),
        (FLAGS_URL + r"([^/]+)", FlagsHandler),
    ]


def install(formgrader, webapp) -> None:
    """Our templates, script and flags for the Formgrader being set up on ``webapp``.

    Called just after ``FormgradeExtension.init_tornado_settings``: only a
    server that serves Formgrader (a trainer's) gets these pages and URLs.
    """
    import jinja2
    from jupyter_server.utils import url_path_join
    from nbgrader.server_extensions.formgrader import handlers

    from toolkit.i18n import current_language

    lang = current_language()
    webapp.settings["nbgrader_jinja2_env"] = jinja2.Environment(
        loader=jinja_loader(handlers.template_path, lang)
    )
    base = webapp.settings.get("base_url", "/")
    webapp.add_handlers(
        ".*$",
        [
            (url_path_join(base, url.lstrip("/")), *rest)
            for url, *rest in _handlers(formgrader, lang)
        ],
    )
