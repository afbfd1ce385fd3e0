"""The directory's schema: sqlite-utils migration sets, one per store, and upgrades of
databases made by earlier code that lose no row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from referral_db import editor, schema, seed
from referral_db.directory import Directory
from referral_db.errors import DirectoryError
from referral_db.seed import open_directory

DATA = Path(__file__).parent / "data"
SETS = (schema.MIGRATIONS, editor.MIGRATIONS, seed.MIGRATIONS)
# Made by the hand-made migrate() these sets replaced (see each file's header): at e91f190
# (services, audit log, FTS; the demo seed) and at 8cf0711 (also the sources columns, seeds).
OLD_DATABASES = ("directory-e91f190.sql", "directory-8cf0711.sql")


def _old_database(tmp_path: Path, fixture: str) -> Path:
    path = tmp_path / "directory.db"
    conn = sqlite3.connect(path)
    conn.executescript((DATA / fixture).read_text(encoding="utf-8"))
    conn.close()
    return path


def _rows(path: Path, table: str) -> list[dict]:
    return list(Database(path).query(f"SELECT * FROM [{table}] ORDER BY rowid"))


def _schema(db: Database) -> list[tuple]:
    return list(db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall())


@pytest.mark.parametrize("fixture", OLD_DATABASES)
def test_an_old_directory_is_upgraded_without_losing_a_row(tmp_path: Path, fixture: str):
    path = _old_database(tmp_path, fixture)
    services, audit = _rows(path, "services"), _rows(path, "audit_log")
    assert services and audit

    directory = open_directory(path, demo=True)  # what the bot does at start-up

    upgraded = {r["id"]: r for r in _rows(path, "services")}
    for old in services:  # every row, every value it had
        assert {k: upgraded[old["id"]][k] for k in old} == old
    assert _rows(path, "audit_log")[: len(audit)] == audit
    # The operator's own row is still found by text, through the FTS index the old code built.
    assert [s.id for s in directory.search(text="điều hành viên")] == ["demo-hue-operator-row"]
    assert directory.get("police-113").last_verified.isoformat() == "2026-11-20"
    # The new seed files came in beside the old rows; the old record of migrations is gone.
    assert directory.get("real-th-anh-duong-house") is not None
    tables = set(Database(path).table_names())
    assert "migrations" not in tables and {"seeds", "_sqlite_migrations"} <= tables
    assert all(s.pending(directory.db) == [] for s in SETS)


def test_e91f190_changes_by_operators_survive(tmp_path: Path):
    directory = open_directory(_old_database(tmp_path, OLD_DATABASES[0]), demo=True)
    assert directory.get("demo-lang-son-shelter").hours == "8:00-17:00"
    assert directory.get("demo-ca-mau-counselling").active is False
    assert directory.get("demo-lang-son-shelter").confidential is False  # the new column


def test_a_second_apply_is_a_no_op(tmp_path: Path):
    path = tmp_path / "directory.db"
    seed.ensure(path)
    db = Database(path)
    before = (_schema(db), _rows(path, "_sqlite_migrations"), _rows(path, "services"))
    for migrations in SETS:
        assert migrations.pending(db) == []
        migrations.apply(db)
    assert (_schema(db), _rows(path, "_sqlite_migrations"), _rows(path, "services")) == before
    assert [(r["migration_set"], r["name"]) for r in before[1]] == [
        ("directory", "m001_services"),
        ("directory", "m002_fts"),
        ("directory", "m003_sources"),
        ("directory", "m004_forget_hand_made_record"),
        ("directory_audit", "m001_audit_log"),
        ("directory_seeds", "m001_seeds"),
    ]


@pytest.mark.parametrize(
    ("migrations", "tables"),
    [
        (schema.MIGRATIONS, {"services", "services_fts"}),
        (editor.MIGRATIONS, {"audit_log"}),
        (seed.MIGRATIONS, {"seeds"}),
    ],
)
def test_each_store_owns_its_tables(migrations, tables: set[str]):
    db = Database(memory=True)
    if migrations is not schema.MIGRATIONS:
        schema.MIGRATIONS.apply(db)  # the audit log and the seed record sit beside services
    before = set(db.table_names())
    migrations.apply(db)
    made = set(db.table_names()) - before - {"_sqlite_migrations"}
    assert {t for t in made if not t.startswith("services_fts_")} == tables


def test_a_file_that_is_not_sqlite_is_a_one_line_error(tmp_path: Path):
    path = tmp_path / "directory.db"
    path.write_text("not a database\n" * 100, encoding="utf-8")
    with pytest.raises(DirectoryError, match="cannot use .* as the directory"):
        Directory(path)
