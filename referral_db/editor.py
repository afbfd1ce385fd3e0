"""The directory as operators change it: import, add, update, verify, deactivate, each change
written to the audit log; and the log itself (history). Only the operators' CLI and the seeding
of a new directory (referral_db/seed.py) hold an Editor; the bot holds a read-only Directory.

This module owns the `audit_log` table and its migrations.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from referral_db.directory import connect
from referral_db.errors import DirectoryError, RowsRejected, UnknownService
from referral_db.service import Service, as_input
from referral_db.validate import COLUMNS, RowError, clean_row
from vntext.forms import fold

# Append only: a migration that has run somewhere must never change, move or be renamed.
MIGRATIONS = Migrations("directory_audit")


@MIGRATIONS()
def m001_audit_log(db: Database) -> None:
    """Every change: which service, when (UTC), by whom, which field, old and new value."""
    log = db.table("audit_log")
    log.create(
        {"id": int, "service_id": str, "at": str, "by": str, "field": str, "old": str, "new": str},
        pk="id",
        if_not_exists=True,
    )
    log.create_index(["service_id"], if_not_exists=True)


def now() -> str:
    """UTC now, to the second, as the audit log and the seed record write it."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _folded(row: Mapping[str, Any]) -> str:
    """The accent-folded shadow text FTS searches, so "da nang" finds "Đà Nẵng" (FTS keeps đ)."""
    parts = ("name_vi", "name_en", "notes_vi", "notes_en", "province", "commune", "address")
    return fold(" ".join(str(row[p]) for p in parts if row.get(p)))


def _diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [c for c in COLUMNS if old.get(c) != new.get(c)]


def _clean_one(raw: Mapping[str, Any]) -> dict[str, Any]:
    row, errors = clean_row(raw, 1)
    if errors:
        raise DirectoryError("; ".join(f"{e.column}: {e.problem}" for e in errors))
    return row


class Editor:
    """A writable referral directory: Editor(path). Every change is validated and logged."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = connect(self.path)
        MIGRATIONS.apply(self.db)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

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
                outcome = "added" if old is None else "updated" if _diff(old, row) else None
                counts[outcome or "unchanged"] += 1
            return counts
        with self.db.atomic():
            for row in cleaned:
                counts[self._write(row, by=by)] += 1
        return counts

    def add(self, raw: Mapping[str, Any], *, by: str) -> Service:
        """Add one new service; its id must not exist yet."""
        row = _clean_one(raw)
        if self._raw(row["id"]) is not None:
            raise DirectoryError(f"a service with id {row['id']!r} already exists; use update")
        with self.db.atomic():
            self._write(row, by=by)
        return self._service(row["id"])

    def update(self, service_id: str, changes: Mapping[str, Any], *, by: str) -> Service:
        """Change some fields of a service; the whole row is validated again."""
        old = self._raw(service_id)
        if old is None:
            raise UnknownService(f"{UnknownService.__doc__} ({service_id!r})")
        if "id" in changes and changes["id"] != service_id:
            raise DirectoryError("an id never changes: deactivate this one and add a new one")
        row = _clean_one({**as_input(old), **changes})
        with self.db.atomic():
            self._write(row, by=by)
        return self._service(service_id)

    def deactivate(self, service_id: str, *, by: str) -> Service:
        """Hide a service from search without deleting it or its history."""
        return self.update(service_id, {"active": "no"}, by=by)

    def verify(self, service_id: str, *, by: str, today: datetime.date | None = None) -> Service:
        """Record that someone checked this service today."""
        day = (today or datetime.date.today()).isoformat()
        return self.update(service_id, {"last_verified": day}, by=by)

    def history(self, service_id: str) -> list[dict[str, Any]]:
        """The audit log of one service, oldest change first."""
        sql = "SELECT at, by, field, old, new FROM audit_log WHERE service_id = ? ORDER BY id"
        return list(self.db.query(sql, [service_id]))

    # --- internals --------------------------------------------------------------------------

    def _raw(self, service_id: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM services WHERE id = ?", [service_id]))
        return rows[0] if rows else None

    def _service(self, service_id: str) -> Service:
        row = self._raw(service_id)
        assert row is not None  # just written in this connection
        return Service.from_row(row)

    def _write(self, row: dict[str, Any], *, by: str) -> str:
        """Insert or update one clean row and log what changed; returns the outcome."""
        old = self._raw(row["id"])
        stored = {**row, "folded": _folded(row)}
        at = now()
        if old is None:
            self.db.table("services").insert(stored)
            self._log(row["id"], at, by, "created", None, row["name_vi"])
            return "added"
        changed = _diff(old, row)
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
