"""The care datasets: schema, reproducibility, NFD bytes, links to the shop world."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from toolkit import care, vn
from toolkit import data as toolkit_data
from toolkit.care import _datasets
from toolkit.data import _generate


@pytest.fixture(scope="module")
def tables():
    return _datasets.generate()


def test_generate_is_byte_reproducible_and_equals_the_shipped_files(tables):
    again = _datasets.generate()
    for name, frame in tables.items():
        data = _generate.to_csv_bytes(frame)
        assert data == _generate.to_csv_bytes(again[name]), name
        assert (care.DATA_DIR / f"{name}.csv").read_bytes() == data, name
        assert toolkit_data.path(name) == care.DATA_DIR / f"{name}.csv"


def test_another_seed_gives_other_data():
    other = _datasets.generate(seed=1)
    assert not other["tickets"].equals(_datasets.generate()["tickets"])


def test_schema_columns_and_kinds(tables):
    assert set(tables) == set(_datasets.SCHEMAS) == set(care.dataset_names())
    for name, schema in _datasets.SCHEMAS.items():
        frame = tables[name]
        assert list(frame.columns) == list(schema), name
        for column, kind in schema.items():
            dtype = frame[column].dtype
            if isinstance(kind, tuple):
                assert list(dtype.categories) == list(kind)
            elif kind in ("date", "datetime"):
                assert str(dtype) == "datetime64[ns]"
            elif kind == "float":
                assert str(dtype) == "float64"
            elif kind == "int":
                assert str(dtype) == "int64"
        loaded = toolkit_data.load(name)
        pd.testing.assert_frame_equal(loaded, frame)


def test_to_csv_bytes_keeps_nfd_text_byte_exactly():
    nfd = unicodedata.normalize("NFD", "Mật ong rất ngon")
    data = _generate.to_csv_bytes(pd.DataFrame({"text": [nfd, "Mật ong"]}))
    assert nfd.encode("utf-8") in data
    assert unicodedata.normalize("NFC", nfd).encode("utf-8") not in data


def test_reviews_are_typed_like_buyers_type(tables):
    text = tables["reviews"]["text"]
    assert 1800 <= len(text) <= 2200
    nfd = text.map(lambda s: unicodedata.normalize("NFC", s) != s)
    bare = text.map(lambda s: vn.strip_accents(s) == s)
    assert nfd.sum() > 100
    assert bare.sum() > 100
    assert text.str.contains(r"(?<!\w)(?:ko|k|đc|dc|sp)(?!\w)").sum() > 50
    assert text.str.contains("[😍🥰👍😡😤👎😞😢😊💯]").sum() > 100
    nfc = text.map(vn.nfc)
    assert nfc.str.contains("hoà|khoẻ|thuỷ").sum() > 10
    assert nfc.str.contains("hòa|khỏe|thủy").sum() > 10
    raw = (care.DATA_DIR / "reviews.csv").read_bytes()
    assert "\u0301".encode() in raw  # NFD combining marks survive in the file
    assert set(tables["reviews"]["stars"]) == {1, 2, 3, 4, 5}


def test_linked_to_the_base_world(tables):
    base = _generate.generate()
    shop = base["products"].loc[base["products"]["shop"] == _datasets.SHOP, "product_id"]
    customers = set(base["customers"]["customer_id"])
    for name in ("tickets", "reviews"):
        assert set(tables[name]["product_id"]) <= set(shop), name
        assert set(tables[name]["customer_id"]) <= customers, name
    assert set(tables["nps_survey"]["customer_id"]) <= customers
    messages, tickets = tables["chat_messages"], tables["tickets"]
    assert set(messages["ticket_id"]) == set(tickets["ticket_id"])
    assert set(tables["csat_survey"]["ticket_id"]) <= set(tickets["ticket_id"])


def test_the_data_passes_the_checks_and_tells_the_story(tables):
    tickets, messages = tables["tickets"], tables["chat_messages"]
    care.check_tickets(tickets)
    care.check_messages(messages, tickets)
    with_bots = care.first_response_hours(tickets, messages, count_bots=True)
    people = care.first_response_hours(tickets, messages)
    assert with_bots.median() < people.median() / 10  # the bot flatters a lot
    assert people.isna().sum() > 5  # some chats are never answered
    assert tickets["reopened"].notna().sum() > 20
    shopee = care.chat_response_rate(tickets, messages, "shopee", as_of="2026-02-28")
    flattered = care.chat_response_rate(
        tickets, messages, care.SHOPEE.replace(exclude_auto_replies=False), as_of="2026-02-28"
    )
    assert shopee < care.SHOPEE.target <= flattered
    csat = tables["csat_survey"]["csat"]
    assert csat.isna().sum() > 100
    assert care.csat(csat) > (csat >= 4).sum() / len(csat) + 0.2
    scores = tables["nps_survey"]["score"]
    assert abs(care.nps(scores) - scores.mean()) > 5


def test_write_reproduces_the_shipped_files(tmp_path):
    from toolkit.data._files import write_tables

    written = write_tables(_datasets.generate(), tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{n}.csv" for n in _datasets.SCHEMAS)
    for path in written:
        assert path.read_bytes() == (care.DATA_DIR / path.name).read_bytes(), path.name
