"""The ledger of Telegram updates in state.db: which are done, and how far a started one got.

It keeps update ids and two counts, never an update's content (docs/reliability.md). A row
outlives Telegram's own redelivery window, then it is pruned.
"""

from __future__ import annotations

import time

import sqlite_utils

LEDGER = "telegram_updates"  # update_id -> how far its turn got; ids and counts only
KEEP_SECONDS = 2 * 24 * 3600  # Telegram keeps an unconfirmed update for 24 hours


class UpdateLedger:
    """The ids of updates whose turn is done and, for a started one, how far it got: how many
    of its messages to her, and how many of its operators' actions, were carried out."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        with db.conn:
            db.execute(
                f"create table if not exists {LEDGER} (update_id integer primary key, "
                "user_done integer not null default 0, operators_done integer not null "
                "default 0, finished integer not null default 0, at real not null)"
            )

    def finished(self, update_id: int) -> bool:
        row = self.db.execute(
            f"select finished from {LEDGER} where update_id = ?", [update_id]
        ).fetchone()
        return bool(row and row[0])

    def done(self, update_id: int) -> tuple[int, int]:
        row = self.db.execute(
            f"select user_done, operators_done from {LEDGER} where update_id = ?", [update_id]
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def note(self, update_id: int, user_done: int, operators_done: int) -> None:
        with self.db.conn:
            self.db.execute(
                f"insert into {LEDGER} (update_id, user_done, operators_done, at) "
                "values (?, ?, ?, ?) on conflict(update_id) do update set "
                "user_done = excluded.user_done, operators_done = excluded.operators_done",
                [update_id, user_done, operators_done, time.time()],
            )

    def finish(self, update_id: int) -> None:
        with self.db.conn:
            self.db.execute(
                f"insert into {LEDGER} (update_id, finished, at) values (?, 1, ?) "
                "on conflict(update_id) do update set finished = 1",
                [update_id, time.time()],
            )

    def prune(self) -> None:
        with self.db.conn:
            self.db.execute(f"delete from {LEDGER} where at < ?", [time.time() - KEEP_SECONDS])
