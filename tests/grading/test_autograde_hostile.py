"""Classes 1, 5, 6 through the real trainer commands: ``hocso autograde`` and ``hocso feedback``."""

from __future__ import annotations

import base64
import itertools
import json
import re
import time

import pytest

from grading.verbs.autograde import autograde
from grading.verbs.feedback import feedback, hidden_text_in
from grading.verbs.release import release

from .executor._require import need_root

A = "00-lam-quen"
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]


def _cells(nb):
    return {c["metadata"].get("nbgrader", {}).get("grade_id"): c for c in nb["cells"]}


_IDS = itertools.count(1)


def _new(cell_type, source, metadata=None):
    cell = {
        "cell_type": cell_type,
        "id": f"moi-{next(_IDS)}",
        "metadata": metadata or {},
        "source": source,
    }
    if cell_type == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _submit(cohort, learner, nb):
    folder = cohort.folder("submitted", learner, A)
    folder.mkdir(parents=True)
    (folder / f"{A}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), "utf-8")
    (folder / "timestamp.txt").write_text("2026-01-01 08:00:00.000000 UTC")


@pytest.fixture
def graded(cohort):
    need_root()
    release(A, cohort=cohort)
    solved = json.loads((cohort.root / "source" / A / f"{A}.ipynb").read_text("utf-8"))

    def variant(edit):
        nb = json.loads(json.dumps(solved))
        edit(nb)
        return nb

    def forged_locked(nb):
        cell = _cells(nb)["cau-1"]
        cell["source"] = "from numpy import ndim as len\ntien_khach_tra = 'sai'"
        cell["metadata"]["nbgrader"]["locked"] = True

    def tests_removed(nb):
        cells = _cells(nb)
        cells["cau-1"]["source"] = "tien_khach_tra = 'sai'"
        for grade_id, cell in cells.items():
            if grade_id and grade_id.startswith("kiem-tra"):
                cell["source"] = "pass"
                cell["metadata"]["nbgrader"]["points"] = 100

    def promoted(nb):
        meta = _cells(nb)["cau-2"]["metadata"]["nbgrader"]
        meta.update(grade=True, points=50)
        nb["cells"].append(_new("code", "print('điểm cộng')", {"nbgrader": {
            "grade": True, "grade_id": "thuong", "locked": True, "points": 99, "solution": False,
            "schema_version": 3}}))  # fmt: skip

    def duplicated(nb):
        index = next(i for i, c in enumerate(nb["cells"])
                     if c["metadata"].get("nbgrader", {}).get("grade_id") == "cau-1")  # fmt: skip
        copy = json.loads(json.dumps(nb["cells"][index]))
        copy["source"] = "tien_khach_tra = 'sai'"
        copy["id"] = "ban-sao"
        nb["cells"].insert(index, copy)  # an earlier, wrong copy of the same grade id
        nb["cells"].insert(0, _new("code", "x = 1", {"nbgrader": {"locked": True}}))

    def html(nb):
        answer = _cells(nb)["cau-1"]
        answer["source"] = "# ### BEGIN HIDDEN TESTS (chỉ là ghi chú)\n" + "".join(answer["source"])
        nb["cells"].append(
            _new("markdown", "<img src=x onerror=alert(1)> [bấm](javascript:alert(2))")
        )
        nb["cells"].append(
            _new(
                "code",
                "from IPython.display import HTML\n"
                "HTML('<iframe srcdoc=\"<script>alert(3)</script>\"></iframe>ok')",
            )
        )

    def many(nb):
        nb["cells"][1:1] = [_new("code", f"v{i} = {i}") for i in range(2000)]

    learners = {
        "giai": lambda nb: None,
        "khoa-gia": forged_locked,
        "sua-test": tests_removed,
        "thang-cap": promoted,
        "nhan-doi": duplicated,
        "html": html,
        "nhieu-o": many,
    }
    for learner, edit in learners.items():
        _submit(cohort, learner, variant(edit))
    started = time.perf_counter()
    result = autograde(A, cohort=cohort)
    seconds = time.perf_counter() - started
    return cohort, {r.learner: r for r in result.rows}, seconds


def test_hostile_submissions_are_graded_fairly(graded):
    cohort, rows, _ = graded
    assert {k: r.status for k, r in rows.items()} == dict.fromkeys(rows, "graded"), {
        k: r.reason for k, r in rows.items()
    }
    top = rows["giai"].max_score  # 11 autograded points + the written task's 3
    full = rows["giai"].score
    assert (full, top) == (11, 14)
    # forged `locked`: its imports never run on the trusted side; in the learner's own
    # namespace `len` is numpy's ndim, so cau-1 (wrong) and cau-2 (len(da_giao)) fail
    assert rows["khoa-gia"].score == full - 2
    assert rows["sua-test"].score == full - 1  # tests restored from the gradebook: cau-1 fails
    assert rows["sua-test"].max_score == top
    assert rows["sua-test"].tampered  # reported
    assert rows["thang-cap"].score == full
    assert rows["thang-cap"].max_score == top
    # forged metadata is undone for grading and named in the report
    assert {"cau-2", "thuong"} <= set(rows["thang-cap"].tampered)
    assert "cau-1" in rows["khoa-gia"].tampered  # an answer cell claimed to be locked
    assert rows["nhan-doi"].score == full  # the last copy of cau-1 counts, no KeyError
    assert rows["nhieu-o"].score == full
    nb = json.loads((cohort.folder("autograded", "html", A) / f"{A}.ipynb").read_text("utf-8"))
    rendered = json.dumps(
        [c.get("outputs", []) for c in nb["cells"]]
        + [c["source"] for c in nb["cells"] if c["cell_type"] == "markdown"]
    )  # what gets rendered
    for bad in ("onerror", "javascript:", "srcdoc", "<script"):
        assert bad not in rendered, bad


def test_feedback_pages_hold_no_active_html(graded):
    cohort, _, _ = graded
    result = feedback(A, cohort=cohort, learners=["html", "giai"], release=False,
                      include_pending=True)  # fmt: skip
    assert [r.status for r in result.rows] == ["generated", "generated"], result.rows
    (page,) = result.rows[1].files
    text = page.read_text("utf-8")
    assert "<iframe" not in text
    assert 'href="javascript:' not in text
    assert not re.search(r"<[^>]*(alert\(|onerror)", text)  # no tag carries the attack


def test_leak_scan_sees_encoded_hidden_text():
    secret = '_kt_giao = _kt_don[_kt_don["status"] == "Đã giao"]'
    for shown in (base64.b64encode(secret.encode()).decode(), secret.encode().hex(),
                  secret[::-1], base64.urlsafe_b64encode(secret.encode()).decode()):  # fmt: skip
        assert hidden_text_in(f"<pre>{shown}</pre>", {secret}) == [secret], shown
    assert hidden_text_in("<pre>plain output</pre>", {secret}) == []
