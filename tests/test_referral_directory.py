"""The directory as the bot reads it: search, national lines, lookups, reports, read-only."""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from referral_db.directory import Directory
from referral_db.editor import Editor
from referral_db.errors import DirectoryMissing
from referral_db.provinces import resolve
from referral_db.seed import open_directory
from referral_db.service import Service

LANG_SON_CITY = (21.853, 106.761)


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    return open_directory(tmp_path / "data" / "directory.db", demo=True)  # the demo rows


def test_missing_database_is_an_error(tmp_path: Path):
    with pytest.raises(DirectoryMissing, match="init"):
        Directory(tmp_path / "none.db")


def test_tables_are_plain_sqlite(directory: Directory):
    db = Database(directory.path)  # what a sqlite-utils or Datasette user opens
    tables = set(db.table_names())
    assert {"services", "services_fts", "audit_log", "seeds", "_sqlite_migrations"} <= tables
    assert db["services"].get("police-113")["phones"] == "113"


def test_the_bots_directory_cannot_write(directory: Directory):
    """The bot holds this side only: it has no method that writes, nor a connection that can."""
    assert not {"import_rows", "add", "update", "verify", "deactivate"} & set(dir(directory))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        directory.db.execute("UPDATE services SET active = 0")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        directory.db.execute("DELETE FROM audit_log")
    assert all(s.active for s in directory.national_lines())


def test_bac_lieu_sentence_finds_ca_mau_demo_services(directory: Directory):
    match = resolve("o Bac Lieu co trung tam ho tro nao khong")
    assert match is not None and (match.province, match.formerly) == ("Cà Mau", "Bạc Liêu")
    found = directory.search(province=match.province)
    assert found and all(s.province == "Cà Mau" and s.demo for s in found)
    assert "demo-ca-mau-shelter" in [s.id for s in found]


def test_province_search_puts_most_useful_first(directory: Directory):
    found = directory.search(province="Lạng Sơn")
    assert [s.category for s in found] == [
        "one_stop_centre",
        "shelter",
        "trusted_address",
        "counselling",
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
    return open_directory(tmp_path / "real" / "directory.db")


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
    row = next(real.db.query("SELECT * FROM services WHERE id = 'real-th-legal-aid-branch-1'"))
    assert Service.from_row({**row, "hours": "Thứ 2"}).hours_for("en") is None


def test_held_rows_are_kept_but_never_shown(real: Directory):
    assert real.get("real-qn-anh-duong-house").active is False
    assert real.search(province="Quảng Ninh") == []


def test_coverage_counts_by_province_category_and_state(real: Directory):
    rows = {c.province: c for c in real.coverage()}
    assert len(rows) == 34
    assert rows["Thanh Hóa"].counts == {
        "trusted_address": {"unconfirmed": 1},
        "legal_aid": {"unconfirmed": 6},
        "one_stop_centre": {"unconfirmed": 1},
    }
    assert rows["Thanh Hóa"].shown == 8
    assert rows["Quảng Ninh"].counts == {"one_stop_centre": {"held": 1}}
    assert rows["Quảng Ninh"].shown == 0
    # 12 provinces in the notes, less Quảng Ninh and An Giang whose only rows are held
    assert sum(1 for c in rows.values() if c.shown) == 10
    Editor(real.path).verify("real-th-anh-duong-house", by="lan", today=datetime.date(2026, 12, 3))
    assert {c.province: c for c in real.coverage()}["Thanh Hóa"].counts["one_stop_centre"] == {
        "confirmed": 1
    }


def test_stale_includes_never_verified_real_rows(real: Directory):
    stale = real.stale(days=180)
    assert "real-th-anh-duong-house" in [s.id for s in stale]
    assert "real-qn-anh-duong-house" not in [s.id for s in stale]  # held: not shown anyway
