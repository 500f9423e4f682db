"""Metrics on hand-built logs, the log round trip, log validation and the bundled dataset."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from toolkit import livestream
from toolkit.data._generate import to_csv_bytes
from toolkit.livestream import METRICS, LiveParams, _datasets, session_metrics, simulate, to_log
from toolkit.livestream.log import log_bytes, read_log

HEADER = "session_id,time,view_id,viewer_id,event,product_id,price_vnd,text\n"


def _log(rows: str) -> str:
    return HEADER + "".join(f"S,{row}\n" for row in rows.strip().splitlines())


TINY = _log(
    """
2026-03-07 20:00:00,,,start,,0,
2026-03-07 20:00:00,L1,A,join,,0,
2026-03-07 20:01:00,L2,B,join,,0,
2026-03-07 20:01:30,L1,A,click,SP001,0,
2026-03-07 20:01:40,L1,A,order,SP001,166500,
2026-03-07 20:02:00,L2,B,comment,,0,Giá bao nhiêu vậy shop?
2026-03-07 20:03:00,L1,A,leave,,0,
2026-03-07 20:04:00,L3,A,join,,0,
2026-03-07 20:05:00,L2,B,click,SP001,0,
2026-03-07 20:10:00,,,end,,0,
"""
)


def test_metrics_of_a_tiny_log_by_hand():
    m = session_metrics(read_log(io.StringIO(TINY)))
    # L1 0–3 min, L2 1–10 min (no leave row: leaves at the end), L3 4–10 min
    assert m["duration_min"] == 10.0
    assert (m["views"], m["unique_viewers"], m["peak_viewers"]) == (3, 2, 2)
    assert m["avg_viewers"] == pytest.approx((3 + 9 + 6) / 10)
    assert m["avg_watch_min"] == pytest.approx(18 / 3)
    assert (m["product_clicks"], m["orders"], m["gmv_vnd"]) == (2, 1, 166500)
    assert m["ctr"] == pytest.approx(2 / 3)
    assert m["ctor"] == pytest.approx(1 / 2)
    assert m["gpm_vnd"] == pytest.approx(166500 * 1000 / 3)
    assert m["value_per_viewer_vnd"] == pytest.approx(166500 / 2)
    assert m["comments_per_min"] == pytest.approx(0.1)
    assert list(m) == list(METRICS)


def test_minute_table_of_a_tiny_log():
    table = livestream.minute_table(read_log(io.StringIO(TINY)))
    assert len(table) == 10
    assert table["new_viewers"].tolist() == [1, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    assert table["viewers"].tolist()[:5] == [1.0, 2.0, 2.0, 1.0, 2.0]
    assert table["orders"].sum() == 1
    assert table["gmv_vnd"].sum() == 166500


@pytest.mark.parametrize(
    "params",
    [
        LiveParams(duration_min=45, flash_start_min=20, stock=8),
        LiveParams(duration_min=30, flash_start_min=None, watch_dist="pareto"),
    ],
)
def test_log_metrics_equal_the_simulators_own(tmp_path, params):
    run = simulate(params, seed=3)
    log = to_log(run, start="2026-03-07 20:00:00")
    path = tmp_path / "phien.csv"
    livestream.write_log(log, path)
    again = read_log(path)
    own = {key: run.metrics[key] for key in METRICS}
    assert session_metrics(log) == own
    assert session_metrics(again) == own
    assert session_metrics(run) == run.metrics
    table = livestream.minute_table(again)
    assert table["orders"].tolist() == run.minutes["orders"].tolist()
    assert table["viewers"].to_numpy() == pytest.approx(run.minutes["viewers"].to_numpy())
    assert path.read_bytes() == log_bytes(again)


def _broken(old: str, new: str) -> io.StringIO:
    assert old in TINY
    return io.StringIO(TINY.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("L1,A,click", "L1,A,klick", "dòng 5: loại sự kiện “klick”"),
        ("2026-03-07 20:05:00", "07/03/2026 20:05", "dòng 10: thời điểm “07/03/2026 20:05”"),
        ("SP001,166500", "SP001,166.500đ", "dòng 6, cột `price_vnd`"),
        ("2026-03-07 20:10:00,,,end", "2026-03-07 20:10:00,,,start", "2 dòng start và 0 dòng end"),
        ("20:05:00,L2", "20:15:00,L2", "dòng 10: sự kiện lúc 2026-03-07 20:15:00 nằm ngoài"),
        (
            "20:01:30,L1",
            "20:01:30,L9",
            "dòng 5: lượt xem “L9” có sự kiện nhưng không có dòng “join”",
        ),
        ("20:05:00,L2,B,click", "20:05:00,L1,A,click", "dòng 10: lượt xem “L1” có sự kiện sau"),
        ("20:04:00,L3,A,join", "20:04:00,L1,A,join", "dòng 9: lượt xem “L1” có hai dòng “join”"),
    ],
)
def test_broken_logs_name_the_line(old, new, fragment):
    with pytest.raises(ValueError, match=fragment):
        read_log(_broken(old, new))


def test_missing_column_is_named():
    text = TINY.replace(",view_id", ",view").replace("\n", "\n", 1)
    with pytest.raises(ValueError, match="thiếu cột view_id"):
        read_log(io.StringIO(text))


def test_metrics_refuse_other_types():
    with pytest.raises(TypeError, match="nhật ký phiên live"):
        session_metrics([1, 2, 3])


def test_bundled_dataset_is_reproducible_and_on_disk():
    first = _datasets.generate()
    second = _datasets.generate()
    assert list(first) == list(_datasets.SCHEMAS)
    for name, frame in first.items():
        assert list(frame.columns) == list(_datasets.SCHEMAS[name])
        assert to_csv_bytes(frame) == to_csv_bytes(second[name])
        assert to_csv_bytes(frame) == _datasets.DATA_FILES[name].read_bytes()


def test_bundled_log_tells_its_story():
    log = livestream.load_log()
    assert set(log["product_id"].unique()) == {"", "SP001"}
    assert log["time"].iloc[0] == pd.Timestamp("2026-02-28 20:00:00")
    m = session_metrics(log)
    assert m["duration_min"] == 90.0
    assert m["orders"] == _datasets.SESSION["stock"]  # it sold out
    # people still watching at the end have no leave row, as in a real export
    counts = log["event"].value_counts()
    assert counts["leave"] < counts["join"]
    assert m["peak_viewers"] > m["avg_viewers"]
    assert m["views"] > m["unique_viewers"]


def test_gpm_is_ctr_times_ctor_times_aov_times_1000():
    """DOMAIN.md §4: GPM = GMV × 1000 / views = CTR × CVR × AOV × 1000 (CVR = CTOR here)."""
    m = session_metrics(livestream.load_log())
    aov = m["gmv_vnd"] / m["orders"]
    assert m["gpm_vnd"] == pytest.approx(m["ctr"] * m["ctor"] * aov * 1000, rel=1e-12)
    assert m["avg_viewers"] == pytest.approx(m["avg_watch_min"] * m["views"] / m["duration_min"])


def _in_zone(log_text: str, kind: str) -> str:
    """TINY with every time written as UTC ``Z`` or with ``+07:00``."""
    lines = log_text.splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        session, time, rest = line.split(",", 2)
        local = pd.Timestamp(time)
        if kind == "UTC":
            stamp = (local - pd.Timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            stamp = local.strftime("%Y-%m-%dT%H:%M:%S+07:00")
        out.append(f"{session},{stamp},{rest}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("kind", ["UTC", "+07:00"])
def test_aware_log_times_give_the_same_minutes(kind):
    local = read_log(io.StringIO(TINY))
    aware = read_log(io.StringIO(_in_zone(TINY, kind)))
    assert aware["time"].tolist() == local["time"].tolist()
    assert session_metrics(aware) == session_metrics(local)
    assert livestream.minute_table(aware).equals(livestream.minute_table(local))


def test_mixed_time_zones_in_a_log_are_refused():
    lines = TINY.splitlines()
    lines[3] = lines[3].replace("2026-03-07 20:01:00", "2026-03-07T13:01:00Z")
    with pytest.raises(ValueError, match="Cột 'time' trộn"):
        read_log(io.StringIO("\n".join(lines) + "\n"))
