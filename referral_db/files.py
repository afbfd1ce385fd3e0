"""Read and write directory rows as CSV or JSON files, for import, export and the seed data.

CSV is what operators edit in LibreOffice or Excel, so reading accepts what those programs save
(a UTF-8 byte-order mark, ";" as the delimiter in many locales, Windows line ends) and writing
makes a file they open cleanly and safely (a byte-order mark, and no cell read as a formula).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from referral_db.validate import COLUMNS

# A directory of every service in Viet Nam is a few megabytes; anything far larger is a mistake.
MAX_FILE_BYTES = 20_000_000
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection, OWASP):
# export puts an apostrophe before it, which spreadsheets show as text, and import removes it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Python's csv module refuses NUL bytes before any row is known: it is swapped for this
# private-use character while parsing and put back, so validation names the row and column.
_NUL_STAND_IN = "\ue000"


class FileFormatError(ValueError):
    """The file is neither a CSV with a header row nor a JSON list of objects."""


def _decode(path: Path) -> str:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise FileFormatError(
            f"{path.name} is larger than {MAX_FILE_BYTES // 1_000_000} MB; is it the right file?"
        )
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")  # spreadsheets often start UTF-8 with a byte-order mark
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise FileFormatError(
            f'{path.name} is not UTF-8 (line {line}); save it as "CSV UTF-8"'
        ) from None


def _delimiter(header: str) -> str:
    """The header's separator: "," by default; ";" or a tab when a spreadsheet chose them."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def unneutralise(value: Any) -> Any:
    """Undo export's formula guard: "'=x" back to "=x"; anything else unchanged."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and (value[1] in "=+-@\t\r"):
        return value[1:]
    return value


def neutralise(value: Any) -> Any:
    """Text a spreadsheet shows as text, never runs: "=HYPERLINK(...)" -> "'=HYPERLINK(...)"."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def read_rows(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number, row) pairs. CSV rows are numbered as a spreadsheet shows them (header = 1);
    JSON rows count from 1. Cells beyond the header come under the key None."""
    path = Path(path)
    text = _decode(path)
    if path.suffix.casefold() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise FileFormatError(f"{path.name} is not valid JSON: {e}") from None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise FileFormatError(f"{path.name} should hold a JSON list of objects")
        return list(enumerate(data, start=1))
    nul = "\x00" in text and _NUL_STAND_IN not in text
    if nul:
        text = text.replace("\x00", _NUL_STAND_IN)
    header = re.split(r"[\r\n]", text, maxsplit=1)[0]
    if not header.strip():
        raise FileFormatError(f"{path.name} has no header row")
    # One huge cell must reach validation (which names its row and column), not stop the reader.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(header))
    rows = []
    try:
        for number, row in enumerate(reader, start=2):
            clean = {}
            for key, value in row.items():
                if nul and isinstance(value, str):
                    value = value.replace(_NUL_STAND_IN, "\x00")
                elif nul and isinstance(value, list):
                    value = [v.replace(_NUL_STAND_IN, "\x00") for v in value]
                clean[key] = unneutralise(value)
            rows.append((number, clean))
    except csv.Error as e:
        raise FileFormatError(f"{path.name}, line {reader.line_num}: {e}") from None
    if not reader.fieldnames:
        raise FileFormatError(f"{path.name} has no header row")
    return rows


def write_rows(rows: Iterable[Mapping[str, Any]], fmt: str, out: IO[str]) -> None:
    """Write rows in the import format, so an export can be edited and imported again.

    CSV gets Windows line ends and formula-guarded cells; the caller opens a file with
    encoding="utf-8-sig" so that Excel reads it as UTF-8.
    """
    if fmt == "json":
        json.dump([dict(row) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) for k, v in row.items()})
