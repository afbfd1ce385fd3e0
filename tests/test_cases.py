"""The case store on a real SQLite file: open, claim, close, restart, relays, re-alerts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlite_utils

from bot.escalation.cases import CaseError, CaseStore
from bot.escalation.sealing import Sealer

SECRET = "test-secret-not-for-production"
ADDRESS = "987654321012"  # a Telegram-like chat id that must never reach the disk raw


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "state.db"


@pytest.fixture
def store(db_path):
    return CaseStore(sqlite_utils.Database(db_path), Sealer(SECRET))


def open_case(store, chat_key="k1", **overrides):
    fields = dict(
        chat_key=chat_key,
        category="urgent_help",
        urgent=True,
        locale="vi",
        test=False,
        address=ADDRESS,
    )
    fields.update(overrides)
    return store.open(**fields)


def test_open_gives_an_open_case_with_its_address(store):
    case = open_case(store)
    assert (case.status, case.category, case.urgent, case.locale, case.test) == (
        "open",
        "urgent_help",
        True,
        "vi",
        False,
    )
    assert case.address == ADDRESS
    assert case.realerts == 0 and case.claimed_at is None and case.closed_at is None
    assert case.opened_at.tzinfo is not None
    assert store.get(case.id) == case
    assert store.open_for("k1") == case
    assert store.open_for("someone-else") is None
    assert store.get(case.id + 100) is None


def test_claim_then_close_erases_the_address(store):
    case = open_case(store)
    claimed = store.claim(case.id, "op-hash")
    assert claimed.status == "claimed" and claimed.claimed_at is not None
    with pytest.raises(CaseError):
        store.claim(case.id, "another-op")  # the first claim wins
    closed = store.close(case.id, "referred")
    assert (closed.status, closed.outcome, closed.address) == ("closed", "referred", None)
    assert closed.closed_at is not None
    assert store.open_for("k1") is None
    with pytest.raises(CaseError):
        store.close(case.id, "again")
    with pytest.raises(CaseError):
        store.claim(case.id, "op-hash")
    row = store.db["cases"].get(case.id)
    assert row["address"] is None


def test_claiming_an_unknown_case_fails(store):
    with pytest.raises(CaseError):
        store.claim(42, "op")


def test_restart_finds_active_cases_and_relays(db_path):
    first = CaseStore(sqlite_utils.Database(db_path), Sealer(SECRET))
    a = open_case(first, "k1")
    b = open_case(first, "k2", address="555")
    c = open_case(first, "k3")
    first.claim(b.id, "op")
    first.close(c.id, "ended_by_user")
    first.remember_relay(b.id, -100, 7001)
    first.set_operator_message(a.id, 9001)
    first.db.close()

    again = CaseStore(sqlite_utils.Database(db_path), Sealer(SECRET))
    active = again.active()
    assert [(x.id, x.status) for x in active] == [(a.id, "open"), (b.id, "claimed")]
    assert [x.address for x in active] == [ADDRESS, "555"]
    assert again.case_for_relay(-100, 7001) == b.id
    assert again.case_for_relay(-100, 7002) is None
    assert again.get(a.id).operator_message_id == 9001


def test_close_forgets_relay_links(store):
    case = open_case(store)
    store.claim(case.id, "op")
    store.remember_relay(case.id, -100, 31)
    store.close(case.id, "done")
    assert store.case_for_relay(-100, 31) is None


def test_relay_links_key_on_chat_and_message(store):
    """Message ids are unique only within a chat: the real and the test group both have 1."""
    real = open_case(store, "k-real")
    test = store.open(
        chat_key="k-test",
        category="talk_to_human",
        urgent=False,
        locale="vi",
        test=True,
        address="777",
    )
    store.remember_relay(real.id, -100, 1)
    store.remember_relay(test.id, -200, 1)
    assert store.case_for_relay(-100, 1) == real.id
    assert store.case_for_relay(-200, 1) == test.id
    assert store.case_for_relay(-300, 1) is None


def test_links_made_before_the_chat_was_kept_match_only_their_kind(db_path):
    db = sqlite_utils.Database(db_path)
    db["case_relays"].create(
        {"operator_message_id": int, "case_id": int}, pk="operator_message_id"
    )
    store = CaseStore(db, Sealer(SECRET))  # migrates the old table
    real = open_case(store, "k-real")
    db["case_relays"].insert({"operator_chat_id": 0, "operator_message_id": 5, "case_id": real.id})
    assert store.case_for_relay(-100, 5, test=False) == real.id
    assert store.case_for_relay(-200, 5, test=True) is None


def test_raw_address_is_not_in_the_database_files(store, db_path):
    open_case(store, address=ADDRESS)
    store.db.close()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob("state.db*"))
    assert raw  # the file really was written
    assert ADDRESS.encode() not in raw


def test_a_different_secret_cannot_read_the_address_but_keeps_working(db_path):
    store = CaseStore(sqlite_utils.Database(db_path), Sealer(SECRET))
    case = open_case(store)
    other = CaseStore(sqlite_utils.Database(db_path), Sealer("another-secret"))
    found = other.get(case.id)
    assert found.status == "open" and found.address is None
    assert [c.id for c in other.active()] == [case.id]


def test_unclaimed_due_waits_longer_after_each_realert(store):
    case = open_case(store)
    start = case.opened_at
    assert store.unclaimed_due(start + timedelta(minutes=4), 5) == []
    assert [c.id for c in store.unclaimed_due(start + timedelta(minutes=5), 5)] == [case.id]
    assert store.note_realert(case.id).realerts == 1
    assert store.unclaimed_due(start + timedelta(minutes=9), 5) == []
    assert [c.id for c in store.unclaimed_due(start + timedelta(minutes=10), 5)] == [case.id]
    store.claim(case.id, "op")
    assert store.unclaimed_due(start + timedelta(hours=5), 5) == []


def test_open_for_ignores_other_chats_and_closed_cases(store):
    old = open_case(store, "k1")
    store.close(old.id, "ended_by_user")
    new = open_case(store, "k1", category="talk_to_human", urgent=False, test=True)
    found = store.open_for("k1")
    assert found.id == new.id and found.test and not found.urgent


def test_naive_now_is_taken_as_utc(store):
    case = open_case(store)
    naive = (case.opened_at + timedelta(minutes=6)).astimezone(timezone.utc).replace(tzinfo=None)
    assert [c.id for c in store.unclaimed_due(naive, 5)] == [case.id]
    assert isinstance(naive, datetime)
