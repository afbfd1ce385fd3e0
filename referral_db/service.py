"""One service as the bot and the operators' tools see it, read from a `services` row."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from referral_db.validate import COLUMNS, LIST_SEPARATOR

# Stored as text or 0/1; a Service holds them as a tuple, a date and booleans.
_CONVERTED = {"phones", "last_verified", "active", "demo", "confidential"}
_FLAGS = ("confidential", "active", "demo")


@dataclass(frozen=True)
class Service:
    """One place or line she can turn to, as the bot shows it."""

    id: str
    name_vi: str
    name_en: str | None
    category: str
    province: str | None  # None for national lines
    commune: str | None
    address: str | None
    phones: tuple[str, ...]
    hours: str | None
    serves: str | None
    languages: str | None
    lat: float | None
    lon: float | None
    free: str
    notes_vi: str | None
    notes_en: str | None
    source: str | None
    last_verified: datetime.date | None
    active: bool
    demo: bool
    distance_km: float | None = field(default=None, compare=False)
    hours_en: str | None = None
    source_url: str | None = None
    source_date: str | None = None  # "2025", "2025-11" or "2025-11-21": as the page shows it
    confidential: bool = False  # the address is for operators only; she is told how to call

    def hours_for(self, locale: str) -> str | None:
        """Opening hours in her language; English chats never get Vietnamese hours."""
        if locale.startswith("en"):
            # Hours with no words ("24/7", "7:00-19:00") read the same in both languages.
            neutral = self.hours and not re.search(r"[^\W\d_]", self.hours)
            return self.hours_en or (self.hours if neutral else None)
        return self.hours

    def public_address(self) -> str | None:
        """The address the bot may show: none for a confidential shelter."""
        return None if self.confidential else self.address

    def name(self, locale: str) -> str:
        """The name in her language, falling back to Vietnamese."""
        return (self.name_en if locale.startswith("en") else None) or self.name_vi

    def notes(self, locale: str) -> str:
        """The notes in her language, falling back to Vietnamese; "" when there are none."""
        return (self.notes_en if locale.startswith("en") else None) or self.notes_vi or ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Service:
        """A Service from a `services` row (plus distance_km when the query computed it)."""
        verified = row["last_verified"]
        return cls(
            **{c: row[c] for c in COLUMNS if c not in _CONVERTED},
            phones=tuple(row["phones"].split(LIST_SEPARATOR)) if row["phones"] else (),
            last_verified=datetime.date.fromisoformat(verified) if verified else None,
            active=bool(row["active"]),
            demo=bool(row["demo"]),
            confidential=bool(row["confidential"]),
            distance_km=row.get("distance_km"),
        )


@dataclass(frozen=True)
class ProvinceCoverage:
    """What the directory holds for one province: active services per category and state."""

    province: str
    counts: dict[str, dict[str, int]]  # category -> {"confirmed"|"unconfirmed"|"held": n}

    @property
    def shown(self) -> int:
        """Services the bot shows here (active, real)."""
        return sum(c.get("confirmed", 0) + c.get("unconfirmed", 0) for c in self.counts.values())


def as_input(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row in the form import accepts: flags as yes/no, no shadow column. Export
    writes it, and an update validates the whole row again in this form."""
    out = {c: row[c] for c in COLUMNS}
    for flag in _FLAGS:
        out[flag] = "yes" if row[flag] else "no"
    if not out["province"]:
        out["province"] = "Toàn quốc"  # import reads it back as a national service
    return out
