"""Satisfaction surveys: CSAT, NPS and CES, computed honestly.

- **CSAT** (customer satisfaction, 1–5 stars): share of answers that are 4 or 5.
  Blank answers (the customer did not answer) are left out, not counted as
  unhappy: > 80 % is excellent, < 40 % poor.
- **NPS** (net promoter score, 0–10 "would you recommend us?"): % promoters
  (9–10) − % detractors (0–6), from −100 to +100. It is *not* the average score.
- **CES** (customer effort score, 1–7 agreement with "the shop made it easy"):
  the average answer; higher is better.

Examples
--------
>>> csat([5, 4, 3, None, 1])
0.5
>>> nps([10, 9, 8, 7, 3])
20.0
>>> ces([7, 6, None, 5])
6.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.i18n import t

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ces", "csat", "nps", "nps_groups"]


def _answers(scores: object, low: int, high: int, column: str, metric: str):
    import numpy as np
    import pandas as pd

    if isinstance(scores, (str, bytes)) or not hasattr(scores, "__iter__"):
        raise TypeError(t("care.error.not_scores", found=type(scores).__name__))
    series = pd.Series(scores) if not isinstance(scores, pd.Series) else scores
    values = pd.to_numeric(series, errors="coerce").astype("float64")
    bad_text = values.isna() & series.notna() & (series.astype("string").str.strip() != "")
    outside = values.notna() & ((values < low) | (values > high) | (values != np.round(values)))
    wrong = bad_text | outside
    if wrong.any():
        row = wrong.to_numpy().nonzero()[0][0]
        raise ValueError(
            t(
                "care.error.score_range",
                column=series.name if series.name is not None else column,
                value=series.iloc[row],
                row=series.index[row],
                low=low,
                high=high,
            )
        )
    answered = values.dropna()
    if answered.empty:
        raise ValueError(t("care.error.no_answers", metric=metric))
    return answered


def csat(scores: Iterable[float | None], *, satisfied: int = 4) -> float:
    """CSAT: share of answered 1–5 scores that are ``satisfied`` (4) or more.

    Parameters
    ----------
    scores : sequence or pandas.Series
        Scores 1–5; ``None``/``NaN``/empty text are unanswered and left out.
    satisfied : int, default 4
        Lowest score that counts as satisfied.

    Returns
    -------
    float
        Between 0 and 1.

    Raises
    ------
    ValueError
        For a score outside 1–5 (a 0 typed for "no answer" is caught here),
        or when nobody answered.

    Examples
    --------
    >>> csat([5, 5, 4, 2])
    0.75

    Counting the blank as an unhappy customer understates the score:

    >>> csat([5, 5, 4, 2, None])
    0.75
    >>> csat([5, 0, 4])
    Traceback (most recent call last):
    ...
    ValueError: Cột 'csat' có điểm 0 ở dòng 1, ngoài thang 1–5. Ô để trống (khách không trả lời) thì để trống, đừng ghi 0.
    """
    answered = _answers(scores, 1, 5, "csat", "CSAT")
    return float((answered >= satisfied).mean())


def nps_groups(scores: Iterable[float | None]) -> dict[str, float]:
    """Shares of promoters (9–10), passives (7–8) and detractors (0–6) among answers.

    Examples
    --------
    >>> nps_groups([10, 9, 8, 7, 3])
    {'promoters': 0.4, 'passives': 0.4, 'detractors': 0.2}
    """
    answered = _answers(scores, 0, 10, "nps", "NPS")
    return {
        "promoters": float((answered >= 9).mean()),
        "passives": float(((answered >= 7) & (answered <= 8)).mean()),
        "detractors": float((answered <= 6).mean()),
    }


def nps(scores: Iterable[float | None]) -> float:
    """Net promoter score: % promoters (9–10) − % detractors (0–6), from −100 to +100.

    Examples
    --------
    >>> nps([10, 10, 9, 6, 0])
    20.0

    The average score of the same answers (7.0) says nothing like it:

    >>> nps([7, 7, 7, 7, 7])
    0.0
    """
    groups = nps_groups(scores)
    return float(round(100.0 * (groups["promoters"] - groups["detractors"]), 10))


def ces(scores: Iterable[float | None], *, scale: int = 7) -> float:
    """Customer effort score: the average 1–``scale`` answer (higher = easier).

    Examples
    --------
    >>> ces([7, 5, 6])
    6.0
    >>> ces([4, 3], scale=5)
    3.5
    """
    answered = _answers(scores, 1, scale, "ces", "CES")
    return float(answered.mean())
