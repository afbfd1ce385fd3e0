"""Time nearest-5 search over 10,000 synthetic services, and place resolution on messages of
every length; write docs/benchmarks-directory.md."""

from __future__ import annotations

import argparse
import datetime
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from the Makefile, not as an installed package

from referral_db.directory import Directory  # noqa: E402
from referral_db.editor import Editor  # noqa: E402
from referral_db.geo import VIET_NAM_BOX  # noqa: E402
from referral_db.provinces import _fold_word, _table, current_provinces, resolve  # noqa: E402
from referral_db.seed import ensure  # noqa: E402
from referral_db.validate import CATEGORIES  # noqa: E402

TARGET_P50_MS = 5.0
# resolve() runs on every message she sends: it must stay well under a millisecond.
TARGET_RESOLVE_P50_MS = 1.0
# Written for the benchmark (no real person's words): a short line, a typical narrative
# (~130 characters), a long one, and Telegram's 4,096-character maximum.
MESSAGES = {
    "short (24 chars)": "em ở Nha Trang, giúp em",
    "typical (~130 chars)": (
        "Chị ơi cho em hỏi, chồng em mỗi lần say về là chửi bới đánh đập, em đang ở với con "
        "nhỏ ở Thủ Đức, em phải làm sao ạ?"
    ),
    "long (~1,000 chars)": (
        "toi khong biet phai lam sao nua, moi lan anh ay say ve la dap pha "
        "do dac trong nha va doa se giet toi "
    )
    * 10
    + "o bien hoa",
    "maximum (4,096 chars)": (
        "He says nobody will believe me and checks my phone every night. " * 70
    )[:4080]
    + " in Da Nang",
}


def synthetic_rows(n: int, rng: random.Random) -> list[tuple[int, dict[str, str]]]:
    """n fictional demo services spread uniformly over Viet Nam's bounding box."""
    south, west, north, east = VIET_NAM_BOX
    provinces = current_provinces()
    rows = []
    for i in range(n):
        province = rng.choice(provinces)
        rows.append(
            (
                i + 2,
                {
                    "id": f"bench-{i}",
                    "name_vi": f"Dịch vụ (demo) {i} {province}",
                    "category": rng.choice([c for c in CATEGORIES if c != "hotline"]),
                    "province": province,
                    "phones": f"0000 000 {i % 1000:03d}",
                    "lat": f"{rng.uniform(south, north):.5f}",
                    "lon": f"{rng.uniform(west, east):.5f}",
                    "demo": "yes",
                },
            )
        )
    return rows


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks-directory.md")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    south, west, north, east = VIET_NAM_BOX
    with tempfile.TemporaryDirectory() as tmp:
        # The synthetic rows are demo rows: searched as tests and flows search them.
        path = Path(tmp) / "directory.db"
        ensure(path)
        editor = Editor(path)
        started = time.perf_counter()
        editor.import_rows(synthetic_rows(args.entries, rng), by="bench")
        load_s = time.perf_counter() - started
        editor.close()
        directory = Directory(path, demo=True)
        points = [
            (rng.uniform(south, north), rng.uniform(west, east)) for _ in range(args.queries)
        ]
        directory.search(near=points[0], limit=5)  # warm the page cache once
        timings_ms = []
        for point in points:
            started = time.perf_counter()
            found = directory.search(near=point, limit=5)
            timings_ms.append((time.perf_counter() - started) * 1000)
            assert len(found) == 5
        total = directory.count()
        directory.close()
    p50, p99 = percentile(timings_ms, 50), percentile(timings_ms, 99)
    _table()  # the alias index is built once per process, at the first message
    resolve_rows = []
    for label, message in MESSAGES.items():
        _fold_word.cache_clear()  # cold: none of its words folded before
        started = time.perf_counter()
        resolve(message)
        cold = (time.perf_counter() - started) * 1000
        samples = []
        for _ in range(args.queries):
            started = time.perf_counter()
            match = resolve(message)
            samples.append((time.perf_counter() - started) * 1000)
        found = f"{match.province} ({match.place or 'province'})" if match else "none"
        resolve_rows.append(
            f"| {label} | {percentile(samples, 50):.3f} | {percentile(samples, 99):.3f} "
            f"| {cold:.3f} | {found} |"
        )
    aliases = sum(len(v) for v in _table()[1].values())
    resolve_table = "\n".join(resolve_rows)
    worst_p50 = max(float(r.split("|")[2]) for r in resolve_rows)
    resolve_verdict = "met" if worst_p50 <= TARGET_RESOLVE_P50_MS else "NOT met"
    report = f"""# Referral directory: nearest-5 search benchmark

Generated by `scripts/bench_directory.py` on {datetime.date.today().isoformat()}; do not edit.

- Services in the database: {total:,} ({args.entries:,} synthetic + seed rows), loaded
  through validated import in {load_s:.1f} s
- Queries: {args.queries:,} random points in Viet Nam's bounding box, `search(near=..., limit=5)`
  (bounding-box prefilter on the `(lat, lon)` index, then `haversine_km` in SQL)
- Machine: Python {platform.python_version()}, SQLite {sqlite3.sqlite_version},
  {platform.machine()} {platform.system()}

| metric | ms |
|---|---|
| p50 | {p50:.2f} |
| p99 | {p99:.2f} |
| mean | {statistics.mean(timings_ms):.2f} |
| max | {max(timings_ms):.2f} |

Target: p50 <= {TARGET_P50_MS:.0f} ms — {"met" if p50 <= TARGET_P50_MS else "NOT met"}.

## Place resolution: `referral_db.provinces.resolve(text)` on every message

{aliases:,} names (34 provinces, their 63 former names, spellings, and the cities, towns and
former districts of `data/places.csv`) in a dictionary keyed by accent-folded words: one
look-up per word position and name length, so the time grows with the message, not with the
number of places; each word is folded once and remembered (20,000 words), since chat words
repeat. {args.queries:,} calls per message; "cold" is the first call, with no word folded yet.

| message | p50 ms | p99 ms | cold ms | found |
|---|---|---|---|---|
{resolve_table}

Target: p50 <= {TARGET_RESOLVE_P50_MS:.0f} ms for every length — {resolve_verdict}.
"""
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"p50 {p50:.2f} ms, p99 {p99:.2f} ms -> {args.out}")


if __name__ == "__main__":
    main()
