"""Rubrics: one column order and one voice; numbers from the data, never in the learner's copy.

Issue 23: the learner's copy of a written question shows criteria and levels
but no graded value; the trainer's copy computes the reference numbers and the
model answer from the data each time it runs (``tham-chieu-*`` cells), and
the stories those model answers tell are asserted here, so a change of the
data that would make a rubric wrong fails this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.courses._answers import graded_answers, leaks
from tests.courses._nbrun import nbgrader_meta, read_cells, run_cells, source

from .conftest import ASSIGNMENTS, REPO

HEADER = "| Tiêu chí | 0 điểm | ½ điểm | 1 điểm |"
SOURCES = sorted(REPO.glob("courses/*/source/*/*.ipynb"))
REFERENCE = {
    "00-lam-quen": "tham-chieu-cau-9",
    "02-marketing": "tham-chieu-cau-12",
    "04-livestream": "tham-chieu-cau-13",
}


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _rubric_tables(cells) -> list[str]:
    return [
        line.strip()
        for cell in cells
        if cell["cell_type"] == "markdown" and "Thang chấm" in source(cell)
        for line in source(cell).splitlines()
        if line.startswith("| Tiêu chí")
    ]


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_every_rubric_has_one_column_order(path):
    tables = _rubric_tables(read_cells(path))
    manual = [
        c
        for c in read_cells(path)
        if c["cell_type"] == "markdown" and nbgrader_meta(c).get("grade")
    ]
    assert len(tables) == len(manual), "each written question has one rubric table"
    assert set(tables) == {HEADER}, tables


def _model_text(cells) -> str:
    """The text of model answers: written answers' solutions and reference cells."""
    parts = []
    for cell in cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and (
            cell["cell_type"] == "markdown" or "tham-chieu" in meta.get("grade_id", "")
        ):
            parts.append(source(cell))
        elif cell["cell_type"] == "markdown" and "Thang chấm" in source(cell):
            parts.append(source(cell))
    return "\n".join(parts)


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_model_answers_speak_with_one_voice(path):
    # the learner writes to the trainer: "em", never "tôi" (a customer reply speaks as "shop")
    text = _model_text(read_cells(path))
    assert not re.search(r"\b[Tt]ôi\b", text), re.findall(r".{40}\b[Tt]ôi\b.{40}", text)


@pytest.mark.slow
@pytest.mark.parametrize(("course_id", "assignment"), ASSIGNMENTS)
def test_learner_copy_shows_no_graded_value(built_courses, course_id, assignment):
    (source_path,) = sorted((REPO / "courses" / course_id / "source" / assignment).glob("*.ipynb"))
    answers = graded_answers(source_path)
    (release,) = sorted((built_courses[course_id] / "release" / assignment).glob("*.ipynb"))
    shown = [source(c) for c in read_cells(release) if c["cell_type"] == "markdown"]
    found = leaks(answers, shown)
    assert not found, "\n".join(
        f"{x.answer} = {x.value!r} shown as {x.shown!r}: {x.context}" for x in found
    )


EXPECTED_NAMED = {
    "00-lam-quen": {"ti_le_khong_thanh", "doanh_thu_mat", "loi_nhuan_theo_kenh"},
    "02-marketing": {
        "roas_theo_kenh",
        "loi_nhuan_theo_kenh",
        "roas_hoa_von_tiktok",
        "phan_bo",
        "p_cuoi",
    },
    "04-livestream": {"gpm", "nguoi_xem_tb", "nguoi_xem_cao_nhat"},
}


def _source(assignment: str) -> Path:
    (path,) = sorted((REPO / "courses" / "kinh-doanh-so" / "source" / assignment).glob("*.ipynb"))
    return path


def _built_reference(built_courses, assignment: str) -> str:
    """What ``hocso build`` kept for the trainer: the reference text of the written answer."""
    from grading.core.references import answer_id, read_references

    texts = read_references(built_courses["kinh-doanh-so"], assignment, _source(assignment).name)
    return texts[answer_id(REFERENCE[assignment])]


@pytest.mark.slow
@pytest.mark.parametrize("assignment", sorted(REFERENCE))
def test_reference_numbers_are_the_data_s(built_courses, assignment):
    # the reference `hocso build` computed prints the graded values themselves, from the data
    answers = graded_answers(_source(assignment))
    printed = _built_reference(built_courses, assignment)
    named = {leak.answer for leak in leaks(answers, [printed])}
    expected = EXPECTED_NAMED[assignment]
    assert expected <= named, f"the reference does not print {sorted(expected - named)}"
    assert "BÀI MẪU" in printed


def _typed_text(cells) -> list[str]:
    """Text typed by hand around a written answer: rubric markdown and the reference
    cells' string literals (f-string parts included; the values they format are computed)."""
    import ast

    typed = []
    for cell in cells:
        if cell["cell_type"] == "markdown" and "Thang chấm" in source(cell):
            typed.append(source(cell))
        elif cell["cell_type"] == "code" and str(
            nbgrader_meta(cell).get("grade_id", "")
        ).startswith("tham-chieu-"):
            tree = ast.parse(source(cell))
            typed.extend(
                node.value
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
            )
    return typed


WITH_REFERENCES = sorted({*REFERENCE, "01-anh-san-pham"})


@pytest.mark.slow
@pytest.mark.parametrize("assignment", WITH_REFERENCES)
def test_no_graded_number_is_typed_by_hand(assignment):
    # a number a rubric or model answer states is formatted from the data, never typed:
    # a typed copy of a graded value goes stale when the data change
    path = _source(assignment)
    typed = _typed_text(read_cells(path))
    assert any("BÀI MẪU" in t for t in typed)  # the literals were found
    found = leaks(graded_answers(path), typed)
    assert not found, "\n".join(f"{x.answer} = {x.value!r} typed as {x.shown!r}" for x in found)


def _thin(frame, every: int = 9):
    """``frame`` without every ``every``-th row: other data, same shape of story."""
    import numpy as np

    keep = np.arange(len(frame)) % every != every - 1
    return frame[keep].reset_index(drop=True)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", sorted(REFERENCE))
def test_reference_numbers_follow_a_change_of_the_data(monkeypatch, assignment):
    # change the data: the reference text changes, and still states the graded values of
    # the changed data, so no number in it was typed for the old data
    import toolkit.data
    import toolkit.livestream

    path = _source(assignment)
    before = run_cells(read_cells(path))[REFERENCE[assignment]].stdout

    load, load_log = toolkit.data.load, toolkit.livestream.load_log

    def changed(name: str):
        frame = load(name)
        if name == "products":  # the catalogue stays: orders refer to it
            return frame
        if name == "touchpoints":  # journeys of the orders that remain
            kept = _thin(load("orders"))["order_id"]
            return frame[frame["order_id"].isin(kept)].reset_index(drop=True)
        return _thin(frame)

    monkeypatch.setattr(toolkit.data, "load", changed)

    def changed_log():
        # every 9th visit that bought nothing, gone with all its events
        log = load_log()
        buyers = log.loc[log["event"] == "order", "view_id"]
        visits = log.loc[(log["view_id"] != "") & ~log["view_id"].isin(buyers), "view_id"]
        gone = visits.drop_duplicates().iloc[::9]
        return log[~log["view_id"].isin(gone)].reset_index(drop=True)

    monkeypatch.setattr(toolkit.livestream, "load_log", changed_log)
    outcome = run_cells(read_cells(path))[REFERENCE[assignment]]
    assert outcome.status == "passed", outcome.message
    after = outcome.stdout
    assert after != before
    answers = graded_answers(path)
    named = {leak.answer for leak in leaks(answers, [after])}
    expected = EXPECTED_NAMED[assignment]
    assert expected <= named, f"after the change, the reference misses {sorted(expected - named)}"


@pytest.mark.slow
def test_photo_references_are_built_for_both_written_answers(built_courses):
    from grading.core.references import read_references

    texts = read_references(built_courses["kinh-doanh-so"], "01-anh-san-pham", "01-anh-san-pham")
    assert set(texts) == {"cau-8", "cau-9"}
    assert all("BÀI MẪU" in text for text in texts.values())
    # the model answer quotes the audit's own figures for the photos it names
    from toolkit import photo

    folder = photo.shop_folder()
    a07 = photo.audit(folder / "anh-07.jpg", rules="postmart")
    a09 = photo.audit(folder / "anh-09.jpg", rules="postmart")
    assert a07["exposure"].measured in texts["cau-8"]
    assert a09["square"].measured in texts["cau-8"]


def test_photo_model_answer_story_holds():
    """What the 01 model answers say in words is what the audit says of the photos."""
    from toolkit import photo

    folder = photo.shop_folder()
    cover = {n: photo.audit(folder / n, rules="postmart") for n in ("anh-02.jpg", "anh-07.jpg", "anh-09.jpg")}  # fmt: skip
    assert [n for n, a in cover.items() if a.passed] == ["anh-02.jpg"]  # "Em chọn anh-02.jpg"
    assert cover["anh-07.jpg"].decision == "chụp lại"  # "nên phải chụp lại"
    assert "exposure" in cover["anh-07.jpg"].failed_rules  # "sản phẩm trắng xóa"
    assert cover["anh-09.jpg"].failed_rules == ("square",)  # "chỉ cần thêm viền trắng"
    fixed, _ = photo.auto_fix(photo.read_photo(folder / "anh-09.jpg"), rules="postmart")
    assert photo.audit(fixed, rules="postmart").passed
    # câu 9's fallback photo: fixable, and passes after fixing ("ảnh đạt mọi tiêu chí")
    own = photo.audit(folder / "anh-04.jpg", rules="postmart")
    assert own.decision == "sửa"
    fixed, how = photo.auto_fix(photo.read_photo(folder / "anh-04.jpg"), rules="postmart")
    assert "white_balance" in how  # "auto_fix đã cân bằng trắng"
    assert photo.audit(fixed, rules="postmart").passed


def test_photo_fix_question_needs_the_re_audit():
    """01 câu 7: some fixable photo still fails after auto_fix, so skipping the re-audit is wrong."""
    from toolkit import photo

    folder = photo.shop_folder()
    table = photo.audit_folder(folder, rules="postmart", progress=False)
    fixable = [
        f
        for f, rules, ok in zip(table["file"], table["failed_rules"], table["passed"], strict=True)
        if not ok and not photo.RESHOOT_RULES & set(rules.split(";"))
    ]
    after = {
        f: photo.audit(
            photo.auto_fix(photo.read_photo(folder / f), rules="postmart")[0], rules="postmart"
        ).passed
        for f in fixable
    }
    assert any(after.values())  # fixing is worth it
    assert not all(after.values())  # and checking again is too


def test_warm_up_model_answer_story_holds():
    """What the 00 model answer says in words is what the data say."""
    from toolkit import data

    orders = data.load("orders")
    failed = orders["status"] != "Đã giao"
    by_payment = failed.groupby(orders["payment"]).mean()
    assert by_payment.idxmax() == "COD"  # "gọi điện xác nhận mọi đơn COD"
    assert by_payment["Chuyển khoản"] < by_payment["COD"] / 3
    by_channel = failed.groupby(orders["channel"]).mean()
    assert (
        by_channel["Postmart"] < by_channel["Facebook"]
    )  # "chỉ … đơn Postmart …, so với … Facebook"
    delivered, returned = orders[~failed], orders[orders["status"] == "Hoàn trả"]
    profit = (
        delivered["revenue_vnd"]
        - delivered["goods_cost_vnd"]
        - delivered["shipping_fee_vnd"]
        - delivered["channel_fee_vnd"]
    ).groupby(delivered["channel"]).sum() - returned["shipping_fee_vnd"].groupby(
        returned["channel"]
    ).sum()
    assert profit.idxmax() == "Postmart"
    # the question's sort is tested only if the channels' own order is not the ranking
    assert list(profit.sort_values(ascending=False).index) != list(profit.sort_index().index)


def test_marketing_model_answer_story_holds():
    """What the 02 model answer says in words is what the data say."""
    from toolkit import data, marketing

    kenh = marketing.kpi_table(
        data.load("campaigns"), by="channel", cogs="cogs_vnd", fees="fees_vnd"
    )
    assert kenh.index[kenh["profit_vnd"] < 0].tolist() == ["TikTok"]  # "cắt mạnh TikTok … lỗ"
    assert kenh.loc["TikTok", "roas"] < kenh.loc["TikTok", "break_even_roas"]
    assert kenh["roas"].idxmax() == "TikTok"  # "trông hiệu quả nhất", the weak answer's pick
    assert kenh["profit_vnd"].idxmax() == "Postmart"  # "Postmart lãi nhiều nhất"
    pb = marketing.attribution_table(
        data.load("touchpoints"),
        data.load("orders"),
        by="campaign",
        models=["last_click", "first_click"],
    )
    assert pb["first_click"].idxmax() == "fb-video-tet"  # Facebook opens journeys
    assert (
        pb.loc["zalo-nhac-gio-hang", "last_click"] > 5 * pb.loc["zalo-nhac-gio-hang", "first_click"]
    )
    assert pb["last_click"].idxmin() == "fb-video-tet"  # the weak answer cuts Facebook
    gc = marketing.retention_matrix(data.load("member_orders"))[1].dropna()
    assert gc.idxmin() == "2025-11"  # the 11.11 cohort keeps fewest
    dem = marketing.ab_counts(data.load("ab_test"))
    p = marketing.ztest_two_proportions(
        int(dem.loc["B", "conversions"]), int(dem.loc["B", "visitors"]),
        int(dem.loc["A", "conversions"]), int(dem.loc["A", "visitors"]),
    ).p_value  # fmt: skip
    assert p > 0.05  # "trang B chưa tốt hơn một cách đáng tin"


def test_livestream_model_answer_story_holds():
    """What the 04 model answer says in words is what the log and the simulator say."""
    from toolkit import livestream

    log = livestream.load_log()
    m = livestream.session_metrics(log)
    orders = log.loc[log["event"] == "order", "time"]
    assert m["orders"] == 15  # the session sold out its 15 jars ("chỉ có … hũ và hết")
    assert ((log["event"] == "click") & (log["time"] > orders.max())).sum() > 0
    plan = livestream.LiveParams(duration_min=90, stock=30, flash_start_min=60)
    profit = livestream.sweep(
        plan.with_(stock=200),
        "discount",
        [0.0, 0.1, 0.2, 0.3],
        metric="profit_vnd",
        n_runs=1000,
        seed=2026,
    )
    assert profit["mean"].idxmax() < 0.1  # "chỉ giảm giá trong flash sale"


def test_care_reply_quotes_the_review_it_names():
    """03 câu 11 quotes a real 1★ review of the honey it names (DG0167 was a 5★ tea review)."""
    from toolkit import data

    (path,) = sorted(
        (REPO / "courses" / "kinh-doanh-so" / "source" / "03-cham-soc-khach-hang").glob("*.ipynb")
    )
    (cell,) = [c for c in read_cells(path) if nbgrader_meta(c).get("grade_id") == "cau-11-md"]
    text = source(cell)
    review_id = re.search(r"`(DG\d{4})`", text).group(1)
    quote = re.search(r"^> (.+)$", text, re.MULTILINE).group(1).strip()
    reviews = data.load("reviews").set_index("review_id")
    products = data.load("products").set_index("product_id")
    row = reviews.loc[review_id]
    assert row["text"] == quote
    assert f"({row['stars']} sao)" in text
    assert products.loc[row["product_id"], "name"] in text
