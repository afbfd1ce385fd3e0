"""What survives between turns of one chat: locale, the pending question, test mode, message ids.

Never message text, names or raw ids: rows are keyed by the HMAC chat key (bot.privacy).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

import sqlite_utils

# Telegram lets a bot delete messages for 48 hours; older ids are useless and are dropped.
DELETABLE_SECONDS = 48 * 3600


@dataclass(frozen=True)
class Session:
    """The state of one chat between turns."""

    key: str
    locale: str | None = None
    locale_chosen: bool = False  # she picked it with /language: it outranks detection
    state: str | None = None  # the question we are waiting on: "safe", "province", "consent"
    pending_category: str | None = None  # the intent that led to a consent question
    test_mode: bool = False

    def with_(self, **changes: object) -> Session:
        return replace(self, **changes)  # type: ignore[arg-type]


class SessionStore:
    """Sessions and deletable message ids in SQLite (the state database)."""

    def __init__(self, path: Path | str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL still survives a crash of the process (only an OS crash can lose the
        # last commits); it halves the time of a turn, which commits a few small rows.
        self.db.execute("PRAGMA synchronous=NORMAL")
        if "sessions" not in self.db.table_names():
            self.db.table("sessions").create(
                {
                    "key": str,
                    "locale": str,
                    "locale_chosen": int,
                    "state": str,
                    "pending_category": str,
                    "test_mode": int,
                    "updated_at": float,
                },
                pk="key",
            )
        if "chat_messages" not in self.db.table_names():
            self.db.table("chat_messages").create(
                {"key": str, "message_id": int, "sent_at": float}, pk=("key", "message_id")
            )

    def load(self, key: str) -> Session:
        rows = list(self.db.table("sessions").rows_where("key = ?", [key]))
        if not rows:
            return Session(key=key)
        row = rows[0]
        return Session(
            key=key,
            locale=row["locale"],
            locale_chosen=bool(row["locale_chosen"]),
            state=row["state"],
            pending_category=row["pending_category"],
            test_mode=bool(row["test_mode"]),
        )

    def save(self, session: Session) -> None:
        self.db.table("sessions").upsert(
            {
                "key": session.key,
                "locale": session.locale,
                "locale_chosen": int(session.locale_chosen),
                "state": session.state,
                "pending_category": session.pending_category,
                "test_mode": int(session.test_mode),
                "updated_at": time.time(),
            },
            pk="key",
        )

    def remember_messages(self, key: str, message_ids: list[int] | tuple[int, ...]) -> None:
        now = time.time()
        self.db.table("chat_messages").upsert_all(
            [{"key": key, "message_id": mid, "sent_at": now} for mid in message_ids],
            pk=("key", "message_id"),
        )

    def take_messages(self, key: str) -> tuple[int, ...]:
        """The ids still deletable in this chat, forgetting all of them."""
        cutoff = time.time() - DELETABLE_SECONDS
        ids = tuple(
            row["message_id"]
            for row in self.db.table("chat_messages").rows_where(
                "key = ? and sent_at >= ?", [key, cutoff], order_by="message_id"
            )
        )
        self.db.execute("delete from chat_messages where key = ?", [key])
        return ids
