"""The operators' command line: `python -m referral_db`."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from referral_db.cli import cli, default_db_path
from referral_db.directory import Directory

HEADER = "id,name_vi,category,province,phones\n"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "directory.db"
    assert CliRunner().invoke(cli, ["init", "--db", str(path)]).exit_code == 0
    return path


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name: str):
    command = cli.commands[name]
    assert command.help and "Example:" in command.help
    assert "python -m referral_db " + name in command.help
    result = run(name, "--help")
    assert result.exit_code == 0 and "--db" in result.output


def test_every_option_has_help():
    for command in cli.commands.values():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{command.name} {param.name}"


def test_init_is_idempotent_and_force_rebuilds(db_path: Path):
    result = run("init", "--db", str(db_path))
    assert result.exit_code == 0 and "nothing to do" in result.output
    run("deactivate", "police-113", "--db", str(db_path))
    assert run("init", "--db", str(db_path), "--force").exit_code == 0
    assert Directory(db_path).get("police-113").active


def test_default_db_path_follows_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "d"))
    assert default_db_path() == tmp_path / "d" / "directory.db"
    monkeypatch.delenv("DATA_DIR")
    assert default_db_path() == Path("data") / "directory.db"


def test_init_uses_data_dir(tmp_path: Path):
    result = run("init", env={"DATA_DIR": str(tmp_path / "d")})
    assert result.exit_code == 0
    assert (tmp_path / "d" / "directory.db").is_file()


def test_missing_db_is_a_one_line_error(tmp_path: Path):
    result = run("search", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: No directory database at")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_not_a_database_is_a_one_line_error(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 200)
    result = run("search", "--db", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot use {path} as the directory")


def test_import_bad_row_writes_nothing_and_names_it(db_path: Path, tmp_path: Path):
    file = tmp_path / "new.csv"
    file.write_text(
        HEADER
        + "new-a,Nhà A,shelter,Huế,0912345678\n"
        + "new-b,Nhà B,shelter,Huế,12345\n"
        + "new-c,Nhà C,spa,Huế,0912345679\n",
        encoding="utf-8",
    )
    before = Directory(db_path).count()
    result = run("import", str(file), "--db", str(db_path))
    assert result.exit_code == 1
    assert "row 3, column phones" in result.output
    assert "row 4, column category" in result.output
    assert result.output.strip().endswith("Error: 2 problem(s) in new.csv; nothing written")
    assert Directory(db_path).count() == before
    assert Directory(db_path).get("new-a") is None


def test_import_json_and_dry_run(db_path: Path, tmp_path: Path):
    file = tmp_path / "new.json"
    file.write_text(
        json.dumps(
            [
                {
                    "id": "new-a",
                    "name_vi": "Nhà A",
                    "category": "shelter",
                    "province": "hue",
                    "phones": ["0912345678"],
                    "demo": False,
                }
            ]
        )
    )
    result = run("import", str(file), "--db", str(db_path), "--dry-run")
    assert result.exit_code == 0 and "nothing written" in result.output
    assert Directory(db_path).get("new-a") is None
    result = run("import", str(file), "--db", str(db_path), "--by", "lan")
    assert result.exit_code == 0 and "1 added" in result.output
    assert Directory(db_path).get("new-a").province == "Huế"


def test_import_unreadable_file_is_a_one_line_error(db_path: Path, tmp_path: Path):
    file = tmp_path / "bad.json"
    file.write_text("{not json")
    result = run("import", str(file), "--db", str(db_path))
    assert result.exit_code == 1 and result.output.startswith("Error: cannot read bad.json")


def test_add_update_verify_deactivate_history(db_path: Path):
    db = ["--db", str(db_path), "--by", "lan"]
    result = run(
        "add",
        *db,
        "--name-vi",
        "Nhà tạm lánh X",
        "--category",
        "shelter",
        "--province",
        "Lạng Sơn",
        "--phones",
        "0205 3870 123",
    )
    assert result.exit_code == 0, result.output
    assert run("update", "nha-tam-lanh-x", *db, "--hours", "24/7").exit_code == 0
    assert run("verify", "nha-tam-lanh-x", *db).exit_code == 0
    assert run("deactivate", "nha-tam-lanh-x", *db).exit_code == 0
    result = run("history", "nha-tam-lanh-x", "--db", str(db_path))
    fields = [line.split("  ")[2].split(":")[0] for line in result.output.splitlines()]
    assert fields == ["created", "hours", "last_verified", "active"]
    assert all("  lan  " in line for line in result.output.splitlines())


@pytest.mark.parametrize(
    "args, message",
    [
        (["update", "police-113", "--phones", "12"], "Error: phones: '12' is not"),
        (["update", "nope", "--hours", "24/7"], "Error: No service has that id"),
        (["update", "police-113"], "give at least one field"),
        (
            ["add", "--name-vi", "X", "--category", "spa", "--province", "Huế", "--phones", "113"],
            "Error: category",
        ),
        (["history", "nope"], "Error: no history"),
        (["search", "--near", "north"], "should be LAT,LON"),
    ],
)
def test_mistakes_are_one_line_errors(db_path: Path, args: list[str], message: str):
    result = run(*args, "--db", str(db_path))
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert "Traceback" not in result.output


def test_search_lines_and_json(db_path: Path):
    result = run("search", "--db", str(db_path), "--province", "Bac Lieu", "--demo")
    assert result.exit_code == 0
    assert "demo-ca-mau-shelter" in result.output and "national: " in result.output
    result = run(
        "search",
        "--db",
        str(db_path),
        "--near",
        "21.853,106.761",
        "--json",
        env={"DIRECTORY_DEMO": "1"},
    )
    data = json.loads(result.output)
    assert data["services"][0]["province"] == "Lạng Sơn"
    assert data["services"][0]["distance_km"] < 1
    assert data["national"][0]["phones"] == ["113"]
    result = run("search", "--db", str(db_path), "--province", "Cao Bằng")
    assert "no local services match" in result.output


def test_stale_export_and_backup(db_path: Path, tmp_path: Path):
    assert "police-113" in run("stale", "--db", str(db_path), "--days", "1").output
    exported = run("export", "--db", str(db_path), "--format", "json").output
    assert len(json.loads(exported)) == Directory(db_path).count()
    out = tmp_path / "out.csv"
    assert run("export", "--db", str(db_path), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("\ufeffid,name_vi,")  # BOM for Excel
    target = tmp_path / "backup.db"
    assert run("backup", str(target), "--db", str(db_path)).exit_code == 0
    assert Directory(target).count() == Directory(db_path).count()
    assert run("backup", str(target), "--db", str(db_path)).exit_code == 1


def test_search_thanh_hoa_lists_real_services_and_no_demo_row(db_path: Path):
    result = run("search", "--db", str(db_path), "--province", "Thanh Hóa", "--limit", "10")
    assert result.exit_code == 0
    assert "real-th-anh-duong-house" in result.output and "1800 1744" in result.output
    assert "[unconfirmed, source undated]" in result.output
    assert "demo" not in result.output and "0000 000" not in result.output
    assert result.output.count("real-th-") == 8


def test_search_resolves_a_city_to_its_province(db_path: Path):
    result = run("search", "--db", str(db_path), "--province", "Nha Trang")
    assert result.exit_code == 0
    assert result.output.startswith("Nha Trang -> Khánh Hòa\n")
    assert "real-kh-social-work-centre" in result.output


def test_search_unknown_place_is_a_one_line_error(db_path: Path):
    result = run("search", "--db", str(db_path), "--province", "Atlantis")
    assert result.exit_code == 1 and "'Atlantis' is not a province" in result.output


def test_coverage_and_stale_give_the_figures(db_path: Path):
    result = run("coverage", "--db", str(db_path))
    assert result.exit_code == 0
    assert "10 of 34 provinces have local services: 0 confirmed, 29 unconfirmed, 2 held" in (
        result.output
    )
    assert "no local service (24): Huế," in result.output
    assert "Lạng Sơn" in result.output.splitlines()[-1]  # demo rows do not count
    with_demo = run("coverage", "--db", str(db_path), "--demo").output
    assert "Lạng Sơn" in with_demo and "no local service (24)" not in with_demo
    stale = run("stale", "--db", str(db_path)).output
    assert stale.splitlines()[-1] == (
        "41 to check: 41 never verified, 0 verified more than 180 days ago"
    )
    assert "real-th-anh-duong-house" in stale and "demo-" not in stale
    assert run("verify", "real-th-anh-duong-house", "--db", str(db_path)).exit_code == 0
    assert "1 confirmed, 28 unconfirmed" in run("coverage", "--db", str(db_path)).output


def test_init_brings_an_existing_directory_up_to_date(db_path: Path):
    db = Database(db_path)  # a directory made before the real services existed
    db.execute("DELETE FROM services WHERE id LIKE 'real-%'")
    db.execute("DELETE FROM seeds WHERE name = 'services_real.csv'")
    db.conn.commit()
    result = run("init", "--db", str(db_path))
    assert result.exit_code == 0 and "38 services added from new seed files" in result.output
    assert "nothing to do" in run("init", "--db", str(db_path)).output
