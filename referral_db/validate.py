"""Turn one row an operator wrote (CSV or JSON) into a clean directory row, or say what's wrong."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from referral_db.geo import in_viet_nam
from referral_db.phones import PhoneError, format_phone
from referral_db.provinces import lookup
from vntext.forms import fold

COLUMNS = (
    "id",
    "name_vi",
    "name_en",
    "category",
    "province",
    "commune",
    "address",
    "phones",
    "hours",
    "hours_en",
    "serves",
    "languages",
    "lat",
    "lon",
    "free",
    "notes_vi",
    "notes_en",
    "source",
    "source_url",
    "source_date",
    "last_verified",
    "confidential",
    "active",
    "demo",
)
FLAGS = (("confidential", False), ("active", True), ("demo", False))
CATEGORIES = (
    "hotline",
    "shelter",
    "trusted_address",
    "counselling",
    "legal_aid",
    "health",
    "police",
    "one_stop_centre",
    "other",
)
SERVES = (
    "women",
    "girls",
    "children",
    "men",
    "everyone",
    "lgbtqi",
    "older_people",
    "people_with_disabilities",
    "migrants",
    "ethnic_minorities",
)
FREE = ("yes", "no", "unknown")
# What the province cell of a national service says; stored as an empty province.
NATIONAL = ("toan quoc", "national", "nationwide")
# Longest text a cell may hold, by column; others get DEFAULT_MAX_CHARS. One service is shown
# in one chat message: a 296,000-character address once became 76 messages (issue 15).
MAX_CHARS = {
    "id": 100,
    "name_vi": 300,
    "name_en": 300,
    "address": 400,
    "phones": 200,
    "hours": 200,
    "hours_en": 200,
    "notes_vi": 1000,
    "notes_en": 1000,
    "source": 2000,
    "source_url": 1000,
}
DEFAULT_MAX_CHARS = 200
# Control characters (C0, DEL, C1) and the bidirectional overrides and isolates, which can
# make a number or a name read backwards on her screen (Trojan Source, CVE-2021-42574).
# Line breaks and tabs are allowed only in the free-text columns.
_MULTILINE = {"notes_vi", "notes_en", "source"}
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_FORBIDDEN_MULTILINE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
# A source date as precise as the page shows: a year, a month or a day.
_SOURCE_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
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


def _character_problem(column: str, value: str) -> str | None:
    """Why a cell's text cannot be shown to her, or None."""
    limit = MAX_CHARS.get(column, DEFAULT_MAX_CHARS)
    if len(value) > limit:
        return f"{len(value):,} characters; at most {limit:,}"
    pattern = _FORBIDDEN_MULTILINE if column in _MULTILINE else _FORBIDDEN
    bad = pattern.search(value)
    if bad is None:
        return None
    char = bad.group()
    what = (
        "a NUL byte"
        if char == "\x00"
        else (
            "a line break"
            if char in "\r\n"
            else "a bidirectional-text control"
            if re.fullmatch(f"[{_BIDI}]", char)
            else "a control character"
        )
    )
    return f"contains {what} (U+{ord(char):04X}) at character {bad.start() + 1}; remove it"


def clean_row(raw: Mapping[str, Any], row: int) -> tuple[dict[str, Any], list[RowError]]:
    """Validate raw; returns the row as stored (lists joined, flags 0/1) and every error."""
    errors: list[RowError] = []

    def fail(column: str, problem: str) -> None:
        errors.append(RowError(row, column, problem))

    if None in raw:  # csv.DictReader's key for cells beyond the header
        extra = raw[None]  # type: ignore[index]
        count = len(extra) if isinstance(extra, list) else 1
        fail("(beyond the last)", f"{count} more cell(s) than the header has columns")
    unknown = sorted(str(k) for k in set(raw) - set(COLUMNS) if k is not None)
    if unknown:
        fail(unknown[0], f"unknown column; expected some of: {', '.join(COLUMNS)}")
    out: dict[str, Any] = {c: _text(raw.get(c)) or None for c in COLUMNS}
    for column in COLUMNS:
        problem = _character_problem(column, out[column]) if out[column] else None
        if problem:
            fail(column, problem)
            out[column] = None  # checked no further, and never stored: nothing is written

    for column, default in FLAGS:
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
        given = f"{out['category']!r} should be" if out["category"] else "required:"
        fail("category", f"{given} one of: {', '.join(CATEGORIES)}")
    if out["province"] and fold(out["province"]) in NATIONAL:
        out["province"] = None  # a national service, of any kind
    elif out["province"]:
        match = lookup(out["province"])
        if match is None:
            fail("province", f"{out['province']!r} is not one of the 34 provinces or a former one")
        else:
            out["province"] = match.province
    elif out["category"] != "hotline":
        fail("province", "required; write Toàn quốc for a national service")

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
    if out["source_date"] and not (
        _SOURCE_DATE.fullmatch(out["source_date"]) and _valid_partial(out["source_date"])
    ):
        fail(
            "source_date",
            f"{out['source_date']!r} should be 2025, 2025-11 or 2025-11-21, "
            "or empty when the source shows no date",
        )
    if out["last_verified"]:
        try:
            out["last_verified"] = datetime.date.fromisoformat(out["last_verified"]).isoformat()
        except ValueError:
            fail("last_verified", f"{out['last_verified']!r} should be a date like 2025-07-01")
    return out, errors


def _valid_partial(value: str) -> bool:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


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
