"""No lesson shows an autograded answer of the assignment it prepares (issue 23).

Each lesson (``notebooks/NN-*-bai-hoc.ipynb``) is executed in a fresh kernel;
every number its outputs show is compared with every number of the
assignment's answers (computed by running the source notebook's solutions), at
the precision the lesson shows it, as is, in per cent, in thousands, in
millions and hours as minutes. Lessons 02–04 teach on anh Minh's shop and the
coffee livestream (``toolkit.lessons``), so a leak means a lesson went back to
chị Lan's data; lesson 00 teaches on other slices of the shop world. Lesson 01
is left out: its sample photo ``gao-khong-vuong`` has the common 1200 × 900
size (ratio 1,33) of the assignment's ``anh-09.jpg``; the samples belong to
``toolkit.photo``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.courses._answers import Shown, _matches, graded_answers, leaks, run_outputs

from .conftest import REPO

COURSE = REPO / "courses" / "kinh-doanh-so" / "source"
LESSONS = ["00", "02", "03", "04"]


def _pair(number: str) -> tuple[Path, Path]:
    (source,) = sorted(COURSE.glob(f"{number}-*/{number}-*.ipynb"))
    (lesson,) = sorted((REPO / "notebooks").glob(f"{number}-*-bai-hoc.ipynb"))
    return source, lesson


def test_a_shown_answer_is_recognised_at_the_precision_shown():
    # the detector itself: ROAS 6,9813 read off a table as "6,98" or "6.981" is a leak,
    # a p-value shown as "0,212" is, 21,2 % is, 106,8 (millions) is; other values are not
    answers = {"roas": [6.981288], "p": [0.2120140], "money": [106_812_345.0]}
    assert {leak.answer for leak in leaks(answers, ["TikTok 6,98"])} == {"roas"}
    assert {leak.answer for leak in leaks(answers, ["TikTok  6.981  x"])} == {"roas"}
    assert {leak.answer for leak in leaks(answers, ["p = 0,212"])} == {"p"}
    assert {leak.answer for leak in leaks(answers, ["21,2 %"])} == {"p"}
    assert {leak.answer for leak in leaks(answers, ["fb  106.8"])} == {"money"}
    assert leaks(answers, ["TikTok 6,47; p = 0,375; 158.2 triệu; năm 2026"]) == []
    # a whole number is a scaled answer only where its line names the unit
    assert leaks({"money": [157_669_000.0]}, ["Cần chăm sóc   158"]) == []
    assert {leak.answer for leak in leaks({"money": [157_669_000.0]}, ["158 triệu ₫"])} == {"money"}
    # too few digits to tell anything
    assert not _matches(7.0, Shown(7.0, 1, 2, "7,0"))


@pytest.mark.slow
@pytest.mark.parametrize("number", LESSONS)
def test_lesson_shows_no_graded_answer(number):
    source, lesson = _pair(number)
    answers = graded_answers(source)
    assert any(answers.values()), "the source notebook's answers were not found"
    found = leaks(answers, run_outputs(lesson))
    assert not found, "\n".join(
        f"{lesson.name} shows {leak.answer} = {leak.value!r} as {leak.shown!r}: {leak.context}"
        for leak in found[:20]
    )
