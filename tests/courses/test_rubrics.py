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


def _reference_output(assignment: str) -> str:
    (path,) = sorted((REPO / "courses" / "kinh-doanh-so" / "source" / assignment).glob("*.ipynb"))
    outcomes = run_cells(read_cells(path))
    result = outcomes[REFERENCE[assignment]]
    assert result.status == "passed", result.message
    return result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("assignment", sorted(REFERENCE))
def test_reference_numbers_are_the_data_s(assignment):
    # the trainer's reference prints the graded values themselves, computed from the data
    (path,) = sorted((REPO / "courses" / "kinh-doanh-so" / "source" / assignment).glob("*.ipynb"))
    answers = graded_answers(path)
    printed = _reference_output(assignment)
    named = {leak.answer for leak in leaks(answers, [printed])}
    expected = {
        "00-lam-quen": {"ti_le_khong_thanh", "doanh_thu_mat", "loi_nhuan_theo_kenh"},
        "02-marketing": {
            "roas_theo_kenh",
            "loi_nhuan_theo_kenh",
            "roas_hoa_von_tiktok",
            "phan_bo",
            "p_cuoi",
        },
        "04-livestream": {"gpm", "nguoi_xem_tb", "nguoi_xem_cao_nhat"},
    }[assignment]
    assert expected <= named, f"the reference does not print {sorted(expected - named)}"
    assert "BÀI MẪU" in printed


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
