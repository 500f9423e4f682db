"""The seeded generator of the lessons' datasets: anh Minh's shop and a coffee livestream.

The lessons teach each method on data that the graded assignments do not use
(issue 23: no graded answer may appear in a lesson's outputs). They are built
by the generators of the skill packages, run with other seeds and other
parameters, then given another shop's name:

``lesson_campaigns`` … ``lesson_member_orders``
    the marketing tables of **"Mật ong & Chè Nhà Minh"** (anh Trần Văn Minh,
    a classmate of chị Lan, selling the same kinds of OCOP products): the
    generator of :mod:`toolkit.marketing._datasets` with seed
    :data:`MARKETING_SEED`; the goods cost and fees of each ad row are scaled by
    :data:`COST_FACTOR` and :data:`FEE_FACTOR`, its ad spend by
    :data:`SPEND_FACTOR` (another shop buys and pays
    differently), so no ROAS, margin or break-even ROAS equals chị Lan's.
``lesson_tickets`` … ``lesson_reviews``
    anh Minh's customer care (:mod:`toolkit.care._datasets`, seed :data:`CARE_SEED`).
``lesson_livestream_events``
    the log of another session (:data:`SESSION`): shop "Cà phê Nhà Đắk",
    Saturday 7 March 2026, selling *Cà phê Arabica Cầu Đất 250g* (``SP010``).

The lesson-leak test (``tests/courses/test_lesson_leaks.py``) proves that no
autograded answer of an assignment appears in the outputs of its lesson.
Randomness comes only from the skill generators' ``numpy`` Generators.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COST_FACTOR",
    "DATA_DIR",
    "FEE_FACTOR",
    "SCHEMAS",
    "SEED",
    "SESSION",
    "SPEND_FACTOR",
    "generate",
]

SEED = 7
"""The default seed; another ``seed`` shifts each skill generator's lesson seed by ``seed - SEED``."""
MARKETING_SEED = 7
CARE_SEED = 7
LIVESTREAM_SEED = 20260307
COST_FACTOR = 0.975
FEE_FACTOR = 1.06
SPEND_FACTOR = 1.08
DATA_DIR = Path(__file__).with_name("data")

SHOP = "Mật ong & Chè Nhà Minh"
_RENAMES = (
    ("Trà & Mật ong Nhà Lan", SHOP),
    ("tra-mat-ong-nha-lan", "mat-ong-che-nha-minh"),
    ("Chị Lan", "Anh Minh"),
    ("chị Lan", "anh Minh"),
)

SESSION = {
    "duration_min": 75,
    "base_rate_per_min": 18.0,
    "stock": 18,
    "flash_start_min": 30,
    "first_pitch_min": 8,
    "pitch_every_min": 12,
    "product_id": "SP010",
    "price_vnd": 165_000,
    "cost_vnd": 115_000,
    "discount": 0.15,
}
"""The lesson session's parameters that differ from ``LiveParams`` defaults (*our choice*)."""

_MARKETING = ("campaigns", "sessions", "touchpoints", "ab_test", "member_orders")
_CARE = ("tickets", "chat_messages", "csat_survey", "nps_survey", "reviews")


def _schemas() -> dict[str, dict[str, object]]:
    from toolkit.care._datasets import SCHEMAS as CARE
    from toolkit.livestream._datasets import SCHEMAS as LIVE
    from toolkit.marketing._datasets import SCHEMAS as MARKETING

    found: dict[str, dict[str, object]] = {}
    for names, schemas in ((_MARKETING, MARKETING), (_CARE, CARE), (("livestream_events",), LIVE)):
        for name in names:
            found[f"lesson_{name}"] = dict(schemas[name])
    return found


SCHEMAS = _schemas()


def _renamed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give text columns anh Minh's shop name instead of chị Lan's."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype) == "str":
            text = frame[column]
            for old, new in _RENAMES:
                text = text.str.replace(old, new, regex=False)
            frame[column] = text
    return frame


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Build every lesson table in memory.

    Parameters
    ----------
    seed : int
        Added to each skill generator's lesson seed (the default gives the
        shipped files).

    Returns
    -------
    dict of str to pandas.DataFrame
        One frame per :data:`SCHEMAS` entry, typed like ``toolkit.data.load``.

    Examples
    --------
    >>> tables = generate()
    >>> sorted(tables) == sorted(SCHEMAS)
    True
    >>> bool(tables["lesson_sessions"]["landing_url"].str.contains("nha-lan").any())
    False
    """
    from toolkit.care._datasets import generate as care_tables
    from toolkit.data import _typed
    from toolkit.livestream.log import to_log
    from toolkit.livestream.params import LiveParams
    from toolkit.livestream.simulation import simulate
    from toolkit.marketing._datasets import generate as marketing_tables

    offset = seed - SEED
    tables: dict[str, pd.DataFrame] = {}
    marketing = marketing_tables(MARKETING_SEED + offset)
    ads = marketing["campaigns"].copy()
    ads["cogs_vnd"] = (ads["cogs_vnd"] * COST_FACTOR).round().astype("int64")
    ads["fees_vnd"] = (ads["fees_vnd"] * FEE_FACTOR).round().astype("int64")
    ads["spend_vnd"] = (ads["spend_vnd"] * SPEND_FACTOR).round().astype("int64")
    marketing["campaigns"] = ads
    for name in _MARKETING:
        tables[f"lesson_{name}"] = _typed(_renamed(marketing[name]), f"lesson_{name}")
    care = care_tables(CARE_SEED + offset)
    for name in _CARE:
        tables[f"lesson_{name}"] = _typed(_renamed(care[name]), f"lesson_{name}")
    run = simulate(LiveParams(**SESSION), seed=LIVESTREAM_SEED + offset)
    log = to_log(run, start="2026-03-07 20:00:00", session_id="LIVE-20260307")
    end = log["time"].iloc[-1]
    log = log[~((log["event"] == "leave") & (log["time"] == end))]
    tables["lesson_livestream_events"] = _typed(log, "lesson_livestream_events")
    return tables
