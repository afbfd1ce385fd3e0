"""What survives between turns of one chat: locale, the pending question, test mode, message ids,
and a short memory of the conversation (its topic, the danger, who is in it, the place).

Never message text, names or raw ids: rows are keyed by the HMAC chat key (bot.privacy). The
memory holds labels the bot chose (a topic key, a situation name), never her words.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

# Telegram lets a bot delete messages for 48 hours; older ids are useless and are dropped.
DELETABLE_SECONDS = 48 * 3600
# The conversation's memory (topic, danger, who, place) is forgotten after this much silence:
# the next day is a new conversation, and labels such as "under 18" are not kept for long.
MEMORY_SECONDS = 12 * 3600


@dataclass(frozen=True)
class Session:
    """The state of one chat between turns."""

    key: str
    locale: str | None = None
    locale_chosen: bool = False  # she picked it with /language: it outranks detection
    state: str | None = None  # the question we are waiting on: "safe", "province", "consent"
    pending_category: str | None = None  # the intent that led to a consent question
    test_mode: bool = False
    # The conversation's memory, so a follow-up continues the thread instead of starting over.
    topic: str | None = None  # what the last reply was about: an intent or situation name
    danger: str | None = None  # the situation of the last urgent reply ("violence", "suicide")
    who: str | None = None  # "self", "child_self", "someone_else"
    province: str | None = None  # the province she named (a current name), for "near me"
    last_reply: str | None = None  # a fingerprint of the last reply, so none goes out twice
    urgent_replies: int = 0  # urgent replies so far: the next one continues, never repeats
    unsure_streak: int = 0  # "not sure" replies in a row: the second offers a person
    services_offered: bool = False  # the last reply offered services: a place now finds them

    def with_(self, **changes: object) -> Session:
        return replace(self, **changes)  # type: ignore[arg-type]


MIGRATIONS = Migrations("sessions")
_MEMORY_COLUMNS: dict[str, type] = {
    "topic": str,
    "danger": str,
    "who": str,
    "province": str,
    "last_reply": str,
    "urgent_replies": int,
    "unsure_streak": int,
    "services_offered": int,
}


@MIGRATIONS()
def m001_sessions_and_messages(db: sqlite_utils.Database) -> None:
    """The first tables (a database made before migrations already has them)."""
    if "sessions" not in db.table_names():
        db.table("sessions").create(
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
    if "chat_messages" not in db.table_names():
        db.table("chat_messages").create(
            {"key": str, "message_id": int, "sent_at": float}, pk=("key", "message_id")
        )


@MIGRATIONS()
def m002_conversation_memory(db: sqlite_utils.Database) -> None:
    """The conversation's memory: labels only, never text."""
    table = db.table("sessions")
    for name, kind in _MEMORY_COLUMNS.items():
        if name not in table.columns_dict:
            table.add_column(name, kind)


class SessionStore:
    """Sessions and deletable message ids in SQLite (the state database)."""

    def __init__(self, path: Path | str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL still survives a crash of the process (only an OS crash can lose the
        # last commits); it halves the time of a turn, which commits a few small rows.
        self.db.execute("PRAGMA synchronous=NORMAL")
        MIGRATIONS.apply(self.db)

    def load(self, key: str) -> Session:
        rows = list(self.db.table("sessions").rows_where("key = ?", [key]))
        if not rows:
            return Session(key=key)
        row = rows[0]
        stale = time.time() - (row.get("updated_at") or 0) > MEMORY_SECONDS
        if stale:  # a new conversation: keep only her language and test mode
            return Session(
                key=key,
                locale=row["locale"],
                locale_chosen=bool(row["locale_chosen"]),
                test_mode=bool(row["test_mode"]),
            )
        return Session(
            key=key,
            locale=row["locale"],
            locale_chosen=bool(row["locale_chosen"]),
            state=row["state"],
            pending_category=row["pending_category"],
            test_mode=bool(row["test_mode"]),
            topic=row.get("topic"),
            danger=row.get("danger"),
            who=row.get("who"),
            province=row.get("province"),
            last_reply=row.get("last_reply"),
            urgent_replies=row.get("urgent_replies") or 0,
            unsure_streak=row.get("unsure_streak") or 0,
            services_offered=bool(row.get("services_offered")),
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
                "topic": session.topic,
                "danger": session.danger,
                "who": session.who,
                "province": session.province,
                "last_reply": session.last_reply,
                "urgent_replies": session.urgent_replies,
                "unsure_streak": session.unsure_streak,
                "services_offered": int(session.services_offered),
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
