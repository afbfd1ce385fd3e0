"""Turn one row an operator wrote (CSV or JSON) into a clean directory row, or say what's wrong."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nlu.text import fold
from referral_db.geo import in_viet_nam
from referral_db.phones import PhoneError, format_phone
from referral_db.provinces import lookup

COLUMNS = (
    "id", "name_vi", "name_en", "category", "province", "commune", "address", "phones", "hours",
    "serves", "languages", "lat", "lon", "free", "notes_vi", "notes_en", "source",
    "last_verified", "active", "demo",
)
CATEGORIES = (
    "hotline", "shelter", "trusted_address", "counselling", "legal_aid", "health", "police",
    "one_stop_centre", "other",
)
SERVES = (
    "women", "girls", "children", "men", "everyone", "lgbtqi", "older_people",
    "people_with_disabilities", "migrants", "ethnic_minorities",
)
FREE = ("yes", "no", "unknown")
LIST_SEPARATOR = "; "  # phones, serves and languages are lists kept as "a; b" text

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_YES = {"yes", "y", "true", "1", "có", "co"}
_NO = {"no", "n", "false", "0", "không", "khong"}


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: row counts from 1 at the first data row."""

    row: int
    column: str
    problem: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.problem}"


def slugify(text: str) -> str:
    """A stable ASCII id from a name: "Nhà tạm lánh Lạng Sơn" -> "nha-tam-lanh-lang-son"."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def split_list(value: Any) -> list[str]:
    """A list cell: a JSON list, or text separated by ";" (or "," for phones typed by hand)."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else re.split(r"[;,]", str(value))
    return [str(item).strip() for item in items if str(item).strip()]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _flag(value: Any, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if not text:
        return default
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"{value!r} should be yes or no")


def clean_row(raw: Mapping[str, Any], row: int) -> tuple[dict[str, Any], list[RowError]]:
    """Validate raw; returns the row as stored (lists joined, flags 0/1) and every error."""
    errors: list[RowError] = []

    def fail(column: str, problem: str) -> None:
        errors.append(RowError(row, column, problem))

    unknown = sorted(set(raw) - set(COLUMNS))
    if unknown:
        fail(unknown[0], f"unknown column; expected some of: {', '.join(COLUMNS)}")
    out: dict[str, Any] = {c: _text(raw.get(c)) or None for c in COLUMNS}

    for column, default in (("active", True), ("demo", False)):
        try:
            out[column] = int(_flag(raw.get(column), default))
        except ValueError as e:
            fail(column, str(e))
            out[column] = int(default)
    demo = bool(out["demo"])

    if not out["name_vi"]:
        fail("name_vi", "required")
    elif demo and "demo" not in fold(out["name_vi"]):
        # A fictional number must never sit beside a name that could be a real organisation.
        fail("name_vi", "a demo row's name must say (demo)")
    out["id"] = out["id"] or slugify(out["name_vi"] or "")
    if not _SLUG.fullmatch(out["id"] or ""):
        fail("id", f"{out['id']!r} should be lowercase letters, digits and hyphens")

    if out["category"] not in CATEGORIES:
        fail("category", f"{out['category']!r} should be one of: {', '.join(CATEGORIES)}")
    if out["province"]:
        match = lookup(out["province"])
        if match is None:
            fail("province", f"{out['province']!r} is not one of the 34 provinces or a former one")
        else:
            out["province"] = match.province
    elif out["category"] != "hotline":
        fail("province", "required, except for national hotlines")

    phones, raw_phones = [], split_list(raw.get("phones"))
    for raw_phone in raw_phones:
        try:
            phones.append(format_phone(raw_phone, demo=demo))
        except PhoneError as e:
            fail("phones", str(e))
    if demo and any(not p.startswith("0000") for p in phones):
        fail("phones", "a demo row may only carry fictional 0000 000 xxx numbers")
    if not raw_phones and not out["address"]:
        fail("phones", "give at least one phone number or an address")
    out["phones"] = LIST_SEPARATOR.join(phones) or None

    serves = [s.casefold() for s in split_list(raw.get("serves"))]
    for item in serves:
        if item not in SERVES:
            fail("serves", f"{item!r} should be one of: {', '.join(SERVES)}")
    out["serves"] = LIST_SEPARATOR.join(serves) or None
    languages = [s.casefold() for s in split_list(raw.get("languages"))]
    for item in languages:
        if not _LANGUAGE.fullmatch(item):
            fail("languages", f"{item!r} should be a language code such as vi or en")
    out["languages"] = LIST_SEPARATOR.join(languages) or None

    _check_location(raw, out, fail)
    out["free"] = (out["free"] or "unknown").casefold()
    if out["free"] not in FREE:
        fail("free", f"{out['free']!r} should be one of: {', '.join(FREE)}")
    if out["last_verified"]:
        try:
            out["last_verified"] = datetime.date.fromisoformat(out["last_verified"]).isoformat()
        except ValueError:
            fail("last_verified", f"{out['last_verified']!r} should be a date like 2025-07-01")
    return out, errors


def _check_location(raw: Mapping[str, Any], out: dict[str, Any], fail: Any) -> None:
    coords: dict[str, float | None] = {}
    for column in ("lat", "lon"):
        value = _text(raw.get(column))
        try:
            coords[column] = float(value) if value else None
        except ValueError:
            fail(column, f"{value!r} should be a number in decimal degrees")
            out["lat"] = out["lon"] = None
            return
    lat, lon = coords["lat"], coords["lon"]
    if (lat is None) != (lon is None):
        fail("lat" if lat is None else "lon", "give both lat and lon, or neither")
    elif lat is not None and lon is not None and not in_viet_nam(lat, lon):
        fail("lat", f"{lat}, {lon} is outside Viet Nam")
    out["lat"], out["lon"] = lat, lon
