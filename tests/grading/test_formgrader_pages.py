"""Formgrader's list pages in the trainer's language (grading/jupyter/labconfig/formgrader).

The browser test (tests/e2e/test_class_cycle.py) walks every page; these check
the pieces on their own: the kept list of labels still matches the installed
nbgrader, our pages wrap nbgrader's, times are the class's, and the
after-solutions flag follows the same rule as autograde.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import jinja2
import pytest
from nbgrader.server_extensions.formgrader import handlers

from grading.jupyter.labconfig import formgrader as fg

NBGRADER_FILES = [
    *Path(handlers.template_path).rglob("*.tpl"),
    *Path(handlers.template_path).rglob("*.j2"),
    *Path(handlers.static_path, "js").glob("*.js"),
]
#: Labels of ours with no literal twin in nbgrader (composed by its scripts).
COMPOSED = {"None, None": "manage_submissions.js: last_name + ', ' + first_name, both null"}
LIST_PAGES = sorted(p.name for p in Path(handlers.template_path).glob("*.tpl"))


def _nbgrader_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in NBGRADER_FILES)


def _page(name: str, lang: str, **values) -> str:
    env = jinja2.Environment(loader=fg.jinja_loader(handlers.template_path, lang))
    defaults = {"base_url": "/user/gv", "assignment_id": "02-marketing", "notebook_id": "02",
                "course_dir": "/khoa", "course_id": "kds", "exchange": "/ex", "student_id": "hv01",
                "resources": {"base_url": "", "index": 0, "total": 1, "filename": "x"}}  # fmt: skip
    return env.get_template(name).render(**{**defaults, **values})


def test_every_label_we_translate_is_still_one_nbgrader_writes():
    text = re.sub(r"\s+", " ", _nbgrader_text())
    vi = json.loads(fg.STRINGS.read_text(encoding="utf-8"))["vi"]
    missing = [k for k in vi["exact"] if k not in COMPOSED and k not in text]
    assert not missing, f"nbgrader no longer writes these labels: {missing}"
    for pattern, _ in vi["patterns"]:
        prefix = re.split(r"[\\(\[]", pattern)[0].rstrip("'")
        assert prefix in text, pattern


def test_the_vietnamese_labels_are_nfc_translations():
    vi = json.loads(fg.STRINGS.read_text(encoding="utf-8"))["vi"]
    for english, vietnamese in vi["exact"].items():
        assert unicodedata.normalize("NFC", vietnamese) == vietnamese, english
        assert vietnamese != english or english in {"Email"}, english
    for pattern, replacement in vi["patterns"]:
        groups = re.compile(pattern).groups
        assert set(re.findall(r"\$(\d)", replacement)) == {str(i + 1) for i in range(groups)}


@pytest.mark.parametrize("name", LIST_PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_list_page_carries_our_script_once(name, lang):
    if name == "formgrade_404.tpl":
        pytest.skip("a page of its own, without nbgrader's frame: see the test below")
    page = _page(name, lang)
    assert page.count('<script src="/user/gv/hocso/formgrader.js"></script>') == 1


@pytest.mark.parametrize("name", ["manage_assignments.tpl", "manage_submissions.tpl"])
def test_instructions_name_the_hocso_commands_in_vietnamese_and_stay_english_on_request(name):
    vi, en = _page(name, "vi"), _page(name, "en")
    assert "Hướng dẫn" in vi
    assert "hocso " in vi
    assert "Instructions (click to expand)" not in vi
    assert "Instructions (click to expand)" in en
    assert 'id="main-table"' in vi  # nbgrader's table, unchanged


def test_learner_text_in_a_page_setting_cannot_end_the_script():
    text = fg.script_text("vi", "/u/</script><script>alert(1)")
    settings = text.split(";\n", 1)[0]
    assert "<" not in settings
    assert json.loads(settings.removeprefix("window.HOCSO_FORMGRADER = "))["base_url"] == (
        "/u/</script><script>alert(1)"
    )


def test_times_in_formgrader_are_the_class_zone_day_first(cohort):
    with cohort.gradebook() as gb:
        gb.update_or_create_assignment("02-marketing", duedate=dt.datetime(2026, 12, 20, 16, 59))
    api = cohort.api()
    assert api.timezone == "Asia/Ho_Chi_Minh"
    shown = api.get_assignment("02-marketing")["display_duedate"]
    assert shown == "20/12/2026 23:59 +07"


def _submit(cohort, learner: str, when: dt.datetime) -> None:
    with cohort.gradebook() as gb:
        gb.update_or_create_student(learner, last_name="Nguyễn", first_name="Thị Lan")
        gb.update_or_create_assignment("02-marketing")
        gb.add_submission("02-marketing", learner, timestamp=when)


def test_a_submission_after_the_solutions_is_flagged_with_both_times(cohort):
    from grading.classroom.releases import record_solutions

    out = dt.datetime(2026, 12, 21, 2, 0)  # 09:00 in Vietnam
    _submit(cohort, "hv01", out - dt.timedelta(seconds=1))
    _submit(cohort, "hv02", out)  # the same instant is not after
    _submit(cohort, "hv03", out + dt.timedelta(minutes=5))
    assert fg.after_solutions_flags(cohort, "02-marketing") == {}  # no solutions yet
    record_solutions(cohort.state_dir, "02-marketing", out)
    flags = fg.after_solutions_flags(cohort, "02-marketing", lang="vi")
    assert set(flags) == {"hv03"}
    assert "21/12/2026 09:05 +07" in flags["hv03"]
    assert "21/12/2026 09:00 +07" in flags["hv03"]
    assert "lời giải" in flags["hv03"]
    english = fg.after_solutions_flags(cohort, "02-marketing", lang="en")
    assert "after the solutions" in english["hv03"]
    assert fg.after_solutions_flags(cohort, "01-anh-san-pham") == {}


@pytest.mark.parametrize(
    ("lang", "words"), [("vi", "Không thấy tệp bài nộp"), ("en", "is missing")]
)
def test_a_missing_submission_is_a_page_that_says_what_to_do(lang, words):
    resources = {"base_url": "", "index": 0, "total": 2, "filename": "/k/autograded/hv01/a/a.ipynb",
                 "student": "hv01", "assignment_id": "00-lam-quen", "notebook_id": "00-lam-quen"}  # fmt: skip
    page = _page("formgrade_404.tpl", lang, resources=resources)
    assert words in page
    assert "hocso autograde 00-lam-quen --force" in page
