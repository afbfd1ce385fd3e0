"""The directory's `services` table and its full-text index, built by sqlite-utils migrations.

This module owns what search reads. The audit log belongs to the edit side
(referral_db/editor.py) and the record of seed files to referral_db/seed.py: each keeps its own
migration set, all recorded in the `_sqlite_migrations` table `sqlite-utils migrate` reads.

Each migration tolerates a database that already has its change: a directory made before these
sets existed was built by a hand-made migrate() that recorded its steps in a `migrations` table
(the last migration here drops that table once the sets have taken over).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

# FTS5 folds most accents itself; it keeps đ, so the `folded` column adds a copy with đ -> d.
FTS_COLUMNS = ["name_vi", "name_en", "notes_vi", "notes_en", "folded"]
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

# Append only: a migration that has run somewhere must never change, move or be renamed.
MIGRATIONS = Migrations("directory")


@MIGRATIONS()
def m001_services(db: Database) -> None:
    """The services, with the indexes province search and the nearest-search box use."""
    services = db.table("services")
    services.create(
        {
            "id": str,
            "name_vi": str,
            "name_en": str,
            "category": str,
            "province": str,
            "commune": str,
            "address": str,
            "phones": str,
            "hours": str,
            "serves": str,
            "languages": str,
            "lat": float,
            "lon": float,
            "free": str,
            "notes_vi": str,
            "notes_en": str,
            "source": str,
            "last_verified": str,
            "active": int,
            "demo": int,
            "folded": str,
        },
        pk="id",
        not_null=["name_vi", "category", "active", "demo"],
        defaults={"active": 1, "demo": 0, "free": "unknown"},
        if_not_exists=True,
    )
    services.create_index(["province", "category"], if_not_exists=True)
    # The nearest-search box is a range on lat.
    services.create_index(["lat", "lon"], if_not_exists=True)


@MIGRATIONS()
def m002_fts(db: Database) -> None:
    """Full-text search over names and notes, kept in step by triggers."""
    # replace=True leaves an index with this configuration as it is.
    db.table("services").enable_fts(
        FTS_COLUMNS, tokenize=FTS_TOKENIZE, create_triggers=True, replace=True
    )


@MIGRATIONS()
def m003_sources(db: Database) -> None:
    """Real rows come from public pages: the page, the date it shows, hours in English for
    English chats, and whether the address must stay with operators (shelters)."""
    services = db.table("services")
    have = services.columns_dict
    for name, kind in (("hours_en", str), ("source_url", str), ("source_date", str)):
        if name not in have:
            services.add_column(name, kind)
    if "confidential" not in have:
        services.add_column("confidential", int, not_null_default=0)


@MIGRATIONS()
def m004_forget_hand_made_record(db: Database) -> None:
    """Drop the `migrations` table of the hand-made migrate() these sets replaced."""
    if "migrations" in db.table_names():
        db.table("migrations").drop()
