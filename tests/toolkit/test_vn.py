import datetime
import unicodedata

import pytest

from toolkit import vn


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0\u00a0₫"),
        (999, "999\u00a0₫"),
        (1000, "1.000\u00a0₫"),
        (1_250_000, "1.250.000\u00a0₫"),
        (-45_000, "-45.000\u00a0₫"),
        (1_000_000_000, "1.000.000.000\u00a0₫"),
        (250000.0, "250.000\u00a0₫"),
    ],
)
def test_format_vnd(amount, text):
    assert vn.format_vnd(amount) == text


@pytest.mark.parametrize("bad", [1.5, float("nan"), float("inf")])
def test_format_vnd_rejects_fractions_and_non_finite(bad):
    with pytest.raises(ValueError, match=r"Số tiền|Tiền Việt"):
        vn.format_vnd(bad)


@pytest.mark.parametrize("bad", ["1000", True, None, [1]])
def test_format_vnd_rejects_non_numbers(bad):
    with pytest.raises(TypeError, match="số nguyên"):
        vn.format_vnd(bad)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.250.000đ", 1_250_000),
        ("1.250.000 ₫", 1_250_000),
        ("1.250.000\u00a0₫", 1_250_000),
        ("1,25 triệu", 1_250_000),
        ("1,25tr", 1_250_000),
        ("1tr25", 1_250_000),
        ("1tr5", 1_500_000),
        ("1250k", 1_250_000),
        ("250k", 250_000),
        ("250 nghìn", 250_000),
        ("2k5", 2_500),
        ("3 triệu", 3_000_000),
        ("1,5 tỷ", 1_500_000_000),
        ("12.000 VND", 12_000),
        ("12000vnđ", 12_000),
        ("45000 đồng", 45_000),
        ("-45.000đ", -45_000),
        ("1,250,000", 1_250_000),
        ("1.250,5 triệu", 1_250_500_000),
        (" 99.000 ", 99_000),
        (500, 500),
    ],
)
def test_parse_vnd_accepts_what_sellers_type(text, amount):
    assert vn.parse_vnd(text) == amount


@pytest.mark.parametrize("text", ["", "abc", "hai trăm", "1..2", "k", "1.2.3", "tr5", "1,2,3k5"])
def test_parse_vnd_rejects_non_amounts_with_the_text_quoted(text):
    with pytest.raises(vn.VndParseError) as info:
        vn.parse_vnd(text)
    assert repr(text) in str(info.value)
    assert "1.250.000đ" in str(info.value)  # shows valid forms


@pytest.mark.parametrize("text", ["1,5", "1.5", "0,5k5"])
def test_parse_vnd_rejects_fractions_of_a_dong(text):
    with pytest.raises(vn.VndParseError, match=r"xu|Không đọc"):
        vn.parse_vnd(text)


@pytest.mark.parametrize("amount", [0, 1, 999, 1000, 45_000, 1_250_000, 987_654_321, -12_000])
def test_parse_inverts_format(amount):
    assert vn.parse_vnd(vn.format_vnd(amount)) == amount


def test_parse_vnd_rejects_bool_and_other_types():
    with pytest.raises(vn.VndParseError):
        vn.parse_vnd(True)
    with pytest.raises(vn.VndParseError, match="list"):
        vn.parse_vnd([1])


def test_format_percent_and_number():
    assert vn.format_percent(0.125) == "12,5\u00a0%"
    assert vn.format_percent(1) == "100,0\u00a0%"
    assert vn.format_number(1234.5, decimals=1) == "1.234,5"


def test_nfc_and_strip_accents():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Đào")
    assert decomposed != "Nguyễn Thị Đào"
    assert vn.nfc(decomposed) == "Nguyễn Thị Đào"
    assert vn.strip_accents(decomposed) == "Nguyen Thi Dao"
    assert vn.strip_accents("đường Đê La Thành") == "duong De La Thanh"
    with pytest.raises(TypeError):
        vn.nfc(b"bytes")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Thanh Hoá", "Thanh Hóa", True),
        ("thuỷ", "thủy", True),
        ("Khánh  Hòa ", "khánh hòa", True),
        ("Hà Nội", "Ha Noi", False),
        ("Huế", "Hué", False),
    ],
)
def test_same_text(a, b, same):
    assert vn.same_text(a, b) is same


def test_format_date():
    assert vn.format_date(datetime.date(2025, 1, 29), weekday=True) == "Thứ Tư, 29/01/2025"
