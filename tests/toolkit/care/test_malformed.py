"""Malformed tickets, messages and survey answers: one Vietnamese error naming the ticket or row.

Starting from the hand-built tables of ``conftest.py``, one cell is broken at
a row drawn by a seeded generator; every public KPI must refuse the table
with :class:`CareDataError` (tickets, messages) or ``ValueError`` (surveys)
naming the ticket or row and the column, never a raw pandas error and never
a silent number.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import pytest

from toolkit import care
from toolkit.care import CareDataError

KPIS = {
    "first_response_hours": lambda t, m: care.first_response_hours(t, m),
    "resolution_hours": lambda t, m: care.resolution_hours(t, m, hours=care.OFFICE_HOURS),
    "kpi_table": lambda t, m: care.kpi_table(t, m),
    "chat_response_rate": lambda t, m: care.chat_response_rate(t, m, as_of="2026-03-01"),
    "fcr": lambda t, m: care.fcr(t, m),
    "backlog": lambda t, m: care.backlog(t),
}

TICKET_BREAKS = {
    "created": ("not_time", "mixed_tz", "missing"),
    "resolved": ("not_time", "mixed_tz", "before_created"),
    "ticket_id": ("duplicate",),
}
MESSAGE_BREAKS = {"sent": ("not_time", "mixed_tz", "missing"), "author": ("unknown",)}


def _break(frame: pd.DataFrame, column: str, kind: str, row: int) -> pd.DataFrame:
    out = frame.copy()
    out[column] = out[column].astype(object)
    value = {
        "not_time": "hôm qua lúc 9 giờ",
        "mixed_tz": "2026-01-05T02:00:00Z",
        "missing": None,
        "unknown": "admin",
        "duplicate": out[column].iloc[row - 1],
        "before_created": "2025-01-01 00:00:00",
    }[kind]
    out.iloc[row, out.columns.get_loc(column)] = value
    return out


def _rows(key: str, n: int) -> list[int]:
    rng = np.random.default_rng(zlib.crc32(key.encode()))
    return [int(r) for r in rng.choice(np.arange(1, n), size=2, replace=False)]


@pytest.mark.parametrize("kpi", list(KPIS))
@pytest.mark.parametrize(
    ("column", "kind"), [(c, k) for c, kinds in TICKET_BREAKS.items() for k in kinds]
)
def test_broken_ticket_cell_is_refused(tickets, messages, kpi, column, kind):
    for row in _rows(f"{kpi}/{column}/{kind}", len(tickets)):
        if kind == "before_created" and pd.isna(tickets.loc[row, column]):
            continue
        broken = _break(tickets, column, kind, row)
        with pytest.raises(CareDataError) as caught:
            KPIS[kpi](broken, messages)
        message = str(caught.value)
        ticket = str(tickets["ticket_id"].iloc[row - 1 if kind == "duplicate" else row])
        assert ticket in message or f"dòng {row}" in message, message
        if kind != "duplicate":
            assert column in message, message


@pytest.mark.parametrize("kpi", ["first_response_hours", "resolution_hours", "fcr", "kpi_table"])
@pytest.mark.parametrize(
    ("column", "kind"), [(c, k) for c, kinds in MESSAGE_BREAKS.items() for k in kinds]
)
def test_broken_message_cell_is_refused(tickets, messages, kpi, column, kind):
    for row in _rows(f"{kpi}/{column}/{kind}", len(messages)):
        broken = _break(messages, column, kind, row)
        with pytest.raises(CareDataError) as caught:
            KPIS[kpi](tickets, broken)
        message = str(caught.value)
        ticket = str(messages["ticket_id"].iloc[row])
        assert ticket in message or f"dòng {row}" in message, message


@pytest.mark.parametrize("metric", [care.csat, care.nps, care.ces])
@pytest.mark.parametrize("bad", ["năm sao", -1, 11, 4.5, float("inf")])
def test_broken_survey_answer_names_the_row(metric, bad):
    answers = pd.Series([5, 4, 3, 5, 4, 2, 5], name="diem")
    for row in _rows(f"{metric.__name__}/{bad}", len(answers)):
        broken = answers.astype(object)
        broken.iloc[row] = bad
        with pytest.raises(ValueError, match=rf"'diem' .* dòng {row}"):
            metric(broken)


@pytest.mark.parametrize("bad", ["hai giờ", -3.0, float("inf")])
def test_sla_breach_rate_names_the_bad_duration(bad):
    hours = pd.Series([1.0, 5.0, 30.0, None], index=["T1", "T2", "T3", "T4"], name="frt")
    hours = hours.astype(object)
    hours["T3"] = bad
    with pytest.raises(CareDataError, match=r"'frt' .* dòng T3"):
        care.sla_breach_rate(hours, 12)
    with pytest.raises(CareDataError, match="SLA"):
        care.sla_breach_rate(hours.iloc[:2], 0)
