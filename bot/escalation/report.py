"""The cases report: counts by category and outcome, time to claim, unclaimed. No personal data."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path

import sqlite_utils

from bot.clock import VIETNAM


@dataclass(frozen=True)
class Report:
    """Aggregates over real (non-test) cases opened since a day; test cases only counted."""

    since: date | None
    total: int = 0
    test_cases: int = 0
    urgent: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)  # closed cases only
    by_status: dict[str, int] = field(default_factory=dict)
    claimed: int = 0  # cases an operator ever claimed
    median_minutes_to_claim: float | None = None
    p90_minutes_to_claim: float | None = None
    unclaimed_open: int = 0  # open right now, nobody has claimed them
    closed_unclaimed: int = 0  # closed without ever being claimed (she ended it, or timed out)


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: a value that really occurred, fine for small counts."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def build_report(db: sqlite_utils.Database, since: date | None) -> Report:
    """Read the cases table (if any) and aggregate; never reads chat keys or addresses."""
    if "cases" not in db.table_names():
        return Report(since=since)
    columns = "status, category, urgent, test, opened_at, claimed_at, outcome"
    sql = f"select {columns} from cases"
    params: list[str] = []
    if since is not None:
        sql += " where opened_at >= ?"
        # A day means a day in Viet Nam; times on disk are UTC, so compare in UTC.
        start = datetime.combine(since, time(0), VIETNAM).astimezone(timezone.utc)
        params.append(start.isoformat(timespec="seconds"))
    rows = list(db.query(sql, params))
    real = [r for r in rows if not r["test"]]
    waits = [
        (
            datetime.fromisoformat(r["claimed_at"]) - datetime.fromisoformat(r["opened_at"])
        ).total_seconds()
        / 60
        for r in real
        if r["claimed_at"]
    ]
    return Report(
        since=since,
        total=len(real),
        test_cases=len(rows) - len(real),
        urgent=sum(1 for r in real if r["urgent"]),
        by_category=dict(Counter(r["category"] for r in real).most_common()),
        by_outcome=dict(Counter(r["outcome"] for r in real if r["outcome"]).most_common()),
        by_status=dict(Counter(r["status"] for r in real).most_common()),
        claimed=len(waits),
        median_minutes_to_claim=statistics.median(waits) if waits else None,
        p90_minutes_to_claim=_percentile(waits, 0.9) if waits else None,
        unclaimed_open=sum(1 for r in real if r["status"] == "open"),
        closed_unclaimed=sum(1 for r in real if r["status"] == "closed" and not r["claimed_at"]),
    )


def _minutes(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} min"


def render_report(report: Report) -> str:
    """Plain text for a terminal or a message; only counts and times."""
    lines = [
        f"Cases since {report.since.isoformat()}" if report.since else "Cases (all time)",
        f"  total: {report.total} (urgent {report.urgent}; test cases left out: "
        f"{report.test_cases})",
    ]
    for title, counts in (
        ("by category", report.by_category),
        ("by status", report.by_status),
        ("by outcome", report.by_outcome),
    ):
        lines.append(f"  {title}:")
        lines.extend(f"    {name}: {n}" for name, n in counts.items())
        if not counts:
            lines.append("    (none)")
    lines += [
        f"  claimed: {report.claimed}",
        f"  time to claim: median {_minutes(report.median_minutes_to_claim)}, "
        f"p90 {_minutes(report.p90_minutes_to_claim)}",
        f"  unclaimed now: {report.unclaimed_open}",
        f"  closed without a claim: {report.closed_unclaimed}",
    ]
    return "\n".join(lines)


def report_command(db_path: Path, since: date | None) -> str:
    """What `python -m bot cases report` prints. A missing database is an empty report."""
    if not Path(db_path).exists():
        return render_report(Report(since=since))
    db = sqlite_utils.Database(db_path)
    try:
        return render_report(build_report(db, since))
    finally:
        db.close()
