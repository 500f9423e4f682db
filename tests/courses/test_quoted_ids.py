"""Every review, ticket, product, order or customer id a notebook quotes exists in the data.

A lesson that teaches on anh Minh's shop (it loads ``lesson_*`` datasets)
must quote his reviews and tickets; an assignment quotes chị Lan's. (03 câu
11 once quoted ``DG0167`` as a 1★ honey review; it is a 5★ tea review.)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from tests.courses._nbrun import read_cells, source

from .conftest import REPO

NOTEBOOKS = sorted([*REPO.glob("courses/*/source/*/*.ipynb"), *REPO.glob("notebooks/*.ipynb")])
# id prefix -> (column, dataset of chị Lan's shop, dataset of the lessons' shop)
KINDS = {
    "DG": ("review_id", "reviews", "lesson_reviews"),
    "TK": ("ticket_id", "tickets", "lesson_tickets"),
    "TV": ("order_id", "member_orders", "lesson_member_orders"),
    "SP": ("product_id", "products", "products"),
    "DH": ("order_id", "orders", "orders"),
    "KH": ("customer_id", "customers", "customers"),
}
QUOTED = re.compile(r"\b(DG\d{4}|TK\d{4}|TV\d{5}|SP\d{3}|DH\d{6}|KH\d{4})\b")


@cache
def _ids(dataset: str, column: str) -> frozenset[str]:
    from toolkit import data

    return frozenset(data.load(dataset)[column])


def quoted_ids(text: str) -> set[str]:
    """The ids quoted in ``text`` (a notebook's cells, prose and code).

    >>> sorted(quoted_ids("Đánh giá `DG0919` của SP001; not XDG0001 or SP0011"))
    ['DG0919', 'SP001']
    """
    return set(QUOTED.findall(text))


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_the_finder_sees_what_a_notebook_quotes():
    assert quoted_ids('tin_nhan[tin_nhan["ticket_id"] == "TK0002"]') == {"TK0002"}
    assert not _ids("reviews", "review_id") >= {"DG9999"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_rel)
def test_every_quoted_id_exists(path):
    text = "\n".join(source(c) for c in read_cells(path))
    lesson = 'data.load("lesson_' in text or "lesson_" in text
    missing = []
    for quoted in sorted(quoted_ids(text)):
        column, shop, lessons = KINDS[quoted[:2]]
        dataset = lessons if lesson else shop
        if quoted not in _ids(dataset, column):
            missing.append(f"{quoted} (not in {dataset}.{column})")
    assert not missing, missing
