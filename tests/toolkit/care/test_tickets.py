"""Ticket KPIs on hand-built tickets with known answers (see conftest.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from toolkit import care
from toolkit.care import BusinessHours, CareDataError, vn_holidays

OFFICE = BusinessHours(holidays=vn_holidays(2026))


def _hours(series: pd.Series) -> dict[str, float]:
    return {k: (None if math.isnan(v) else round(v, 6)) for k, v in series.items()}


def test_first_response_bots_do_not_stop_the_clock(tickets, messages):
    frt = care.first_response_hours(tickets, messages)
    assert _hours(frt) == {"T1": 0.75, "T2": 65.0, "T3": 233.5, "T4": 0.5, "T5": None}
    with_bots = care.first_response_hours(tickets, messages, count_bots=True)
    assert with_bots["T1"] == pytest.approx(5 / 3600)
    assert with_bots["T5"] == pytest.approx(4 / 3600)


def test_first_response_in_business_hours_skips_weekend_and_tet(tickets, messages):
    frt = care.first_response_hours(tickets, messages, hours=OFFICE)
    assert _hours(frt) == {"T1": 0.75, "T2": 2.0, "T3": 2.5, "T4": 0.5, "T5": None}
    # without the 2026 holidays the five Tết weekdays count: 2 + 5 × 9 + 0.5
    no_holidays = care.first_response_hours(tickets, messages, hours=BusinessHours())
    assert no_holidays["T3"] == 47.5
    # counting the weekend as working days adds two full days to T2
    seven = BusinessHours(weekdays=tuple(range(7)), holidays=vn_holidays(2026))
    assert care.first_response_hours(tickets, messages, hours=seven)["T2"] == 20.0


def test_median_and_p90_ignore_unanswered_and_differ_from_mean(tickets, messages):
    frt = care.first_response_hours(tickets, messages)
    median, p90 = care.median_p90(frt)
    assert median == pytest.approx((0.75 + 65.0) / 2)
    assert p90 == pytest.approx(np.quantile([0.5, 0.75, 65.0, 233.5], 0.9))
    assert frt.mean() != pytest.approx(median)


def test_resolution_paused_while_waiting_and_reopen_policies(tickets, messages):
    paused = care.resolution_hours(tickets, messages)
    assert _hours(paused) == {"T1": 0.75, "T2": 65.0, "T3": 233.5, "T4": 1.5, "T5": None}
    running = care.resolution_hours(tickets, messages, pause_when_waiting=False)
    assert _hours(running) == {"T1": 1.0, "T2": 66.0, "T3": 234.0, "T4": 3.0, "T5": None}
    assert care.resolution_hours(tickets, reopen="continuous")["T4"] == 28.0
    assert care.resolution_hours(tickets, reopen="first")["T4"] == 1.0
    assert care.resolution_hours(tickets, reopen="pause")["T4"] == 3.0
    business = care.resolution_hours(tickets, messages, hours=OFFICE)
    assert _hours(business) == {"T1": 0.75, "T2": 2.0, "T3": 2.5, "T4": 1.5, "T5": None}


def test_resolution_properties(tickets, messages):
    calendar = care.resolution_hours(tickets, reopen="continuous")
    for options in ({"hours": OFFICE}, {"messages": messages}, {"reopen": "first"}):
        smaller = care.resolution_hours(tickets, **options)
        assert (smaller.dropna() <= calendar.dropna() + 1e-9).all()
        assert (smaller.dropna() >= 0).all()


def test_sla_breach_rate_counts_never_answered(tickets, messages):
    frt = care.first_response_hours(tickets, messages)
    assert care.sla_breach_rate(frt, 24) == pytest.approx(3 / 5)
    assert care.sla_breach_rate(frt, 24, unresolved="exclude") == pytest.approx(2 / 4)
    # a looser promise can only lower the breach rate
    rates = [care.sla_breach_rate(frt, h) for h in (1, 12, 24, 100, 1000)]
    assert rates == sorted(rates, reverse=True)


def test_chat_response_rate_per_marketplace(tickets, messages):
    # counted (≥ 2 customer messages): T1, T3, T4, T5; replied within 12 h: T1, T4
    assert care.chat_response_rate(tickets, messages, "shopee", as_of="2026-02-28") == 0.5
    with_bots = care.SHOPEE.replace(exclude_auto_replies=False)
    assert care.chat_response_rate(tickets, messages, with_bots, as_of="2026-02-28") == 0.75
    # TikTok Shop: every chat counts (1 message), 30-day window up to 28/2 holds only T3
    assert care.chat_response_rate(tickets, messages, "tiktok", as_of="2026-02-28") == 0.0
    detail = care.chat_response_detail(tickets, messages, "tiktok", as_of="2026-01-31")
    assert sorted(detail["ticket_id"]) == ["T1", "T2", "T4", "T5"]
    assert care.chat_response_rate(tickets, messages, "tiktok", as_of="2026-01-31") == 0.5
    # Lazada: same calendar day; T2 (Friday → Monday) fails, T1 and T4 pass
    lazada = care.chat_response_detail(tickets, messages, "lazada", as_of="2026-01-31")
    assert dict(zip(lazada["ticket_id"], lazada["replied"], strict=True)) == {
        "T1": True,
        "T4": True,
        "T2": False,
        "T5": False,
    }


def test_chat_rule_parameters_change_the_rate(tickets, messages):
    strict = care.SHOPEE.replace(reply_within_hours=0.6)
    assert care.chat_response_rate(tickets, messages, strict, as_of="2026-02-28") == 0.25
    short = care.SHOPEE.replace(window_days=7)  # no chat started in the last 7 days
    assert math.isnan(care.chat_response_rate(tickets, messages, short, as_of="2026-02-28"))
    assert care.chat_response_rate(tickets, messages, short, as_of="2026-01-10") == pytest.approx(
        2 / 3
    )


def test_fcr(tickets, messages):
    # resolved: T1, T2, T3 (one reply each), T4 reopened
    assert care.fcr(tickets, messages) == 0.75
    assert care.fcr(tickets, messages, max_replies=0) == 0.0


def test_backlog_recurrence(tickets):
    table = care.backlog(tickets)
    assert (
        table["backlog"] == (table["new"] + table["reopened"] - table["resolved"]).cumsum()
    ).all()
    assert table["backlog"].iloc[-1] == 1  # T5 is still open
    assert table.loc["2026-01-06", "backlog"] == 0  # T4 resolved the first time
    assert table.loc["2026-01-07", "backlog"] == 0  # reopened and resolved again that day
    assert table.loc["2026-01-09", "backlog"] == 2  # T5 and T2 open over the weekend
    weekly = care.backlog(tickets, freq="W")
    assert weekly["new"].sum() == 5


def test_kpi_table(tickets, messages):
    table = care.kpi_table(tickets, messages, by=None, sla_hours=24)
    row = table.iloc[0]
    assert row["tickets"] == 5
    assert row["unanswered"] == 1
    assert row["frt_median_h"] == pytest.approx(32.875)
    assert row["sla_breach_rate"] == pytest.approx(3 / 5)  # T2, T3, T5 (open)
    assert row["fcr"] == 0.75
    weekly = care.kpi_table(tickets, messages)
    assert weekly["tickets"].sum() == 5
    by_channel = care.kpi_table(tickets, messages, by="channel")
    assert by_channel.loc["Postmart", "tickets"] == 2


def test_slowest_tickets_put_never_answered_first(tickets, messages):
    slow = care.slowest_tickets(tickets, messages, n=3)
    assert slow["ticket_id"].tolist() == ["T5", "T3", "T2"]


# ---- bad input --------------------------------------------------------------------


def test_bad_timestamp_names_the_ticket(tickets, messages):
    tickets.loc[1, "resolved"] = "2026-13-45 25:00"
    with pytest.raises(CareDataError, match=r"Phiếu T2: cột 'resolved'.*2026-13-45"):
        care.resolution_hours(tickets)


def test_resolved_before_created_names_the_ticket(tickets):
    tickets.loc[2, "resolved"] = "2026-02-12 09:00:00"
    with pytest.raises(CareDataError, match=r"Phiếu T3.*sớm hơn lúc tạo phiếu"):
        care.check_tickets(tickets)


def test_unknown_author_names_the_ticket(tickets, messages):
    messages.loc[5, "author"] = "Quản lý"
    with pytest.raises(CareDataError, match="Phiếu T2: tin nhắn có người gửi 'Quản lý'"):
        care.first_response_hours(tickets, messages)


def test_author_case_and_spaces_are_accepted(tickets, messages):
    messages["author"] = messages["author"].str.upper() + " "
    assert care.first_response_hours(tickets, messages)["T1"] == 0.75


def test_message_of_an_unknown_ticket(tickets, messages):
    messages.loc[0, "ticket_id"] = "T99"
    with pytest.raises(CareDataError, match="phiếu T99"):
        care.fcr(tickets, messages)


def test_missing_created_and_duplicates_and_order(tickets):
    broken = tickets.copy()
    broken.loc[0, "created"] = None
    with pytest.raises(CareDataError, match="Phiếu T1: cột 'created' đang để trống"):
        care.check_tickets(broken)
    doubled = pd.concat([tickets, tickets.iloc[[0]]])
    with pytest.raises(CareDataError, match="T1 xuất hiện nhiều lần"):
        care.check_tickets(doubled)
    disorder = tickets.copy()
    disorder.loc[3, "reopened"] = "2026-01-08 10:00:00"
    with pytest.raises(CareDataError, match="Phiếu T4: thứ tự"):
        care.check_tickets(disorder)


def test_missing_column_is_named(tickets):
    with pytest.raises(CareDataError, match="thiếu cột 'resolved'"):
        care.check_tickets(tickets.drop(columns="resolved"))


def test_english_messages(monkeypatch, tickets):
    monkeypatch.setenv("HOCSO_LANG", "en")
    tickets.loc[2, "resolved"] = "2026-02-12 09:00:00"
    with pytest.raises(CareDataError, match="Ticket T3: 'resolved'"):
        care.check_tickets(tickets)


def test_datetime_input_equals_text_input(tickets, messages):
    typed = tickets.copy()
    for column in ("created", "first_resolved", "reopened", "resolved"):
        typed[column] = pd.to_datetime(typed[column])
    assert care.resolution_hours(typed, messages).equals(care.resolution_hours(tickets, messages))


def _rewrite_times(frame: pd.DataFrame, columns, kind: str) -> pd.DataFrame:
    """The same moments as naive local text, ``+07:00`` ISO text, UTC ``Z`` text or aware datetimes."""
    out = frame.copy()
    for column in columns:
        local = pd.to_datetime(out[column])
        if kind == "+07:00":
            out[column] = [
                None if pd.isna(v) else v.strftime("%Y-%m-%dT%H:%M:%S+07:00") for v in local
            ]
        elif kind == "UTC":
            utc = local - pd.Timedelta(hours=7)
            out[column] = [None if pd.isna(v) else v.strftime("%Y-%m-%dT%H:%M:%SZ") for v in utc]
        elif kind == "aware":
            out[column] = local.dt.tz_localize("Asia/Ho_Chi_Minh").dt.tz_convert("UTC")
    return out


@pytest.mark.parametrize("kind", ["+07:00", "UTC", "aware"])
def test_time_zones_give_the_same_answers_as_local_times(tickets, messages, kind):
    tix = _rewrite_times(tickets, ["created", "first_resolved", "reopened", "resolved"], kind)
    msgs = _rewrite_times(messages, ["sent"], kind)
    for hours in (None, OFFICE):
        expected = care.first_response_hours(tickets, messages, hours=hours)
        got = care.first_response_hours(tix, msgs, hours=hours)
        assert _hours(got) == _hours(expected)
        expected = care.resolution_hours(tickets, messages, hours=hours)
        assert _hours(care.resolution_hours(tix, msgs, hours=hours)) == _hours(expected)
    assert care.backlog(tix).equals(care.backlog(tickets))


def test_mixed_naive_and_aware_times_are_refused_naming_the_column(tickets):
    mixed = tickets.copy()
    mixed.loc[2, "created"] = "2026-02-13T08:00:00Z"
    with pytest.raises(CareDataError, match=r"Cột 'created' trộn .* dòng 2"):
        care.check_tickets(mixed)


@pytest.mark.parametrize(
    "as_of", ["2026-03-01", "2026-03-01T00:00:00+07:00", "2026-02-28T17:00:00Z"]
)
def test_reference_times_follow_the_time_zone_rule(tickets, messages, as_of):
    expected = care.chat_response_rate(tickets, messages, as_of="2026-03-01")
    assert care.chat_response_rate(tickets, messages, as_of=as_of) == expected
    assert care.backlog(tickets, until=as_of).equals(care.backlog(tickets, until="2026-03-01"))
    with pytest.raises(CareDataError, match="as_of"):
        care.chat_response_rate(tickets, messages, as_of="hôm qua")
