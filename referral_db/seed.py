"""The rows a new directory starts with: national lines, then fictional demo entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from referral_db.files import read_rows

DATA = Path(__file__).parent / "data"
# services_national.csv holds the numbers of hotlines.csv (copied from
# ../shared/reference/hotlines.csv) with their sources; services_demo.csv holds only
# fictional "0000 000 xxx" numbers and names marked (demo). Operators replace the demo rows.
SEED_FILES = (DATA / "services_national.csv", DATA / "services_demo.csv")


def seed_rows() -> list[tuple[int, dict[str, Any]]]:
    """Every seed row, numbered within its own file."""
    return [pair for path in SEED_FILES for pair in read_rows(path)]
