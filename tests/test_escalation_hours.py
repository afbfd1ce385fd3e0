"""Operator hours: parsing, windows over midnight, and Viet Nam time whatever the clock's zone."""

from __future__ import annotations

from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.escalation.hours import HoursError, OperatorHours

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(hour, minute=0):
    return datetime(2026, 11, 20, hour, minute, tzinfo=VN)


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("08:00-22:00", time(8), time(22)),
        (" 8:30 - 17:45 ", time(8, 30), time(17, 45)),
        ("22:00-06:00", time(22), time(6)),
        ("08:00-24:00", time(8), time(0)),
    ],
)
def test_parse(text, start, end):
    hours = OperatorHours.parse(text)
    assert (hours.start, hours.end) == (start, end)


@pytest.mark.parametrize("text", ["", "   ", "00:00-00:00"])
def test_empty_means_always_open(text):
    hours = OperatorHours.parse(text)
    assert hours.always
    assert all(hours.is_open(at(h)) for h in range(24))


@pytest.mark.parametrize("text", ["8-22", "08:00", "25:00-26:00", "08:60-09:00", "abc", "8h-22h"])
def test_bad_hours_are_refused(text):
    with pytest.raises(HoursError):
        OperatorHours.parse(text)


@pytest.mark.parametrize(
    "text,now,expected",
    [
        ("08:00-22:00", at(8), True),
        ("08:00-22:00", at(21, 59), True),
        ("08:00-22:00", at(22), False),
        ("08:00-22:00", at(7, 59), False),
        ("22:00-06:00", at(23), True),
        ("22:00-06:00", at(2), True),
        ("22:00-06:00", at(6), False),
        ("22:00-06:00", at(12), False),
        ("08:00-24:00", at(23, 30), True),
        ("08:00-24:00", at(0, 30), False),
    ],
)
def test_is_open(text, now, expected):
    assert OperatorHours.parse(text).is_open(now) is expected


def test_is_open_uses_vietnam_time_for_utc_clocks():
    hours = OperatorHours.parse("08:00-22:00")
    # 01:30 UTC is 08:30 in Viet Nam (UTC+7): open; 16:00 UTC is 23:00 there: closed.
    assert hours.is_open(datetime(2026, 11, 20, 1, 30, tzinfo=timezone.utc))
    assert not hours.is_open(datetime(2026, 11, 20, 16, 0, tzinfo=timezone.utc))
    assert str(hours) == "08:00-22:00"
