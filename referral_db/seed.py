"""The rows a new directory starts with (national lines, real sourced services, demo entries),
and taking in each seed file once per database. This module owns the `seeds` table."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from referral_db.directory import Directory
from referral_db.editor import Editor, now
from referral_db.errors import RowsRejected
from referral_db.files import read_rows

log = logging.getLogger("antam.directory")

DATA = Path(__file__).parent / "data"
# services_national.csv holds the numbers of hotlines.csv (copied from
# ../shared/reference/hotlines.csv) with their sources. services_real.csv holds the services
# compiled from public pages in data/sources/real_services.csv (copied from
# ../shared/reference/, with its notes), each with its page and the date the page shows; none
# is confirmed by phone yet. services_demo.csv holds only fictional "0000 000 xxx" numbers and
# names marked (demo): shown only by tests, flows and DIRECTORY_DEMO=1.
# A file is applied once per database (table `seeds`), adding only ids it does not hold yet.
SEED_FILES = (
    DATA / "services_national.csv",
    DATA / "services_real.csv",
    DATA / "services_demo.csv",
)

# Append only: a migration that has run somewhere must never change, move or be renamed.
MIGRATIONS = Migrations("directory_seeds")


@MIGRATIONS()
def m001_seeds(db: Database) -> None:
    """Which seed files this database has taken in, so a new one (the real services) reaches
    an existing directory once, and rows operators changed or deactivated are never
    overwritten."""
    db.table("seeds").create(
        {"name": str, "applied_at": str, "added": int}, pk="name", if_not_exists=True
    )


def seed_rows() -> list[tuple[int, dict[str, Any]]]:
    """Every seed row, numbered within its own file."""
    return [pair for path in SEED_FILES for pair in read_rows(path)]


def apply(editor: Editor, files: Iterable[Path] = SEED_FILES) -> dict[str, int]:
    """Import each seed file not applied before, through the operators' import (all or
    nothing), adding only ids the directory does not hold: a row an operator changed or
    deactivated is never overwritten. Returns rows added per file."""
    MIGRATIONS.apply(editor.db)
    seeds = editor.db.table("seeds")
    applied = {row["name"] for row in seeds.rows}
    added: dict[str, int] = {}
    for path in files:
        if path.name in applied:
            continue
        held = {row["id"] for row in editor.db.query("SELECT id FROM services")}
        rows = [(n, r) for n, r in read_rows(path) if str(r.get("id")) not in held]
        with editor.db.atomic():
            counts = editor.import_rows(rows, by=f"seed {path.name}")
            seeds.insert({"name": path.name, "applied_at": now(), "added": counts["added"]})
        added[path.name] = counts["added"]
    return added


def ensure(
    path: str | Path, *, strict: bool = False, seeds: Iterable[Path] = SEED_FILES
) -> dict[str, int]:
    """Create the directory at path if missing and take in any seed file it has not seen yet
    (a new database gets them all; an existing one the new ones). Returns rows added per file.

    A seed file that fails validation is skipped and logged, so the bot still starts and
    answers with the national lines; strict=True (`init`) raises RowsRejected."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # WAL lets the bot keep reading while an operator imports; it sticks to the file.
        fresh = Database(path)
        fresh.enable_wal()
        fresh.close()
    editor = Editor(path)
    try:
        return apply(editor, seeds)
    except RowsRejected as e:
        if strict:
            raise
        log.error("a seed file was not applied: %s", e)
        return {}
    finally:
        editor.close()


def open_directory(
    path: str | Path, *, demo: bool = False, seeds: Iterable[Path] = SEED_FILES
) -> Directory:
    """The bot's start-up: ensure the directory (created, new seed files taken in), then hand
    back its read-only side."""
    ensure(path, seeds=seeds)
    return Directory(path, demo=demo)
