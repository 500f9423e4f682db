"""Business hours, marketplace rules, badge check and surveys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import string
import unicodedata

import numpy as np
import pandas as pd
import pytest

from toolkit import care, i18n
from toolkit.care import BusinessHours, business_hours, calendar_hours, vn_holidays


def _times(values):
    return pd.Series(pd.to_datetime(values))


def test_business_hours_are_additive_and_bounded():
    rng = np.random.default_rng(1)
    base = pd.Timestamp("2026-01-01")
    a = base + pd.to_timedelta(rng.integers(0, 60 * 24 * 3600, 200), unit="s")
    gap1 = pd.to_timedelta(rng.integers(0, 10 * 24 * 3600, 200), unit="s")
    gap2 = pd.to_timedelta(rng.integers(0, 10 * 24 * 3600, 200), unit="s")
    a, b = pd.Series(a), pd.Series(a + gap1)
    c = b + gap2
    hours = BusinessHours(holidays=vn_holidays(2026))
    ab, bc, ac = (business_hours(x, y, hours) for x, y in ((a, b), (b, c), (a, c)))
    assert np.allclose(ab + bc, ac)
    assert (ac <= calendar_hours(a, c) + 1e-9).all()
    assert (ac >= 0).all()


def test_weekend_and_holiday_contribute_nothing():
    sat = _times(["2026-01-10 08:00"])
    sun = _times(["2026-01-11 18:00"])
    assert business_hours(sat, sun).iloc[0] == 0.0
    tet = _times(["2026-02-16 08:00"]), _times(["2026-02-20 17:00"])
    assert business_hours(*tet, BusinessHours(holidays=vn_holidays(2026))).iloc[0] == 0.0
    assert business_hours(*tet, BusinessHours()).iloc[0] == 45.0


def test_missing_times_give_nan():
    start = _times(["2026-01-05 08:00", None])
    end = _times([None, "2026-01-05 09:00"])
    assert business_hours(start, end).isna().all()


@pytest.mark.parametrize("year", [1901, 2025, 2026, 2027, 2031, 2050, 2100])
def test_holidays_exist_for_every_covered_year(year):
    days = vn_holidays(year)
    assert all(d.year == year for d in days)
    assert dt.date(year, 1, 1) in days
    assert dt.date(year, 4, 30) in days if year >= 1976 else True
    assert list(days) == sorted(set(days))
    names = care.vn_holiday_names(year)
    tet = [d for d, name in names.items() if name == "Tết Nguyên Đán"]
    assert len(tet) == 1
    assert dt.date(year, 1, 21) <= tet[0] <= dt.date(year, 2, 20)  # the lunar new year's window


@pytest.mark.parametrize("year", [1900, 2101, 2500, -1, "2027", 2027.0, True])
def test_unknown_years_are_refused_in_vietnamese(year):
    with pytest.raises(ValueError, match="Không có lịch nghỉ lễ"):
        vn_holidays(year)
    with pytest.raises(ValueError, match="năm"):
        vn_holidays()


def test_tet_2027_is_not_working_time_with_public_holidays():
    start, end = _times(["2027-02-05 08:00"]), _times(["2027-02-10 17:00"])
    assert business_hours(start, end, care.OFFICE_HOURS).iloc[0] == 0.0
    assert business_hours(start, end, BusinessHours()).iloc[0] > 0.0
    shop = BusinessHours(public_holidays=True, holidays=(dt.date(2027, 2, 11),))
    one_more = _times(["2027-02-11 17:00"])
    assert business_hours(start, one_more, shop).iloc[0] == 0.0
    assert business_hours(start, one_more, care.OFFICE_HOURS).iloc[0] == 9.0


def test_own_days_off_are_added_and_checked():
    own = dt.date(2027, 3, 3)
    assert set(vn_holidays(2027, extra=[own])) == {*vn_holidays(2027), own}
    with pytest.raises(ValueError, match="không phải một ngày"):
        vn_holidays(2027, extra=["2027-03-03"])
    with pytest.raises(ValueError, match="không phải một ngày"):
        BusinessHours(holidays=("2027-03-03",))


_SAME_MOMENTS = {
    "naive": ["2026-01-05 08:00", "2026-01-05 23:30", "2026-01-09 16:00"],
    "+07:00": ["2026-01-05T08:00:00+07:00", "2026-01-05T23:30:00+07:00", "2026-01-09T16:00+07:00"],
    "UTC": ["2026-01-05T01:00:00Z", "2026-01-05T16:30:00Z", "2026-01-09T09:00:00Z"],
}


@pytest.mark.parametrize("kind", ["+07:00", "UTC"])
def test_aware_times_give_the_local_answer(kind):
    ends = ["2026-01-05 10:00", "2026-01-06 09:00", "2026-01-12 09:00"]
    expected = business_hours(_times(_SAME_MOMENTS["naive"]), _times(ends))
    start = pd.Series(pd.to_datetime(_SAME_MOMENTS[kind], utc=True, format="ISO8601"))
    got = business_hours(start, _times(ends))
    assert got.tolist() == expected.tolist() == [2.0, 1.0, 2.0]
    assert (
        calendar_hours(start, _times(ends)).tolist()
        == calendar_hours(_times(_SAME_MOMENTS["naive"]), _times(ends)).tolist()
    )


def test_shop_time_zone_is_a_parameter():
    start = pd.Series(pd.to_datetime(["2026-01-05T01:00:00Z"], utc=True))
    end = pd.Series(pd.to_datetime(["2026-01-05T03:00:00Z"], utc=True))
    assert business_hours(start, end, BusinessHours()).iloc[0] == 2.0
    assert business_hours(start, end, BusinessHours(tz="UTC")).iloc[0] == 0.0


def test_rule_sets_are_frozen_parameters_with_sources():
    for rule in care.CHAT_RULES.values():
        with pytest.raises(dataclasses.FrozenInstanceError):
            rule.window_days = 1  # type: ignore[misc]
        assert rule.source_kind in ("official", "third-party summary", "our assumption")
        assert 2020 <= rule.year <= 2030
        assert rule.source
    assert care.get_chat_rule("TikTok Shop") is care.TIKTOK_SHOP
    with pytest.raises(ValueError, match="shopee, tiktok, lazada"):
        care.get_chat_rule("sendo")


def test_badge_boundaries():
    good = {"rating": 4.8, "chat_response_rate": 0.9, "preparation_days": 1.49,
            "late_or_cancelled_rate": 0.0299}  # fmt: skip
    assert care.check_badge(good).passed
    assert care.check_badge({**good, "preparation_days": 1.5}).failed == ("preparation_days",)
    result = care.check_badge({**good, "rating": 4.7, "late_or_cancelled_rate": 0.05})
    assert result.failed == ("rating", "late_or_cancelled_rate")
    assert "điểm đánh giá 4,70" in str(result)
    looser = care.SHOPEE_FAVOURITE_PLUS.replace(min_chat_response=0.8)
    assert care.check_badge({**good, "chat_response_rate": 0.85}, looser).passed
    with pytest.raises(KeyError, match="Thiếu chỉ số 'rating'"):
        care.check_badge({"chat_response_rate": 0.9})


def test_csat_excludes_blanks():
    scores = pd.Series([5, 4, None, 3, np.nan, 1, ""], dtype=object)
    assert care.csat(scores) == 0.5
    assert care.csat([5, 5]) == 1.0
    with pytest.raises(ValueError, match="ngoài thang 1–5"):
        care.csat([5, 6])
    with pytest.raises(ValueError, match="ngoài thang"):
        care.csat(["năm", 4])
    with pytest.raises(ValueError, match="Không có câu trả lời nào"):
        care.csat([None, None])
    with pytest.raises(TypeError):
        care.csat("5")


def test_nps_is_not_an_average():
    assert care.nps([10] * 5) == 100.0
    assert care.nps([0] * 5) == -100.0
    assert care.nps([8, 7, 8]) == 0.0
    rng = np.random.default_rng(3)
    for _ in range(20):
        scores = rng.integers(0, 11, 30)
        value = care.nps(scores)
        assert -100 <= value <= 100
        groups = care.nps_groups(scores)
        assert sum(groups.values()) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="ngoài thang 0–10"):
        care.nps([11])


def test_ces_scale():
    assert care.ces([7, 7, None]) == 7.0
    with pytest.raises(ValueError, match="1–7"):
        care.ces([8])


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_care_messages_are_complete():
    keys = [k for k in i18n._CATALOGUE if k.startswith("care.")]
    assert len(keys) > 15
    for key in keys:
        texts = i18n._CATALOGUE[key]
        assert set(texts) == {"vi", "en"}, key
        for text in texts.values():
            assert unicodedata.normalize("NFC", text) == text, key
        assert _fields(texts["vi"]) == _fields(texts["en"]), key
