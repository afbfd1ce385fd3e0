"""Read and write directory rows as CSV or JSON files, for import, export and the seed data."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from referral_db.validate import COLUMNS


class FileFormatError(ValueError):
    """The file is neither a CSV with a header row nor a JSON list of objects."""


def read_rows(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number, row) pairs. CSV rows are numbered as a spreadsheet shows them (header = 1);
    JSON rows count from 1."""
    path = Path(path)
    if path.suffix.casefold() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise FileFormatError(f"{path.name} is not valid JSON: {e}") from None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise FileFormatError(f"{path.name} should hold a JSON list of objects")
        return list(enumerate(data, start=1))
    # utf-8-sig: spreadsheets often save CSV with a byte-order mark before the header.
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames:
            raise FileFormatError(f"{path.name} has no header row")
        return [(number, dict(row)) for number, row in enumerate(reader, start=2)]


def write_rows(rows: Iterable[Mapping[str, Any]], fmt: str, out: IO[str]) -> None:
    """Write rows in the import format, so an export can be edited and imported again."""
    if fmt == "json":
        json.dump([dict(row) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
