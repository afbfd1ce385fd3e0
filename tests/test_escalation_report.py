"""The cases report: numbers computed from a real SQLite file, and no personal data printed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import sqlite_utils

from bot.escalation.cases import CaseStore
from bot.escalation.report import Report, render_report, report_command
from bot.escalation.sealing import Sealer

T0 = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "state.db"


def seed(db_path):
    """Six cases with known times: claims after 2, 4, 10 and 30 minutes."""
    store = CaseStore(sqlite_utils.Database(db_path), Sealer("x"))
    plans = [  # category, urgent, test, minutes to claim, outcome
        ("urgent_help", True, False, 2, "referred"),
        ("urgent_help", True, False, 4, "referred"),
        ("talk_to_human", False, False, 10, "no_reply"),
        ("talk_to_human", False, False, 30, None),
        ("legal_info", False, False, None, "ended_by_user"),
        ("talk_to_human", False, False, None, None),
        ("urgent_help", True, True, 1, "test"),
    ]
    for i, (category, urgent, test, wait, outcome) in enumerate(plans):
        case = store.open(
            chat_key=f"key-{i}",
            category=category,
            urgent=urgent,
            locale="vi",
            test=test,
            address=f"10000{i}",
        )
        opened = T0 + timedelta(hours=i)
        changes = {"opened_at": opened.isoformat(timespec="seconds")}
        if wait is not None:
            changes.update(
                status="claimed", claimed_at=(opened + timedelta(minutes=wait)).isoformat()
            )
        store.db["cases"].update(case.id, changes)
        if outcome is not None:
            store.close(case.id, outcome)
    # One old case, before the --since day.
    old = store.open(
        chat_key="old", category="urgent_help", urgent=True, locale="en", test=False, address="1"
    )
    store.db["cases"].update(old.id, {"opened_at": "2026-10-01T00:00:00+00:00"})
    store.db.close()
    return store


def test_report_numbers(db_path):
    seed(db_path)
    store = CaseStore(sqlite_utils.Database(db_path), Sealer("x"))
    report = store.report(date(2026, 11, 20))
    assert report.total == 6 and report.test_cases == 1 and report.urgent == 2
    assert report.by_category == {"talk_to_human": 3, "urgent_help": 2, "legal_info": 1}
    assert report.by_outcome == {"referred": 2, "no_reply": 1, "ended_by_user": 1}
    assert report.claimed == 4
    assert report.median_minutes_to_claim == pytest.approx(7.0)  # median of 2, 4, 10, 30
    assert report.p90_minutes_to_claim == pytest.approx(30.0)  # nearest rank
    assert report.unclaimed_open == 1
    assert report.closed_unclaimed == 1
    everything = store.report(None)
    assert everything.total == 7 and everything.unclaimed_open == 2


def test_rendered_report_has_numbers_and_no_personal_data(db_path):
    seed(db_path)
    text = report_command(db_path, date(2026, 11, 20))
    assert "Cases since 2026-11-20" in text
    assert "median 7.0 min" in text and "p90 30.0 min" in text
    assert "urgent_help: 2" in text and "unclaimed now: 1" in text
    assert "key-" not in text and "10000" not in text


def test_report_of_a_missing_database_is_empty_and_creates_nothing(tmp_path):
    path = tmp_path / "nothing.db"
    text = report_command(path, None)
    assert "total: 0" in text and "median -" in text
    assert not path.exists()


def test_render_empty_report():
    assert "(none)" in render_report(Report(since=None))
