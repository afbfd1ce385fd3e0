"""Viet Nam's time zone, named once: operator hours, case cards and reports all read it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

# Viet Nam keeps UTC+7 all year (no daylight saving); the IANA name is Asia/Ho_Chi_Minh.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
