"""The rows a new directory starts with: national lines, real sourced services, demo entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from referral_db.files import read_rows

DATA = Path(__file__).parent / "data"
# services_national.csv holds the numbers of hotlines.csv (copied from
# ../shared/reference/hotlines.csv) with their sources. services_real.csv holds the services
# compiled from public pages in data/sources/real_services.csv (copied from
# ../shared/reference/, with its notes), each with its page and the date the page shows; none
# is confirmed by phone yet. services_demo.csv holds only fictional "0000 000 xxx" numbers and
# names marked (demo): shown only by tests, flows and DIRECTORY_DEMO=1.
# A file is applied once per database (table `seeds`), adding only ids it does not hold yet.
SEED_FILES = (
    DATA / "services_national.csv",
    DATA / "services_real.csv",
    DATA / "services_demo.csv",
)


def seed_rows() -> list[tuple[int, dict[str, Any]]]:
    """Every seed row, numbered within its own file."""
    return [pair for path in SEED_FILES for pair in read_rows(path)]
