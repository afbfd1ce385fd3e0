"""The operators' commands that change the directory, each change in the audit log: init,
import, add, update, verify, deactivate; and history, which reads that log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from referral_db import seed
from referral_db.cli.common import (
    by_option,
    db_option,
    default_db_path,
    field_options,
    given,
    open_editor,
    open_reader,
    who,
)
from referral_db.editor import Editor
from referral_db.errors import DirectoryError, RowsRejected
from referral_db.files import FileFormatError, read_rows
from referral_db.service import Service


@click.command()
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
    before = open_reader(path).count() if path.is_file() else 0
    try:
        seed.ensure(path, strict=True)
    except DirectoryError as e:  # a seed file edited wrongly: one-line error
        raise click.ClickException(str(e)) from None
    count = open_reader(path).count()
    added = count - before
    if not before:
        click.echo(f"{path}: {count} services loaded from the seed data")
    elif added:
        click.echo(f"{path}: {added} services added from new seed files ({count} now)")
    else:
        click.echo(f"{path} already has {before} services; nothing to do")


@click.command(name="import")
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
    editor = open_editor(db_path)
    try:
        counts = editor.import_rows(read_rows(file), by=who(by), dry_run=dry_run)
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


@click.command()
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
    editor = open_editor(db_path)
    try:
        service = editor.add({"id": service_id, **given(fields)}, by=who(by))
    except DirectoryError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"added {service.id}")


@click.command()
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
    changes = given(fields)
    if not changes:
        raise click.UsageError("give at least one field to change, e.g. --hours 24/7")
    _change(db_path, lambda d: d.update(service_id, changes, by=who(by)), "updated")


@click.command()
@click.argument("service_id", metavar="ID")
@db_option
@by_option
def deactivate(service_id: str, db_path: Path | None, by: str | None) -> None:
    """Hide a service from search; it and its history stay in the database.

    Example:

    \b
        python -m referral_db deactivate demo-lang-son-shelter
    """
    _change(db_path, lambda d: d.deactivate(service_id, by=who(by)), "deactivated")


@click.command()
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
    _change(db_path, lambda d: d.verify(service_id, by=who(by)), "verified")


def _change(db_path: Path | None, action: Callable[[Editor], Service], done: str) -> None:
    try:
        service = action(open_editor(db_path))
    except DirectoryError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"{done} {service.id}")


@click.command()
@click.argument("service_id", metavar="ID")
@db_option
def history(service_id: str, db_path: Path | None) -> None:
    """Show who changed what in one service, and when.

    Example:

    \b
        python -m referral_db history demo-lang-son-shelter
    """
    entries = open_editor(db_path).history(service_id)
    if not entries:
        raise click.ClickException(f"no history for {service_id!r}")
    for e in entries:
        click.echo(f"{e['at']}  {e['by']}  {e['field']}: {e['old']!r} -> {e['new']!r}")
