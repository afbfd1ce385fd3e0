"""Sessions and message ids persist in SQLite, with no message text."""

from __future__ import annotations

import time
from pathlib import Path

from bot.core.session import DELETABLE_SECONDS, Session, SessionStore


def test_round_trip_survives_reopen(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "state.db")
    store.save(
        Session(
            key="k1",
            locale="en",
            locale_chosen=True,
            state="consent",
            pending_category="urgent_help",
            test_mode=True,
        )
    )
    again = SessionStore(tmp_path / "state.db").load("k1")
    assert again == Session(
        key="k1",
        locale="en",
        locale_chosen=True,
        state="consent",
        pending_category="urgent_help",
        test_mode=True,
    )


def test_unknown_key_is_a_fresh_session(tmp_path: Path) -> None:
    assert SessionStore(tmp_path / "s.db").load("nobody") == Session(key="nobody")


def test_take_messages_returns_and_forgets(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db")
    store.remember_messages("k", [3, 1, 2])
    store.remember_messages("other", [9])
    assert store.take_messages("k") == (1, 2, 3)
    assert store.take_messages("k") == ()
    assert store.take_messages("other") == (9,)


def test_messages_older_than_48_hours_are_not_offered(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db")
    store.remember_messages("k", [1])
    store.db.execute("update chat_messages set sent_at = ?", [time.time() - DELETABLE_SECONDS - 5])
    store.remember_messages("k", [2])
    assert store.take_messages("k") == (2,)
