"""The operators' command line for the referral directory: `python -m referral_db --help`."""

from __future__ import annotations

import dataclasses
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from referral_db import seed
from referral_db.directory import Directory
from referral_db.editor import Editor
from referral_db.errors import DirectoryError, RowsRejected
from referral_db.files import FileFormatError, read_rows, write_rows
from referral_db.provinces import lookup as resolve_place
from referral_db.service import Service
from referral_db.validate import CATEGORIES, COLUMNS

F = TypeVar("F", bound=Callable[..., Any])


def default_db_path() -> Path:
    """$DATA_DIR/directory.db, DATA_DIR defaulting to "data" (the bot passes explicit paths)."""
    return Path(os.environ.get("DATA_DIR") or "data") / "directory.db"


def db_option(fn: F) -> F:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Directory database.  [default: $DATA_DIR/directory.db]",
    )(fn)


def by_option(fn: F) -> F:
    return click.option(
        "--by", default=None, help="Who is making the change, for the audit log.  [default: $USER]"
    )(fn)


def demo_option(fn: F) -> F:
    return click.option(
        "--demo/--no-demo",
        default=False,
        envvar="DIRECTORY_DEMO",
        help="Include the fictional demo rows, as tests, flows and DIRECTORY_DEMO=1 do.",
    )(fn)


def field_options(fn: F) -> F:
    """One --option per column except id, so add and update share their spelling."""
    for column in reversed(COLUMNS[1:]):
        flag = "--" + column.replace("_", "-")
        fn = click.option(flag, column, default=None, help=f"Value for {column}.")(fn)
    return fn


def _open(db_path: Path | None, *, demo: bool = False) -> Directory:
    """The directory to read (search, reports, export, backup)."""
    try:
        return Directory(db_path or default_db_path(), demo=demo)
    except DirectoryError as e:
        raise click.ClickException(str(e)) from None


def _edit(db_path: Path | None) -> Editor:
    """The directory to change, with the audit log."""
    try:
        return Editor(db_path or default_db_path())
    except DirectoryError as e:
        raise click.ClickException(str(e)) from None


def _who(by: str | None) -> str:
    try:
        return by or os.environ.get("USER") or getpass.getuser()
    except (OSError, KeyError):  # getuser fails when no user name is known, e.g. containers
        return "unknown"


def _given(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _line(service: Service) -> str:
    distance = f"  {service.distance_km:.1f} km" if service.distance_km is not None else ""
    place = service.province or "national"
    flags = ("" if service.active else "  [inactive]") + ("  [demo]" if service.demo else "")
    if not service.demo:
        flags += (
            f"  [confirmed {service.last_verified.isoformat()}]" if service.last_verified
            else f"  [unconfirmed, source {service.source_date or 'undated'}]"
        )
    phones = ", ".join(service.phones) or "-"
    kind = f"({service.category}, {place})"
    return f"{service.id}  {service.name_vi}  {kind}  {phones}{distance}{flags}"


def _as_json(services: list[Service]) -> str:
    def encode(s: Service) -> dict[str, Any]:
        data = dataclasses.asdict(s)
        data["last_verified"] = s.last_verified.isoformat() if s.last_verified else None
        return data

    return json.dumps([encode(s) for s in services], ensure_ascii=False, indent=2)


@click.group()
def cli() -> None:
    """Manage An Tâm's referral directory of services (a SQLite database).

    Example:

    \b
        python -m referral_db init
    """


@cli.command()
@db_option
@click.option("--force", is_flag=True, help="Delete the database and build it again from seed.")
def init(db_path: Path | None, force: bool) -> None:
    """Create the directory, or bring an existing one up to date with new seed files.

    A seed file is taken in once per database and adds only ids it does not hold, so
    services operators changed or deactivated stay as they are. Running it again changes
    nothing; --force throws the database away and rebuilds it.

    Example:

    \b
        python -m referral_db init --db data/directory.db
    """
    path = db_path or default_db_path()
    if force:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    before = _open(path).count() if path.is_file() else 0
    try:
        seed.ensure(path, strict=True)
    except DirectoryError as e:  # a seed file edited wrongly: one-line error
        raise click.ClickException(str(e)) from None
    count = _open(path).count()
    added = count - before
    if not before:
        click.echo(f"{path}: {count} services loaded from the seed data")
    elif added:
        click.echo(f"{path}: {added} services added from new seed files ({count} now)")
    else:
        click.echo(f"{path} already has {before} services; nothing to do")


@cli.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@by_option
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
def import_(file: Path, db_path: Path | None, by: str | None, dry_run: bool) -> None:
    """Add or update services from a CSV or JSON file, all or nothing.

    Every row is checked first; if any row is wrong, each problem is listed with its row and
    column and nothing is written. Rows whose id exists replace that service (the audit log
    keeps the old values). CSV rows are numbered as a spreadsheet shows them.

    Example:

    \b
        python -m referral_db import services.csv --dry-run
    """
    editor = _edit(db_path)
    try:
        counts = editor.import_rows(read_rows(file), by=_who(by), dry_run=dry_run)
    except RowsRejected as e:
        for error in e.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(
            f"{len(e.errors)} problem(s) in {file.name}; nothing written"
        ) from None
    except (FileFormatError, UnicodeDecodeError) as e:
        raise click.ClickException(f"cannot read {file.name}: {e}") from None
    summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
    click.echo(("Dry run, nothing written: " if dry_run else "") + summary)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default=None,
              help="Output format.  [default: from the file name, else csv]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def export(db_path: Path | None, fmt: str | None, output: Path | None) -> None:
    """Write every service (inactive ones too) as CSV or JSON, in the format import reads.

    A CSV file opens cleanly in LibreOffice and Excel: UTF-8 with a byte-order mark, Windows
    line ends, and a cell starting with =, +, - or @ written with an apostrophe before it so
    that it is never run as a formula (import removes the apostrophe again).

    Example:

    \b
        python -m referral_db export -o services.csv
    """
    fmt = fmt or ("json" if output and output.suffix.casefold() == ".json" else "csv")
    rows = _open(db_path).export_rows()
    if output is None:
        write_rows(rows, fmt, sys.stdout)
        return
    # utf-8-sig: the byte-order mark tells Excel the file is UTF-8 (LibreOffice reads both).
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with output.open("w", encoding=encoding, newline="") as out:
        write_rows(rows, fmt, out)
    click.echo(f"{len(rows)} services written to {output}", err=True)


@cli.command()
@db_option
@by_option
@click.option("--id", "service_id", default=None, help="Stable id.  [default: from name_vi]")
@field_options
def add(db_path: Path | None, by: str | None, service_id: str | None, **fields: Any) -> None:
    """Add one service. Lists (phones, serves, languages) are separated by ";".

    Example:

    \b
        python -m referral_db add --name-vi "Nhà tạm lánh X" --category shelter \\
            --province "Lạng Sơn" --phones "0205 3870 123" --source "visit 2025-09"
    """
    editor = _edit(db_path)
    try:
        service = editor.add({"id": service_id, **_given(fields)}, by=_who(by))
    except DirectoryError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"added {service.id}")


@cli.command()
@click.argument("service_id", metavar="ID")
@db_option
@by_option
@field_options
def update(service_id: str, db_path: Path | None, by: str | None, **fields: Any) -> None:
    """Change fields of one service; the audit log keeps the old values.

    Example:

    \b
        python -m referral_db update demo-lang-son-shelter --hours "8:00-17:00" --by lan
    """
    changes = _given(fields)
    if not changes:
        raise click.UsageError("give at least one field to change, e.g. --hours 24/7")
    _change(db_path, lambda d: d.update(service_id, changes, by=_who(by)), "updated")


@cli.command()
@click.argument("service_id", metavar="ID")
@db_option
@by_option
def deactivate(service_id: str, db_path: Path | None, by: str | None) -> None:
    """Hide a service from search; it and its history stay in the database.

    Example:

    \b
        python -m referral_db deactivate demo-lang-son-shelter
    """
    _change(db_path, lambda d: d.deactivate(service_id, by=_who(by)), "deactivated")


@cli.command()
@click.argument("service_id", metavar="ID")
@db_option
@by_option
def verify(service_id: str, db_path: Path | None, by: str | None) -> None:
    """Record that you confirmed this service by phone today (sets last_verified).

    The bot then shows it as "confirmed by phone on" today's date. Fix what the call
    changed with `update` first; see referral_db/README.md, "Confirming a service by phone".

    Example:

    \b
        python -m referral_db verify real-th-anh-duong-house --by lan
    """
    _change(db_path, lambda d: d.verify(service_id, by=_who(by)), "verified")


def _change(db_path: Path | None, action: Callable[[Editor], Service], done: str) -> None:
    try:
        service = action(_edit(db_path))
    except DirectoryError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"{done} {service.id}")


@cli.command()
@db_option
@click.option("--days", type=click.IntRange(min=0), default=180, show_default=True,
              help="Verified longer ago than this counts as stale.")
@demo_option
def stale(db_path: Path | None, days: int, demo: bool) -> None:
    """List active services never verified, or not in the last --days days, oldest first.

    Call each one, then record it with `verify` (see referral_db/README.md).

    Example:

    \b
        python -m referral_db stale --days 90
    """
    found = _open(db_path, demo=demo).stale(days)
    for service in found:
        verified = service.last_verified.isoformat() if service.last_verified else "never"
        click.echo(f"{verified}  {_line(service)}")
    never = sum(1 for s in found if s.last_verified is None)
    click.echo(f"{len(found)} to check: {never} never verified, "
               f"{len(found) - never} verified more than {days} days ago")


@cli.command()
@db_option
@demo_option
def coverage(db_path: Path | None, demo: bool) -> None:
    """Show, per province, the local services by category and how they are known.

    confirmed = an operator verified it by phone; unconfirmed = from a public source only,
    shown with that label; held = inactive, kept for operators and never shown. Provinces
    with nothing to show are listed last: there the bot says it has no local service yet
    and gives the national lines.

    Example:

    \b
        python -m referral_db coverage
    """
    directory = _open(db_path, demo=demo)
    rows = directory.coverage()
    width = max(len(c.province) for c in rows)
    totals: dict[str, int] = {"confirmed": 0, "unconfirmed": 0, "held": 0}
    for row in rows:
        if not row.counts:
            continue
        parts = []
        for category, states in row.counts.items():
            for state, n in states.items():
                totals[state] += n
            parts.append(f"{category} " + "/".join(
                f"{states[st]} {st}" for st in ("confirmed", "unconfirmed", "held") if st in states
            ))
        click.echo(f"{row.province:<{width}}  {row.shown:>2} shown  " + "; ".join(parts))
    none = [c.province for c in rows if c.shown == 0]
    national = directory.national_lines() + directory.national_services()
    click.echo(
        f"{len(rows) - len(none)} of {len(rows)} provinces have local services: "
        f"{totals['confirmed']} confirmed, {totals['unconfirmed']} unconfirmed, "
        f"{totals['held']} held"
    )
    click.echo(f"national: {len(national)} services "
               f"({sum(1 for s in national if s.last_verified)} confirmed)")
    click.echo(f"no local service ({len(none)}): " + ", ".join(none))


@cli.command()
@click.argument("service_id", metavar="ID")
@db_option
def history(service_id: str, db_path: Path | None) -> None:
    """Show who changed what in one service, and when.

    Example:

    \b
        python -m referral_db history demo-lang-son-shelter
    """
    entries = _edit(db_path).history(service_id)
    if not entries:
        raise click.ClickException(f"no history for {service_id!r}")
    for e in entries:
        click.echo(f"{e['at']}  {e['by']}  {e['field']}: {e['old']!r} -> {e['new']!r}")


@cli.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def backup(target: Path, db_path: Path | None) -> None:
    """Copy the database to TARGET with SQLite's online backup (safe while the bot runs).

    Example:

    \b
        python -m referral_db backup backups/directory-2025-11-22.db
    """
    if target.exists():
        raise click.ClickException(f"{target} exists; choose a new file name")
    _open(db_path).backup(target)
    click.echo(f"backed up to {target}")


def _point(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter("should be LAT,LON such as 21.853,106.761") from None
    return lat, lon


@cli.command()
@db_option
@click.option("--province", default=None, help="Province, old or new name, accents optional.")
@click.option("--commune", default=None, help="Commune or ward (part of its name is enough).")
@click.option("--category", type=click.Choice(CATEGORIES), default=None, help="Kind of service.")
@click.option("--near", callback=_point, default=None, metavar="LAT,LON",
              help="Nearest first from this point.")
@click.option("--text", default=None, help="Words in names and notes, accents optional.")
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True,
              help="At most this many local services.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
@demo_option
def search(
    db_path: Path | None,
    province: str | None,
    commune: str | None,
    category: str | None,
    near: tuple[float, float] | None,
    text: str | None,
    limit: int,
    as_json: bool,
    demo: bool,
) -> None:
    """Search local services exactly as the bot does; national lines are listed after.

    --province takes what people type: a province old or new, a city, town or former
    district ("Nha Trang" finds Khánh Hòa), accents optional.

    Example:

    \b
        python -m referral_db search --province "Bac Lieu" --category shelter
    """
    directory = _open(db_path, demo=demo)
    if province:
        match = resolve_place(province)
        if match is None:
            raise click.ClickException(
                f"{province!r} is not a province, former province, city or district I know"
            )
        if not as_json and (match.place or match.formerly or match.province != province):
            click.echo(f"{province} -> {match.province}"
                       + (f" (including former {match.formerly})" if match.formerly else ""))
        province = match.province
    found = directory.search(
        province=province, commune=commune, category=category, near=near, text=text,
        limit=limit + 1,
    )
    more, found = len(found) > limit, found[:limit]
    national = directory.national_lines()
    others = directory.national_services(category)
    if as_json:
        click.echo(f'{{"services": {_as_json(found)}, "national": {_as_json(national)}, '
                   f'"national_services": {_as_json(others)}}}')
        return
    for service in found:
        click.echo(_line(service))
    if more:
        click.echo(f"(more: raise --limit above {limit})")
    if not found:
        click.echo("no local services match")
    click.echo("national: " + "; ".join(f"{s.name_vi} {', '.join(s.phones)}" for s in national))
    for service in others:
        click.echo("national service: " + _line(service))

