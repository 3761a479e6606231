"""The UI's texts for money, numbers, dates and ages, in both languages and both eras."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cache.analytics.figures import CPC, CPL, CTR, ROAS
from desktop.formatting import (
    ago,
    date_text,
    datetime_text,
    day_month_text,
    month_text,
    number,
    percent,
    thb,
)


@pytest.mark.parametrize(("amount", "decimals", "text"), [
    (1234.5, True, "฿1,234.50"),
    (1234.5, False, "฿1,235"),  # half up, not Python's half to even
    (2.675, True, "฿2.68"),  # as written, although the float is a hair below
    (-120, True, "−฿120.00"),
    (-0.001, True, "฿0.00"),  # no negative zero
    (1_250_000, False, "฿1,250,000"),
    (Decimal("99.995"), True, "฿100.00"),
    (0, True, "฿0.00"),
    (None, True, "—"),
])
def test_thb(amount, decimals, text):
    assert thb(amount, decimals=decimals) == text


def test_number_and_percent():
    assert number(1234567) == "1,234,567"
    assert number(1234.56, 1) == "1,234.6"
    assert number(-5) == "−5"
    assert number(None) == "—"
    assert percent(0.0342) == "3.42%"
    assert percent(1) == "100.00%"
    assert percent(0.5, 0) == "50%"
    assert percent(None) == "—"


def test_ratios_are_none_without_a_denominator():
    assert CTR.of(34, 1000) == pytest.approx(0.034)
    assert CPC.of(500.0, 25) == 20.0
    assert CPL.of(900.0, 3) == 300.0
    assert ROAS.of(15000.0, 5000.0) == 3.0
    assert CTR.of(5, 0) is None
    assert CPC.of(500.0, 0) is None
    assert CPL.of(0.0, 0) is None
    assert ROAS.of(None, 100.0) is None
    assert CTR.of(5, None) is None
    assert percent(CTR.of(5, 0)) == "—"
    assert thb(CPL.of(0.0, 0)) == "—"


@pytest.mark.parametrize(("buddhist_era", "language", "text"), [
    (False, "en", "26 Nov 2026"),
    (True, "en", "26 Nov 2569 BE"),
    (False, "th", "26 พ.ย. 2026"),
    (True, "th", "26 พ.ย. 2569"),
])
def test_date_text_eras_and_languages(buddhist_era, language, text):
    assert date_text("2026-11-26", buddhist_era=buddhist_era, language=language) == text
    assert date_text(dt.date(2026, 11, 26), buddhist_era=buddhist_era, language=language) == text


def test_every_thai_month():
    months = [date_text(dt.date(2026, m, 1), buddhist_era=True, language="th").split(" ")[1] for m in range(1, 13)]
    assert months == ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]


def test_chart_labels_days_without_year_and_months_in_either_era():
    assert day_month_text(dt.date(2026, 11, 6), "en") == "6 Nov"
    assert day_month_text(dt.date(2026, 11, 6), "th") == "6 พ.ย."
    assert month_text(dt.date(2026, 11, 6), buddhist_era=False, language="en") == "Nov 2026"
    assert month_text(dt.date(2026, 11, 6), buddhist_era=True, language="en") == "Nov 2569 BE"
    assert month_text(dt.date(2026, 1, 31), buddhist_era=True, language="th") == "ม.ค. 2569"


def test_timestamps_show_in_bangkok():
    # 20:05 UTC is already the next morning in Bangkok (UTC+7), whatever the laptop's time zone.
    assert datetime_text("2026-11-26T20:05:00Z", buddhist_era=False, language="en") == "27 Nov 2026 03:05"
    assert date_text("2026-11-26T20:05:00+00:00", buddhist_era=True, language="th") == "27 พ.ย. 2569"
    assert datetime_text("2026-11-26T07:05:00.123456+00:00", buddhist_era=True, language="th") == "26 พ.ย. 2569 14:05"
    assert datetime_text(dt.datetime(2026, 11, 26, 7, 5), buddhist_era=False, language="en") == "26 Nov 2026 14:05"
    tokyo = dt.timezone(dt.timedelta(hours=9))
    assert datetime_text(dt.datetime(2026, 1, 1, 9, 0, tzinfo=tokyo), buddhist_era=False, language="en") == \
        "1 Jan 2026 07:00"


def test_plain_dates_have_no_time_and_none_is_a_dash():
    assert datetime_text("2026-11-26", buddhist_era=False, language="en") == "26 Nov 2026"
    assert date_text(None, buddhist_era=True, language="th") == "—"
    assert datetime_text(None, buddhist_era=False, language="en") == "—"
    with pytest.raises(ValueError):
        date_text("26/11/2026", buddhist_era=False, language="en")


@pytest.mark.parametrize(("seconds", "english", "thai"), [
    (-30, "just now", "เมื่อสักครู่"),
    (0, "just now", "เมื่อสักครู่"),
    (59.9, "just now", "เมื่อสักครู่"),
    (60, "1 min ago", "1 นาทีที่แล้ว"),
    (5 * 60 + 59, "5 min ago", "5 นาทีที่แล้ว"),
    (3 * 3600 + 10, "3 h ago", "3 ชั่วโมงที่แล้ว"),
    (86400, "1 day ago", "1 วันที่แล้ว"),
    (2 * 86400 + 5, "2 days ago", "2 วันที่แล้ว"),
])
def test_ago(seconds, english, thai):
    assert ago(seconds, "en") == english
    assert ago(seconds, "th") == thai


def test_amounts_of_any_size_and_moments_at_the_calendars_ends():
    from desktop.formatting import MINUS, clip, thb

    assert thb(1e15) == "฿1,000,000,000,000,000.00"
    assert thb(-1e30) == f"{MINUS}฿1,000,000,000,000,000,000,000,000,000,000.00"  # beyond 28 digits
    # 20:00 UTC on the last day is the year 10000 in Bangkok: shown in the zone it came in.
    assert datetime_text("9999-12-31T20:00:00+00:00", buddhist_era=False, language="en") == "31 Dec 9999 20:00"
    assert date_text("0001-01-01T00:00:00+07:00", buddhist_era=True, language="th") == "1 ม.ค. 544"
    assert clip("abc", 3) == "abc" and clip("abcd", 3) == "abc…"
