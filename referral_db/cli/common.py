"""What the directory commands share: the --db, --by and --demo options, one option per
column, and opening the directory's read or edit side with a one-line error."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from referral_db.directory import Directory
from referral_db.editor import Editor
from referral_db.errors import DirectoryError
from referral_db.validate import COLUMNS

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


def open_reader(db_path: Path | None, *, demo: bool = False) -> Directory:
    """The directory to read (search, reports, export, backup)."""
    try:
        return Directory(db_path or default_db_path(), demo=demo)
    except DirectoryError as e:
        raise click.ClickException(str(e)) from None


def open_editor(db_path: Path | None) -> Editor:
    """The directory to change, with the audit log."""
    try:
        return Editor(db_path or default_db_path())
    except DirectoryError as e:
        raise click.ClickException(str(e)) from None


def who(by: str | None) -> str:
    try:
        return by or os.environ.get("USER") or getpass.getuser()
    except (OSError, KeyError):  # getuser fails when no user name is known, e.g. containers
        return "unknown"


def given(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}
