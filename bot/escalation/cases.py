"""Escalated cases in SQLite: open, claim, close, re-alert and relay, with no message text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import sqlite_utils

from bot.escalation.report import Report, build_report
from bot.escalation.sealing import Sealer, SealError

# What is on disk, and why (nothing here is message text, a name or a raw id):
#   chat_key      HMAC of the chat id, made by the caller: links a case to a session
#   address       the channel address sealed with Fernet, kept only so relays survive a
#                 restart, and set to NULL the moment the case closes
#   claimed_by    the operator's key as the caller gives it (a hash, not a Telegram id)
#   times         ISO 8601 in UTC
CASES = "cases"
# (operators' chat, message id) -> case, so an operator's reply finds her. Message ids are only
# unique within a chat: the real and the test group both have a message 1, and keying on the id
# alone once sent a real counsellor's reply to a tester.
RELAYS = "case_relays"
LEGACY_CHAT = 0  # links made before the chat was kept: matched only with the case's own group
STATUSES = ("open", "claimed", "closed")


class CaseError(Exception):
    """This case cannot do that now (unknown, already claimed or already closed)."""


@dataclass(frozen=True)
class Case:
    """One escalation. address is the unsealed channel address, in memory only."""

    id: int
    chat_key: str
    status: str  # "open" | "claimed" | "closed"
    category: str
    urgent: bool
    locale: str
    test: bool
    opened_at: datetime
    claimed_at: datetime | None
    closed_at: datetime | None
    outcome: str | None
    realerts: int
    operator_message_id: int | None
    address: str | None  # None once closed


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Create the case tables if they are missing (idempotent; safe on every start)."""
    if CASES not in db.table_names():
        db.table(CASES).create(
            {
                "id": int,
                "chat_key": str,
                "status": str,
                "category": str,
                "urgent": int,
                "locale": str,
                "test": int,
                "opened_at": str,
                "claimed_at": str,
                "closed_at": str,
                "outcome": str,
                "realerts": int,
                "operator_message_id": int,
                "claimed_by": str,
                "address": str,
            },
            pk="id",
            not_null={"chat_key", "status", "category", "opened_at"},
            defaults={"realerts": 0, "urgent": 0, "test": 0},
        )
        db.table(CASES).create_index(["chat_key", "status"])
        db.table(CASES).create_index(["status"])
    if RELAYS not in db.table_names():
        db.table(RELAYS).create(
            {"operator_chat_id": int, "operator_message_id": int, "case_id": int},
            pk=("operator_chat_id", "operator_message_id"),
        )
    elif "operator_chat_id" not in db.table(RELAYS).columns_dict:
        with db.conn:
            db.table(RELAYS).add_column("operator_chat_id", int, not_null_default=LEGACY_CHAT)
            db.table(RELAYS).transform(
                pk=("operator_chat_id", "operator_message_id"),
                column_order=["operator_chat_id", "operator_message_id", "case_id"],
            )


class CaseStore:
    """The cases table, read and written through small verbs; the only writer of cases."""

    def __init__(self, db: sqlite_utils.Database, sealer: Sealer) -> None:
        self.db = db
        self._sealer = sealer
        ensure_tables(db)

    # --- reading --------------------------------------------------------------------------
    def _case(self, row: dict[str, Any]) -> Case:
        sealed = row.get("address")
        return Case(
            id=row["id"],
            chat_key=row["chat_key"],
            status=row["status"],
            category=row["category"],
            urgent=bool(row["urgent"]),
            locale=row["locale"] or "",
            test=bool(row["test"]),
            opened_at=_parse(row["opened_at"]) or _now(),
            claimed_at=_parse(row["claimed_at"]),
            closed_at=_parse(row["closed_at"]),
            outcome=row["outcome"],
            realerts=row["realerts"] or 0,
            operator_message_id=row["operator_message_id"],
            address=self._address(sealed),
        )

    def _address(self, sealed: str | None) -> str | None:
        # A changed ID_SECRET makes old addresses unreadable: those cases lose their relay,
        # but the store (and a restart) must keep working.
        if not sealed:
            return None
        try:
            return self._sealer.unseal(sealed)
        except SealError:
            return None

    def _rows(self, where: str, params: dict[str, Any] | list[Any]) -> list[Case]:
        return [
            self._case(r) for r in self.db.table(CASES).rows_where(where, params, order_by="id")
        ]

    def get(self, case_id: int) -> Case | None:
        found = self._rows("id = ?", [case_id])
        return found[0] if found else None

    def _require(self, case_id: int) -> Case:
        case = self.get(case_id)
        if case is None:
            raise CaseError(CaseError.__doc__)
        return case

    def open_for(self, chat_key: str) -> Case | None:
        """Her case that is not closed yet, if any (the newest, should there be two)."""
        found = self._rows("chat_key = ? and status != 'closed'", [chat_key])
        return found[-1] if found else None

    def active(self) -> list[Case]:
        """Open or claimed cases, oldest first: what a restarted bot must pick up again."""
        return self._rows("status in ('open', 'claimed')", [])

    def unclaimed_due(self, now: datetime, minutes: float) -> list[Case]:
        """Open cases due a re-alert: unclaimed for minutes x (re-alerts so far + 1)."""
        due = []
        for case in self._rows("status = 'open'", []):
            wait = timedelta(minutes=minutes * (case.realerts + 1))
            if case.opened_at + wait <= (now if now.tzinfo else now.replace(tzinfo=timezone.utc)):
                due.append(case)
        return due

    # --- writing --------------------------------------------------------------------------
    def open(
        self, *, chat_key: str, category: str, urgent: bool, locale: str, test: bool, address: str
    ) -> Case:
        """Open a case for her; the address is sealed before it touches the disk."""
        row = self.db.table(CASES).insert(
            {
                "chat_key": chat_key,
                "status": "open",
                "category": category,
                "urgent": int(urgent),
                "locale": locale,
                "test": int(test),
                "opened_at": _iso(_now()),
                "realerts": 0,
                "address": self._sealer.seal(address),
            }
        )
        assert row.last_pk is not None  # an insert into a rowid table always has one
        return self._require(int(row.last_pk))

    def claim(self, case_id: int, operator_key: str) -> Case:
        """An operator takes the case. CaseError if it is not open (first claim wins)."""
        with self.db.conn:
            cursor = self.db.execute(
                "update cases set status = 'claimed', claimed_at = ?, claimed_by = ? "
                "where id = ? and status = 'open'",
                [_iso(_now()), operator_key, case_id],
            )
        if cursor.rowcount != 1:
            raise CaseError(CaseError.__doc__)
        return self._require(case_id)

    def close(self, case_id: int, outcome: str) -> Case:
        """Close the case and erase her sealed address: nothing can reach her through it now."""
        with self.db.conn:
            cursor = self.db.execute(
                "update cases set status = 'closed', closed_at = ?, outcome = ?, address = null "
                "where id = ? and status != 'closed'",
                [_iso(_now()), outcome, case_id],
            )
            # Relay links point at her; they go with the address.
            self.db.execute(f"delete from {RELAYS} where case_id = ?", [case_id])
        if cursor.rowcount != 1:
            raise CaseError(CaseError.__doc__)
        return self._require(case_id)

    def set_operator_message(self, case_id: int, message_id: int) -> None:
        """Remember the case card's message id in the operators' group (to edit it later)."""
        self._require(case_id)
        self.db.table(CASES).update(case_id, {"operator_message_id": message_id})

    def opened_since(self, chat_key: str, since: datetime) -> int:
        """How many cases this chat opened since then (for the per-person paging limit)."""
        row = self.db.execute(
            f"select count(*) from {CASES} where chat_key = ? and opened_at >= ?",
            [chat_key, _iso(since)],
        ).fetchone()
        return int(row[0]) if row else 0

    def mute_realerts(self, case_id: int, count: int) -> None:
        """Count the case as already re-alerted `count` times: the sweep pages it no more."""
        with self.db.conn:
            self.db.execute(f"update {CASES} set realerts = ? where id = ?", [count, case_id])

    def cases_on_message(self, operator_message_id: int, test: bool) -> int:
        """How many cases one message in the (test or real) operators' chat carries."""
        row = self.db.execute(
            f"select count(*) from {CASES} where operator_message_id = ? and test = ?",
            [operator_message_id, int(test)],
        ).fetchone()
        return int(row[0]) if row else 0

    def note_realert(self, case_id: int) -> Case:
        """Count one more page to the operators for this still unclaimed case."""
        with self.db.conn:
            self.db.execute(
                "update cases set realerts = coalesce(realerts, 0) + 1 where id = ?", [case_id]
            )
        return self._require(case_id)

    def remember_relay(self, case_id: int, chat_id: int, operator_message_id: int) -> None:
        """Link a message in an operators' chat to its case, for their replies."""
        self._require(case_id)
        self.db.table(RELAYS).upsert(
            {
                "operator_chat_id": chat_id,
                "operator_message_id": operator_message_id,
                "case_id": case_id,
            },
            pk=("operator_chat_id", "operator_message_id"),
        )

    def case_for_relay(
        self, chat_id: int, operator_message_id: int, *, test: bool | None = None
    ) -> int | None:
        """The case an operator in chat_id is replying to, from the message they replied to.

        test says which kind of case that chat holds; a link older than the chat column is
        accepted only for a case of that kind, so a test chat can never reach a real case.
        """
        found = self.db.execute(
            f"select case_id from {RELAYS} where operator_chat_id = ? and operator_message_id = ?",
            [chat_id, operator_message_id],
        ).fetchone()
        if found:
            return int(found[0])
        legacy = self.db.execute(
            f"select case_id from {RELAYS} where operator_chat_id = ? and operator_message_id = ?",
            [LEGACY_CHAT, operator_message_id],
        ).fetchone()
        if legacy and test is not None:
            case = self.get(int(legacy[0]))
            if case is not None and case.test == test:
                return case.id
        return None

    def report(self, since: date | None) -> Report:
        """Counts and times for the report; no personal data."""
        return build_report(self.db, since)
