"""A learner's check cell is one to three lines; its digests live in the notebook's metadata."""

from __future__ import annotations

import nbformat
import pytest

from grading.core.record import self_check_marker, strip_self_checks
from grading.verbs.selfcheck import SPECS_KEY, ClearHiddenTestsWithSelfCheck
from toolkit.checks import CheckFailed, expect
from toolkit.selfcheck import find_spec, use_specs

SETUP = "import pandas as pd\nfrom toolkit.checks import expect"
TEST = """expect.has_type(roas, "number", name="roas")
expect.in_range(
    roas, 1, 100, name="roas", hint="ROAS luôn lớn hơn 1."
)
### BEGIN HIDDEN TESTS
_kt_dt = 2_500_000
expect.number(roas, _kt_dt / 1_000_000, rel=1e-3, name="roas",
              mistakes={_kt_dt / 100_000: "Bạn quên đổi đơn vị."})
### END HIDDEN TESTS"""
TEST_KEEPS = """import math
expect.has_type(ti_le, "number", name="ti_le")
### BEGIN HIDDEN TESTS
expect.number(ti_le, math.sqrt(0.0625), name="ti_le")
### END HIDDEN TESTS"""


TEST_COMPUTED = """expect.one_of(kenh, sorted(["Zalo", "TikTok"]), name="kenh")
### BEGIN HIDDEN TESTS
expect.text(kenh, "Zalo", name="kenh")
### END HIDDEN TESTS"""


def _cell(source: str, grade_id: str, **nbgrader) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "locked": True, "schema_version": 3,
                                 "solution": False, "task": False, "grade": False, **nbgrader}  # fmt: skip
    return cell


def _leaves(value):
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [value]


def _learner_copy():
    nb = nbformat.v4.new_notebook(
        cells=[
            _cell(SETUP, "setup"),
            _cell(TEST, "kiem-tra-cau-4", grade=True, points=2),
            _cell(TEST_KEEPS, "kiem-tra-cau-5", grade=True, points=1),
            _cell(TEST_COMPUTED, "kiem-tra-cau-6", grade=True, points=1),
        ]
    )
    resources = {"nbgrader": {"assignment": "02-marketing", "notebook": "02-marketing"}}
    nb, _ = ClearHiddenTestsWithSelfCheck().preprocess(nb, resources)
    return nb


def test_a_check_cell_is_two_lines_and_holds_no_digest():
    nb = _learner_copy()
    cell = nb.cells[1].source
    assert cell.split("\n") == [self_check_marker(), 'expect.self_check(roas, "kiem-tra-cau-4")']
    assert "digests" not in cell
    assert "salt" not in cell
    spec = nb.metadata["hocso"][SPECS_KEY]["kiem-tra-cau-4"]
    assert spec["answer"]["digests"]
    assert spec["salt"]
    assert not {2.5, 25, "2.5", "25"} & set(_leaves(spec))  # no value, only digests
    # the visible public checks moved into the spec, as written
    assert [line.split("(")[0] for line in spec["public"]] == ["expect.has_type", "expect.in_range"]
    assert "ROAS luôn lớn hơn 1." in spec["public"][1]
    # an import the learner's later cells may rely on stays: three lines
    assert nb.cells[2].source.split("\n") == [
        "import math",
        self_check_marker(),
        'expect.self_check(ti_le, "kiem-tra-cau-5")',
    ]
    assert all(len(c.source.split("\n")) <= 3 for c in nb.cells[1:])
    # a computed argument moves as its source: the copy gains no value the source did not show
    assert nb.cells[3].source.split("\n")[1].startswith("expect.self_check(kenh")
    assert nb.metadata["hocso"][SPECS_KEY]["kiem-tra-cau-6"]["public"] == [
        'expect.one_of(kenh, sorted(["Zalo", "TikTok"]), name="kenh")'
    ]
    # the kernel's language_info is already there: opening the copy changes nothing
    assert nb.metadata["language_info"]["mimetype"] == "text/x-python"


def _run(cell: str, **names) -> None:
    """Run a cell's code as a kernel would, in a namespace of its own."""
    exec(compile(cell, "<ô>", "exec"), {"expect": expect, **names})


def test_the_short_cell_judges_from_the_notebook_beside_it(tmp_path, monkeypatch, capsys):
    nb = _learner_copy()
    nbformat.write(nb, tmp_path / "02-marketing.ipynb")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    use_specs(None)
    assert find_spec("kiem-tra-cau-4")["question"] == "kiem-tra-cau-4"
    _run(nb.cells[1].source, roas=2.5)
    out = capsys.readouterr().out
    assert "Kiểm tra sơ bộ đạt" in out  # the folded public checks ran first
    assert "✅ Chính xác!" in out
    with pytest.raises(CheckFailed, match="Bạn quên đổi đơn vị"):
        _run(nb.cells[1].source, roas=25)
    with pytest.raises(CheckFailed, match="ROAS luôn lớn hơn 1"):  # public check, first
        _run(nb.cells[1].source, roas=0.5)
    with pytest.raises(CheckFailed, match="Không tìm thấy dữ liệu tự kiểm tra"):
        expect.self_check(2.5, "kiem-tra-cau-99")


def test_the_session_notebook_wins_over_others_in_the_folder(tmp_path, monkeypatch):
    nb = _learner_copy()
    nbformat.write(nb, tmp_path / "bai.ipynb")
    other = _learner_copy()
    other.metadata["hocso"][SPECS_KEY]["kiem-tra-cau-4"]["name"] = "khac"
    nbformat.write(other, tmp_path / "ban-sao.ipynb")
    use_specs(None)
    monkeypatch.setenv("JPY_SESSION_NAME", "thu-muc/bai.ipynb")
    assert find_spec("kiem-tra-cau-4", tmp_path)["name"] == "roas"
    monkeypatch.setenv("JPY_SESSION_NAME", "thu-muc/ban-sao.ipynb")
    assert find_spec("kiem-tra-cau-4", tmp_path)["name"] == "khac"


def test_older_copies_with_the_spec_in_the_cell_still_work(capsys):
    nb = _learner_copy()
    spec = dict(nb.metadata["hocso"][SPECS_KEY]["kiem-tra-cau-4"])
    del spec["public"]  # copies built before held the public lines in the cell
    expect.self_check(2.5, spec)
    assert "✅" in capsys.readouterr().out


def test_strip_self_checks_knows_the_new_and_the_earlier_marker():
    nb = _learner_copy()
    assert strip_self_checks(nb.cells[2].source) == "import math"
    old = (
        "expect.has_type(x, 'number')\n# Tự kiểm tra: so bài làm với đáp án đã được mã hóa (bản "
        "này không chứa đáp án). Điểm chính thức do bài chấm của giảng viên quyết định.\n"
        "expect.self_check(x, {})"
    )
    assert strip_self_checks(old) == "expect.has_type(x, 'number')"


def test_digests_hold_no_digit_and_version_1_specs_still_compare(capsys):
    from toolkit.selfcheck import make_spec

    spec = make_spec("integer", (8016,), {"name": "n"}, question="q", salt="ab")
    assert spec["v"] == 2
    assert not any(ch.isdigit() for ch in "".join(spec["answer"]["digests"]))
    back = str.maketrans("abcdefghijklmnop", "0123456789abcdef")
    old = {**spec, "v": 1}  # as copies built before wrote it: hex digests
    old["answer"] = {
        **spec["answer"],
        "digests": [d.translate(back) for d in spec["answer"]["digests"]],
    }
    expect.self_check(8016, old)
    assert "✅" in capsys.readouterr().out
    with pytest.raises(CheckFailed):
        expect.self_check(8017, old)
