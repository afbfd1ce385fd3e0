"""The directory as operators change it: all-or-nothing import, add, update, verify and
deactivate, each change in the audit log."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from referral_db.directory import Directory
from referral_db.editor import Editor
from referral_db.errors import DirectoryError, RowsRejected
from referral_db.seed import ensure


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "directory.db"
    ensure(path)
    return path


@pytest.fixture
def editor(path: Path) -> Editor:
    return Editor(path)


@pytest.fixture
def directory(path: Path) -> Directory:
    """The bot's side of the same file, with the demo rows: it sees each committed change."""
    return Directory(path, demo=True)


def _snapshot(editor: Editor) -> list[dict]:
    return list(editor.db.query("SELECT * FROM services ORDER BY id")) + list(
        editor.db.query("SELECT * FROM audit_log ORDER BY id")
    )


def test_import_with_one_bad_row_changes_nothing(editor: Editor):
    before = _snapshot(editor)
    rows = [
        (
            2,
            {
                "id": "a",
                "name_vi": "Nhà A",
                "category": "shelter",
                "province": "Huế",
                "phones": "0912345678",
            },
        ),
        (
            3,
            {
                "id": "b",
                "name_vi": "Nhà B",
                "category": "shelter",
                "province": "Huế",
                "phones": "12",
            },
        ),
        (
            4,
            {
                "id": "demo-hue-police",
                "name_vi": "Công an (demo) Huế",
                "category": "police",
                "province": "Huế",
                "phones": "0000 000 999",
                "demo": "yes",
            },
        ),
    ]
    with pytest.raises(RowsRejected) as caught:
        editor.import_rows(rows, by="test")
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "phones")]
    assert "row 3, column phones" in str(caught.value)
    assert _snapshot(editor) == before


def test_import_adds_updates_and_logs(editor: Editor, directory: Directory):
    rows = [
        (
            2,
            {
                "id": "a",
                "name_vi": "Nhà A",
                "category": "shelter",
                "province": "Huế",
                "phones": "0912345678",
            },
        ),
        (
            3,
            {
                "id": "demo-hue-police",
                "name_vi": "Công an phường (demo) Huế",
                "category": "police",
                "province": "Huế",
                "phones": "0000 000 999",
                "demo": "yes",
            },
        ),
    ]
    assert editor.import_rows(rows, by="lan", dry_run=True) == {
        "added": 1,
        "updated": 1,
        "unchanged": 0,
    }
    assert directory.get("a") is None
    assert editor.import_rows(rows, by="lan") == {"added": 1, "updated": 1, "unchanged": 0}
    assert directory.get("a").phones == ("0912 345 678",)
    changes = {e["field"]: (e["old"], e["new"]) for e in editor.history("demo-hue-police")}
    assert changes["phones"] == ("0000 000 120", "0000 000 999")
    assert editor.import_rows(rows, by="lan") == {"added": 0, "updated": 0, "unchanged": 2}


def test_import_rejects_duplicate_ids(editor: Editor):
    row = {
        "id": "a",
        "name_vi": "Nhà A",
        "category": "shelter",
        "province": "Huế",
        "phones": "0912345678",
    }
    with pytest.raises(RowsRejected, match="row 3, column id"):
        editor.import_rows([(2, row), (3, row)], by="lan")


def test_update_verify_deactivate_and_history(editor: Editor, directory: Directory):
    editor.update("demo-lang-son-shelter", {"hours": "8:00-17:00"}, by="lan")
    assert directory.search(text="Nhà tạm lánh Lạng Sơn")[0].hours == "8:00-17:00"
    day = datetime.date(2025, 12, 1)
    assert editor.verify("demo-lang-son-shelter", by="mai", today=day).last_verified == day
    editor.deactivate("demo-lang-son-shelter", by="lan")
    assert "demo-lang-son-shelter" not in [s.id for s in directory.search(province="Lạng Sơn")]
    assert directory.get("demo-lang-son-shelter").active is False
    log = [(e["by"], e["field"]) for e in editor.history("demo-lang-son-shelter")]
    assert log == [
        ("seed services_demo.csv", "created"),
        ("lan", "hours"),
        ("mai", "last_verified"),
        ("lan", "active"),
    ]


def test_update_validates_and_keeps_ids(editor: Editor):
    with pytest.raises(DirectoryError, match="phones"):
        editor.update("demo-lang-son-shelter", {"phones": "0912345678"}, by="x")  # demo row
    with pytest.raises(DirectoryError, match="id"):
        editor.update("demo-lang-son-shelter", {"id": "other"}, by="x")
    with pytest.raises(DirectoryError, match="nope"):
        editor.update("nope", {"hours": "24/7"}, by="x")


def test_add_refuses_existing_id(editor: Editor):
    with pytest.raises(DirectoryError, match="already exists"):
        editor.add(
            {
                "id": "police-113",
                "name_vi": "X",
                "category": "police",
                "province": "Huế",
                "phones": "113",
            },
            by="x",
        )


def test_stale_lists_unverified_and_old(editor: Editor, directory: Directory):
    today = datetime.date(2026, 6, 1)
    editor.verify("police-113", by="x", today=today)
    stale = [s.id for s in directory.stale(180, today=today)]
    assert "police-113" not in stale and "ambulance-115" in stale
    # Demo rows were verified on 2025-11-01: stale after 180 days, fresh within 365.
    assert "demo-ca-mau-shelter" in stale
    assert "demo-ca-mau-shelter" not in [s.id for s in directory.stale(365, today=today)]


def test_export_round_trips_through_import(editor: Editor, directory: Directory, tmp_path: Path):
    from referral_db.files import read_rows, write_rows

    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_rows(directory.export_rows(), "csv", out)
    with path.open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == directory.count()
    assert editor.import_rows(read_rows(path), by="x")["unchanged"] == directory.count()


def test_the_audit_log_keeps_who_changed_what_and_the_old_value(editor: Editor):
    editor.update("police-113", {"notes_vi": "Gọi ngay"}, by="lan")
    last = editor.history("police-113")[-1]
    assert (last["by"], last["field"], last["new"]) == ("lan", "notes_vi", "Gọi ngay")
    assert last["old"] and last["at"].endswith("+00:00")
