"""The committed seed data (real numbers only from hotlines.csv, demo rows clearly fictional)
and taking it in: each file once per database, never over an operator's change."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from referral_db.editor import Editor
from referral_db.errors import RowsRejected
from referral_db.geo import haversine_km
from referral_db.phones import format_phone
from referral_db.seed import DATA, SEED_FILES, ensure, open_directory, seed_rows
from referral_db.validate import clean_row
from vntext.forms import fold

ROWS = [clean_row(raw, number) for number, raw in seed_rows()]
CLEAN = [row for row, _ in ROWS]


def test_every_seed_row_is_valid():
    assert [str(e) for _, errors in ROWS for e in errors] == []


def test_seed_ids_are_unique():
    ids = [row["id"] for row in CLEAN]
    assert len(ids) == len(set(ids))


def test_national_lines_are_exactly_hotlines_csv():
    with (DATA / "hotlines.csv").open(encoding="utf-8") as f:
        reference = {format_phone(row["number"]): row["source"] for row in csv.DictReader(f)}
    national = {
        row["phones"]: row
        for row in CLEAN
        if row["province"] is None and row["category"] == "hotline"
    }
    assert set(national) == set(reference)
    for number, row in national.items():
        assert row["category"] == "hotline" and not row["demo"]
        assert all(part.strip() in row["source"] for part in reference[number].split(";"))


def test_real_numbers_come_only_from_the_sourced_files():
    """Never a guessed number: each real phone is in hotlines.csv, or in the researched row of
    data/sources/real_services.csv with the same id (copied from ../shared/reference/)."""
    with (DATA / "hotlines.csv").open(encoding="utf-8") as f:
        allowed = {format_phone(row["number"]) for row in csv.DictReader(f)}
    with (DATA / "sources" / "real_services.csv").open(encoding="utf-8") as f:
        researched = {
            row["id"]: {
                format_phone(p) for p in row["phone"].split(";") if p.strip() and "SMS" not in p
            }
            for row in csv.DictReader(f)
        }
    for row in CLEAN:
        for phone in (row["phones"] or "").split("; ") if row["phones"] else ():
            assert (
                phone in allowed
                or phone in researched.get(row["id"], set())
                or (row["demo"] and phone.startswith("0000 000 "))
            ), row["id"]


def test_demo_rows_are_marked_and_fictional():
    demo = [row for row in CLEAN if row["demo"]]
    assert demo
    for row in demo:
        assert "(demo)" in row["name_vi"] and "(demo)" in row["name_en"]
        assert row["phones"].startswith("0000 000 ")


@pytest.mark.parametrize("province", ["Lạng Sơn", "Cà Mau", "Hà Nội", "Hồ Chí Minh", "Đà Nẵng"])
def test_demo_rows_cover_required_provinces(province: str):
    assert any(row["province"] == province and row["demo"] for row in CLEAN)


def test_demo_rows_cover_eight_provinces_and_realistic_categories():
    provinces = {row["province"] for row in CLEAN if row["demo"]}
    categories = {row["category"] for row in CLEAN if row["demo"]}
    assert len(provinces) >= 8
    assert {
        "shelter",
        "trusted_address",
        "counselling",
        "legal_aid",
        "health",
        "police",
        "one_stop_centre",
    } <= categories


def test_demo_coordinates_lie_near_their_province():
    lang_son = [row for row in CLEAN if row["province"] == "Lạng Sơn"]
    assert all(haversine_km(21.853, 106.761, r["lat"], r["lon"]) < 10 for r in lang_son)
    for row in CLEAN:
        if row["demo"]:
            assert row["lat"] is not None, row["id"]
            assert fold(row["province"]) in fold(row["name_vi"])


def test_real_rows_carry_their_page_and_date_and_keep_shelters_private():
    real = [row for row in CLEAN if row["id"].startswith("real-")]
    assert len(real) == 38
    for row in real:
        assert row["source_url"] and row["source_url"].startswith("http"), row["id"]
        assert not row["demo"] and row["last_verified"] is None, row["id"]  # none phoned yet
    private = {row["id"] for row in real if row["confidential"]}
    for row in real:
        if row["category"] in ("shelter", "trusted_address", "one_stop_centre"):
            assert row["id"] in private, row["id"]
    held = {row["id"] for row in real if not row["active"]}
    assert held == {"real-qn-anh-duong-house", "real-ag-anh-duong-house"}


# --- taking the seed files in -------------------------------------------------------------


def test_ensure_seeds_once(tmp_path: Path):
    path = tmp_path / "directory.db"
    added = ensure(path)
    assert list(added) == [p.name for p in SEED_FILES] and all(added.values())
    count = open_directory(path).count()
    assert count == sum(added.values()) > 8
    assert ensure(path) == {}  # every file already taken in
    assert open_directory(path).count() == count


def test_existing_directory_gets_the_real_rows_once_and_keeps_operators_changes(tmp_path: Path):
    path = tmp_path / "old.db"
    ensure(path)
    old = Editor(path)
    # A directory built before the real services existed: it took only the first seed files.
    old.db.execute("DELETE FROM services WHERE id LIKE 'real-%'")
    old.db.execute("DELETE FROM seeds WHERE name = 'services_real.csv'")
    old.db.conn.commit()
    old.deactivate("demo-lang-son-shelter", by="lan")
    old.close()
    again = open_directory(path, demo=True)
    assert again.get("real-th-anh-duong-house") is not None
    assert again.get("demo-lang-son-shelter").active is False  # never overwritten
    assert {r["name"] for r in again.db.table("seeds").rows} == {p.name for p in SEED_FILES}
    count = again.count()
    assert open_directory(path).count() == count  # applied once


def test_a_broken_seed_file_never_stops_the_bot(tmp_path: Path, caplog):
    broken = tmp_path / "services_broken.csv"
    broken.write_text("id,name_vi,category,province,phones\nx,X,spa,Hà Nội,113\n", "utf-8")
    seeds = (DATA / "services_national.csv", broken)
    with caplog.at_level("ERROR", logger="antam.directory"):
        opened = open_directory(tmp_path / "d.db", seeds=seeds)
    assert opened.get("police-113") is not None  # the good file still came in
    assert "seed file was not applied" in caplog.text and "row 2, column category" in caplog.text
    with pytest.raises(RowsRejected):
        ensure(tmp_path / "e.db", seeds=seeds, strict=True)
