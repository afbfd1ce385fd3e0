"""Directory files operators edit: a safe spreadsheet round trip, and input that cannot hurt."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from referral_db.cli import cli
from referral_db.directory import Directory
from referral_db.editor import Editor
from referral_db.files import neutralise, read_rows, unneutralise
from referral_db.seed import ensure

HEADER = "id,name_vi,category,province,phones,notes_vi"
GOOD = "x-shelter,Nhà tạm lánh X,shelter,Lạng Sơn,0205 3870 123,ghi chú"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "directory.db"
    ensure(path)
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _export(db_path: Path, out: Path) -> None:
    assert run("export", "--db", str(db_path), "-o", str(out)).exit_code == 0


def _import(db_path: Path, path: Path, *extra: str):
    return run("import", str(path), "--db", str(db_path), "--by", "test", *extra)


# --- the round trip -----------------------------------------------------------------------


def test_export_is_utf8_with_bom_and_windows_line_ends(db_path: Path, tmp_path: Path):
    out = tmp_path / "services.csv"
    _export(db_path, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,name_vi,") and b"\r\n" in data
    assert "Thanh Hóa".encode() in data


def test_export_resaved_as_spreadsheets_save_imports_back_unchanged(db_path: Path, tmp_path: Path):
    out = tmp_path / "services.csv"
    _export(db_path, out)
    # What LibreOffice or Excel in a Vietnamese or European locale writes back: the same
    # cells, ";" between them, Windows line ends, a byte-order mark.
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    resaved = tmp_path / "resaved.csv"
    with resaved.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    result = _import(db_path, resaved)
    assert result.exit_code == 0, result.output
    count = Directory(db_path).count()
    assert result.output.strip() == f"0 added, 0 updated, {count} unchanged"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_formula_cells_are_neutralised_on_export_and_restored_on_import(
    db_path: Path, tmp_path: Path, start: str
):
    Editor(db_path).update("police-113", {"notes_vi": f'{start}HYPERLINK("http://x")'}, by="t")
    out = tmp_path / "services.csv"
    _export(db_path, out)
    assert f"'{start}HYPERLINK" in out.read_text(encoding="utf-8-sig")
    result = _import(db_path, out)
    assert result.exit_code == 0 and "0 updated" in result.output, result.output
    assert Directory(db_path).get("police-113").notes_vi.startswith(f"{start}HYPERLINK")


def test_neutralise_only_touches_formula_starts():
    assert neutralise("=1+1") == "'=1+1" and unneutralise("'=1+1") == "=1+1"
    assert neutralise("Hà Nội") == "Hà Nội" and unneutralise("'quoted'") == "'quoted'"
    assert neutralise(None) is None and neutralise(3) == 3


def test_import_reads_semicolons_crlf_and_bom(db_path: Path, tmp_path: Path):
    path = tmp_path / "in.csv"
    text = f"{HEADER}\r\n{GOOD}\r\n".replace(",", ";")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert read_rows(path) == [(2, dict(zip(HEADER.split(","), GOOD.split(","))))]
    assert _import(db_path, path).exit_code == 0
    assert Directory(db_path).get("x-shelter").phones == ("0205 3870 123",)


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: "
    "apt-get install -y libreoffice-calc-nogui to run this round trip",
)
def test_round_trip_through_libreoffice(db_path: Path, tmp_path: Path):
    out = tmp_path / "services.csv"
    _export(db_path, out)
    saved = tmp_path / "saved"
    # Opened as UTF-8 comma-separated text, saved back with ";" as many locales do.
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--infilter=Text - txt - csv (StarCalc):44,34,76,1",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):59,34,76,1",
            "--outdir",
            str(saved),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    back = saved / "services.csv"
    assert ";" in back.read_text(encoding="utf-8").splitlines()[0]
    result = _import(db_path, back)
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("0 added, 0 updated,"), result.output


# --- input that cannot hurt (issue 15) ------------------------------------------------------


def _bad_file(tmp_path: Path, row: str, *, header: str = HEADER) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(f"{header}\n{GOOD}\n{row}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "row, column, says",
    [
        (GOOD.replace("x-shelter", "y").replace("ghi chú", "ghi\x00chú"), "notes_vi", "NUL"),
        (
            GOOD.replace("x-shelter", "y").replace("ghi chú", "a" * 200_000),
            "notes_vi",
            "200,000 characters",
        ),
        (GOOD.replace("x-shelter", "y") + ",extra,cells", "(beyond the last)", "2 more cell"),
        (GOOD.replace("x-shelter", "y").replace("Nhà", "Nhà\u202e"), "name_vi", "bidirectional"),
        (GOOD.replace("x-shelter", "y").replace("Nhà", "Nhà\u2067"), "name_vi", "bidirectional"),
        (GOOD.replace("x-shelter", "y").replace("Nhà", "Nhà\x1b[31m"), "name_vi", "control"),
        (GOOD.replace("x-shelter", "y").replace("Nhà", "N" * 301), "name_vi", "at most 300"),
    ],
    ids=["nul", "200k", "extra-cells", "rlo", "rli", "escape", "long-name"],
)
def test_bad_cells_get_a_row_and_column_error_and_nothing_is_written(
    db_path: Path, tmp_path: Path, row: str, column: str, says: str
):
    before = Directory(db_path).count()
    result = _import(db_path, _bad_file(tmp_path, row))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert f"row 3, column {column}: " in result.output and says in result.output
    assert "nothing written" in result.output
    assert Directory(db_path).count() == before


def test_line_breaks_only_in_free_text(db_path: Path, tmp_path: Path):
    path = tmp_path / "in.csv"
    two_lines = GOOD.replace("ghi chú", '"hai\ndòng"')
    path.write_text(
        f'{HEADER}\n{two_lines}\ny,"Nhà\nY",shelter,Lạng Sơn,0205 3870 124,\n', encoding="utf-8"
    )
    result = _import(db_path, path, "--dry-run")
    assert "row 3, column name_vi: contains a line break" in result.output
    assert "row 2" not in result.output


@pytest.mark.parametrize(
    "content, says",
    [
        (b"", "no header row"),
        (b"id,name_vi\n\xff\xfe bad\n", "not UTF-8"),
        (b'id,name_vi\nx,"never closed\n', None),
    ],
)
def test_malformed_files_get_one_line_errors(db_path: Path, tmp_path: Path, content, says):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    result = _import(db_path, path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    if says:
        assert says in result.output
