"""Hand-built tickets with known answers, shared by the care tests.

Five conversations in January and February 2026 (office hours 08:00–17:00,
Monday to Friday):

- T1, Monday 5/1 09:00: the bot answers at once, the seller at 09:45;
  resolved at 10:00.
- T2, Friday 9/1 16:00: answered on Monday 12/1 at 09:00 (across a weekend),
  resolved at 10:00.
- T3, Friday 13/2 15:00: answered on Monday 23/2 at 08:30, after the Tết
  holiday of 16–20/2, resolved at 09:00.
- T4, Tuesday 6/1 08:00: answered 08:30, resolved 09:00, reopened by the
  customer on Wednesday 7/1 10:00, answered 11:00, resolved again at 12:00.
- T5, Thursday 8/1 20:00: only the bot ever answers; still open.
"""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture
def tickets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ticket_id": ["T1", "T2", "T3", "T4", "T5"],
            "channel": ["Postmart", "Zalo", "Facebook", "Postmart", "TikTok Shop"],
            "created": [
                "2026-01-05 09:00:00",
                "2026-01-09 16:00:00",
                "2026-02-13 15:00:00",
                "2026-01-06 08:00:00",
                "2026-01-08 20:00:00",
            ],
            "first_resolved": [
                "2026-01-05 10:00:00",
                "2026-01-12 10:00:00",
                "2026-02-23 09:00:00",
                "2026-01-06 09:00:00",
                None,
            ],
            "reopened": [None, None, None, "2026-01-07 10:00:00", None],
            "resolved": [
                "2026-01-05 10:00:00",
                "2026-01-12 10:00:00",
                "2026-02-23 09:00:00",
                "2026-01-07 12:00:00",
                None,
            ],
        }
    )


@pytest.fixture
def messages() -> pd.DataFrame:
    rows = [
        ("T1", "2026-01-05 09:00:00", "customer"),
        ("T1", "2026-01-05 09:00:05", "bot"),
        ("T1", "2026-01-05 09:02:00", "customer"),
        ("T1", "2026-01-05 09:45:00", "seller"),
        ("T2", "2026-01-09 16:00:00", "customer"),
        ("T2", "2026-01-12 09:00:00", "seller"),
        ("T3", "2026-02-13 15:00:00", "customer"),
        ("T3", "2026-02-13 15:10:00", "customer"),
        ("T3", "2026-02-23 08:30:00", "seller"),
        ("T4", "2026-01-06 08:00:00", "customer"),
        ("T4", "2026-01-06 08:30:00", "seller"),
        ("T4", "2026-01-07 10:00:00", "customer"),
        ("T4", "2026-01-07 11:00:00", "seller"),
        ("T5", "2026-01-08 20:00:00", "customer"),
        ("T5", "2026-01-08 20:00:04", "bot"),
        ("T5", "2026-01-08 20:30:00", "customer"),
    ]
    return pd.DataFrame(rows, columns=["ticket_id", "sent", "author"])
