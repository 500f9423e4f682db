"""The bundled livestream dataset: the log of chị Lan's Saturday session.

``livestream_events`` is one session of the shop "Trà & Mật ong Nhà Lan"
(Nguyễn Thị Lan, 24): Saturday 28 February 2026, 20:00–21:30, selling *Mật
ong hoa nhãn Hưng Yên 500ml* (``SP001``, 185.000 ₫ list price) with 15 jars
in stock, a 10 % discount, pitches every 15 minutes and a flash sale (30 %
off) from minute 45. It is a per-viewer run of
:func:`toolkit.livestream.simulate` exported with
:func:`toolkit.livestream.to_log`; like a real export, it has no ``leave``
row for the people still watching when the LIVE ends (they leave at
``end``). The parameters are *our choice*, sized for a small rural shop.

The file is ``toolkit/livestream/data/livestream_events.csv``, written byte
for byte by :func:`toolkit.data._generate.to_csv_bytes` (``python -m toolkit.data --write``).

>>> frames = generate()
>>> log = frames["livestream_events"]
>>> list(log.columns) == list(SCHEMAS["livestream_events"])
True
>>> from toolkit.data._generate import to_csv_bytes
>>> to_csv_bytes(log) == DATA_FILES["livestream_events"].read_bytes()
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.livestream.log import LOG_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DATA_FILES", "SCHEMAS", "SEED", "SESSION", "generate"]

SEED = 20260228
SCHEMAS = {"livestream_events": dict(LOG_COLUMNS)}
DATA_FILES = {"livestream_events": Path(__file__).with_name("data") / "livestream_events.csv"}
SESSION = {
    "duration_min": 90,
    "base_rate_per_min": 25.0,
    "stock": 15,
    "flash_start_min": 45,
    "first_pitch_min": 5,
    "pitch_every_min": 15,
}
"""The parameters of the bundled session that differ from :class:`LiveParams` defaults."""


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Rebuild the bundled dataset in memory (same seed, same bytes)."""
    from toolkit.livestream.log import to_log
    from toolkit.livestream.params import LiveParams
    from toolkit.livestream.simulation import simulate

    run = simulate(LiveParams(**SESSION), seed=seed)
    log = to_log(run, start="2026-02-28 20:00:00", session_id="LIVE-20260228")
    end = log["time"].iloc[-1]
    still_watching = (log["event"] == "leave") & (log["time"] == end)
    log = log[~still_watching].reset_index(drop=True)
    return {"livestream_events": log}
