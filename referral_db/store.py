"""The referral directory: search it for the bot; change it, with an audit log, for operators."""

from __future__ import annotations

import datetime
import logging
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from nlu.text import fold
from referral_db.files import read_rows
from referral_db.geo import box_around, haversine_km
from referral_db.provinces import current_provinces, lookup
from referral_db.schema import migrate
from referral_db.seed import SEED_FILES
from referral_db.validate import CATEGORIES, COLUMNS, LIST_SEPARATOR, RowError, clean_row

log = logging.getLogger("antam.directory")

# Most useful first when she asks for her province: somewhere to go and be helped today.
CATEGORY_ORDER = (
    "one_stop_centre", "shelter", "trusted_address", "counselling", "legal_aid", "health",
    "police", "hotline", "other",
)
# Asking for a shelter also finds the places that take women in for the night under other
# names: one-stop centres (Ngôi nhà Ánh Dương) and community trusted addresses.
CATEGORY_FAMILIES = {"shelter": ("shelter", "one_stop_centre", "trusted_address")}
# Nearest search widens its box until it holds enough services; the last step covers Viet Nam.
SEARCH_RADII_KM = (10, 30, 100, 300, 2500)
_PRIORITY_SQL = "CASE s.category {} ELSE {} END".format(
    " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(CATEGORY_ORDER)), len(CATEGORY_ORDER)
)


class DirectoryError(Exception):
    """The referral directory could not do that."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.__doc__)


class DirectoryMissing(DirectoryError):
    """No directory database there; create one with: python -m referral_db init"""


class UnknownService(DirectoryError):
    """No service has that id."""


class RowsRejected(DirectoryError):
    """Some rows are invalid, so nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{self.__doc__} {len(errors)} problem(s); first: {errors[0]}")
        self.errors = errors


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


_CONVERTED = {"phones", "last_verified", "active", "demo", "confidential"}


def _folded(row: Mapping[str, Any]) -> str:
    """The accent-folded shadow text FTS searches, so "da nang" finds "Đà Nẵng" (FTS keeps đ)."""
    parts = ("name_vi", "name_en", "notes_vi", "notes_en", "province", "commune", "address")
    return fold(" ".join(str(row[p]) for p in parts if row.get(p)))


def _fts_query(text: str) -> str:
    words = re.findall(r"\w+", fold(text))
    # Quoted, so FTS operators she might type (AND, NEAR, -) are just words; the last word
    # may be unfinished.
    return " ".join(f'"{w}"' for w in words[:-1]) + (f' "{words[-1]}"*' if words else "")


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class ProvinceCoverage:
    """What the directory holds for one province: active services per category and state."""

    province: str
    counts: dict[str, dict[str, int]]  # category -> {"confirmed"|"unconfirmed"|"held": n}

    @property
    def shown(self) -> int:
        """Services the bot shows here (active, real)."""
        return sum(c.get("confirmed", 0) + c.get("unconfirmed", 0) for c in self.counts.values())


class Directory:
    """A referral directory database: open one with Directory(path) or Directory.ensure(path).

    With demo=False (every real deployment) the fictional demo rows are never returned by
    search, stale or coverage, whatever the database holds; tests, flows and DIRECTORY_DEMO=1
    open it with demo=True.
    """

    def __init__(self, path: str | Path, *, demo: bool = False) -> None:
        self.path = Path(path)
        self.demo = demo
        if not self.path.is_file():
            raise DirectoryMissing(
                f"No directory database at {self.path}; create one with: "
                f"python -m referral_db init --db {self.path}"
            )
        self.db = Database(self.path)
        self.db.register_function(haversine_km, deterministic=True, name="haversine_km")
        self.db.register_function(fold, deterministic=True, name="fold")
        try:
            migrate(self.db)
        except sqlite3.DatabaseError as e:  # not a SQLite file, or locked by a long write
            self.db.close()
            raise DirectoryError(f"cannot use {self.path} as the directory: {e}") from None

    @classmethod
    def ensure(
        cls,
        path: str | Path,
        *,
        demo: bool = False,
        strict: bool = False,
        seeds: Iterable[Path] = SEED_FILES,
    ) -> Directory:
        """Open the directory at path, creating it if missing, and take in any seed file it
        has not seen yet (a new database gets them all; an existing one the new ones).

        A seed file that fails validation is skipped and logged, so the bot still starts
        and answers with the national lines; strict=True (`init`) raises RowsRejected."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # WAL lets the bot keep reading while an operator imports; it sticks to the file.
            fresh = Database(path)
            fresh.enable_wal()
            fresh.close()
        directory = cls(path, demo=demo)
        try:
            directory.apply_seeds(seeds)
        except RowsRejected as e:
            if strict:
                directory.close()
                raise
            log.error("a seed file was not applied: %s", e)
        return directory

    def apply_seeds(self, files: Iterable[Path] = SEED_FILES) -> dict[str, int]:
        """Import each seed file not applied before, through the operators' import (all or
        nothing), adding only ids the directory does not hold: a row an operator changed or
        deactivated is never overwritten. Returns rows added per file."""
        applied = {row["name"] for row in self.db.table("seeds").rows}
        added: dict[str, int] = {}
        for path in files:
            if path.name in applied:
                continue
            rows = [(n, r) for n, r in read_rows(path) if self._raw(str(r.get("id"))) is None]
            with self.db.atomic():
                counts = self.import_rows(rows, by=f"seed {path.name}")
                self.db.table("seeds").insert(
                    {"name": path.name, "applied_at": _now(), "added": counts["added"]}
                )
            added[path.name] = counts["added"]
        return added

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # --- what the bot asks ------------------------------------------------------------------

    def search(
        self,
        *,
        province: str | None = None,
        commune: str | None = None,
        category: str | None = None,
        near: tuple[float, float] | None = None,
        text: str | None = None,
        limit: int = 5,
    ) -> list[Service]:
        """Active local services matching every filter given: nearest first with near, best
        text match first with text, else most useful category first, then by name."""
        where = ["s.active = 1", "s.province IS NOT NULL"]  # national lines come separately
        if not self.demo:
            where.append("s.demo = 0")
        params: dict[str, Any] = {"limit": limit}
        joins = ""
        if province:
            match = lookup(province)
            if match is None:
                return []
            where.append("s.province = :province")
            params["province"] = match.province
        if commune:
            where.append("instr(fold(s.commune), :commune) > 0")
            params["commune"] = fold(commune)
        if category:
            family = CATEGORY_FAMILIES.get(category, (category,))
            names = {f"category{i}": c for i, c in enumerate(family)}
            where.append(f"s.category IN ({', '.join(':' + n for n in names)})")
            params.update(names)
        order = f"{_PRIORITY_SQL}, s.name_vi"
        if text:
            query = _fts_query(text)
            if not query:
                return []
            joins = "JOIN services_fts f ON f.rowid = s.rowid AND services_fts MATCH :query"
            params["query"] = query
            order = f"f.rank, {order}"
        if near is None:
            sql = (
                f"SELECT s.*, NULL AS distance_km FROM services s {joins} "
                f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :limit"
            )
            return [Service.from_row(r) for r in self.db.query(sql, params)]
        return self._nearest(near, where, joins, params, limit)

    def _nearest(
        self,
        near: tuple[float, float],
        where: list[str],
        joins: str,
        params: dict[str, Any],
        limit: int,
    ) -> list[Service]:
        lat, lon = near
        params = {**params, "lat": lat, "lon": lon}
        distance = "haversine_km(:lat, :lon, s.lat, s.lon)"
        rows: list[dict[str, Any]] = []
        for radius in SEARCH_RADII_KM:
            # The box holds the whole circle of this radius, so once it yields `limit`
            # services within the radius, nothing outside the box can be nearer.
            south, west, north, east = box_around(lat, lon, radius)
            box = "s.lat BETWEEN :south AND :north AND s.lon BETWEEN :west AND :east"
            sql = (
                f"SELECT * FROM (SELECT s.*, {distance} AS distance_km FROM services s {joins} "
                f"WHERE {' AND '.join(where)} AND {box}) WHERE distance_km <= :radius "
                "ORDER BY distance_km, name_vi LIMIT :limit"
            )
            bounds = {"south": south, "north": north, "west": west, "east": east}
            rows = list(self.db.query(sql, {**params, **bounds, "radius": radius}))
            if len(rows) >= limit:
                break
        return [Service.from_row(r) for r in rows]

    def national_lines(self) -> list[Service]:
        """Active national hotlines (no province), in the order the seed lists them."""
        sql = (
            "SELECT * FROM services WHERE active = 1 AND province IS NULL "
            "AND category = 'hotline' AND demo = 0 ORDER BY rowid"
        )
        return [Service.from_row(r) for r in self.db.query(sql)]

    def national_services(self, category: str | None = None) -> list[Service]:
        """Active national services other than the hotlines (legal-aid line, reporting
        routes...), of one category (or its family) if given, in the order the seed lists them."""
        where = ["active = 1", "province IS NULL", "category != 'hotline'", "demo = 0"]
        params: list[str] = []
        if category:
            family = CATEGORY_FAMILIES.get(category, (category,))
            where.append(f"category IN ({', '.join('?' for _ in family)})")
            params.extend(family)
        sql = f"SELECT * FROM services WHERE {' AND '.join(where)} ORDER BY rowid"
        return [Service.from_row(r) for r in self.db.query(sql, params)]

    def get(self, service_id: str) -> Service | None:
        """The service with this id, active or not, or None."""
        rows = list(self.db.query("SELECT * FROM services WHERE id = ?", [service_id]))
        return Service.from_row(rows[0]) if rows else None

    def count(self) -> int:
        """How many services, active or not."""
        return self.db.table("services").count

    # --- what operators do ------------------------------------------------------------------

    def import_rows(
        self, rows: Iterable[tuple[int, Mapping[str, Any]]], *, by: str, dry_run: bool = False
    ) -> dict[str, int]:
        """Validate every row, then add or update them all in one transaction; any invalid
        row raises RowsRejected and nothing is written. Returns counts per outcome."""
        cleaned, errors, seen = [], [], set()
        for number, raw in rows:
            row, row_errors = clean_row(raw, number)
            errors.extend(row_errors)
            if row["id"] in seen:
                errors.append(RowError(number, "id", f"{row['id']!r} appears twice in the file"))
            seen.add(row["id"])
            cleaned.append(row)
        if errors:
            raise RowsRejected(errors)
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        if dry_run:
            for row in cleaned:
                old = self._raw(row["id"])
                outcome = "added" if old is None else "updated" if self._diff(old, row) else None
                counts[outcome or "unchanged"] += 1
            return counts
        with self.db.atomic():
            for row in cleaned:
                counts[self._write(row, by=by)] += 1
        return counts

    def add(self, raw: Mapping[str, Any], *, by: str) -> Service:
        """Add one new service; its id must not exist yet."""
        row = self._clean_one(raw)
        if self._raw(row["id"]) is not None:
            raise DirectoryError(f"a service with id {row['id']!r} already exists; use update")
        with self.db.atomic():
            self._write(row, by=by)
        return self._get(row["id"])

    def update(self, service_id: str, changes: Mapping[str, Any], *, by: str) -> Service:
        """Change some fields of a service; the whole row is validated again."""
        old = self._raw(service_id)
        if old is None:
            raise UnknownService(f"{UnknownService.__doc__} ({service_id!r})")
        if "id" in changes and changes["id"] != service_id:
            raise DirectoryError("an id never changes: deactivate this one and add a new one")
        row = self._clean_one({**_as_input(old), **changes})
        with self.db.atomic():
            self._write(row, by=by)
        return self._get(service_id)

    def deactivate(self, service_id: str, *, by: str) -> Service:
        """Hide a service from search without deleting it or its history."""
        return self.update(service_id, {"active": "no"}, by=by)

    def verify(
        self, service_id: str, *, by: str, today: datetime.date | None = None
    ) -> Service:
        """Record that someone checked this service today."""
        day = (today or datetime.date.today()).isoformat()
        return self.update(service_id, {"last_verified": day}, by=by)

    def stale(self, days: int, today: datetime.date | None = None) -> list[Service]:
        """Active services never verified, or not verified for more than days, oldest first."""
        cutoff = ((today or datetime.date.today()) - datetime.timedelta(days=days)).isoformat()
        demo = "" if self.demo else " AND demo = 0"
        sql = (
            f"SELECT * FROM services WHERE active = 1{demo} AND "
            "(last_verified IS NULL OR last_verified < ?) ORDER BY last_verified, id"
        )
        return [Service.from_row(r) for r in self.db.query(sql, [cutoff])]

    def coverage(self) -> list[ProvinceCoverage]:
        """Every province in the CSV's order with its local services by category and state:
        confirmed (an operator verified it), unconfirmed (from a public source only) and held
        (inactive: kept for operators, not shown)."""
        demo = "" if self.demo else " AND demo = 0"
        sql = (
            "SELECT province, category, active, last_verified IS NOT NULL AS verified, "
            f"count(*) AS n FROM services WHERE province IS NOT NULL{demo} "
            "GROUP BY 1, 2, 3, 4"
        )
        counts: dict[str, dict[str, dict[str, int]]] = {p: {} for p in current_provinces()}
        for r in self.db.query(sql):
            state = "held" if not r["active"] else "confirmed" if r["verified"] else "unconfirmed"
            by_state = counts.setdefault(r["province"], {}).setdefault(r["category"], {})
            by_state[state] = by_state.get(state, 0) + r["n"]
        order = {c: i for i, c in enumerate(CATEGORIES)}
        return [
            ProvinceCoverage(p, dict(sorted(c.items(), key=lambda kv: order.get(kv[0], 99))))
            for p, c in counts.items()
        ]

    def history(self, service_id: str) -> list[dict[str, Any]]:
        """The audit log of one service, oldest change first."""
        sql = "SELECT at, by, field, old, new FROM audit_log WHERE service_id = ? ORDER BY id"
        return list(self.db.query(sql, [service_id]))

    def export_rows(self) -> list[dict[str, Any]]:
        """Every service in the import format (flags as yes/no), national lines first."""
        rows = self.db.query("SELECT * FROM services ORDER BY province IS NOT NULL, rowid")
        return [_as_input(r) for r in rows]

    def backup(self, target: str | Path) -> None:
        """Copy the database with SQLite's online backup API, safe while the bot is running."""
        dest = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(dest)
        finally:
            dest.close()

    # --- internals --------------------------------------------------------------------------

    def _clean_one(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        row, errors = clean_row(raw, 1)
        if errors:
            raise DirectoryError("; ".join(f"{e.column}: {e.problem}" for e in errors))
        return row

    def _raw(self, service_id: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM services WHERE id = ?", [service_id]))
        return rows[0] if rows else None

    def _get(self, service_id: str) -> Service:
        service = self.get(service_id)
        assert service is not None  # just written in this connection
        return service

    @staticmethod
    def _diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
        return [c for c in COLUMNS if old.get(c) != new.get(c)]

    def _write(self, row: dict[str, Any], *, by: str) -> str:
        """Insert or update one clean row and log what changed; returns the outcome."""
        old = self._raw(row["id"])
        stored = {**row, "folded": _folded(row)}
        at = _now()
        if old is None:
            self.db.table("services").insert(stored)
            self._log(row["id"], at, by, "created", None, row["name_vi"])
            return "added"
        changed = self._diff(old, row)
        if not changed:
            return "unchanged"
        self.db.table("services").update(row["id"], stored)
        for column in changed:
            self._log(row["id"], at, by, column, old[column], row[column])
        return "updated"

    def _log(self, service_id: str, at: str, by: str, column: str, old: Any, new: Any) -> None:
        self.db.table("audit_log").insert(
            {
                "service_id": service_id,
                "at": at,
                "by": by,
                "field": column,
                "old": None if old is None else str(old),
                "new": None if new is None else str(new),
            }
        )


def _as_input(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row in the form import accepts: flags as yes/no, no shadow column."""
    out = {c: row[c] for c in COLUMNS}
    for flag in ("confidential", "active", "demo"):
        out[flag] = "yes" if row[flag] else "no"
    if not out["province"]:
        out["province"] = "Toàn quốc"  # import reads it back as a national service
    return out
