"""The directory's tables, built by an ordered list of migrations recorded in `migrations`."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from sqlite_utils import Database

# FTS5 folds most accents itself; it keeps đ, so the `folded` column adds a copy with đ -> d.
FTS_COLUMNS = ["name_vi", "name_en", "notes_vi", "notes_en", "folded"]
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


def _m001_services(db: Database) -> None:
    db.table("services").create(
        {
            "id": str, "name_vi": str, "name_en": str, "category": str, "province": str,
            "commune": str, "address": str, "phones": str, "hours": str, "serves": str,
            "languages": str, "lat": float, "lon": float, "free": str, "notes_vi": str,
            "notes_en": str, "source": str, "last_verified": str, "active": int, "demo": int,
            "folded": str,
        },
        pk="id",
        not_null=["name_vi", "category", "active", "demo"],
        defaults={"active": 1, "demo": 0, "free": "unknown"},
    )
    db.table("services").create_index(["province", "category"])
    db.table("services").create_index(["lat", "lon"])  # the nearest-search box is a range on lat


def _m002_audit_log(db: Database) -> None:
    db.table("audit_log").create(
        {"id": int, "service_id": str, "at": str, "by": str, "field": str, "old": str, "new": str},
        pk="id",
    )
    db.table("audit_log").create_index(["service_id"])


def _m003_fts(db: Database) -> None:
    db.table("services").enable_fts(FTS_COLUMNS, tokenize=FTS_TOKENIZE, create_triggers=True)


def _m004_sources(db: Database) -> None:
    # Real rows come from public pages: the page, the date it shows, hours in English for
    # English chats, and whether the address must stay with operators (shelters).
    services = db.table("services")
    services.add_column("hours_en", str)
    services.add_column("source_url", str)
    services.add_column("source_date", str)
    services.add_column("confidential", int, not_null_default=0)


def _m005_seeds(db: Database) -> None:
    # Which seed files this database has taken in, so a new one (the real services) reaches an
    # existing directory once, and rows operators changed or deactivated are never overwritten.
    db.table("seeds").create({"name": str, "applied_at": str, "added": int}, pk="name")


# Append only: a migration that has run somewhere must never change or move.
MIGRATIONS: list[Callable[[Database], None]] = [
    _m001_services, _m002_audit_log, _m003_fts, _m004_sources, _m005_seeds,
]


def migrate(db: Database) -> list[str]:
    """Run the migrations this database has not seen yet, in order; returns their names."""
    if "migrations" not in db.table_names():
        db.table("migrations").create({"id": int, "name": str, "applied_at": str}, pk="id")
    done = {row["name"] for row in db.table("migrations").rows}
    applied = []
    for number, migration in enumerate(MIGRATIONS, start=1):
        name = migration.__name__.lstrip("_")
        if name in done:
            continue
        with db.atomic():  # each migration and its record commit together, or not at all
            migration(db)
            db.table("migrations").insert(
                {
                    "id": number,
                    "name": name,
                    "applied_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                }
            )
        applied.append(name)
    return applied
