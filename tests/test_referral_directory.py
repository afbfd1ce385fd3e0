"""The referral directory store: schema, search for the bot, and operator changes."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from referral_db.provinces import resolve
from referral_db.schema import MIGRATIONS
from referral_db.store import Directory, DirectoryError, DirectoryMissing, RowsRejected, Service

LANG_SON_CITY = (21.853, 106.761)


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    return Directory.ensure(tmp_path / "data" / "directory.db", demo=True)  # the demo rows


def _snapshot(directory: Directory) -> list[dict]:
    return list(directory.db.query("SELECT * FROM services ORDER BY id")) + list(
        directory.db.query("SELECT * FROM audit_log ORDER BY id")
    )


def test_missing_database_is_an_error(tmp_path: Path):
    with pytest.raises(DirectoryMissing, match="init"):
        Directory(tmp_path / "none.db")


def test_ensure_seeds_once_and_migrations_are_recorded(tmp_path: Path):
    path = tmp_path / "directory.db"
    first = Directory.ensure(path)
    count = first.count()
    first.close()
    again = Directory.ensure(path)
    assert again.count() == count > 8
    names = [r["name"] for r in again.db.query("SELECT name FROM migrations ORDER BY id")]
    assert names == [m.__name__.lstrip("_") for m in MIGRATIONS]


def test_tables_are_plain_sqlite(directory: Directory):
    db = Database(directory.path)  # what a sqlite-utils or Datasette user opens
    assert {"services", "audit_log", "migrations", "services_fts"} <= set(db.table_names())
    assert db["services"].get("police-113")["phones"] == "113"


def test_bac_lieu_sentence_finds_ca_mau_demo_services(directory: Directory):
    match = resolve("o Bac Lieu co trung tam ho tro nao khong")
    assert match is not None and (match.province, match.formerly) == ("Cà Mau", "Bạc Liêu")
    found = directory.search(province=match.province)
    assert found and all(s.province == "Cà Mau" and s.demo for s in found)
    assert "demo-ca-mau-shelter" in [s.id for s in found]


def test_province_search_puts_most_useful_first(directory: Directory):
    found = directory.search(province="Lạng Sơn")
    assert [s.category for s in found] == [
        "one_stop_centre", "shelter", "trusted_address", "counselling"
    ]


def test_province_search_accepts_legacy_and_unaccented_names(directory: Directory):
    assert directory.search(province="bac lieu") == directory.search(province="Cà Mau")


def test_province_without_local_entries_returns_nothing(directory: Directory):
    assert directory.search(province="Cao Bằng") == []
    assert directory.search(province="Atlantis") == []


def test_near_lang_son_lists_lang_son_nearest_first(directory: Directory):
    found = directory.search(near=LANG_SON_CITY, limit=4)
    assert [s.province for s in found] == ["Lạng Sơn"] * 4
    distances = [s.distance_km for s in found]
    assert distances == sorted(distances) and distances[0] < 1 and distances[-1] < 10


def test_near_widens_until_it_finds_enough(directory: Directory):
    found = directory.search(near=LANG_SON_CITY, limit=5)
    assert len(found) == 5 and found[-1].province != "Lạng Sơn"
    assert found[-1].distance_km > 50


def test_near_combines_with_category(directory: Directory):
    found = directory.search(near=(9.18, 105.15), category="counselling", limit=1)
    assert [s.id for s in found] == ["demo-ca-mau-counselling"]


def test_haversine_km_is_a_sql_function(directory: Directory):
    hanoi_to_hcm = directory.db.execute(
        "SELECT haversine_km(21.028, 105.854, 10.776, 106.700)"
    ).fetchone()[0]
    assert 1130 < hanoi_to_hcm < 1160


@pytest.mark.parametrize("text", ["da nang", "Đà Nẵng", "đà nẵng", "DA NANG", "Da Nẵng"])
def test_text_search_folds_accents_and_d(directory: Directory, text: str):
    found = directory.search(text=text)
    assert found and all(s.province == "Đà Nẵng" for s in found)


@pytest.mark.parametrize("text", ["dia chi tin cay", "địa chỉ tin cậy", "Dia chi tin cay"])
def test_text_search_matches_d_for_dj(directory: Directory, text: str):
    found = directory.search(text=text, limit=10)
    assert found and {s.category for s in found} == {"trusted_address"}


def test_text_search_treats_operators_as_words(directory: Directory):
    assert directory.search(text='shelter AND "NEAR(') == []
    assert directory.search(text="   ") == []


def test_national_lines_come_separately(directory: Directory):
    national = directory.national_lines()
    assert [s.phones for s in national][:2] == [("113",), ("115",)]
    assert all(s.province is None and s.category == "hotline" for s in national)
    assert not {s.id for s in national} & {s.id for s in directory.search(text="tong dai")}


def test_service_names_and_notes_by_locale(directory: Directory):
    service = directory.get("police-113")
    assert isinstance(service, Service)
    assert service.name("en") == "Police emergency"
    assert service.name("vi").startswith("Công an")
    assert service.notes("en").startswith("Call")
    assert directory.get("nothing-here") is None


def test_import_with_one_bad_row_changes_nothing(directory: Directory, tmp_path: Path):
    before = _snapshot(directory)
    rows = [
        (2, {"id": "a", "name_vi": "Nhà A", "category": "shelter", "province": "Huế",
             "phones": "0912345678"}),
        (3, {"id": "b", "name_vi": "Nhà B", "category": "shelter", "province": "Huế",
             "phones": "12"}),
        (4, {"id": "demo-hue-police", "name_vi": "Công an (demo) Huế", "category": "police",
             "province": "Huế", "phones": "0000 000 999", "demo": "yes"}),
    ]
    with pytest.raises(RowsRejected) as caught:
        directory.import_rows(rows, by="test")
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "phones")]
    assert "row 3, column phones" in str(caught.value)
    assert _snapshot(directory) == before


def test_import_adds_updates_and_logs(directory: Directory):
    rows = [
        (2, {"id": "a", "name_vi": "Nhà A", "category": "shelter", "province": "Huế",
             "phones": "0912345678"}),
        (3, {"id": "demo-hue-police", "name_vi": "Công an phường (demo) Huế",
             "category": "police", "province": "Huế", "phones": "0000 000 999", "demo": "yes"}),
    ]
    assert directory.import_rows(rows, by="lan", dry_run=True) == {
        "added": 1, "updated": 1, "unchanged": 0
    }
    assert directory.get("a") is None
    assert directory.import_rows(rows, by="lan") == {"added": 1, "updated": 1, "unchanged": 0}
    assert directory.get("a").phones == ("0912 345 678",)
    changes = {e["field"]: (e["old"], e["new"]) for e in directory.history("demo-hue-police")}
    assert changes["phones"] == ("0000 000 120", "0000 000 999")
    assert directory.import_rows(rows, by="lan") == {"added": 0, "updated": 0, "unchanged": 2}


def test_import_rejects_duplicate_ids(directory: Directory):
    row = {"id": "a", "name_vi": "Nhà A", "category": "shelter", "province": "Huế",
           "phones": "0912345678"}
    with pytest.raises(RowsRejected, match="row 3, column id"):
        directory.import_rows([(2, row), (3, row)], by="lan")


def test_update_verify_deactivate_and_history(directory: Directory):
    directory.update("demo-lang-son-shelter", {"hours": "8:00-17:00"}, by="lan")
    assert directory.search(text="Nhà tạm lánh Lạng Sơn")[0].hours == "8:00-17:00"
    day = datetime.date(2025, 12, 1)
    assert directory.verify("demo-lang-son-shelter", by="mai", today=day).last_verified == day
    directory.deactivate("demo-lang-son-shelter", by="lan")
    assert "demo-lang-son-shelter" not in [s.id for s in directory.search(province="Lạng Sơn")]
    assert directory.get("demo-lang-son-shelter").active is False
    log = [(e["by"], e["field"]) for e in directory.history("demo-lang-son-shelter")]
    assert log == [("seed services_demo.csv", "created"), ("lan", "hours"),
                   ("mai", "last_verified"), ("lan", "active")]


def test_update_validates_and_keeps_ids(directory: Directory):
    with pytest.raises(DirectoryError, match="phones"):
        directory.update("demo-lang-son-shelter", {"phones": "0912345678"}, by="x")  # demo row
    with pytest.raises(DirectoryError, match="id"):
        directory.update("demo-lang-son-shelter", {"id": "other"}, by="x")
    with pytest.raises(DirectoryError, match="nope"):
        directory.update("nope", {"hours": "24/7"}, by="x")


def test_add_refuses_existing_id(directory: Directory):
    with pytest.raises(DirectoryError, match="already exists"):
        directory.add({"id": "police-113", "name_vi": "X", "category": "police",
                       "province": "Huế", "phones": "113"}, by="x")


def test_stale_lists_unverified_and_old(directory: Directory):
    today = datetime.date(2026, 6, 1)
    directory.verify("police-113", by="x", today=today)
    stale = [s.id for s in directory.stale(180, today=today)]
    assert "police-113" not in stale and "ambulance-115" in stale
    # Demo rows were verified on 2025-11-01: stale after 180 days, fresh within 365.
    assert "demo-ca-mau-shelter" in stale
    assert "demo-ca-mau-shelter" not in [s.id for s in directory.stale(365, today=today)]


def test_export_round_trips_through_import(directory: Directory, tmp_path: Path):
    from referral_db.files import read_rows, write_rows

    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_rows(directory.export_rows(), "csv", out)
    with path.open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == directory.count()
    assert directory.import_rows(read_rows(path), by="x")["unchanged"] == directory.count()


def test_backup_is_a_working_copy(directory: Directory, tmp_path: Path):
    target = tmp_path / "backup.db"
    directory.backup(target)
    copy = Directory(target)
    assert copy.count() == directory.count()
    assert copy.search(text="da nang")


# --- real services, demo rows only where they belong, coverage -----------------------------


@pytest.fixture
def real(tmp_path: Path) -> Directory:
    """A directory as a real deployment opens it: demo rows in the file, never shown."""
    return Directory.ensure(tmp_path / "real" / "directory.db")


def test_real_deployment_lists_real_thanh_hoa_services_and_no_demo_row(real: Directory):
    found = real.search(province="Thanh Hóa", limit=20)
    assert len(found) == 8 and not any(s.demo for s in found)
    assert found[0].id == "real-th-anh-duong-house"
    assert found[0].phones == ("1800 1744",) and found[0].last_verified is None
    assert real.search(province="Lạng Sơn") == []  # only demo rows there
    assert all(not s.demo for s in real.stale(days=180))


def test_asking_for_a_shelter_finds_one_stop_centres_and_trusted_addresses(real: Directory):
    found = real.search(province="Thanh Hóa", category="shelter")
    assert [s.id for s in found] == ["real-th-anh-duong-house", "real-th-trung-ha-trusted-address"]


def test_confidential_shelters_keep_their_address_from_the_bot(real: Directory):
    shelter = real.get("real-ld-dalat-trusted-address")
    assert shelter.confidential and shelter.address and shelter.public_address() is None
    centre = real.get("real-hcm-dandelion-hung-vuong")
    assert not centre.confidential and centre.public_address() == centre.address


def test_english_hours_never_fall_back_to_vietnamese(real: Directory):
    service = real.get("real-nat-legal-aid-hotline")
    assert service.hours_for("en") == "08:00-17:00, Mon-Fri, except public holidays"
    assert service.hours_for("vi").startswith("08:00-17:00, Thứ 2-Thứ 6")
    assert Service.from_row({**real._raw("real-th-legal-aid-branch-1"), "hours": "Thứ 2"}
                            ).hours_for("en") is None


def test_held_rows_are_kept_but_never_shown(real: Directory):
    assert real.get("real-qn-anh-duong-house").active is False
    assert real.search(province="Quảng Ninh") == []


def test_coverage_counts_by_province_category_and_state(real: Directory):
    rows = {c.province: c for c in real.coverage()}
    assert len(rows) == 34
    assert rows["Thanh Hóa"].counts == {
        "trusted_address": {"unconfirmed": 1}, "legal_aid": {"unconfirmed": 6},
        "one_stop_centre": {"unconfirmed": 1},
    }
    assert rows["Thanh Hóa"].shown == 8
    assert rows["Quảng Ninh"].counts == {"one_stop_centre": {"held": 1}}
    assert rows["Quảng Ninh"].shown == 0
    # 12 provinces in the notes, less Quảng Ninh and An Giang whose only rows are held
    assert sum(1 for c in rows.values() if c.shown) == 10
    real.verify("real-th-anh-duong-house", by="lan", today=datetime.date(2026, 12, 3))
    assert {c.province: c for c in real.coverage()}["Thanh Hóa"].counts["one_stop_centre"] == {
        "confirmed": 1
    }


def test_stale_includes_never_verified_real_rows(real: Directory):
    stale = real.stale(days=180)
    assert "real-th-anh-duong-house" in [s.id for s in stale]
    assert "real-qn-anh-duong-house" not in [s.id for s in stale]  # held: not shown anyway


def test_existing_directory_gets_the_real_rows_once_and_keeps_operators_changes(tmp_path: Path):
    from referral_db.seed import DATA

    path = tmp_path / "old.db"
    old = Directory.ensure(path, demo=True)
    # A directory built before the real services existed: it took only the first seed files.
    old.db.execute("DELETE FROM services WHERE id LIKE 'real-%'")
    old.db.execute("DELETE FROM seeds WHERE name = 'services_real.csv'")
    old.db.conn.commit()
    old.deactivate("demo-lang-son-shelter", by="lan")
    old.close()
    again = Directory.ensure(path, demo=True)
    assert again.get("real-th-anh-duong-house") is not None
    assert again.get("demo-lang-son-shelter").active is False  # never overwritten
    assert {r["name"] for r in again.db.table("seeds").rows} == {
        p.name for p in (DATA / "services_national.csv", DATA / "services_real.csv",
                         DATA / "services_demo.csv")
    }
    count = again.count()
    assert Directory.ensure(path).count() == count  # applied once


def test_a_broken_seed_file_never_stops_the_bot(tmp_path: Path, caplog):
    from referral_db.seed import DATA

    broken = tmp_path / "services_broken.csv"
    broken.write_text("id,name_vi,category,province,phones\nx,X,spa,Hà Nội,113\n", "utf-8")
    seeds = (DATA / "services_national.csv", broken)
    with caplog.at_level("ERROR", logger="antam.directory"):
        opened = Directory.ensure(tmp_path / "d.db", seeds=seeds)
    assert opened.get("police-113") is not None  # the good file still came in
    assert "seed file was not applied" in caplog.text and "row 2, column category" in caplog.text
    with pytest.raises(RowsRejected):
        Directory.ensure(tmp_path / "e.db", seeds=seeds, strict=True)
