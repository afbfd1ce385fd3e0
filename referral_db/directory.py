"""The directory as the bot reads it: search, national lines, lookups and reports, never a write.

Opening brings the `services` tables up to date (referral_db/schema.py); after that the
connection is read-only (`PRAGMA query_only`), so nothing holding a Directory can change it.
Changes go through referral_db/editor.py, which keeps the audit log.
"""

from __future__ import annotations

import datetime
import re
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from referral_db import schema
from referral_db.errors import DirectoryError, DirectoryMissing
from referral_db.geo import box_around, haversine_km
from referral_db.provinces import current_provinces, lookup
from referral_db.service import ProvinceCoverage, Service, as_input
from referral_db.validate import CATEGORIES
from vntext.forms import fold

# Most useful first when she asks for her province: somewhere to go and be helped today.
CATEGORY_ORDER = (
    "one_stop_centre",
    "shelter",
    "trusted_address",
    "counselling",
    "legal_aid",
    "health",
    "police",
    "hotline",
    "other",
)
# Asking for a shelter also finds the places that take women in for the night under other
# names: one-stop centres (Ngôi nhà Ánh Dương) and community trusted addresses.
CATEGORY_FAMILIES = {"shelter": ("shelter", "one_stop_centre", "trusted_address")}
# Nearest search widens its box until it holds enough services; the last step covers Viet Nam.
SEARCH_RADII_KM = (10, 30, 100, 300, 2500)
_PRIORITY_SQL = "CASE s.category {} ELSE {} END".format(
    " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(CATEGORY_ORDER)), len(CATEGORY_ORDER)
)


def connect(path: Path) -> Database:
    """Open the directory database at path with its SQL functions, its `services` tables up
    to date; DirectoryMissing or DirectoryError (one line) when that cannot be done."""
    if not path.is_file():
        raise DirectoryMissing(
            f"No directory database at {path}; create one with: "
            f"python -m referral_db init --db {path}"
        )
    db = Database(path)
    db.register_function(haversine_km, deterministic=True, name="haversine_km")
    db.register_function(fold, deterministic=True, name="fold")
    try:
        schema.MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as e:  # not a SQLite file, or locked by a long write
        db.close()
        raise DirectoryError(f"cannot use {path} as the directory: {e}") from None
    return db


def _fts_query(text: str) -> str:
    words = re.findall(r"\w+", fold(text))
    # Quoted, so FTS operators she might type (AND, NEAR, -) are just words; the last word
    # may be unfinished.
    return " ".join(f'"{w}"' for w in words[:-1]) + (f' "{words[-1]}"*' if words else "")


def _family(category: str) -> tuple[str, ...]:
    return CATEGORY_FAMILIES.get(category, (category,))


class Directory:
    """A referral directory database, read-only: Directory(path).

    With demo=False (every real deployment) the fictional demo rows are never returned by
    search, stale or coverage, whatever the database holds; tests, flows and DIRECTORY_DEMO=1
    open it with demo=True.
    """

    def __init__(self, path: str | Path, *, demo: bool = False) -> None:
        self.path = Path(path)
        self.demo = demo
        self.db = connect(self.path)
        self.db.execute("PRAGMA query_only = 1")

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

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
            names = {f"category{i}": c for i, c in enumerate(_family(category))}
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
            family = _family(category)
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

    # --- reports for operators --------------------------------------------------------------

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

    def export_rows(self) -> list[dict[str, Any]]:
        """Every service in the import format (flags as yes/no), national lines first."""
        rows = self.db.query("SELECT * FROM services ORDER BY province IS NOT NULL, rowid")
        return [as_input(r) for r in rows]

    def backup(self, target: str | Path) -> None:
        """Copy the database with SQLite's online backup API, safe while the bot is running."""
        dest = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(dest)
        finally:
            dest.close()
